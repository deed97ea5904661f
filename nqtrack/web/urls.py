from django.urls import path

from nqtrack.web import views

app_name = "web"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("chi-tieu/<str:code>/", views.target_detail, name="target"),
    path("chi-tieu/<str:code>/bieu-do.<str:fmt>", views.target_chart_image, name="target_chart"),
    path("so-sanh-don-vi/", views.units, name="units"),
    path("so-sanh-don-vi/ban-do.<str:fmt>", views.units_map_image, name="units_map"),
    path("vung/", views.region, name="region"),
    path("chuong-trinh/", views.portfolio, name="portfolio"),
    path("huong-dan/da-kiem-tra/", views.guide_programme_checked, name="guide_checked"),
]
