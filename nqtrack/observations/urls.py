"""URLs of the observations app (entry, import, export, review, audit), mounted at /so-lieu/."""

from django.urls import path

from nqtrack.observations import views

app_name = "observations"
urlpatterns = [
    path("", views.grid, name="grid"),
    path("duyet/", views.review, name="review"),
    path("cho-duyet/", views.queue, name="queue"),
    path("nhap-tep/", views.upload, name="upload"),
    path("nhap-tep/<int:pk>/", views.import_job, name="import_job"),
    path("xuat/", views.export, name="export"),
    path("mau.xlsx", views.template, name="template"),
    path("lich-su/", views.audit, name="audit"),
]
