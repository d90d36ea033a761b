"""Geography: direct contiguity, minimum distance between borders, distance between capitals."""

from __future__ import annotations

from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from blocs._meta import System
from blocs._validation import check_choice
from blocs.data import cites, load
from blocs.system._join import (
    Column,
    Prepared,
    attach,
    gather,
    join_dyadic,
    keys_of,
    lookup,
    prepare_dyadic,
    prepare_monadic,
    state_keys,
)

__all__ = ["CONTIGUITY_RULES", "ContiguityRule", "add_capital_distance", "add_contiguity", "add_minimum_distance"]

_NONE = 0  # cow_contdir's (peacesciencer's) code for "not contiguous"


ContiguityRule = Literal["closest", "first", "last"]
CONTIGUITY_RULES: tuple[ContiguityRule, ...] = ("closest", "first", "last")


@cache
def _contiguity(rule: ContiguityRule) -> Prepared:
    spells = load("cow_contdir")
    # Months since year 0 (the records are year-month; their day is an artefact).
    start = (spells["stdate"].dt.year * 12 + spells["stdate"].dt.month - 1).to_numpy(dtype=np.int64)
    end = (spells["enddate"].dt.year * 12 + spells["enddate"].dt.month - 1).to_numpy(dtype=np.int64)
    first, last = start // 12, end // 12
    n = last - first + 1
    rows = np.repeat(np.arange(len(spells)), n)
    year = first[rows] + (np.arange(rows.size) - np.repeat(np.cumsum(n) - n, n))
    ctype = spells["conttype"].to_numpy(dtype=np.int64)[rows]
    frame = pd.DataFrame({"ccode1": spells["ccode1"].to_numpy()[rows], "ccode2": spells["ccode2"].to_numpy()[rows]})
    frame["year"] = year
    if rule == "closest":
        # The closest (minimum) type of the year; "none" (0) counts as farther than every type (6).
        frame["rank"] = np.where(ctype == _NONE, 6, ctype)
        per_year = frame.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(rank=("rank", "min"))
        per_year["conttype"] = np.where(per_year["rank"].to_numpy() == 6, _NONE, per_year["rank"].to_numpy())
    else:
        # The record in force in the year's first (last) month it covers; records covering
        # the same month keep their order in the master file (peacesciencer 1.2.9's slice).
        frame["conttype"] = ctype
        frame["row"] = rows
        if rule == "first":
            frame["month"] = np.maximum(start[rows], year * 12)
            frame = frame.sort_values(["ccode1", "ccode2", "year", "month", "row"], kind="stable")
            per_year = frame.drop_duplicates(["ccode1", "ccode2", "year"], keep="first")
        else:
            frame["month"] = np.minimum(end[rows], year * 12 + 11)
            frame = frame.sort_values(["ccode1", "ccode2", "year", "month", "row"], kind="stable")
            per_year = frame.drop_duplicates(["ccode1", "ccode2", "year"], keep="last")
    return prepare_dyadic(per_year, name="cow_contdir", code1="ccode1", code2="ccode2", columns=["conttype"])


@cites("Stinnett2002")
def add_contiguity(table: pd.DataFrame, *, rule: ContiguityRule = "closest") -> pd.DataFrame:
    """Add COW direct contiguity (v3.2) as one ``conttype`` per dyad-year.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not; COW, or G–W matched year by year).
    rule : {"closest", "first", "last"}, default "closest"
        Which record counts when a dyad's contiguity changed within a year.
        ``"closest"``: the closest (minimum nonzero) type recorded in the year, 0 only if
        no contiguity record applies. ``"first"``: the record in force in the year's
        first month (peacesciencer 1.2.9's default, ``slice = "first"``). ``"last"``: the
        record in force in its last month (peacesciencer's ``slice = "last"``).

    Returns
    -------
    DataFrame
        ``table`` plus ``conttype`` (Int64): 1 land border; 2, 3, 4, 5 separated by at
        most 12, 24, 150, 400 miles of water; 0 not directly contiguous (the pair has no
        contiguity record that year, or a record of 0). <NA> outside 1816–2016.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.
    InvalidParameterError
        ``rule`` is not one of the three.

    Notes
    -----
    The master records are spells dated by year and month; a spell counts for every
    year it touches. The rules differ only in the years a relationship changed: 705
    undirected dyad-years in 1816–2014 (e.g. Colombia–Peru 1916: a land border from the
    year's middle, "first" gives 0, "closest" 1).

    Why "closest" is the default: a dyad-year answers "could these states reach each
    other this year?", and a border gained in June makes the whole year's conflict risk
    one of neighbours; the rule does not depend on which month a record happens to start,
    and it is the rule peacesciencer documented before 1.2 ("returns the *minimum*
    contiguity relationship observed in that given year"). Pass ``rule="first"`` to
    reproduce peacesciencer 1.2.9's tables exactly.

    References
    ----------
    Stinnett, Tir, Schafer, Diehl & Gochman (2002), COW Direct Contiguity Data v3.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_contiguity(create_dyad_years(directed=False, years=1970))
    >>> int(dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), "conttype"].iloc[0])
    1
    >>> dy = create_dyad_years(directed=False, years=1916)
    >>> [int(add_contiguity(dy, rule=r).query("ccode1 == 100 and ccode2 == 135").conttype.iloc[0])
    ...  for r in ("closest", "first")]
    [1, 0]
    """
    check_choice(rule, CONTIGUITY_RULES, param="rule")
    keys = keys_of(table, function="add_contiguity", dyadic_only=True)
    prep = _contiguity(rule)
    cols = join_dyadic(keys, prep, system="cow", fill_zero=("conttype",))
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_contiguity")


_MINDIST = {"cow": ("cow_mindist", "ccode"), "gw": ("gw_mindist", "gwcode")}


@cache
def _mindist(system: System) -> Prepared:
    name, code = _MINDIST[system]
    return prepare_dyadic(load(name), name=name, code1=f"{code}1", code2=f"{code}2", columns=["mindist"])


@cites("Schvitz2022")
def add_minimum_distance(table: pd.DataFrame) -> pd.DataFrame:
    """Add the minimum distance (km) between two states' territories (CShapes 2.0).

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table; COW tables use ``cow_mindist``, G–W tables ``gw_mindist``.

    Returns
    -------
    DataFrame
        ``table`` plus ``mindist`` (float64 km; 0 for states that share a border). NaN
        outside 1886–2019 and for pairs CShapes does not cover.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    References
    ----------
    Schvitz et al. (2022), Mapping the International System, 1886–2017: CShapes 2.0.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_minimum_distance(create_dyad_years(directed=False, years=1990))
    >>> float(dy.loc[(dy.ccode1 == 2) & (dy.ccode2 == 20), "mindist"].iloc[0])
    0.0
    """
    keys = keys_of(table, function="add_minimum_distance", dyadic_only=True)
    prep = _mindist(keys.system)
    cols = join_dyadic(keys, prep, system=keys.system, undirected_source=True)
    return attach(table, cols, prep.sources, function="add_minimum_distance")


_CAPITALS = {"cow": ("cow_capitals", "ccode"), "gw": ("gw_capitals", "gwcode")}
EARTH_RADIUS_KM = 6378.137  # the sphere geosphere::distVincentySphere uses (peacesciencer)


@cache
def _capitals(system: System) -> Prepared:
    name, code = _CAPITALS[system]
    caps = load(name).sort_values([code, "stdate"], kind="stable")
    first = caps["stdate"].dt.year.to_numpy(dtype=np.int64)
    last = caps["enddate"].dt.year.to_numpy(dtype=np.int64)
    n = last - first + 1
    rows = np.repeat(np.arange(len(caps)), n)
    year = first[rows] + (np.arange(rows.size) - np.repeat(np.cumsum(n) - n, n))
    frame = pd.DataFrame(
        {
            code: caps[code].to_numpy(dtype=np.int64)[rows],
            "year": year,
            "lat": caps["lat"].to_numpy()[rows],
            "lng": caps["lng"].to_numpy()[rows],
        }
    )
    # A capital that moved during a year: keep the one held on 1 January (the first).
    frame = frame.drop_duplicates([code, "year"], keep="first")
    return prepare_monadic(frame, name=name, code=code, columns=["lat", "lng"])


def great_circle_km(lat1: np.ndarray, lng1: np.ndarray, lat2: np.ndarray, lng2: np.ndarray) -> np.ndarray:
    """Great-circle distance in km on a sphere of radius 6378.137 km (Vincenty's formula).

    ``d = R·atan2(√((cos φ₂ sin Δλ)² + (cos φ₁ sin φ₂ − sin φ₁ cos φ₂ cos Δλ)²),
    sin φ₁ sin φ₂ + cos φ₁ cos φ₂ cos Δλ)``
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lng2 - lng1)
    num = np.hypot(np.cos(p2) * np.sin(dl), np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl))
    den = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(dl)
    return np.asarray(EARTH_RADIUS_KM * np.arctan2(num, den), dtype=np.float64)


@cites("Miller2022")
def add_capital_distance(table: pd.DataFrame) -> pd.DataFrame:
    """Add the great-circle distance (km) between the two states' capitals.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table; COW tables use ``cow_capitals``, G–W ``gw_capitals``.

    Returns
    -------
    DataFrame
        ``table`` plus ``capdist`` (float64 km); NaN where a capital is unknown (the
        capital data run 1816–2024).

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    Notes
    -----
    When a capital moved during a year (Brazil 1960, Nigeria 1991) the capital held on
    1 January counts for that year, as in peacesciencer. Distance is Vincenty's
    great-circle formula on a sphere of radius 6,378.137 km (geosphere's
    ``distVincentySphere``, which peacesciencer uses).

    References
    ----------
    Miller (2022), peacesciencer (capitals data).

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_capital_distance(create_dyad_years(directed=False, years=2000))
    >>> round(float(dy.loc[(dy.ccode1 == 2) & (dy.ccode2 == 20), "capdist"].iloc[0]))
    735
    """
    keys = keys_of(table, function="add_capital_distance", dyadic_only=True)
    prep = _capitals(keys.system)
    coords: list[Column] = []
    for code in keys.codes:
        pos = lookup(prep.index, state_keys(code, keys.year))
        coords += [gather(prep.columns["lat"], pos), gather(prep.columns["lng"], pos)]
    lat1, lng1, lat2, lng2 = (np.asarray(c, dtype=np.float64) for c in coords)
    cols = {"capdist": great_circle_km(lat1, lng1, lat2, lng2)}
    return attach(table, cols, prep.sources, function="add_capital_distance")
