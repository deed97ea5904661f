"""The personal access tokens page, in the account menu (mounted at /tai-khoan/ma-truy-cap/)."""

from django.urls import path

from nqtrack.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens_page, name="list"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
