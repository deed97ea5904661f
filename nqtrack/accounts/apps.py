from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nqtrack.accounts"
    label = "accounts"

    def ready(self) -> None:
        from nqtrack.accounts import checks  # noqa: F401 - registers the deploy check on demo users
        from nqtrack.accounts.files import register_file_area
        from nqtrack.accounts.scopes import can_manage_programme

        # Internal uploads (import files and the like): programme managers and administrators only.
        register_file_area("noi-bo", lambda user, _name: can_manage_programme(user=user))
