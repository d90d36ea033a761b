"""Facts the report states that the data fix: pinned against the real data."""

from __future__ import annotations

import pandas as pd
import pytest

from blocs.data import load
from blocs.report import (
    CaseReport,
    capability_ratio,
    dyad_disputes,
    dyad_rivalries,
    dyad_years,
    reversal_year,
    sino_soviet_treaty,
)


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
    assert d["year"].between(1950, 1980).sum() == 11


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
