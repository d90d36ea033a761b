"""Shared fixtures of the events tests: small synthetic files in every format, written once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from blocs.events import synthesize_events
from blocs.events._formats import GDELT2_COLUMNS
from blocs.system import membership_changes


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same 6,000 events (seed 7) in the four published layouts, two files each."""
    root = tmp_path_factory.mktemp("synthetic-events")
    out = {}
    for fmt in ("icews", "gdelt1", "gdelt2", "polecat"):
        synthesize_events(root / fmt, format=fmt, rows=6000, seed=7, rows_per_file=3000)  # type: ignore[arg-type]
        out[fmt] = root / fmt
    return out


LABELS = ["USA", "CHN", "SSD", "SDN", "MNE", "SRB", "YUG", "KOS", "TMP", "IDN", "CZE", "SVK", "DEU", "DDR",
          "RUS", "UKR", "ERI", "ETH", "PSE", "", "EUR"]  # fmt: skip


def _membership_change_events(path: Path, seed: int, rows: int = 4000) -> Path:
    """A GDELT 2.0 file of events within 40 days of the COW system's membership changes of 1985-2012,
    between states born, dissolved or renamed then (and labels that are no state)."""
    rng = np.random.default_rng(seed)
    changes = [d for d in membership_changes("cow") if 1985 <= d.year <= 2012]
    base = np.array([changes[i] for i in rng.integers(0, len(changes), rows)])
    days = [b + dt.timedelta(days=int(o)) for b, o in zip(base, rng.integers(-40, 40, rows), strict=True)]
    days.sort()
    lines = []
    for i, day in enumerate(days):
        row = dict.fromkeys(GDELT2_COLUMNS, "")
        quad = int(rng.integers(1, 5))
        row.update(GLOBALEVENTID=str(1000 + i), SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"),
                   Year=str(day.year), FractionDate=f"{day.year}.5", Actor1CountryCode=str(rng.choice(LABELS)),
                   Actor2CountryCode=str(rng.choice(LABELS)), IsRootEvent="1", EventCode="040", EventBaseCode="040",
                   EventRootCode="04", QuadClass=str(quad), GoldsteinScale=f"{rng.integers(-100, 101) / 10:g}",
                   DATEADDED=day.strftime("%Y%m%d") + "000000")  # fmt: skip
        lines.append("\t".join(row[c] for c in GDELT2_COLUMNS))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def membership_change_events() -> Callable[[Path, int], Path]:
    """Writes :func:`_membership_change_events` files: ``make(path, seed)``."""
    return _membership_change_events
