"""Landscape inputs from data: sizes from capabilities, propensities from documented components.

Each component is a symmetric score in [-1, 1] for every pair of the chosen states in the
chosen year; the propensity is the weighted sum ``p_ij = sum_c w_c component_c(i, j)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import CoverageError, InvalidParameterError, UnknownCountryError
from blocs._meta import Source, TableMeta, with_meta
from blocs._validation import check_choice, dataset_coverage
from blocs.data import cites, get_dataset, load
from blocs.system import country_code

__all__ = ["AXELROD_BENNETT_WEIGHTS", "COMPONENTS", "DEFAULT_WEIGHTS", "build_landscape"]

COMPONENTS = (
    "government",
    "regime",
    "war",
    "cobelligerent",
    "territorial",
    "border",
    "mids",
    "alliance",
    "rivalry",
    "tss_rivalry",
    "ideological",
    "contiguity",
)

#: Weights used when none are given: every data component except contiguity (whose sign is a
#: modelling choice), the continuous ``regime`` similarity (shown with weight 0: it scores two
#: dictatorships as alike whether communist or fascist, so ``government`` replaces it) and the
#: components that duplicate others (``territorial``, ``tss_rivalry``, ``ideological``).
DEFAULT_WEIGHTS: dict[str, float] = {
    "government": 1.0,
    "regime": 0.0,
    "war": 1.0,
    "cobelligerent": 0.5,
    "border": 1.0,
    "mids": 0.5,
    "alliance": 1.0,
    "rivalry": 1.0,
    "contiguity": 0.0,
}

#: The factors Axelrod & Bennett scored for Europe 1936 that data here can reconstruct, one
#: component each with weight 1 as in the paper: type of government (``government``), past wars
#: (``war``) and border disputes (``territorial``).  Ethnic conflict and religion have no dataset
#: here and are omitted.
AXELROD_BENNETT_WEIGHTS: dict[str, float] = {"government": 1.0, "war": 1.0, "territorial": 1.0}

#: Democracy thresholds of the categorical ``government`` component: V-Dem polyarchy above 0.5
#: (the electoral-democracy cut of Lührmann et al.'s Regimes of the World) or polity2 of 6 or more
#: (the conventional Polity cut).
DEMOCRACY_THRESHOLDS: dict[str, float] = {"v2x_polyarchy": 0.5, "polity2": 6.0}

_DATASETS = {
    "government": "cw_democracy",
    "regime": "cw_democracy",
    "war": "cow_war_inter",
    "cobelligerent": "cow_war_inter",
    "border": "cow_mid_dirdisps",
    "mids": "cow_mid_dirdisps",
    "alliance": "atop_alliance",
    "rivalry": "td_rivalries",
    "tss_rivalry": "tss_rivalries",
    "ideological": "tss_rivalries",
    "territorial": "cow_mid_dirdisps",
    "contiguity": "cow_contdir",
}
#: Further datasets a component reads besides its main one.
_EXTRA = {
    "border": ("cow_mid_b",),
    "territorial": ("cow_mid_b", "tss_rivalries"),
    "government": ("tss_rivalries",),
}


def _resolve(states: Sequence[int | str], year: int) -> tuple[list[int], list[str]]:
    """COW codes and abbreviations of ``states`` as of ``year``."""
    st = load("cow_states")
    alive = st[(st["styear"] <= year) & (st["endyear"] >= year)]
    codes: list[int] = []
    for s in states:
        code: int | None = None
        if isinstance(s, (int, np.integer)) and not isinstance(s, bool):
            code = int(s)
        else:
            text = str(s).strip()
            hit = alive[alive["stateabb"].str.upper() == text.upper()]
            # COW abbreviations first (exact), then names, ISO codes, ... via blocs.system
            code = int(hit["ccode"].iloc[0]) if not hit.empty else int(country_code(text, year=year))
        if code is None or code not in set(alive["ccode"].tolist()):
            raise UnknownCountryError(
                f"state {s!r} is not a COW system member in {year}; give a COW code or abbreviation of a state "
                "that existed then (e.g. GMY, UKG, FRN, RUS, ROM)"
            )
        codes.append(code)
    dup = sorted({c for c in codes if codes.count(c) > 1})
    if dup:
        raise InvalidParameterError(f"states lists the same state more than once (COW code(s) {dup}); list each once")
    abb = alive.drop_duplicates("ccode").set_index("ccode")["stateabb"]
    return codes, [str(abb[c]) for c in codes]


def _check_cov(name: str, first: int, last: int, component: str) -> None:
    ds = get_dataset(name)
    if ds.coverage is None:
        return
    lo, hi = ds.coverage
    if last < lo or first > hi or last > hi:
        raise CoverageError(
            f"component {component!r} needs {name} {ds.version} for {first}–{last}, outside its coverage "
            f"({lo}–{hi}); choose a year in that range or give {component!r} weight 0"
        )


def _pairs_matrix(codes: list[int], c1: pd.Series, c2: pd.Series, values: np.ndarray) -> np.ndarray:
    idx = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    M = np.zeros((n, n))
    for a, b, v in zip(c1.tolist(), c2.tolist(), values.tolist(), strict=True):
        if a in idx and b in idx and a != b:
            M[idx[a], idx[b]] = v
            M[idx[b], idx[a]] = v
    return M


def _regime(codes: list[int], year: int, measure: str) -> np.ndarray:
    table = load("cw_democracy")
    d = table[table["year"] == year].set_index("ccode")[measure]
    v = np.array([d.get(c, np.nan) for c in codes], dtype=np.float64)
    span = 20.0 if measure == "polity2" else 1.0
    M = 1.0 - 2.0 * np.abs(v[:, None] - v[None, :]) / span
    M[np.isnan(M)] = 0.0
    np.fill_diagonal(M, 0.0)
    return M


def _tss(codes: list[int], year: int, kind: str | None) -> np.ndarray:
    """-1 for an ongoing Thompson-Sakuwa-Suhas rivalry (of the given type: ideological, spatial ...)."""
    r = load("tss_rivalries")
    r = r[(r["start"] <= year) & (r["end"] >= year)]
    if kind is not None:
        r = r[r[kind].fillna(0) == 1]
    return _pairs_matrix(codes, r["ccode1"], r["ccode2"], -np.ones(len(r)))


def _government(codes: list[int], year: int, measure: str) -> np.ndarray:
    """Axelrod & Bennett's type of government from the data: democracy or not, plus ideological rivalry."""
    table = load("cw_democracy")
    d = table[table["year"] == year].set_index("ccode")[measure]
    v = np.array([d.get(c, np.nan) for c in codes], dtype=np.float64)
    known = ~np.isnan(v)
    dem = np.where(known, v >= DEMOCRACY_THRESHOLDS[measure], False)
    # both democracies +1; a democracy and a non-democracy -1; two non-democracies 0 (the data
    # cannot tell communist from fascist or royal dictatorships, which the paper scored as
    # different types); 0 when a score is missing
    M = np.where(dem[:, None] & dem[None, :], 1.0, np.where(dem[:, None] != dem[None, :], -1.0, 0.0))
    M[~known, :] = 0.0
    M[:, ~known] = 0.0
    M[_tss(codes, year, "ideological") < 0] = -1.0  # recorded ideological antagonism overrides
    np.fill_diagonal(M, 0.0)
    return M


