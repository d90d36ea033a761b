"""Inside states: UCDP conflict onsets, leader transitions (Archigos), COW intra-state wars."""

from __future__ import annotations

from functools import cache
from typing import Literal

import pandas as pd

from blocs._errors import InfeasibleOptionError
from blocs._validation import check_choice
from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_monadic, keys_of, prepare_monadic

__all__ = [
    "ARCHIGOS_COLUMNS",
    "INTRA_WAR_TYPES",
    "UCDP_ONSET_COLUMNS",
    "add_archigos",
    "add_intrastate_wars",
    "add_ucdp_onsets",
]

UCDP_ONSET_COLUMNS = ["sumnewconf", "sumonset1", "sumonset2", "sumonset3", "sumonset5", "sumonset10"]
ARCHIGOS_COLUMNS = ["leadertransition", "irregular", "n_leaders", "jan1obsid", "dec31obsid"]

IntraWarType = Literal["all", "central control", "local issues"]
INTRA_WAR_TYPES: tuple[IntraWarType, ...] = ("all", "central control", "local issues")


def _state_year_only(table: pd.DataFrame, function: str) -> None:
    keys = keys_of(table, function=function)
    if keys.dyadic:
        raise InfeasibleOptionError(
            f"{function}() adds state-level variables and needs a state_year table; got a dyad_year table. "
            f"Build one with create_state_years()."
        )


@cache
def _ucdp_onsets() -> Prepared:
    return prepare_monadic(load("ucdp_onsets"), name="ucdp_onsets", code="gwcode", columns=UCDP_ONSET_COLUMNS)


@cites("Gleditsch2002", "Pettersson2019")
def add_ucdp_onsets(table: pd.DataFrame) -> pd.DataFrame:
    """Add UCDP armed-conflict onsets per state-year: new conflict dyads and new episodes.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year table (G–W natively; COW tables are matched to G–W codes year
        by year through isard's ``cw_gw_panel``).

    Returns
    -------
    DataFrame
        ``table`` plus Int64 counts: ``sumnewconf`` (new conflict dyads involving the
        state) and ``sumonset1``, ``sumonset2``, ``sumonset3``, ``sumonset5``,
        ``sumonset10`` (new conflict episodes after at least 1, 2, 3, 5 or 10 years
        without conflict). 0 inside 1946–2017 when there is none; <NA> outside.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is a dyad-year table.

    Notes
    -----
    These are counts, not flags: France 1946 has four new episodes (Cambodia, Laos,
    Thailand, Vietnam). For an onset indicator use ``sumonset1 > 0``.

    Differs from peacesciencer 1.2.9 by design outside the data's years: peacesciencer
    fills 0 for every year (1816–1945 and 2018 on), blocs leaves those years missing.
    Inside 1946–2017 the two are equal value for value.

    References
    ----------
    Gleditsch et al. (2002), Armed Conflict 1946–2001; Pettersson, Högbladh & Öberg
    (2019), Organized violence, 1989–2018 and peace agreements.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_ucdp_onsets(create_state_years(system="gw", years=1946))
    >>> int(sy.loc[sy.gwcode == 220, "sumnewconf"].iloc[0])
    4
    """
    _state_year_only(table, "add_ucdp_onsets")
    keys = keys_of(table, function="add_ucdp_onsets")
    prep = _ucdp_onsets()
    cols = join_monadic(keys, prep, system="gw", fill_zero=tuple(UCDP_ONSET_COLUMNS))
    return attach(table, cols, prep.sources + keys.sources_for("gw"), function="add_ucdp_onsets")


@cache
def _archigos() -> Prepared:
    return prepare_monadic(load("archigossums"), name="archigossums", code="gwcode", columns=ARCHIGOS_COLUMNS)


@cites("Goemans2009")
def add_archigos(table: pd.DataFrame) -> pd.DataFrame:
    """Add leader transitions from Archigos 4.1, summarised by state-year.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (G–W natively; COW tables are matched to
        G–W codes year by year through isard's ``cw_gw_panel``).

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``leadertransition`` (1 if the leader on 31 December is not
        the leader of 1 January), ``irregular`` (1 if a transition that year was
        irregular), ``n_leaders`` (leaders in office during the year) and strings
        ``jan1obsid``, ``dec31obsid`` (Archigos ids of the leaders in office on those
        days); suffixes 1/2 on dyads. <NA> outside 1870–2015 and for state-years Archigos
        does not cover.

    Notes
    -----
    Equal to peacesciencer 1.2.9's ``add_archigos()`` value for value (a plain join of
    its ``archigossums``).

    References
    ----------
    Goemans, Gleditsch & Chiozza (2009), Introducing Archigos: A Dataset of Political
    Leaders.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_archigos(create_state_years(system="gw", years=1945))
    >>> sy.loc[sy.gwcode == 2, ["leadertransition", "dec31obsid"]].values.tolist()
    [[1, 'USA-1945']]
    """
    keys = keys_of(table, function="add_archigos")
    prep = _archigos()
    cols = join_monadic(keys, prep, system="gw")
    return attach(table, cols, prep.sources + keys.sources_for("gw"), function="add_archigos")


