"""The seed programme file encodes its source document completely and verbatim.

Pure tests: they read ``programmes/bac-giang-11-nqtw.yaml`` with PyYAML and compare it with the OCR text
``programmes/bac-giang-11-nqtw.source.txt`` and the reference data in ``data/``. No Django, no nqtrack code.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = ROOT / "programmes" / "bac-giang-11-nqtw.yaml"
SOURCE = ROOT / "programmes" / "bac-giang-11-nqtw.source.txt"
STATISTICS = ROOT / "data" / "bac-giang-statistics.csv"
STATISTICS_2 = ROOT / "data" / "bac-giang-statistics-2.csv"
ADMIN_UNITS = ROOT / "data" / "bac-giang-admin-units.csv"

KINDS = {"level", "average_growth", "annual_change", "share"}
# The bounds each comparator needs (docs/programme-format.md, "Targets").
REQUIRED_BOUNDS = {
    "range": ("low", "high"),
    "at_least": ("low",),
    "more_than": ("low",),
    "equal": ("low",),
    "about": ("low",),
    "at_most": ("high",),
    "less_than": ("high",),
}
UNITS = {
    "percent", "percentage_points", "billion_vnd", "million_vnd", "usd", "billion_usd", "persons",
    "households", "hectares", "count", "rank", "beds_per_10000", "doctors_per_10000", "percent_per_year",
    "percentage_points_per_year", "districts", "percent_of_target",
}  # fmt: skip

# code: (kind, comparator, low, high, year or period)
EXPECTED_TARGETS = {
    "grdp_growth_2021_2030": ("average_growth", "about", 15, 16, [2021, 2030]),
    "share_industry_construction_2030": ("share", "about", 66, 67, 2030),
    "share_industry_2030": ("share", "about", 60, None, 2030),
    "share_agriculture_2030": ("share", "about", 6, 7, 2030),
    "share_services_2030": ("share", "range", 24, 25, 2030),
    "share_product_taxes_2030": ("share", "about", 2, 3, 2030),
    "grdp_current_prices_2030": ("level", "about", 640000, None, 2030),
    "grdp_per_capita_2030": ("level", "about", 275, None, 2030),
    "budget_revenue_growth_2021_2030": ("average_growth", "more_than", 18, None, [2021, 2030]),
    "urbanisation_rate_2030": ("level", "about", 55, 60, 2030),
    "nrd_districts_2030": ("level", "at_least", 8, None, 2030),
    "nrd_communes_share_2030": ("level", "at_least", 95, None, 2030),
    "nrd_communes_advanced_share_2030": ("level", "about", 60, None, 2030),
    "nrd_communes_model_share_2030": ("level", "at_least", 30, None, 2030),
    "hospital_beds_per_10000_2030": ("level", "at_least", 40, None, 2030),
    "doctors_per_10000_2030": ("level", "at_least", 15, None, 2030),
    "commune_health_stations_ncd_2030": ("level", "equal", 100, None, 2030),
    "health_insurance_coverage_2030": ("level", "at_least", 99, None, 2030),
    "poverty_rate_reduction_2021_2030": ("annual_change", "range", 1, 1.5, [2021, 2030]),
    "trained_labour_2030": ("level", "more_than", 90, None, 2030),
    "trained_labour_certified_2030": ("level", "about", 40, 45, 2030),
    "clean_water_2030": ("level", "at_least", 92, None, 2030),
    "clean_water_urban_2030": ("level", "equal", 100, None, 2030),
    "clean_water_rural_2030": ("level", "at_least", 90, None, 2030),
    "solid_waste_treated_2030": ("level", "more_than", 95, None, 2030),
    "solid_waste_treated_urban_2030": ("level", "equal", 100, None, 2030),
    "solid_waste_treated_rural_2030": ("level", "more_than", 90, None, 2030),
    "central_wastewater_treatment_2030": ("level", "equal", 100, None, 2030),
    "forest_cover_2030": ("level", "at_least", 37, None, 2030),
}

# code: (due, units)
EXPECTED_MILESTONES = {
    "grdp_size_top_15": ("2030", []),
    "bac_giang_city_urban_class_1": ("2030", ["213"]),
    "viet_yen_hiep_hoa_become_towns": ("2030", ["222", "223"]),
    "chu_town_becomes_thi_xa": ("2030", ["07525"]),
    "voi_township_urban_class_4": ("2030", ["07375"]),
    "son_dong_out_of_poverty": ("2025", ["220"]),
}

_NUMBERED_HEADING = re.compile(r"^(?:[IVX]+-|\d+\.)\s")


# -- the source document -------------------------------------------------------------------------------------


def strip_artefacts(text: str) -> str:
    """The OCR text without its stray marks and italics asterisks, in NFC."""
    text = unicodedata.normalize("NFC", text)
    for mark in ("*2**", "*M*"):
        text = text.replace(mark, "")
    return text.replace("*", "")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def _is_heading(block: str) -> bool:
    return bool(_NUMBERED_HEADING.match(block)) and len(block) < 200 and not block.endswith(".")


def body_paragraphs(text: str) -> list[str]:
    """Paragraphs of sections I–IV; a block that stops mid-sentence is joined to the next one."""
    text = strip_artefacts(text)
    body = text[text.index("I- MỤC ĐÍCH, YÊU CẦU") : text.index("Nơi nhận:")]
    paragraphs: list[str] = []
    pending = ""
    for raw in re.split(r"\n\s*\n", body):
        block = squash(f"{pending} {raw}")
        pending = ""
        if not block:
            continue
        if not _is_heading(block) and not re.search(r"[.;:!?]$", block):
            pending = block
            continue
        paragraphs.append(block)
    assert pending == "", f"unterminated paragraph: {pending!r}"
    return paragraphs


def split_sections(paragraphs: list[str]) -> dict[str, list[str]]:
    """Group paragraphs under their heading: "I", "II.1", "II.2", "II.3", "III.1" … "III.6", "IV"."""
    sections: dict[str, list[str]] = {}
    part = ""
    current = ""
    for paragraph in paragraphs:
        part_match = re.match(r"^([IVX]+)- ", paragraph)
        if part_match:
            part = current = part_match.group(1)
            sections[current] = []
        elif part in ("II", "III") and _is_heading(paragraph):
            current = f"{part}.{paragraph.split('.', 1)[0]}"
            sections[current] = [paragraph.split(". ", 1)[1]]  # the heading's title comes first
        else:
            sections[current].append(paragraph)
    return sections


def numbered(paragraphs: list[str], pattern: str) -> dict[int, str]:
    """Numbered items ("1. …" or "(1) …") by number, without their number."""
    items: dict[int, str] = {}
    for paragraph in paragraphs:
        match = re.match(pattern, paragraph)
        assert match, f"not a numbered item: {paragraph[:60]!r}"
        items[int(match.group(1))] = match.group(2)
    return items


# -- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document(raw_source: str) -> str:
    """The whole document, artefacts stripped and whitespace collapsed."""
    return squash(strip_artefacts(raw_source))


@pytest.fixture(scope="module")
def sections(raw_source: str) -> dict[str, list[str]]:
    return split_sections(body_paragraphs(raw_source))


@pytest.fixture(scope="module")
def programme() -> dict[str, Any]:
    data = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def all_indicators(programme: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for group in programme["indicator_groups"]:
        yield from group.get("indicators", [])
    yield from programme.get("supporting_indicators", [])


def all_targets(programme: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        target
        for group in programme["indicator_groups"]
        for indicator in group.get("indicators", [])
        for target in indicator.get("targets", [])
    ]


def all_milestones(programme: dict[str, Any]) -> list[dict[str, Any]]:
    return [milestone for group in programme["indicator_groups"] for milestone in group.get("milestones", [])]


def all_tasks(programme: dict[str, Any]) -> list[dict[str, Any]]:
    return [task for group in programme["task_groups"] for task in group["tasks"]]


def text_fields(programme: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every field that must be verbatim from the document."""
    yield "preamble", programme["preamble"]
    for purpose in programme["purposes"]:
        yield f"purposes.{purpose['number']}", purpose["text"]
    for index, paragraph in enumerate(programme["general_objective"]):
        yield f"general_objective.{index}", paragraph
    yield "vision", programme["vision"]["text"]
    for group in programme["indicator_groups"]:
        yield f"indicator_groups.{group['number']}", group["text"]
    for target in all_targets(programme):
        yield f"target:{target['code']}", target["source_text"]
    for milestone in all_milestones(programme):
        yield f"milestone:{milestone['code']}", milestone["text"]
    for group in programme["task_groups"]:
        yield f"task_groups.{group['number']}.title", group["title"]
    for task in all_tasks(programme):
        yield f"task:{task['code']}", task["text"]
    for assignment in programme["assignments"]:
        yield f"assignment:{assignment['number']}", assignment["text"]
    for doc in programme["documents"]:
        yield f"document:{doc['code']}", doc["title"]


