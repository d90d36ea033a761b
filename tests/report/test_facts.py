"""Facts the report states that the data fix: pinned against the real data."""

from __future__ import annotations

import calendar
import csv
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from blocs.data import get_dataset, load
from blocs.report import (
    CaseReport,
    capability_ratio,
    dyad_disputes,
    dyad_rivalries,
    dyad_years,
    reversal_year,
    sino_soviet_treaty,
)
from blocs.report._disputes import disputes_between, disputes_in_window

MIRROR = Path(os.environ["BLOCS_MIRROR"])


@pytest.fixture(scope="module")
def dyad() -> pd.DataFrame:
    return dyad_years()


def test_treaty_years_1950_1980() -> None:
    t = sino_soviet_treaty()
    assert len(t) == 1
    assert tuple(sorted(t["members"].iloc[0])) == (365, 710)
    assert t["start"].iloc[0] == pd.Timestamp("1950-02-14")
    assert t["end"].iloc[0] == pd.Timestamp("1980-04-11")
    assert int(t["atopid"].iloc[0]) == 3200


def test_alliance_years_in_dyad_table(dyad: pd.DataFrame) -> None:
    defense = dyad[(dyad["atop_defense"] == 1) & dyad["year"].between(1950, 1991)]["year"]
    assert (defense.min(), defense.max()) == (1950, 1980)


def test_rivalry_years_1958_1989(dyad: pd.DataFrame) -> None:
    r = dyad_rivalries(dyad)
    assert list(zip(r["styear"], r["endyear"], strict=True)) == [(1816, 1949), (1958, 1989)]
    # Thompson, Sakuwa & Suhas (2021) date the Sino-Soviet rivalry the same way
    tss = load("tss_rivalries")
    tss = tss[(tss["ccode1"] == 365) & (tss["ccode2"] == 710)]
    assert list(zip(tss["start"], tss["end"], strict=True))[-1] == (1958, 1989)


def test_dispute_of_1969(dyad: pd.DataFrame) -> None:
    d = dyad_disputes(dyad)
    y69 = d[d["year"] == 1969]
    assert list(y69["dispnum"]) == [349]
    assert int(y69["hostlev"].iloc[0]) == 4  # use of force
    assert int(y69["fatality"].iloc[0]) == 3  # 101–250 deaths
    # dyad-year onsets (one dispute kept per dyad-year) in the treaty's calendar years: 11 —
    # the figure the report once gave as a number of disputes
    assert d["year"].between(1950, 1980).sum() == 11


def _recount_from_raw_csv(a: int, b: int, first: date, last: date) -> tuple[set[int], set[int]]:
    """Independent recount from MIDB 5.0 as published (csv module, no blocs reader)."""
    path = MIRROR / get_dataset("cow_mid_b").path
    starts: dict[int, dict[int, tuple[date, date]]] = {}
    sides: dict[int, dict[int, str]] = {}
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            code = int(row["ccode"])
            if code not in (a, b):
                continue
            y, m, d = int(row["styear"]), int(row["stmon"]), int(row["stday"])
            lo = date(y, m, d if d > 0 else 1)
            hi = date(y, m, d) if d > 0 else date(y, m, calendar.monthrange(y, m)[1])
            disp = int(row["dispnum"])
            starts.setdefault(disp, {})[code] = (lo, hi)
            sides.setdefault(disp, {})[code] = row["sidea"]
    inside, uncertain = set(), set()
    for disp, by in starts.items():
        if len(by) < 2 or sides[disp][a] == sides[disp][b]:
            continue
        lo = max(v[0] for v in by.values())
        hi = max(v[1] for v in by.values())
        if first <= lo and hi <= last:
            inside.add(disp)
        elif not (hi < first or lo > last):
            uncertain.add(disp)
    return inside, uncertain


def test_disputes_during_treaty_recounted_from_raw_files() -> None:
    first, last = date(1950, 2, 14), date(1980, 4, 11)
    inside, uncertain = _recount_from_raw_csv(365, 710, first, last)
    count = disputes_in_window(disputes_between(365, 710), first=pd.Timestamp(first), last=pd.Timestamp(last))
    assert set(count.inside["dispnum"]) == inside
    assert set(count.uncertain["dispnum"]) == uncertain == set()
    assert count.n == 12
    # MID 2717 began in October 1980, after the treaty ended in April: the old dyad-year count included it
    assert 2717 not in inside and {349, 2707, 3007} <= inside


def test_report_counts_disputes_not_dyad_years(report: CaseReport) -> None:
    assert report.numbers["timeline.disputes_during_alliance"]["value"] == 12
    assert report.numbers["timeline.disputes_during_alliance_uncertain"]["value"] == 0


def test_capability_ratio_reverses_in_1991() -> None:
    ratio = capability_ratio(first=1946, last=2022)
    assert reversal_year(ratio, after=1950) == 1991
    by = ratio.set_index("year")["ratio"]
    assert (by.loc[1950:1990] < 1).all() and (by.loc[1991:] > 1).all()
    assert by.loc[1950] == pytest.approx(0.6561, abs=1e-4)
    # the ratio from add_capability_ratio agrees with the published CINC values
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    assert by.loc[1969] == pytest.approx(nmc.loc[(710, 1969)] / nmc.loc[(365, 1969)], rel=1e-12)


def test_reversal_year_edge_cases() -> None:
    mk = lambda r: pd.DataFrame({"year": range(2000, 2000 + len(r)), "ratio": r})  # noqa: E731
    assert reversal_year(mk([0.5, 2.0, 0.9, 1.5, 1.2]), after=2000) == 2003
    assert reversal_year(mk([2.0, 3.0]), after=2000) == 2000
    assert reversal_year(mk([2.0, 0.5]), after=2000) is None
    assert reversal_year(mk([]), after=2000) is None


def test_report_states_the_pinned_facts(report: CaseReport) -> None:
    n = {k: v["value"] for k, v in report.numbers.items()}
    assert n["timeline.treaty_start_year"] == 1950
    assert n["timeline.treaty_end_year"] == 1980
    assert (n["timeline.rivalry_start"], n["timeline.rivalry_end"]) == (1958, 1989)
    assert n["timeline.mid_1969_dispnum"] == 349
    assert n["capability.reversal_year"] == 1991


def test_landscape_actors_are_the_1950_majors_and_china() -> None:
    from blocs.report._landscape import landscape_states

    assert landscape_states(1950) == [2, 200, 220, 365, 710]
    assert landscape_states(1949) == [2, 200, 220, 365, 710]  # China added although not yet a COW major power
