"""The public transparency page (mounted at /cong-khai/)."""

from django.urls import path

from nqtrack.web import views

app_name = "public"
urlpatterns = [path("", views.public_index, name="index")]
