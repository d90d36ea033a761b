"""Benchmark: start-up of whole `blocs` processes, beside a bare interpreter in the same run.

Times, as separate processes (what a user waits for at the prompt):

* ``python -c pass``                          the bare interpreter (the floor)
* ``blocs --help``                            target < 0.3 s
* ``blocs resolve Russia --year 1960``        target < 0.3 s
* ``blocs dyads --years 1816-2014 --add nmc,atop,majors,contiguity --out x.parquet``
                                              target: >= 10x faster than peacesciencer

Reference for the dyad chain: R's peacesciencer 1.2.9 doing the same chain
(``create_dyadyears(subset_years = 1816:2014) |> add_nmc() |> add_atop_alliance() |>
add_cow_majors() |> add_contiguity()``) took **27.6 s** as a whole ``Rscript`` process on the
project's development machine (issue 11); R is not installed here, so that figure is the
reference.  When ``Rscript`` and peacesciencer are available, ``--with-r`` times it in this run.

Each command runs ``--repeat`` times after one warm-up run (which fills the data caches and
numba's kernel cache, as a user's second command would find them); the median wall time and
the median CPU time (user + system of the child) are printed.  On a shared, loaded machine
wall time includes waiting for a core; CPU time is the steadier figure.

Run:  BLOCS_MIRROR=../shared/data/mirror PYTHONPATH=src python benchmarks/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEACESCIENCER_CHAIN_S = 27.6  # Rscript whole process, issue 11's measurement
TARGET_FAST_S = 0.3
TARGET_RATIO = 10.0

R_CHAIN = (
    "suppressMessages(library(peacesciencer)); suppressMessages(library(dplyr)); "
    "d <- create_dyadyears(subset_years = 1816:2014) |> add_nmc() |> add_atop_alliance() |> "
    "add_cow_majors() |> add_contiguity(); arrow::write_parquet(d, 'r.parquet')"
)


def _time(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return wall, cpu, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--with-r", action="store_true", help="also time peacesciencer with Rscript")
    args = ap.parse_args()
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    py = sys.executable
    blocs = [py, "-m", "blocs"]
    runs = {
        "python -c pass (bare interpreter)": [py, "-c", "pass"],
        "blocs --help": [*blocs, "--help"],
        "blocs resolve Russia --year 1960": [*blocs, "resolve", "Russia", "--year", "1960"],
        "blocs dyads 1816-2014 + nmc,atop,majors,contiguity": [
            *blocs,
            "dyads",
            "--years",
            "1816-2014",
            "--add",
            "nmc,atop,majors,contiguity",
            "--out",
            "x.parquet",
        ],
    }
    if args.with_r and shutil.which("Rscript"):
        runs["peacesciencer (Rscript, same chain)"] = ["Rscript", "-e", R_CHAIN]
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        for label, cmd in runs.items():
            _time(cmd, env, cwd)  # warm-up: caches filled, kernels compiled
            walls, cpus = [], []
            for _ in range(args.repeat):
                wall, cpu, _ = _time(cmd, env, cwd)
                walls.append(wall)
                cpus.append(cpu)
            results[label] = (statistics.median(walls), statistics.median(cpus))
            print(f"{label:<55} wall {results[label][0]:6.3f} s   cpu {results[label][1]:6.3f} s", flush=True)
    labels = list(results)
    help_s, resolve_s, chain_s = (results[labels[i]][0] for i in (1, 2, 3))
    r_s = results.get("peacesciencer (Rscript, same chain)", (PEACESCIENCER_CHAIN_S, 0.0))[0]
    print()
    for label, seconds in (("blocs --help", help_s), ("blocs resolve", resolve_s)):
        verdict = "ok" if seconds < TARGET_FAST_S else "MISSED"
        print(f"{label:<23} {seconds:.3f} s (target < {TARGET_FAST_S} s): {verdict}")
    ratio = r_s / chain_s
    print(
        f"dyad chain              {chain_s:.3f} s vs peacesciencer {r_s:.1f} s: {ratio:.1f}x "
        f"(target >= {TARGET_RATIO:g}x): {'ok' if ratio >= TARGET_RATIO else 'MISSED'}"
    )
    print(f"load average now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
