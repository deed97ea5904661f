from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.domain.programme import ProgrammeFileError
from nqtrack.programmes.drafts import DocumentError, programme_draft_file


class Command(BaseCommand):
    help = (
        "Soạn bản nháp tệp chương trình từ văn bản chương trình (.docx, .pdf có lớp chữ, .txt, .md). "
        "Draft a programme file from a programme document."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="văn bản chương trình")
        parser.add_argument("--out", type=Path, required=True, help="tệp YAML bản nháp sẽ viết")
        parser.add_argument(
            "--text",
            type=Path,
            default=None,
            help="viết thêm chữ của văn bản (vị trí trong bản nháp tính theo nó)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            summary = programme_draft_file(path=options["file"], out=out, text_out=options["text"])
        except DocumentError as error:
            raise CommandError(str(error)) from error
        except ProgrammeFileError as error:
            raise CommandError(f"Bản nháp không hợp lệ, chưa viết tệp:\n{error}") from error
        except OSError as error:
            raise CommandError(f"Không viết được tệp {out}: {error.strerror}") from error
        self.stdout.write(summary.message(out))
