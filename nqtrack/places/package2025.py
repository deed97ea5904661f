"""The 2025 data of the PyPI package ``vietnamadminunits`` (read as data; its parser is not used).

The package ships, under ``vietnamadminunits/data/``:

* ``dataset.db`` (SQLite): table ``admin_units_legacy`` (the 63-province structure as it stood just before
  1 July 2025, with codes, geocoded points and ``wardAlias``: the keys of former communes merged into a
  ward) and table ``admin_units`` (the 34-province structure from 1 July 2025: codes, names, types, points);
* ``converter_2025.json``: ``DICT_PROVINCE`` (new province key → old province keys),
  ``DICT_PROVINCE_WARD_NO_DIVIDED`` (new province → new ward key → the ``province_district_ward`` keys of the
  old wards merged whole into it) and ``DICT_PROVINCE_WARD_DIVIDED`` (new province → old key → the new
  wards an old ward was divided between). This is the table its ``convert_address`` uses.

The files are located with ``importlib.util.find_spec`` so the package (and its geocoding dependencies)
is not imported.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = "vietnamadminunits"

_LEGACY_SQL = """
SELECT provinceCode, provinceKey, province, provinceLat, provinceLon,
       districtCode, districtKey, district, districtLat, districtLon, districtAlias,
       wardCode, wardKey, ward, wardType, wardLat, wardLon, wardAlias
FROM admin_units_legacy WHERE provinceCode = ? ORDER BY wardCode
"""
_NEW_SQL = """
SELECT provinceCode, provinceKey, province, provinceLat, provinceLon,
       wardCode, wardKey, ward, wardType, wardLat, wardLon
FROM admin_units WHERE provinceKey = ? ORDER BY wardCode
"""


class PackageDataError(RuntimeError):
    """The installed ``vietnamadminunits`` does not hold what the loader needs."""


def name_key(name: str) -> str:
    """The package's key for a name: no accents, đ → d, lower case, letters and digits only."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class LegacyWard:
    """A commune-level unit of the old (63-province) structure, with its district and province."""

    province_code: str
    province_key: str
    province_point: tuple[float, float] | None
    district_code: str
    district_key: str
    district_point: tuple[float, float] | None
    district_aliases: frozenset[str]
    code: str
    key: str
    name: str
    point: tuple[float, float] | None
    aliases: frozenset[str]


@dataclass(frozen=True)
class NewWard:
    """A commune-level unit of the new (34-province) structure."""

    code: str
    key: str
    name: str
    unit_type: str
    point: tuple[float, float] | None


@dataclass(frozen=True)
class NewProvince:
    code: str
    key: str
    name: str
    unit_type: str
    point: tuple[float, float] | None
    wards: tuple[NewWard, ...]


@dataclass(frozen=True)
class Merger2025:
    """What became of one old province on 1 July 2025, as the package records it."""

    version: str
    old_province_key: str
    legacy_wards: tuple[LegacyWard, ...]
    new_province: NewProvince
    merged_whole: dict[str, tuple[str, ...]]  # new ward key → old ward codes merged whole into it
    divided: dict[str, tuple[str, ...]]  # old ward code → new ward keys it was divided between


def package_version() -> str:
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError as exc:
        raise PackageDataError(f"gói {PACKAGE} chưa được cài") from exc


def data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PackageDataError(f"gói {PACKAGE} chưa được cài")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load_merger_2025(*, old_province_code: str) -> Merger2025:
    """Read the package's legacy units, new units and conversion table for one old province."""
    folder = data_dir()
    with (folder / "converter_2025.json").open(encoding="utf-8") as handle:
        converter: dict[str, Any] = json.load(handle)
    uri = f"{(folder / 'dataset.db').as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        legacy = tuple(_legacy_ward(r) for r in connection.execute(_LEGACY_SQL, (old_province_code,)))
        if not legacy:
            raise PackageDataError(
                f"{PACKAGE}: không có tỉnh mã {old_province_code} trong admin_units_legacy"
            )
        old_key = legacy[0].province_key
        new_key = _new_province_key(converter, old_key)
        new_rows = list(connection.execute(_NEW_SQL, (new_key,)))
    if not new_rows:
        raise PackageDataError(f"{PACKAGE}: không có tỉnh {new_key} trong admin_units")
    by_keys = {(w.district_key, w.key): w.code for w in legacy}
    return Merger2025(
        version=package_version(),
        old_province_key=old_key,
        legacy_wards=legacy,
        new_province=_new_province(new_key, new_rows),
        merged_whole=_merged_whole(converter, new_key, old_key, by_keys),
        divided=_divided(converter, new_key, old_key, by_keys),
    )


