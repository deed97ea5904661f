from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nqtrack.web"
    label = "web"
