"""Benchmark: alliance spells (vectorised joins) against a per-alliance loop, and the model fit.

Run from the repository root:

    BLOCS_MIRROR=/path/to/mirror PYTHONPATH=src python benchmarks/durability.py

Prints wall time (untraced run) and peak Python memory (tracemalloc, second run) for each step, and checks that the
loop reference gives the same covariates as :func:`blocs.models.create_alliance_spells`.
"""

from __future__ import annotations

import math
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from blocs.data import load
from blocs.models import AllianceDurability, create_alliance_spells


def measure(label: str, fn: Callable[[], Any]) -> Any:
    """Time one run untraced (tracemalloc slows allocation-heavy code), then trace a second run for memory."""
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<42} {dt:8.3f} s   peak {peak / 2**20:7.1f} MiB")
    return out


def reference_covariates(spells: pd.DataFrame) -> pd.DataFrame:
    """Straightforward loop: one alliance at a time, look up each member's data by hand."""
    nmc = load("cow_nmc")[["ccode", "year", "cinc"]].dropna()
    cinc = {(int(c), int(y)): float(v) for c, y, v in nmc.itertuples(index=False)}
    dem = {
        (int(c), int(y)): float(v)
        for c, y, v in load("cw_democracy")[["ccode", "year", "v2x_polyarchy"]].dropna().itertuples(index=False)
    }
    riv = load("td_rivalries")[["ccode1", "ccode2", "styear", "endyear"]].to_numpy()
    rows = []
    for r in spells.itertuples(index=False):
        members = list(r.members)
        caps = [cinc[(m, r.cap_year)] for m in members if (m, r.cap_year) in cinc and cinc[(m, r.cap_year)] > 0]
        regs = [dem[(m, r.regime_year)] for m in members if (m, r.regime_year) in dem]
        rivals: dict[int, set[int]] = {}
        for a, b, s, e in riv:
            if s <= r.rival_year <= e:
                for x, y in ((a, b), (b, a)):
                    if x in members and y not in members:
                        rivals.setdefault(int(y), set()).add(int(x))
        rows.append(
            {
                "atopid": r.atopid,
                "log_cap_ratio": math.log(max(caps) / min(caps)) if len(caps) >= 2 else np.nan,
                "regime_gap": max(regs) - min(regs) if len(regs) >= 2 else np.nan,
                "shared_rival": int(any(len(v) >= 2 for v in rivals.values())),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    load("atop4_alliances"), load("atop4_members"), load("cow_nmc"), load("cw_democracy"), load("td_rivalries")
    spells = measure("create_alliance_spells (vectorised)", create_alliance_spells)
    ref = measure("reference per-alliance loop (3 covariates)", lambda: reference_covariates(spells))
    ours = spells[["atopid", "log_cap_ratio", "regime_gap", "shared_rival"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, ref, check_dtype=False)
    print(f"covariates identical for {len(ref)} alliances")
    model = measure("AllianceDurability().fit (Cox + KM + PH test)", lambda: AllianceDurability().fit(spells))
    measure("survival_summary (2 partnerships)", lambda: model.survival_summary([710, 365], year=1950))


if __name__ == "__main__":
    main()
