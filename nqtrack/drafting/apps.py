from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "nqtrack.drafting"
    label = "drafting"
