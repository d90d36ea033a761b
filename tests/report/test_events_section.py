"""The report's event section: built from the files given, numbers with sources, left out without them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import blocs.report._build as build
from blocs.events import sample_icews_path, synthesize_events
from blocs.query import event_source
from blocs.report._events import build_events
from blocs.report._sections import Context, SectionSpec
from blocs.report._sources import build_sources


def test_section_on_the_real_icews_day(tmp_path: Path) -> None:
    ctx = Context(out=tmp_path, events=event_source(sample_icews_path(), events_format="icews"))
    res = build_events(ctx)
    text = " ".join(res.paragraphs)
    assert "2018-06" in text and "ménage à trois" in text
    nums = {n.key: n for n in ctx.numbers}
    assert nums["events.rows_read"].value == 3705 and nums["events.china_russia.events"].value == 8
    assert nums["events.us_china.net_coop"].value == 65  # US–China both directions, the real day
    assert all({s.name for s in n.sources} >= {"ICEWS", "cw_system"} for n in nums.values())
    assert (tmp_path / res.figures[0].path).is_file()
    assert res.tables[0].rows == (("2018-06", "+8", "+65", "+14", "ménage à trois"),)


def test_section_summarises_many_months_by_year(tmp_path: Path) -> None:
    synthesize_events(tmp_path / "g", format="gdelt2", rows=30_000, seed=3, days=800)
    ctx = Context(out=tmp_path / "r", events=event_source(tmp_path / "g", events_format="gdelt2"))
    res = build_events(ctx)
    table = res.tables[0]
    assert table.header[:2] == ("year", "months") and [r[0] for r in table.rows] == ["2018", "2019", "2020"]
    assert sum(int(r[1]) for r in table.rows) == ctx.numbers["events.triangle.months"].value == 27


def test_build_case_adds_the_section_only_with_event_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    specs = (
        SectionSpec("events", "Month by month", build_events, requires="events"),
        SectionSpec("sources", "Sources and citations", build_sources),
    )
    monkeypatch.setitem(build.CASES, "tiny", ("A tiny case", specs))
    with_events = build.build_case("tiny", out=tmp_path / "a", events=sample_icews_path(), events_format="icews")
    assert [s.id for s in with_events.sections] == ["events", "sources"]
    payload = json.loads(with_events.numbers_json.read_text())
    assert any(n["key"] == "events.triangle.menage_a_trois" for n in payload["numbers"])
    sources = with_events.sections[1]
    assert any(row[0] == "ICEWS" for row in sources.tables[0].rows)
    assert "Boschee2015" in sources.bibtex and "Dittmer1981" in sources.bibtex
    html = with_events.index.read_text()
    assert "Month by month" in html and "events_monthly.png" in html
    without = build.build_case("tiny", out=tmp_path / "b")
    assert [s.id for s in without.sections] == ["sources"]
