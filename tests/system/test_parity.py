"""peacesciencer parity: blocs' verbs against the tables peacesciencer 1.2.9 itself produced.

The oracles are ``shared/data/peers/*.csv.gz`` (see its README.txt for the exact R code);
blocs computes every table from the mirror's source files. Each peer file is read once
per session. Conventions: an empty CSV field is NA; doubles were written by R with 15
significant digits, so blocs' floats are compared after rounding to 15 significant digits.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError
from blocs._meta import declare, meta_of
from blocs.system import (
    ADDERS,
    add_archigos,
    add_ccode_to_gw,
    add_contiguity,
    add_creg_fractionalization,
    add_gml_mids,
    add_gwcode_to_cow,
    add_intrastate_wars,
    add_latent_territorial_threat,
    add_peace_years,
    add_rugged_terrain,
    add_sim_gdp_pop,
    add_spells,
    add_ucdp_onsets,
    create_dyad_years,
    create_state_years,
    filter_prd,
)

PEERS = Path(os.environ.get("BLOCS_TEST_PEERS", Path(__file__).resolve().parents[3] / "shared" / "data" / "peers"))

_CACHE: dict[str, pd.DataFrame] = {}


@pytest.fixture(scope="session")
def peer() -> Callable[[str], pd.DataFrame]:
    """Read a peers/ table once per session (R's doubles parsed exactly)."""
    if not PEERS.is_dir():
        pytest.skip(f"peacesciencer reference tables not found at {PEERS}; set BLOCS_TEST_PEERS")

    def read(stem: str) -> pd.DataFrame:
        if stem not in _CACHE:
            _CACHE[stem] = pd.read_csv(PEERS / f"{stem}.csv.gz", float_precision="round_trip")
        return _CACHE[stem]

    return read


def _r15(values: np.ndarray) -> np.ndarray:
    """Floats as R's write.csv prints them: 15 significant digits."""
    out = np.array([float(f"{v:.15g}") if v == v else np.nan for v in values.tolist()])
    return out


def assert_equal_to_peer(ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str]) -> None:
    """Same rows in the same order, and every peer column equal value for value (NA = NA)."""
    assert len(ours) == len(theirs)
    for k in keys:
        np.testing.assert_array_equal(ours[k].to_numpy(dtype=np.int64), theirs[k].to_numpy(dtype=np.int64))
    for col in theirs.columns.difference(keys):
        a, b = ours[col], theirs[col]
        if b.dtype == object or a.dtype == object or str(a.dtype) == "string":
            left = a.astype(object).where(a.notna(), None).to_numpy()
            right = b.astype(object).where(b.notna(), None).to_numpy()
            bad = left != right
        else:
            x = a.to_numpy(dtype=np.float64, na_value=np.nan)
            x = _r15(x) if a.dtype.kind == "f" else x
            y = b.to_numpy(dtype=np.float64)
            bad = ~((x == y) | (np.isnan(x) & np.isnan(y)))
        assert not bad.any(), f"{col}: {int(bad.sum())} values differ, first at row {int(np.flatnonzero(bad)[0])}"


# --- peace years ----------------------------------------------------------------------------


def test_c01_gml_mids_peace_years_equal_peacesciencer(peer: Callable[[str], pd.DataFrame]) -> None:
    dy = add_peace_years(add_gml_mids(create_dyad_years(directed=False, years="1816-2010")))
    assert_equal_to_peer(dy, peer("c01_ndy_1816_2010_gml_mids_peace_years"), ["ccode1", "ccode2", "year"])


def test_c03_ucdp_peace_years_equal_peacesciencer(peer: Callable[[str], pd.DataFrame]) -> None:
    from blocs.system import add_ucdp_acd  # helper h13's verb

    sy = add_peace_years(add_ucdp_acd(create_state_years(system="gw", years="1946-2019")))
    assert_equal_to_peer(sy, peer("c03_gw_sy_1946_2019_ucdp_acd_peace_years"), ["gwcode", "year"])


def _ps_btscs(x: list[int]) -> list[int]:
    """stevemisc::ps_btscs's inner loop (DAMisc's btscs), translated line by line."""
    tmp = [0] * len(x)
    run = 0
    for j in range(1, len(x)):
        if x[j] == 0 and x[j - 1] == 0:
            run += 1
            tmp[j] = run
        if x[j] != 0 and x[j - 1] == 0:
            tmp[j] = run + 1
            run = 0
        if x[j] == 0 and x[j - 1] != 0:
            tmp[j] = run = 0
    return tmp


