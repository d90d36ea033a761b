"""The web app's one door into the library: parse nothing, compute nothing, call and package.

Every request handler calls one function here; each one calls the library (the query layer
where it exists) and returns a :class:`View`: the rows a page draws, the datasets and versions
they came from, and a note per column saying where it comes from.  Results are cached per
process (:func:`functools.lru_cache` on normalised arguments), so a repeated view costs a
dictionary look-up.  The bounds on one request's cost live in :data:`LIMITS`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import blocs
from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import Source, meta_of

__all__ = ["LIMITS", "View", "cache_info", "clear_caches"]

#: Bounds on the cost of one request, checked before any work (an error past them, never a slow reply).
LIMITS: dict[str, int] = {
    "dyad_years": 209,  # one dyad: any span of the state system (1816–2024)
    "triangle_years": 80,  # three dyads' evidence per year
    "balance_timeline_years": 0,  # one year per request: a timeline is many requests
    "landscape_states": 12,  # exhaustive search over 2^n alignments
    "landscape_weights": 12,
    "map_measures": 1,
    "search_limit": 50,
    "idealpoint_states": 12,
    "event_years": 60,  # one event view: up to 720 months
    "cache_entries": 256,
}
#: Seconds HiGHS may spend on one balance problem before answering with its bound (the certificate says so).
SOLVER_SECONDS = 10.0


@dataclass(frozen=True)
class View:
    """What one API call returns: rows, their sources, a note per column, extra facts."""

    rows: pd.DataFrame
    sources: tuple[Source, ...]
    columns: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


def _sources(*tables: Any) -> tuple[Source, ...]:
    found: dict[tuple[str, str], Source] = {}
    for t in tables:
        for s in meta_of(t).sources:
            found[(s.name, s.version)] = s
    return tuple(sorted(found.values(), key=lambda s: (s.name, s.version)))


def _cached(fn: Callable[..., View]) -> Any:
    return functools.lru_cache(maxsize=LIMITS["cache_entries"])(fn)


# ---------------------------------------------------------------- states -----------------------------------------


@functools.lru_cache(maxsize=1)
def _state_table() -> pd.DataFrame:
    from blocs.data import load

    st = load("cow_states")
    out = st[["ccode", "stateabb", "statenme", "styear", "endyear"]].copy()
    out["ccode"] = out["ccode"].astype(int)
    return out


def state_label(code: int) -> str:
    """``ABB`` of a COW code (the code itself when unknown)."""
    names = _state_labels()
    return names.get(int(code), str(code))


@functools.lru_cache(maxsize=1)
def _state_labels() -> dict[int, str]:
    st = _state_table()
    return dict(zip(st["ccode"], st["stateabb"].astype(str), strict=False))


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[int, str]:
    st = _state_table()
    return dict(zip(st["ccode"], st["statenme"].astype(str), strict=False))


@functools.lru_cache(maxsize=1024)
def resolve(token: str, year: int | None) -> int:
    """The COW code a state token stands for in ``year`` (:func:`blocs.query.resolve_state`)."""
    from blocs.query import resolve_state

    return int(resolve_state(token, year=year).code)


@functools.lru_cache(maxsize=512)
def search(q: str, year: int | None, limit: int) -> tuple[list[dict[str, Any]], tuple[Source, ...]]:
    """States a partial name, abbreviation or code may stand for, best first, and the list they come from."""
    from blocs.query import search_states

    found = search_states(q, year=year, limit=limit)
    states = [
        {
            "ccode": int(m.code),
            "abb": m.abbreviation,
            "name": m.name,
            "spells": [list(sp) for sp in m.spells],
            "ongoing": bool(m.ongoing),
            "iso3": m.iso3,
        }
        for m in found.matches
    ]
    return states, tuple(found.sources)


# ---------------------------------------------------------------- dyad -------------------------------------------

#: Each dyad column: what it is and where it comes from (dataset, blocs function).
DYAD_COLUMNS: dict[str, str] = {
    "year": "year",
    "obligation": "ATOP obligations in force (def/off/neu/nag/con; '-' none; 'n/a' outside ATOP) — blocs.query",
    "atop_defense": "ATOP 5.1 defence pact in force (1/0; missing outside ATOP's years) — add_atop_alliance",
    "atop_offense": "ATOP 5.1 offence pact — add_atop_alliance",
    "atop_neutral": "ATOP 5.1 neutrality pact — add_atop_alliance",
    "atop_nonagg": "ATOP 5.1 non-aggression pact — add_atop_alliance",
    "atop_consul": "ATOP 5.1 consultation pact — add_atop_alliance",
    "atop_s_abs": "Alliance-portfolio S, absolute distance (Signorino & Ritter 1999), ATOP 5.1 — add_similarity",
    "atop_s_wt_abs": "Alliance-portfolio S weighted by CINC (NMC 7.0) — add_similarity",
    "atop_kappa_sq": "Alliance-portfolio Cohen's kappa, squared distance (Häge 2011) — add_similarity",
    "un_kappa_sq": "UN-vote Cohen's kappa, squared distance (Häge 2011), Voeten UN votes — add_similarity",
    "un_agree": "UN General Assembly agreement (share of common votes agreeing), Voeten — add_un_agreement",
    "un_n_votes": "Roll calls both voted in — add_un_agreement",
    "ideal_point1": "UN ideal point of state a (dynamic IRT fit of Voeten votes) — add_ideal_points",
    "ideal_point2": "UN ideal point of state b — add_ideal_points",
    "ideal_point_distance": "|ideal point a − ideal point b| (Bailey, Strezhnev & Voeten 2017) — "
    "add_ideal_point_distance",
    "cap_share1": "State a's share of the pair's CINC, NMC 7.0 — add_capability_ratio",
    "cap_ratio": "Stronger/weaker CINC ratio, NMC 7.0 — add_capability_ratio",
    "cowmidonset": "A COW MID 5.0 began this year (1/0) — add_cow_mids",
    "cowmidongoing": "A COW MID 5.0 was ongoing — add_cow_mids",
    "cowmid_hostlev": "Highest hostility level of the year's MID (1–5) — add_cow_mids",
    "ongoingrivalry": "Thompson, Sakuwa & Suhas strategic rivalry ongoing (1/0) — add_strategic_rivalries",
    "rivalrytype": "Rivalry type(s) — add_strategic_rivalries",
    "cowinterongoing": "COW inter-state war ongoing between the two (1/0) — add_cow_wars",
    "ucdpongoing": "Primary parties on opposite sides of a UCDP/PRIO armed conflict (1/0), ACD 25.1 — add_ucdp_acd",
    "ucdpongoing_2nd": "On opposite sides of a UCDP/PRIO armed conflict with at least one a secondary supporter "
    "(1/0) — add_ucdp_acd",
    "conflict_ids": "UCDP conflict ids of the year's conflicts between them as primary parties — add_ucdp_acd",
    "conflict_ids_2nd": "UCDP conflict ids where one was a secondary supporter — add_ucdp_acd",
}


#: UN sessions the ideal-point fit covers (``None``: all); ``create_app(ideal_point_sessions=...)`` sets it.
IDEAL_POINT_SESSIONS: list[str | None] = [None]


@functools.lru_cache(maxsize=4)
def _ideal_points(sessions: str | None) -> pd.DataFrame:
    from blocs.measures import IdealPoints, default_un_votes, fit_ideal_points

    if sessions is None:
        table: pd.DataFrame = fit_ideal_points()
    else:
        table = fit_ideal_points(default_un_votes(), estimator=IdealPoints(seed=0, sessions=sessions))
    return table


def ideal_points_table() -> pd.DataFrame:
    """The fitted UN ideal points: fitted once per data home, then read from disk, then from this process."""
    return _ideal_points(IDEAL_POINT_SESSIONS[0])


def _with_ideal_points(table: pd.DataFrame) -> pd.DataFrame:
    from blocs.measures import add_ideal_point_distance

    return add_ideal_point_distance(table, ideal_points=ideal_points_table())


@_cached
def dyad(a: int, b: int, years: tuple[int, int]) -> View:
    """One dyad's timeline (:func:`blocs.query.dyad_timeline` with the cached ideal points)."""
    from blocs.query import dyad_timeline

    if a == b:
        raise InvalidParameterError(
            f"The 'b' parameter must be a state other than a; got {state_label(b)} ({b}) for both. "
            "Name two different states"
        )
    t = dyad_timeline(a, b, years=years, ideal_points=ideal_points_table())
    table = t.table
    keep = ["ccode1", "ccode2"] + [c for c in DYAD_COLUMNS if c in table.columns]
    rows = table[keep].reset_index(drop=True)
    facts = {
        "a": {"ccode": t.a.code, "abb": t.a.abbreviation, "name": t.a.name},
        "b": {"ccode": t.b.code, "abb": t.b.abbreviation, "name": t.b.name},
        "notes": list(t.notes),
    }
    return View(rows, tuple(t.sources), {c: DYAD_COLUMNS[c] for c in keep if c in DYAD_COLUMNS}, facts)