def _point(lat: Any, lon: Any) -> tuple[float, float] | None:
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def _aliases(raw: Any) -> frozenset[str]:
    return frozenset(str(a) for a in json.loads(raw)) if raw else frozenset()


def _legacy_ward(row: sqlite3.Row) -> LegacyWard:
    return LegacyWard(
        province_code=str(row["provinceCode"]),
        province_key=str(row["provinceKey"]),
        province_point=_point(row["provinceLat"], row["provinceLon"]),
        district_code=str(row["districtCode"]),
        district_key=str(row["districtKey"]),
        district_point=_point(row["districtLat"], row["districtLon"]),
        district_aliases=_aliases(row["districtAlias"]),
        code=str(row["wardCode"]),
        key=str(row["wardKey"]),
        name=str(row["ward"]),
        point=_point(row["wardLat"], row["wardLon"]),
        aliases=_aliases(row["wardAlias"]),
    )


def _new_province_key(converter: dict[str, Any], old_key: str) -> str:
    keys = [new for new, olds in converter["DICT_PROVINCE"].items() if old_key in olds]
    if len(keys) != 1:
        raise PackageDataError(f"{PACKAGE}: {old_key} thuộc {len(keys)} tỉnh mới trong DICT_PROVINCE")
    return str(keys[0])


def _new_province(key: str, rows: list[sqlite3.Row]) -> NewProvince:
    first = rows[0]
    name = str(first["province"])
    return NewProvince(
        code=str(first["provinceCode"]),
        key=key,
        name=name,
        unit_type="Thành phố" if name.startswith("Thành phố") else "Tỉnh",
        point=_point(first["provinceLat"], first["provinceLon"]),
        wards=tuple(
            NewWard(
                code=str(r["wardCode"]),
                key=str(r["wardKey"]),
                name=str(r["ward"]),
                unit_type=str(r["wardType"]),
                point=_point(r["wardLat"], r["wardLon"]),
            )
            for r in rows
        ),
    )


def _old_code(old_key: str, province_key: str, by_keys: dict[tuple[str, str], str]) -> str | None:
    """The old ward code of a ``province_district_ward`` key of the given old province, else None."""
    parts = old_key.split("_")
    if len(parts) != 3 or parts[0] != province_key:
        return None
    code = by_keys.get((parts[1], parts[2]))
    if code is None:
        raise PackageDataError(
            f"{PACKAGE}: khóa {old_key} của converter_2025.json không có trong admin_units_legacy"
        )
    return code


def _merged_whole(
    converter: dict[str, Any], new_key: str, old_key: str, by_keys: dict[tuple[str, str], str]
) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {})
    result: dict[str, tuple[str, ...]] = {}
    for ward_key, old_keys in table.items():
        codes = [c for c in (_old_code(k, old_key, by_keys) for k in old_keys) if c is not None]
        if codes:
            result[ward_key] = tuple(codes)
    return result


def _divided(
    converter: dict[str, Any], new_key: str, old_key: str, by_keys: dict[tuple[str, str], str]
) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[dict[str, Any]]] = converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {})
    result: dict[str, tuple[str, ...]] = {}
    for key, new_wards in table.items():
        code = _old_code(key, old_key, by_keys)
        if code is not None:
            result[code] = tuple(str(w["newWardKey"]) for w in new_wards)
    return result
