"""create_dyad_years: exact against peacesciencer's cow_ddy / gw_ddy; no false dyads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import meta_of
from blocs.data import load
from blocs.system import create_dyad_years


@pytest.mark.parametrize(("system", "code", "last"), [("cow", "ccode", 2016), ("gw", "gwcode", 2020)])
def test_directed_equals_peacesciencer_row_for_row(system: str, code: str, last: str) -> None:
    ref = load(f"{system}_ddy")
    keys = [f"{code}1", f"{code}2", "year"]
    ours = create_dyad_years(system=system)  # type: ignore[arg-type]
    part = ref[ref.year <= last].reset_index(drop=True)
    assert len(ours) == len(part)
    assert ours.year.max() == last
    np.testing.assert_array_equal(ours[keys].to_numpy(), part[keys].to_numpy())
    # peacesciencer carries states alive at the list's end to 2024: so does extend_to
    full = create_dyad_years(system=system, extend_to=2024)  # type: ignore[arg-type]
    cols = keys + (["microstate1", "microstate2"] if system == "gw" else [])
    np.testing.assert_array_equal(full[cols].to_numpy(), ref[cols].to_numpy())


@pytest.mark.parametrize(("system", "code"), [("cow", "ccode"), ("gw", "gwcode")])
def test_false_dyads_are_absent(system: str, code: str) -> None:
    false = load(f"false_{system}_dyads")
    ours = create_dyad_years(system=system)  # type: ignore[arg-type]
    k = [f"{code}1", f"{code}2", "year"]
    hit = ours.merge(false[k], on=k)
    assert hit.empty
    # ...while both members were in the system in those years
    alive = set(zip(ours[f"{code}1"], ours.year, strict=True))
    assert all((a, y) in alive and (b, y) in alive for a, b, y in false[k].itertuples(index=False))


def test_unification_dyads() -> None:
    dy = create_dyad_years(directed=False, years="1989-1991")
    pairs = set(zip(dy.ccode1, dy.ccode2, dy.year, strict=True))
    assert (2, 255) not in {(a, b) for a, b, y in pairs if y == 1989}
    assert (2, 255, 1990) in pairs and (2, 260, 1990) in pairs and (2, 265, 1990) in pairs
    assert (255, 260, 1990) not in pairs and (255, 265, 1990) not in pairs  # never on the same day
    assert (678, 680, 1990) in pairs and (678, 679, 1990) not in pairs and (679, 680, 1990) not in pairs
    assert (2, 678, 1991) not in pairs and (2, 679, 1991) in pairs


def test_metadata() -> None:
    dy = create_dyad_years(directed=False, years=1950)
    meta = meta_of(dy)
    assert (meta.unit, meta.system, meta.directed) == ("dyad_year", "cow", False)
    assert (dy.ccode1 < dy.ccode2).all()
    n = 75  # COW states in 1950
    assert len(dy) == n * (n - 1) // 2


@settings(max_examples=15, deadline=None)
@given(
    system=st.sampled_from(["cow", "gw"]),
    years=st.lists(st.integers(1816, 2016), min_size=1, max_size=4, unique=True),
)
def test_directed_is_undirected_plus_mirror(system: str, years: list[int]) -> None:
    c = "ccode" if system == "cow" else "gwcode"
    d = create_dyad_years(system=system, years=years)  # type: ignore[arg-type]
    u = create_dyad_years(system=system, years=years, directed=False)  # type: ignore[arg-type]
    mirror = u.rename(columns={f"{c}1": f"{c}2", f"{c}2": f"{c}1"})
    both = pd.concat([u, mirror])[[f"{c}1", f"{c}2", "year"]]
    expect = both.sort_values([f"{c}1", f"{c}2", "year"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(d[[f"{c}1", f"{c}2", "year"]].reset_index(drop=True), expect)
    assert set(d.year) == set(years)  # every year 1816–2016 has at least two states


def test_errors() -> None:
    with pytest.raises(CoverageError, match="years 1815 outside cw_system"):
        create_dyad_years(years="1815-1820")
    with pytest.raises(InvalidParameterError, match="'directed' parameter"):
        create_dyad_years(directed="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="runs backwards"):
        create_dyad_years(years="1990-1950")
