"""Conflict: militarized disputes (COW MID 5.0, GML 2.2.1) and inter-state wars (rivalries: _rivalries.py)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_dyadic, keys_of, prepare_dyadic

__all__ = ["add_cow_mids", "add_cow_wars", "add_gml_mids"]

_MID_DETAIL = ["dispnum", "sidea1", "sidea2", "orig1", "orig2", "hostlev", "fatality"]


def _disputes_per_dyad_year(name: str) -> pd.DataFrame:
    raw = load(name)
    return raw.groupby(["ccode1", "ccode2", "year"], as_index=False).size().rename(columns={"size": "n"})


@cache
def _mids(kind: str) -> Prepared:
    whittled, all_disputes, prefix = {
        "cow": ("cow_mid_ddydisps", "cow_mid_dirdisps", "cowmid"),
        "gml": ("gml_mid_ddydisps", "gml_dirdisp", "gmlmid"),
    }[kind]
    frame = load(whittled)
    counts = _disputes_per_dyad_year(all_disputes)
    frame = frame.merge(counts, on=["ccode1", "ccode2", "year"], how="left", validate="one_to_one")
    frame = frame.rename(columns={"n": f"{prefix}disputes", **{c: f"{prefix}_{c}" for c in _MID_DETAIL}})
    columns = [f"{prefix}onset", f"{prefix}ongoing", f"{prefix}disputes", *(f"{prefix}_{c}" for c in _MID_DETAIL)]
    return prepare_dyadic(frame, name=whittled, code1="ccode1", code2="ccode2", columns=columns)


def _add_mids(table: pd.DataFrame, kind: str, function: str) -> pd.DataFrame:
    keys = keys_of(table, function=function, dyadic_only=True)
    prep = _mids(kind)
    prefix = f"{kind}mid"
    fill = (f"{prefix}onset", f"{prefix}ongoing", f"{prefix}disputes")
    cols = join_dyadic(keys, prep, system="cow", fill_zero=fill)
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function=function)


_MID_DOC = """

    Returns
    -------
    DataFrame
        ``table`` plus (Int64) ``{p}onset`` (1 if a dispute between the pair began that
        year), ``{p}ongoing`` (1 if one was under way), ``{p}disputes`` (how many distinct
        disputes the pair had that year, before whittling): 0 inside the data's years
        ({cov}) when there is no dispute, <NA> outside. The chosen dispute's
        ``{p}_dispnum``, ``{p}_sidea1``, ``{p}_sidea2``, ``{p}_orig1``, ``{p}_orig2``,
        ``{p}_hostlev`` and ``{p}_fatality`` (<NA> when there is none).

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    Notes
    -----
    Several disputes in one dyad-year are whittled to one (peacesciencer's rule, applied
    in this order until one is left): keep new onsets over continuing disputes; the
    highest dispute-level fatality (-9 counted as 0.5); the highest hostility level; the
    longest minimum duration, then maximum duration; reciprocated over unreciprocated;
    the earliest start month. ``{p}disputes`` keeps the count so that no dispute goes
    unnoticed. Rows are read in the table's direction: for an undirected table the row
    (ccode1 < ccode2) of the directed data. G–W tables are matched through gw_cw_panel.
"""


@cites("Palmer2022", "Miller2021mid")
def add_cow_mids(table: pd.DataFrame) -> pd.DataFrame:
    """Add Correlates of War militarized interstate disputes (MID 5.0), one dispute per dyad-year.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not).
    {returns}
    References
    ----------
    Palmer et al. (2022), MID5; Miller (2021) on converting participant-level dispute data.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_cow_mids(create_dyad_years(directed=False, years=1969))
    >>> int(dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), "cowmidonset"].iloc[0])
    1
    """
    return _add_mids(table, "cow", "add_cow_mids")


@cites("Gibler2016", "Miller2021mid")
def add_gml_mids(table: pd.DataFrame) -> pd.DataFrame:
    """Add Gibler–Miller–Little militarized interstate disputes (GML MID 2.2.1), one per dyad-year.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not).
    {returns}
    References
    ----------
    Gibler, Miller & Little (2016), An Analysis of the MID Dataset, 1816–2001.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_gml_mids(create_dyad_years(directed=False, years=1969))
    >>> int(dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), "gmlmidongoing"].iloc[0])
    1
    """
    return _add_mids(table, "gml", "add_gml_mids")


add_cow_mids.__doc__ = (add_cow_mids.__doc__ or "").replace(
    "    {returns}", _MID_DOC.format(p="cowmid", cov="1816–2014").rstrip() + "\n"
)
add_gml_mids.__doc__ = (add_gml_mids.__doc__ or "").replace(
    "    {returns}", _MID_DOC.format(p="gmlmid", cov="1816–2010").rstrip() + "\n"
)


@cache
def _wars() -> Prepared:
    raw = load("cow_war_inter")
    frame = raw.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(
        cowinteronset=("cowinteronset", "max"),
        cowinterongoing=("cowinterongoing", "max"),
        cowinterwars=("warnum", "nunique"),
    )
    cols = ["cowinteronset", "cowinterongoing", "cowinterwars"]
    return prepare_dyadic(frame, name="cow_war_inter", code1="ccode1", code2="ccode2", columns=cols)


@cites("Sarkees2010")
def add_cow_wars(table: pd.DataFrame) -> pd.DataFrame:
    """Add Correlates of War inter-state wars (v4.0): onset and ongoing war per dyad-year.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not).

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``cowinteronset`` (a war between the pair began that year),
        ``cowinterongoing`` (the pair fought a war that year) and ``cowinterwars`` (how
        many distinct wars): 0 inside 1816–2007 without war, <NA> outside.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    Notes
    -----
    A pair can fight in several wars in one year (56 dyad-years, mostly the two world
    wars' theatres); the flags are the maximum over those wars, the count keeps them.

    References
    ----------
    Sarkees & Wayman (2010), Resort to War: 1816–2007.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_cow_wars(create_dyad_years(directed=False, years=1950))
    >>> int(dy.loc[(dy.ccode1 == 2) & (dy.ccode2 == 731), "cowinteronset"].iloc[0])
    1
    """
    keys = keys_of(table, function="add_cow_wars", dyadic_only=True)
    prep = _wars()
    fill = ("cowinteronset", "cowinterongoing", "cowinterwars")
    cols = join_dyadic(keys, prep, system="cow", fill_zero=fill)
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_cow_wars")
