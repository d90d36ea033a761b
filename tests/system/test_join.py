"""The join engine: duplicate keys raise, rows never change, missing means missing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError
from blocs._meta import declare, meta_of
from blocs.system import add_atop_alliance, add_nmc, create_dyad_years, create_state_years
from blocs.system._join import dyad_keys, gather, join_monadic, keys_of, prepare_dyadic, prepare_monadic


def test_duplicated_source_keys_raise_and_name_them() -> None:
    dup = pd.DataFrame({"ccode": [2, 2, 20], "year": [1950, 1950, 1950], "x": [1.0, 2.0, 3.0]})
    with pytest.raises(DuplicateKeysError, match=r"1 duplicated key\(s\) \(2, 1950\)"):
        prepare_monadic(dup, name="constructed", code="ccode", columns=["x"])
    dyad = pd.DataFrame({"ccode1": [2, 2], "ccode2": [20, 20], "year": [1950, 1950], "x": [1, 2]})
    with pytest.raises(DuplicateKeysError, match=r"\(2, 20, 1950\)"):
        prepare_dyadic(dyad, name="constructed", code1="ccode1", code2="ccode2", columns=["x"])


def test_constructed_source_joins_by_position() -> None:
    src = pd.DataFrame({"ccode": [2, 20], "year": [1950, 1950], "x": [1.5, 2.5], "k": [1, 0]})
    prep = prepare_monadic(src, name="constructed", code="ccode", columns=["x", "k"])
    sy = create_state_years(years=1950)
    cols = join_monadic(keys_of(sy, function="t"), prep, system="cow")
    x = pd.Series(cols["x"], index=sy.ccode)
    assert x.loc[2] == 1.5 and x.loc[20] == 2.5 and x.drop([2, 20]).isna().all()
    assert str(pd.Series(cols["k"]).dtype) == "Int64"


def test_gather_types() -> None:
    pos = np.array([1, -1, 0])
    assert np.isnan(gather(np.array([1.0, 2.0]), pos)[1])
    ints = gather(np.array([5, 6]), pos)
    assert list(pd.Series(ints).astype("object")) == [6, pd.NA, 5]
    strs = gather(pd.array(["a", "b"], dtype="string"), pos)
    assert list(pd.Series(strs).astype("object")) == ["b", pd.NA, "a"]


def test_dyad_keys_are_unique_per_triple() -> None:
    k = dyad_keys(np.array([2, 20, 2]), np.array([20, 2, 20]), np.array([1950, 1950, 1951]))
    assert len(set(k.tolist())) == 3
    assert dyad_keys(np.array([-1]), np.array([2]), np.array([1950]))[0] < 0


def test_input_not_mutated_and_rows_kept() -> None:
    dy = create_dyad_years(directed=False, years="1990-1991")
    before = dy.copy()
    out = add_atop_alliance(add_nmc(dy))
    pd.testing.assert_frame_equal(dy, before)
    assert len(out) == len(dy)
    assert list(dy.columns) == ["ccode1", "ccode2", "year"]
    assert {s.name for s in meta_of(out).sources} == {"cw_system", "cow_nmc", "atop_alliance"}


def test_dispatch_errors() -> None:
    sy = create_state_years(years=1950)
    with pytest.raises(InfeasibleOptionError, match=r"add_atop_alliance\(\) adds a dyadic variable"):
        add_atop_alliance(sy)
    with pytest.raises(InvalidParameterError, match="unit='other'"):
        add_nmc(pd.DataFrame({"ccode": [2], "year": [1950]}))
    with pytest.raises(InvalidParameterError, match="Polars frames carry no metadata"):
        add_nmc(create_state_years(years=1950, backend="polars"))
    with pytest.raises(InvalidParameterError, match=r"would overwrite column\(s\) \['milex'"):
        add_nmc(add_nmc(sy))
    bad = declare(pd.DataFrame({"ccode": [2], "yr": [1950]}), unit="state_year", system="cow")
    with pytest.raises(InvalidParameterError, match=r"lacks key column\(s\) \['year'\]"):
        add_nmc(bad)


def test_declared_outside_table_works() -> None:
    t = declare(
        pd.DataFrame({"ccode1": [2, 365], "ccode2": [365, 2], "year": [1962, 1962]}),
        unit="dyad_year",
        system="cow",
        directed=True,
    )
    out = add_nmc(t)
    assert out["cinc1"].iloc[0] == out["cinc2"].iloc[1]


@settings(max_examples=10, deadline=None)
@given(years=st.lists(st.integers(1816, 2016), min_size=1, max_size=3, unique=True))
def test_directed_enrichment_mirrors_undirected(years: list[int]) -> None:
    d = add_atop_alliance(add_nmc(create_dyad_years(years=years)))
    u = add_atop_alliance(add_nmc(create_dyad_years(years=years, directed=False)))
    m = d.merge(u, left_on=["ccode2", "ccode1", "year"], right_on=["ccode1", "ccode2", "year"], suffixes=("", "_u"))
    assert len(m) * 2 == len(d)
    np.testing.assert_array_equal(m["cinc1"].to_numpy(), m["cinc2_u"].to_numpy())
    # ATOP's directed flags may be asymmetric: undirected = either direction
    either = np.maximum(
        m["atop_defense"].to_numpy(int),
        d.set_index(["ccode1", "ccode2", "year"])
        .loc[list(zip(m.ccode1_u, m.ccode2_u, m.year, strict=True)), "atop_defense"]
        .to_numpy(int),
    )
    np.testing.assert_array_equal(either, m["atop_defense_u"].to_numpy(int))
