"""Give a test user a role and scopes the way an administrator does: through the accounts services."""

from __future__ import annotations

from django.contrib.auth.models import User

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection, user_set_access


def grant(user: User, role: Role, scope: ScopeSelection) -> User:
    """Set ``user``'s role and scopes as a (shell-authenticated) superuser would; return a fresh object."""
    actor = User.objects.filter(username="test_administrator").first()
    if actor is None:
        actor = User.objects.create_superuser("test_administrator", "admin@example.gov.vn")
    user_set_access(actor=actor, user=user, role=role, scope=scope, active=True)
    return User.objects.get(pk=user.pk)  # fresh: access is memoised on the user object
