"""add_ucdp_acd: peacesciencer parity (state-years, side A), both sides, supporters, dyads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from blocs import InvalidParameterError, meta_of
from blocs.data import load
from blocs.system import add_ucdp_acd, create_dyad_years, create_state_years, ucdp_parties

PEERS = Path(__file__).resolve().parents[3] / "shared" / "data" / "peers"
PS_COLUMNS = ["ucdpongoing", "ucdponset", "maxintensity", "conflict_ids"]


@pytest.fixture(scope="module")
def gw_1946_2019() -> pd.DataFrame:
    return add_ucdp_acd(create_state_years(system="gw", years="1946-2019"))


def test_state_years_equal_peacesciencer(gw_1946_2019: pd.DataFrame) -> None:
    oracle = pd.read_csv(PEERS / "c03_gw_sy_1946_2019_ucdp_acd_peace_years.csv.gz")
    ours = gw_1946_2019
    assert len(ours) == len(oracle) == 11522
    m = oracle.merge(ours, on=["gwcode", "year"], suffixes=("_ps", ""), validate="one_to_one")
    assert len(m) == len(oracle)
    for col in ("ucdpongoing", "ucdponset", "maxintensity"):
        a, b = m[f"{col}_ps"].astype("Float64"), m[col].astype("Float64")
        assert ((a == b).fillna(False) | (a.isna() & b.isna())).all(), col
    a, b = m["conflict_ids_ps"].astype("string"), m["conflict_ids"].astype("string")
    assert ((a == b).fillna(False) | (a.isna() & b.isna())).all()
    assert int(ours["ucdpongoing"].sum()) == int(oracle["ucdpongoing"].sum())


def test_rows_kept_and_sources(gw_1946_2019: pd.DataFrame) -> None:
    assert {s.name for s in meta_of(gw_1946_2019).sources} >= {"ucdp_acd", "gw_system"}


def test_both_sides_and_supporters_2022() -> None:
    sy = add_ucdp_acd(create_state_years(system="gw", years="2021-2024", extend_to=2024))
    row = sy.set_index(["gwcode", "year"])
    # Russia is side A of conflict 13243 (2022-), Ukraine side B: peacesciencer's columns
    # see only Russia's side; the _b columns see Ukraine's.
    assert row.loc[(365, 2022), "conflict_ids"] == "13243"
    assert row.loc[(365, 2022), "ucdponset"] == 1
    assert row.loc[(369, 2022), "conflict_ids_b"] == "13243"
    assert row.loc[(369, 2022), "ucdponset_b"] == 1 and row.loc[(369, 2023), "ucdponset_b"] == 0
    assert row.loc[(369, 2022), "maxintensity_b"] == 2
    assert row.loc[(365, 2021), "ucdpongoing_b"] == 0
    # inside coverage, no conflict: 0 (Iceland)
    assert row.loc[(395, 2024), "ucdpongoing"] == 0 and row.loc[(395, 2024), "ucdpongoing_2nd"] == 0


def test_outside_coverage_is_missing() -> None:
    sy = add_ucdp_acd(create_state_years(system="cow", years="1940-1946"))
    early = sy[sy["year"] < 1946]
    assert early["ucdpongoing"].isna().all() and early["ucdpongoing_b"].isna().all()
    assert sy.loc[sy["year"] == 1946, "ucdpongoing"].notna().any()


def test_dyads_opposite_sides() -> None:
    dy = add_ucdp_acd(create_dyad_years(system="cow", directed=True, years="2014-2024", extend_to=2024))
    ru_ua = dy[(dy.ccode1 == 365) & (dy.ccode2 == 369)].set_index("year")
    ua_ru = dy[(dy.ccode1 == 369) & (dy.ccode2 == 365)].set_index("year")
    assert ru_ua.loc[2021, "ucdpongoing"] == 0 and ru_ua.loc[2022, "ucdpongoing"] == 1
    assert ru_ua.loc[2022, "ucdponset"] == 1 and ru_ua.loc[2023, "ucdponset"] == 0
    # Russia supported the DPR (13246) and LPR (13247) against Ukraine in 2014
    assert ru_ua.loc[2014, "conflict_ids_2nd"] == "13246; 13247; 13306"
    pd.testing.assert_frame_equal(ru_ua.drop(columns=["ccode1", "ccode2"]), ua_ru.drop(columns=["ccode1", "ccode2"]))


def test_dyad_flags_match_parties() -> None:
    """Every primary opposite-side pair of the raw data is flagged, and only those."""
    dy = add_ucdp_acd(create_dyad_years(system="gw", directed=False, years="1990-1995"))
    p = ucdp_parties()
    p = p[p.year.between(1990, 1995)]
    a, b = p[p.role == "a"], p[p.role == "b"]
    pairs = a.merge(b, on=["conflict_id", "year"])
    expected = {(min(x, y), max(x, y), t) for x, y, t in zip(pairs.gwcode_x, pairs.gwcode_y, pairs.year, strict=True)}
    flagged = dy[dy.ucdpongoing == 1]
    got = set(zip(flagged.gwcode1, flagged.gwcode2, flagged.year, strict=True))
    in_table = set(zip(dy.gwcode1, dy.gwcode2, dy.year, strict=True))
    assert got == expected & in_table
    assert len(got) > 0


def test_filters() -> None:
    sy = create_state_years(system="gw", years="1946-2019")
    inter = add_ucdp_acd(sy, types="interstate")
    wars = add_ucdp_acd(sy, only_wars=True)
    base = add_ucdp_acd(sy)
    assert inter["ucdpongoing"].sum() < base["ucdpongoing"].sum()
    assert (wars["maxintensity"].dropna() == 2).all()
    with pytest.raises(InvalidParameterError, match="UCDP conflicts: types='civil' is not allowed"):
        add_ucdp_acd(sy, types="civil")
    with pytest.raises(InvalidParameterError, match="only_wars must be True or False"):
        add_ucdp_acd(sy, only_wars="yes")  # type: ignore[arg-type]


def test_v24_published_parties_agree_with_v25() -> None:
    """The published 24.1 CSV and peacesciencer's 25.1 copy list the same primary parties
    for conflicts present in both, in at least 97% of conflict-years (UCDP revises a few)."""
    v24 = load("ucdp_acd_v24")
    p = ucdp_parties()
    p = p[p.year <= 2023]

    def codes(cell: object) -> frozenset[int]:
        if pd.isna(cell):
            return frozenset()
        return frozenset(int(x) for x in str(cell).split(",") if x.strip())

    ours = p.groupby(["conflict_id", "year", "role"])["gwcode"].agg(frozenset)
    same = total = 0
    for r in v24.itertuples():
        for role, cell in (("a", r.gwno_a), ("b", r.gwno_b)):
            total += 1
            same += ours.get((r.conflict_id, r.year, role), frozenset()) == codes(cell)
    assert same / total > 0.97
    assert np.isin(v24["conflict_id"], p["conflict_id"]).mean() > 0.97
    ukr = v24[(v24.conflict_id == 13243) & (v24.year == 2022)].iloc[0]
    assert ukr.side_a == "Government of Russia (Soviet Union)" and ukr.side_b == "Government of Ukraine"
