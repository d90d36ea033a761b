"""README.md's case-study findings are generated from numbers.json: a test fails when they drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs import InvalidParameterError
from blocs.report import CaseReport
from blocs.report._readme import BEGIN, END, readme_block

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_block_matches_a_fresh_build(report: CaseReport) -> None:
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    committed = BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END
    assert committed == readme_block(report.numbers), (
        "README.md's findings differ from this build's numbers.json; refresh them with "
        "`blocs case sino-soviet --out /tmp/case && python tools/readme_numbers.py /tmp/case/numbers.json`"
    )


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(InvalidParameterError, match="which numbers.json does not hold"):
        readme_block({})
