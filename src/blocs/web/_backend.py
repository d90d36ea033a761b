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
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import blocs
from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import Source, declare, meta_of

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


def _cached(fn: Callable[..., View]) -> Callable[..., View]:
    return functools.lru_cache(maxsize=LIMITS["cache_entries"])(fn)


# ---------------------------------------------------------------- states -----------------------------------------


def _country_dict(c: Any) -> dict[str, Any]:
    return {
        "ccode": int(c.code),
        "abb": c.abbreviation,
        "name": c.name,
        "spells": [[s.isoformat(), e.isoformat()] for s, e in c.spells],
        "ongoing": bool(c.ongoing),
        "iso3": c.iso3,
    }


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
    """The COW code a state token stands for in ``year`` (raises the resolver's errors)."""
    from blocs.system import country_code

    return int(country_code(token, year=year))


@functools.lru_cache(maxsize=512)
def search(q: str, year: int | None, limit: int) -> list[dict[str, Any]]:
    """States a name, abbreviation or code may stand for (the resolver's candidates), best first."""
    from blocs.system import candidates

    try:
        found = candidates(q, year=year)
    except LookupError:
        found = []
    out = [_country_dict(c) for c in found[:limit]]
    if not out:
        # Fall back to a substring search of the state list, so the picker suggests as one types.
        st = _state_table()
        needle = q.strip().lower()
        hit = st[st["statenme"].str.lower().str.contains(needle, regex=False) | (st["stateabb"].str.lower() == needle)]
        if year is not None:
            hit = hit[(hit["styear"] <= year) & (hit["endyear"] >= year)]
        seen: set[int] = set()
        for code in hit["ccode"]:
            if int(code) in seen:
                continue
            seen.add(int(code))
            try:
                out.append(_country_dict(candidates(int(code))[0]))
            except LookupError:
                continue
            if len(out) >= limit:
                break
    return out


# ---------------------------------------------------------------- dyad -------------------------------------------

#: Each dyad column: what it is and where it comes from (dataset, blocs function).
DYAD_COLUMNS: dict[str, str] = {
    "year": "year",
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
    "ideal_point_distance": "|ideal point a − ideal point b| (Bailey, Strezhnev & Voeten 2017) — add_ideal_point_distance",
    "cap_share1": "State a's share of the pair's CINC, NMC 7.0 — add_capability_ratio",
    "cap_ratio": "Stronger/weaker CINC ratio, NMC 7.0 — add_capability_ratio",
    "cowmidonset": "A COW MID 5.0 began this year (1/0) — add_cow_mids",
    "cowmidongoing": "A COW MID 5.0 was ongoing — add_cow_mids",
    "cowmid_hostlev": "Highest hostility level of the year's MID (1–5) — add_cow_mids",
    "ongoingrivalry": "Thompson & Dreyer strategic rivalry ongoing (1/0) — add_strategic_rivalries",
    "rivalrytype": "Rivalry type(s) — add_strategic_rivalries",
    "cowinterongoing": "COW inter-state war ongoing between the two (1/0) — add_cow_wars",
    "ucdp_armed_conflict": "NOT IN THIS BUILD: UCDP/PRIO armed conflict has no reader yet; always empty",
}


def _dyad_frame(a: int, b: int, years: tuple[int, int]) -> pd.DataFrame:
    """The directed dyad-years (a, b) in which both states are members of the COW system."""
    from blocs.system import create_state_years

    first, last = years
    last_list = 2016  # the COW list ends here; states alive then are carried forward
    st = create_state_years(
        system="cow", years=(first, last), extend_to=last if last > last_list else None
    )
    sa = set(st.loc[st["ccode"] == a, "year"].astype(int))
    sb = set(st.loc[st["ccode"] == b, "year"].astype(int))
    both = sorted(sa & sb)
    frame = pd.DataFrame({"ccode1": a, "ccode2": b, "year": np.asarray(both, dtype="int64")})
    out: pd.DataFrame = declare(frame, unit="dyad_year", system="cow", directed=True)
    out.attrs["_blocs_state_list_sources"] = _sources(st)
    return out


@functools.lru_cache(maxsize=1)
def ideal_points_table() -> pd.DataFrame:
    """The fitted UN ideal points, fitted once per data home and cached (disk, then this process)."""
    from blocs.measures import fit_ideal_points

    table: pd.DataFrame = fit_ideal_points()
    return table


