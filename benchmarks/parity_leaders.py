"""Benchmark: leaders, state-days, whittling and TSS rivalries, timed against peacesciencer 1.2.9.

Each chain is a whole pipeline as a user runs it; the R code and the seconds R took
(``proc.time()`` elapsed, lazy-loading of bundled data included) are in
``shared/data/peers/README.txt``. Every chain runs in a fresh Python process with blocs
imported (R's timing also started after ``library()``):

* cold — the first call: reads the sources from blocs' Parquet cache and indexes them;
* warm — the best of ``--repeat`` further calls (sources in memory).

The same run checks each result against its peer table (same rows, same values) and
prints the speed-up of the cold call over R.

Run:  BLOCS_MIRROR=../shared/data/mirror PYTHONPATH=src python benchmarks/parity_leaders.py \
          [--repeat 2] [--only c08a,c10]

Figures are machine-dependent; the peers' R timings come from a different run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = Path(os.environ.get("BLOCS_PEERS", ROOT.parent / "shared" / "data" / "peers"))

_WHITTLE = (
    "s.whittle_conflicts_hostility(s.whittle_conflicts_fatality(s.whittle_conflicts_onsets(s.create_dispute_years())))"
)
# case -> (peer file, key columns, value columns, R seconds, Python chain over `blocs.system as s`)
CHAINS: dict[str, tuple[str, list[str], list[str], float | None, str]] = {
    "c08a": (
        "c08a_create_leaderyears",
        ["obsid", "gwcode", "year"],
        ["leader", "gender", "yrinoffice", "leaderage"],
        7.51,
        "s.create_leader_years()",
    ),
    "c08b": (
        "c08b_leaderyears_add_lead",
        ["obsid", "gwcode", "year"],
        ["leveledu", "combat", "yrsexper", "mentalhealth"],
        6.94,
        "s.add_lead(s.create_leader_years())",
    ),
    "c08e": (
        "c08e_create_leaderyears_standardize_cow",
        ["obsid", "ccode", "year"],
        ["leader", "yrinoffice", "leaderage"],
        17.51,
        's.create_leader_years(standardize="cow")',
    ),
    "c08f": (
        "c08f_create_leaderyears_standardize_gw",
        ["obsid", "gwcode", "year"],
        ["leader", "yrinoffice", "leaderage"],
        10.9,
        's.create_leader_years(standardize="gw")',
    ),
    "c09": (
        "c09_cow_statedays_1989_1992",
        ["ccode", "date"],
        [],
        16.43,
        # as R ran it: every state-day to 2025, then a filter on the year
        '(lambda t: t[t["date"].dt.year.between(1989, 1992)])(s.create_state_days(extend_to=2025))',
    ),
    "c09y": (
        "c09_cow_statedays_1989_1992",
        ["ccode", "date"],
        [],
        16.43,
        's.create_state_days(years="1989-1992")',
    ),
    "c10s1": (
        "c10_step1_gml_dirdisp_whittle_through_onsets",
        ["dispnum", "ccode1", "ccode2", "year"],
        [],
        3.02,
        "s.whittle_conflicts_onsets(s.create_dispute_years())",
    ),
    "c10s3": (
        "c10_step3_gml_dirdisp_whittle_through_hostility",
        ["dispnum", "ccode1", "ccode2", "year"],
        [],
        9.62,
        _WHITTLE,
    ),
    "c10": (
        "c10_gml_dirdisp_whittle_full_chain",
        ["dispnum", "ccode1", "ccode2", "year"],
        [],
        9.15,
        "s.whittle_conflicts(s.create_dispute_years())",
    ),
    "c10b": (
        "c10b_gml_dirdisp_whittle_chain_single_duration",
        ["dispnum", "ccode1", "ccode2", "year"],
        [],
        5.23,
        "s.whittle_conflicts_startmonth(s.whittle_conflicts_reciprocation(s.whittle_conflicts_duration("
        + _WHITTLE
        + ")))",
    ),
    "c11a": (
        "c11a_ndy_1816_2014_strategic_rivalries",
        ["ccode1", "ccode2", "year"],
        ["tssr_id", "positional", "spatial", "ideological", "interventionary", "ongoingrivalry"],
        3.61,
        's.add_strategic_rivalries(s.create_dyad_years(directed=False, years="1816-2014"))',
    ),
    "ldy": (
        "",
        [],
        [],
        None,  # peacesciencer 1.2.9 only downloads a pre-built file (its script: 52.8 s on many cores)
        's.add_gml_leader_mids(s.create_leader_dyad_years(system="cow"))',
    ),
}

_CHILD = r"""
import json, sys, time
import numpy as np, pandas as pd
import blocs.system as s
peer, keys, values, chain, repeat = json.loads(sys.argv[1])
t0 = time.perf_counter(); out = eval(chain); cold = time.perf_counter() - t0
warm = []
for _ in range(repeat):
    t0 = time.perf_counter(); eval(chain); warm.append(time.perf_counter() - t0)
equal = None
if peer:
    ref = pd.read_csv(peer, keep_default_na=False, na_values=[""], low_memory=False)
    if "date" in ref:
        ref["date"] = pd.to_datetime(ref["date"])
    a = out[keys + values].reset_index(drop=True)
    equal = len(a) == len(ref)
    if equal:
        a = a.sort_values(keys, kind="stable").reset_index(drop=True)
        b = ref[keys + values].sort_values(keys, kind="stable").reset_index(drop=True)
        for c in keys + values:
            x, y = a[c], b[c]
            same_na = (x.isna().to_numpy() == y.isna().to_numpy()).all()
            ok = x.notna().to_numpy()
            if x.dtype.kind in "iufb" or str(x.dtype) in ("Int64", "Float64"):
                same = np.allclose(x[ok].astype(float), y[ok].astype(float), rtol=1e-12, atol=0)
            else:
                same = (x[ok].astype(str).to_numpy() == y[ok].astype(str).to_numpy()).all()
            equal = equal and bool(same_na and same)
print(json.dumps({"rows": len(out), "cold": cold, "warm": min(warm) if warm else None, "equal": equal}))
"""


def run(case: str, repeat: int) -> dict[str, object]:
    peer, keys, values, _, chain = CHAINS[case]
    path = str(PEERS / f"{peer}.csv.gz") if peer else ""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([path, keys, values, chain, repeat])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])},
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="warm repetitions (default 2)")
    parser.add_argument("--only", default="", help="comma-separated cases (default: all)")
    args = parser.parse_args()
    cases = [c for c in args.only.split(",") if c] or list(CHAINS)
    print(f"{'case':6} {'rows':>9} {'cold s':>7} {'warm s':>7} {'R s':>6} {'R/cold':>7}  equal")
    for case in cases:
        r = run(case, args.repeat)
        r_s = CHAINS[case][3]
        cold, warm = float(r["cold"]), r["warm"]  # type: ignore[arg-type]
        speed = f"{r_s / cold:6.1f}×" if r_s else "    – "
        warm_s = f"{float(warm):7.2f}" if warm is not None else "      –"  # type: ignore[arg-type]
        r_txt = f"{r_s:6.2f}" if r_s else "     –"
        print(f"{case:6} {r['rows']:>9,} {cold:7.2f} {warm_s} {r_txt} {speed}  {r['equal']}")


if __name__ == "__main__":
    main()
