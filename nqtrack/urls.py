from django.urls import include, path

# A BadParameter (nqtrack/core/params.py) is answered with its Vietnamese message.
handler400 = "nqtrack.web.errors.bad_request"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("so-lieu/", include("nqtrack.observations.urls")),
    path("nhiem-vu/", include("nqtrack.tracking.urls")),
    path("tai-khoan/", include("nqtrack.accounts.urls")),
    path("cong-khai/", include("nqtrack.web.public_urls")),
    path("bao-cao/", include("nqtrack.reports.urls")),
    path("chuong-trinh/du-thao/", include("nqtrack.drafting.urls")),
    path("ct/<slug:programme_code>/", include("nqtrack.web.programme_urls")),
    path("api/", include("nqtrack.api.urls")),
    path("tai-khoan/ma-truy-cap/", include("nqtrack.api.page_urls")),
    path("", include("nqtrack.web.urls")),
]
