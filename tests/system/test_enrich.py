"""Enrichments: known values from the real data, coverage rules, G–W translation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs._meta import meta_of
from blocs.system import (
    ADDERS,
    add_atop_alliance,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_cow_mids,
    add_cow_trade,
    add_cow_wars,
    add_democracy,
    add_gml_mids,
    add_igos,
    add_minimum_distance,
    add_nmc,
    add_strategic_rivalries,
    create_dyad_years,
    create_leader_dyad_years,
    create_leader_years,
    create_state_years,
)


@pytest.fixture(scope="module")
def cold_war() -> pd.DataFrame:
    return create_dyad_years(directed=False, years="1940-2018", extend_to=2018)


def _pair(t: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    return t[(t.ccode1 == a) & (t.ccode2 == b)].set_index("year")


def test_china_ussr_defence_pact(cold_war: pd.DataFrame) -> None:
    s = _pair(add_atop_alliance(cold_war), 365, 710)["atop_defense"]
    assert (s.loc[1950:1980] == 1).all()  # the 1950 treaty, through the 1950s, ends 1980
    assert (s.loc[1981:2018] == 0).all()
    assert (s.loc[1945:1949] == 1).all()  # code 710 = China: the Nationalist 1945 treaty runs on


def test_atop_outside_coverage_is_missing() -> None:
    t = add_atop_alliance(create_dyad_years(directed=False, years="2017-2020", extend_to=2020))
    assert t.loc[t.year <= 2018, "atop_defense"].notna().all()
    assert t.loc[t.year > 2018, "atop_defense"].isna().all()


def test_sino_soviet_and_us_soviet_rivalries(cold_war: pd.DataFrame) -> None:
    t = add_strategic_rivalries(cold_war, source="td")
    s = _pair(t, 365, 710)["ongoingrivalry"]
    assert s.loc[1950:1957].eq(0).all() and s.loc[1958:1989].eq(1).all() and s.loc[1990] == 0
    assert _pair(t, 365, 710).loc[1958, "rivalryno"] == 126
    us = _pair(t, 2, 365)["ongoingrivalry"]
    assert us.loc[1945:1989].eq(1).all()
    assert t.loc[t.year > 2010, "ongoingrivalry"].isna().all()
    sy = add_strategic_rivalries(create_state_years(years=1960), source="td")
    assert int(sy.loc[sy.ccode == 710, "nrivalries"].iloc[0]) >= 2


def test_1969_border_clashes_are_mids(cold_war: pd.DataFrame) -> None:
    t = add_cow_mids(cold_war)
    row = _pair(t, 365, 710).loc[1969]
    assert row.cowmidonset == 1 and row.cowmidongoing == 1 and row.cowmid_dispnum == 349
    assert t.loc[t.year > 2014, "cowmidonset"].isna().all()
    assert (t.loc[t.year <= 2014, "cowmidonset"].notna()).all()
    # several disputes in a year are counted, one is kept
    assert _pair(t, 365, 710).loc[1965, "cowmiddisputes"] == 2
    g = add_gml_mids(cold_war)
    assert _pair(g, 365, 710).loc[1969, "gmlmidongoing"] == 1
    assert g.loc[g.year > 2010, "gmlmidonset"].isna().all()


def test_wars_korea() -> None:
    t = add_cow_wars(create_dyad_years(years="1950-1953"))
    p = _pair(t, 2, 731)
    assert p.loc[1950, "cowinteronset"] == 1 and p.loc[1951, "cowinteronset"] == 0
    assert p.loc[1951, "cowinterongoing"] == 1
    w = add_cow_wars(create_dyad_years(directed=False, years="2006-2010"))
    assert w.loc[w.year > 2007, "cowinterongoing"].isna().all()


def test_nmc_and_majors_germany_unification() -> None:
    sy = add_cow_majors(add_nmc(create_state_years(years="1944-1992")))
    g = sy[sy.ccode == 255].set_index("year")
    assert list(g.index) == [1944, 1945, 1990, 1991, 1992]
    assert g.loc[1945, "cowmaj"] == 1 and g.loc[1990, "cowmaj"] == 0 and g.loc[1992, "cowmaj"] == 1
    assert g["cinc"].notna().all()
    assert set(sy.loc[sy.ccode == 260, "year"]) == set(range(1955, 1991))
    late = add_nmc(create_state_years(years="2022-2023", extend_to=2023))
    assert late.loc[late.year == 2022, "cinc"].notna().any() and late.loc[late.year == 2023, "cinc"].isna().all()
    assert add_cow_majors(create_state_years(years=2017, extend_to=2017))["cowmaj"].isna().all()


def test_yemen_unification_in_dyads() -> None:
    t = add_nmc(create_dyad_years(directed=False, years="1989-1991"))
    for a, b in [(2, 678), (2, 680)]:
        assert set(_pair(t, a, b).index) == {1989, 1990}
    assert set(_pair(t, 2, 679).index) == {1990, 1991}


def test_contiguity() -> None:
    t = add_contiguity(create_dyad_years(directed=False, years="1900-2016"))
    assert _pair(t, 2, 20).loc[1950, "conttype"] == 1
    assert _pair(t, 2, 40).loc[1950, "conttype"] == 4  # Cuba: within 150 miles of water
    assert _pair(t, 2, 365).loc[1970, "conttype"] == 2  # Bering Strait
    assert _pair(t, 2, 200).loc[1950, "conttype"] == 0
    assert t["conttype"].notna().all() and set(t["conttype"].unique()) <= {0, 1, 2, 3, 4, 5}
    late = add_contiguity(create_dyad_years(years=2017, extend_to=2017))
    assert late["conttype"].isna().all()


def test_democracy() -> None:
    sy = add_democracy(create_state_years(years=[1990, 2016]))
    us = sy[sy.ccode == 2].set_index("year")
    assert us.loc[1990, "polity2"] == 10 and 0.8 < us.loc[2016, "v2x_polyarchy"] <= 1
    dy = add_democracy(create_dyad_years(years=1990))
    assert {"polity21", "polity22", "euds1", "aeuds2"} <= set(dy.columns)


def test_trade_orientation() -> None:
    t = add_cow_trade(create_dyad_years(years=[1920, 1860]))
    ab, ba = _pair(t, 2, 20).loc[1920], _pair(t, 20, 2).loc[1920]
    assert (ab.flow1, ab.flow2) == (ba.flow2, ba.flow1) == (612.0, 735.0)
    assert ab.smoothflow1 == ba.smoothflow2
    assert t.loc[t.year == 1860, "flow1"].isna().all()  # before 1870: missing, never 0


def test_igos_distances() -> None:
    t = add_capital_distance(add_minimum_distance(add_igos(create_dyad_years(years=[1880, 2000]))))
    p = _pair(t, 2, 20).loc[2000]
    assert p.dyadigos > 20 and p.mindist == 0 and 700 < p.capdist < 760
    assert np.isclose(_pair(t, 20, 2).loc[2000, "capdist"], p.capdist)
    assert t.loc[t.year == 1880, "mindist"].isna().all()
    sy = add_igos(create_state_years(years=2000))
    assert sy["sum_igo_full"].notna().all()


def test_gw_tables_use_native_or_translated_sources() -> None:
    gw = create_dyad_years(system="gw", directed=False, years=1995)
    out = add_atop_alliance(add_democracy(add_nmc(gw)))
    names = {s.name for s in meta_of(out).sources}
    assert {"gw_cw_panel", "gw_democracy", "cow_nmc"} <= names
    us_ca = out[(out.gwcode1 == 2) & (out.gwcode2 == 20)].iloc[0]
    assert us_ca.atop_defense == 1 and us_ca.cinc1 > 0.1
    # a G-W state without a COW counterpart gets missing values, not 0
    sy = add_cow_majors(create_state_years(system="gw", years=1995))
    micro = sy[sy.microstate == 1]
    assert micro["cowmaj"].isna().any()
    assert sy.loc[sy.gwcode == 2, "cowmaj"].iloc[0] == 1


# Adders that need something first: G–W codes (ccode), event columns (spells), or that drop
# rows by design (prd, a filter) and add no dataset (spells count what is there).
_GW_ONLY = {"ccode"}
_NEEDS_EVENTS = {"peace_years", "spells"}
_FILTERS = {"prd"}


def _events(table: pd.DataFrame) -> pd.DataFrame:
    from blocs.system import add_intrastate_wars

    return add_gml_mids(table) if meta_of(table).unit == "dyad_year" else add_intrastate_wars(table)


@pytest.mark.parametrize("name", sorted(ADDERS))
def test_every_adder_keeps_rows_and_adds_its_source(name: str) -> None:
    adder = ADDERS[name]
    system = "gw" if name in _GW_ONLY else "cow"
    builders = {
        "dyad_year": lambda: create_dyad_years(system=system, years=1990),
        "state_year": lambda: create_state_years(system=system, years=1990),
        "leader_year": lambda: create_leader_years(years=1990),
        "leader_dyad_year": lambda: create_leader_dyad_years(system="cow", years=1990),
    }
    for unit in adder.units:
        table = builders[unit]()
        if name in _NEEDS_EVENTS:
            table = _events(table)
        out = adder.function(table)
        if name in _FILTERS:
            assert 0 < len(out) < len(table)
        else:
            assert len(out) == len(table)
        if name not in _NEEDS_EVENTS:
            assert len(meta_of(out).sources) > len(meta_of(table).sources)
        assert out.columns[: table.shape[1]].tolist() == table.columns.tolist()
        assert adder.function.__doc__ and "Examples" in adder.function.__doc__
