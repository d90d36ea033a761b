"""numbers.json: every number shown has sources, and the page shows only registered numbers."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from blocs import DataIntegrityError, InvalidParameterError, Source
from blocs.data import catalog
from blocs.report import CaseReport, NumberBook


def test_every_number_has_sources_and_method(report: CaseReport) -> None:
    payload = json.loads(report.numbers_json.read_text())
    assert payload["numbers"], "numbers.json lists no numbers"
    names = set(catalog())
    for n in payload["numbers"]:
        assert n["sources"], n["key"]
        for s in n["sources"]:
            assert s["name"] in names and s["version"], (n["key"], s)
        assert n["method"].strip(), n["key"]
        assert n["display"] and n["label"]
        if isinstance(n["value"], float):
            assert math.isfinite(n["value"])
    for f in payload["figures"]:
        assert f["sources"] and f["method"], f["path"]
        assert (report.out / f["path"]).is_file()


def test_page_numbers_match_numbers_json(report: CaseReport) -> None:
    html = report.index.read_text()
    shown = re.findall(r'<span class="num" data-key="([^"]+)"[^>]*>([^<]*)</span>', html)
    assert shown
    for key, display in shown:
        assert key in report.numbers, key
        assert report.numbers[key]["display"] == display.replace("&amp;", "&")
    assert {k for k, _ in shown} == set(report.numbers), "numbers.json lists numbers the page does not show"


def test_sections_in_json_match_page(report: CaseReport) -> None:
    payload = json.loads(report.numbers_json.read_text())
    assert [s["id"] for s in payload["sections"]] == [s.id for s in report.sections]
    for s in payload["sections"]:
        assert s["status"] in ("complete", "partial", "unavailable")
        assert (s["status"] == "complete") == (not s["missing"])


def test_book_refuses_missing_values_and_sourceless_numbers() -> None:
    book = NumberBook()
    src = [Source("cow_nmc", "7.0")]
    with pytest.raises(DataIntegrityError, match="missing or not finite"):
        book.add("a", float("nan"), label="x", section="s", sources=src, method="m")
    with pytest.raises(DataIntegrityError, match="missing or not finite"):
        book.add("a", pd.NA, label="x", section="s", sources=src, method="m")
    with pytest.raises(DataIntegrityError, match="has no sources"):
        book.add("a", 1.0, label="x", section="s", sources=[pd.DataFrame()], method="m")
    book.add("a", 1.5, label="x", section="s", sources=src, method="m", fmt="{:.2f}")
    with pytest.raises(InvalidParameterError, match="used twice"):
        book.add("a", 2.0, label="x", section="s", sources=src, method="m")
    with pytest.raises(InvalidParameterError, match="not booleans"):
        book.add("b", True, label="x", section="s", sources=src, method="m")
    assert book["a"].display == "1.50"


def test_paragraphs_are_not_merged(report: CaseReport) -> None:
    """A bold lead-in ("<strong>Disputes.</strong>") starts a paragraph; one inside a paragraph means two
    paragraphs of a template ran together."""
    for section in report.sections:
        for p in section.paragraphs:
            assert "<strong>" not in str(p)[1:], (section.id, str(p)[:120])
