"""Benchmark: dyad-year tables with enrichments, blocs vs a straightforward pandas-merge pipeline.

Chains (both undirected COW dyad-years):
  (a) 1816–2014 + capabilities (NMC) + ATOP obligations + major powers + contiguity
  (b) 1946–2010 + COW MIDs + strategic rivalries

Prints wall time (best of --repeat runs, data already loaded into memory for both) and
peak traced memory (tracemalloc, a separate run) for each pipeline, blocs' first
("cold") call which also indexes each source, the speed-up, and checks that both
pipelines give the same values.

Run:  BLOCS_MIRROR=../shared/data/mirror PYTHONPATH=src python benchmarks/dyads.py
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd

from blocs.data import load
from blocs.system import (
    add_atop_alliance,
    add_contiguity,
    add_cow_majors,
    add_cow_mids,
    add_nmc,
    add_strategic_rivalries,
    create_dyad_years,
)

NMC = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
ATOP = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]


# --- blocs -----------------------------------------------------------------------------
def blocs_a() -> pd.DataFrame:
    d = create_dyad_years(directed=False, years="1816-2014")
    return add_contiguity(add_cow_majors(add_atop_alliance(add_nmc(d))))


def blocs_b() -> pd.DataFrame:
    d = create_dyad_years(directed=False, years="1946-2010")
    return add_strategic_rivalries(add_cow_mids(d), source="td")


# --- straightforward pandas: self-merge of state-years, DataFrame.merge for every join --
def _expand(df: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    out = df.assign(year=[list(range(a, b + 1)) for a, b in zip(df[first], df[last], strict=True)])
    return out.explode("year").astype({"year": "int64"})


def pandas_dyads(y0: int, y1: int) -> pd.DataFrame:
    s = load("cw_system").assign(first=lambda d: d.start.dt.year, last=lambda d: d.end.dt.year)
    sy = _expand(s, "first", "last")
    sy = sy[(sy.year >= y0) & (sy.year <= y1)]
    sy = sy.assign(
        s=np.maximum(sy.start, pd.to_datetime(sy.year.astype(str) + "-01-01")),
        e=np.minimum(sy.end, pd.to_datetime(sy.year.astype(str) + "-12-31")),
    )[["ccode", "year", "s", "e"]]
    m = sy.merge(sy, on="year", suffixes=("1", "2"))
    m = m[(m.ccode1 < m.ccode2) & (np.maximum(m.s1, m.s2) <= np.minimum(m.e1, m.e2))]
    m = m[["ccode1", "ccode2", "year"]].drop_duplicates()
    return m.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)


def pandas_a() -> pd.DataFrame:
    d = pandas_dyads(1816, 2014)
    nmc = load("cow_nmc")[["ccode", "year", *NMC]]
    for k in ("1", "2"):
        d = d.merge(nmc.rename(columns={c: c + k for c in ["ccode", *NMC]}), how="left", on=[f"ccode{k}", "year"])
    atop = load("atop_alliance")
    d = d.merge(atop, how="left", on=["ccode1", "ccode2", "year"])
    back = atop.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    d = d.merge(back, how="left", on=["ccode1", "ccode2", "year"], suffixes=("", "_b"))
    for c in ATOP:
        d[c] = np.fmax(d[c], d[c + "_b"]).fillna(0).where(d.year <= 2018)
    d = d.drop(columns=[c + "_b" for c in ATOP])
    maj = _expand(load("cow_majors"), "styear", "endyear")[["ccode", "year"]].drop_duplicates().assign(cowmaj=1)
    for k in ("1", "2"):
        d = d.merge(
            maj.rename(columns={"ccode": f"ccode{k}", "cowmaj": f"cowmaj{k}"}), how="left", on=[f"ccode{k}", "year"]
        )
        d[f"cowmaj{k}"] = d[f"cowmaj{k}"].fillna(0).where(d.year <= 2016)
    c = load("cow_contdir").assign(first=lambda x: x.stdate.dt.year, last=lambda x: x.enddate.dt.year)
    c = _expand(c, "first", "last").assign(rank=lambda x: x.conttype.replace(0, 6))
    c = c.groupby(["ccode1", "ccode2", "year"], as_index=False)["rank"].min()
    c["conttype"] = c["rank"].replace(6, 0)
    d = d.merge(c[["ccode1", "ccode2", "year", "conttype"]], how="left", on=["ccode1", "ccode2", "year"])
    d["conttype"] = d["conttype"].fillna(0).where(d.year <= 2016)
    return d


def pandas_b() -> pd.DataFrame:
    d = pandas_dyads(1946, 2010)
    mids = load("cow_mid_ddydisps")[["ccode1", "ccode2", "year", "cowmidonset", "cowmidongoing", "dispnum"]]
    d = d.merge(mids, how="left", on=["ccode1", "ccode2", "year"])
    d[["cowmidonset", "cowmidongoing"]] = d[["cowmidonset", "cowmidongoing"]].fillna(0)
    td = _expand(load("td_rivalries"), "styear", "endyear")
    for k in ("ccode1", "ccode2"):
        td[k] = td[k].where(~((td[k] == 300) & (td.year >= 1919)), 305)
    td = td.assign(lo=td[["ccode1", "ccode2"]].min(axis=1), hi=td[["ccode1", "ccode2"]].max(axis=1))
    td = td[["lo", "hi", "year", "rivalryno"]].rename(columns={"lo": "ccode1", "hi": "ccode2"})
    d = d.merge(td, how="left", on=["ccode1", "ccode2", "year"])
    d["ongoingrivalry"] = d["rivalryno"].notna().astype(int)
    return d


# --- harness ----------------------------------------------------------------------------
def best_time(f: Callable[[], pd.DataFrame], repeat: int) -> tuple[float, pd.DataFrame]:
    best, out = float("inf"), pd.DataFrame()
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def peak_mib(f: Callable[[], pd.DataFrame]) -> float:
    gc.collect()
    tracemalloc.start()
    f()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def same(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> bool:
    k = ["ccode1", "ccode2", "year"]
    a = a.sort_values(k).reset_index(drop=True)
    b = b.sort_values(k).reset_index(drop=True)
    if len(a) != len(b) or not (a[k].to_numpy() == b[k].to_numpy()).all():
        return False
    for c in cols:
        x = pd.to_numeric(a[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        y = pd.to_numeric(b[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if not np.allclose(x, y, equal_nan=True):
            print(f"  mismatch in {c}")
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for name in (
        "cw_system",
        "cow_nmc",
        "atop_alliance",
        "cow_majors",
        "cow_contdir",
        "cow_mid_ddydisps",
        "cow_mid_dirdisps",
        "td_rivalries",
    ):
        load(name)  # both pipelines start from data already in memory
    chains = [
        (
            "(a) 1816–2014 + nmc, atop, majors, contiguity",
            blocs_a,
            pandas_a,
            [*(c + k for c in NMC for k in "12"), *ATOP, "cowmaj1", "cowmaj2", "conttype"],
        ),
        ("(b) 1946–2010 + mids, rivalries", blocs_b, pandas_b, ["cowmidonset", "cowmidongoing", "ongoingrivalry"]),
    ]
    for label, fb, fp, cols in chains:
        t = time.perf_counter()
        fb()
        cold = time.perf_counter() - t
        tb, ob = best_time(fb, args.repeat)
        tp, op = best_time(fp, max(1, args.repeat - 1))
        mb, mp = peak_mib(fb), peak_mib(fp)
        print(label)
        print(f"  rows {len(ob):,} x {ob.shape[1]} columns; values equal to the pandas pipeline: {same(ob, op, cols)}")
        print(f"  blocs   {tb:7.3f} s (first call, indexing sources: {cold:.3f} s)   peak {mb:7.1f} MiB")
        print(f"  pandas  {tp:7.3f} s                                      peak {mp:7.1f} MiB")
        print(f"  speed-up {tp / tb:5.1f}x")


if __name__ == "__main__":
    main()