def _state_years(codes: list[int], years: list[int], **cols: list[object]) -> pd.DataFrame:
    frame = pd.DataFrame({"ccode": codes, "year": years, **cols})
    return declare(frame, unit="state_year", system="cow")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 1), min_size=1, max_size=30), min_size=1, max_size=4))
def test_spells_equal_ps_btscs_loop(series: list[list[int]]) -> None:
    codes, years, events, expect = [], [], [], []
    for k, s in enumerate(series):
        codes += [k + 2] * len(s)
        years += list(range(1900, 1900 + len(s)))
        events += s
        expect += _ps_btscs(s)
    t = _state_years(codes, years, x=events)
    shuffled = t.sample(frac=1.0, random_state=1)  # row order must not matter
    out = add_spells(shuffled, event="x").loc[t.index]
    assert out["x_spell"].tolist() == expect


def test_spells_options_on_a_known_series() -> None:
    x = [0, 1, 1, 1, 0, 0, 1, 0]
    t = _state_years([2] * 8, list(range(1990, 1998)), x=x, ucdpongoing=x, ucdponset=[0, 1, 0, 0, 0, 0, 1, 0])
    assert add_spells(t, event="x")["x_spell"].tolist() == [0, 1, 0, 0, 0, 1, 2, 0]
    ongo = add_spells(t, event="x", ongo=True, name="s")["s"]
    assert ongo.isna().tolist() == [False, False, True, True, False, False, False, False]
    assert ongo.dropna().tolist() == [0, 1, 0, 1, 2, 0]
    onset = add_spells(t, conflict_event_type="onset")["ucdpspell"]
    assert onset.tolist() == [0, 1, 0, 1, 2, 3, 4, 0]
    assert add_peace_years(t)["ucdpspell"].tolist() == [0, 1, 0, 0, 0, 1, 2, 0]


def test_spells_pad_restarts_after_a_gap_and_missing_edges_stay_missing() -> None:
    t = _state_years([255] * 6, [1943, 1944, 1945, 1990, 1991, 1992], x=[0, 0, 0, 0, 0, 0])
    assert add_spells(t, event="x")["x_spell"].tolist() == [0, 1, 2, 3, 4, 5]
    assert add_spells(t, event="x", pad=True)["x_spell"].tolist() == [0, 1, 2, 0, 1, 2]
    edges = _state_years([2] * 4, [2009, 2010, 2011, 2012], x=[0, 1, None, None])
    s = add_spells(edges, event="x")["x_spell"]
    assert s.iloc[:2].tolist() == [0, 1] and s.iloc[2:].isna().all()
    assert len(add_spells(edges, event="x")) == len(edges)


def test_missing_events_count_as_absent_rows() -> None:
    t = _state_years([2] * 5, [2000, 2001, 2002, 2003, 2004], x=[0, None, None, 0, 1])
    s = add_spells(t, event="x")["x_spell"]
    assert s.isna().tolist() == [False, True, True, False, False]
    assert s.dropna().tolist() == [0, 1, 2]  # ps_btscs drops missing rows, then counts
    assert add_spells(t, event="x", pad=True)["x_spell"].dropna().tolist() == [0, 0, 1]


def test_peace_years_on_gw_tables_skip_years_without_cow_counterpart() -> None:
    from blocs.system import add_intrastate_wars

    sy = add_peace_years(add_intrastate_wars(create_state_years(system="gw", years="1900-1912")))
    cuba = sy[sy.gwcode == 40].set_index("year")
    assert cuba.loc[1907:1908, "cowintraspell"].isna().all()  # COW: no Cuba under US occupation
    assert cuba.loc[1906, "cowintraspell"] == 4 and cuba.loc[1909, "cowintraspell"] == 5


def test_spells_refuse_what_they_cannot_count() -> None:
    t = _state_years([2] * 3, [2000, 2001, 2002], x=[0, 0, 1])
    with pytest.raises(DuplicateKeysError, match=r"add_spells\(\) has 1 duplicated key\(s\) \(2, 2000\)"):
        add_spells(_state_years([2, 2], [2000, 2000], x=[0, 1]), event="x")
    with pytest.raises(InvalidParameterError, match="must hold 0/1 flags or non-negative counts"):
        add_spells(_state_years([2, 2], [2000, 2001], x=[0, -1]), event="x")
    with pytest.raises(InvalidParameterError, match="is not a column"):
        add_spells(t, event="nope")
    with pytest.raises(InvalidParameterError, match="conflict_event_type"):
        add_spells(t, conflict_event_type="start")  # type: ignore[arg-type]
    with pytest.raises(InfeasibleOptionError, match="found no event columns"):
        add_peace_years(_state_years([2], [2000], y=[1]))


