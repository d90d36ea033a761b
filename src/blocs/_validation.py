"""Argument checks shared by public functions: validate once, at the edge."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from blocs._errors import CoverageError, InvalidParameterError

__all__ = ["YearsLike", "parse_years", "check_years", "check_choice", "check_random_state"]

YearsLike = int | str | range | Sequence[int] | tuple[int, int] | None

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-:–]|\.\.)\s*(\d{4})\s*$")


def parse_years(years: YearsLike, *, default: tuple[int, int], param: str = "years") -> list[int]:
    """Normalise a years argument to a sorted list of ints.

    Accepts an int, a ``"1946-2014"`` string, a ``(first, last)`` tuple (inclusive),
    a range, or any sequence of ints; ``None`` means ``default`` (inclusive).
    """
    if years is None:
        first, last = default
        return list(range(first, last + 1))
    if isinstance(years, bool):
        raise InvalidParameterError(f"{param} must be a year, a range or a list of years; got {years!r}")
    if isinstance(years, (int, np.integer)):
        return [int(years)]
    if isinstance(years, str):
        m = _RANGE.match(years)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
        elif years.strip().isdigit():
            a = b = int(years)
        else:
            parts = [p.strip() for p in years.split(",") if p.strip()]
            if parts and all(p.isdigit() for p in parts):
                return sorted({int(p) for p in parts})
            raise InvalidParameterError(
                f"{param}={years!r} is not a year range; write e.g. '1946-2014', '1962' or '1950,1960'"
            )
        if a > b:
            raise InvalidParameterError(f"{param}={years!r} runs backwards; write the first year first")
        return list(range(a, b + 1))
    if isinstance(years, tuple) and len(years) == 2 and all(isinstance(y, (int, np.integer)) for y in years):
        a, b = int(years[0]), int(years[1])
        if a > b:
            raise InvalidParameterError(f"{param}={years!r} runs backwards; write the first year first")
        return list(range(a, b + 1))
    try:
        out = sorted({int(y) for y in years})
    except (TypeError, ValueError):
        raise InvalidParameterError(
            f"{param} must be a year, a 'first-last' string, a (first, last) tuple or a list of years; got {years!r}"
        ) from None
    if not out:
        raise InvalidParameterError(f"{param} is empty; give at least one year")
    return out


def check_years(years: Iterable[int], *, coverage: tuple[int, int], dataset: str, param: str = "years") -> None:
    """Raise :class:`CoverageError` if any year lies outside ``coverage`` of ``dataset``."""
    ys = list(years)
    first, last = coverage
    bad = [y for y in ys if y < first or y > last]
    if bad:
        shown = f"{bad[0]}" if len(bad) == 1 else f"{bad[0]}…{bad[-1]} ({len(bad)} years)"
        raise CoverageError(f"{param} {shown} outside {dataset} coverage ({first}–{last}); choose years in that range")


def check_choice(value: Any, choices: Iterable[Any], *, param: str) -> None:
    """Raise :class:`InvalidParameterError` unless ``value`` is one of ``choices``."""
    options = tuple(choices)
    if value not in options:
        raise InvalidParameterError(
            f"The {param!r} parameter must be one of {', '.join(map(repr, options))}; got {value!r} instead"
        )


def check_random_state(seed: int | np.random.Generator | None) -> np.random.Generator:
    """Turn ``seed`` (None, an int or a Generator) into a :class:`numpy.random.Generator`."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, (int, np.integer)):
        return np.random.default_rng(seed)
    raise InvalidParameterError(f"seed must be None, an int or a numpy Generator; got {seed!r}")
