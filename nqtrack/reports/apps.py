from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "nqtrack.reports"
    label = "reports"