def _with_ideal_points(table: pd.DataFrame) -> pd.DataFrame:
    from blocs.measures import add_ideal_point_distance, add_ideal_points

    ip = ideal_points_table()
    table = add_ideal_points(table, ideal_points=ip)
    return add_ideal_point_distance(table, ideal_points=ip)


@_cached
def dyad(a: int, b: int, years: tuple[int, int]) -> View:
    """One dyad's timeline, every column from its source (blocs.system / blocs.measures enrichments)."""
    from blocs.measures import add_capability_ratio, add_similarity, add_un_agreement
    from blocs.system import add_atop_alliance, add_cow_mids, add_cow_wars, add_strategic_rivalries

    if a == b:
        raise InvalidParameterError(
            f"a and b are the same state ({state_label(a)}, {a}); choose two different states"
        )
    table = _dyad_frame(a, b, years)
    state_sources = table.attrs.pop("_blocs_state_list_sources")
    if table.empty:
        raise InfeasibleOptionError(
            f"{state_label(a)} ({a}) and {state_label(b)} ({b}) are never both in the COW state system in "
            f"{years[0]}–{years[1]}; choose other years"
        )
    table = add_atop_alliance(table)
    table = add_similarity(table, source="atop", measures=["s_abs", "s_wt_abs", "kappa_sq"])
    table = add_similarity(table, source="un", measures=["kappa_sq"])
    table = add_un_agreement(table)
    table = _with_ideal_points(table)
    table = add_capability_ratio(table)
    table = add_cow_mids(table)
    table = add_strategic_rivalries(table)
    table = add_cow_wars(table)
    sources = tuple(sorted(set(_sources(table)) | set(state_sources), key=lambda s: (s.name, s.version)))
    table = table.assign(ucdp_armed_conflict=pd.Series([pd.NA] * len(table), dtype="object"))
    keep = ["ccode1", "ccode2"] + [c for c in DYAD_COLUMNS if c in table.columns]
    rows = table[keep].reset_index(drop=True)
    facts = {
        "a": {"ccode": a, "abb": state_label(a), "name": _state_names().get(a, str(a))},
        "b": {"ccode": b, "abb": state_label(b), "name": _state_names().get(b, str(b))},
        "not_in_this_build": ["ucdp_armed_conflict"],
    }
    return View(rows, sources, {c: DYAD_COLUMNS[c] for c in keep if c in DYAD_COLUMNS}, facts)


# ---------------------------------------------------------------- triangle ---------------------------------------


@_cached
def triangle(states: tuple[int, int, int], years: tuple[int, int]) -> View:
    """The Dittmer type of a strategic triangle per year with the evidence behind each edge."""
    from blocs.networks import strategic_triangle

    if len(set(states)) != 3:
        raise InvalidParameterError(f"states must be three different states; got {', '.join(map(state_label, states))}")
    a, b, c = states
    table = strategic_triangle(a, b, c, years=years)
    rows = table.reset_index(drop=True).copy()
    for col in ("pivot", "pariah"):
        if col in rows.columns:
            rows[col] = rows[col].map(lambda v: None if pd.isna(v) else state_label(int(v)))
    columns = {
        "type": "Dittmer (1981) triangle type from the three edge signs — blocs.networks.strategic_triangle",
        "sign_ab": "Sign of the a–b tie: +1 alliance, −1 MID/war/rivalry (negative evidence wins), 0 none",
        "evidence_ab": "The evidence behind the a–b sign (dataset, item, years)",
        "not_covered": "Tie sources whose years do not cover this year",
    }
    facts = {"states": [{"ccode": s, "abb": state_label(s)} for s in states]}
    return View(rows, _sources(table), columns, facts)


# ---------------------------------------------------------------- balance ----------------------------------------


