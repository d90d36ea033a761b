"""State-years built from membership spells."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from blocs._meta import System, TableMeta, with_meta
from blocs._validation import YearsLike, check_choice
from blocs.system._backend import Backend, check_backend, to_backend
from blocs.system._spells import SYSTEMS, Spells, code_column, day_to_year, load_spells, resolve_years

__all__ = ["create_state_years"]


def create_state_years(
    *,
    system: System = "cow",
    years: YearsLike = None,
    extend_to: int | None = None,
    backend: Backend = "pandas",
) -> Any:
    """Every state in the system in every year it was a member.

    A state is in year *y* if any of its membership spells touches *y* (one day is
    enough), so the count of states per year equals the published system list.

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        Correlates of War (``cw_system``, v2016, ends 2016-12-31) or Gleditsch–Ward
        (``gw_system`` with the microstate flag, ends 2020-12-31).
    years : int, "first-last" str, (first, last) tuple or list of ints, optional
        Years to keep. Default: the whole list (1816–2016 COW, 1816–2020 G–W), or up to
        ``extend_to`` when given.
    extend_to : int, optional
        Carry every state still alive on the list's last day forward through
        31 December of this year (peacesciencer's rule for years after a list ends).
        Default None: no extension; years after the list's end raise CoverageError.
    backend : {"pandas", "polars"}, default "pandas"
        polars frames cannot carry blocs metadata; use pandas to chain ``add_*`` calls.

    Returns
    -------
    DataFrame
        ``ccode, year`` (COW) or ``gwcode, year, microstate`` (G–W), sorted by code and
        year; metadata unit="state_year".

    Raises
    ------
    InvalidParameterError
        Unknown ``system``/``backend`` or a malformed ``years``/``extend_to``.
    CoverageError
        Years outside the list (and its extension).

    Notes
    -----
    States with two spells (Germany 255: 1816–1945 and from 1990) appear in every year
    either spell touches; a year touched by both spells appears once.

    References
    ----------
    Correlates of War Project (2017), State System Membership List v2016.
    Gleditsch & Ward (1999), A Revised List of Independent States since 1816.
    Miller (2022), peacesciencer.

    Examples
    --------
    >>> sy = create_state_years(years=1946)
    >>> int((sy["year"] == 1946).sum())
    66
    """
    check_choice(system, SYSTEMS, param="system")
    check_backend(backend)
    spells, ys = resolve_years(load_spells(system), years, extend_to)
    table = _state_years(spells, ys)
    return to_backend(table, backend)


def _state_years(spells: Spells, years: list[int]) -> pd.DataFrame:
    lo, hi = years[0], years[-1]
    sy = np.maximum(day_to_year(spells.start), lo)
    ey = np.minimum(day_to_year(spells.end), hi)
    n = np.clip(ey - sy + 1, 0, None)
    idx = np.repeat(np.arange(len(n)), n)
    year = sy[idx] + (np.arange(idx.size) - np.repeat(np.cumsum(n) - n, n))
    code = spells.code[idx]
    # Spells are sorted by (code, start): rows come out sorted by (code, year), and a
    # year touched by two spells of one state shows up as an adjacent duplicate.
    keep = np.ones(code.size, dtype=bool)
    keep[1:] = (code[1:] != code[:-1]) | (year[1:] != year[:-1])
    if len(years) != hi - lo + 1:
        keep &= np.isin(year, years)
    col = code_column(spells.system)
    data: dict[str, np.ndarray] = {col: code[keep], "year": year[keep]}
    if spells.microstate is not None:
        data["microstate"] = spells.microstate[idx][keep]
    table = pd.DataFrame(data)
    return with_meta(table, TableMeta(unit="state_year", system=spells.system, sources=(spells.source,)))
