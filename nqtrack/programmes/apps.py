from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "nqtrack.programmes"
    label = "programmes"
