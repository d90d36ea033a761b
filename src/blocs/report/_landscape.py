"""Section 2 — "Did Mao have a choice?": the landscape of the great powers and China, 1949–1950."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs.data import load
from blocs.models import Landscape, build_landscape, counterfactual
from blocs.report import _choices as C
from blocs.report._common import as_float
from blocs.report._figures import COLORS, new_figure
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["LandscapeYear", "build_landscape_section", "landscape_facts", "landscape_states"]

ID = "landscape"


def landscape_states(year: int) -> list[int]:
    """COW major powers in ``year`` (cow_majors spells covering any day of it) plus China."""
    m = load("cow_majors")
    cur = m[(m["styear"] <= year) & (m["endyear"] >= year)]
    return sorted(set(cur["ccode"].astype(int)) | {C.CHINA})


@dataclass(frozen=True)
class LandscapeYear:
    """One year's landscape: inputs, the fitted model, China's forced cost and the counterfactual."""

    year: int
    actors: pd.DataFrame
    propensities: pd.DataFrame
    model: Landscape
    china: str  # China's actor label
    usa: str
    china_cost: float
    china_rank: int  # 1 = least over-determined
    moved: str  # actors that change side in the counterfactual ("nobody")
    us_china_propensity: float


def landscape_facts(*, states: list[int] | None = None) -> list[LandscapeYear]:
    """Fit the landscape of 1949 and 1950 (COW major powers of 1950 plus China) and its counterfactual.

    Parameters
    ----------
    states : list of int, optional
        COW codes (default: :func:`landscape_states` of the landscape year).

    Returns
    -------
    list of LandscapeYear
        One per year (1949, 1950).
    """
    codes = states or landscape_states(C.LANDSCAPE_YEAR)
    out = []
    for yr in (C.BIPOLAR_YEAR, C.LANDSCAPE_YEAR):
        actors, props = build_landscape(codes, year=yr)
        china = str(actors.loc[actors["ccode"] == C.CHINA, "actor"].iloc[0])
        usa = str(actors.loc[actors["ccode"] == C.USA, "actor"].iloc[0])
        model = Landscape().fit(actors, props)
        ac = model.actor_costs_.set_index("actor")
        c_cost = as_float(ac.loc[china, "forced_cost"])
        comp = counterfactual(actors, props, propensity={(usa, china): C.COUNTERFACTUAL_US_CHINA}).comparison
        pair = props["ccode1"].isin([C.USA, C.CHINA]) & props["ccode2"].isin([C.USA, C.CHINA])
        out.append(
            LandscapeYear(
                year=yr,
                actors=actors,
                propensities=props,
                model=model,
                china=china,
                usa=usa,
                china_cost=c_cost,
                china_rank=int((ac["forced_cost"] < c_cost).sum()) + 1,
                moved=", ".join(comp.loc[comp["moved"], "actor"].astype(str)) or "nobody",
                us_china_propensity=as_float(props.loc[pair, "propensity"].iloc[0]),
            )
        )
    return out


def build_landscape_section(ctx: Context) -> SectionResult:
    ctx.cache.setdefault("methods", []).extend([build_landscape, counterfactual])
    res = SectionResult(ID, "")
    states = landscape_states(C.LANDSCAPE_YEAR)
    ctx.step("landscape of 1949 and 1950, with the US-recognises-Beijing counterfactual")
    facts = landscape_facts(states=states)
    n = ctx.numbers.section(ID)
    rows = []
    cells: list[dict[str, Markup]] = []
    for f in facts:
        yr = f.year
        fit = f"blocs.models.Landscape().fit(*build_landscape({states}, year={yr}))"
        src = [f.actors, f.propensities]
        c = {
            "best": n.add(
                key=f"{yr}.optimum",
                value=str(f.model.local_minima_["coalitions"].iloc[0]),
                label=f"optimal configuration, {yr}",
                sources=src,
                method=f"{fit}.local_minima_ (minimum 0)",
            ),
            "n_min": n.add(
                key=f"{yr}.n_local_minima",
                value=len(f.model.local_minima_),
                label=f"number of local minima, {yr}",
                sources=src,
                method=f"{fit}.local_minima_",
            ),
            "cost": n.add(
                key=f"{yr}.china_forced_cost",
                value=f.china_cost,
                label=f"energy cost of forcing China to the other side, {yr}",
                sources=src,
                method=f"{fit}.actor_costs_.forced_cost",
                fmt="{:.3f}",
            ),
            "rank": n.add(
                key=f"{yr}.china_cost_rank",
                value=f.china_rank,
                label=f"rank of China's forced cost (1 = least over-determined), {yr}",
                sources=src,
                method="rank of forced_cost among the actors, ascending",
            ),
            "prop": n.add(
                key=f"{yr}.us_china_propensity",
                value=f.us_china_propensity,
                label=f"US–China propensity in the data, {yr}",
                sources=src,
                method=f"build_landscape({states}, year={yr}).propensity",
                fmt="{:.2f}",
            ),
            "moved": n.add(
                key=f"{yr}.counterfactual_moved",
                value=f.moved,
                label=f"actors that change side when the US recognises Beijing, {yr}",
                sources=src,
                method=f"blocs.models.counterfactual(..., propensity={{({f.usa}, {f.china}): "
                f"{C.COUNTERFACTUAL_US_CHINA}}}).comparison.moved",
            ),
        }
        cells.append(c)
        rows.append((str(yr), c["best"], c["n_min"], c["cost"], c["rank"], c["prop"], c["moved"]))
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
    res.paragraphs.extend(
        paragraphs(
            ID,
            c0=cells[0],
            c1=cells[1],
            y0=C.BIPOLAR_YEAR,
            y1=C.LANDSCAPE_YEAR,
            n_states=len(states),
            least=facts[0].china_rank == 1,
            china_moves=facts[0].china in facts[0].moved,
            cf=f"{C.COUNTERFACTUAL_US_CHINA:+g}",
        )
    )
    costs = {f.year: f.model.actor_costs_ for f in facts}
    actors, props = facts[-1].actors, facts[-1].propensities

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
