"""Leader-years, LEAD and lwuf: equal to peacesciencer 1.2.9 (peers c08a, c08b, c08e, c08f)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _peer_tables import assert_same_values, peer

from blocs._errors import InvalidParameterError
from blocs._meta import declare, meta_of
from blocs.data import load
from blocs.system import (
    LEAD_COLUMNS,
    LWUF_COLUMNS,
    add_lead,
    add_lwuf,
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
