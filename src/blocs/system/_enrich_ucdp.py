"""UCDP/PRIO armed conflict (v25.1): ongoing, onset and intensity, for every role a state plays.

peacesciencer's ``add_ucdp_acd()`` counts a state only when it is a primary party on side A
of a conflict (side A is the government side; in inter-state conflicts, the state UCDP lists
first). Users asked for side B and for the secondary supporters as well (peacesciencer issues
14 and 18); :func:`add_ucdp_acd` returns peacesciencer's four columns unchanged and the same
four for side B and for secondary supporters, and, on dyad-year tables, whether the two states
stood on opposite sides of a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import TableMeta, with_meta
from blocs.data import cites, get_dataset, load
from blocs.system._join import Prepared, attach, join_dyadic, join_monadic, keys_of, prepare_dyadic, prepare_monadic

__all__ = ["UCDP_ISSUES", "UCDP_TYPES", "add_ucdp_acd", "ucdp_parties"]

UcdpType = Literal["extrasystemic", "interstate", "intrastate", "II"]
UcdpIssue = Literal["territory", "government", "both"]

#: UCDP conflict types as peacesciencer's copy names them ("II": internationalized intrastate).
UCDP_TYPES: tuple[str, ...] = ("extrasystemic", "interstate", "intrastate", "II")
#: UCDP incompatibilities.
UCDP_ISSUES: tuple[str, ...] = ("territory", "government", "both")

_ROLES = {"gwno_a": "a", "gwno_a_2nd": "a_2nd", "gwno_b": "b", "gwno_b_2nd": "b_2nd"}
#: column suffix -> roles it counts (state-year tables)
_MONADIC = {"": ("a",), "_b": ("b",), "_2nd": ("a_2nd", "b_2nd")}
_FLAGS = ("ucdpongoing", "ucdponset")


def _choices(values: Iterable[str] | str | None, allowed: tuple[str, ...], param: str) -> tuple[str, ...]:
    if values is None:
        return allowed
    chosen = (values,) if isinstance(values, str) else tuple(values)
    bad = [v for v in chosen if v not in allowed]
    if bad or not chosen:
        raise InvalidParameterError(
            f"UCDP conflicts: {param}={values!r} is not allowed; choose one or more of {', '.join(allowed)} "
            f"(or None for all)"
        )
    return tuple(sorted(set(chosen)))


def ucdp_parties(
    *,
    types: Iterable[UcdpType] | UcdpType | None = None,
    issues: Iterable[UcdpIssue] | UcdpIssue | None = None,
    only_wars: bool = False,
) -> pd.DataFrame:
    """Who took part in each UCDP/PRIO conflict-year (v25.1), one row per conflict, year, role and state.

    Parameters
    ----------
    types, issues, only_wars
        As for :func:`add_ucdp_acd` (default: every conflict).

    Returns
    -------
    DataFrame
        ``conflict_id``, ``year``, ``role`` (``a`` / ``b``: primary party on side A / B;
        ``a_2nd`` / ``b_2nd``: secondary supporter of side A / B with troops), ``gwcode``
        (the state's G–W code) and ``intensity`` (1: 25–999 battle deaths, 2: 1,000 or
        more). Source: ``ucdp_acd``.

    References
    ----------
    Gleditsch, Wallensteen, Eriksson, Sollenberg & Strand (2002); Davies, Pettersson,
    Sollenberg & Öberg (2025).

    Examples
    --------
    >>> p = ucdp_parties(types="interstate")
    >>> p.loc[(p.conflict_id == 13243) & (p.year == 2022), ["role", "gwcode"]].values.tolist()
    [['a', 365], ['b', 369]]
    """
    chosen = (_choices(types, UCDP_TYPES, "types"), _choices(issues, UCDP_ISSUES, "issues"))
    if not isinstance(only_wars, bool):
        raise InvalidParameterError(f"ucdp_parties(): only_wars must be True or False; got {only_wars!r}")
    out = _parties(*chosen, only_wars).copy()
    return with_meta(out, TableMeta(unit="other", sources=(get_dataset("ucdp_acd").source,)))


@cache
def _parties(types: tuple[str, ...], issues: tuple[str, ...], only_wars: bool) -> pd.DataFrame:
    raw = load("ucdp_acd")
    raw = raw[raw["type_of_conflict"].isin(types) & raw["incompatibility"].isin(issues)]
    if only_wars:
        raw = raw[raw["intensity_level"] == 2]
    parts = []
    for col, role in _ROLES.items():
        sub = raw.loc[raw[col].notna(), ["conflict_id", "year", col, "intensity_level"]]
        parts.append(
            pd.DataFrame(
                {
                    "conflict_id": sub["conflict_id"].to_numpy(np.int64),
                    "year": sub["year"].to_numpy(np.int64),
                    "role": role,
                    "gwcode": sub[col].to_numpy(np.int64),
                    "intensity": sub["intensity_level"].to_numpy(np.int64),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True).drop_duplicates(["conflict_id", "year", "role", "gwcode"])
    return out.sort_values(["conflict_id", "year", "role", "gwcode"], kind="stable").reset_index(drop=True)


def _summarise(part: pd.DataFrame, keys: list[str], suffix: str) -> pd.DataFrame:
    """Ongoing / onset / max intensity / conflict ids per ``keys`` + year.

    peacesciencer's onset rule: a (conflict, state[s]) pair's first year in the data.
    """
    part = part.drop_duplicates(["conflict_id", *keys, "year"]).sort_values(["conflict_id", *keys, "year"])
    onset = (~part.duplicated(["conflict_id", *keys])).astype(np.int64)
    part = part.assign(onset=onset.to_numpy())
    grouped = part.groupby([*keys, "year"], sort=True)
    out = grouped.agg(
        onset=("onset", "max"),
        maxintensity=("intensity", "max"),
        conflict_ids=("conflict_id", lambda s: "; ".join(str(c) for c in sorted(s))),
    ).reset_index()
    out.insert(len(keys) + 1, "ongoing", np.ones(len(out), dtype=np.int64))
    return out.rename(
        columns={
            "ongoing": f"ucdpongoing{suffix}",
            "onset": f"ucdponset{suffix}",
            "maxintensity": f"maxintensity{suffix}",
            "conflict_ids": f"conflict_ids{suffix}",
        }
    )


def _columns(suffix: str) -> list[str]:
    return [f"ucdpongoing{suffix}", f"ucdponset{suffix}", f"maxintensity{suffix}", f"conflict_ids{suffix}"]


@cache
def _monadic(types: tuple[str, ...], issues: tuple[str, ...], only_wars: bool) -> list[Prepared]:
    parties = _parties(types, issues, only_wars)
    out = []
    for suffix, roles in _MONADIC.items():
        summary = _summarise(parties[parties["role"].isin(roles)], ["gwcode"], suffix)
        out.append(prepare_monadic(summary, name="ucdp_acd", code="gwcode", columns=_columns(suffix)))
    return out


def _pairs(parties: pd.DataFrame, left: tuple[str, ...], right: tuple[str, ...]) -> pd.DataFrame:
    a = parties[parties["role"].isin(left)][["conflict_id", "year", "gwcode", "intensity"]]
    b = parties[parties["role"].isin(right)][["conflict_id", "year", "gwcode"]]
    m = a.merge(b, on=["conflict_id", "year"], suffixes=("1", "2"))
    m = m[m["gwcode1"] != m["gwcode2"]]
    both = pd.concat([m, m.rename(columns={"gwcode1": "gwcode2", "gwcode2": "gwcode1"})], ignore_index=True)
    return both.drop_duplicates(["conflict_id", "year", "gwcode1", "gwcode2"])


@cache
def _dyadic(types: tuple[str, ...], issues: tuple[str, ...], only_wars: bool) -> list[Prepared]:
    parties = _parties(types, issues, only_wars)
    primary = _pairs(parties, ("a",), ("b",))
    anyrole = _pairs(parties, ("a", "a_2nd"), ("b", "b_2nd"))
    key = ["conflict_id", "year", "gwcode1", "gwcode2"]
    seen = anyrole.merge(primary[key], on=key, how="left", indicator=True)
    secondary = seen[seen["_merge"] == "left_only"].drop(columns="_merge")
    out = []
    for suffix, pairs in (("", primary), ("_2nd", secondary)):
        summary = _summarise(pairs, ["gwcode1", "gwcode2"], suffix)
        out.append(prepare_dyadic(summary, name="ucdp_acd", code1="gwcode1", code2="gwcode2", columns=_columns(suffix)))
    return out


@cites("Gleditsch2002", "Davies2025")
def add_ucdp_acd(
    table: pd.DataFrame,
    *,
    types: Iterable[UcdpType] | UcdpType | None = None,
    issues: Iterable[UcdpIssue] | UcdpIssue | None = None,
    only_wars: bool = False,
) -> pd.DataFrame:
    """Add UCDP/PRIO armed conflicts (v25.1, 1946–2024): ongoing, onset, intensity, for both sides.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year or dyad-year table (G–W or COW codes; COW codes are matched
        year by year through isard's ``cw_gw_panel``).
    types : str or list of str, optional
        Conflict types to count: ``"extrasystemic"``, ``"interstate"``, ``"intrastate"``,
        ``"II"`` (internationalized intrastate). Default: all (peacesciencer's default).
    issues : str or list of str, optional
        Incompatibilities to count: ``"territory"``, ``"government"``, ``"both"``. Default: all.
    only_wars : bool, default False
        Count only conflict-years of intensity 2 (1,000 or more battle deaths).

    Returns
    -------
    DataFrame
        State-years: peacesciencer's columns, for primary parties on **side A** (the
        government side): ``ucdpongoing`` (Int64, 1 if the state was side A of an active
        conflict that year), ``ucdponset`` (1 in the first year the state appears on side A
        of a conflict), ``maxintensity`` (highest intensity level, 1 or 2) and
        ``conflict_ids`` (UCDP ids joined by ``"; "``, ascending); the same four with suffix
        ``_b`` for primary parties on **side B** and ``_2nd`` for **secondary supporters**
        of either side. Dyad-years: the same four for two states that were primary parties
        on opposite sides of one conflict, and with suffix ``_2nd`` for two states on
        opposite sides where at least one was a secondary supporter (and they were not
        primary opponents in that conflict). Flags are 0 inside 1946–2024 when there is no
        conflict and <NA> outside those years or for codes without a G–W counterpart;
        intensities and ids are <NA> without conflict.

    Raises
    ------
    InvalidParameterError
        ``table`` is not a blocs state-year or dyad-year table, or ``types``/``issues``
        name an unknown value.

    Notes
    -----
    The onset rule is peacesciencer's: a state's (or pair's) first year in a conflict is an
    onset, later episodes of the same conflict are not. Dyads are symmetric: both
    directions of a directed table get the flag. In v25.1 Russia (G–W 365) is side A and
    Ukraine (369) side B of conflict 13243 (2022–2024); Russia was a secondary supporter
    of the DPR and LPR against Ukraine in 2014–2015 (conflicts 13246, 13247).

    References
    ----------
    Gleditsch, Wallensteen, Eriksson, Sollenberg & Strand (2002), Armed Conflict
    1946–2001: A New Dataset, Journal of Peace Research 39(5). Davies, Pettersson,
    Sollenberg & Öberg (2025), Organized violence 1989–2024, Journal of Peace Research 62(4).

    Examples
    --------
    >>> from blocs.system import create_state_years
    >>> sy = add_ucdp_acd(create_state_years(system="gw", years=2022, extend_to=2024))
    >>> sy.loc[sy.gwcode.isin([365, 369]), ["gwcode", "ucdpongoing", "ucdpongoing_b"]].values.tolist()
    [[365, 1, 0], [369, 1, 1]]
    """
    keys = keys_of(table, function="add_ucdp_acd")
    chosen = (_choices(types, UCDP_TYPES, "types"), _choices(issues, UCDP_ISSUES, "issues"))
    if not isinstance(only_wars, bool):
        raise InvalidParameterError(f"add_ucdp_acd(): only_wars must be True or False; got {only_wars!r}")
    cols: dict[str, object] = {}
    preps = _dyadic(*chosen, only_wars) if keys.dyadic else _monadic(*chosen, only_wars)
    for prep in preps:
        fill = tuple(c for c in prep.columns if c.startswith(_FLAGS))
        if keys.dyadic:
            cols.update(join_dyadic(keys, prep, system="gw", fill_zero=fill))
        else:
            cols.update(join_monadic(keys, prep, system="gw", fill_zero=fill))
    return attach(table, cols, preps[0].sources + keys.sources_for("gw"), function="add_ucdp_acd")  # type: ignore[arg-type]