def test_spells_on_ucdp_onset_counts() -> None:
    sy = add_spells(add_ucdp_onsets(create_state_years(system="gw", years="1946-1950")), event="sumonset1")
    france = sy[sy.gwcode == 220]
    assert france["sumonset1"].tolist() == [4, 1, 0, 0, 0]  # counts: four new episodes in 1946
    assert france["sumonset1_spell"].tolist() == [0, 0, 0, 1, 2]


def test_peace_years_on_gw_dyads() -> None:
    dy = add_peace_years(add_gml_mids(create_dyad_years(system="gw", directed=False, years="1960-1970")))
    pair = dy[(dy.gwcode1 == 365) & (dy.gwcode2 == 710)]
    assert pair["gmlmidspell"].tolist() == [0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0]


# --- state-year enrichments -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "system", "verb"),
    [
        ("c04b_gw_sy_archigos", "gw", add_archigos),
        ("c05b_cow_sy_sim_gdp_pop", "cow", add_sim_gdp_pop),
        ("c05c_cow_sy_creg_fractionalization", "cow", add_creg_fractionalization),
        ("c05d_cow_sy_rugged_terrain", "cow", add_rugged_terrain),
        ("c07a_gw_sy_add_ccode_to_gw", "gw", add_ccode_to_gw),
        ("c07b_cow_sy_add_gwcode_to_cow", "cow", add_gwcode_to_cow),
    ],
)
def test_state_year_verbs_equal_peacesciencer(
    peer: Callable[[str], pd.DataFrame], stem: str, system: str, verb: Callable[[pd.DataFrame], pd.DataFrame]
) -> None:
    # peacesciencer's create_stateyears() ran to 2025 (its mry rule on a 2026 clock).
    sy = verb(create_state_years(system=system, extend_to=2025))  # type: ignore[arg-type]
    assert_equal_to_peer(sy, peer(stem), ["ccode" if system == "cow" else "gwcode", "year"])


def test_c04a_ucdp_onsets_equal_inside_coverage_missing_outside(peer: Callable[[str], pd.DataFrame]) -> None:
    sy = add_ucdp_onsets(create_state_years(system="gw", extend_to=2025))
    theirs = peer("c04a_gw_sy_ucdp_onsets")
    inside = ((sy.year >= 1946) & (sy.year <= 2017)).to_numpy()
    assert_equal_to_peer(sy[inside], theirs[inside], ["gwcode", "year"])
    # peacesciencer fills 0 before 1946 and after 2017; blocs does not invent those zeros.
    assert sy.loc[~inside, "sumonset1"].isna().all()
    assert (theirs.loc[~inside, "sumonset1"] == 0).all()


def test_ucdp_onsets_and_archigos_reach_cow_tables() -> None:
    sy = add_archigos(add_ucdp_onsets(create_state_years(years=1946)))
    assert int(sy.loc[sy.ccode == 220, "sumnewconf"].iloc[0]) == 4  # France: four new episodes
    assert sy.loc[sy.ccode == 2, "dec31obsid"].iloc[0] == "USA-1945"
    with pytest.raises(InfeasibleOptionError, match="needs a state_year table"):
        add_ucdp_onsets(create_dyad_years(years=1946))


def test_latent_territorial_threat_is_the_source() -> None:
    from blocs.data import load

    src = load("terrthreat").set_index(["ccode", "year"])
    sy = add_latent_territorial_threat(create_state_years(years="2008-2012"))
    inside = sy[sy.year <= 2010].set_index(["ccode", "year"])
    joined = inside.join(src, rsuffix="_src", how="left")
    np.testing.assert_array_equal(joined["lterrthreat"].to_numpy(), joined["lterrthreat_src"].to_numpy())
    assert sy.loc[sy.year > 2010, "lterrthreat"].isna().all()
    dy = add_latent_territorial_threat(create_dyad_years(directed=False, years=1816))
    assert {"lterrthreat1", "m_upr2"} <= set(dy.columns)


