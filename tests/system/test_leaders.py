"""Leader-years, LEAD and lwuf: equal to peacesciencer 1.2.9 (peers c08a, c08b, c08e, c08f)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _peer_tables import assert_same_values, peer

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import declare, meta_of
from blocs.data import load
from blocs.system import (
    LEAD_COLUMNS,
    LWUF_COLUMNS,
    add_gml_leader_mids,
    add_lead,
    add_lwuf,
    create_leader_dyad_years,
    create_leader_years,
    create_state_years,
)

COLUMNS = ["leader", "gender", "yrinoffice", "leaderage"]


@pytest.mark.parametrize(
    ("standardize", "name", "code"),
    [
        ("none", "c08a_create_leaderyears", "gwcode"),
        ("gw", "c08f_create_leaderyears_standardize_gw", "gwcode"),
        ("cow", "c08e_create_leaderyears_standardize_cow", "ccode"),
    ],
)
def test_leader_years_equal_peacesciencer(standardize: str, name: str, code: str) -> None:
    ours = create_leader_years(standardize=standardize)  # type: ignore[arg-type]
    theirs = peer(name)
    assert list(ours.columns) == list(theirs.columns)
    # same rows in the same order, and the same values
    assert (ours[["obsid", code, "year"]].to_numpy() == theirs[["obsid", code, "year"]].to_numpy()).all()
    assert_same_values(ours, theirs, keys=["obsid", code, "year"], columns=COLUMNS)
    assert meta_of(ours).unit == "leader_year" and meta_of(ours).system == ("cow" if code == "ccode" else "gw")


def test_add_lead_equals_peacesciencer() -> None:
    ours = add_lead(create_leader_years())
    theirs = peer("c08b_leaderyears_add_lead")
    assert len(ours) == len(theirs) == len(create_leader_years())
    assert_same_values(ours, theirs, keys=["obsid", "gwcode", "year"], columns=list(LEAD_COLUMNS))
    assert all(str(ours[c].dtype) == "Int64" for c in LEAD_COLUMNS)
    assert "LEAD" in {s.name for s in meta_of(ours).sources}


def test_add_lwuf_matches_source_per_leader() -> None:
    ly = create_leader_years(standardize="cow")
    out = add_lwuf(ly)
    assert len(out) == len(ly)
    src = load("lwuf").set_index("obsid")
    expect = src.loc[out["obsid"], list(LWUF_COLUMNS)].to_numpy()
    np.testing.assert_array_equal(out[list(LWUF_COLUMNS)].to_numpy(), expect)
    # Kennedy (USA-1961) is coded; his estimates are the same in each of his years
    jfk = out[out.obsid == "USA-1961"]
    assert len(jfk) == 3 and jfk["theta1_mean"].nunique() == 1 and jfk["theta1_mean"].notna().all()


def test_known_leader_years() -> None:
    cow = create_leader_years(standardize="cow")
    kohl = cow[(cow.obsid == "GFR-1982") & (cow.year == 1990)]
    assert kohl["ccode"].tolist() == [260, 255]  # West Germany until 2 Oct, Germany from 3 Oct
    # Morocco 1905-1912 and Saudi Arabia 1927-1932 are kept for COW (G-W drops them)
    assert ((cow.ccode == 600) & (cow.year == 1907)).any() and ((cow.ccode == 670) & (cow.year == 1930)).any()
    gw = create_leader_years(standardize="gw")
    assert not ((gw.gwcode == 600) & (gw.year == 1907)).any() and not ((gw.gwcode == 670) & (gw.year == 1930)).any()
    some = create_leader_years(years="1961-1962")
    assert set(some["year"]) == {1961, 1962}
    assert some.loc[some.obsid == "USA-1961", "leaderage"].tolist() == [44, 45]


def test_errors() -> None:
    with pytest.raises(CoverageError, match=r"years 2016…2020 \(5 years\) outside archigos 4.1 coverage \(1840–2015\)"):
        create_leader_years(years="2016-2020")
    with pytest.raises(CoverageError, match="outside archigos"):
        create_leader_dyad_years(years=1830)
    with pytest.raises(InvalidParameterError, match="'standardize' parameter must be one of 'none', 'cow', 'gw'"):
        create_leader_years(standardize="archigos")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="needs a leader_year table"):
        add_lead(create_state_years(years=1990))
    with pytest.raises(InvalidParameterError, match="'keep' parameter of add_lead"):
        add_lead(create_leader_years(years=1990), keep=["iq"])
    with pytest.raises(InvalidParameterError, match="lacks the key column 'obsid'"):
        add_lwuf(declare(pd.DataFrame({"year": [1990]}), unit="leader_year", system="gw"))
    with pytest.raises(InvalidParameterError, match="would overwrite"):
        add_lwuf(add_lwuf(create_leader_years(years=1990)))


@pytest.fixture(scope="module")
def cold_war_leader_dyads() -> pd.DataFrame:
    return create_leader_dyad_years(system="cow", years="1946-1970")


def test_leader_dyad_years_hold_every_gml_leader_dispute(cold_war_leader_dyads: pd.DataFrame) -> None:
    ld = cold_war_leader_dyads
    keys = ["obsid1", "obsid2", "ccode1", "ccode2", "year"]
    gml = load("gml_mid_ddlydisps").dropna(subset=["obsid1", "obsid2"])
    gml = gml[gml.year.between(1946, 1970)]
    found = gml[keys].merge(ld[keys].astype({"obsid1": str, "obsid2": str}), on=keys, how="left", indicator=True)
    assert len(gml) > 500 and (found["_merge"] == "both").all()
    # directed: both orders, never two leaders of one state, never one leader with herself
    assert (ld.ccode1 != ld.ccode2).all() and (ld.obsid1 != ld.obsid2).all()
    back = ld.rename(columns={"obsid1": "obsid2", "obsid2": "obsid1", "ccode1": "ccode2", "ccode2": "ccode1"})
    assert len(ld.merge(back[keys], on=keys)) == len(ld)
    assert not ld.duplicated(keys).any()


def test_leader_dyads_known_pairs_and_undirected(cold_war_leader_dyads: pd.DataFrame) -> None:
    ld = cold_war_leader_dyads
    us_ru_1953 = ld[(ld.ccode1 == 2) & (ld.ccode2 == 365) & (ld.year == 1953)]
    # Truman and Eisenhower (20 Jan) each overlap Stalin (to 5 Mar) and Malenkov/Khrushchev
    assert len(us_ru_1953) == 4 and set(us_ru_1953.obsid1.astype(str)) == {"USA-1945", "USA-1953"}
    und = create_leader_dyad_years(system="cow", directed=False, years="1946-1970")
    assert len(und) * 2 == len(ld) and (und.ccode1 < und.ccode2).all()
    assert meta_of(und).unit == "leader_dyad_year" and meta_of(und).directed is False


def test_add_gml_leader_mids(cold_war_leader_dyads: pd.DataFrame) -> None:
    out = add_gml_leader_mids(cold_war_leader_dyads)
    assert len(out) == len(cold_war_leader_dyads)
    assert out[["gmlmidonset", "gmlmidongoing"]].notna().all().all()
    gml = load("gml_mid_ddlydisps").dropna(subset=["obsid1", "obsid2"])
    ps = add_gml_leader_mids(cold_war_leader_dyads, whittle="peacesciencer")
    assert int(ps["gmlmidongoing"].sum()) == int(gml.year.between(1946, 1970).sum()) == 2304
    # blocs whittles per leader-dyad-year and keeps the 24 leader-dyad-years peacesciencer drops
    assert int(out["gmlmidongoing"].sum()) == 2328
    assert ((out["gmlmidongoing"] == 1) | (ps["gmlmidongoing"] == 0)).all()
    row = out[(out.obsid1 == "CHN-1949") & (out.ccode2 == 365) & (out.year == 1969)]
    # the 1969 border clashes (MID 349), Mao and Brezhnev's USSR
    assert row["gmlmidongoing"].tolist() == [1] and row["dispnum"].tolist() == [349]
    late = add_gml_leader_mids(create_leader_dyad_years(system="cow", directed=False, years=2012))
    assert late["gmlmidonset"].isna().all()  # after GML 2.2.1's last year: missing, never 0
    with pytest.raises(InvalidParameterError, match="COW leader_dyad_year"):
        add_gml_leader_mids(create_leader_dyad_years(system="gw", years=1962))
