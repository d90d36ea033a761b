"""Structural balance year by year: frustration, certificates, camps and polarisation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from blocs._meta import TableMeta, meta_of, with_meta
from blocs._progress import step as progress_step
from blocs._validation import YearsLike
from blocs.data import cites
from blocs.networks._balance import Method, structural_balance, triangle_counts
from blocs.networks._signed import DEFAULT_RECIPE, Recipe, _check_network_years, _combine, _evidence

__all__ = ["BalanceTimeline", "balance_timeline", "polarisation"]


@dataclass
class BalanceTimeline:
    """Outcome of :func:`balance_timeline`.

    Attributes
    ----------
    summary : DataFrame
        One row per year (see :func:`balance_timeline`).
    camps : DataFrame
        ``year, ccode, camp, component, giant``: each tied state's camp (0/1), its connected
        component in that year's network, and whether that is the largest component.
    """

    summary: pd.DataFrame
    camps: pd.DataFrame


def polarisation(n_edges: float, frustration: float, camp_a: int, camp_b: int) -> float:
    """Polarisation index of a signed network's giant component.

    .. math:: \\pi = \\left(1 - \\frac{2 L}{m}\\right) \\cdot \\frac{4 n_A n_B}{(n_A + n_B)^2}

    the product of Aref & Wilson's normalised balance ``1 - 2L/m`` (1 when no edge is
    frustrated, 0 at the largest possible frustration ``m/2``) and the evenness of the two
    camps (1 for equal camps, 0 when everyone is in one camp).  A system is fully polarised
    (``pi = 1``) when it splits into two equal camps with every alliance inside a camp and
    every hostile tie between them; a single friendly bloc, or a tangle of inconsistent ties,
    scores near 0.

    Parameters
    ----------
    n_edges : float
        Edges ``m`` of the giant component (their total weight for a weighted index).
    frustration : float
        Its frustration index ``L``.
    camp_a, camp_b : int
        States in each of the two camps of the optimal partition.

    Returns
    -------
    float
        The index in [0, 1].

    References
    ----------
    Aref, S., & Wilson, M. C. (2019). Balance and frustration in signed networks.
    *Journal of Complex Networks* 7(2): 163–189 (the normalised balance ``1 - 2L/m``).

    Examples
    --------
    >>> polarisation(10, 0, 5, 5)
    1.0
    >>> polarisation(10, 0, 10, 0)
    0.0
    """
    if n_edges <= 0 or camp_a + camp_b == 0:
        return 0.0
    balance = max(0.0, 1.0 - 2.0 * frustration / n_edges)
    return float(balance * 4.0 * camp_a * camp_b / (camp_a + camp_b) ** 2)


@cites("Heider1946", "Cartwright1956", "Aref2018", "Aref2020", "Aref2019")
def balance_timeline(
    years: YearsLike = None,
    *,
    recipe: Recipe = DEFAULT_RECIPE,
    weighted: bool = False,
    method: Method = "exact",
    time_limit: float = 60.0,
) -> BalanceTimeline:
    """Solve structural balance for each year's signed network and track camps over time.

    Parameters
    ----------
    years : int, "first-last", (first, last), list or None
        Years (default: the recipe's coverage).
    recipe : Recipe, default DEFAULT_RECIPE
        How the yearly networks are built (see :func:`create_signed_network`).
    weighted, method, time_limit
        Passed to :func:`structural_balance`.

    Returns
    -------
    BalanceTimeline
        ``summary``: ``year, nodes, edges, positive, negative, frustration, lower_bound, gap,
        balance`` (``1 - 2L/m``), ``triangles_balanced, triangles_unbalanced, giant_nodes,
        giant_edges, giant_frustration, camp_a, camp_b`` (camp sizes in the giant component),
        ``polarisation`` (see :func:`polarisation`, computed on the giant component),
        ``seconds``.  ``camps``: one row per state-year.

    Notes
    -----
    Camp labels are aligned over time: in each connected component, the labels are
    switched if that makes more of its states keep last year's camp (a state absent last
    year does not count).  In the first year, and for components without such states, the
    smallest COW code in the component is in camp 0.  Camps in different components are
    not comparable (nothing ties them together).

    References
    ----------
    Aref, S., & Wilson, M. C. (2019). Balance and frustration in signed networks.
    *Journal of Complex Networks* 7(2): 163–189.

    Examples
    --------
    >>> tl = balance_timeline("1962-1963")
    >>> tl.summary["gap"].tolist()
    [0.0, 0.0]
    """
    ys = _check_network_years(years, recipe)
    ev = _evidence(ys, recipe)
    edges = _combine(ev, recipe.combine)
    rows = []
    camp_rows = []
    prev: dict[int, int] = {}
    for done, y in enumerate(ys):
        progress_step("balance: years", done, len(ys))
        e = edges[edges["year"] == y]
        if e.empty:
            rows.append({"year": y, "nodes": 0, "edges": 0, "positive": 0, "negative": 0, "frustration": 0.0,
                         "lower_bound": 0.0, "gap": 0.0, "balance": 1.0, "triangles_balanced": 0,
                         "triangles_unbalanced": 0, "giant_nodes": 0, "giant_edges": 0, "giant_frustration": 0.0,
                         "camp_a": 0, "camp_b": 0, "polarisation": 0.0, "seconds": 0.0})
            prev = {}
            continue
        net = e[["source", "target", "sign", "weight"]]
        res = structural_balance(net, weighted=weighted, method=method, time_limit=time_limit)
        tri = triangle_counts(net)
        part = res.partition
        comp = res.components
        # align labels with last year, component by component
        by_comp: dict[int, list[int]] = {}
        for v, cid in comp.items():
            by_comp.setdefault(cid, []).append(v)  # type: ignore[arg-type]  # COW codes are ints
        aligned: dict[int, int] = {}
        for members in by_comp.values():
            agree = sum(1 for v in members if v in prev and prev[v] == part[v])
            disagree = sum(1 for v in members if v in prev and prev[v] != part[v])
            flip = disagree > agree
            for v in members:
                aligned[v] = 1 - part[v] if flip else part[v]
        sizes = {cid: len(m) for cid, m in by_comp.items()}
        giant = max(sizes, key=lambda cid: (sizes[cid], -min(by_comp[cid])))
        gnodes = set(by_comp[giant])
        in_giant = e["source"].isin(gnodes).to_numpy()
        gw = e["weight"].to_numpy()[in_giant] if weighted else np.ones(int(in_giant.sum()))
        fr = res.frustrated
        g_fr = fr[fr["source"].isin(gnodes)]
        g_frust = float(g_fr["weight"].sum()) if weighted else float(len(g_fr))
        ca = sum(1 for v in gnodes if aligned[v] == 0)
        cb = len(gnodes) - ca
        total = float(e["weight"].sum()) if weighted else float(len(e))
        rows.append({
            "year": y, "nodes": res.n_nodes, "edges": res.n_edges,
            "positive": res.n_edges - res.n_negative, "negative": res.n_negative,
            "frustration": res.frustration, "lower_bound": res.lower_bound, "gap": res.gap,
            "balance": 1.0 - 2.0 * res.frustration / total if total else 1.0,
            "triangles_balanced": tri["balanced"], "triangles_unbalanced": tri["unbalanced"],
            "giant_nodes": len(gnodes), "giant_edges": int(in_giant.sum()), "giant_frustration": g_frust,
            "camp_a": ca, "camp_b": cb,
            "polarisation": polarisation(float(gw.sum()), g_frust, ca, cb),
            "seconds": res.seconds,
        })
        for v in sorted(aligned):
            camp_rows.append((y, v, aligned[v], comp[v], comp[v] == giant))
        prev = aligned
    meta = meta_of(ev)
    summary = with_meta(pd.DataFrame(rows), TableMeta(unit="other", system="cow", sources=meta.sources))
    camps = pd.DataFrame(camp_rows, columns=["year", "ccode", "camp", "component", "giant"])
    camps = with_meta(camps, TableMeta(unit="state_year", system="cow", sources=meta.sources))
    return BalanceTimeline(summary=summary, camps=camps)