@_cached
def balance(year: int) -> View:
    """The signed network of one year, its two camps, frustrated ties and the optimality certificate."""
    from blocs.networks import create_signed_network, structural_balance

    net = create_signed_network(year)
    if net.empty:
        raise InfeasibleOptionError(f"year {year} has no signed ties in the default recipe; choose another year")
    res = structural_balance(net, method="exact", time_limit=SOLVER_SECONDS)
    frustrated = {tuple(sorted((int(u), int(v)))) for u, v in res.frustrated}
    edges = net[["source", "target", "sign", "evidence_pos", "evidence_neg"]].copy()
    edges["source"] = edges["source"].astype(int)
    edges["target"] = edges["target"].astype(int)
    edges["frustrated"] = [
        (min(s, t), max(s, t)) in frustrated for s, t in zip(edges["source"], edges["target"], strict=True)
    ]
    nodes = pd.DataFrame(
        {
            "ccode": [int(n) for n in res.partition],
            "camp": [int(v) for v in res.partition.values()],
            "component": [int(res.components[n]) for n in res.partition],
        }
    )
    nodes["abb"] = nodes["ccode"].map(state_label)
    nodes = nodes.sort_values(["component", "camp", "ccode"]).reset_index(drop=True)
    certificate = {
        "frustration": float(res.frustration),
        "lower_bound": float(res.lower_bound),
        "gap": float(res.gap),
        "optimal": bool(res.optimal),
        "method": str(res.method),
        "n_nodes": int(res.n_nodes),
        "n_edges": int(res.n_edges),
        "n_negative": int(res.n_negative),
        "normalized_balance": float(res.normalized_balance),
        "solver_seconds_limit": SOLVER_SECONDS,
    }
    columns = {
        "camp": "Camp (0/1) in a partition that minimises frustrated ties (Aref, Mason & Wilson 2018) — "
        "blocs.networks.structural_balance",
        "frustrated": "The tie violates the partition: a negative tie inside a camp or a positive one across",
        "sign": "+1 alliance; −1 MID (hostility ≥ 4), war or strategic rivalry; negative evidence wins",
    }
    return View(nodes, _sources(net), columns, {"certificate": certificate, "edges": edges})


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
            f"years {first}–{last} hold no UN session in the fitted ideal points ({y0}–{y1}); choose years in that range"
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
        raise InvalidParameterError(f"measure={measure!r} is not a map measure; choose one of {', '.join(MAP_MEASURES)}")
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
        dy = add_similarity(dy, source="atop" if measure.startswith("atop") else "un", measures=[measure.split("_", 1)[1]])
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
    """Landscape theory (Axelrod & Bennett 1993) for ``states`` in ``year``, with an optional counterfactual.

    ``propensity`` sets pairwise propensities (−1 … 1) before solving: "the US recognises
    Beijing" is ``((2, 710, 1.0),)``.  Rows: each state's camp in the baseline's and the
    counterfactual's global minimum and whether it switches.
    """
    from blocs.models import Landscape, build_landscape, counterfactual

    if len(set(states)) != len(states):
        raise InvalidParameterError("states lists a state twice; name each state once")
    w: Any = dict(weights) if weights else "default"
    actors, props = build_landscape(list(states), year=year, weights=w)
    labels = {int(c): str(lab) for c, lab in zip(states, actors["actor"], strict=False)} if "actor" in actors else {}
    model = Landscape(k=2)
    pmap: dict[tuple[str, str], float] = {}
    for i, j, v in propensity:
        if i not in states or j not in states:
            raise InvalidParameterError(
                f"counterfactual names {state_label(i)}–{state_label(j)}, but both must be among the chosen states"
            )
        pmap[(labels.get(i, state_label(i)), labels.get(j, state_label(j)))] = v
    cf = counterfactual(actors, props, propensity=pmap or None, model=model)
    comp = cf.comparison.reset_index(drop=True)
    facts: dict[str, Any] = {
        "baseline_minima": _minima(cf.baseline),
        "counterfactual_minima": _minima(cf.altered) if pmap else None,
        "propensities": _plain(props.reset_index(drop=True)),
        "actors": _plain(actors.reset_index(drop=True)),
        "weights": dict(weights) if weights else None,
    }
    return View(comp, _sources(actors, props), {}, facts)


def _minima(model: Any) -> list[dict[str, Any]]:
    minima = getattr(model, "minima_", None)
    if minima is None:
        return []
    return _plain(minima.reset_index(drop=True)) if isinstance(minima, pd.DataFrame) else [dict(m) for m in minima]


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
    return {f.__name__: f.cache_info()._asdict() for f in (dyad, triangle, balance, idealpoints, alignment_map, landscape)}


def clear_caches() -> None:
    for f in (dyad, triangle, balance, idealpoints, alignment_map, landscape):
        f.cache_clear()


def _years_span(years: Sequence[int]) -> tuple[int, int]:
    return (int(min(years)), int(max(years)))