_INTRA_DETAIL = ["warnum", "warname", "wartype", "intnl", "outcome", "sideadeaths", "sidebdeaths", "warnums"]


@cache
def _intra_wars(intratype: IntraWarType) -> Prepared:
    raw = load("cow_war_intra")
    raw = raw[raw["primary_state"] == 1].rename(columns={"ccodea": "ccode"})
    if intratype != "all":
        raw = raw[raw["wartype"] == intratype]
    raw = raw.reset_index(drop=True)
    by = raw.groupby(["ccode", "year"], sort=False)
    raw["warnums"] = by["warnum"].transform(lambda w: "; ".join(str(int(x)) for x in w))
    raw["wars"] = by["warnum"].transform("nunique")
    # Several wars in one state-year: keep onsets over continuing wars, then the deadliest
    # (both sides' deaths, a missing side counting as 0 only if the other is known).
    has_onset = by["cowintraonset"].transform("max").to_numpy()
    has_cont = 1 - by["cowintraonset"].transform("min").to_numpy()
    drop = (has_onset == 1) & (has_cont == 1) & (raw["cowintraonset"].to_numpy() == 0)
    raw = raw[~drop]
    deaths = raw[["sideadeaths", "sidebdeaths"]].sum(axis=1, min_count=1)
    raw = raw.assign(_deaths=deaths).sort_values(["_deaths"], ascending=False, na_position="last", kind="stable")
    one = raw.drop_duplicates(["ccode", "year"], keep="first").sort_values(["ccode", "year"])
    one = one.rename(columns={c: f"cowintra_{c}" for c in _INTRA_DETAIL}).rename(columns={"wars": "cowintrawars"})
    columns = ["cowintraonset", "cowintraongoing", "cowintrawars", *(f"cowintra_{c}" for c in _INTRA_DETAIL)]
    return prepare_monadic(one, name="cow_war_intra", code="ccode", columns=columns)


@cites("Sarkees2010", "Dixon2016")
def add_intrastate_wars(table: pd.DataFrame, *, intratype: IntraWarType = "all") -> pd.DataFrame:
    """Add Correlates of War intra-state (civil) wars (v5.1), one war per state-year.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year table (COW, or G–W matched year by year).
    intratype : {"all", "central control", "local issues"}, default "all"
        Which wars count: all, or only wars over central control or over local issues.

    Returns
    -------
    DataFrame
        ``table`` plus Int64 ``cowintraonset`` (a civil war began that year),
        ``cowintraongoing`` (one was under way) and ``cowintrawars`` (how many distinct
        wars): 0 inside 1816–2007 without war, <NA> outside. The chosen war's
        ``cowintra_warnum``, ``cowintra_warname``, ``cowintra_wartype``,
        ``cowintra_intnl`` (internationalized), ``cowintra_outcome``,
        ``cowintra_sideadeaths``, ``cowintra_sidebdeaths`` (<NA> where unknown; COW's -9)
        and ``cowintra_warnums`` (every war of the state-year, "; "-joined).

    Raises
    ------
    InfeasibleOptionError
        ``table`` is a dyad-year table.
    InvalidParameterError
        ``intratype`` is not one of the three.

    Notes
    -----
    A war counts for the state fighting it as the *primary* government side
    (``primary_state``); outside interveners are not counted. Several wars in one
    state-year are reduced to one as peacesciencer's ``add_cow_wars(type = "intra")``
    does: new onsets over continuing wars, then the deadliest. peacesciencer writes
    unknown deaths as -9; blocs leaves them missing. A 2008 war-year in the data (Third
    Somalia) is kept though the 0-filled span ends in 2007, peacesciencer's span.

    References
    ----------
    Sarkees & Wayman (2010), Resort to War: 1816–2007; Dixon & Sarkees (2016), A Guide
    to Intra-State Wars.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_intrastate_wars(create_state_years(years="1861-1865"))
    >>> sy.loc[sy.ccode == 2, "cowintraongoing"].tolist()
    [1, 1, 1, 1, 1]
    """
    check_choice(intratype, INTRA_WAR_TYPES, param="intratype")
    _state_year_only(table, "add_intrastate_wars")
    keys = keys_of(table, function="add_intrastate_wars")
    prep = _intra_wars(intratype)
    fill = ("cowintraonset", "cowintraongoing", "cowintrawars")
    cols = join_monadic(keys, prep, system="cow", fill_zero=fill)
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_intrastate_wars")