def _war(codes: list[int], first: int, last: int, same_side: bool, half_life: float | None = None) -> np.ndarray:
    w = load("cow_war_inter")
    w = w[(w["year"] >= first) & (w["year"] <= last) & w["ccode1"].isin(codes) & w["ccode2"].isin(codes)]
    w = w[w["ccode1"] < w["ccode2"]]
    if not same_side:  # the file lists every pair of states that fought each other (one row per year)
        enemies = w.groupby(["ccode1", "ccode2"], as_index=False)["year"].max()
        value = np.ones(len(enemies))
        if half_life is not None:  # the pair's most recent year at war counts; older wars fade
            value = 0.5 ** ((last - enemies["year"].to_numpy(dtype=np.float64)) / half_life)
        return _pairs_matrix(codes, enemies["ccode1"], enemies["ccode2"], -value)
    # co-belligerents: both took part in the same war and never fought each other in it
    wars = load("cow_war_inter")
    wars = wars[(wars["year"] >= first) & (wars["year"] <= last) & wars["ccode1"].isin(codes)]
    part = wars[["warnum", "ccode1"]].drop_duplicates().rename(columns={"ccode1": "ccode"})
    pairs = part.merge(part, on="warnum", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] < pairs["ccode2"]]
    foes = set(zip(w["warnum"], w["ccode1"], w["ccode2"], strict=True))
    keep = [(wn, a, b) not in foes for wn, a, b in zip(pairs["warnum"], pairs["ccode1"], pairs["ccode2"], strict=True)]
    pairs = pairs[keep].drop_duplicates(["ccode1", "ccode2"])
    return _pairs_matrix(codes, pairs["ccode1"], pairs["ccode2"], np.ones(len(pairs)))


