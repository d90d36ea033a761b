"""create_state_years: counts per year equal the published system lists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import meta_of
from blocs.data import load
from blocs.system import create_state_years


def _counts_from_list(df: pd.DataFrame, code: str, first: str, last: str) -> pd.Series:
    years = [range(a, b + 1) for a, b in zip(df[first], df[last], strict=True)]
    rows = pd.DataFrame(
        {
            code: np.repeat(df[code].to_numpy(), [len(r) for r in years]),
            "year": np.concatenate([np.array(r) for r in years]),
        }
    )
    return rows.drop_duplicates().groupby("year").size()


def test_cow_counts_equal_states2016() -> None:
    states = load("cow_states")  # the COW file itself, with year columns
    expected = _counts_from_list(states, "ccode", "styear", "endyear")
    got = create_state_years(system="cow").groupby("year").size()
    pd.testing.assert_series_equal(got, expected, check_names=False)
    assert got.loc[1816] == 23 and got.loc[2016] == 195


def test_gw_counts_equal_gw_system() -> None:
    gw = load("gw_system").assign(sy=lambda d: d.start.dt.year, ey=lambda d: d.end.dt.year)
    expected = _counts_from_list(gw, "gwcode", "sy", "ey")
    sy = create_state_years(system="gw")
    got = sy.groupby("year").size()
    pd.testing.assert_series_equal(got, expected, check_names=False)
    assert list(sy.columns) == ["gwcode", "year", "microstate"]
    assert set(sy.loc[sy.gwcode == 221, "microstate"]) == {1}  # Monaco


def test_metadata_and_keys_unique() -> None:
    sy = create_state_years(years="1946-2014")
    meta = meta_of(sy)
    assert meta.unit == "state_year" and meta.system == "cow"
    assert {s.name for s in meta.sources} == {"cw_system"}
    assert not sy.duplicated(["ccode", "year"]).any()
    assert sy.year.min() == 1946 and sy.year.max() == 2014


def test_germany_and_yemen_spells() -> None:
    sy = create_state_years(system="cow")
    years = sy.groupby("ccode")["year"].agg(["min", "max", "count"])
    y255 = set(sy.loc[sy.ccode == 255, "year"])
    assert 1945 in y255 and 1946 not in y255 and 1989 not in y255 and {1990, 2016} <= y255
    assert tuple(years.loc[260, ["min", "max"]]) == (1955, 1990)
    assert tuple(years.loc[265, ["min", "max"]]) == (1954, 1990)
    assert tuple(years.loc[678, ["min", "max"]]) == (1926, 1990)
    assert tuple(years.loc[680, ["min", "max"]]) == (1967, 1990)
    assert tuple(years.loc[679, ["min", "max"]]) == (1990, 2016)


def test_extension_carries_states_alive_at_list_end() -> None:
    ext = create_state_years(years=2016, extend_to=2024)
    later = create_state_years(years=2024, extend_to=2024)
    assert set(ext.ccode) == set(later.ccode) and len(later) == 195


def test_years_list_and_polars() -> None:
    sy = create_state_years(years=[1816, 1990], backend="polars")
    assert type(sy).__module__.startswith("polars")
    assert sorted(set(sy["year"].to_list())) == [1816, 1990]


def test_errors() -> None:
    with pytest.raises(CoverageError, match=r"years 2017…2020 \(4 years\) outside cw_system .*extend_to=2020"):
        create_state_years(years="2010-2020")
    with pytest.raises(InvalidParameterError, match="'system' parameter must be one of"):
        create_state_years(system="cowx")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="extend_to=2000 is before the end"):
        create_state_years(extend_to=2000)
    with pytest.raises(InvalidParameterError, match="'backend' parameter"):
        create_state_years(backend="arrow")  # type: ignore[arg-type]
