"""The figures README.md embeds are committed under docs/img/ and still made by the report."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from blocs.report import CaseReport

ROOT = Path(__file__).resolve().parents[2]
#: README figure -> the report figure it is a copy of (refresh: see docs/report.md, "README figures").
README_FIGURES = {
    "docs/img/case_capability_ratio.png": "figures/capability_ratio.png",
    "docs/img/case_triangle.png": "figures/triangle.png",
}


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


@pytest.mark.parametrize("committed", sorted(README_FIGURES))
def test_readme_figure_is_committed_png(committed: str) -> None:
    path = ROOT / committed
    assert path.is_file(), f"{committed} is missing; copy it from a fresh `blocs case sino-soviet` build"
    width, height = _png_size(path)
    assert width >= 600 and height >= 200, (committed, width, height)


@pytest.mark.parametrize("committed", sorted(README_FIGURES))
def test_report_still_makes_the_readme_figure(report: CaseReport, committed: str) -> None:
    built = report.out / README_FIGURES[committed]
    assert built.is_file(), f"the report no longer writes {README_FIGURES[committed]}; update README_FIGURES, README"
    assert _png_size(built)[0] == _png_size(ROOT / committed)[0], "the committed copy is stale; refresh it"