def admin_codes(snapshot: str = "2022-10-01") -> set[str]:
    with ADMIN_UNITS.open(encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle) if row["snapshot_date"] == snapshot}


# -- the file as a whole -------------------------------------------------------------------------------------


def test_file_is_nfc_and_has_the_format_header(programme: dict[str, Any]) -> None:
    text = PROGRAMME.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert programme["format"] == "nqtrack-programme/1"
    assert programme["code"] == "bac-giang-11-nqtw"


def test_identity(programme: dict[str, Any], document: str) -> None:
    identity = programme["identity"]
    assert identity["issuer"] == "Ban Thường vụ Tỉnh ủy Bắc Giang"
    assert identity["issuer_kind"] == "party"
    assert identity["number"] is None
    assert identity["date"] is None
    assert identity["implements"] == "11-NQ/TW"
    assert identity["province_code"] == "24"
    assert identity["period"] == [2021, 2030]
    assert identity["base_year"] == 2020
    assert identity["signed_by"]["name"] == "Đương Văn Thái"
    # The title is printed in capitals on its first line ("CHƯƠNG TRÌNH HÀNH ĐỘNG").
    assert identity["title"].casefold() in document.casefold()
    for line in identity["signed_by"]["title"].split(", "):
        assert line in document


def test_every_text_is_nfc_and_verbatim(programme: dict[str, Any], document: str) -> None:
    fields = list(text_fields(programme))
    assert len(fields) == 1 + 3 + 3 + 1 + 12 + 29 + 6 + 6 + 33 + 6 + 10
    not_nfc = [where for where, text in fields if not unicodedata.is_normalized("NFC", text)]
    assert not_nfc == []
    not_verbatim = [where for where, text in fields if squash(text) not in document]
    assert not_verbatim == []
    untidy = [where for where, text in fields if text != squash(text) or "*" in text]
    assert untidy == []


