"""Shared fixtures of the events tests: small synthetic files in every format, written once."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.events import synthesize_events


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same 6,000 events (seed 7) in the four published layouts, two files each."""
    root = tmp_path_factory.mktemp("synthetic-events")
    out = {}
    for fmt in ("icews", "gdelt1", "gdelt2", "polecat"):
        synthesize_events(root / fmt, format=fmt, rows=6000, seed=7, rows_per_file=3000)  # type: ignore[arg-type]
        out[fmt] = root / fmt
    return out
