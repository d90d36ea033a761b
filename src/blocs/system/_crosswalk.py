"""Dated crosswalks between Correlates of War and Gleditsch–Ward state codes."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import System
from blocs.data import cites, get_dataset, load
from blocs.system._join import Column, attach, gather, keys_of, lookup, state_keys, unique_index
from blocs.system._spells import code_column

__all__ = ["add_ccode_to_gw", "add_gwcode_to_cow"]

# The isard panel keyed by the table's own system: G–W rows carry their COW code, and back.
_PANEL = {"gw": "gw_cw_panel", "cow": "cw_gw_panel"}


@cache
def _crosswalk(from_system: System) -> tuple[pd.Index, np.ndarray]:
    name = _PANEL[from_system]
    panel = load(name)
    src = code_column(from_system)
    dst = code_column("cow" if from_system == "gw" else "gw")
    panel = panel[panel[src].notna()]
    keys = state_keys(panel[src].to_numpy(dtype=np.int64), panel["year"].to_numpy(dtype=np.int64))
    data = panel[dst].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    return unique_index(keys, source=f"{name} {get_dataset(name).version}"), data


def _add_codes(table: pd.DataFrame, *, from_system: System, function: str) -> pd.DataFrame:
    keys = keys_of(table, function=function)
    to_system: System = "cow" if from_system == "gw" else "gw"
    new = code_column(to_system)
    if keys.system != from_system:
        other = "add_gwcode_to_cow" if from_system == "gw" else "add_ccode_to_gw"
        raise InfeasibleOptionError(
            f"{function}() adds {to_system.upper()} codes to a {from_system.upper()} table; this table is "
            f"{keys.system.upper()} already. Use {other}() to add the other system's codes."
        )
    names = [f"{new}1", f"{new}2"] if keys.dyadic else [new]
    present = [c for c in [new, f"{new}1", f"{new}2"] if c in table.columns]
    if present:
        raise InvalidParameterError(
            f"{function}(): the table already has {present}; drop them first if you want them re-derived"
        )
    index, target = _crosswalk(from_system)
    cols: dict[str, Column] = {}
    for name, code in zip(names, keys.codes, strict=True):
        values = gather(target, lookup(index, state_keys(code, keys.year)))
        arr = np.asarray(values, dtype=np.float64)
        cols[name] = pd.arrays.IntegerArray(np.nan_to_num(arr, nan=0).astype(np.int64), np.isnan(arr))
    return attach(table, cols, (get_dataset(_PANEL[from_system]).source,), function=function)


@cites("Miller2022", "Gleditsch1999", "COW2017states")
def add_ccode_to_gw(table: pd.DataFrame) -> pd.DataFrame:
    """Add Correlates of War codes to a Gleditsch–Ward table, year by year.

    Parameters
    ----------
    table : DataFrame
        A blocs G–W state-year or dyad-year table.

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``ccode`` (state-years) or ``ccode1``/``ccode2`` (dyad-years):
        the COW code isard's ``gw_cw_panel`` gives the G–W state in that year; <NA> where
        COW has no counterpart (e.g. G–W microstates, or states COW does not list that
        year). The table stays a G–W table; rows never change.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is a COW table (use :func:`add_gwcode_to_cow`).
    InvalidParameterError
        ``table`` already has COW code columns.

    Notes
    -----
    One G–W state-year has at most one COW code, but a COW code can appear on two G–W
    rows of a year (COW treats some splits and unions differently), so do not join COW
    data on the new codes without checking. Equal to peacesciencer 1.2.9's
    ``add_ccode_to_gw()`` value for value.

    References
    ----------
    Miller (2022), peacesciencer (and isard's panels); Gleditsch & Ward (1999).

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_ccode_to_gw(create_state_years(system="gw", years=1995))
    >>> int(sy.loc[sy.gwcode == 260, "ccode"].iloc[0])  # unified Germany: G–W 260, COW 255
    255
    """
    return _add_codes(table, from_system="gw", function="add_ccode_to_gw")


@cites("Miller2022", "Gleditsch1999", "COW2017states")
def add_gwcode_to_cow(table: pd.DataFrame) -> pd.DataFrame:
    """Add Gleditsch–Ward codes to a Correlates of War table, year by year.

    Parameters
    ----------
    table : DataFrame
        A blocs COW state-year or dyad-year table.

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``gwcode`` (state-years) or ``gwcode1``/``gwcode2``
        (dyad-years): the G–W code isard's ``cw_gw_panel`` gives the COW state in that
        year; <NA> where G–W has no counterpart. The table stays a COW table.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is a G–W table (use :func:`add_ccode_to_gw`).
    InvalidParameterError
        ``table`` already has G–W code columns.

    Notes
    -----
    Equal to peacesciencer 1.2.9's ``add_gwcode_to_cow()`` value for value.

    References
    ----------
    Miller (2022), peacesciencer (and isard's panels); Gleditsch & Ward (1999).

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_gwcode_to_cow(create_state_years(years=2000))
    >>> int(sy.loc[sy.ccode == 345, "gwcode"].iloc[0])  # Yugoslavia: COW 345, G–W 345
    345
    """
    return _add_codes(table, from_system="cow", function="add_gwcode_to_cow")