# ---------------------------------------------------------------- triangle ---------------------------------------


@_cached
def triangle(states: tuple[int, int, int], years: tuple[int, int]) -> View:
    """The Dittmer type of a strategic triangle per year with the evidence behind each edge."""
    from blocs.query import triangle_timeline

    if len(set(states)) != 3:
        raise InvalidParameterError(f"states must be three different states; got {', '.join(map(state_label, states))}")
    t = triangle_timeline(list(states), years=years)
    rows = t.table.reset_index(drop=True).copy()
    for col in ("pivot", "pariah"):
        if col in rows.columns:
            rows[col] = rows[col].map(lambda v: None if pd.isna(v) else state_label(int(v)))
    columns = {
        "type": "Dittmer (1981) triangle type from the three edge signs — blocs.query.triangle_timeline",
        "sign_ab": "Sign of each tie: +1 alliance, −1 MID (hostility ≥ 4), war or rivalry (negative evidence "
        "wins), 0 none — recipe " + t.recipe,
        "evidence_ab": "The evidence behind the a–b sign (dataset, item, years)",
        "not_covered": "Tie sources whose years do not cover this year",
    }
    facts = {
        "states": [{"ccode": r.code, "abb": r.abbreviation, "name": r.name} for r in t.states],
        "notes": list(t.notes),
        "spells": t.spells,
    }
    return View(rows, tuple(t.sources), columns, facts)


