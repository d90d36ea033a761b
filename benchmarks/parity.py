"""Benchmark: peacesciencer chains in blocs, timed against peacesciencer 1.2.9's own run.

Each chain is a whole pipeline as a user writes it (the R code is in
``shared/data/peers/README.txt``, with the elapsed seconds R took on this kind of machine,
lazy-loading of bundled data included). Every chain runs in a fresh Python process with
blocs imported (R's timing also started after ``library()``):

* cold — the first call, which reads the source files from blocs' Parquet cache and
  indexes them (R's timing likewise includes reading its bundled data);
* warm — the best of ``--repeat`` further calls (sources already in memory).

The same run checks the result against the peer table (equal rows, equal values after
R's 15-significant-digit printing; c04a inside 1946–2017 only, where blocs and
peacesciencer are meant to agree) and prints the speed-up of the cold call over R.

Run:  BLOCS_MIRROR=../shared/data/mirror PYTHONPATH=src python benchmarks/parity.py [--repeat 3] [--only c01,c06]

Figures are machine-dependent; the peers' R timings come from a different (unloaded) run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = Path(os.environ.get("BLOCS_PEERS", ROOT.parent / "shared" / "data" / "peers"))

# case -> (peer file stem, keys, Python chain). Each chain is one expression over `blocs.system as s`.
CHAINS: dict[str, tuple[str, list[str], str]] = {
    "c01": (
        "c01_ndy_1816_2010_gml_mids_peace_years",
        ["ccode1", "ccode2", "year"],
        's.add_peace_years(s.add_gml_mids(s.create_dyad_years(directed=False, years="1816-2010")))',
    ),
    "c03": (
        "c03_gw_sy_1946_2019_ucdp_acd_peace_years",
        ["gwcode", "year"],
        's.add_peace_years(s.add_ucdp_acd(s.create_state_years(system="gw", years="1946-2019")))',
    ),
    "c04a": (
        "c04a_gw_sy_ucdp_onsets",
        ["gwcode", "year"],
        's.add_ucdp_onsets(s.create_state_years(system="gw", extend_to=2025))',
    ),
    "c04b": (
        "c04b_gw_sy_archigos",
        ["gwcode", "year"],
        's.add_archigos(s.create_state_years(system="gw", extend_to=2025))',
    ),
    "c05b": ("c05b_cow_sy_sim_gdp_pop", ["ccode", "year"], "s.add_sim_gdp_pop(s.create_state_years(extend_to=2025))"),
    "c05c": (
        "c05c_cow_sy_creg_fractionalization",
        ["ccode", "year"],
        "s.add_creg_fractionalization(s.create_state_years(extend_to=2025))",
    ),
    "c05d": (
        "c05d_cow_sy_rugged_terrain",
        ["ccode", "year"],
        "s.add_rugged_terrain(s.create_state_years(extend_to=2025))",
    ),
    "c06": (
        "c06_ndy_1816_2014_filter_prd",
        ["ccode1", "ccode2", "year"],
        's.filter_prd(s.create_dyad_years(directed=False, years="1816-2014"), contiguity="first")',
    ),
    "c07a": (
        "c07a_gw_sy_add_ccode_to_gw",
        ["gwcode", "year"],
        's.add_ccode_to_gw(s.create_state_years(system="gw", extend_to=2025))',
    ),
    "c07b": (
        "c07b_cow_sy_add_gwcode_to_cow",
        ["ccode", "year"],
        "s.add_gwcode_to_cow(s.create_state_years(extend_to=2025))",
    ),
}

_CHILD = r"""
import json, sys, time
import numpy as np, pandas as pd
import blocs.system as s
expr, stem, keys, repeat, peers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t = time.perf_counter(); out = eval(expr); cold = time.perf_counter() - t
warm = []
for _ in range(repeat):
    t = time.perf_counter(); eval(expr); warm.append(time.perf_counter() - t)
peer = pd.read_csv(f"{peers}/{stem}.csv.gz", float_precision="round_trip")
rows = len(out)
if stem.startswith("c04a"):
    inside = ((out.year >= 1946) & (out.year <= 2017)).to_numpy()
    out, peer = out[inside], peer[inside]
def r15(v):
    return np.array([float(f"{x:.15g}") if x == x else np.nan for x in v.tolist()])
ok = len(out) == len(peer) and all((out[k].to_numpy() == peer[k].to_numpy()).all() for k in keys)
for c in peer.columns.difference(keys):
    a, b = out[c], peer[c]
    if b.dtype == object or a.dtype == object or str(a.dtype) == "string":
        left = a.astype(object).where(a.notna(), None).to_numpy()
        ok &= bool((left == b.astype(object).where(b.notna(), None).to_numpy()).all())
    else:
        x = a.to_numpy(dtype=np.float64, na_value=np.nan); x = r15(x) if a.dtype.kind == "f" else x
        y = b.to_numpy(dtype=np.float64)
        ok &= bool(((x == y) | (np.isnan(x) & np.isnan(y))).all())
print(json.dumps({"cold": cold, "warm": min(warm) if warm else None, "rows": rows, "equal": bool(ok)}))
"""


def r_elapsed() -> dict[str, float]:
    """Elapsed seconds per peer file, from peers/README.txt."""
    text = (PEERS / "README.txt").read_text()
    out: dict[str, float] = {}
    for block in text.split("file:")[1:]:
        stem = block.split()[0].removesuffix(".csv.gz")
        m = re.search(r"elapsed_s:\s*([\d.]+)", block)
        if m:
            out[stem] = float(m.group(1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated cases, e.g. c01,c06")
    args = parser.parse_args()
    cases = [c for c in CHAINS if not args.only or c in args.only.split(",")]
    r = r_elapsed()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    print(f"{'case':6} {'rows':>8} {'R 1.2.9 s':>10} {'blocs cold s':>13} {'warm s':>8} {'cold speed-up':>14}  equal")
    for case in cases:
        stem, keys, expr = CHAINS[case]
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, expr, stem, json.dumps(keys), str(args.repeat), str(PEERS)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"
            print(f"{case:6} failed: {last}")
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        speed = r[stem] / res["cold"] if res["cold"] > 0 else float("inf")
        warm = f"{res['warm']:.3f}" if res["warm"] is not None else "-"
        print(
            f"{case:6} {res['rows']:>8} {r[stem]:>10.2f} {res['cold']:>13.3f} {warm:>8} {speed:>13.1f}x  {res['equal']}"
        )


if __name__ == "__main__":
    main()
