"""Dispute-years and the whittle_conflicts_* family: equal to peacesciencer 1.2.9 after every step."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from _peer_tables import peer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import meta_of
from blocs.data import load
from blocs.system import (
    create_dispute_years,
    create_dyad_years,
    create_state_years,
    show_duplicates,
    whittle_conflicts,
    whittle_conflicts_duration,
    whittle_conflicts_fatality,
    whittle_conflicts_hostility,
    whittle_conflicts_onsets,
    whittle_conflicts_reciprocation,
    whittle_conflicts_startmonth,
)

Step = Callable[[pd.DataFrame], pd.DataFrame]
KEYS = ["dispnum", "ccode1", "ccode2", "year"]
CHAIN: list[tuple[str, Step, int]] = [
    ("c10_step1_gml_dirdisp_whittle_through_onsets", whittle_conflicts_onsets, 518),
    ("c10_step2_gml_dirdisp_whittle_through_fatality", whittle_conflicts_fatality, 220),
    ("c10_step3_gml_dirdisp_whittle_through_hostility", whittle_conflicts_hostility, 152),
    ("c10_step4_gml_dirdisp_whittle_through_duration_mindur", whittle_conflicts_duration, 10),
    (
        "c10_step5_gml_dirdisp_whittle_through_duration_maxdur",
        lambda t: whittle_conflicts_duration(t, durtype="maxdur"),
        10,
    ),
    ("c10_step6_gml_dirdisp_whittle_through_reciprocation", whittle_conflicts_reciprocation, 6),
    ("c10_gml_dirdisp_whittle_full_chain", whittle_conflicts_startmonth, 0),
]


@pytest.fixture(scope="module")
def gml() -> pd.DataFrame:
    return create_dispute_years()


def test_every_step_equals_peacesciencer_row_for_row(gml: pd.DataFrame) -> None:
    assert len(gml) == 10276 and int(gml.duplicated(["ccode1", "ccode2", "year"]).sum()) == 992
    t = gml
    for name, step, dups_left in CHAIN:
        t = step(t)
        theirs = peer(name)
        # same rows in the same order (R's arrange() is stable, so is ours)
        assert t[KEYS].reset_index(drop=True).equals(theirs[KEYS].astype("int64")), name
        assert int(t.duplicated(["ccode1", "ccode2", "year"]).sum()) == dups_left, name
        assert list(t.columns) == list(gml.columns)  # whittling adds no column
    assert whittle_conflicts(gml)[KEYS].equals(t[KEYS])


def test_single_duration_chain_equals_c10b(gml: pd.DataFrame) -> None:
    t = whittle_conflicts_hostility(whittle_conflicts_fatality(whittle_conflicts_onsets(gml)))
    t = whittle_conflicts_startmonth(whittle_conflicts_reciprocation(whittle_conflicts_duration(t)))
    theirs = peer("c10b_gml_dirdisp_whittle_chain_single_duration")
    assert t[KEYS].reset_index(drop=True).equals(theirs[KEYS].astype("int64"))


def test_chains_reproduce_peacesciencers_whittled_files(gml: pd.DataFrame) -> None:
    # peacesciencer ships the result of these rules as gml_mid_ddydisps / cow_mid_ddydisps
    for table, whittled in ((gml, "gml_mid_ddydisps"), (create_dispute_years(source="cow"), "cow_mid_ddydisps")):
        ours = whittle_conflicts(table)
        theirs = load(whittled)
        m = ours.merge(theirs, on=["ccode1", "ccode2", "year"], suffixes=("", "_ps"), validate="one_to_one")
        assert len(m) == len(ours) == len(theirs)
        assert (m["dispnum"] == m["dispnum_ps"]).all(), whittled


def test_input_unchanged_and_metadata_kept(gml: pd.DataFrame) -> None:
    before = gml.copy()
    out = whittle_conflicts_fatality(gml)
    pd.testing.assert_frame_equal(gml, before)
    assert meta_of(out) == meta_of(gml)
    assert {s.name for s in meta_of(create_dispute_years(source="cow")).sources} == {
        "cow_mid_dirdisps",
        "cow_mid_disps",
    }


def test_unknown_fatality_ranks_between_none_and_lowest(gml: pd.DataFrame) -> None:
    # a toy dyad-year: unknown fatality (-9, missing) beats 0 and loses to 1
    rows = gml.head(3).copy()
    rows[["ccode1", "ccode2", "year"]] = [2, 20, 1900]
    rows["fatality"] = pd.array([0, pd.NA, 1], dtype="Int64")
    toy = rows.reset_index(drop=True)
    toy.attrs = gml.attrs
    assert whittle_conflicts_fatality(toy)["fatality"].tolist() == [1]
    assert whittle_conflicts_fatality(toy.iloc[:2])["fatality"].isna().tolist() == [True]


def test_show_duplicates_on_units() -> None:
    assert len(show_duplicates(create_state_years(years=1990))) == 0
    dy = create_dyad_years(system="gw", directed=False, years=1990)
    doubled = pd.concat([dy, dy.head(2)])
    doubled.attrs = dy.attrs
    dup = show_duplicates(doubled)
    assert len(dup) == 4 and (dup["duplicated"] == 1).all()
    assert list(dup.columns[:3]) == ["gwcode1", "gwcode2", "year"]


def test_errors() -> None:
    sy = create_state_years(years=1990)
    with pytest.raises(InfeasibleOptionError, match="create_dispute_years"):
        whittle_conflicts_onsets(sy)
    with pytest.raises(InvalidParameterError, match="'durtype' parameter must be one of 'mindur', 'maxdur'"):
        whittle_conflicts_duration(create_dispute_years(), durtype="longest")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'source' parameter must be one of 'gml', 'cow'"):
        create_dispute_years(source="mid")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="lacks column"):
        whittle_conflicts_hostility(create_dispute_years().drop(columns="hostlev"))
    with pytest.raises(InvalidParameterError, match="needs a state-year, dyad-year, state-day"):
        show_duplicates(pd.DataFrame({"a": [1]}))


def test_show_duplicates_on_leader_units() -> None:
    from blocs.system import create_leader_years, create_state_days

    ly = create_leader_years(standardize="cow")
    assert len(show_duplicates(ly)) == 0  # Kohl's two 1990 rows differ in ccode (260, 255)
    doubled = pd.concat([ly, ly[ly.obsid == "USA-1961"]])
    doubled.attrs = ly.attrs
    assert show_duplicates(doubled)["year"].tolist() == [1961, 1961, 1962, 1962, 1963, 1963]
    assert len(show_duplicates(create_state_days(years=1990))) == 0


_STEPS: list[Step] = [
    whittle_conflicts_onsets,
    whittle_conflicts_fatality,
    whittle_conflicts_hostility,
    whittle_conflicts_duration,
    lambda t: whittle_conflicts_duration(t, durtype="maxdur"),
    whittle_conflicts_reciprocation,
    whittle_conflicts_startmonth,
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10275), min_size=1, max_size=300), st.integers(0, 6))
def test_whittle_rules_invariants(gml: pd.DataFrame, picks: list[int], k: int) -> None:
    # any subset of real dispute-years: a rule keeps a subset, never empties a dyad-year,
    # never touches a dyad-year with one dispute, and applying it twice changes nothing
    sub = gml.iloc[sorted(set(picks))]
    sub.attrs = gml.attrs
    out = _STEPS[k](sub)
    key = ["ccode1", "ccode2", "year"]
    assert set(out.index) <= set(sub.index)
    assert set(map(tuple, out[key].to_numpy())) == set(map(tuple, sub[key].to_numpy()))
    single = ~sub.duplicated(key, keep=False)
    assert set(sub.index[single]) <= set(out.index)
    assert _STEPS[k](out).index.equals(out.index)


def test_leader_level_whittling_and_peacesciencers_file() -> None:
    from blocs.system._whittle import _whittle_leader_disputes

    keys = ["ccode1", "obsid1", "ccode2", "obsid2", "year", "dispnum"]
    theirs = load("gml_mid_ddlydisps")[keys].fillna({"obsid1": "", "obsid2": ""})
    # with the fatality rule taken per dyad-year (peacesciencer's leader branch), the chain
    # reproduces gml_mid_ddlydisps row for row, in order
    ps = _whittle_leader_disputes(peacesciencer=True)[keys].fillna({"obsid1": "", "obsid2": ""})
    assert (ps.to_numpy() == theirs.to_numpy()).all()
    # per leader-dyad-year (blocs): the same disputes plus 64 leader-dyad-years peacesciencer drops
    ours = whittle_conflicts(create_dispute_years(source="gml_leaders"))
    assert len(ours) == len(theirs) + 64 and len(show_duplicates(ours)) == 0
    extra = ours[keys].fillna({"obsid1": "", "obsid2": ""}).merge(theirs, how="left", indicator=True)
    assert (extra["_merge"] == "left_only").sum() == 64
    assert meta_of(ours).unit == "leader_dyad_year"
