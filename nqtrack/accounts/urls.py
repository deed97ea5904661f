"""URLs of the accounts app (mounted at /tai-khoan/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from nqtrack.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("hai-buoc/", views.otp_verify, name="otp_verify"),
    path("hai-buoc/thiet-lap/", views.otp_setup, name="otp_setup"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path(
        "dat-lai/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("nguoi-dung/", views.user_list, name="users"),
    path("nguoi-dung/moi/", views.user_invite, name="user_invite"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("tep/<slug:area>/<path:name>", views.protected_file, name="file"),
]
