"""Step: put the synthetic country into the bench database: its units and the national programme.

The units are written directly (the unit loader reads one province's GSO snapshots and its merger, which
a synthetic country does not have); the programme goes through the real programme loader.
"""

from __future__ import annotations

import argparse
import time

import django
import yaml

from bench import nationwide
from bench.environment import WORK, write_result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--result", required=True)
    args = parser.parse_args()
    django.setup()
    from nqtrack.places.models import AdminUnit
    from nqtrack.programmes.services import programme_load_file

    started = time.perf_counter()
    provinces = {
        u.code: AdminUnit(code=u.code, name=u.name, unit_type="Tỉnh", level=u.level, source="bench")
        for u in nationwide.units()
        if u.level == "province"
    }
    AdminUnit.objects.bulk_create(provinces.values())
    AdminUnit.objects.bulk_create(
        AdminUnit(
            code=u.code,
            name=u.name,
            unit_type="Xã",
            level=u.level,
            parent=provinces[u.parent_code or ""],
            source="bench",
        )
        for u in nationwide.units()
        if u.level == "commune"
    )
    path = WORK / "national-programme.yaml"
    path.write_text(yaml.safe_dump(nationwide.programme_document(), allow_unicode=True), encoding="utf-8")
    summary = programme_load_file(path=path)
    seconds = time.perf_counter() - started
    print(
        f"  synthetic country: {len(nationwide.units())} units, "
        f"programme {summary.programme.code} ({seconds:.1f} s)"
    )
    write_result(args.result, {"units": len(nationwide.units()), "seconds": seconds})


if __name__ == "__main__":
    main()
