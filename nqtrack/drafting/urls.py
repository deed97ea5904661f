"""URLs of the draft review, mounted at /chuong-trinh/du-thao/."""

from django.urls import path

from nqtrack.drafting import views

app_name = "drafting"
urlpatterns = [
    path("", views.drafts, name="drafts"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/ban-nhap.yaml", views.download, name="download"),
    path("<int:pk>/tai-len/", views.replace, name="replace"),
    path("<int:pk>/nap/", views.load, name="load"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
]