# ---------------------------------------------------------------- balance ----------------------------------------


@_cached
def balance(year: int) -> View:
    """The signed network of one year, its two camps, frustrated ties and the optimality certificate."""
    from blocs.query import balance_snapshot

    snap = balance_snapshot(year, time_limit=SOLVER_SECONDS)
    frustrated = {
        (min(int(u), int(v)), max(int(u), int(v)))
        for u, v in zip(snap.frustrated["source"], snap.frustrated["target"], strict=True)
    }
    edges = snap.edges[["source", "target", "sign", "evidence_pos", "evidence_neg"]].copy()
    edges["source"] = edges["source"].astype(int)
    edges["target"] = edges["target"].astype(int)
    edges["frustrated"] = [
        (min(s, t), max(s, t)) in frustrated for s, t in zip(edges["source"], edges["target"], strict=True)
    ]
    nodes = snap.camps.rename(columns={"abbreviation": "abb"})[["ccode", "abb", "camp", "component"]].copy()
    nodes["ccode"] = nodes["ccode"].astype(int)
    nodes = nodes.sort_values(["component", "camp", "ccode"]).reset_index(drop=True)
    certificate = {
        "frustration": float(snap.frustration),
        "lower_bound": float(snap.lower_bound),
        "gap": float(snap.gap),
        "optimal": bool(snap.optimal),
        "n_nodes": int(snap.n_nodes),
        "n_edges": int(snap.n_edges),
        "n_negative": int(snap.n_negative),
        "normalized_balance": float(snap.normalized_balance),
        "triangles": {k: int(v) for k, v in snap.triangles.items()},
        "recipe": snap.recipe,
        "solver_seconds_limit": SOLVER_SECONDS,
    }
    columns = {
        "camp": "Camp (0/1) in a partition that minimises frustrated ties (Aref, Mason & Wilson 2018); within each "
        "connected component — blocs.query.balance_snapshot",
        "frustrated": "The tie violates the partition: a negative tie inside a camp or a positive one across",
        "sign": "+1 alliance; −1 MID (hostility ≥ 4), war or strategic rivalry; negative evidence wins",
    }
    return View(nodes, tuple(snap.sources), columns, {"certificate": certificate, "edges": edges})


def balance_edges(year: int) -> View:
    """The same year's signed ties, each with its evidence and whether the camps frustrate it."""
    v = balance(year)
    edges = v.facts["edges"]
    cols = {"sign": v.columns["sign"], "frustrated": v.columns["frustrated"]}
    return View(edges.reset_index(drop=True), v.sources, cols, {"certificate": v.facts["certificate"]})


