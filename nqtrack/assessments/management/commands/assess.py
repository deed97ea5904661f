from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nqtrack.assessments.selectors import Overview, programme_overview
from nqtrack.domain.progress import ProgressInputError, assess_json
from nqtrack.domain.progress.text import STATUS_LABELS
from nqtrack.domain.report_text import figure_text
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.observations.territory import TerritoryValue, former_territory_values, territory_gaps
from nqtrack.programmes.commands import add_programme_argument, programme_from_options


class Command(BaseCommand):
    help = (
        "Đánh giá tiến độ một chỉ tiêu từ tài liệu JSON (stdin hoặc --input), hoặc mọi chỉ tiêu của chương "
        "trình (--programme). Assess a target from JSON, or every target of the programme."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", type=Path, help="tệp JSON (mặc định: đọc stdin)")
        add_programme_argument(parser, help="đánh giá mọi chỉ tiêu của chương trình", code_optional=True)
        parser.add_argument("--as-of", type=int, help="chỉ dùng số liệu đến năm này")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["programme"] is not None:
            programme = programme_from_options(options)
            overview = programme_overview(programme=programme, as_of=options["as_of"])
            territory = former_territory_values(programme=programme)
            self.stdout.write(_table(overview, territory, options["as_of"]))
            return
        self.stdout.write(json.dumps(_assess_document(options["input"]), ensure_ascii=False, indent=2))


def _assess_document(path: Path | None) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8") if path else sys.stdin.read()
        return assess_json(json.loads(text))
    except OSError as error:
        raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise CommandError(
            f"JSON không hợp lệ ở dòng {error.lineno}, cột {error.colno}: {error.msg}"
        ) from error
    except ProgressInputError as error:
        raise CommandError(f"Dữ liệu vào không hợp lệ: {error}") from error


def _table(overview: Overview, territory: dict[int, dict[int, TerritoryValue]], as_of: int | None) -> str:
    """One line per target: code, status, latest value, and the yearly growth or change still needed.

    The table is read by people: its numbers are written the Vietnamese way (1.234,5), the latest figure
    with its published precision; the JSON of a single assessment keeps machine-readable dots. After the
    merger a year the former territory's communes could not make up (``territory``, the sums of
    ``former_territory_values``) is said after the explanation, in the target page's words."""
    lines = [
        f"{'chỉ tiêu':<42} {'trạng thái':<19} {'mới nhất':>16} {'cần/năm (thấp–cao)':>22}  lý do / giải thích"
    ]
    for group in overview.groups:
        for row in group.targets:
            a = row.assessment
            obs = row.latest
            latest = f"{figure_text(obs.value_text)} ({obs.year})" if obs is not None else "—"
            need = a.required_per_year
            needed = "–".join(format_vn_number(v, 2) if v is not None else "·" for v in (need.low, need.high))
            gaps = territory_gaps(
                values=territory.get(row.target.indicator_id, {}), series_years=row.series.keys(), as_of=as_of
            )
            said = " ".join(text for text in (a.reason or a.explanation_vi, *gaps) if text)
            lines.append(f"{row.target.code:<42} {a.status:<19} {latest:>16} {needed:>22}  {said}")
    # The summary is a sentence: statuses in their words (the column above keeps the codes of the JSON).
    counts = "; ".join(f"{STATUS_LABELS[status][0]}: {n}" for status, n in overview.counts.items() if n)
    lines.append(f"Tổng: {sum(overview.counts.values())} chỉ tiêu — {counts}")
    return "\n".join(lines)
