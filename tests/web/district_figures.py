"""District figures for the unit comparison, shared by tests/web/test_units.py and test_pages_browser.py:
a statistics file's header and rows (poverty rate, 2022 and 2024)."""

from __future__ import annotations

HEADER = "indicator,year,value,unit,status,source_url,published,quote,note,unit_code\n"
DISTRICT_ROWS = [
    # poverty rate 2022 for four districts; Yên Dũng (221) has no centroid in the 2025 package data
    "poverty_rate,2022,1.50,percent,official,https://example.test/a,2023-01-10,,,213",
    "poverty_rate,2022,12.40,percent,estimate,https://example.test/b,2023-01-10,,,220",
    "poverty_rate,2022,4.20,percent,official,https://example.test/c,2023-01-10,,,219",
    "poverty_rate,2022,4.20,percent,preliminary,https://example.test/d,2023-01-10,,,222",
    "poverty_rate,2022,3.00,percent,official,https://example.test/e,2023-01-10,,,221",
    # Việt Yên became a town on 2024-02-01: its 2024 figure sits on the town (the same territory; a 2025
    # figure would straddle the town's end on 1/7/2025 and is refused)
    "poverty_rate,2024,0.90,percent,estimate,https://example.test/f,2025-01-10,,,222",
]