def _mids(codes: list[int], first: int, last: int, territorial: bool) -> np.ndarray:
    m = load("cow_mid_dirdisps")
    m = m[(m["year"] >= first) & (m["year"] <= last) & (m["sidea1"] != m["sidea2"])]
    m = m[m["ccode1"].isin(codes) & m["ccode2"].isin(codes)]
    if territorial:
        b = load("cow_mid_b")
        terr = b[(b["revtype1"] == 1) | (b["revtype2"] == 1)]["dispnum"].unique()
        m = m[m["dispnum"].isin(terr)]
    m = m.drop_duplicates(["ccode1", "ccode2"])
    return _pairs_matrix(codes, m["ccode1"], m["ccode2"], -np.ones(len(m)))


def _territorial(codes: list[int], first: int, last: int, year: int) -> np.ndarray:
    """-1 for a territorial MID in the window or an ongoing TSS spatial rivalry (either suffices)."""
    out: np.ndarray = np.minimum(_mids(codes, first, last, territorial=True), _tss(codes, year, "spatial"))
    return out  # both scores are 0 or -1


def _alliance(codes: list[int], year: int) -> np.ndarray:
    a = load("atop_alliance")
    a = a[(a["year"] == year) & a["ccode1"].isin(codes) & a["ccode2"].isin(codes)]
    strong = (a["atop_defense"] == 1) | (a["atop_offense"] == 1)
    return _pairs_matrix(codes, a["ccode1"], a["ccode2"], np.where(strong, 1.0, 0.5))


def _rivalry(codes: list[int], year: int) -> np.ndarray:
    r = load("td_rivalries")
    r = r[(r["styear"] <= year) & (r["endyear"] >= year)]
    return _pairs_matrix(codes, r["ccode1"], r["ccode2"], -np.ones(len(r)))


def _contiguity(codes: list[int], year: int) -> np.ndarray:
    c = load("cow_contdir")
    on = pd.Timestamp(year=year, month=12, day=1)
    start = pd.Timestamp(year=year, month=1, day=1)
    c = c[(c["conttype"] == 1) & (c["stdate"] <= on) & (c["enddate"] >= start)]
    return _pairs_matrix(codes, c["ccode1"], c["ccode2"], np.ones(len(c)))


