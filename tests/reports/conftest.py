"""The real report: the seed programme, units and published figures, reported on 31/12/2025.

Built once per test session (figures, charts, DOCX) inside a transaction that is rolled back, so the
database stays empty for the other tests; the content and the DOCX are plain bytes and dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction

from nqtrack.domain.report_content import ReportContent, ReportKind
from nqtrack.observations.services import observations_import_file
from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from nqtrack.reports.charts import chart_png
from nqtrack.reports.content import report_content_build
from nqtrack.reports.render_docx import render_docx
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS, SEED_UNITS

AS_OF = date(2025, 12, 31)


@dataclass(frozen=True, slots=True)
class RealReport:
    content: ReportContent
    docx: bytes


def _on_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return name.startswith("test_") or "memory" in name


@pytest.fixture(scope="session")
def real_report(django_db_setup: None, django_db_blocker: Any) -> RealReport:
    """The "sơ kết 3 năm 2022–2025" of the seed programme, with charts, and its DOCX.

    pytest-django creates the test database only when a collected test is marked django_db: every module
    using this fixture carries that mark, and the guard below refuses to touch any other database.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        if not _on_test_database():
            pytest.fail("real_report needs the test database: mark the test module django_db")
        units_load_history(csv_path=SEED_UNITS)
        programme = programme_load_file(path=SEED_PROGRAMME).programme
        observations_import_file(path=SEED_STATISTICS, programme=programme)
        content = report_content_build(
            user=None, programme=programme, as_of=AS_OF, kind=ReportKind.SO_KET, chart=chart_png
        )
        transaction.set_rollback(True)
    return RealReport(content=content, docx=render_docx(content))


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    """The seed programme with the published figures (function scope, for tests that write)."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme
