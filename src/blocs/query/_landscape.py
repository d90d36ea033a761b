"""A landscape set-up with counterfactuals: minima, basins, forced costs, who switches sides."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import Source, meta_of
from blocs._validation import ABSURD, Interval, Options, Years, check_param
from blocs.query._result import QueryResult

__all__ = [
    "LandscapeScenario",
    "landscape_scenario",
    "landscape_from_tables",
    "parse_counterfactuals",
    "parse_sizes",
    "parse_weights",
    "MAX_ACTORS",
]

#: Most actors a landscape query accepts: above this even the heuristic's lower bound is slow.
MAX_ACTORS = 200

_NUM = r"([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan)"
_PAIR = re.compile(r"^\s*([^,=\s]+)\s*,\s*([^,=\s]+)\s*=\s*" + _NUM + r"\s*$", re.IGNORECASE)
_ONE = re.compile(r"^\s*([^,=\s]+)\s*=\s*" + _NUM + r"\s*$", re.IGNORECASE)

_VALUE = Interval(float, -ABSURD, ABSURD, hint="give a finite number")
_SIZE = Interval(float, 0, ABSURD, closed="right", hint="sizes are positive; only their ratios matter")
_WEIGHT = Interval(float, -1000, 1000, hint="component weights are finite numbers, typically 0–1")
_SPREAD = Interval(float, 0, 1, hint="spread is the relative half-width of the weight perturbation")
_SAMPLES = Interval(int, 0, 100_000)
_K = Interval(int, 2, 20)
_METHOD = Options(("auto", "enumerate", "ip", "heuristic"))
_TIME = Interval(float, 0, 3600, closed="right")

CounterfactualsLike = Mapping[tuple[str, str], float] | Sequence[str] | str | None
SizesLike = Mapping[str, float] | Sequence[str] | str | None


def parse_counterfactuals(
    value: CounterfactualsLike, *, param: str = "counterfactuals"
) -> dict[tuple[str, str], float]:
    """``{("USA", "CHN"): 1.0}`` from a mapping or from strings such as ``"USA,CHN=+1"``."""
    if value is None:
        return {}
    out: dict[tuple[str, str], float] = {}
    if isinstance(value, Mapping):
        for key, v in value.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InvalidParameterError(
                    f"The {param!r} parameter must map pairs (A, B) to propensities; got key {key!r} instead. "
                    "Write e.g. {('USA', 'CHN'): 1.0}"
                )
            out[(str(key[0]), str(key[1]))] = check_param(v, _VALUE, param=f"{param}[{key[0]},{key[1]}]")
        return out
    items = [value] if isinstance(value, str) else list(value)
    for it in items:
        m = _PAIR.match(str(it))
        if not m:
            raise InvalidParameterError(
                f"The {param!r} parameter must be of the form A,B=VALUE; got {it!r} instead. Write e.g. USA,CHN=+1"
            )
        out[(m.group(1), m.group(2))] = check_param(float(m.group(3)), _VALUE, param=f"{param} {it}")
    return out


def parse_sizes(value: SizesLike, *, param: str = "sizes") -> dict[str, float]:
    """``{"USA": 0.3}`` from a mapping or from strings such as ``"USA=0.3"``."""
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {str(k): check_param(v, _SIZE, param=f"{param}[{k}]") for k, v in value.items()}
    out: dict[str, float] = {}
    for it in [value] if isinstance(value, str) else list(value):
        m = _ONE.match(str(it))
        if not m:
            raise InvalidParameterError(
                f"The {param!r} parameter must be of the form A=VALUE; got {it!r} instead. Write e.g. USA=0.3"
            )
        out[m.group(1)] = check_param(float(m.group(2)), _SIZE, param=f"{param} {it}")
    return out


def parse_weights(value: Any, *, param: str = "weights") -> str | dict[str, float]:
    """A weight preset (``"default"``, ``"axelrod-bennett"``) or ``{component: weight}``.

    Strings ``"government=1,war=1"`` are parsed; every weight must be finite and every
    component one of :data:`blocs.models.COMPONENTS`.
    """
    from blocs.models import COMPONENTS

    if value is None:
        return "default"
    if isinstance(value, str) and value in ("default", "axelrod-bennett"):
        return value
    pairs: dict[str, Any]
    if isinstance(value, Mapping):
        pairs = {str(k): v for k, v in value.items()}
    elif isinstance(value, str):
        pairs = {}
        for part in value.split(","):
            m = _ONE.match(part)
            if not m:
                raise InvalidParameterError(
                    f"The {param!r} parameter must be 'default', 'axelrod-bennett' or NAME=W,...; got {value!r} "
                    "instead. Write e.g. government=1,war=1"
                )
            pairs[m.group(1)] = float(m.group(2))
    else:
        raise InvalidParameterError(
            f"The {param!r} parameter must be 'default', 'axelrod-bennett' or a mapping of component weights; "
            f"got {type(value).__name__} instead"
        )
    if not pairs:
        raise InvalidParameterError(f"The {param!r} parameter names no component; got {value!r} instead")
    for name in pairs:
        check_param(name, Options(tuple(COMPONENTS)), param=f"{param} component")
    return {k: check_param(v, _WEIGHT, param=f"{param}[{k}]") for k, v in pairs.items()}


@dataclass(frozen=True)
class LandscapeScenario(QueryResult):
    """A fitted landscape, its local minima, per-actor costs, and any counterfactual and Monte Carlo.

    Attributes
    ----------
    year : int or None
        The year of the state system (None for a user model).
    actors : tuple of str
    k : int
    method : str
        Solver used (enumerate, ip or heuristic).
    energy, bound, gap : float
        Optimum energy, proven lower bound and relative gap (0 when exact).
    exact : bool
    minima : DataFrame
        Local minima with basins (``minimum, energy, frustration, basin_size, basin_share,
        is_global, coalitions, labels``).
    costs : DataFrame
        Per actor at the optimum: ``actor, coalition, size, frustration, defection_cost,
        forced_cost`` (forced cost missing when not computed, see ``notes``).
    weights : dict or None
        Component weights (model from data).
    counterfactual : dict or None
        ``changes``, ``energy``, ``moved`` (actors changing side) and ``comparison`` (table).
    robustness : DataFrame or None
        Monte Carlo over weights: per-actor share of draws on each side.
    notes : tuple of str
    sources : tuple of Source
    """

    year: int | None
    actors: tuple[str, ...]
    k: int
    method: str
    energy: float
    bound: float
    gap: float
    exact: bool
    minima: pd.DataFrame
    costs: pd.DataFrame
    weights: dict[str, float] | None
    counterfactual: dict[str, Any] | None
    robustness: pd.DataFrame | None
    baseline_share: float | None
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.costs.copy()


def landscape_scenario(
    states: Sequence[str | int],
    *,
    year: int,
    weights: Any = None,
    counterfactuals: CounterfactualsLike = None,
    samples: int = 0,
    seed: int | None = None,
    sizes: SizesLike = None,
    k: int = 2,
    method: Literal["auto", "enumerate", "ip", "heuristic"] = "auto",
    regime_measure: Literal["v2x_polyarchy", "polity2"] = "v2x_polyarchy",
    war_half_life: float | None = None,
    spread: float = 0.5,
    time_limit: float = 20.0,
) -> LandscapeScenario:
    """Landscape theory for states in a year, with counterfactual propensities or sizes.

    Builds actors (CINC sizes) and propensities from the data (:func:`blocs.models.build_landscape`),
    fits :class:`blocs.models.Landscape`, and, when asked, refits with counterfactual changes
    (``{"USA,CHN": +1}``: who switches side?) and draws ``samples`` weight perturbations.

    Parameters
    ----------
    states : sequence of str or int
        Names, abbreviations or COW codes (2 to :data:`MAX_ACTORS`).
    year : int
        Within NMC's coverage (catalog ``cow_nmc``).
    weights : "default", "axelrod-bennett", mapping or "NAME=W,..." string, optional
    counterfactuals : mapping {(A, B): p} or strings "A,B=p", optional
        Propensities to set in the counterfactual landscape.
    samples : int, default 0
        Monte Carlo draws over the component weights (0: none; needs enumeration, ≤ 26 actors for k=2).
    seed : int, optional
    sizes : mapping {A: size} or strings "A=size", optional
        Counterfactual sizes.
    k : int, default 2
    method : {"auto", "enumerate", "ip", "heuristic"}, default "auto"
    regime_measure : {"v2x_polyarchy", "polity2"}, default "v2x_polyarchy"
    war_half_life : float, optional
    spread : float, default 0.5
        Relative half-width of the weight perturbation, in [0, 1].
    time_limit : float, default 20
        Seconds per integer program; forced costs (one program per actor) are computed only
        when the landscape can be enumerated, so a query's time stays bounded.

    Returns
    -------
    LandscapeScenario

    Raises
    ------
    InvalidParameterError, CoverageError, InfeasibleOptionError

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal
    of Political Science* 23(2): 211-233.

    Examples
    --------
    >>> s = landscape_scenario(["USA", "USSR", "UKG", "FRN"], year=1962, counterfactuals=["USA,USSR=+1"])
    >>> s.method, len(s.actors)
    ('enumerate', 4)
    """
    from blocs.models import build_landscape

    where = "landscape_scenario"
    if isinstance(states, (str, bytes)) or not isinstance(states, Sequence):
        raise InvalidParameterError(
            f"The 'states' parameter of {where} must be a list of states; got {states!r} instead. "
            "Give e.g. ['USA', 'USSR', 'UKG']"
        )
    check_param(len(states), Interval(int, 2, MAX_ACTORS), param="number of states", where=where)
    y: int = check_param(year, Years(dataset="cow_nmc", single=True), param="year", where=where)
    w = parse_weights(weights)
    check_param(regime_measure, Options(("v2x_polyarchy", "polity2")), param="regime_measure", where=where)
    if war_half_life is not None:
        check_param(war_half_life, Interval(float, 0, 1000, closed="right"), param="war_half_life", where=where)
    _check_common(samples=samples, spread=spread, k=k, method=method, time_limit=time_limit, where=where)
    cf = parse_counterfactuals(counterfactuals)
    sz = parse_sizes(sizes)
    from blocs.query._states import resolve_state

    resolved = [resolve_state(t, year=y) for t in states]
    codes = [r.code for r in resolved]
    dup = sorted({c for c in codes if codes.count(c) > 1})
    if dup:
        raise InvalidParameterError(
            f"The 'states' parameter of {where} must name each state once; got {list(states)!r} instead "
            f"(code(s) {', '.join(map(str, dup))} repeated). Drop the repeats"
        )
    a, p = build_landscape(
        codes, year=y, weights=w, regime_measure=regime_measure, war_half_life=war_half_life  # type: ignore[arg-type]
    )
    label = dict(zip(a["ccode"].astype(int), a["actor"].astype(str), strict=True))

    def actor(token: str) -> str:
        if token in label.values():
            return token
        code = resolve_state(token, year=y).code
        if code not in label:
            raise InvalidParameterError(
                f"The counterfactual names {token!r} ({code}), which is not among the states; "
                f"choose from {', '.join(label.values())}"
            )
        return label[code]

    cf = {(actor(x), actor(z)): v for (x, z), v in cf.items()}
    sz = {actor(x): v for x, v in sz.items()}
    notes = tuple(r.note for r in resolved if r.note)
    out = _run(a, p, year=y, weights=dict(p.attrs["weights"]), cf=cf, sz=sz, samples=samples, seed=seed,
               k=k, method=method, spread=spread, time_limit=time_limit)
    return dataclasses.replace(out, notes=notes + out.notes) if notes else out


def landscape_from_tables(
    actors: pd.DataFrame | str | os.PathLike[str],
    propensities: pd.DataFrame | str | os.PathLike[str],
    *,
    counterfactuals: CounterfactualsLike = None,
    sizes: SizesLike = None,
    seed: int | None = None,
    k: int = 2,
    method: Literal["auto", "enumerate", "ip", "heuristic"] = "auto",
    time_limit: float = 20.0,
) -> LandscapeScenario:
    """Landscape theory for your own actors and propensities (see :class:`blocs.models.Landscape`).

    Parameters
    ----------
    actors : DataFrame or path
        ``actor, size`` (sizes in (0, 1e12]); a path is read as CSV or Parquet.
    propensities : DataFrame or path
        ``actor1, actor2, propensity`` (finite, |p| ≤ 1e12); a path as for ``actors``.
    counterfactuals, sizes, seed, k, method, time_limit
        As for :func:`landscape_scenario`.

    Returns
    -------
    LandscapeScenario

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal
    of Political Science* 23(2): 211-233.

    Examples
    --------
    >>> a = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 2.0]})
    >>> p = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -1.0]})
    >>> landscape_from_tables(a, p).energy
    -4.0
    """
    from blocs.models import read_landscape_inputs

    where = "landscape_from_tables"
    if not isinstance(actors, pd.DataFrame) or not isinstance(propensities, pd.DataFrame):
        if isinstance(actors, pd.DataFrame) or isinstance(propensities, pd.DataFrame):
            raise InvalidParameterError(
                f"The 'actors' and 'propensities' parameters of {where} must both be tables or both be paths; "
                "got one of each instead"
            )
        actors, propensities = read_landscape_inputs(Path(actors), Path(propensities))
    if isinstance(actors, pd.DataFrame):
        check_param(len(actors), Interval(int, 2, MAX_ACTORS), param="number of actors", where=where)
    _check_common(samples=0, spread=0.5, k=k, method=method, time_limit=time_limit, where=where)
    return _run(actors, propensities, year=None, weights=None, cf=parse_counterfactuals(counterfactuals),
                sz=parse_sizes(sizes), samples=0, seed=seed, k=k, method=method, spread=0.5, time_limit=time_limit)


def _check_common(*, samples: int, spread: float, k: int, method: str, time_limit: float, where: str) -> None:
    check_param(samples, _SAMPLES, param="samples", where=where)
    check_param(spread, _SPREAD, param="spread", where=where)
    check_param(k, _K, param="k", where=where)
    check_param(method, _METHOD, param="method", where=where)
    check_param(time_limit, _TIME, param="time_limit", where=where)


def _run(
    a: pd.DataFrame,
    p: pd.DataFrame,
    *,
    year: int | None,
    weights: dict[str, float] | None,
    cf: dict[tuple[str, str], float],
    sz: dict[str, float],
    samples: int,
    seed: int | None,
    k: int,
    method: str,
    spread: float,
    time_limit: float,
) -> LandscapeScenario:
    from blocs.models import Landscape, counterfactual, weight_robustness
    from blocs.models._landscape_solvers import n_configurations

    probe = Landscape(k=k, method=method, seed=seed, time_limit=time_limit)  # type: ignore[arg-type]
    n = len(a)
    enumerable = n_configurations(n, k) <= probe.max_configurations and method in ("auto", "enumerate")
    notes: list[str] = []
    costs = enumerable and k == 2
    if not costs:
        notes.append(
            "forced costs not computed: they need an enumerable landscape (k = 2 and at most "
            f"{int(np.log2(probe.max_configurations)) + 1} actors); defection costs are exact"
        )
    if samples and not enumerable:
        raise InfeasibleOptionError(
            f"The 'samples' parameter needs an enumerable landscape (at most "
            f"{int(np.log(probe.max_configurations) / np.log(k)) + 1} actors for k={k}); got {samples} draws over "
            f"{n} actors instead. Drop samples or use fewer actors"
        )
    if method == "auto" and not enumerable:
        method = "heuristic"
        notes.append(
            f"{n} actors are too many to enumerate: multi-start descent (heuristic) with a proven lower bound; "
            "an integer program rarely finishes in time at this size (ask for method='ip' to try)"
        )
    model = Landscape(k=k, method=method, seed=seed, time_limit=time_limit, costs=costs)  # type: ignore[arg-type]
    model.fit(a, p)
    if not model.exact_:
        notes.append(f"optimum not proven: gap {model.gap_:.3%} to the lower bound")
    cf_out: dict[str, Any] | None = None
    if cf or sz:
        res = counterfactual(a, p, propensity=cf or None, size=sz or None, model=model)
        comp = res.comparison
        cf_out = {
            "changes": {**{f"{x},{y}": v for (x, y), v in cf.items()}, **{f"{x}": v for x, v in sz.items()}},
            "energy": float(res.altered.energy_),
            "baseline_energy": float(res.baseline.energy_),
            "moved": [str(x) for x in comp.loc[comp["moved"], "actor"]],
            "minima": res.altered.local_minima_,
            "comparison": comp,
        }
    rob: pd.DataFrame | None = None
    base_share: float | None = None
    if samples:
        if weights is None:
            raise InvalidParameterError(
                "The 'samples' parameter needs component weights: build the landscape from data (states and year)"
            )
        r = weight_robustness(a, p, weights=weights, samples=samples, spread=spread, model=model, seed=seed)
        rob = r.actors
        base_share = float(r.configurations.loc[r.configurations["is_baseline"], "share"].sum())
    srcs = tuple(sorted(set(meta_of(model.actor_costs_).sources) | set(meta_of(p).sources) | set(meta_of(a).sources)))
    return LandscapeScenario(
        year=year,
        actors=tuple(model.actors_),
        k=k,
        method=str(model.method_),
        energy=float(model.energy_),
        bound=float(model.bound_),
        gap=float(model.gap_),
        exact=bool(model.exact_),
        minima=model.local_minima_,
        costs=model.actor_costs_,
        weights=weights,
        counterfactual=cf_out,
        robustness=rob,
        baseline_share=base_share,
        notes=tuple(notes),
        sources=srcs,
    )
