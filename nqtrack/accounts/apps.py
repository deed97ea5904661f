from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nqtrack.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from nqtrack.accounts import checks  # noqa: F401 - registers the deploy check on demo users
        from nqtrack.accounts.files import register_file_area
        from nqtrack.accounts.scopes import can_manage_programme, trees_changed
        from nqtrack.places.models import AdminUnit, UnitSuccession
        from nqtrack.programmes.models import Organisation

        # The cached expansion of the scopes (scopes.py) follows the unit and organisation trees: a row
        # saved or removed moves the pages' version it is keyed by (the unit loads move it themselves).
        for model in (AdminUnit, UnitSuccession, Organisation):
            for signal in (post_save, post_delete):
                signal.connect(trees_changed, sender=model, dispatch_uid=f"scopes.{model.__name__}")

        # Internal uploads (import files and the like): programme managers and administrators only.
        register_file_area("noi-bo", lambda user, _name: can_manage_programme(user=user))
