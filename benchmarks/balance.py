"""Benchmark: exact structural balance for every year 1816–2014, against brute force and the heuristic.

Run from the repository root:

    BLOCS_MIRROR=/path/to/mirror PYTHONPATH=src python benchmarks/balance.py [--years 1816-2014]

Steps, each timed (wall clock) with peak Python memory from a tracemalloc run of the same work:

1. build the default signed network (ATOP alliances +; COW MID hostlev >= 4, wars, T&D rivalries -);
2. solve every year exactly (``method="exact"``) and check every certificate (gap 0);
3. the same with ``method="mip"`` (HiGHS on every unbalanced block, no enumeration or bound shortcut);
4. the heuristic (``method="heuristic"``: local search + triangle-packing bound) on all years, and its quality
   gap against the exact optimum;
5. brute force (plain enumeration of all two-camp partitions, written from the definition) against the exact
   solver on random signed graphs with 8–16 nodes.
"""

from __future__ import annotations

import argparse
import itertools
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from blocs.networks import create_signed_network, structural_balance


def measure(label: str, fn: Callable[[], Any], *, trace: bool = True) -> Any:
    """Time one untraced run, then (optionally) trace a second run for peak memory."""
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    memory = "(memory not traced)"
    if trace:
        tracemalloc.start()
        fn()
        memory = f"peak {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MiB"
        tracemalloc.stop()
    print(f"{label:<58} {dt:8.2f} s   {memory}")
    return out


def brute_force(n: int, edges: list[tuple[int, int, int]]) -> int:
    """Every partition of n nodes into two camps, straight from the definition (node 0 fixed)."""
    best = len(edges)
    for bits in itertools.product((0, 1), repeat=n - 1):
        camp = (0, *bits)
        cost = sum(1 for a, b, s in edges if (s > 0) != (camp[a] == camp[b]))
        best = min(best, cost)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", default="1816-2014")
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc re-runs (halves the run time)")
    args = ap.parse_args()
    trace = not args.no_trace

    net = measure(f"build default signed network {args.years}", lambda: create_signed_network(args.years), trace=trace)
    years = sorted(net["year"].unique().tolist())
    nets = {y: net.loc[net["year"] == y, ["source", "target", "sign", "weight"]] for y in years}
    largest = max(len(v) for v in nets.values())
    print(f"  {len(years)} years, {len(net):,} dyad-year ties, largest year {largest:,} ties")

    def solve_all(method: str) -> dict[int, Any]:
        return {y: structural_balance(e, method=method) for y, e in nets.items()}  # type: ignore[arg-type]

    exact = measure(f"exact, all {len(years)} years", lambda: solve_all("exact"), trace=trace)
    gaps = np.array([r.gap for r in exact.values()])
    hows = pd.Series([h for r in exact.values() for h in r.blocks["how"]]).value_counts().to_dict()
    print(f"  certified (gap 0): {int((gaps == 0).sum())}/{len(years)} years; max gap {gaps.max():.3g}")
    print(f"  blocks solved by: {hows}")
    slow = max(exact.items(), key=lambda kv: kv[1].seconds)
    print(f"  slowest year {slow[0]}: {slow[1].seconds:.2f} s ({slow[1].n_nodes} nodes, {slow[1].n_edges} edges)")

    mip = measure(f"mip on every unbalanced block, all {len(years)} years", lambda: solve_all("mip"), trace=False)
    agree = all(mip[y].frustration == exact[y].frustration for y in years)
    print(f"  same frustration as exact in every year: {agree}")

    heur = measure(f"heuristic, all {len(years)} years", lambda: solve_all("heuristic"), trace=trace)
    diff = np.array([heur[y].frustration - exact[y].frustration for y in years])
    hgap = np.array([heur[y].gap for y in years])
    print(
        f"  heuristic optimal in {int((diff == 0).sum())}/{len(years)} years; excess over optimum: "
        f"total {diff.sum():g} edges, max {diff.max():g}; its own certified gap 0 in {int((hgap == 0).sum())} years, "
        f"median {np.median(hgap):.3f}, max {hgap.max():.3f}"
    )

    rng = np.random.default_rng(2024)
    cases = []
    for n in (8, 10, 12, 14, 16):
        for _ in range(3):
            pairs = [(a, b) for a, b in itertools.combinations(range(n), 2) if rng.random() < 0.5]
            cases.append((n, [(a, b, int(rng.choice([1, -1]))) for a, b in pairs]))
    ref = measure(
        f"brute force (pure Python), {len(cases)} graphs n=8..16",
        lambda: [brute_force(n, e) for n, e in cases],
        trace=False,
    )
    frames = [pd.DataFrame(e, columns=["source", "target", "sign"]) for _, e in cases]
    got = measure(
        f"exact solver, same {len(cases)} graphs",
        lambda: [structural_balance(f).frustration for f in frames],
        trace=False,
    )
    got_mip = measure(
        f"mip solver, same {len(cases)} graphs",
        lambda: [structural_balance(f, method="mip").frustration for f in frames],
        trace=False,
    )
    print(f"  agree with brute force: exact {list(map(int, got)) == ref}, mip {list(map(int, got_mip)) == ref}")


if __name__ == "__main__":
    main()
