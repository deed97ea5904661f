"""Paths of the data the project ships (the same files `make run` loads)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PROGRAMME = ROOT / "programmes" / "bac-giang-11-nqtw.yaml"
SEED_SOURCE_TEXT = ROOT / "programmes" / "bac-giang-11-nqtw.source.txt"
SEED_UNITS = ROOT / "data" / "bac-giang-admin-units.csv"
SEED_STATISTICS = ROOT / "data" / "bac-giang-statistics.csv"
SEED_STATISTICS_2 = ROOT / "data" / "bac-giang-statistics-2.csv"
