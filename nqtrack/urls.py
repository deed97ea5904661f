from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("so-lieu/", include("nqtrack.observations.urls")),
    path("nhiem-vu/", include("nqtrack.tracking.urls")),
    path("tai-khoan/", include("nqtrack.accounts.urls")),
    path("cong-khai/", include("nqtrack.web.public_urls")),
    path("bao-cao/", include("nqtrack.reports.urls")),
    path("", include("nqtrack.web.urls")),
]
