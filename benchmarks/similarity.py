"""Benchmark: every similarity measure for every directed COW dyad-year, 1816–2016.

Runs ``add_similarity(source="atop")`` with all 13 measures (S, kappa, pi — unweighted and
CINC-weighted, absolute and squared — and tau-b) on the full directed dyad-year table,
and prints wall time and peak memory.  In the same run a straightforward per-dyad
implementation (one numpy call chain per dyad-year, the way the measures are usually
coded) is timed on a random sample of dyad-years and extrapolated to the full table.

    BLOCS_MIRROR=/work/shared/data/mirror PYTHONPATH=src python benchmarks/similarity.py

Data loading (parquet cache) is done before timing starts.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from blocs.measures import ALL_MEASURES, add_similarity, alliance_portfolios
from blocs.system import create_dyad_years


def per_dyad(x: np.ndarray, y: np.ndarray, w: np.ndarray, L: int) -> dict[str, float]:
    """Every measure for ONE pair of portfolios, straight from the definitions."""
    out: dict[str, float] = {}
    lv = np.arange(L)
    for tag, wt in (("", np.ones_like(w)), ("_wt", w)):
        px = np.array([wt[x == a].sum() for a in lv]) / wt.sum()
        py = np.array([wt[y == a].sum() for a in lv]) / wt.sum()
        pm = (px + py) / 2
        for p, dn in ((1, "abs"), (2, "sq")):
            dmat = (np.abs(lv[:, None] - lv[None, :]) / (L - 1)) ** p
            do = np.sum(wt * (np.abs(x - y) / (L - 1)) ** p) / wt.sum()
            dek, dep = px @ dmat @ py, pm @ dmat @ pm
            out[f"s{tag}_{dn}"] = 1 - 2 * do
            out[f"kappa{tag}_{dn}"] = 1 - do / dek if dek > 0 else np.nan
            out[f"pi{tag}_{dn}"] = 1 - do / dep if dep > 0 else np.nan
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    iu = np.triu_indices(len(x), 1)
    s = (sx * sy)[iu]
    n0 = len(s)
    tx, ty = np.sum(sx[iu] == 0), np.sum(sy[iu] == 0)
    den = (n0 - tx) * (n0 - ty)
    out["taub"] = (np.sum(s > 0) - np.sum(s < 0)) / np.sqrt(den) if den > 0 else np.nan
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--first", type=int, default=1816)
    ap.add_argument("--last", type=int, default=2016)
    ap.add_argument("--sample", type=int, default=3000, help="dyad-years for the per-dyad reference")
    args = ap.parse_args()
    years = (args.first, args.last)

    table = create_dyad_years(system="cow", directed=True, years=years)
    add_similarity(table.iloc[:10], source="atop")  # warm the parquet cache and imports
    print(f"directed dyad-years {years[0]}–{years[1]}: {len(table):,} rows; {len(ALL_MEASURES)} measures")
    print(f"cpus visible: {os.cpu_count()}  (machine shared with other jobs: timings are upper bounds)")

    tracemalloc.start()
    t0 = time.perf_counter()
    out = add_similarity(table, source="atop", measures=list(ALL_MEASURES))
    t_vec = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.perf_counter()
    add_similarity(table, source="atop", measures=list(ALL_MEASURES))
    t_vec_untraced = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"vectorized: {t_vec_untraced:.2f} s ({t_vec:.2f} s under tracemalloc); "
        f"peak traced {peak / 2**20:.0f} MiB; max RSS of process {rss:.0f} MiB"
    )

    # per-dyad reference on a random sample of dyad-years
    rng = np.random.default_rng(0)
    sample = table.iloc[np.sort(rng.choice(len(table), size=args.sample, replace=False))]
    pfs = {pf.year: pf for pf in alliance_portfolios(sorted(sample["year"].unique()), weighted=True)}
    t0 = time.perf_counter()
    ref = []
    for c1, c2, y in sample[["ccode1", "ccode2", "year"]].itertuples(index=False):
        pf = pfs[y]
        i, j = np.searchsorted(pf.ccodes, [c1, c2])
        ref.append(per_dyad(pf.codes[i], pf.codes[j], pf.weights, pf.n_levels))
    t_ref = time.perf_counter() - t0
    per_row = t_ref / len(sample)
    est = per_row * len(table)
    print(
        f"per-dyad reference: {t_ref:.2f} s for {len(sample):,} dyad-years "
        f"-> {est:,.0f} s estimated for all rows; speed-up {est / t_vec_untraced:,.0f}x"
    )

    got = out.loc[sample.index]
    refdf = pd.DataFrame(ref, index=sample.index)
    worst = max(np.nanmax(np.abs(got[f"atop_{m}"].to_numpy() - refdf[m].to_numpy())) for m in ALL_MEASURES)
    print(f"max |vectorized - per-dyad| over the sample and all measures: {worst:.2e}")


if __name__ == "__main__":
    main()
