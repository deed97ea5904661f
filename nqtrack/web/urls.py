from django.urls import path

from nqtrack.web import views

app_name = "web"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("chi-tieu/<str:code>/", views.target_detail, name="target"),
]
