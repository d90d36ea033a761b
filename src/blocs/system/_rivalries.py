"""Strategic rivalries: Thompson, Sakuwa & Suhas (2021, default) and Thompson & Dreyer (2012)."""

from __future__ import annotations

from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from blocs._meta import TableMeta, with_meta
from blocs._validation import check_choice
from blocs.data import cites, get_dataset, load
from blocs.system._join import Prepared, attach, join_dyadic, join_monadic, keys_of, prepare_dyadic, prepare_monadic

__all__ = ["RIVALRY_SOURCES", "RivalrySource", "add_strategic_rivalries", "rivalry_years"]

RivalrySource = Literal["tss", "td"]
RIVALRY_SOURCES: tuple[RivalrySource, ...] = ("tss", "td")
_DATASET: dict[RivalrySource, str] = {"tss": "tss_rivalries", "td": "td_rivalries"}
TSS_TYPES = ("positional", "spatial", "ideological", "interventionary")


def _expand(c1: np.ndarray, c2: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, ...]:
    """Rivalry spells to (row, code1, code2, year), both directions, with peacesciencer's
    Austria fix: Austria-Hungary's (300) rivalry years from 1919 belong to Austria (305)."""
    n = (last - first + 1).astype(np.int64)
    rows = np.repeat(np.arange(n.size), n)
    year = first[rows] + (np.arange(rows.size) - np.repeat(np.cumsum(n) - n, n))
    a = c1[rows].astype(np.int64)
    b = c2[rows].astype(np.int64)
    a = np.where((a == 300) & (year >= 1919), 305, a)
    b = np.where((b == 300) & (year >= 1919), 305, b)
    return (
        np.concatenate([rows, rows]),
        np.concatenate([a, b]),
        np.concatenate([b, a]),
        np.concatenate([year, year]),
    )


@cache
def _years(source: RivalrySource) -> pd.DataFrame:
    if source == "td":
        td = load("td_rivalries")
        rows, c1, c2, year = _expand(
            td["ccode1"].to_numpy(), td["ccode2"].to_numpy(), td["styear"].to_numpy(), td["endyear"].to_numpy()
        )
        frame = pd.DataFrame(
            {
                "ccode1": c1,
                "ccode2": c2,
                "year": year,
                "rivalryno": td["rivalryno"].to_numpy(dtype=np.int64)[rows],
                "rivalrytype": td["type1"].to_numpy(dtype=object)[rows],
            }
        )
    else:
        tss = load("tss_rivalries")
        rows, c1, c2, year = _expand(
            tss["ccode1"].to_numpy(), tss["ccode2"].to_numpy(), tss["start"].to_numpy(), tss["end"].to_numpy()
        )
        data: dict[str, np.ndarray] = {
            "ccode1": c1,
            "ccode2": c2,
            "year": year,
            "tssr_id": tss["tssr_id"].to_numpy(dtype=np.int64)[rows],
        }
        for t in TSS_TYPES:
            data[t] = tss[t].fillna(0).to_numpy(dtype=np.int64)[rows]
        frame = pd.DataFrame(data)
    frame["ongoingrivalry"] = np.ones(len(frame), dtype=np.int64)
    frame = frame[frame["year"] >= 1816]
    return frame.sort_values(["ccode1", "ccode2", "year"], kind="stable").reset_index(drop=True)


def rivalry_years(*, source: RivalrySource = "tss") -> pd.DataFrame:
    """Every year of every strategic rivalry from 1816, in both directions (COW codes).

    Parameters
    ----------
    source : {"tss", "td"}, default "tss"
        Thompson, Sakuwa & Suhas (2021; rivalries to 2020) or Thompson & Dreyer (2012; to 2010).

    Returns
    -------
    DataFrame
        ``ccode1, ccode2, year, ongoingrivalry`` (always 1) and, for ``"tss"``,
        ``tssr_id, positional, spatial, ideological, interventionary`` (0/1 type flags);
        for ``"td"``, ``rivalryno, rivalrytype`` (the rivalry's first type). Each pair
        appears as (a, b) and (b, a); sorted by ``ccode1, ccode2, year``.

    Notes
    -----
    A rivalry counts in every year from its start to its end year inclusive. Years before
    1816 (the COW system's first year) are dropped. Austria-Hungary's (300) rivalry years
    from 1919 are given to Austria (305), as peacesciencer does (TSS rivalry 76, T&D 79).
    A rivalry still running when the data end (2020 TSS, 2010 T&D) is right-censored there.

    References
    ----------
    Thompson, Sakuwa & Suhas (2021), Analyzing Strategic Rivalries in World Politics.
    Thompson & Dreyer (2012), Handbook of International Rivalries, 1494–2010.

    Examples
    --------
    >>> ry = rivalry_years()
    >>> us_ussr = ry[(ry.ccode1 == 2) & (ry.ccode2 == 365)]
    >>> us_ussr.groupby("tssr_id")["year"].agg(["min", "max"]).values.tolist()
    [[1918, 1920], [1945, 1989], [2007, 2020]]
    """
    check_choice(source, RIVALRY_SOURCES, param="source")
    frame = _years(source).copy()
    return with_meta(
        frame, TableMeta(unit="dyad_year", system="cow", directed=True, sources=(get_dataset(_DATASET[source]).source,))
    )


