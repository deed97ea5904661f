from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "nqtrack.tracking"
    label = "tracking"
