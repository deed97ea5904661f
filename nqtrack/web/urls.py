from django.urls import path

from nqtrack.web import moved, views

app_name = "web"
urlpatterns = [
    # Today's short addresses: a redirect to the same page under /ct/<code>/ (nqtrack.web.moved).
    path("", moved.overview, name="overview"),
    path("chi-tieu/<str:code>/", moved.target, name="target"),
    path("chi-tieu/<str:code>/bieu-do.<str:fmt>", moved.target_chart, name="target_chart"),
    path("so-sanh-don-vi/", moved.units, name="units"),
    path("so-sanh-don-vi/ban-do.<str:fmt>", moved.units_map, name="units_map"),
    path("vung/", moved.region, name="region"),
    path("chuong-trinh/", views.portfolio, name="portfolio"),
    path("huong-dan/da-kiem-tra/", views.guide_programme_checked, name="guide_checked"),
]
