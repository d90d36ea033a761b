"""Conflict: militarized disputes (COW MID 5.0, GML 2.2.1), inter-state wars, strategic rivalries."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_dyadic, join_monadic, keys_of, prepare_dyadic, prepare_monadic

__all__ = ["add_cow_mids", "add_cow_wars", "add_gml_mids", "add_strategic_rivalries"]

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


@cache
def _rivalry_years() -> pd.DataFrame:
    td = load("td_rivalries")
    n = (td["endyear"] - td["styear"] + 1).to_numpy()
    rows = np.repeat(np.arange(len(td)), n)
    year = np.concatenate([np.arange(a, b + 1) for a, b in zip(td["styear"], td["endyear"], strict=True)])
    c1 = td["ccode1"].to_numpy(dtype=np.int64)[rows]
    c2 = td["ccode2"].to_numpy(dtype=np.int64)[rows]
    # Austria-Hungary (300) became Austria (305) in 1919; peacesciencer carries the
    # Austria–Serbia rivalry's last years to 305, and so do we.
    c1 = np.where((c1 == 300) & (year >= 1919), 305, c1)
    c2 = np.where((c2 == 300) & (year >= 1919), 305, c2)
    lo, hi = np.minimum(c1, c2), np.maximum(c1, c2)
    frame = pd.DataFrame(
        {
            "ccode1": np.concatenate([lo, hi]),
            "ccode2": np.concatenate([hi, lo]),
            "year": np.concatenate([year, year]),
            "rivalryno": np.tile(td["rivalryno"].to_numpy(dtype=np.int64)[rows], 2),
            "rivalrytype": np.tile(td["type1"].to_numpy(dtype=object)[rows], 2),
        }
    )
    frame["ongoingrivalry"] = np.ones(len(frame), dtype=np.int64)
    return frame


@cache
def _rivalries_dyadic() -> Prepared:
    cols = ["ongoingrivalry", "rivalryno", "rivalrytype"]
    return prepare_dyadic(_rivalry_years(), name="td_rivalries", code1="ccode1", code2="ccode2", columns=cols)


@cache
def _rivalries_monadic() -> Prepared:
    counts = _rivalry_years().groupby(["ccode1", "year"], as_index=False).size()
    counts = counts.rename(columns={"ccode1": "ccode", "size": "nrivalries"})
    return prepare_monadic(counts, name="td_rivalries", code="ccode", columns=["nrivalries"])


@cites("Thompson2012")
def add_strategic_rivalries(table: pd.DataFrame) -> pd.DataFrame:
    """Add Thompson & Dreyer (2012) strategic rivalries.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year or state-year table.

    Returns
    -------
    DataFrame
        Dyad-years: ``ongoingrivalry`` (Int64, 1 in every year from a rivalry's start to
        its end year inclusive, 0 otherwise), ``rivalryno`` and ``rivalrytype`` (the
        rivalry's first type: spatial, positional, ideological, interventionary; <NA>
        without rivalry). State-years: ``nrivalries``, the number of ongoing rivalries.
        Counts and flags are <NA> after 2010, the data's last year.

    Notes
    -----
    Rivalries are non-directed; both directions of a directed table get the flag.
    No pair has two overlapping rivalries in these data. Austria-Hungary's (300) rivalry
    years from 1919 are assigned to Austria (305), as peacesciencer does.

    References
    ----------
    Thompson & Dreyer (2012), Handbook of International Rivalries, 1494–2010.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_strategic_rivalries(create_dyad_years(directed=False, years="1957-1958"))
    >>> dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), "ongoingrivalry"].tolist()
    [0, 1]
    """
    keys = keys_of(table, function="add_strategic_rivalries")
    if keys.dyadic:
        prep = _rivalries_dyadic()
        cols = join_dyadic(keys, prep, system="cow", fill_zero=("ongoingrivalry",))
    else:
        prep = _rivalries_monadic()
        cols = join_monadic(keys, prep, system="cow", fill_zero=("nrivalries",))
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_strategic_rivalries")