def test_intrastate_wars_us_civil_war_and_coverage() -> None:
    sy = add_intrastate_wars(create_state_years(years="1860-2016"))
    us = sy[sy.ccode == 2].set_index("year")
    assert us.loc[1861, "cowintraonset"] == 1 and us.loc[1862, "cowintraonset"] == 0
    assert us.loc[1861:1865, "cowintraongoing"].eq(1).all() and us.loc[1866, "cowintraongoing"] == 0
    assert us.loc[1861, "cowintra_warname"] == "U.S. Civil War"
    assert sy.loc[sy.year > 2008, "cowintraongoing"].isna().all()
    assert us.loc[1861, "cowintra_wartype"] == "local issues"  # secession: COW's regional internal war
    central = add_intrastate_wars(create_state_years(years=1861), intratype="central control")
    assert central.loc[central.ccode == 2, "cowintraonset"].iloc[0] == 0
    with pytest.raises(InvalidParameterError, match="intratype"):
        add_intrastate_wars(create_state_years(years=1861), intratype="civil")  # type: ignore[arg-type]


def test_crosswalks_refuse_the_wrong_system_and_existing_codes() -> None:
    with pytest.raises(InfeasibleOptionError, match="is COW already"):
        add_ccode_to_gw(create_state_years(years=2000))
    with pytest.raises(InfeasibleOptionError, match="is GW already"):
        add_gwcode_to_cow(create_state_years(system="gw", years=2000))
    gw = add_ccode_to_gw(create_state_years(system="gw", years=2000))
    with pytest.raises(InvalidParameterError, match="already has"):
        add_ccode_to_gw(gw)
    dy = add_ccode_to_gw(create_dyad_years(system="gw", directed=False, years=1995))
    row = dy[(dy.gwcode1 == 2) & (dy.gwcode2 == 260)]
    assert (int(row.ccode1.iloc[0]), int(row.ccode2.iloc[0])) == (2, 255)
    assert meta_of(dy).system == "gw"


# --- contiguity and politically relevant dyads ----------------------------------------------


@pytest.fixture(scope="module")
def ndy_1816_2014() -> pd.DataFrame:
    return create_dyad_years(directed=False, years="1816-2014")


def test_c06_filter_prd_with_first_rule_equals_peacesciencer(
    peer: Callable[[str], pd.DataFrame], ndy_1816_2014: pd.DataFrame
) -> None:
    prd = filter_prd(ndy_1816_2014, contiguity="first")
    assert_equal_to_peer(prd, peer("c06_ndy_1816_2014_filter_prd"), ["ccode1", "ccode2", "year"])


def test_contiguity_rules_differ_on_705_dyad_years(ndy_1816_2014: pd.DataFrame) -> None:
    closest = add_contiguity(ndy_1816_2014)["conttype"]
    first = add_contiguity(ndy_1816_2014, rule="first")["conttype"]
    differ = closest != first
    assert int(differ.sum()) == 705
    assert (closest[differ] > 0).all()  # "closest" never reports less contiguity
    peru = ndy_1816_2014.index[
        (ndy_1816_2014.ccode1 == 100) & (ndy_1816_2014.ccode2 == 135) & (ndy_1816_2014.year == 1916)
    ]
    assert (int(closest[peru].iloc[0]), int(first[peru].iloc[0])) == (1, 0)
    prd = filter_prd(ndy_1816_2014)
    assert len(prd) == 119_529  # 291 more politically relevant dyad-years than with "first"
    with pytest.raises(InvalidParameterError, match="rule"):
        add_contiguity(ndy_1816_2014, rule="min")  # type: ignore[arg-type]


def test_filter_prd_keeps_metadata_and_refuses_state_years() -> None:
    prd = filter_prd(create_dyad_years(directed=False, years=1970))
    assert set(prd["prd"].unique()) == {1}
    assert meta_of(prd).unit == "dyad_year"
    gw = filter_prd(create_dyad_years(system="gw", directed=False, years=1970))
    assert ((gw.gwcode1 == 2) & (gw.gwcode2 == 710)).any() and meta_of(gw).system == "gw"
    with pytest.raises(InfeasibleOptionError):
        filter_prd(create_state_years(years=1970))


# --- every new adder keeps the row count ----------------------------------------------------

_NEW = ["ucdp_onsets", "intra_wars", "archigos", "gdppop", "creg", "rugged", "terrthreat", "ccode", "gwcode"]


@pytest.mark.parametrize("name", _NEW)
def test_new_adders_keep_rows(name: str) -> None:
    adder = ADDERS[name]
    system = "gw" if name == "ccode" else "cow"
    for unit in adder.units:
        if unit == "state_year":
            t = create_state_years(system=system, years="1990-1992")
        else:
            t = create_dyad_years(system=system, directed=False, years=1991)
        before = t.copy()
        out = adder.function(t)
        assert len(out) == len(t)
        pd.testing.assert_frame_equal(t, before)  # the input is not changed
