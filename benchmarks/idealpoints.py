"""Benchmark: dynamic UN ideal points on all sessions vs plain per-session static fits.

Run:  BLOCS_MIRROR=/work/shared/data/mirror PYTHONPATH=src python benchmarks/idealpoints.py
      (add ``--only dynamic`` to time the shipped fit alone: the 60 s target of issue 15)

Each estimator runs in its own fresh process pinned to 2 threads (NUMBA_NUM_THREADS=2,
OMP/MKL/OPENBLAS=2), so peak memory (max RSS) and time are its own; numba's compiled
kernels are cached on disk, so one warm-up process runs first.  Estimators:

* ``dynamic``: ``IdealPoints()`` on every session (random walk, text bridging, ML walk
  variance, SQUAREM-accelerated variational EM): what blocs ships.
* ``static``: the straightforward reference: one separate ``IdealPoints`` fit per session
  (each state-session its own N(0,1) prior, no walk, no bridging; same ordinal probit,
  same EM), the per-session static estimator used before dynamic models.
* ``pca``: per-session first principal component of the vote matrix (no 0, abstain 0.5,
  yes 1), a W-NOMINATE-like quick baseline.

* ``torch`` (only when torch is importable): ``IdealPoints(backend="torch")``, the same
  algorithm with the per-vote passes on PyTorch tensors; the device is reported.  On a CUDA
  GPU it is the full fit, compared with ``dynamic``.  On a CPU-only machine a full fit
  would take many minutes, so ``torch`` and ``numpy`` both run a fixed ``SWEEPS`` sweeps
  (``max_iter``) on all sessions, giving a per-sweep comparison.

The report prints time, process CPU time, seconds per EM sweep, peak RSS, the target (all
sessions in under 60 s on 2 cores; on a loaded machine compare CPU seconds / 2 with it), and
how the dynamic positions relate to the baselines (pooled correlation after aligning each
static session's sign with the dynamic one).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THREADS = "2"
SWEEPS = 60


def _run_one(name: str, out: str) -> None:
    import numpy as np
    import pandas as pd

    from blocs.measures import IdealPoints, default_un_votes
    from blocs.measures._idealpoints import _prepare
    from blocs.measures._irt_em import pca_start

    votes = default_un_votes()
    if name.startswith("torch"):
        import torch  # import time is not fit time

        torch.set_num_threads(int(THREADS))
    t0 = time.perf_counter()
    info: dict[str, object] = {}
    if name == "warmup":
        IdealPoints(sessions="30-31", tol=1e-2).fit(votes)
        table = pd.DataFrame()
    elif name == "dynamic":
        c0 = time.process_time()
        ip = IdealPoints(seed=0).fit(votes)
        table = ip.ideal_points_
        fit_s = time.perf_counter() - t0
        info = {
            "n_iter": ip.n_iter_,
            "converged": ip.converged_,
            "walk_variance": ip.walk_variance_,
            "bridged": ip.n_bridged_,
            "votes": int(table["n_votes"].sum()),
            "s_per_sweep": fit_s / ip.n_iter_,
            "fit_cpu_s": time.process_time() - c0,
        }
    elif name == "static":
        parts = []
        iters = []
        for s, one in votes.groupby("session"):
            try:
                f = IdealPoints(bridge="none", seed=0).fit(one)
            except Exception as exc:  # a session with only unanimous votes (session 19)
                info.setdefault("skipped", []).append(f"{s}: {type(exc).__name__}")  # type: ignore[union-attr]
                continue
            parts.append(f.ideal_points_)
            iters.append(f.n_iter_)
        table = pd.concat(parts, ignore_index=True)
        info = {**info, "sessions": len(parts), "mean_iter": float(np.mean(iters))}
    elif name in ("torch", "numpy-sweeps", "torch-sweeps"):
        backend = "numpy" if name == "numpy-sweeps" else "torch"
        max_iter = SWEEPS if name.endswith("sweeps") else 2000
        ip = IdealPoints(seed=0, backend=backend, max_iter=max_iter).fit(votes)  # type: ignore[arg-type]
        table = ip.ideal_points_
        info = {"device": ip.device_, "n_iter": ip.n_iter_, "converged": ip.converged_}
    elif name == "pca":
        prep = _prepare(votes, roll_calls=None, bridge="none", sessions=None, anchor=2)
        theta = pca_start(prep.prob, np.random.default_rng(0), "pca")
        p = prep.prob
        cnt = np.bincount(p.s, minlength=p.n_states * p.n_sessions).reshape(p.n_states, p.n_sessions)
        ii, tt = np.nonzero(cnt)
        table = pd.DataFrame({"ccode": prep.keys[ii], "session": prep.sessions[tt], "ideal_point": theta[ii, tt]})
    else:
        raise SystemExit(f"unknown estimator {name}")
    elapsed = time.perf_counter() - t0
    if len(table):
        table = table[["ccode", "session", "ideal_point"]].copy()
        table.attrs.clear()
        table.to_parquet(out)
    use = resource.getrusage(resource.RUSAGE_SELF)
    rss_mb = use.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "name": name,
                "seconds": elapsed,
                "max_rss_mb": rss_mb,
                "process_cpu_s": use.ru_utime + use.ru_stime,
                **info,
            }
        )
    )


def _spawn(name: str, out: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "NUMBA_NUM_THREADS": THREADS,
        "OMP_NUM_THREADS": THREADS,
        "OPENBLAS_NUM_THREADS": THREADS,
        "MKL_NUM_THREADS": THREADS,
        "PYTHONPATH": str(ROOT / "src"),
    }
    proc = subprocess.run(
        [sys.executable, __file__, "--one", name, str(out)], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    import numpy as np
    import pandas as pd

    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "blocs-bench-idealpoints"
    tmp.mkdir(parents=True, exist_ok=True)
    _spawn("warmup", tmp / "warmup.parquet")
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
    names = ["dynamic", "static", "pca"]
    try:
        import torch

        names += ["torch"] if torch.cuda.is_available() else ["numpy-sweeps", "torch-sweeps"]
    except ImportError:
        print("torch not installed: the torch backend is not timed (pip install blocs[gpu])")
    if only is not None:
        names = [n for n in names if n in only]
    results = {n: _spawn(n, tmp / f"{n}.parquet") for n in names}
    print(
        f"UN ideal points, all sessions, {THREADS} threads (each estimator in a fresh process; "
        f"load average before: {os.getloadavg()[0]:.1f})"
    )
    print(f"{'estimator':<14}{'seconds':>10}{'peak RSS MB':>14}  details")
    for n, r in results.items():
        extra = {
            k: (round(v, 3) if isinstance(v, float) else v)
            for k, v in r.items()
            if k not in ("name", "seconds", "max_rss_mb")
        }
        print(f"{n:<14}{r['seconds']:>10.1f}{r['max_rss_mb']:>14.0f}  {extra}")
    if "dynamic" in results:
        d = results["dynamic"]
        wall, cpu = float(d["seconds"]), float(d["fit_cpu_s"])  # type: ignore[arg-type]
        print(
            f"target: all sessions in < 60 s on 2 cores. Wall {wall:.1f} s ({'met' if wall < 60 else 'MISSED'} "
            f"on this machine, load {os.getloadavg()[0]:.1f}); fit CPU {cpu:.1f} s: on 2 free cores the "
            f"wall time lies between {cpu / int(THREADS):.1f} s (perfect 2-thread use) and {cpu:.1f} s (one "
            f"thread); {float(d['s_per_sweep']):.3f} s wall per sweep, {d['n_iter']} sweeps"
        )  # type: ignore[arg-type]
    for a, b in (("dynamic", "torch"), ("numpy-sweeps", "torch-sweeps")):
        if a in results and b in results:
            x, y = pd.read_parquet(tmp / f"{a}.parquet"), pd.read_parquet(tmp / f"{b}.parquet")
            m = x.merge(y, on=["ccode", "session"], suffixes=("", "_t"))
            print(
                f"{a} vs {b} ({results[b]['device']}): max |difference| of positions "
                f"{(m['ideal_point'] - m['ideal_point_t']).abs().max():.2e}; time ratio torch/numpy "
                f"{float(results[b]['seconds']) / float(results[a]['seconds']):.2f}"
            )
    if not {"dynamic", "static", "pca"} <= set(results):
        return
    dyn = pd.read_parquet(tmp / "dynamic.parquet")
    for base in ("static", "pca"):
        b = pd.read_parquet(tmp / f"{base}.parquet")
        m = dyn.merge(b, on=["ccode", "session"], suffixes=("", "_b"))
        # a static fit fixes no sign or scale across sessions: align each session to the dynamic one
        corr_by_s = (
            m.groupby("session")[["ideal_point", "ideal_point_b"]].corr().xs("ideal_point_b", level=1)["ideal_point"]
        )
        print(
            f"dynamic vs {base}: per-session |correlation| median {corr_by_s.abs().median():.3f}, "
            f"min {corr_by_s.abs().min():.3f} (session {int(corr_by_s.abs().idxmin())})"
        )
    print(
        f"speed-up of the dynamic fit over per-session static fits: "
        f"{float(results['static']['seconds']) / float(results['dynamic']['seconds']):.2f}x"
    )
    _ = np


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        _run_one(sys.argv[2], sys.argv[3])
    else:
        main()
