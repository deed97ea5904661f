from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nqtrack.core"
    label = "core"