# ---------------------------------------------------------------- ideal points -----------------------------------


@_cached
def idealpoints(years: tuple[int, int]) -> View:
    """Every state's UN ideal point in the sessions that opened in ``years``."""
    ip = ideal_points_table()
    first, last = years
    rows = ip[(ip["year"] >= first) & (ip["year"] <= last)].copy()
    if rows.empty:
        y0, y1 = int(ip["year"].min()), int(ip["year"].max())
        raise InfeasibleOptionError(
            f"years {first}–{last} hold no UN session in the fitted ideal points ({y0}–{y1}); "
            "choose years in that range"
        )
    rows["ccode"] = rows["ccode"].astype(int)
    rows["abb"] = rows["ccode"].map(state_label)
    rows = rows[["ccode", "abb", "session", "year", "ideal_point", "se", "n_votes"]].reset_index(drop=True)
    columns = {
        "ideal_point": "Position on the dynamic one-dimensional UN scale (higher: closer to the US-led liberal "
        "order), fitted to Voeten's roll calls — blocs.measures.fit_ideal_points",
        "se": "Posterior standard deviation of the position",
        "n_votes": "Votes the state cast in the session",
    }
    return View(rows, _sources(ip), columns, {"coverage": [int(ip["year"].min()), int(ip["year"].max())]})


@_cached
def idealpoint_distances(years: tuple[int, int], states: tuple[int, ...]) -> View:
    """Distance of the first state's ideal point from each other's, per session (``add_ideal_point_distance``)."""
    from blocs._meta import declare
    from blocs.measures import add_ideal_point_distance

    if len(states) < 2:
        raise InvalidParameterError("states: name at least two states to measure distances from the first")
    ip = ideal_points_table()
    first, last = years
    yrs = sorted(int(y) for y in ip.loc[(ip["year"] >= first) & (ip["year"] <= last), "year"].unique())
    frame = pd.DataFrame(
        [(states[0], other, y) for other in states[1:] for y in yrs], columns=["ccode1", "ccode2", "year"]
    )
    table = add_ideal_point_distance(declare(frame, unit="dyad_year", system="cow", directed=True), ideal_points=ip)
    table = table.dropna(subset=["ideal_point_distance"]).reset_index(drop=True)
    table["pair"] = [
        f"{state_label(a)}–{state_label(b)}" for a, b in zip(table["ccode1"], table["ccode2"], strict=True)
    ]
    rows = table[["ccode1", "ccode2", "pair", "year", "ideal_point_distance"]]
    columns = {"ideal_point_distance": DYAD_COLUMNS["ideal_point_distance"]}
    return View(rows, _sources(table, ip), columns, {})


# ---------------------------------------------------------------- map --------------------------------------------

MAP_MEASURES: dict[str, str] = {
    "un_agree": "UN General Assembly agreement with the chosen state (Voeten) — add_un_agreement",
    "atop_s_abs": "Alliance-portfolio S with the chosen state (ATOP 5.1) — add_similarity",
    "un_kappa_sq": "UN-vote kappa with the chosen state — add_similarity",
    "ideal_point_distance": "UN ideal-point distance from the chosen state — add_ideal_point_distance",
}


