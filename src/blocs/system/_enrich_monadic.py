"""State attributes: capabilities (NMC), democracy, major-power status.

On a state-year table the columns keep their names; on a dyad-year table each appears
twice, with suffix 1 (first state) and 2 (second state).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs._meta import System
from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_monadic, keys_of, prepare_monadic

__all__ = ["add_cow_majors", "add_democracy", "add_nmc"]

NMC_COLUMNS = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
DEMOCRACY_COLUMNS = ["v2x_polyarchy", "euds", "aeuds", "polity2"]


@cache
def _nmc() -> Prepared:
    return prepare_monadic(load("cow_nmc"), name="cow_nmc", code="ccode", columns=NMC_COLUMNS)


@cites("Singer1972", "Singer1987")
def add_nmc(table: pd.DataFrame) -> pd.DataFrame:
    """Add COW National Material Capabilities (v7.0) and CINC.

    CINC is the state's mean share of the system's six capability components:
    ``cinc = (milex/Σmilex + milper/Σmilper + irst/Σirst + pec/Σpec + tpop/Σtpop + upop/Σupop) / 6``
    as published (not recomputed).

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (COW or G–W codes).

    Returns
    -------
    DataFrame
        ``table`` plus ``milex, milper, irst, pec, tpop, upop, cinc`` (state-year) or the
        same with suffixes 1/2 (dyad-year). float64; NaN outside 1816–2022 and where NMC
        has no value (NMC's -9 are already missing).

    Raises
    ------
    InvalidParameterError
        ``table`` has no blocs metadata, or already holds these columns.

    Notes
    -----
    milex is in thousands of GBP for 1816–1913 and thousands of current USD from 1914.
    G–W tables are matched through isard's ``gw_cw_panel`` (year by year).

    References
    ----------
    Singer, Bremer & Stuckey (1972); Singer (1987). COW NMC v7.0 via peacesciencer.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_nmc(create_state_years(years=1950))
    >>> round(float(sy.loc[sy.ccode == 2, "cinc"].iloc[0]), 3)
    0.284
    """
    keys = keys_of(table, function="add_nmc")
    prep = _nmc()
    cols = join_monadic(keys, prep, system="cow")
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_nmc")


_DEMOCRACY = {"cow": ("cw_democracy", "ccode"), "gw": ("gw_democracy", "gwcode")}


@cache
def _democracy(system: System) -> Prepared:
    name, code = _DEMOCRACY[system]
    return prepare_monadic(load(name), name=name, code=code, columns=DEMOCRACY_COLUMNS)


@cites("Coppedge2025", "Marquez2016", "Pemstein2010", "Marshall2020")
def add_democracy(table: pd.DataFrame) -> pd.DataFrame:
    """Add V-Dem polyarchy, (adjusted) extended UDS and Polity's polity2.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table. COW tables use isard's ``cw_democracy``,
        G–W tables its ``gw_democracy`` (native codes, no translation).

    Returns
    -------
    DataFrame
        ``table`` plus ``v2x_polyarchy`` (0–1), ``euds``, ``aeuds`` (latent scale) and
        ``polity2`` (−10…10); suffixes 1/2 on dyads. NaN where a measure does not cover
        the state-year (polity2 ends 2020; the data end 2025).

    References
    ----------
    Coppedge et al. (V-Dem v16); Márquez (2016); Pemstein, Meserve & Melton (2010);
    Marshall (2020).

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_democracy(create_state_years(years=1990))
    >>> int(sy.loc[sy.ccode == 2, "polity2"].iloc[0])
    10
    """
    keys = keys_of(table, function="add_democracy")
    prep = _democracy(keys.system)
    cols = join_monadic(keys, prep, system=keys.system)
    return attach(table, cols, prep.sources, function="add_democracy")


@cache
def _majors() -> Prepared:
    spells = load("cow_majors")
    n = (spells["endyear"] - spells["styear"] + 1).to_numpy()
    code = np.repeat(spells["ccode"].to_numpy(dtype=np.int64), n)
    year = np.concatenate([np.arange(a, b + 1) for a, b in zip(spells["styear"], spells["endyear"], strict=True)])
    frame = pd.DataFrame({"ccode": code, "year": year}).drop_duplicates()
    frame["cowmaj"] = np.ones(len(frame), dtype=np.int64)
    return prepare_monadic(frame, name="cow_majors", code="ccode", columns=["cowmaj"])


@cites("COW2017states")
def add_cow_majors(table: pd.DataFrame) -> pd.DataFrame:
    """Add COW major-power status (v2016).

    A state is a major power in every year that one of its major-power spells touches
    (a spell starting 13 August 1898 makes the USA major in 1898).

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table.

    Returns
    -------
    DataFrame
        ``table`` plus ``cowmaj`` (Int64; 1 major, 0 not) or ``cowmaj1``/``cowmaj2``;
        <NA> outside 1816–2016.

    References
    ----------
    Correlates of War Project (2017), State System Membership List v2016.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_cow_majors(create_state_years(years=1950))
    >>> sorted(sy.loc[sy.cowmaj == 1, "ccode"])
    [2, 200, 220, 365, 710]
    """
    keys = keys_of(table, function="add_cow_majors")
    prep = _majors()
    cols = join_monadic(keys, prep, system="cow", fill_zero=("cowmaj",))
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_cow_majors")