def _columns(source: RivalrySource) -> list[str]:
    if source == "td":
        return ["ongoingrivalry", "rivalryno", "rivalrytype"]
    return ["tssr_id", *TSS_TYPES, "ongoingrivalry"]


@cache
def _dyadic(source: RivalrySource) -> Prepared:
    return prepare_dyadic(
        _years(source), name=_DATASET[source], code1="ccode1", code2="ccode2", columns=_columns(source)
    )


@cache
def _monadic(source: RivalrySource) -> Prepared:
    ry = _years(source)
    if source == "td":
        counts = ry.groupby(["ccode1", "year"], as_index=False).size().rename(columns={"size": "nrivalries"})
        cols = ["nrivalries"]
    else:
        counts = ry.groupby(["ccode1", "year"], as_index=False)[list(TSS_TYPES)].sum()
        counts = counts.rename(columns={t: f"n_{t}" for t in TSS_TYPES})
        cols = ["n_ideological", "n_interventionary", "n_positional", "n_spatial"]
    counts = counts.rename(columns={"ccode1": "ccode"})
    return prepare_monadic(counts, name=_DATASET[source], code="ccode", columns=cols)


@cites("Thompson2021", "Thompson2012")
def add_strategic_rivalries(table: pd.DataFrame, *, source: RivalrySource = "tss") -> pd.DataFrame:
    """Add strategic rivalries: Thompson, Sakuwa & Suhas (2021) by default, or Thompson & Dreyer (2012).

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year or state-year table (COW or G–W).
    source : {"tss", "td"}, default "tss"
        ``"tss"``: Thompson, Sakuwa & Suhas (2021), 264 rivalries 1494–2020, each with its
        types (a rivalry can have several). peacesciencer's current default, and ours: it
        is the newer, longer data and its types are flags rather than a ranked list.
        ``"td"``: Thompson & Dreyer (2012), 197 rivalries to 2010, the source of
        peacesciencer < 1.0 and of many published studies.

    Returns
    -------
    DataFrame
        ``table`` plus, on dyad-years, with ``"tss"``: ``tssr_id`` (the rivalry's id,
        <NA> without rivalry), the type flags ``positional``, ``spatial``,
        ``ideological``, ``interventionary`` and ``ongoingrivalry`` (Int64 1/0); with
        ``"td"``: ``ongoingrivalry``, ``rivalryno``, ``rivalrytype`` (the first type).
        On state-years, with ``"tss"``: ``n_ideological``, ``n_interventionary``,
        ``n_positional``, ``n_spatial`` (the number of the state's ongoing rivalries of
        each type); with ``"td"``: ``nrivalries``. Flags and counts are 0 inside the data's
        years without rivalry and <NA> after them (2020 TSS, 2010 T&D).

    Raises
    ------
    InvalidParameterError
        ``source`` is not "tss" or "td"; the table is not a blocs state-/dyad-year table.

    Notes
    -----
    Rivalries are non-directed: both directions of a directed table get the values. A
    rivalry counts in every year from its start to its end year inclusive. Austria-Hungary's
    (300) rivalry years from 1919 go to Austria (305), as peacesciencer does (TSS 76, T&D 79).
    No pair has two overlapping rivalries in either source (the join would raise
    ``DuplicateKeysError`` otherwise). G–W tables are matched through ``gw_cw_panel``.

    On undirected COW dyad-years 1816–2014 the ``"tss"`` columns equal peacesciencer
    1.2.9's ``add_strategic_rivalries()`` value for value. One deliberate difference:
    after 2020 peacesciencer sets ``ongoingrivalry`` to 1 for every dyad-year (its
    ``ifelse`` treats "no rivalry and after 2020" as a rivalry); blocs leaves it missing.

    References
    ----------
    Thompson, Sakuwa & Suhas (2021), Analyzing Strategic Rivalries in World Politics.
    Thompson & Dreyer (2012), Handbook of International Rivalries, 1494–2010.
    Miller (2022), peacesciencer.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_strategic_rivalries(create_dyad_years(directed=False, years="1957-1958"))
    >>> dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 710), ["ongoingrivalry", "ideological"]].values.tolist()
    [[0, 0], [1, 1]]
    >>> td = add_strategic_rivalries(create_dyad_years(directed=False, years=1958), source="td")
    >>> int(td.loc[(td.ccode1 == 365) & (td.ccode2 == 710), "rivalryno"].iloc[0])
    126
    """
    check_choice(source, RIVALRY_SOURCES, param="source")
    keys = keys_of(table, function="add_strategic_rivalries")
    if keys.dyadic:
        prep = _dyadic(source)
        fill = ("ongoingrivalry",) if source == "td" else (*TSS_TYPES, "ongoingrivalry")
        cols = join_dyadic(keys, prep, system="cow", fill_zero=fill)
    else:
        prep = _monadic(source)
        cols = join_monadic(keys, prep, system="cow", fill_zero=tuple(prep.columns))
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_strategic_rivalries")