# -- sections I and II ---------------------------------------------------------------------------------------


def test_purposes_general_objective_and_vision(
    programme: dict[str, Any], sections: dict[str, list[str]]
) -> None:
    purposes = numbered(sections["I"], r"^(\d+)\. (.*)$")
    assert list(purposes) == [1, 2, 3]
    assert {p["number"]: p["text"] for p in programme["purposes"]} == purposes
    assert sections["II.1"][0] == "Mục tiêu tổng quát"
    assert programme["general_objective"] == sections["II.1"][1:]
    assert len(programme["general_objective"]) == 3
    assert sections["II.3"][0] == "Tầm nhìn đến năm 2045"
    assert programme["vision"] == {"year": 2045, "text": sections["II.3"][1]}
    assert len(sections["II.3"]) == 2


def test_every_indicator_item_is_a_group(programme: dict[str, Any], sections: dict[str, list[str]]) -> None:
    assert sections["II.2"][0] == "Một số chỉ tiêu cụ thể đến năm 2030"
    items = numbered(sections["II.2"][1:], r"^\((\d+)\) (.*)$")
    assert list(items) == list(range(1, 13))
    groups = programme["indicator_groups"]
    assert [g["number"] for g in groups] == list(range(1, 13))
    assert {g["number"]: g["text"] for g in groups} == items


def test_exactly_29_targets(programme: dict[str, Any]) -> None:
    targets = all_targets(programme)
    assert len(targets) == 29
    per_group = [
        sum(len(i.get("targets", [])) for i in g.get("indicators", [])) for g in programme["indicator_groups"]
    ]
    assert per_group == [6, 2, 1, 1, 4, 4, 1, 2, 3, 3, 1, 1]
    actual = {
        t["code"]: (t["kind"], t["comparator"], t.get("low"), t.get("high"), t.get("period", t.get("year")))
        for t in targets
    }
    assert actual == EXPECTED_TARGETS


