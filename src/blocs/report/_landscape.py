"""Section 2 — "Did Mao have a choice?": the landscape of the great powers and China, 1949–1950."""

from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs.data import load
from blocs.report import _choices as C
from blocs.report._figures import COLORS, new_figure
from blocs.report._sections import Context, SectionResult, Table, require

__all__ = ["build_landscape", "landscape_states"]

ID = "landscape"
NEEDS = "landscape theory of aggregation with counterfactuals (issue 5)"


def landscape_states(year: int) -> list[int]:
    """COW major powers in ``year`` (cow_majors spells covering any day of it) plus China."""
    m = load("cow_majors")
    cur = m[(m["styear"] <= year) & (m["endyear"] >= year)]
    return sorted(set(cur["ccode"].astype(int)) | {C.CHINA})


def build_landscape(ctx: Context) -> SectionResult:
    build = require("blocs.models", "build_landscape", needs=NEEDS)
    Landscape = require("blocs.models", "Landscape", needs=NEEDS)
    counterfactual = require("blocs.models", "counterfactual", needs=NEEDS)
    ctx.cache.setdefault("methods", []).extend([build, counterfactual])
    res = SectionResult(ID, "")
    N = ctx.numbers
    states = landscape_states(C.LANDSCAPE_YEAR)
    rows = []
    costs: dict[int, pd.DataFrame] = {}
    china = ""
    for yr in (C.BIPOLAR_YEAR, C.LANDSCAPE_YEAR):
        actors, props = build(states, year=yr)
        china = str(actors.loc[actors["ccode"] == C.CHINA, "actor"].iloc[0])
        usa = str(actors.loc[actors["ccode"] == C.USA, "actor"].iloc[0])
        fit = f"blocs.models.Landscape().fit(*build_landscape({states}, year={yr}))"
        model = Landscape().fit(actors, props)
        src = [actors, props]

        def num(
            key: str,
            value: object,
            label: str,
            fmt: str = "{}",
            method: str = fit,
            yr: int = yr,
            src: list[pd.DataFrame] = src,
        ) -> Markup:
            return N.add(
                f"landscape.{yr}.{key}", value, label=f"{label}, {yr}", section=ID, sources=src, method=method, fmt=fmt
            )

        ac = model.actor_costs_.set_index("actor")
        costs[yr] = model.actor_costs_
        best = num(
            "optimum",
            str(model.local_minima_["coalitions"].iloc[0]),
            "optimal configuration",
            method=f"{fit}.local_minima_ (minimum 0)",
        )
        n_min = num("n_local_minima", len(model.local_minima_), "number of local minima", method=f"{fit}.local_minima_")
        c_cost = float(ac.loc[china, "forced_cost"])
        cc = num(
            "china_forced_cost",
            c_cost,
            "energy cost of forcing China to the other side",
            "{:.3f}",
            method=f"{fit}.actor_costs_.forced_cost",
        )
        rank = int((ac["forced_cost"] < c_cost).sum()) + 1
        rk = num(
            "china_cost_rank",
            rank,
            "rank of China's forced cost (1 = least over-determined)",
            method="rank of forced_cost among the actors, ascending",
        )
        cf = counterfactual(actors, props, propensity={(usa, china): C.COUNTERFACTUAL_US_CHINA})
        comp = cf.comparison
        moved = ", ".join(comp.loc[comp["moved"], "actor"].astype(str)) or "nobody"
        mv = num(
            "counterfactual_moved",
            moved,
            "actors that change side when the US recognises Beijing",
            method=f"blocs.models.counterfactual(..., propensity={{({usa}, {china}): "
            f"{C.COUNTERFACTUAL_US_CHINA}}}).comparison.moved",
        )
        base_p = float(
            props.loc[
                (props["ccode1"].isin([C.USA, C.CHINA])) & (props["ccode2"].isin([C.USA, C.CHINA])), "propensity"
            ].iloc[0]
        )
        bp = num(
            "us_china_propensity",
            base_p,
            "US–China propensity in the data",
            "{:.2f}",
            method=f"build_landscape({states}, year={yr}).propensity",
        )
        rows.append((str(yr), best, n_min, cc, rk, bp, mv))
    res.tables.append(
        Table(
            f"Landscape of the {len(states)} powers (COW major powers of {C.LANDSCAPE_YEAR} and China)",
            (
                "year",
                "optimal configuration",
                "local minima",
                "China's forced cost",
                "China's rank",
                "US–China propensity",
                f"moves if US–China = {C.COUNTERFACTUAL_US_CHINA:+g}",
            ),
            tuple(rows),
        )
    )
    r49, r50 = rows
    res.paragraphs.append(
        Markup(
            "Axelrod and Bennett's landscape theory puts each state, sized by its CINC, into the coalition that "
            "minimises frustration, given pairwise propensities computed from the data (regime similarity, past "
            "wars and co-belligerence, territorial and other disputes, alliances, rivalries). For the major powers of "
            "{ym} and China, the only stable configuration in {y0} is {b0} ({n0} local minimum): China on the "
            "Soviet side. But China's side was the <em>least</em> over-determined: forcing it across would have "
            "cost {c0}, rank {k0} of {n}. By {y1}, after China and the United States fought in Korea, the "
            "cost was {c1}."
        ).format(
            ym=C.LANDSCAPE_YEAR,
            y0=C.BIPOLAR_YEAR,
            b0=r49[1],
            n0=r49[2],
            c0=r49[3],
            k0=r49[4],
            n=len(states),
            y1=C.LANDSCAPE_YEAR,
            c1=r50[3],
        )
        if str(N[f"landscape.{C.BIPOLAR_YEAR}.china_cost_rank"].value) == "1"
        else Markup(
            "Axelrod and Bennett's landscape theory, with propensities from the data: in {y0} the optimal "
            "configuration is {b0}; China's forced cost is {c0} (rank {k0} of {n}); in {y1} {c1}."
        ).format(y0=C.BIPOLAR_YEAR, b0=r49[1], c0=r49[3], k0=r49[4], n=len(states), y1=C.LANDSCAPE_YEAR, c1=r50[3])
    )
    res.paragraphs.append(
        Markup(
            "<strong>The squandered opportunity.</strong> Setting the US–China propensity from its data value "
            "({p0} in {y0}) to {cf:+g} — the United States recognising Beijing — moves: {m0} in {y0}, {m1} in "
            "{y1}. In this model the revisionists' counterfactual is not idle: with a friendly United States, "
            "China's best side changes. Whether such a US policy was available is what the seed article disputes, "
            "and the model cannot say."
        ).format(p0=r49[5], y0=C.BIPOLAR_YEAR, cf=C.COUNTERFACTUAL_US_CHINA, m0=r49[6], m1=r50[6], y1=C.LANDSCAPE_YEAR)
        if china in str(N[f"landscape.{C.BIPOLAR_YEAR}.counterfactual_moved"].value)
        else Markup(
            "<strong>The squandered opportunity.</strong> Setting the US–China propensity to {cf:+g} moves: {m0} "
            "({y0}), {m1} ({y1}): China's side does not depend on the US–China relation alone."
        ).format(cf=C.COUNTERFACTUAL_US_CHINA, m0=r49[6], y0=C.BIPOLAR_YEAR, m1=r50[6], y1=C.LANDSCAPE_YEAR)
    )

    fig, ax = new_figure(height=2.8)
    actors_order = list(costs[C.BIPOLAR_YEAR]["actor"])
    x = np.arange(len(actors_order))
    for k, (yr, color) in enumerate(((C.BIPOLAR_YEAR, COLORS["other"]), (C.LANDSCAPE_YEAR, COLORS["china"]))):
        vals = costs[yr].set_index("actor").loc[actors_order, "forced_cost"].to_numpy(float)
        ax.bar(x + (k - 0.5) * 0.38, vals, width=0.38, color=color, label=str(yr))
    ax.set_xticks(x, actors_order)
    ax.set_ylabel("energy cost of switching side")
    ax.set_title("How over-determined was each power's side?")
    ax.legend()
    res.figures.append(
        ctx.figure(
            fig,
            "landscape_costs",
            caption="Forced cost per actor (energy of the best configuration with the "
            "actor on the other side, minus the optimum).",
            alt="Bar chart of each power's forced cost in the landscape model",
            sources=[actors, props],
            method="blocs.models.Landscape().fit(...).actor_costs_.forced_cost",
        )
    )
    return res
