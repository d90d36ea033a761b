"""Dyad-years built from membership spells by an interval-overlap join."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from blocs._meta import System, TableMeta, with_meta
from blocs._validation import YearsLike, check_choice
from blocs.system._backend import Backend, check_backend, to_backend
from blocs.system._spells import SYSTEMS, Spells, code_column, day_to_year, load_spells, resolve_years

__all__ = ["create_dyad_years"]


def create_dyad_years(
    *,
    system: System = "cow",
    directed: bool = True,
    years: YearsLike = None,
    extend_to: int | None = None,
    backend: Backend = "pandas",
) -> Any:
    """Every pair of states that were system members on a common day, per year.

    Two spells overlap on the days ``[max(start₁, start₂), min(end₁, end₂)]``; the
    dyad exists in every calendar year that interval touches. Pairs whose members were
    both in the system in a year but never on the same day (peacesciencer's "false
    dyads", e.g. 255–260 in 1990: West Germany ended on 2 October, unified Germany began
    on 3 October) are therefore never created.

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        Correlates of War (``cw_system`` v2016) or Gleditsch–Ward (``gw_system``,
        microstates included, flagged in ``microstate1``/``microstate2``).
    directed : bool, default True
        True: both (a, b) and (b, a). False: one row per pair with ``ccode1 < ccode2``.
    years : int, "first-last" str, (first, last) tuple or list of ints, optional
        Years to keep; default the whole list (or up to ``extend_to``).
    extend_to : int, optional
        Carry states alive on the list's last day forward through this year (the rule
        peacesciencer uses for ``cow_ddy``/``gw_ddy`` up to 2024). Default None.
    backend : {"pandas", "polars"}, default "pandas"

    Returns
    -------
    DataFrame
        ``ccode1, ccode2, year`` (COW) or ``gwcode1, gwcode2, year, microstate1,
        microstate2`` (G–W), sorted by the two codes and year; metadata unit="dyad_year".

    Raises
    ------
    InvalidParameterError, CoverageError
        As for :func:`create_state_years`.

    Notes
    -----
    For 1816–2016 (COW) and 1816–2020 (G–W) the directed tables equal peacesciencer's
    ``cow_ddy`` and ``gw_ddy`` row for row; with ``extend_to=2024`` they equal them in full.

    References
    ----------
    Miller (2022), peacesciencer: ``create_dyadyears()`` and its false-dyad lists.

    Examples
    --------
    >>> dy = create_dyad_years(directed=False, years=1990)
    >>> bool(((dy.ccode1 == 255) & (dy.ccode2 == 260)).any())
    False
    """
    check_choice(system, SYSTEMS, param="system")
    check_choice(directed, (True, False), param="directed")
    check_backend(backend)
    spells, ys = resolve_years(load_spells(system), years, extend_to)
    table = _dyad_years(spells, ys, directed=bool(directed))
    return to_backend(table, backend)


def _dyad_years(spells: Spells, years: list[int], *, directed: bool) -> pd.DataFrame:
    lo_year, hi_year = years[0], years[-1]
    n = spells.code.size
    i = np.repeat(np.arange(n), n)
    j = np.tile(np.arange(n), n)
    ci, cj = spells.code[i], spells.code[j]
    pair = (ci < cj) if not directed else (ci != cj)
    i, j, ci, cj = i[pair], j[pair], ci[pair], cj[pair]
    first = day_to_year(np.maximum(spells.start[i], spells.start[j]))
    last = day_to_year(np.minimum(spells.end[i], spells.end[j]))
    # Empty overlap (start > end) gives last < first in years or, within one year,
    # a negative day span: test on days, not years, so false dyads never appear.
    overlap = np.maximum(spells.start[i], spells.start[j]) <= np.minimum(spells.end[i], spells.end[j])
    first = np.maximum(first, lo_year)
    last = np.minimum(last, hi_year)
    ok = overlap & (last >= first)
    i, j, ci, cj, first, last = i[ok], j[ok], ci[ok], cj[ok], first[ok], last[ok]
    order = np.lexsort((first, cj, ci))
    i, j, ci, cj, first, last = i[order], j[order], ci[order], cj[order], first[order], last[order]
    count = last - first + 1
    rep = np.repeat(np.arange(count.size), count)
    year = first[rep] + (np.arange(rep.size) - np.repeat(np.cumsum(count) - count, count))
    c1, c2 = ci[rep], cj[rep]
    # A year touched by two spells of one state (none in COW v2016) would repeat a row.
    keep = np.ones(year.size, dtype=bool)
    keep[1:] = (c1[1:] != c1[:-1]) | (c2[1:] != c2[:-1]) | (year[1:] != year[:-1])
    if len(years) != hi_year - lo_year + 1:
        keep &= np.isin(year, years)
    col = code_column(spells.system)
    data: dict[str, np.ndarray] = {f"{col}1": c1[keep], f"{col}2": c2[keep], "year": year[keep]}
    if spells.microstate is not None:
        data["microstate1"] = spells.microstate[i[rep]][keep]
        data["microstate2"] = spells.microstate[j[rep]][keep]
    table = pd.DataFrame(data)
    meta = TableMeta(unit="dyad_year", system=spells.system, directed=directed, sources=(spells.source,))
    return with_meta(table, meta)