def _target_problems(target: dict[str, Any], codes: set[str]) -> Iterator[str]:
    if target["kind"] not in KINDS:
        yield "kind"
    if target["comparator"] not in REQUIRED_BOUNDS:
        yield "comparator"
        return
    for bound in REQUIRED_BOUNDS[target["comparator"]]:
        if not isinstance(target.get(bound), int | float):
            yield f"missing {bound}"
    if "low" in target and "high" in target and target["low"] > target["high"]:
        yield "low > high"
    timing = "period" if target["kind"] in ("average_growth", "annual_change") else "year"
    if timing not in target:
        yield f"missing {timing}"
    if target.get("unit", "percent") not in UNITS:
        yield "unit"
    if target.get("part_of") is not None and target["part_of"] not in codes:
        yield "part_of"


def test_targets_are_well_formed(programme: dict[str, Any]) -> None:
    codes = {t["code"] for t in all_targets(programme)}
    problems = {t["code"]: list(_target_problems(t, codes)) for t in all_targets(programme)}
    assert {code: found for code, found in problems.items() if found} == {}


def test_source_text_is_a_clause_of_its_item(programme: dict[str, Any]) -> None:
    outside = [
        target["code"]
        for group in programme["indicator_groups"]
        for indicator in group.get("indicators", [])
        for target in indicator.get("targets", [])
        if target["source_text"] not in group["text"]
    ]
    assert outside == []


def test_indicators_are_well_formed(programme: dict[str, Any]) -> None:
    indicators = list(all_indicators(programme))
    assert [i for i in indicators if i["unit"] not in UNITS] == []
    assert [i["code"] for i in indicators if i["direction"] not in ("higher", "lower")] == []
    lower = sorted(i["code"] for i in indicators if i["direction"] == "lower")
    assert lower == [
        "economy_size_rank",
        "grdp_growth_rank",
        "industrial_clusters_without_wastewater",
        "labour_share_agriculture",
        "near_poor_households",
        "near_poor_rate",
        "poor_households",
        "poor_households_zero_target",
        "poverty_rate",
        "poverty_rate_change",
        "poverty_rate_special_communes",
        "share_agriculture",  # the farm share falls towards 6-7 % as the economy industrialises
    ]
    assert [i["code"] for i in indicators if not re.fullmatch(r"[a-z0-9_]+", i["code"])] == []


def test_milestones(programme: dict[str, Any]) -> None:
    milestones = all_milestones(programme)
    assert {m["code"]: (m["due"], m.get("units", [])) for m in milestones} == EXPECTED_MILESTONES
    known = admin_codes()
    assert [u for m in milestones for u in m.get("units", []) if u not in known] == []


# -- published statistics ------------------------------------------------------------------------------------


def test_every_statistics_key_is_claimed_exactly_once(programme: dict[str, Any]) -> None:
    published: set[str] = set()
    for path in (STATISTICS, STATISTICS_2):
        with path.open(encoding="utf-8", newline="") as handle:
            published |= {row["indicator"] for row in csv.DictReader(handle)}
    claims = Counter(
        entry["key"] for i in all_indicators(programme) for entry in i.get("statistics_keys", [])
    )
    assert set(claims) == published
    assert {key: n for key, n in claims.items() if n != 1} == {}


def test_statistics_keys_use_the_object_form(programme: dict[str, Any]) -> None:
    entries = [entry for i in all_indicators(programme) for entry in i.get("statistics_keys", [])]
    assert [e for e in entries if not isinstance(e, dict) or set(e) - {"key", "unit_code"}] == []
    known = admin_codes()
    assert [e for e in entries if "unit_code" in e and e["unit_code"] not in known] == []
    poverty = next(i for i in all_indicators(programme) if i["code"] == "poverty_rate")
    assert poverty["statistics_keys"] == [
        {"key": "poverty_rate"},
        {"key": "poverty_rate_son_dong", "unit_code": "220"},
    ]


# -- section III ---------------------------------------------------------------------------------------------


