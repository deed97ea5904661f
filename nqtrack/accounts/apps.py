from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nqtrack.accounts"
    label = "accounts"
