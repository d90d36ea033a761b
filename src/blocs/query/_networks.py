"""Signed-network questions: a triangle of states over time, the balance of one year's network."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import Source, TableMeta, meta_of, with_meta
from blocs._validation import Interval, Options, Years, YearsLike, check_param
from blocs.query._result import QueryResult
from blocs.query._states import Resolution, resolve_state

__all__ = [
    "BalanceSnapshot",
    "TriangleTimeline",
    "balance_network",
    "balance_over_years",
    "balance_snapshot",
    "recipe_of",
    "triangle_timeline",
]

TiesLike = Any  # a Recipe, a recipe spec string ("alliance,mid=4,war,rivalry") or None (default)


def recipe_of(ties: TiesLike) -> Any:
    """The :class:`blocs.networks.Recipe` for ``ties`` (None: the default recipe; str: a spec)."""
    from blocs.networks import DEFAULT_RECIPE, Recipe

    if ties is None:
        return DEFAULT_RECIPE
    if isinstance(ties, Recipe):
        return ties
    if isinstance(ties, str):
        return Recipe.from_spec(ties)
    raise InvalidParameterError(
        f"The 'ties' parameter must be a Recipe, a recipe spec such as 'alliance,mid=4,war,rivalry' or None; "
        f"got {type(ties).__name__} instead"
    )


def _recipe_years(years: YearsLike, recipe: Any, *, where: str, single: bool = False) -> Any:
    cons = Years(span=recipe.coverage, label="the coverage of the recipe's tie sources", single=single)
    return check_param(years, cons, param="year" if single else "years", where=where)


@dataclass(frozen=True)
class TriangleTimeline(QueryResult):
    """Dittmer strategic-triangle type of three states per year, with the evidence per edge.

    Attributes
    ----------
    states : tuple of Resolution
    years : tuple of int
    recipe : str
        The tie recipe, described.
    table : DataFrame
        ``year, a, b, c, type, pivot, pariah, sign_ab, sign_ac, sign_bc, evidence_ab,
        evidence_ac, evidence_bc, neutral, not_covered`` (see
        :func:`blocs.networks.strategic_triangle`).
    spells : DataFrame
        Runs of years with one type: ``start, end, type, pivot, pariah, sign_ab, sign_ac, sign_bc``.
    notes : tuple of str
    sources : tuple of Source
    """

    states: tuple[Resolution, Resolution, Resolution]
    years: tuple[int, ...]
    recipe: str
    table: pd.DataFrame
    spells: pd.DataFrame
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.table.copy()


def triangle_timeline(
    states: Sequence[str | int], *, years: YearsLike = None, ties: TiesLike = None
) -> TriangleTimeline:
    """The strategic triangle of three states, year by year, with the evidence behind each edge.

    Parameters
    ----------
    states : sequence of three str or int
        Names, abbreviations or COW codes (resolved as of the last year).
    years : int, "first-last", (first, last) or list, optional
        Default: the recipe's coverage (from the catalog entries of its tie sources).
    ties : Recipe or str, optional
        How ties are signed; default ``alliance,mid=4,war,rivalry`` with negative evidence winning.

    Returns
    -------
    TriangleTimeline

    Raises
    ------
    InvalidParameterError
        Not three distinct states.
    CoverageError
        Years outside the recipe's coverage.

    References
    ----------
    Dittmer, L. (1981). The strategic triangle. *World Politics* 33(4): 485–515.

    Examples
    --------
    >>> t = triangle_timeline(["USA", "China", "Russia"], years=1955)
    >>> t.table.loc[0, "type"]
    'stable_marriage'
    """
    from blocs.networks import strategic_triangle, triangle_spells

    if isinstance(states, (str, bytes)) or not isinstance(states, Sequence) or len(states) != 3:
        raise InvalidParameterError(
            f"The 'states' parameter of triangle_timeline must be three states; got {states!r} instead. "
            "Name exactly three, e.g. ['USA', 'China', 'Russia']"
        )
    recipe = recipe_of(ties)
    ys: list[int] = _recipe_years(years, recipe, where="triangle_timeline")
    res = tuple(resolve_state(s, year=ys[-1]) for s in states)
    codes = [r.code for r in res]
    if len(set(codes)) < 3:
        raise InvalidParameterError(
            f"The 'states' parameter of triangle_timeline must name three different states; got {list(states)!r} "
            f"(codes {codes}) instead. Name three different states"
        )
    table = strategic_triangle(codes[0], codes[1], codes[2], years=ys, recipe=recipe)
    spells = triangle_spells(table)
    notes = [r.note for r in res if r.note]
    gaps = sorted({int(y) for y, nc in zip(table["year"], table["not_covered"], strict=True) if nc})
    if gaps:
        notes.append(f"some tie sources do not cover {gaps[0]}–{gaps[-1]}: no evidence there is not neutrality")
    return TriangleTimeline(
        states=(res[0], res[1], res[2]),
        years=tuple(ys),
        recipe=recipe.describe(),
        table=table,
        spells=spells,
        notes=tuple(notes),
        sources=tuple(meta_of(table).sources),
    )


@dataclass(frozen=True)
class BalanceSnapshot(QueryResult):
    """Structural balance of one year's signed network: camps, frustrated ties, certificate.

    Attributes
    ----------
    year : int
    recipe : str
    edges : DataFrame
        The signed network: ``source, target, sign, weight`` (+ evidence columns).
    camps : DataFrame
        ``ccode, abbreviation, camp, component`` (camps comparable within a component).
    frustrated : DataFrame
        Ties whose sign disagrees with the camps: ``source, target, sign, weight``.
    frustration, lower_bound, gap : float
        The frustration index, its proven lower bound and the relative gap (0: proven optimal).
    optimal : bool
    normalized_balance : float
        ``1 - 2 L / m``.
    n_nodes, n_edges, n_negative : int
    triangles : dict
        Counts of balanced and unbalanced triangles.
    sources : tuple of Source
    """

    year: int
    recipe: str
    edges: pd.DataFrame
    camps: pd.DataFrame
    frustrated: pd.DataFrame
    frustration: float
    lower_bound: float
    gap: float
    optimal: bool
    normalized_balance: float
    n_nodes: int
    n_edges: int
    n_negative: int
    triangles: dict[str, int]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.camps.copy()


Method = Literal["exact", "mip", "heuristic"]


def balance_snapshot(
    year: int,
    *,
    ties: TiesLike = None,
    weighted: bool = False,
    method: Method = "exact",
    time_limit: float = 60.0,
) -> BalanceSnapshot:
    """Structural balance of the signed network of one year: camps, frustrated ties and the gap.

    Parameters
    ----------
    year : int
        Within the recipe's coverage (catalog entries of its tie sources).
    ties : Recipe or str, optional
        How ties are signed (default recipe when None).
    weighted : bool, default False
        Minimise total weight instead of the number of frustrated ties.
    method : {"exact", "mip", "heuristic"}, default "exact"
    time_limit : float, default 60
        Seconds the solver may spend per block (0 < t ≤ 3600).

    Returns
    -------
    BalanceSnapshot

    References
    ----------
    Heider (1946); Cartwright & Harary (1956); Aref, Mason & Wilson (2018, 2020).

    Examples
    --------
    >>> s = balance_snapshot(1962)
    >>> s.optimal, s.gap
    (True, 0.0)
    """
    from blocs.data import load
    from blocs.networks import create_signed_network, structural_balance, triangle_counts

    recipe = recipe_of(ties)
    y: int = _recipe_years(year, recipe, where="balance_snapshot", single=True)
    check_param(method, Options(("exact", "mip", "heuristic")), param="method", where="balance_snapshot")
    check_param(time_limit, Interval(float, 0, 3600, closed="right"), param="time_limit", where="balance_snapshot")
    check_param(weighted, Options((True, False)), param="weighted", where="balance_snapshot")
    edges = create_signed_network(y, recipe=recipe)
    r = structural_balance(edges, weighted=weighted, method=method, time_limit=time_limit)
    tri = triangle_counts(edges)
    states = load("cow_states")
    abb: dict[Hashable, str] = dict(zip(states["ccode"].astype(int), states["stateabb"].astype(str), strict=False))
    camps = pd.DataFrame(
        {
            "ccode": list(r.partition),
            "abbreviation": [abb.get(n, "") for n in r.partition],
            "camp": list(r.partition.values()),
            "component": [r.components.get(n) for n in r.partition],
        }
    )
    srcs = tuple(meta_of(edges).sources)
    camps = with_meta(camps, TableMeta(unit="other", system="cow", sources=srcs))
    return BalanceSnapshot(
        year=y,
        recipe=recipe.describe(),
        edges=edges,
        camps=camps,
        frustrated=r.frustrated,
        frustration=float(r.frustration),
        lower_bound=float(r.lower_bound),
        gap=float(r.gap),
        optimal=bool(r.optimal),
        normalized_balance=float(r.normalized_balance),
        n_nodes=int(r.n_nodes),
        n_edges=int(r.n_edges),
        n_negative=int(r.n_negative),
        triangles={k: int(v) for k, v in tri.items()},
        sources=srcs,
    )


def balance_network(year: int, *, ties: TiesLike = None) -> pd.DataFrame:
    """The signed network of one year (year checked against the recipe's coverage).

    Parameters
    ----------
    year : int
    ties : Recipe or str, optional

    Returns
    -------
    DataFrame
        As :func:`blocs.networks.create_signed_network`.

    Examples
    --------
    >>> len(balance_network(1962)) > 100
    True
    """
    from blocs.networks import create_signed_network

    recipe = recipe_of(ties)
    y: int = _recipe_years(year, recipe, where="balance_network", single=True)
    out: pd.DataFrame = create_signed_network(y, recipe=recipe)
    return out


def balance_over_years(
    years: YearsLike = None,
    *,
    ties: TiesLike = None,
    weighted: bool = False,
    method: Method = "exact",
    time_limit: float = 60.0,
) -> Any:
    """Structural balance and camps year by year (:func:`blocs.networks.balance_timeline`), years checked first.

    Parameters
    ----------
    years : optional
        Default: the recipe's coverage (catalog).
    ties, weighted, method, time_limit
        As for :func:`balance_snapshot`.

    Returns
    -------
    blocs.networks.BalanceTimeline
        ``summary`` (one row per year) and ``camps``.

    Examples
    --------
    >>> balance_over_years("1962-1963").summary["year"].tolist()
    [1962, 1963]
    """
    from blocs.networks import balance_timeline

    recipe = recipe_of(ties)
    ys: list[int] = _recipe_years(years, recipe, where="balance_over_years")
    check_param(method, Options(("exact", "mip", "heuristic")), param="method", where="balance_over_years")
    check_param(time_limit, Interval(float, 0, 3600, closed="right"), param="time_limit", where="balance_over_years")
    return balance_timeline(ys, recipe=recipe, weighted=weighted, method=method, time_limit=time_limit)
