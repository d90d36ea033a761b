"""Exchange: bilateral trade (COW Trade 4.0) and IGO memberships (COW IGO 3.0)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_dyadic, join_monadic, keys_of, prepare_dyadic, prepare_monadic

__all__ = ["add_cow_trade", "add_igos"]

TRADE_COLUMNS = ["flow1", "flow2", "smoothflow1", "smoothflow2"]
IGO_STATE_COLUMNS = ["sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype"]


@cache
def _trade() -> Prepared:
    return prepare_dyadic(
        load("cow_trade_ndy"), name="cow_trade_ndy", code1="ccode1", code2="ccode2", columns=TRADE_COLUMNS
    )


@cites("Barbieri2016", "Barbieri2009")
def add_cow_trade(table: pd.DataFrame) -> pd.DataFrame:
    """Add COW bilateral trade (v4.0), oriented to each row's (ccode1, ccode2).

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not).

    Returns
    -------
    DataFrame
        ``table`` plus ``flow1`` (imports of ccode1 from ccode2), ``flow2`` (imports of
        ccode2 from ccode1) and COW's smoothed ``smoothflow1``/``smoothflow2``, in current
        million USD (float64, rounded to whole millions in this copy). NaN outside
        1870–2014 and where COW has no figure (absent dyad-years are unknown, not zero).

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    Notes
    -----
    The source lists each pair once with ccode1 < ccode2. For the row (b, a) of a
    directed table, ``flow1`` is the source's ``flow2`` and vice versa, so ``flow1`` always
    means imports of the row's ccode1.

    References
    ----------
    Barbieri & Keshk (2016), COW Trade Data Set Codebook v4.0; Barbieri, Keshk & Pollins (2009).

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_cow_trade(create_dyad_years(years=1920))
    >>> dy.loc[(dy.ccode1 == 20) & (dy.ccode2 == 2), ["flow1", "flow2"]].values.tolist()
    [[735.0, 612.0]]
    """
    keys = keys_of(table, function="add_cow_trade", dyadic_only=True)
    prep = _trade()
    paired = {"flow1": "flow2", "flow2": "flow1", "smoothflow1": "smoothflow2", "smoothflow2": "smoothflow1"}
    cols = join_dyadic(keys, prep, system="cow", undirected_source=True, paired=paired)
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_cow_trade")


@cache
def _igo_dyadic() -> Prepared:
    return prepare_dyadic(load("cow_igo_ndy"), name="cow_igo_ndy", code1="ccode1", code2="ccode2", columns=["dyadigos"])


@cache
def _igo_monadic() -> Prepared:
    return prepare_monadic(load("cow_igo_sy"), name="cow_igo_sy", code="ccode", columns=IGO_STATE_COLUMNS)


@cites("Pevehouse2020")
def add_igos(table: pd.DataFrame) -> pd.DataFrame:
    """Add COW intergovernmental-organization memberships (IGO v3.0).

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year or state-year table.

    Returns
    -------
    DataFrame
        Dyad-years: ``dyadigos``, the number of IGOs in which both states are full
        members. State-years: ``sum_igo_full``, ``sum_igo_associate``,
        ``sum_igo_observer``, ``sum_igo_anytype``. Missing outside 1816–2014 and for
        state-years the IGO data do not list (absence is unknown, not zero: the data list
        zero memberships explicitly).

    References
    ----------
    Pevehouse, Nordstrom, McManus & Jamison (2020), COW IGO v3.0.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_igos(create_dyad_years(directed=False, years=2000))
    >>> int(dy.loc[(dy.ccode1 == 2) & (dy.ccode2 == 20), "dyadigos"].iloc[0]) > 20
    True
    """
    keys = keys_of(table, function="add_igos")
    if keys.dyadic:
        prep = _igo_dyadic()
        cols = join_dyadic(keys, prep, system="cow", undirected_source=True)
    else:
        prep = _igo_monadic()
        cols = join_monadic(keys, prep, system="cow")
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_igos")
