"""State-days: every state in the system on every day it was a member."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from blocs._meta import System, TableMeta, with_meta
from blocs._validation import YearsLike, check_choice
from blocs.system._backend import Backend, check_backend, to_backend
from blocs.system._spells import SYSTEMS, Spells, code_column, day_to_year, load_spells, resolve_years

__all__ = ["create_state_days"]


def _day(year: int, month: int, day: int) -> int:
    return int(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D").astype(np.int64))


def create_state_days(
    *,
    system: System = "cow",
    years: YearsLike = None,
    extend_to: int | None = None,
    backend: Backend = "pandas",
) -> Any:
    """Every state in the system on every day of its membership spells.

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        Correlates of War (``cw_system`` v2016, ends 2016-12-31) or Gleditsch–Ward
        (``gw_system`` with the microstate flag, ends 2020-12-31).
    years : int, "first-last" str, (first, last) tuple or list of ints, optional
        Calendar years to keep (peacesciencer 1.2.9's ``create_statedays()`` has no such
        argument; filter its output by year to compare). Default: the whole list.
    extend_to : int, optional
        Carry every state alive on the list's last day forward through 31 December of
        this year (peacesciencer's ``mry = TRUE`` with the current year minus one).
        Default None: no extension.
    backend : {"pandas", "polars"}, default "pandas"

    Returns
    -------
    DataFrame
        ``ccode, date`` (COW) or ``gwcode, date, microstate`` (G–W), ``date`` as
        ``datetime64``; one row per state and day, sorted by code and date; metadata
        unit="state_day".

    Raises
    ------
    InvalidParameterError
        Unknown ``system``/``backend`` or a malformed ``years``/``extend_to``.
    CoverageError
        Years outside the list (and its extension).

    Notes
    -----
    A spell's first and last days are both members (inclusive dates). States with two
    spells (Germany 255, until 1945 and from 3 October 1990) are absent between them. For
    COW 1989–1992 the table equals peacesciencer 1.2.9's ``create_statedays()`` filtered to
    those years, row for row (243,061 state-days).

    References
    ----------
    Correlates of War Project (2017), State System Membership List v2016.
    Gleditsch & Ward (1999), A Revised List of Independent States since 1816.
    Miller (2022), peacesciencer: ``create_statedays()``.

    Examples
    --------
    >>> sd = create_state_days(years=1990)
    >>> sd.loc[sd.ccode == 255, "date"].min().date().isoformat()
    '1990-10-03'
    >>> int((sd.date == "1990-10-02").sum()), int((sd.date == "1990-10-03").sum())
    (162, 161)
    """
    check_choice(system, SYSTEMS, param="system")
    check_backend(backend)
    spells, ys = resolve_years(load_spells(system), years, extend_to)
    return to_backend(_state_days(spells, ys), backend)


def _state_days(spells: Spells, years: list[int]) -> pd.DataFrame:
    lo, hi = _day(years[0], 1, 1), _day(years[-1], 12, 31)
    first = np.maximum(spells.start, lo)
    last = np.minimum(spells.end, hi)
    n = np.clip(last - first + 1, 0, None)
    idx = np.repeat(np.arange(n.size), n)
    day = first[idx] + (np.arange(idx.size) - np.repeat(np.cumsum(n) - n, n))
    keep = np.ones(day.size, dtype=bool)
    if len(years) != years[-1] - years[0] + 1:
        keep = np.isin(day_to_year(day), years)
    col = code_column(spells.system)
    data: dict[str, np.ndarray] = {
        col: spells.code[idx][keep],
        "date": day[keep].astype("datetime64[D]").astype("datetime64[ns]"),
    }
    if spells.microstate is not None:
        data["microstate"] = spells.microstate[idx][keep]
    table = pd.DataFrame(data)
    return with_meta(table, TableMeta(unit="state_day", system=spells.system, sources=(spells.source,)))
