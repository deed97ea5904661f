from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "nqtrack.places"
    label = "places"
