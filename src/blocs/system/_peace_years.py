"""Peace years and spells: time since the last event, per state, dyad or unit.

One counting rule serves both verbs (peacesciencer's ``add_peace_years()``, which calls
stevemisc's ``ps_btscs()``, and its ``add_spells()``, which calls ``ps_spells()``): within
a unit, rows sorted by year, the spell of a row is the number of rows since the last row
with an event, minus one; the first row of a unit counts from 0.  For an event series
``0 0 0 1 0 0 1 1 0`` the spells are ``0 1 2 3 0 1 2 0 0``: a year with an event still
counts the peace that preceded it, the year after an event starts again at 0.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError
from blocs._validation import check_choice
from blocs.data import cites
from blocs.system._join import attach, keys_of

__all__ = ["EVENT_FAMILIES", "add_peace_years", "add_spells"]

EventType = Literal["ongoing", "onset"]

# (ongoing column, onset column, spell column) of every event family blocs' add_* verbs add.
EVENT_FAMILIES: dict[str, tuple[str, str, str]] = {
    "gmlmid": ("gmlmidongoing", "gmlmidonset", "gmlmidspell"),
    "cowmid": ("cowmidongoing", "cowmidonset", "cowmidspell"),
    "cowinter": ("cowinterongoing", "cowinteronset", "cowinterspell"),
    "cowintra": ("cowintraongoing", "cowintraonset", "cowintraspell"),
    "ucdp": ("ucdpongoing", "ucdponset", "ucdpspell"),
}


def _units(table: pd.DataFrame, function: str) -> tuple[np.ndarray, np.ndarray]:
    """(unit id, year) arrays: the state for state-years, the ordered pair for dyad-years."""
    keys = keys_of(table, function=function)
    unit = keys.codes[0] * 1_000 + keys.codes[1] if keys.dyadic else keys.codes[0].copy()
    return unit, keys.year


def _spells(
    unit: np.ndarray,
    year: np.ndarray,
    event: np.ndarray,
    observed: np.ndarray,
    *,
    ongo: bool,
    pad: bool,
    function: str,
) -> pd.arrays.IntegerArray:
    """The counting rule (module docstring) over the observed rows, in table order.

    Rows whose event is missing are left out (their spell is missing) and the count runs
    across them as across any gap in a unit's years; ``pad`` restarts it after a gap.
    """
    n = unit.size
    order = np.lexsort((year, unit))
    u, y, obs = unit[order], year[order], observed[order]
    same = np.zeros(n, dtype=bool)
    same[1:] = u[1:] == u[:-1]
    dup = same & np.r_[False, y[1:] == y[:-1]]
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise DuplicateKeysError(
            f"{function}(): the table has {int(dup.sum())} duplicated unit-year row(s), e.g. unit "
            f"{_describe_unit(int(u[i]))} in {int(y[i])}; spells need one row per unit and year. "
            f"Reduce it to one row per key first."
        )
    keep = np.flatnonzero(obs)
    u, y, ev = u[keep], y[keep], event[order][keep]
    m = keep.size
    idx = np.arange(m)
    start = np.ones(m, dtype=bool)
    start[1:] = u[1:] != u[:-1]
    if pad:
        start[1:] |= y[1:] - y[:-1] > 1  # a gap counts as an event: the count restarts
    hit = ev != 0
    run = np.zeros(m, dtype=bool)  # ongo=True: a 1 following a 1 continues one event
    run[1:] = hit[1:] & hit[:-1] & ~start[1:]
    # Last row before each row that had an event (or the unit's start, one row before it).
    marker = np.where(hit, idx, -1)
    prev = np.r_[-1, np.maximum.accumulate(marker)[:-1]]
    unit_start = np.maximum.accumulate(np.where(start, idx, 0))
    base = np.maximum(prev, unit_start - 1)
    spell = idx - base - 1
    valid = np.ones(m, dtype=bool)
    if ongo:
        valid = ~run
    out = np.zeros(n, dtype=np.int64)
    mask = np.ones(n, dtype=bool)  # <NA> unless counted below
    rows = order[keep]
    out[rows] = spell
    mask[rows] = ~valid
    return pd.arrays.IntegerArray(out, mask)


def _describe_unit(unit: int) -> str:
    return f"({unit // 1_000}, {unit % 1_000})" if unit >= 1_000 else str(unit)


def _event_values(table: pd.DataFrame, column: str, function: str) -> tuple[np.ndarray, np.ndarray]:
    if table[column].dtype.kind not in "biuf":
        raise InvalidParameterError(
            f"{function}(): event column {column!r} has dtype {table[column].dtype}; it must hold 0/1 flags or counts"
        )
    values = pd.to_numeric(table[column])
    observed = values.notna().to_numpy()
    data = values.fillna(0).to_numpy()
    bad = observed & ((data < 0) | (data != np.floor(data)))
    if bad.any():
        raise InvalidParameterError(
            f"{function}(): event column {column!r} must hold 0/1 flags or non-negative counts (or missing); "
            f"found {sorted(set(data[bad].tolist()))[:5]}. Recode it first."
        )
    return (data > 0).astype(np.int64), observed


def _families(table: pd.DataFrame, function: str) -> list[tuple[str, str, str]]:
    found = [f for f in EVENT_FAMILIES.values() if f[0] in table.columns and f[1] in table.columns]
    if not found:
        known = ", ".join(f"{a}/{b}" for a, b, _ in EVENT_FAMILIES.values())
        raise InfeasibleOptionError(
            f"{function}() found no event columns to count peace years for; it knows {known}. "
            f"Add events first (add_gml_mids(), add_cow_mids(), add_cow_wars(), add_ucdp_acd(), ...) "
            f"or name a 0/1 column with add_spells(table, event=...)."
        )
    return found


@cites("Beck1998", "Miller2022")
def add_peace_years(table: pd.DataFrame, *, pad: bool = False) -> pd.DataFrame:
    """Add peace years: years since the last *ongoing* conflict, per unit (peacesciencer's rule).

    For every event family in the table (``gmlmid``, ``cowmid``, ``cowinter``,
    ``cowintra``, ``ucdp``) adds ``<family>spell`` counted on the family's ongoing
    column: ``spell = t − (last year with an ongoing event before t) − 1``, counted in
    rows of the unit (a state for state-years, the ordered pair for dyad-years), starting
    at 0 in the unit's first row.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (COW or G–W) holding event columns.
    pad : bool, default False
        False (peacesciencer's default): a unit's rows are counted consecutively even
        where years are missing (Germany 1945→1990 continues the count). True: a gap in
        a unit's years, or years whose event is missing, restart the count at 0, as if
        an event filled the gap (stevemisc's ``pad_ts = TRUE``).

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``<family>spell`` per family present; <NA> where the event
        column is missing (years outside the event data's coverage).

    Raises
    ------
    InfeasibleOptionError
        No known event columns in the table.
    DuplicateKeysError
        Two rows share a unit and year.

    Notes
    -----
    Equal to peacesciencer 1.2.9's ``add_peace_years()`` (stevemisc ``ps_btscs()`` with
    ``pad_ts=FALSE``) value for value on ``create_dyadyears(directed=FALSE,
    subset_years=1816:2010) %>% add_gml_mids() %>% add_peace_years()`` and on UCDP
    state-years. A row whose event is missing gets a missing spell and, as in
    ``ps_btscs()``, counts like an absent row: on a G–W table joined to COW events, Cuba's
    1907–1908 (a G–W state, not a COW one) are skipped, and with ``pad=True`` the count
    restarts after them. The count runs over the rows present: peace years computed after
    :func:`filter_prd` skip the dropped years (compute them first, or pass ``pad=True``).

    References
    ----------
    Beck, Katz & Tucker (1998), Taking Time Seriously; Miller (2022), peacesciencer.

    Examples
    --------
    >>> from blocs.system import add_gml_mids, create_dyad_years
    >>> dy = add_peace_years(add_gml_mids(create_dyad_years(directed=False, years="1960-1970")))
    >>> ussr_china = dy[(dy.ccode1 == 365) & (dy.ccode2 == 710)]
    >>> ussr_china["gmlmidongoing"].tolist()  # disputes every year 1964-1969
    [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]
    >>> ussr_china["gmlmidspell"].tolist()
    [0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0]
    """
    check_choice(pad, (True, False), param="pad")
    unit, year = _units(table, "add_peace_years")
    cols: dict[str, pd.arrays.IntegerArray] = {}
    for ongoing, _onset, spell in _families(table, "add_peace_years"):
        event, observed = _event_values(table, ongoing, "add_peace_years")
        cols[spell] = _spells(unit, year, event, observed, ongo=False, pad=bool(pad), function="add_peace_years")
    return attach(table, cols, (), function="add_peace_years")


@cites("Beck1998", "Carter2010", "Miller2022")
def add_spells(
    table: pd.DataFrame,
    *,
    event: str | None = None,
    conflict_event_type: EventType = "ongoing",
    ongo: bool = False,
    pad: bool = False,
    name: str | None = None,
) -> pd.DataFrame:
    """Add spells (time since the last event) for any 0/1 event column, per unit.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (COW or G–W).
    event : str, optional
        A column of ``table`` holding 0/1 flags or counts (an event is a value > 0, e.g.
        ``sumonset1`` of :func:`add_ucdp_onsets`). Default None: every known event family present
        (``gmlmid``, ``cowmid``, ``cowinter``, ``cowintra``, ``ucdp``), as peacesciencer's
        ``add_spells()`` does.
    conflict_event_type : {"ongoing", "onset"}, default "ongoing"
        For the known families, count from ongoing events (recommended: a war's later
        years are not peace years) or from onsets. Ignored when ``event`` is given.
    ongo : bool, default False
        True: in a run of 1s only the first is an event; the rest are the same event
        continuing and get <NA> (spduration's convention). False: every 1 is an event.
    pad : bool, default False
        True: a gap in a unit's years restarts the count at 0 (see :func:`add_peace_years`).
    name : str, optional
        Name of the new column when ``event`` is given; default ``"<event>_spell"``.

    Returns
    -------
    DataFrame
        ``table`` plus Int64 spell column(s): ``<family>spell`` for known families, or
        ``name`` for ``event``; <NA> where the event is missing.

    Raises
    ------
    InvalidParameterError
        ``event`` is not a column, or holds negative or fractional values; a bad
        ``conflict_event_type``.
    InfeasibleOptionError
        No ``event`` given and no known event columns in the table.
    DuplicateKeysError
        Two rows share a unit and year.

    Notes
    -----
    With ``ongo=False`` the counts equal peacesciencer's ``add_peace_years()`` on the
    same column (stevemisc's ``ps_spells()`` and ``ps_btscs()`` agree there; ``ps_spells()``
    stops on missing events, blocs treats them as :func:`add_peace_years` does). For
    ``ongo=True`` blocs follows spduration's documented rule; ``ps_spells()`` 1.x reorders
    its helper vector before using it, so its counts after an ongoing run can differ.

    References
    ----------
    Beck, Katz & Tucker (1998); Carter & Signorino (2010), Back to the Future; Miller
    (2022), peacesciencer.

    Examples
    --------
    >>> from blocs.system import add_gml_mids, create_dyad_years
    >>> dy = add_gml_mids(create_dyad_years(directed=False, years="1960-1970"))
    >>> dy = add_spells(dy, conflict_event_type="onset")  # 1969 continues the 1968 dispute
    >>> dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), "gmlmidspell"].tolist()
    [0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 1]
    """
    check_choice(conflict_event_type, ("ongoing", "onset"), param="conflict_event_type")
    check_choice(ongo, (True, False), param="ongo")
    check_choice(pad, (True, False), param="pad")
    unit, year = _units(table, "add_spells")
    targets: list[tuple[str, str]]
    if event is None:
        if name is not None:
            raise InvalidParameterError("add_spells(): name= only applies with event=; drop name or give event")
        k = 0 if conflict_event_type == "ongoing" else 1
        targets = [(f[k], f[2]) for f in _families(table, "add_spells")]
    else:
        if not isinstance(event, str) or event not in table.columns:
            raise InvalidParameterError(
                f"add_spells(): event={event!r} is not a column of the table; give the name of a 0/1 column"
            )
        targets = [(event, name if name is not None else f"{event}_spell")]
    cols: dict[str, pd.arrays.IntegerArray] = {}
    for column, spell in targets:
        values, observed = _event_values(table, column, "add_spells")
        cols[spell] = _spells(unit, year, values, observed, ongo=bool(ongo), pad=bool(pad), function="add_spells")
    return attach(table, cols, (), function="add_spells")
