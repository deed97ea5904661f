"""URLs of the reports app, mounted at /bao-cao/."""

from django.urls import path

from nqtrack.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("tao/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/tien-do/", views.report_progress, name="progress"),
    path("<int:pk>/tai-ve/", views.report_download, name="download"),
    path("mau/", views.template_list, name="templates"),
    path("mau/mac-dinh.docx", views.template_builtin, name="template_builtin"),
    path("mau/<int:pk>/tai-ve/", views.template_download, name="template_download"),
]
