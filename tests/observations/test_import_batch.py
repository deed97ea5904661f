"""An import of published figures is audited by its batch: one row per file (who, when, which file and
checksum, counts), each new figure linked to it; the figure's history still says who wrote it, from
which file and line, when. Changes made afterwards are audited per value as before."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from nqtrack.observations.entries import observations_import_entries
from nqtrack.observations.models import AuditEntry, ImportBatch, Observation
from nqtrack.observations.readers import read_statistics_csv
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.observations.selectors import figure_history
from nqtrack.observations.services import ImportRejected, observations_import, observations_import_file
from nqtrack.programmes.models import Programme
from tests.observations.conftest import record, state

pytestmark = pytest.mark.django_db

HEADER = "indicator,year,value,unit,status,source_url,published,quote,note\r\n"
ROWS = (
    "forest_cover,2024,38.1,percent,official,https://bacgiang.gov.vn/nien-giam,2025-03-01,che phủ 38.1%,\r\n"
    "forest_cover,2023,38.4,percent,estimate,https://bacgiang.gov.vn/nien-giam,2025-03-01,ước 38.4%,\r\n"
)
AT = datetime(2026, 3, 2, 8, 30, 15, tzinfo=UTC)


def write(tmp_path: Path, body: str, name: str = "nien-giam-2024.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode())
    return path


@pytest.fixture
def imported(programme: Programme, alice: User, tmp_path: Path) -> Path:
    """Alice's import of a file of two figures, at ``AT``."""
    path = write(tmp_path, ROWS)
    with time_machine.travel(AT, tick=False):
        summary = observations_import_file(path=path, programme=programme, user=alice, channel="file")
    assert (summary.created, summary.unchanged, summary.errors) == (2, 0, [])
    return path


def forest_2024() -> Observation:
    return Observation.objects.get(origin="published", statistics_key="forest_cover", year=2024)


def test_the_history_of_an_imported_figure_names_its_user_file_line_time_and_checksum(
    imported: Path, alice: User
) -> None:
    checksum = hashlib.sha256(imported.read_bytes()).hexdigest()
    [batch] = ImportBatch.objects.all()
    assert (
        batch.user,
        batch.actor,
        batch.channel,
        batch.at,
        batch.filename,
        batch.checksum,
        batch.rows_read,
        batch.created,
        batch.unchanged,
    ) == (alice, "alice", "file", AT, "nien-giam-2024.csv", checksum, 2, 2, 0)
    assert set(Observation.objects.values_list("import_batch", flat=True)) == {batch.pk}
    # No CREATE entry per figure: the batch is the record.
    assert AuditEntry.objects.count() == 0

    obs = forest_2024()
    [line] = figure_history(user=alice, observation=obs)
    assert line.batch is not None
    assert (
        line.action,
        line.user_id,
        line.actor,
        line.channel,
        line.at,
        line.source,
        line.batch.checksum,
        line.observation_id,
        record(line.new)["value"],
    ) == ("create", alice.pk, "alice", "file", AT, "nien-giam-2024.csv, dòng 2", checksum, obs.pk, "38.1")


def test_the_audit_page_shows_the_import_as_the_figure_s_first_line(
    imported: Path, alice: User, client: Client
) -> None:
    client.force_login(alice)
    page = client.get("/so-lieu/lich-su/?don_vi=24&chi_tieu=forest_cover&ky=2024").content.decode()
    checksum = hashlib.sha256(imported.read_bytes()).hexdigest()
    assert '<tr data-action="create">' in page
    assert "<td>alice</td>" in page
    assert "nien-giam-2024.csv, dòng 2" in page
    assert f'SHA-256 <span class="checksum">{checksum}</span>' in page
    unit_page = client.get("/so-lieu/lich-su/?don_vi=24").content.decode()
    assert unit_page.count('<tr data-action="create">') == 2


def test_a_rejected_file_writes_no_batch_and_no_figure(
    imported: Path, programme: Programme, alice: User, tmp_path: Path
) -> None:
    before = (state(), list(ImportBatch.objects.values_list("id", "created")))
    bad = write(tmp_path, ROWS.replace("38.4", "x"), "xau.csv")
    with pytest.raises(ImportRejected) as rejected:
        observations_import_file(path=bad, programme=programme, user=alice, channel="file")
    assert [(e.row, e.column) for e in rejected.value.summary.errors] == [(3, "value")]
    assert (state(), list(ImportBatch.objects.values_list("id", "created"))) == before


def test_a_dry_run_writes_no_batch(programme: Programme, alice: User, tmp_path: Path) -> None:
    summary = observations_import_file(
        path=write(tmp_path, ROWS), programme=programme, user=alice, channel="file", dry_run=True
    )
    assert (summary.created, ImportBatch.objects.count(), Observation.objects.count()) == (2, 0, 0)


def test_rows_given_without_a_file_are_checksummed_by_their_content(programme: Programme) -> None:
    read = read_statistics_csv(HEADER + ROWS)
    observations_import(rows=read.rows, errors=[], filename="api", programme=programme)
    observations_import(rows=read.rows, errors=[], filename="api", programme=programme)
    first, again = ImportBatch.objects.order_by("id")
    assert (first.created, again.created, again.unchanged) == (2, 0, 2)
    assert first.checksum == again.checksum
    assert len(first.checksum) == 64
    assert first.actor.startswith("cli:")


def test_a_later_change_of_the_cell_is_audited_per_value(imported: Path, alice: User) -> None:
    def enter(value: str) -> None:
        observations_import_entries(
            user=alice,
            programme=forest_2024().indicator.programme,
            read=EntryRead(rows=[EntryRow(2, "forest_cover", "24", "2024", Decimal(value), value)]),
            channel="web",
            filename="luoi",
            dry_run=False,
        )

    enter("38.3")
    enter("38.5")
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "actor", "channel"))
    assert entries == [("create", "alice", "web"), ("update", "alice", "web")]
    history = figure_history(user=alice, observation=forest_2024())
    assert [(h.action, h.source.split(",")[0], h.batch is not None) for h in history] == [
        ("create", "nien-giam-2024.csv", True),
        ("create", "luoi", False),
        ("update", "luoi", False),
    ]
