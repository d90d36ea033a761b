"""Diagnostic: blocs' UN ideal points beside the estimates Bailey, Strezhnev & Voeten publish.

Run:  BLOCS_MIRROR=/work/shared/data/mirror PYTHONPATH=src python benchmarks/idealpoints_published.py [FIT.parquet ...]

With no argument it fits ``default_un_votes()`` (sessions 1-74, about a minute in all on 2
cores) three ways and compares each: ``IdealPoints(seed=0)`` (the default), the estimator before
issue 15 (``discrimination_prior=25``: discriminations ~ N(0, 25)) and the two values Bailey,
Strezhnev & Voeten's code fixes (``discrimination_prior=1, walk_variance=0.25``); with parquet
files of earlier fits (columns ccode, session, ideal_point) it compares each.  The published file is read from the
mirror (``IdealpointsJuly2025.dta``, column ``idealpointall``; session = year - 1945).

This is a diagnostic for reports (issue 15), never a target: blocs is not calibrated to outside
estimates and no setting is chosen by these figures.  Printed: pooled Pearson and Spearman r,
median within-session r, mean per-session sd by decade, the US by decade, the Soviet bloc in
the 1960s (USSR, Ukrainian and Byelorussian SSRs, Poland, Czechoslovakia, Hungary, Bulgaria,
Romania), and session 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SOVIET_BLOC = [365, 369, 370, 290, 315, 310, 355, 360]
PUBLISHED = "github/lucasbuildsapps/Masterthesis/00de4ce7f259894dd3f9c1ea7006b192be4dcb74/IdealpointsJuly2025.dta"


def published() -> pd.DataFrame:
    mirror = Path(os.environ.get("BLOCS_MIRROR", "../shared/data/mirror"))
    pub = pd.read_stata(mirror / PUBLISHED)[["ccode", "year", "idealpointall"]].dropna()
    pub["session"] = pub["year"].astype(int) - 1945
    pub["ccode"] = pub["ccode"].astype(int)
    return pub[["ccode", "session", "idealpointall"]]


def compare(fit: pd.DataFrame, pub: pd.DataFrame, label: str) -> None:
    m = fit[["ccode", "session", "ideal_point"]].merge(pub, on=["ccode", "session"])
    m = m[m["session"] <= 74]
    pair = ["ideal_point", "idealpointall"]
    r = np.corrcoef(m["ideal_point"], m["idealpointall"])[0, 1]
    rs = m[pair].rank().corr().iloc[0, 1]
    within = m.groupby("session")[pair].apply(lambda g: g.corr().iloc[0, 1])
    m["decade"] = (m["session"] + 1945) // 10 * 10
    sd = m.groupby(["decade", "session"])[pair].std().groupby("decade").mean()
    us = m[m["ccode"] == 2].groupby("decade")[pair].mean()
    bloc = m[m["ccode"].isin(SOVIET_BLOC) & (m["decade"] == 1960)][pair].mean()
    s1 = m[m["session"] == 1]
    print(f"== {label}: {len(m):,} state-sessions in common; pooled r {r:.3f} (Spearman {rs:.3f}); "
          f"median within-session r {within.median():.3f}")
    print("mean per-session sd by decade (blocs / published):\n" + sd.round(2).T.to_string())
    print("US by decade (blocs / published):\n" + us.round(2).T.to_string())
    print(f"Soviet bloc 1960s: blocs {bloc['ideal_point']:.2f}, published {bloc['idealpointall']:.2f}")
    print(f"session 1 sd: blocs {s1['ideal_point'].std():.2f}, published {s1['idealpointall'].std():.2f}")


def main() -> None:
    pub = published()
    if len(sys.argv) > 1:
        for path in sys.argv[1:]:
            compare(pd.read_parquet(path), pub, path)
        return
    from blocs.measures import IdealPoints, default_un_votes

    votes = default_un_votes()
    for label, kw in (("default", {}), ("before issue 15", {"discrimination_prior": 25.0}),
                      ("BSV's fixed values", {"discrimination_prior": 1.0, "walk_variance": 0.25})):
        ip = IdealPoints(seed=0, **kw).fit(votes)  # type: ignore[arg-type]
        compare(ip.ideal_points_, pub, f"IdealPoints(seed=0, {kw}), {label}")


if __name__ == "__main__":
    main()
