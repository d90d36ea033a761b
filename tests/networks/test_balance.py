"""Exact structural balance: brute force agreement, switching invariance, certificates."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs.networks import (
    create_signed_network,
    frustration_index,
    k_camps,
    structural_balance,
    triangle_counts,
)


@st.composite
def signed_graphs(draw: st.DrawFn, max_nodes: int = 10, weighted: bool = False) -> pd.DataFrame:
    n = draw(st.integers(2, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    signs = draw(st.lists(st.sampled_from([1, -1]), min_size=len(chosen), max_size=len(chosen)))
    df = pd.DataFrame({"source": [p[0] for p in chosen], "target": [p[1] for p in chosen], "sign": signs})
    if weighted:
        df["weight"] = draw(
            st.lists(st.integers(1, 5), min_size=len(chosen), max_size=len(chosen))
        )
    return df


def brute_force(df: pd.DataFrame, weighted: bool = False) -> float:
    """Straight from the definition: try every two-camp partition."""
    nodes = sorted(set(df.source) | set(df.target))
    w = df["weight"].to_numpy(float) if weighted and "weight" in df else np.ones(len(df))
    best = np.inf
    for bits in itertools.product([0, 1], repeat=len(nodes)):
        camp = dict(zip(nodes, bits, strict=True))
        cost = 0.0
        for (s, t, sg), wt in zip(df[["source", "target", "sign"]].itertuples(index=False), w, strict=True):
            if (sg > 0) != (camp[s] == camp[t]):
                cost += wt
        best = min(best, cost)
    return best


def partition_cost(df: pd.DataFrame, part: dict, weighted: bool = False) -> float:
    w = df["weight"].to_numpy(float) if weighted and "weight" in df else np.ones(len(df))
    same = np.array([part[s] == part[t] for s, t in zip(df.source, df.target, strict=True)])
    frustrated = np.where(df["sign"].to_numpy() > 0, ~same, same)
    return float(w[frustrated].sum())


@settings(max_examples=60, deadline=None)
@given(signed_graphs(max_nodes=9))
def test_exact_and_mip_equal_brute_force(df: pd.DataFrame) -> None:
    expected = brute_force(df)
    for method in ("exact", "mip", "enumerate"):
        r = structural_balance(df, method=method)
        assert r.frustration == expected, method
        assert r.gap == 0.0 and r.optimal and r.lower_bound == expected
        assert partition_cost(df, r.partition) == expected
        assert len(r.frustrated) == expected


@settings(max_examples=40, deadline=None)
@given(signed_graphs(max_nodes=8, weighted=True))
def test_weighted_exact_equals_brute_force(df: pd.DataFrame) -> None:
    expected = brute_force(df, weighted=True)
    for method in ("exact", "mip"):
        r = structural_balance(df, weighted=True, method=method)
        assert r.frustration == pytest.approx(expected)
        assert r.gap == 0.0
        assert partition_cost(df, r.partition, weighted=True) == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(signed_graphs(max_nodes=10), st.data())
def test_switching_invariance(df: pd.DataFrame, data: st.DataObject) -> None:
    nodes = sorted(set(df.source) | set(df.target))
    flip = set(data.draw(st.lists(st.sampled_from(nodes), unique=True)))
    crossing = df["source"].isin(flip) ^ df["target"].isin(flip)
    switched = df.assign(sign=np.where(crossing, -df["sign"], df["sign"]))
    r0 = structural_balance(df, method="mip")
    r1 = structural_balance(switched, method="mip")
    assert r0.frustration == r1.frustration
    # the original optimum, relabelled on the switched set, is optimal for the switched graph
    relabelled = {v: c ^ (v in flip) for v, c in r0.partition.items()}
    assert partition_cost(switched, relabelled) == r1.frustration


@settings(max_examples=30, deadline=None)
@given(signed_graphs(max_nodes=10))
def test_heuristic_bounds_bracket_the_optimum(df: pd.DataFrame) -> None:
    opt = brute_force(df)
    r = structural_balance(df, method="heuristic")
    assert r.lower_bound <= opt <= r.frustration
    assert partition_cost(df, r.partition) == r.frustration


def test_mip_path_on_a_larger_graph_agrees_with_enumeration() -> None:
    rng = np.random.default_rng(3)
    pairs = [(a, b) for a, b in itertools.combinations(range(20), 2) if rng.random() < 0.5]
    df = pd.DataFrame({"source": [p[0] for p in pairs], "target": [p[1] for p in pairs]})
    df["sign"] = rng.choice([1, -1], size=len(df))
    e = structural_balance(df, method="enumerate")
    m = structural_balance(df, method="mip")
    x = structural_balance(df, method="exact")
    assert e.frustration == m.frustration == x.frustration
    assert m.gap == 0.0


def test_blocks_are_solved_separately_and_merged() -> None:
    # two unbalanced triangles joined at a cut vertex, plus a pendant negative edge
    df = pd.DataFrame(
        {
            "source": [1, 2, 1, 3, 4, 3, 5],
            "target": [2, 3, 3, 4, 5, 5, 6],
            "sign": [1, 1, -1, -1, -1, -1, -1],
        }
    )
    r = structural_balance(df)
    assert r.frustration == 2 == brute_force(df)
    assert len(r.blocks) == 2
    assert partition_cost(df, r.partition) == 2


def test_balanced_graph_recovers_camps_and_graph_input() -> None:
    g = nx.Graph()
    for a, b in [("NATO1", "NATO2"), ("WP1", "WP2")]:
        g.add_edge(a, b, sign=1)
    for a in ("NATO1", "NATO2"):
        for b in ("WP1", "WP2"):
            g.add_edge(a, b, sign=-1)
    g.add_node("neutral")
    r = structural_balance(g)
    assert r.frustration == 0 and r.gap == 0
    assert r.partition["NATO1"] == r.partition["NATO2"] != r.partition["WP1"] == r.partition["WP2"]
    assert r.partition["neutral"] == 0
    assert r.normalized_balance == 1.0


def test_triangle_counts_match_enumeration() -> None:
    rng = np.random.default_rng(1)
    pairs = [(a, b) for a, b in itertools.combinations(range(12), 2) if rng.random() < 0.6]
    df = pd.DataFrame({"source": [p[0] for p in pairs], "target": [p[1] for p in pairs]})
    df["sign"] = rng.choice([1, -1], size=len(df))
    sign = {frozenset(p): s for p, s in zip(pairs, df["sign"], strict=True)}
    counts = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    for tri in itertools.combinations(range(12), 3):
        edges = [frozenset(p) for p in itertools.combinations(tri, 2)]
        if all(e in sign for e in edges):
            n_neg = sum(sign[e] < 0 for e in edges)
            counts[["+++", "++-", "+--", "---"][n_neg]] += 1
    got = triangle_counts(df)
    for k, v in counts.items():
        assert got[k] == v
    assert got["balanced"] == counts["+++"] + counts["+--"]
    assert got["unbalanced"] == counts["++-"] + counts["---"]


def brute_k(df: pd.DataFrame, k: int, alpha: float) -> float:
    """Every assignment of the nodes to k camps, vectorised."""
    nodes = sorted(set(df.source) | set(df.target))
    idx = {v: q for q, v in enumerate(nodes)}
    i = df["source"].map(idx).to_numpy()
    j = df["target"].map(idx).to_numpy()
    neg = df["sign"].to_numpy() < 0
    labels = np.array(list(itertools.product(range(k), repeat=len(nodes))))
    same = labels[:, i] == labels[:, j]
    crit = alpha * (same & neg).sum(axis=1) + (1 - alpha) * (~same & ~neg).sum(axis=1)
    return float(crit.min())


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("k", "alpha"), [(2, 0.5), (3, 0.5), (3, 0.3)])
def test_k_camps_relocation_finds_brute_force_optimum(seed: int, k: int, alpha: float) -> None:
    rng = np.random.default_rng(seed)
    pairs = [(a, b) for a, b in itertools.combinations(range(7), 2) if rng.random() < 0.6]
    df = pd.DataFrame({"source": [p[0] for p in pairs], "target": [p[1] for p in pairs]})
    df["sign"] = rng.choice([1, -1], size=len(df))
    r = k_camps(df, k=k, alpha=alpha, seed=seed)
    assert r.criterion == pytest.approx(brute_k(df, k, alpha))
    assert r.criterion == pytest.approx(alpha * r.negative_within + (1 - alpha) * r.positive_between)
    if k == 2 and alpha == 0.5:
        assert r.criterion == pytest.approx(0.5 * frustration_index(df))


def test_k_camps_errors() -> None:
    df = pd.DataFrame({"source": [1], "target": [2], "sign": [-1]})
    with pytest.raises(InfeasibleOptionError, match="k=3 camps is more than the network's 2 nodes"):
        k_camps(df, k=3)
    with pytest.raises(InvalidParameterError, match=r"alpha must lie in \[0, 1\]; got 1.5"):
        k_camps(df, alpha=1.5)
    with pytest.raises(InvalidParameterError, match="k must be a positive integer"):
        k_camps(df, k=0)
    with pytest.raises(InvalidParameterError, match="n_starts must be a positive integer"):
        k_camps(df, n_starts=0)


def test_solver_parameter_errors() -> None:
    df = pd.DataFrame({"source": [1], "target": [2], "sign": [-1]})
    with pytest.raises(InvalidParameterError, match="'method' parameter must be one of"):
        structural_balance(df, method="magic")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="time_limit must be a positive number"):
        structural_balance(df, time_limit=0)
    big = pd.DataFrame(
        [(a, b, -1) for a, b in itertools.combinations(range(25), 2)], columns=["source", "target", "sign"]
    )
    with pytest.raises(InfeasibleOptionError, match="method='enumerate' cannot handle a block of 25 nodes"):
        structural_balance(big, method="enumerate")


@pytest.mark.parametrize("year", [1816, 1914, 1942, 1962, 1989])
def test_real_years_are_certified_optimal(year: int) -> None:
    net = create_signed_network(year)
    r = structural_balance(net)
    assert r.gap == 0.0 and r.lower_bound == r.frustration
    assert partition_cost(net, r.partition) == r.frustration


def test_1962_camps_put_usa_and_ussr_apart() -> None:
    r = structural_balance(create_signed_network(1962))
    assert r.partition[2] != r.partition[365]
    # NATO allies sit with the USA, Warsaw Pact members with the USSR
    assert r.partition[200] == r.partition[2] and r.partition[290] == r.partition[365]


@pytest.mark.slow
def test_every_year_of_the_default_network_is_certified() -> None:
    from blocs.networks import balance_timeline

    s = balance_timeline("1816-2014").summary
    assert len(s) == 199
    assert (s["gap"] == 0).all()
    assert (s["lower_bound"] == s["frustration"]).all()


def test_degenerate_spectrum_regression() -> None:
    # Found by hypothesis in CI: Lanczos started from the ones vector failed ("starting vector
    # is zero") on this graph; the solver must still return the brute-force optimum.
    df = pd.DataFrame(
        {
            "source": [1, 0, 1, 0, 0, 2, 0, 2, 1, 3],
            "target": [3, 2, 2, 1, 4, 3, 3, 4, 4, 4],
            "sign": [1, -1, -1, 1, 1, 1, -1, 1, -1, -1],
        }
    )
    for method in ("exact", "mip", "heuristic"):
        r = structural_balance(df, method=method)
        assert r.frustration >= brute_force(df) - 1e-9
        if method != "heuristic":
            assert r.frustration == pytest.approx(brute_force(df))
