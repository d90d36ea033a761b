"""Benchmark: landscape solvers against a plain-Python enumeration, in the same run.

* all local minima with basins (numba Gray-code enumeration) at n = 17, 20, 25;
* plain Python: energy of every configuration by direct O(n^2) summation, then the steepest
  single-actor descent move of each (what a straightforward implementation does), at the
  sizes it can reach; its time at larger n is not extrapolated, only measured where run;
* exact optimum at n = 40 by integer programming (HiGHS, triangle-strengthened max-cut) on
  (a) random Gaussian propensities with random sizes and (b) 40 states of 1950 from the data.

Run:  PYTHONPATH=src BLOCS_MIRROR=/work/shared/data/mirror python benchmarks/landscape.py
"""

from __future__ import annotations

import resource
import time
import tracemalloc

import numpy as np

from blocs.models import _landscape_solvers as solvers


def instance(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    P = rng.normal(size=(n, n))
    P = (P + P.T) / 2
    np.fill_diagonal(P, 0.0)
    return np.outer(s, s) * P


def plain_python(W: np.ndarray) -> tuple[float, int]:
    """Straightforward enumeration: every energy by direct summation, then steepest descent moves."""
    n = W.shape[0]
    w = W.tolist()
    m = n - 1
    energy = [0.0] * (1 << m)
    for x in range(1 << m):
        lab = [0] + [(x >> (a - 1)) & 1 for a in range(1, n)]
        e = 0.0
        for i in range(n):
            wi = w[i]
            for j in range(i + 1, n):
                if lab[i] != lab[j]:
                    e += wi[j]
        energy[x] = e
    full = (1 << m) - 1
    minima = 0
    for x in range(1 << m):
        best = energy[x]
        for a in range(n):
            y = x ^ (1 << (a - 1)) if a else x ^ full
            if energy[y] < best - 1e-12:
                best = energy[y]
        if best == energy[x]:
            minima += 1
    return min(energy), minima


def timed(fn, *args, **kw):
    tracemalloc.start()
    t = time.perf_counter()
    out = fn(*args, **kw)
    dt = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, dt, peak


def main() -> None:
    solvers.enumerate_landscape(instance(6, 0), 2)  # compile (cached afterwards)
    solvers.enumerate_minimum(instance(6, 0), 2)
    print("landscape benchmark (k = 2); times in seconds, peak = tracemalloc peak of the call")
    print(f"{'n':>3} {'configs':>12} {'numba all minima':>17} {'minima':>7} {'plain python':>13} {'speed-up':>9}")
    plain_limit = 20
    for n in (12, 14, 17, 20, 25):
        W = instance(n, n)
        res, dt, peak = timed(solvers.enumerate_landscape, W, 2)
        line = f"{n:>3} {2 ** (n - 1):>12,} {dt:>11.3f} ({peak / 2**20:>4.0f}M) {len(res.minima):>7}"
        if n <= plain_limit:
            (pmin, pcount), pdt, _ = timed(plain_python, W)
            assert abs(pmin - res.best_energy) < 1e-9 and pcount == len(res.minima)
            line += f" {pdt:>13.2f} {pdt / dt:>8.0f}x"
        else:
            line += f" {'(not run)':>13}"
        print(line, flush=True)
    for label, W in (("random Gaussian", instance(40, 40)), ("states 1950 (data)", states_1950())):
        ip, dt, peak = timed(solvers.solve_ip, W, 2, time_limit=120)
        print(
            f"n=40 exact optimum by IP [{label}]: {dt:.2f} s, energy {ip.best_energy:.6g}, "
            f"bound {ip.bound:.6g}, gap {ip.gap:.2e}, optimal={ip.optimal}, peak {peak / 2**20:.0f} MiB"
        )
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def states_1950() -> np.ndarray:
    from blocs.data import load
    from blocs.models import build_landscape

    nmc = load("cow_nmc")
    top = nmc[nmc["year"] == 1950].nlargest(40, "cinc")["ccode"].tolist()
    actors, props = build_landscape(top, year=1950)
    s = actors["size"].to_numpy()
    idx = {a: i for i, a in enumerate(actors["actor"])}
    P = np.zeros((len(s), len(s)))
    for a, b, v in zip(props["actor1"], props["actor2"], props["propensity"], strict=True):
        P[idx[a], idx[b]] = P[idx[b], idx[a]] = v
    return np.outer(s, s) * P


if __name__ == "__main__":
    main()
