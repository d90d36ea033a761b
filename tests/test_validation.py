"""The constraint objects, the decorator and the one message template of blocs._validation."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocs._errors import CoverageError, InvalidParameterError, UnknownCountryError
from blocs._validation import (
    ABSURD,
    RANDOM_STATE,
    InstanceOf,
    Interval,
    Options,
    OutputPath,
    StateToken,
    Years,
    check_param,
    check_random_state,
    message,
    parse_years,
    validate_params,
)


def test_message_template() -> None:
    assert message("k", "an integer >= 2", 1, "choose more", where="f") == (
        "The 'k' parameter of f must be an integer >= 2; got 1 instead. Choose more"
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "3", True, None, 1e308])
def test_interval_refuses_non_finite_absurd_and_non_numbers(bad: object) -> None:
    with pytest.raises(InvalidParameterError, match="'x' parameter must be a finite number"):
        check_param(bad, Interval(float, None, None), param="x")


def test_interval_bounds_and_integers() -> None:
    iv = Interval(int, 2, 10)
    assert iv.check(3.0, param="k") == 3
    with pytest.raises(InvalidParameterError, match=r"must be an integer in \[2, 10\]; got 2\.5"):
        iv.check(2.5, param="k")
    with pytest.raises(InvalidParameterError, match=r"must be a finite number in \(0, 1\]; got 0"):
        Interval(float, 0, 1, closed="right").check(0, param="p")
    assert Interval(float, 0, None, closed="neither").describe().startswith("a positive number")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_interval_accepts_exactly_the_finite_values_in_range(x: float) -> None:
    iv = Interval(float, -1, 1)
    ok = math.isfinite(x) and -1 <= x <= 1
    if ok:
        assert iv.check(x, param="x") == x
    else:
        with pytest.raises(InvalidParameterError):
            iv.check(x, param="x")


def test_options_from_literal_and_case() -> None:
    from typing import Literal

    opts = Options.from_literal(Literal["a", "b"])
    assert opts.values == ("a", "b")
    with pytest.raises(InvalidParameterError, match="must be one of 'a', 'b'; got 'c' instead"):
        opts.check("c", param="m")
    assert Options(("cow", "gw"), case_insensitive=True).check("COW", param="s") == "cow"
    assert Options(("x",)).check("x", param="y") == "x"
    with pytest.raises(InvalidParameterError):
        Options(("x",)).check(["unhashable"], param="y")


def test_union_reports_the_constraint_of_the_value_kind() -> None:
    cons = [Options(("estimate",)), Interval(float, 0, None, closed="neither")]
    with pytest.raises(InvalidParameterError, match="must be one of 'estimate'"):
        check_param("fit", cons, param="w")
    with pytest.raises(InvalidParameterError, match="must be a positive number"):
        check_param(-1.0, cons, param="w")
    assert check_param(None, [None, Interval(int, 0, 5)], param="n") is None
    with pytest.raises(InvalidParameterError, match="or None"):
        check_param([1], [None, Interval(int, 0, 5), InstanceOf((str,))], param="n")


def test_years_from_catalog() -> None:
    ys = Years(dataset="cow_nmc")
    assert ys.coverage()[0] == 1816
    assert ys.check("1990-1991", param="years") == [1990, 1991]
    with pytest.raises(CoverageError, match=r"within cow_nmc 7\.0 coverage \(1816–2022\); got 2100 instead"):
        ys.check(2100, param="years")
    with pytest.raises(CoverageError, match=r"got '1700…1701 \(2 years\)'"):
        ys.check([1700, 1701], param="years")
    assert Years(dataset="cw_system", extend=True).coverage()[1] >= 2025
    assert Years(dataset="cow_nmc", single=True).check(1990.0, param="year") == 1990
    with pytest.raises(InvalidParameterError, match="a year \\(an integer such as 1960\\)"):
        Years(dataset="cow_nmc", single=True).check(1990.5, param="year")
    with pytest.raises(InvalidParameterError, match="at most 3 years"):
        Years(max_years=3).check("1990-1995", param="years")


@pytest.mark.parametrize(
    ("years", "match"),
    [
        ([1990.5], "whole years"),
        ((1990.5, 1991), "whole years"),
        ([], "at least one year"),
        (True, "a year, a 'first-last' range"),
        ("1990-1950", "runs backwards"),
        ("nineteen", "must be a year range"),
        (object(), "a list of years"),
        ([float("nan")], "whole years"),
    ],
)
def test_parse_years_refusals(years: object, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        parse_years(years, default=(1816, 2016))  # type: ignore[arg-type]


def test_parse_years_forms() -> None:
    assert parse_years(None, default=(1990, 1992)) == [1990, 1991, 1992]
    assert parse_years("1990,1960", default=(0, 0)) == [1960, 1990]
    assert parse_years(np.int64(1990), default=(0, 0)) == [1990]
    assert parse_years([1990.0, 1991], default=(0, 0)) == [1990, 1991]


def test_state_token_uses_the_resolver() -> None:
    assert StateToken(year=1960).check("Russia", param="state") == 365
    assert StateToken().check(" 710 ", param="state") == 710
    with pytest.raises(UnknownCountryError, match="unknown country"):
        StateToken().check("Narnia", param="state")
    with pytest.raises(InvalidParameterError, match="must be a state name"):
        StateToken().check(3.5, param="state")


def test_output_path(tmp_path: Path) -> None:
    assert OutputPath().check(str(tmp_path / "a" / "b.parquet"), param="out") == tmp_path / "a" / "b.parquet"
    assert OutputPath(directory=True).check(tmp_path / "new", param="out") == tmp_path / "new"
    with pytest.raises(InvalidParameterError, match="must be a writable file path"):
        OutputPath().check("", param="out")
    with pytest.raises(InvalidParameterError, match="must be a writable file path"):
        OutputPath().check(5, param="out")


def test_random_state() -> None:
    gen = np.random.default_rng(0)
    assert check_random_state(gen) is gen
    assert isinstance(check_random_state(3), np.random.Generator)
    for bad in (-1, "abc", 1.5, True):
        with pytest.raises(InvalidParameterError, match="'seed' parameter must be None, a non-negative int"):
            RANDOM_STATE.check(bad, param="seed")


def test_validate_params_decorator() -> None:
    @validate_params({"k": Interval(int, 2, 10), "how": Options(("a", "b"))})
    def f(x: int, *, k: int = 2, how: str = "a") -> int:
        return x + k

    assert f(1, k=3) == 4
    with pytest.raises(InvalidParameterError, match="The 'k' parameter of f must be an integer in \\[2, 10\\]"):
        f(1, k=11)
    with pytest.raises(InvalidParameterError, match="'how' parameter of f must be one of 'a', 'b'"):
        f(1, how="c")
    assert set(f.__blocs_constraints__) == {"k", "how"}  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="does not have"):
        validate_params({"nope": Interval(int)})(f)
    assert ABSURD == 1e12


def test_years_default_is_the_unextended_coverage() -> None:
    ys = Years(dataset="cw_system", extend=True).check(None, param="years")
    assert (ys[0], ys[-1]) == (1816, 2016)
    assert Years(dataset="cw_system", extend=True).check(2020, param="years") == [2020]


def test_a_long_bad_value_keeps_its_end_in_the_message(tmp_path: Path) -> None:
    # a deep output folder must not hide the file name (and its wrong extension) behind "..."
    deep = tmp_path.joinpath(*["folder"] * 12, "result.xlsx")
    with pytest.raises(InvalidParameterError, match=r"result\.xlsx"):
        OutputPath().check(deep, param="out")
