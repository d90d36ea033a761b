"""Section 4, ideal points: where the US, the USSR/Russia and China stood in the UN from 1971."""

from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._meta import declare, meta_of, with_meta
from blocs.measures import IdealPoints, add_ideal_point_distance, add_ideal_points, default_un_votes, fit_ideal_points
from blocs.report import _choices as C
from blocs.report._figures import COLORS, new_figure
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["add_ideal_point_part", "assembly_range", "ideal_point_fit"]

ID = "timeline"
STATES = (
    (C.USA, "United States", COLORS["usa"]),
    (C.USSR, "USSR/Russia", COLORS["ussr"]),
    (C.CHINA, "China", COLORS["china"]),
)
PAIRS = (((C.USSR, C.CHINA), "China–USSR/Russia"), ((C.USA, C.CHINA), "China–US"), ((C.USA, C.USSR), "US–USSR/Russia"))
METHOD = (
    f"blocs.measures.fit_ideal_points(default_un_votes(), estimator=IdealPoints(seed={C.IDEAL_POINT_SEED}, "
    f"sessions={C.IDEAL_POINT_SESSIONS!r}))"
)


def ideal_point_fit(ctx: Context) -> pd.DataFrame:
    """The report's ideal-point fit (read from the blocs results cache when it exists)."""
    ctx.cache.setdefault("methods", []).append(IdealPoints.fit)
    ctx.step(
        f"UN ideal points, sessions {C.IDEAL_POINT_SESSIONS} (the longest step of a first build; read from the "
        "results cache afterwards)"
    )
    table: pd.DataFrame = ctx.cached(
        "ideal_points",
        lambda: fit_ideal_points(
            default_un_votes(),
            estimator=IdealPoints(seed=C.IDEAL_POINT_SEED, sessions=C.IDEAL_POINT_SESSIONS),
        ),
    )
    return table


def assembly_range(ip: pd.DataFrame) -> pd.DataFrame:
    """Per year: lowest, 25th percentile, median, 75th percentile and highest position of all members."""
    g = ip.groupby("year")["ideal_point"]
    out = pd.DataFrame(
        {
            "lo": g.min(),
            "q25": g.quantile(0.25),
            "median": g.median(),
            "q75": g.quantile(0.75),
            "hi": g.max(),
            "n_states": g.size(),
        }
    ).reset_index()
    return with_meta(out, meta_of(ip))


def _period_mean(table: pd.DataFrame, mask: pd.Series, col: str, first: int, last: int) -> float | None:
    vals = table.loc[mask & table["year"].between(first, last), col].dropna()
    return float(vals.mean()) if len(vals) else None


