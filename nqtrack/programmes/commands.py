"""The ``--programme`` option of management commands, and the programme it names.

Every command that works on one loaded programme takes ``--programme CODE``; without a code it works on
the only (first) loaded programme. An unknown code, or no programme loaded, stops the command with
``ProgrammeNotFound``'s message and nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get

PROGRAMME_HELP = "mã chương trình (mặc định: chương trình duy nhất)"


def add_programme_argument(
    parser: CommandParser, *, help: str = PROGRAMME_HELP, code_optional: bool = False
) -> None:
    """Add ``--programme CODE`` to the parser (absent: ``None``, the only/first loaded programme).

    With ``code_optional`` the option may also be given bare, ``--programme`` alone, meaning the default
    programme (value ``""``), so that a command can tell “not asked for” (``None``) from “the default”.
    """
    if code_optional:
        parser.add_argument("--programme", nargs="?", const="", default=None, help=help)
    else:
        parser.add_argument("--programme", help=help)


def programme_from_code(code: str | None) -> Programme:
    """The programme with ``code``, or the only/first loaded one when ``code`` is empty or ``None``.

    Raises ``CommandError`` with ``ProgrammeNotFound``'s message when there is no such programme.
    """
    try:
        return programme_get(code=code or None)
    except ProgrammeNotFound as error:
        raise CommandError(str(error)) from error


def programme_from_options(options: Mapping[str, Any]) -> Programme:
    """The programme named by the ``--programme`` option (see ``programme_from_code``)."""
    return programme_from_code(options.get("programme"))
