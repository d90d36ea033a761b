"""The event queries: checked files, a dyad's months, a triangle's months; the real ICEWS day and synthetic files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from blocs._errors import CoverageError, DataNotFoundError, InvalidParameterError, MalformedFileError
from blocs.events import FORMATS, aggregate_events, sample_icews_path, synthesize_events
from blocs.networks import event_triangle
from blocs.query import SETTINGS, event_dyad_timeline, event_months, event_source, event_triangle_timeline


@pytest.fixture(scope="module")
def months_of_gdelt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic GDELT 2.0 files spanning 14 months."""
    out = tmp_path_factory.mktemp("events-months")
    synthesize_events(out, format="gdelt2", rows=20_000, seed=3, days=420, rows_per_file=10_000)
    return out


def test_the_format_setting_lists_every_format() -> None:
    assert SETTINGS["events_format"].constraint.values == tuple(FORMATS)  # type: ignore[union-attr]


def test_event_source_checks_files_and_layout(tmp_path: Path) -> None:
    src = event_source(sample_icews_path(), events_format="icews")
    assert src.format == "icews" and len(src.paths) == 1 and src.describe().startswith("1 icews file(s)")
    assert event_source(src, events_format=None) is src
    with pytest.raises(DataNotFoundError, match=r"'events' parameter.*no/such.tab.*No such file"):
        event_source(tmp_path / "no" / "such.tab", events_format="icews")
    with pytest.raises(DataNotFoundError, match="matches no file"):
        event_source(str(tmp_path / "*.tab"), events_format="icews")
    with pytest.raises(InvalidParameterError, match=r"'events_format' parameter.*got None.*nothing is guessed"):
        event_source(sample_icews_path(), events_format=None)
    with pytest.raises(InvalidParameterError, match=r"'events_format'.*acled"):
        event_source(sample_icews_path(), events_format="acled")
    with pytest.raises(MalformedFileError, match=r"20 tab-separated fields.*61"):
        event_source(sample_icews_path(), events_format="gdelt2")
    with pytest.raises(InvalidParameterError, match="'--events' parameter of blocs case"):
        event_source([], events_format="icews", where="blocs case", names=("--events", "--events-format"))


def test_dyad_months_of_the_real_day() -> None:
    t = event_dyad_timeline("China", "Russia", events=sample_icews_path(), events_format="icews")
    assert (t.a.code, t.b.code) == (710, 365) and t.years == (2018, 2018)
    months = aggregate_events(sample_icews_path(), format="icews", by="month").table
    ab = months[(months.ccode1 == 710) & (months.ccode2 == 365)].iloc[0]
    ba = months[(months.ccode1 == 365) & (months.ccode2 == 710)].iloc[0]
    row = t.table.iloc[0]
    assert row["period"] == "2018-06"
    assert row["events"] == ab.events + ba.events and row["net_coop"] == ab.net_coop + ba.net_coop
    assert (row["events_ab"], row["events_ba"], row["net_coop_ab"]) == (ab.events, ba.events, ab.net_coop)
    assert {s.name for s in t.sources} == {"ICEWS", "cw_system"} and t.report["rows"] == 3705
    assert t.to_dict()["sources"][0]["name"] == "ICEWS"


def test_dyad_errors() -> None:
    kw = {"events": sample_icews_path(), "events_format": "icews"}
    with pytest.raises(InvalidParameterError, match="a state other than a"):
        event_dyad_timeline("CHN", 710, **kw)
    with pytest.raises(CoverageError, match="years of the event files"):
        event_dyad_timeline("CHN", "RUS", years=1990, **kw)


def test_triangle_months_equal_the_network_recipe(months_of_gdelt: Path) -> None:
    t = event_triangle_timeline(["USA", "CHN", "RUS"], events=months_of_gdelt, events_format="gdelt2")
    table = event_months(months_of_gdelt, events_format="gdelt2").table
    expect = event_triangle(table, 2, 710, 365)
    assert len(t.table) == 14 and sum(t.types.values()) == 14
    pd.testing.assert_frame_equal(t.table.drop(columns="period"), expect, check_like=False)
    strict = event_triangle_timeline(["USA", "CHN", "RUS"], events=months_of_gdelt, events_format="gdelt2",
                                     threshold=5, min_events=3)  # fmt: skip
    assert (strict.table["type"] == "incomplete").sum() >= (t.table["type"] == "incomplete").sum()
    part = event_triangle_timeline(["USA", "CHN", "RUS"], events=months_of_gdelt, events_format="gdelt2",
                                   years=2019)  # fmt: skip
    assert set(part.table["year"]) == {2019}


def test_dyad_months_add_up(months_of_gdelt: Path) -> None:
    t = event_dyad_timeline("USA", "CHN", events=months_of_gdelt, events_format="gdelt2")
    tab = t.table
    assert list(tab["period"]) == sorted(tab["period"]) and len(tab) > 10
    assert (tab["events"] == tab["events_ab"] + tab["events_ba"]).all()
    assert (tab["net_coop"] == tab["net_coop_ab"] + tab["net_coop_ba"]).all()
    quads = tab[["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]]
    assert (quads.sum(axis=1) <= tab["events"]).all()


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"measure": "tone"}, "'measure' parameter"),
        ({"threshold": -1}, "'threshold' parameter"),
        ({"threshold": float("nan")}, "'threshold' parameter"),
        ({"min_events": 0}, "'min_events' parameter"),
    ],
)
def test_triangle_options_are_checked(kw: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        event_triangle_timeline(["USA", "CHN", "RUS"], events=sample_icews_path(), events_format="icews", **kw)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="three different states"):
        event_triangle_timeline(["USA", "CHN", 710], events=sample_icews_path(), events_format="icews")