def add_ideal_point_part(ctx: Context, res: SectionResult) -> None:
    """Positions of the three states, their distances by period, and a figure; or a 'missing' entry."""
    ip = ideal_point_fit(ctx)
    add_distance = add_ideal_point_distance
    ctx.cache["methods"].extend([add_ideal_points, add_distance])
    n = ctx.numbers.section(ID)
    first = max(C.UN_FIRST_YEAR, int(ip["year"].min()))
    last = int(ip["year"].max())
    years = np.arange(first, last + 1)
    sy = declare(
        pd.DataFrame([(c, y) for c, _, _ in STATES for y in years], columns=["ccode", "year"]),
        unit="state_year",
        system="cow",
    )
    sy = add_ideal_points(sy, ideal_points=ip)
    dy = declare(
        pd.DataFrame([(a, b, y) for (a, b), _ in PAIRS for y in years], columns=["ccode1", "ccode2", "year"]),
        unit="dyad_year",
        system="cow",
        directed=False,
    )
    dy = add_distance(dy, ideal_points=ip)
    rng = assembly_range(ip[ip["year"].between(first, last)])
    periods = ((first, C.COLD_WAR_END), (C.COLD_WAR_END + 1, last))


    dist: dict[tuple[tuple[int, int], int], Markup] = {}
    dist_val: dict[tuple[tuple[int, int], int], float] = {}
    for pair, label in PAIRS:
        mask = (dy["ccode1"] == pair[0]) & (dy["ccode2"] == pair[1])
        for a, b in periods:
            v = _period_mean(dy, mask, "ideal_point_distance", a, b)
            if v is not None:
                dist_val[(pair, a)] = v
                dist[(pair, a)] = n.add(
                    key=f"ideal.distance.{pair[0]}_{pair[1]}.{a}_{b}",
                    value=v,
                    label=f"mean ideal-point distance {label}, {a}–{b}",
                    sources=[dy],
                    method=f"mean over years of add_ideal_point_distance(...).ideal_point_distance, {a}–{b}; {METHOD}",
                    fmt="{:.2f}",
                )
    pos: dict[tuple[int, int], Markup] = {}
    for code, name, _ in STATES:
        for a, b in periods:
            v = _period_mean(sy, sy["ccode"] == code, "ideal_point", a, b)
            if v is not None:
                pos[(code, a)] = n.add(
                    key=f"ideal.position.{code}.{a}_{b}",
                    value=v,
                    label=f"mean ideal point of {name}, {a}–{b}",
                    sources=[sy],
                    method=f"mean over years of add_ideal_points(...).ideal_point, {a}–{b}; {METHOD}",
                    fmt="{:.2f}",
                )
    spans_ = tuple(f"{a}–{b}" for a, b in periods)
    res.tables.append(
        Table(
            "Mean UN ideal point (positive: nearer the United States; sd units of the fitted sessions)",
            ("state", *spans_),
            tuple((name, *(pos.get((code, a), "no votes") for a, _ in periods)) for code, name, _ in STATES),
        )
    )
    res.tables.append(
        Table(
            "Mean ideal-point distance |θ1 − θ2| between the three states",
            ("dyad", *spans_),
            tuple((label, *(dist.get((pair, a), "no votes") for a, _ in periods)) for pair, label in PAIRS),
        )
    )

    # Which of the two was China nearer to, session by session?
    wide = dy.pivot_table(index="year", columns=["ccode1", "ccode2"], values="ideal_point_distance")
    cr, cu = PAIRS[0][0], PAIRS[1][0]
    closer = (wide[cr] < wide[cu]).where(wide[cr].notna() & wide[cu].notna())
    closer_src = with_meta(closer.dropna().rename("closer").reset_index(), meta_of(dy))
    nearer = {}
    for a, b in periods:
        sel = closer.loc[a:b].dropna()
        if len(sel):
            nearer[a] = (
                n.add(
                    key=f"ideal.china_nearer_ussr.{a}_{b}",
                    value=int(sel.sum()),
                    label=f"sessions {a}–{b} with China nearer the USSR/Russia than the US",
                    sources=[closer_src],
                    method="count of years with distance(China, USSR/Russia) < distance(China, US)",
                ),
                n.add(
                    key=f"ideal.sessions.{a}_{b}",
                    value=len(sel),
                    label=f"sessions {a}–{b} with positions for all three",
                    sources=[closer_src],
                    method="count of years with both distances defined",
                ),
            )
    ses = C.IDEAL_POINT_SESSIONS.replace("-", "–")
    ok = all((p, a) in dist for p in (cr, cu) for a, _ in periods) and len(nearer) == len(periods)
    verdicts = {}
    for a, other in ((periods[0][0], "the USSR"), (periods[1][0], "Russia")):
        if ok:
            gap = dist_val[(cr, a)] - dist_val[(cu, a)]
            verdicts[a] = "equal" if abs(gap) < C.IDEAL_POINT_PRECISION else (other if gap < 0 else "the United States")
    res.paragraphs.extend(
        paragraphs(
            "timeline_ideal",
            ok=ok,
            ses=ses,
            periods=periods,
            dist=dist,
            cr=cr,
            cu=cu,
            nearer=nearer,
            verdicts=verdicts,
            precision=f"{C.IDEAL_POINT_PRECISION:g}",
        )
    )
    res.notes.extend(
        paragraphs(
            "timeline_ideal_note",
            ses=ses,
            first=first,
            last=last,
            precision=f"{C.IDEAL_POINT_PRECISION:g}",
        )
    )
    _figure(ctx, res, sy, rng)


def _figure(ctx: Context, res: SectionResult, sy: pd.DataFrame, rng: pd.DataFrame) -> None:
    fig, ax = new_figure(height=3.0)
    ax.fill_between(
        rng["year"], rng["lo"], rng["hi"], color=COLORS["other"], alpha=0.18, lw=0, label="all members: lowest–highest"
    )
    ax.fill_between(
        rng["year"], rng["q25"], rng["q75"], color=COLORS["other"], alpha=0.35, lw=0, label="all members: middle half"
    )
    for code, name, color in STATES:
        sel = sy[sy["ccode"] == code]
        ax.plot(sel["year"], sel["ideal_point"], color=color, label=name, marker=".", ms=3)
    ax.axvline(C.COLD_WAR_END + 0.5, color=COLORS["accent"], lw=0.8, ls="--")
    ax.set_xlabel("year (session opening)")
    ax.set_ylabel("ideal point (sd units)")
    ax.set_title("UN ideal points of the United States, the USSR/Russia and China")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, fontsize=8)
    res.figures.append(
        ctx.figure(
            fig,
            "ideal_points",
            caption="Dynamic UN ideal points (one dimension; positive = nearer the United States) of the three "
            "states per General Assembly session, against the spread of all members (shaded); dashed line: "
            "end of the Cold War.",
            alt="Line chart of the US, USSR/Russia and China UN ideal points over the shaded range of all members",
            sources=[sy, rng],
            method=f"{METHOD}; add_ideal_points on the three states; per-year quantiles of all positions",
        )
    )
