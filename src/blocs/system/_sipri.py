"""SIPRI military expenditure (2024 release, 1949–2023) by state code.

SIPRI names countries; :func:`load_sipri_milex` resolves each (name, year) through the one
country resolver (:func:`blocs.system.country_codes`) and :func:`add_sipri_milex` joins the
result to state-year and dyad-year tables.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs._errors import DataIntegrityError
from blocs._meta import System, TableMeta, with_meta
from blocs._validation import check_choice
from blocs.data import cites, get_dataset, load
from blocs.system._countries import country_codes, resolve
from blocs.system._join import Prepared, attach, join_monadic, keys_of, prepare_monadic
from blocs.system._spells import code_column

__all__ = ["SIPRI_COLUMNS", "add_sipri_milex", "load_sipri_milex"]

#: The SIPRI columns blocs reads (see the catalog entry ``sipri_milex``).
SIPRI_COLUMNS: dict[str, str] = {
    "milex_constant_usd": "military expenditure, US$ million at constant 2022 prices and exchange rates",
    "milex_current_usd": "military expenditure, US$ million at current prices",
    "milex_share_gdp": "military expenditure as a share of GDP (0.05 = 5%)",
    "milex_per_capita_usd": "military expenditure per capita, current US$",
    "milex_share_govt": "military expenditure as a share of government spending (0.05 = 5%)",
}

# SIPRI's row "Germany" holds West Germany's figures up to 1990 (its unified-Germany
# figures begin in 1991); the resolver is asked for the Federal Republic in those years.
_RENAME_BEFORE = {"Germany": (1991, "West Germany")}


def load_sipri_milex(*, system: System = "cow") -> pd.DataFrame:
    """SIPRI military expenditure keyed by state code and year.

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        Which state codes to resolve SIPRI's country names to.

    Returns
    -------
    DataFrame
        ``ccode`` (or ``gwcode``), ``year``, ``sipri_country`` (the name as published) and
        the columns of :data:`SIPRI_COLUMNS` (float64; NaN where SIPRI marks "..." data
        unavailable or "xxx" not independent). One row per state and year.

    Raises
    ------
    DataIntegrityError
        If two SIPRI rows resolve to one state-year with values in both.

    Notes
    -----
    Each (name, year) is resolved as of that year; where that fails because a name stood
    for two states in a year of change (Yemen 1990, Serbia 2006 in G–W), as of 31
    December. "Germany" before 1991 is West Germany (SIPRI's convention). Rows that
    resolve to no state are dropped: the European Union, and the years SIPRI reports for
    territories before independence (e.g. Malaysia 1951–1956, Sudan 1950–1955, Brunei
    1971–1983). The USSR (to 1990) and Russia (from 1992) both map to code 365, as COW has
    it. In the current-US$ sheet, a 0 where the constant-dollar figure is not 0 is an
    artefact of the workbook (e.g. Russia 1992, Czechoslovakia 1956–1992) and is read as
    missing; Costa Rica's, Iceland's and Panama's zeros are kept.

    References
    ----------
    SIPRI Military Expenditure Database (2024), https://www.sipri.org/databases/milex.

    Examples
    --------
    >>> m = load_sipri_milex()
    >>> int(m.loc[(m.ccode == 365) & (m.year == 2023), "milex_constant_usd"].iloc[0])
    126473
    """
    check_choice(system, ("cow", "gw"), param="system")
    out = _coded(system).copy()
    return with_meta(out, TableMeta(unit="state_year", system=system, sources=(get_dataset("sipri_milex").source,)))


@cache
def _coded(system: System) -> pd.DataFrame:
    raw = load("sipri_milex")
    cur, const = raw["milex_current_usd"], raw["milex_constant_usd"]
    raw["milex_current_usd"] = cur.mask((cur == 0) & ~(const == 0))
    values = list(SIPRI_COLUMNS)
    raw = raw[raw[values].notna().any(axis=1)].reset_index(drop=True)
    names = raw["country"].astype(str).to_numpy(dtype=object).copy()
    years = raw["year"].to_numpy(np.int64)
    for name, (before, alias) in _RENAME_BEFORE.items():
        names[(names == name) & (years < before)] = alias
    codes = country_codes(pd.Series(names), year=years, system=system, errors="coerce").to_numpy(dtype="float64")
    for i in np.flatnonzero(np.isnan(codes)):
        try:
            codes[i] = resolve(str(names[i]), date=f"{years[i]}-12-31", system=system).code
        except LookupError:
            continue
    col = code_column(system)
    out = raw.assign(**{col: codes}).dropna(subset=[col])
    out = out.rename(columns={"country": "sipri_country"})
    out[col] = out[col].astype(np.int64)
    dup = out[out.duplicated([col, "year"], keep=False)]
    if len(dup):
        shown = ", ".join(f"{r.sipri_country} {r.year}" for r in dup.head(6).itertuples())
        raise DataIntegrityError(f"SIPRI rows {shown} resolve to the same {col}-year; the name table needs a rule")
    return out[[col, "year", "sipri_country", *values]].sort_values([col, "year"]).reset_index(drop=True)


@cache
def _prepared(system: System) -> Prepared:
    return prepare_monadic(_coded(system), name="sipri_milex", code=code_column(system), columns=list(SIPRI_COLUMNS))


@cites("SIPRI2024")
def add_sipri_milex(table: pd.DataFrame) -> pd.DataFrame:
    """Add SIPRI military expenditure (2024 release, 1949–2023).

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (COW or G–W codes; SIPRI's names are
        resolved to the table's own system).

    Returns
    -------
    DataFrame
        ``table`` plus ``milex_constant_usd`` (US$ million, constant 2022),
        ``milex_current_usd``, ``milex_share_gdp`` (a fraction: 0.05 is 5% of GDP),
        ``milex_per_capita_usd`` and ``milex_share_govt`` (suffixes 1/2 on dyad-years);
        float64, NaN where SIPRI has no figure and outside 1949–2023.

    Raises
    ------
    InvalidParameterError
        ``table`` has no blocs metadata, or already holds these columns.

    Notes
    -----
    See :func:`load_sipri_milex` for how names become codes. SIPRI prints its own
    estimates in blue and uncertain figures in red; the colours are not read, so those
    figures are not flagged here.

    References
    ----------
    SIPRI Military Expenditure Database (2024), https://www.sipri.org/databases/milex.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_sipri_milex(create_state_years(years=2016))
    >>> round(float(sy.loc[sy.ccode == 710, "milex_share_gdp"].iloc[0]), 4)
    0.0177
    """
    keys = keys_of(table, function="add_sipri_milex")
    prep = _prepared(keys.system)
    cols = join_monadic(keys, prep, system=keys.system)
    return attach(table, cols, prep.sources, function="add_sipri_milex")