@_cached
def alignment_map(state: int, year: int, measure: str) -> View:
    """One state's alignment with every other state alive in ``year``, by one measure."""
    from blocs.measures import add_similarity, add_un_agreement
    from blocs.system import create_dyad_years

    if measure not in MAP_MEASURES:
        raise InvalidParameterError(
            f"measure={measure!r} is not a map measure; choose one of {', '.join(MAP_MEASURES)}"
        )
    dy = create_dyad_years(system="cow", directed=True, years=[year], extend_to=year if year > 2016 else None)
    dy = dy[dy["ccode1"] == state].reset_index(drop=True)
    if dy.empty:
        raise InfeasibleOptionError(
            f"{state_label(state)} ({state}) is not in the COW state system in {year}; choose a year it existed"
        )
    if measure == "un_agree":
        dy = add_un_agreement(dy)
    elif measure == "ideal_point_distance":
        dy = _with_ideal_points(dy)
    else:
        dy = add_similarity(
            dy,
            source="atop" if measure.startswith("atop") else "un",
            measures=[measure.split("_", 1)[1]],  # type: ignore[list-item]
        )
    rows = pd.DataFrame({"ccode": dy["ccode2"].astype(int), "year": year, "value": dy[measure].astype(float)})
    rows["abb"] = rows["ccode"].map(state_label)
    rows["name"] = rows["ccode"].map(lambda c: _state_names().get(c, str(c)))
    from blocs.web._assets import iso_numeric

    rows["iso_n3"] = rows["ccode"].map(lambda c: iso_numeric(int(c), year))
    rows = rows[["ccode", "abb", "name", "iso_n3", "year", "value"]].sort_values("ccode").reset_index(drop=True)
    facts = {
        "state": {"ccode": state, "abb": state_label(state), "iso_n3": iso_numeric(state, year)},
        "measure": measure,
        "no_shape": rows.loc[rows["iso_n3"].isna(), ["ccode", "abb", "name"]].to_dict("records"),
    }
    return View(rows, _sources(dy), {"value": MAP_MEASURES[measure]}, facts)


# ---------------------------------------------------------------- landscape --------------------------------------


@_cached
def landscape(
    states: tuple[int, ...],
    year: int,
    weights: tuple[tuple[str, float], ...] | None,
    propensity: tuple[tuple[int, int, float], ...],
) -> View:
    """Landscape theory (Axelrod & Bennett 1993) for ``states`` in ``year`` (:func:`blocs.query.landscape_scenario`).

    ``propensity`` sets pairwise propensities (−1 … 1) in a counterfactual: "the US and the
    PRC align" is ``((2, 710, 1.0),)``.  Rows: each actor's coalition at the optimum, its
    frustration and costs, and (with a counterfactual) its side there and whether it moves.
    """
    from blocs.query import landscape_scenario

    cfs = [f"{state_label(i)},{state_label(j)}={v:g}" for i, j, v in propensity] or None
    s = landscape_scenario(
        list(states),
        year=year,
        weights=dict(weights) if weights else None,
        counterfactuals=cfs,
        time_limit=SOLVER_SECONDS,
    )
    rows = s.costs.reset_index(drop=True).copy()
    cf = s.counterfactual
    if cf is not None:
        comp = cf["comparison"][["actor", "counterfactual", "moved"]]
        rows = rows.merge(comp, on="actor", how="left", validate="one_to_one")
    columns = {
        "coalition": "Side at the global minimum of the energy (k = 2)",
        "size": "Actor size: CINC share among the chosen states (NMC 7.0)",
        "frustration": "Actor's contribution to the energy at the optimum",
        "defection_cost": "Energy increase if the actor alone switched side",
        "forced_cost": "Energy increase of the best configuration with the actor on the other side",
        "counterfactual": "Side at the counterfactual's global minimum",
        "moved": "The actor changes side under the counterfactual",
    }
    facts: dict[str, Any] = {
        "certificate": {"energy": s.energy, "bound": s.bound, "gap": s.gap, "exact": s.exact, "method": s.method},
        "minima": s.minima.drop(columns=["labels"], errors="ignore"),
        "counterfactual_minima": None if cf is None else cf["minima"].drop(columns=["labels"], errors="ignore"),
        "moved": None if cf is None else list(cf["moved"]),
        "weights": s.weights,
        "notes": list(s.notes),
    }
    return View(rows, tuple(s.sources), columns, facts)


# ---------------------------------------------------------------- events -----------------------------------------

EVENT_MEASURES = ("net_coop", "goldstein_sum")


def event_source(source: Any) -> Any:
    """The app's event files (``create_app(events=...)``, on ``app.state``), or the error saying how to give some."""
    from blocs._errors import DataNotFoundError

    if source is None:
        raise DataNotFoundError(
            "this server was started without event files; start it with "
            "`blocs serve --events PATH --events-format FORMAT` (ICEWS, GDELT or POLECAT files)"
        )
    return source


def event_years(source: Any) -> tuple[int, int]:
    """First and last year of the event files (the default span of the event views)."""
    from blocs.query import event_months

    t = event_months(source).table
    if t.empty:
        raise InfeasibleOptionError("the event files hold no event between two states; nothing to show")
    return int(t["year"].min()), int(t["year"].max())


