"""The `nqtrack` console command: every operation, through Django's management commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run `nqtrack <command> [options]`, e.g. `nqtrack load-programme FILE`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nqtrack.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # Commands are spelt with hyphens on the command line (`nqtrack load-programme`); Django's command
        # modules cannot contain hyphens, so they are named with underscores.
        args[0] = args[0].replace("-", "_")
        if args[0] == "help" and len(args) > 1 and not args[1].startswith("-"):
            args[1] = args[1].replace("-", "_")  # `nqtrack help dhis2-codes`
    execute_from_command_line(["nqtrack", *args])


if __name__ == "__main__":
    main()