def test_every_task_paragraph_is_a_task(programme: dict[str, Any], sections: dict[str, list[str]]) -> None:
    groups = programme["task_groups"]
    assert [g["number"] for g in groups] == list(range(1, 7))
    for group in groups:
        title, *paragraphs = sections[f"III.{group['number']}"]
        assert group["title"] == title
        assert [t["text"] for t in group["tasks"]] == paragraphs
        assert [t["code"] for t in group["tasks"]] == [
            f"III.{group['number']}.{n}" for n in range(1, len(paragraphs) + 1)
        ]
    assert [len(g["tasks"]) for g in groups] == [3, 5, 10, 6, 5, 4]


def test_tasks_are_recurring_and_reference_known_documents(programme: dict[str, Any]) -> None:
    tasks = all_tasks(programme)
    assert {t.get("kind", "recurring") for t in tasks} == {"recurring"}
    documents = {d["code"] for d in programme["documents"]}
    referenced = [code for t in tasks for code in t.get("documents", [])]
    assert [code for code in referenced if code not in documents] == []
    assert set(referenced) == documents - {"05-KH/TW"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def test_key_projects_are_named_in_their_task(programme: dict[str, Any]) -> None:
    projects = [(task, project) for task in all_tasks(programme) for project in task.get("key_projects", [])]
    assert len(projects) == 26
    strays = [p["code"] for task, p in projects if not _words(p["name"]) <= _words(task["text"])]
    assert strays == []
    assert [p["code"] for _, p in projects if not p.get("kind")] == []


def test_codes_are_unique(programme: dict[str, Any]) -> None:
    entries = [
        *(i["code"] for i in all_indicators(programme)),
        *(t["code"] for t in all_targets(programme)),
        *(m["code"] for m in all_milestones(programme)),
        *(p["code"] for t in all_tasks(programme) for p in t.get("key_projects", [])),
    ]
    assert [code for code, n in Counter(entries).items() if n > 1] == []
    for codes in (
        [t["code"] for t in all_tasks(programme)],
        [o["code"] for o in programme["organisations"]],
        [d["code"] for d in programme["documents"]],
    ):
        assert len(codes) == len(set(codes))


# -- section IV ----------------------------------------------------------------------------------------------


def test_every_assignment_is_encoded(programme: dict[str, Any], sections: dict[str, list[str]]) -> None:
    items = numbered(sections["IV"], r"^(\d+)\. (.*)$")
    assert list(items) == list(range(1, 7))
    assignments = programme["assignments"]
    assert [a["number"] for a in assignments] == list(range(1, 7))
    assert {a["number"]: a["text"] for a in assignments} == items
    assert [(a.get("due"), a["recurring"]) for a in assignments] == [
        (None, False),
        ("2022-09", False),
        (None, True),
        (None, True),
        (None, True),
        (None, True),
    ]


def test_organisations_and_references(programme: dict[str, Any]) -> None:
    organisations = {o["code"]: o for o in programme["organisations"]}
    assert len(organisations) == 21
    assert {o["kind"] for o in organisations.values()} <= {"party", "state", "front", "other"}
    assert [
        c for c, o in organisations.items() if o["parent"] is not None and o["parent"] not in organisations
    ] == []
    named = [code for a in programme["assignments"] for code in (*a["lead"], *a.get("cooperating", []))]
    assert [code for code in named if code not in organisations] == []
    districts = admin_codes() & {o.get("unit_code") for o in organisations.values()}
    assert len(districts) == 10
    children = [o for o in organisations.values() if o["parent"] == "district_party_committees"]
    assert sorted(o["unit_code"] for o in children) == ["213", *(str(c) for c in range(215, 224))]


def test_documents(programme: dict[str, Any]) -> None:
    documents = {d["code"]: d for d in programme["documents"]}
    assert programme["identity"]["implements"] in documents
    assert {code: d["date"] for code, d in documents.items()} == {
        "11-NQ/TW": "2022-02-10",
        "05-KH/TW": "2022-05-26",
        "51-KH/TU": "2022-04-05",
        "06-NQ/TW": "2022-01-24",
        "19-NQ/TW": "2022-06-16",
        "105-NQ/TU": "2021-04-28",
        "12-NQ/TW": "2022-03-16",
        "18-NQ/TW-XII": None,
        "19-NQ/TW-XII": None,
        "quy-hoach-tinh-2021-2030": None,
    }
