from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "nqtrack.observations"
    label = "observations"
