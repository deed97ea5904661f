"""Writing the audit log of figures (append-only; read through ``selectors.audit_*``)."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from nqtrack.core.bulk_insert import bulk_insert
from nqtrack.core.users import AnyUser
from nqtrack.observations.models import AuditEntry, Observation


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts and through which channel (web, file, dhis2, cli)."""

    user_id: int | None
    name: str
    channel: str


def actor_for(*, user: AnyUser | None, channel: str) -> Actor:
    """The actor of a change; a shell command without a user acts as its operating-system account."""
    if user is not None and user.is_authenticated:
        return Actor(user_id=user.pk, name=user.get_username(), channel=channel)
    try:
        account = getpass.getuser()
    except OSError:  # no user name in the environment (some containers)
        account = "?"
    return Actor(user_id=None, name=f"cli:{account}", channel=channel)


def snapshot(obs: Observation) -> dict[str, Any]:
    """The audited facts of a figure."""
    return {
        "value": obs.value_text,
        "status": obs.status,
        "source": obs.source_document or obs.source_url,
        "comment": obs.comment,
        "review_state": obs.review_state,
        "version": obs.version,
    }


def audit_entry(
    actor: Actor,
    action: str,
    obs: Observation,
    *,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    reason: str = "",
    source: str = "",
) -> AuditEntry:
    """An unsaved audit entry for a change of ``obs``."""
    group = obs.indicator.group
    return AuditEntry(
        at=timezone.now(),
        user_id=actor.user_id,
        actor=actor.name,
        channel=actor.channel,
        action=action,
        programme_id=obs.indicator.programme_id,
        observation_id=obs.pk,
        indicator_id=obs.indicator_id,
        unit_id=obs.unit_id,
        period=obs.period,
        year=obs.year,
        group_number=group.number if group is not None else None,
        old=old,
        new=new,
        reason=reason,
        source=source[:300],
    )


def audit_write(entries: Iterable[AuditEntry]) -> None:
    """Add ``entries`` to the log in the caller's transaction (a nationwide import writes one per figure:
    ``bulk_insert`` spares them the ORM's per-value compilation)."""
    bulk_insert(list(entries))
