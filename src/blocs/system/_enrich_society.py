"""Society and geography of states: GDP and population, fractionalization, terrain, threat.

On a state-year table the columns keep their names; on a dyad-year table each appears
twice, with suffix 1 (first state) and 2 (second state).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs._meta import System
from blocs.data import cites, get_dataset, load
from blocs.system._join import (
    Column,
    Prepared,
    attach,
    gather,
    join_monadic,
    keys_of,
    lookup,
    prepare_monadic,
    unique_index,
)

__all__ = [
    "CREG_COLUMNS",
    "GDPPOP_COLUMNS",
    "RUGGED_COLUMNS",
    "THREAT_COLUMNS",
    "add_creg_fractionalization",
    "add_latent_territorial_threat",
    "add_rugged_terrain",
    "add_sim_gdp_pop",
]

GDPPOP_COLUMNS = ["mrgdppc", "sd_mrgdppc", "pwtrgdp", "sd_pwtrgdp", "pwtpop", "sd_pwtpop"]
CREG_COLUMNS = ["ethfrac", "ethpol", "relfrac", "relpol"]
RUGGED_COLUMNS = ["rugged", "newlmtnest"]
THREAT_COLUMNS = ["lterrthreat", "sd", "lwr", "upr", "m_lterrthreat", "m_sd", "m_lwr", "m_upr"]

_GDPPOP = {"cow": ("cw_gdppop", "ccode"), "gw": ("gw_gdppop", "gwcode")}


@cache
def _gdppop(system: System) -> Prepared:
    name, code = _GDPPOP[system]
    return prepare_monadic(load(name), name=name, code=code, columns=GDPPOP_COLUMNS)


@cites("Fariss2022", "Miller2022")
def add_sim_gdp_pop(table: pd.DataFrame) -> pd.DataFrame:
    """Add simulated GDP, population and GDP per capita (Fariss et al. 2022) with their SDs.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table. COW tables use isard's ``cw_gdppop``,
        G–W tables its ``gw_gdppop`` (native codes, no translation).

    Returns
    -------
    DataFrame
        ``table`` plus float64 ``mrgdppc`` (GDP per capita, 2011 international $,
        Maddison-anchored), ``pwtrgdp`` (real GDP, millions of 2017 international $) and
        ``pwtpop`` (population, millions; both PWT-anchored), each with its simulation
        standard deviation ``sd_*``; suffixes 1/2 on dyads. NaN outside 1816–2019 and
        where the simulations do not cover a state (they are made in the G–W system:
        COW-only state-years such as Serbia 1916–1917 are missing).

    Notes
    -----
    Equal to peacesciencer 1.2.9's ``add_sim_gdp_pop()`` value for value.

    References
    ----------
    Fariss, Anders, Markowitz & Barnum (2022), New Estimates of Over 500 Years of
    Historic GDP and Population Data.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_sim_gdp_pop(create_state_years(years=2000))
    >>> round(float(sy.loc[sy.ccode == 2, "pwtpop"].iloc[0]))  # millions
    288
    """
    keys = keys_of(table, function="add_sim_gdp_pop")
    prep = _gdppop(keys.system)
    cols = join_monadic(keys, prep, system=keys.system)
    return attach(table, cols, prep.sources, function="add_sim_gdp_pop")


@cache
def _creg(system: System) -> Prepared:
    code = "ccode" if system == "cow" else "gwcode"
    raw = load("creg")[[code, "year", *CREG_COLUMNS]]
    raw = raw.sort_values([code, "year"], kind="stable").reset_index(drop=True)
    groups = raw.groupby([code, "year"], sort=False)
    size = groups[code].transform("size").to_numpy()
    for col in CREG_COLUMNS:
        # A missing estimate in a duplicated state-year takes the group's maximum.
        fill = groups[col].transform("max")
        raw[col] = raw[col].where(~(raw[col].isna() & (size > 1)), fill)
    raw = raw.drop_duplicates()
    raw = raw.sort_values(
        [code, "year", "ethfrac", "relfrac"], ascending=[True, True, False, False], na_position="last", kind="stable"
    )
    one = raw.drop_duplicates([code, "year"], keep="first")
    return prepare_monadic(one, name="creg", code=code, columns=CREG_COLUMNS)


@cites("Nardulli2012", "Miller2022")
def add_creg_fractionalization(table: pd.DataFrame) -> pd.DataFrame:
    """Add ethnic and religious fractionalization and polarization (CREG).

    Fractionalization is ``1 − Σ sᵢ²`` (the chance two random residents belong to
    different groups); polarization is ``4 Σ sᵢ² (1 − sᵢ)`` (Montalvo & Reynal-Querol),
    both over group shares ``sᵢ`` as estimated by CREG.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table; COW tables match CREG's ``ccode``, G–W
        tables its ``gwcode`` (both are in the data).

    Returns
    -------
    DataFrame
        ``table`` plus float64 ``ethfrac``, ``ethpol``, ``relfrac``, ``relpol`` (0–1;
        suffixes 1/2 on dyads). NaN outside 1945–2013 and where CREG has no estimate.

    Notes
    -----
    CREG holds a few state-years twice (USSR/Russia 1945–2013 under two CREG codes,
    Yugoslavia/Serbia 1945–2013 under COW code 345, and 1991/2006 under G–W codes). As
    peacesciencer does: a missing value in a duplicated state-year takes the duplicates'
    maximum, identical rows collapse, and the most ethnically (then religiously)
    fractionalized row is kept. Equal to peacesciencer 1.2.9 value for value.

    References
    ----------
    Nardulli, Wong, Singh, Peyton & Bajjalieh (2012), The Composition of Religious and
    Ethnic Groups (CREG) Project.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_creg_fractionalization(create_state_years(years=1990))
    >>> round(float(sy.loc[sy.ccode == 365, "ethfrac"].iloc[0]), 3)
    0.69
    """
    keys = keys_of(table, function="add_creg_fractionalization")
    prep = _creg(keys.system)
    cols = join_monadic(keys, prep, system=keys.system)
    return attach(table, cols, prep.sources, function="add_creg_fractionalization")


@cache
def _rugged(system: System) -> tuple[pd.Index, dict[str, np.ndarray]]:
    code = "ccode" if system == "cow" else "gwcode"
    raw = load("rugged")
    raw = raw[raw[code].notna()]
    index = unique_index(raw[code].to_numpy(dtype=np.int64), source="rugged")
    return index, {c: raw[c].to_numpy(dtype=np.float64) for c in RUGGED_COLUMNS}


@cites("Nunn2012", "Gibler2014")
def add_rugged_terrain(table: pd.DataFrame) -> pd.DataFrame:
    """Add terrain ruggedness (Nunn & Puga 2012) and logged mountainous terrain.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table; COW tables match by ``ccode``, G–W tables
        by ``gwcode`` (both are in the data).

    Returns
    -------
    DataFrame
        ``table`` plus float64 ``rugged`` (terrain ruggedness index, hundreds of metres)
        and ``newlmtnest`` (log of the percentage of mountainous terrain; Gibler & Miller
        2014, after Fearon & Laitin 2003); suffixes 1/2 on dyads. NaN for states the data
        do not cover.

    Notes
    -----
    The data are time-invariant (measured around 1999–2000) and are given to every
    year of a state, as in peacesciencer, which this equals value for value. They are a
    leap of faith far from 2000: use them for cross-sections or post-1945 comparisons.

    References
    ----------
    Nunn & Puga (2012), Ruggedness: The Blessing of Bad Geography in Africa; Gibler &
    Miller (2014), External Territorial Threat, State Capacity, and Civil War.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_rugged_terrain(create_state_years(years=2000))
    >>> float(sy.loc[sy.ccode == 700, "rugged"].iloc[0])
    2.518
    """
    keys = keys_of(table, function="add_rugged_terrain")
    index, values = _rugged(keys.system)
    cols: dict[str, Column] = {}
    for k, code in enumerate(keys.codes, start=1):
        pos = lookup(index, code)
        suffix = str(k) if keys.dyadic else ""
        for name, arr in values.items():
            cols[f"{name}{suffix}"] = gather(arr, pos)
    return attach(table, cols, (get_dataset("rugged").source,), function="add_rugged_terrain")


@cache
def _threat() -> Prepared:
    return prepare_monadic(load("terrthreat"), name="terrthreat", code="ccode", columns=THREAT_COLUMNS)


@cites("Miller2022tt")
def add_latent_territorial_threat(table: pd.DataFrame) -> pd.DataFrame:
    """Add latent external territorial threat (Miller 2022): posterior mean, SD and interval.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (COW, or G–W matched year by year).

    Returns
    -------
    DataFrame
        ``table`` plus float64 ``lterrthreat`` (posterior mean of the random item
        response model), ``sd``, ``lwr``, ``upr`` (its posterior SD and the lower and
        upper bounds of its interval) and ``m_lterrthreat``, ``m_sd``, ``m_lwr``,
        ``m_upr`` (the same for Miller's second model, missing in many early years);
        suffixes 1/2 on dyads. NaN outside 1816–2010. Names as in peacesciencer.

    Notes
    -----
    The estimates are state-year: on a dyad-year table they describe each state's threat
    environment, not threat between the two states.

    References
    ----------
    Miller (2022), A Random Item Response Model of External Territorial Threat, 1816–2010.

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_latent_territorial_threat(create_state_years(years=1816))
    >>> round(float(sy.loc[sy.ccode == 2, "lterrthreat"].iloc[0]), 3)
    0.268
    """
    keys = keys_of(table, function="add_latent_territorial_threat")
    prep = _threat()
    cols = join_monadic(keys, prep, system="cow")
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_latent_territorial_threat")
