"""Coverage years live in the catalog only: no typed fallbacks, and every range the docs state matches it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blocs.data import catalog

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "blocs"

# The case-study report (src/blocs/report) keeps its own declared analysis window; it is
# rewritten separately and checked by its own tests.
OWN_CODE = [p for p in SRC.rglob("*.py") if "report" not in p.relative_to(SRC).parts]

# How prose names datasets, beyond their catalog names.
LABELS: dict[str, str] = {
    "NMC 7.0": "cow_nmc",
    "NMC v7.0": "cow_nmc",
    "ATOP 5.1": "atop_alliance",
    "ATOP 4.01": "atop4_alliances",
    "MID 5.0": "cow_mid_ddydisps",
    "CShapes 2.0": "cow_mindist",
    "COW IGO v3.0": "cow_igo_ndy",
    "GML MID 2.2.1": "gml_mid_ddydisps",
    "Inter-State War v4.0": "cow_war_inter",
}
CLAIM = r"[^\n()]{0,12}\(?(\d{4})\s*[–-]\s*(\d{4})\)?"


def _texts() -> list[Path]:
    return [*OWN_CODE, *sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]


def test_no_coverage_year_typed_outside_the_catalog() -> None:
    patterns = {
        "a fallback coverage tuple": re.compile(r"coverage\s+or\s+\("),
        "a typed last year": re.compile(r"\b(_COW_LAST|LAST_YEAR)\s*[:=]"),
        "a typed censoring date": re.compile(r"CENSOR_DATE\s*=\s*pd\.Timestamp\(\"\d"),
        "a typed list end": re.compile(r"last\s*>\s*(19|20)\d\d\b"),
    }
    found = [
        f"{p.relative_to(ROOT)}: {what}"
        for p in OWN_CODE
        for what, rx in patterns.items()
        if rx.search(p.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_stated_ranges_match_the_catalog() -> None:
    cat = catalog()
    labels = {name: name for name, ds in cat.items() if ds.coverage is not None}
    labels.update(LABELS)
    claims: list[tuple[str, str, tuple[int, int], tuple[int, int] | None]] = []
    for path in _texts():
        text = path.read_text(encoding="utf-8")
        for label, name in labels.items():
            for m in re.finditer(re.escape(label) + CLAIM, text):
                claims.append((str(path.relative_to(ROOT)), label, (int(m[1]), int(m[2])), cat[name].coverage))
    assert len(claims) >= 10, claims  # the scanner still finds the claims the docs make
    wrong = [c for c in claims if c[2] != c[3]]
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["cow_nmc", "atop4_alliances", "cw_system"])
def test_derived_constants_follow_the_catalog(name: str) -> None:
    from blocs.models._durability import CENSOR_DATE
    from blocs.query import coverage

    first, last = coverage(name)
    assert first < last
    if name == "atop4_alliances":
        assert CENSOR_DATE.year == last