@_cached
def events_summary(source: Any) -> View:
    """The event files: what became of their rows, and events between states per month."""
    from blocs.query import event_months

    agg = event_months(source)
    t = agg.table
    g = t.groupby(["year", "month"], as_index=False).agg(dyads=("events", "size"), events=("events", "sum"),
                                                        net_coop=("net_coop", "sum"))  # fmt: skip
    g.insert(2, "period", g["year"].astype(str) + "-" + g["month"].map("{:02d}".format))
    columns = {
        "dyads": "directed dyads with at least one event in the month",
        "events": "events between two different states in the month (de-duplicated by event id)",
        "net_coop": "net cooperation summed over the month's dyads (cooperative minus conflictual events)",
    }
    facts = {"files": source.describe(), "format": source.format, "report": agg.report.as_dict()}
    return View(g, _sources(t), columns, facts)


@_cached
def event_dyad(source: Any, a: int, b: int, years: tuple[int, int]) -> View:
    """A dyad's monthly cooperation and conflict (:func:`blocs.query.event_dyad_timeline`)."""
    from blocs.query import event_dyad_timeline
    from blocs.query._events import EVENT_DYAD_COLUMNS

    if a == b:
        raise InvalidParameterError(
            f"The 'b' parameter must be a state other than a; got {state_label(b)} ({b}) for both. "
            "Name two different states"
        )
    t = event_dyad_timeline(a, b, events=source, years=years)
    facts = {
        "a": {"ccode": t.a.code, "abb": t.a.abbreviation, "name": t.a.name},
        "b": {"ccode": t.b.code, "abb": t.b.abbreviation, "name": t.b.name},
        "files": t.files,
        "notes": list(t.notes),
    }
    return View(t.table.reset_index(drop=True), tuple(t.sources), dict(EVENT_DYAD_COLUMNS), facts)


@_cached
def event_triangle(
    source: Any, states: tuple[int, int, int], years: tuple[int, int], measure: str, threshold: float, min_events: int
) -> View:
    """A triangle's Dittmer type per month from event net cooperation (:func:`blocs.query.event_triangle_timeline`)."""
    from blocs.query import event_triangle_timeline

    t = event_triangle_timeline(list(states), events=source, years=years, measure=measure, threshold=threshold,
                                min_events=min_events)  # fmt: skip
    rows = t.table.reset_index(drop=True).copy()
    for col in ("pivot", "pariah"):
        rows[col] = rows[col].map(lambda v: None if pd.isna(v) else state_label(int(v)))
    columns = {
        "type": "Dittmer (1981) triangle type from the month's three signs — blocs.query.event_triangle_timeline",
        "sign_ab": f"+1 when the pair's {measure} (both directions) is above {threshold:g}, −1 below −{threshold:g}, "
        f"0 otherwise or with fewer than {min_events} event(s)",
        "net_coop_ab": "net cooperation of the pair in the month (cooperative minus conflictual events)",
        "neutral": "pairs without a signed tie that month",
    }
    facts = {
        "states": [{"ccode": r.code, "abb": r.abbreviation, "name": r.name} for r in t.states],
        "types": t.types,
        "settings": {"measure": t.measure, "threshold": t.threshold, "min_events": t.min_events},
        "files": t.files,
        "notes": list(t.notes),
    }
    return View(rows, tuple(t.sources), columns, facts)


# ---------------------------------------------------------------- helpers ----------------------------------------


def _plain_value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_plain_value(x) for x in v]
    if isinstance(v, Hashable) and not isinstance(v, (str, int, bool)):
        return str(v)
    return v


def _plain(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts: missing values are ``None`` (never NaN), numpy scalars become Python ones."""
    cols = [str(c) for c in table.columns]
    return [dict(zip(cols, (_plain_value(v) for v in row), strict=True)) for row in table.itertuples(index=False)]


def plain(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Public alias of :func:`_plain` for the API module."""
    return _plain(table)


def version() -> str:
    return str(blocs.__version__)


def cache_info() -> dict[str, Any]:
    return {
        f.__name__: f.cache_info()._asdict()
        for f in (dyad, triangle, balance, idealpoints, alignment_map, landscape, event_dyad, event_triangle)
    }


def clear_caches() -> None:
    views = (dyad, triangle, balance, idealpoints, alignment_map, landscape, events_summary, event_dyad, event_triangle)
    for f in views:
        f.cache_clear()
    _ideal_points.cache_clear()