@cites("Axelrod1993landscape")
def build_landscape(
    states: Sequence[int | str],
    *,
    year: int,
    weights: Mapping[str, float] | Literal["default", "axelrod-bennett"] = "default",
    regime_measure: Literal["v2x_polyarchy", "polity2"] = "v2x_polyarchy",
    war_lookback: int = 25,
    mid_lookback: int = 10,
    war_half_life: float | None = None,
    components: Mapping[str, pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors (sizes) and propensities for a set of states in a year, from the data.

    ``size_i`` is the state's CINC score (NMC 7.0) in ``year``.  The propensity of each pair is
    ``p_ij = sum_c w_c component_c(i, j)``, with components in [-1, 1] (positive = affinity):

    * ``government`` — Axelrod & Bennett's "type of government" as far as the data go: each state
      is a democracy (V-Dem ``v2x_polyarchy`` > 0.5, or ``polity2`` >= 6) or not in ``year``;
      +1 for two democracies, −1 for a democracy and a non-democracy, 0 for two
      non-democracies (communist, fascist and royal dictatorships, which the paper scored as
      different types, cannot be told apart here) and 0 when a score is missing; then −1 for
      any pair in an ongoing Thompson–Sakuwa–Suhas rivalry coded ideological.
    * ``regime`` — similarity of regime scores in ``year``: ``1 - 2|v_i - v_j|`` for V-Dem
      ``v2x_polyarchy`` (0–1) or ``1 - |v_i - v_j| / 10`` for ``polity2`` (−10…10); 0 when a score
      is missing.  It sees democracy, not ideology: two dictatorships score as similar whether
      communist or fascist.
    * ``war`` — −1 if the pair fought on opposite sides of a COW inter-state war with a year in
      ``[year - war_lookback, year]`` (the paper's "past wars").  Codes are taken as COW gives
      them (Austria-Hungary 300 is not Hungary 310).  With ``war_half_life`` h, the score is
      ``-0.5 ** ((year - t) / h)`` where t is the pair's last year at war in the window.
    * ``cobelligerent`` — +1 if the pair took part in such a war without fighting each other in it.
    * ``border`` — −1 if the pair were on opposite sides of a militarised dispute over
      territory (MID 5.0 revision type 1 for any participant) in ``[year - mid_lookback, year]``.
    * ``territorial`` — the paper's "border disputes": −1 if the pair had such a territorial
      MID in ``[year - mid_lookback, year]`` or an ongoing TSS rivalry coded spatial
      (a standing contest over territory) in ``year``.
    * ``mids`` — −1 if the pair were on opposite sides of any MID in that window.
    * ``alliance`` — ATOP 5.1 in ``year``: 1 for a defence or offence pact, 0.5 for neutrality,
      non-aggression or consultation only.
    * ``rivalry`` — −1 for an ongoing Thompson–Dreyer strategic rivalry in ``year``.
    * ``tss_rivalry`` — −1 for an ongoing Thompson–Sakuwa–Suhas strategic rivalry in ``year``;
      ``ideological`` — −1 for one coded ideological.
    * ``contiguity`` — 1 for direct land contiguity in ``year`` (COW 3.2); its weight sets its sign.
    * any user component: ``components={"name": table}`` with columns ``actor1``, ``actor2``
      (abbreviations as returned in ``actors``) and ``value``; give it a weight under ``name``.

    Parameters
    ----------
    states : sequence of int or str
        COW codes or abbreviations (names once :func:`blocs.system.country_code` is available).
    year : int
    weights : mapping, "default" or "axelrod-bennett"
        Component weights.  ``"default"``: :data:`DEFAULT_WEIGHTS` (government 1, war 1,
        cobelligerent 0.5, border 1, mids 0.5, alliance 1, rivalry 1; regime 0).
        ``"axelrod-bennett"``: government, war and territorial with weight 1 — the three of the
        paper's five factors the data can reconstruct (ethnic conflict and religion are omitted).
        The preset before blocs' landscape2 change was ``{"regime": 1, "war": 1, "border": 1}``.
    regime_measure : {"v2x_polyarchy", "polity2"}, default "v2x_polyarchy"
        Score used by ``regime`` and ``government``.  V-Dem polyarchy by default: it covers every
        state-year (polity2 lacks e.g. the USSR in 1936).
    war_lookback, mid_lookback : int, default 25 and 10
        Years looked back for wars and disputes (the window includes ``year``).
    war_half_life : float, optional
        Half-life in years of the ``war`` score (None, the default: no decay).
    components : mapping of str to DataFrame, optional
        User-supplied components.

    Returns
    -------
    actors : DataFrame
        ``actor`` (COW abbreviation), ``ccode``, ``size`` (CINC).
    propensities : DataFrame
        One row per unordered pair in input order: ``actor1``, ``actor2``, ``ccode1``, ``ccode2``,
        one column per component, and ``propensity``; ``attrs["weights"]`` holds the weights.

    Raises
    ------
    UnknownCountryError
        A state that is not a COW system member in ``year``.
    CoverageError
        ``year`` (or a look-back window) outside the coverage of a weighted component's dataset.
    InvalidParameterError
        Unknown component, bad look-back, user component with unknown actors, missing CINC.

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal
    of Political Science* 23(2): 211-233.

    Examples
    --------
    >>> actors, props = build_landscape(["GMY", "FRN", "UKG"], year=1936)
    >>> actors.actor.tolist()
    ['GMY', 'FRN', 'UKG']
    >>> props[["actor1", "actor2"]].values.tolist()
    [['GMY', 'FRN'], ['GMY', 'UKG'], ['FRN', 'UKG']]
    """
    if isinstance(weights, str):
        check_choice(weights, ("default", "axelrod-bennett"), param="weights")
        w = dict(DEFAULT_WEIGHTS if weights == "default" else AXELROD_BENNETT_WEIGHTS)
    else:
        w = {str(c): float(v) for c, v in weights.items()}
    user = dict(components or {})
    unknown = [c for c in w if c not in COMPONENTS and c not in user]
    if unknown:
        raise InvalidParameterError(
            f"weights name unknown component(s) {', '.join(unknown)}; choose from {', '.join(COMPONENTS)} "
            "or pass them in components="
        )
    check_choice(regime_measure, ("v2x_polyarchy", "polity2"), param="regime_measure")
    for name, val in (("war_lookback", war_lookback), ("mid_lookback", mid_lookback)):
        if isinstance(val, bool) or not isinstance(val, (int, np.integer)) or val < 0:
            raise InvalidParameterError(f"{name} must be a non-negative integer number of years; got {val!r}")
    if war_half_life is not None and (
        isinstance(war_half_life, bool)
        or not isinstance(war_half_life, (int, float, np.integer, np.floating))
        or not np.isfinite(war_half_life)
        or war_half_life <= 0
    ):
        raise InvalidParameterError(
            f"war_half_life must be a positive number of years or None (no decay); got {war_half_life!r}"
        )
    year = int(year)
    _check_cov("cow_nmc", year, year, "size")
    _check_cov("cow_states", year, year, "states")
    codes, abbs = _resolve(states, year)
    if len(codes) < 2:
        raise InvalidParameterError(f"states must name at least 2 states; got {len(codes)}")
    nmc = load("cow_nmc")
    cinc = nmc[nmc["year"] == year].set_index("ccode")["cinc"]
    sizes = np.array([cinc.get(c, np.nan) for c in codes], dtype=np.float64)
    if not np.all(sizes > 0):
        bad = [a for a, s in zip(abbs, sizes, strict=True) if not s > 0]
        raise InvalidParameterError(f"no positive cow_nmc CINC in {year} for {', '.join(bad)}; drop those states")
    used: set[str] = {"cow_nmc", "cow_states"}
    mats: dict[str, np.ndarray] = {}
    windows = {
        "war": (year - war_lookback, year),
        "cobelligerent": (year - war_lookback, year),
        "border": (year - mid_lookback, year),
        "territorial": (year - mid_lookback, year),
        "mids": (year - mid_lookback, year),
    }
    for comp in COMPONENTS:
        if comp not in w:
            continue
        first, last = windows.get(comp, (year, year))
        if w[comp] != 0:
            ds = _DATASETS[comp]
            lo, hi = dataset_coverage(ds)
            _check_cov(ds, max(first, lo) if comp in windows else first, last, comp)
            used.add(ds)
            for extra in _EXTRA.get(comp, ()):
                _check_cov(extra, year, year, comp)
                used.add(extra)
        if comp == "government":
            mats[comp] = _government(codes, year, regime_measure)
        elif comp == "regime":
            mats[comp] = _regime(codes, year, regime_measure)
        elif comp in ("war", "cobelligerent"):
            mats[comp] = _war(codes, first, last, same_side=comp == "cobelligerent", half_life=war_half_life)
        elif comp == "territorial":
            mats[comp] = _territorial(codes, first, last, year)
        elif comp == "tss_rivalry":
            mats[comp] = _tss(codes, year, None)
        elif comp == "ideological":
            mats[comp] = _tss(codes, year, "ideological")
        elif comp in ("border", "mids"):
            mats[comp] = _mids(codes, first, last, territorial=comp == "border")
        elif comp == "alliance":
            mats[comp] = _alliance(codes, year)
        elif comp == "rivalry":
            mats[comp] = _rivalry(codes, year)
        else:
            mats[comp] = _contiguity(codes, year)
    pos = {a: i for i, a in enumerate(abbs)}
    for name, table in user.items():
        need = {"actor1", "actor2", "value"}
        if not need <= set(table.columns):
            raise InvalidParameterError(f"component {name!r} needs columns actor1, actor2, value")
        bad = sorted({str(a) for a in pd.concat([table["actor1"], table["actor2"]]) if str(a) not in pos})
        if bad:
            raise InvalidParameterError(
                f"component {name!r} names actor(s) not among the states: {', '.join(bad)}; use {', '.join(abbs)}"
            )
        M = np.zeros((len(codes), len(codes)))
        for a, b, v in zip(table["actor1"], table["actor2"], table["value"], strict=True):
            M[pos[str(a)], pos[str(b)]] = M[pos[str(b)], pos[str(a)]] = float(v)
        mats[name] = M
    iu, ju = np.triu_indices(len(codes), 1)
    out = pd.DataFrame(
        {
            "actor1": [abbs[i] for i in iu],
            "actor2": [abbs[j] for j in ju],
            "ccode1": np.array(codes, dtype=np.int64)[iu],
            "ccode2": np.array(codes, dtype=np.int64)[ju],
        }
    )
    for name, M in mats.items():
        out[name] = M[iu, ju]
    out["propensity"] = sum((w.get(name, 0.0) * out[name] for name in mats), start=pd.Series(0.0, index=out.index))
    out.attrs["weights"] = dict(w)
    sources = tuple(
        sorted(
            {get_dataset(d).source for d in used} | {Source("user components")}
            if user
            else {get_dataset(d).source for d in used}
        )
    )
    actors = pd.DataFrame({"actor": abbs, "ccode": np.array(codes, dtype=np.int64), "size": sizes})
    with_meta(actors, TableMeta(unit="state", system="cow", sources=sources))
    props_meta = TableMeta(unit="dyad", system="cow", directed=False, sources=sources)
    return actors, with_meta(out, props_meta)
