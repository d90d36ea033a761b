"""Does an estimator recover the cross-time scale of UN ideal points?  (issue 15)

Run:  BLOCS_MIRROR=/work/shared/data/mirror PYTHONPATH=src python benchmarks/idealpoints_scale.py [--seeds 2]

Votes are simulated on the real UN skeleton (``simulate_skeleton_votes``: the states present
in each session, the roll calls per session, the bridging groups and each roll call's real
share of yes / abstain / no) from positions whose spread across states changes over time,
then fitted by three settings of ``IdealPoints``:

* ``old``: discriminations ~ N(0, 25), the weak prior blocs used before issue 15;
* ``blocs``: the default, discriminations ~ N(0, tau^2) exchangeable across sessions with
  tau^2 estimated, walk variance estimated;
* ``bsv-values``: the two values Bailey, Strezhnev & Voeten's code fixes, tau^2 = 1 and a
  loose walk (their smoothing prior, variance about 0.25 per session).

Printed per world and estimator: pooled r with the truth, median within-session r, and each
decade's mean spread ratio (fitted spread over true spread after the one linear map the
model identifies: 1 is right, below 1 too narrow, above 1 too wide), with fit time.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from blocs.data import load
from blocs.measures import IdealPoints, default_un_votes
from blocs.measures._irt_sim import scale_recovery, simulate_skeleton_votes

ESTIMATORS = {
    "old": {"discrimination_prior": 25.0},
    "blocs": {},
    "bsv-values": {"discrimination_prior": 1.0, "walk_variance": 0.25},
}
WORLDS = [  # (spread first / middle / last session, discrimination scale)
    ((1.4, 1.1, 0.85), 1.5),
    ((1.0, 1.0, 1.0), 1.5),
    ((0.85, 1.1, 1.4), 1.5),
    ((1.4, 1.1, 0.85), 0.7),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=1, help="replicates per world")
    args = ap.parse_args()
    votes, rc = default_un_votes(), load("un_roll_calls")
    rows = []
    for spread, scale in WORLDS:
        for seed in range(args.seeds):
            sim, truth = simulate_skeleton_votes(votes, rc, spread=spread, discrimination_scale=scale, seed=seed)
            anchor = int(truth.groupby("ccode")["theta"].mean().idxmax())
            for name, kw in ESTIMATORS.items():
                t0 = time.perf_counter()
                ip = IdealPoints(anchor=anchor, seed=0, **kw).fit(sim, roll_calls=rc)  # type: ignore[arg-type]
                r = scale_recovery(ip.ideal_points_, truth)
                ratio: pd.Series = r["spread_ratio"]  # type: ignore[assignment]
                dec = ratio.groupby((ratio.index + 1945) // 10 * 10).mean()
                rows.append({"spread": "→".join(f"{s:g}" for s in spread), "d scale": scale, "seed": seed,
                             "estimator": name, "pooled r": round(float(r["pooled_r"]), 4),  # type: ignore[arg-type]
                             "within r": round(float(r["within_r"]), 4),  # type: ignore[arg-type]
                             **{f"{d}s": round(float(x), 2) for d, x in dec.items()},
                             "sweeps": ip.n_iter_, "s": round(time.perf_counter() - t0, 1)})
                print(rows[-1], flush=True)
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
