"""Section 6 — durability: what a survival model of alliances says about unequal partnerships."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._errors import DataIntegrityError
from blocs.data import get_dataset
from blocs.models import AllianceDurability, create_alliance_spells, partnership_covariates
from blocs.report import _choices as C
from blocs.report._common import as_float
from blocs.report._durability_figures import plot_hazard_ratios, plot_km_curves
from blocs.report._figures import COLORS, new_figure
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["DurabilityFacts", "build_durability", "durability_facts"]

ID = "durability"
FIT = "blocs.models.AllianceDurability().fit(blocs.models.create_alliance_spells())"


@dataclass(frozen=True)
class DurabilityFacts:
    """What the durability section states: the fit, its accounting and two partnerships."""

    spells: pd.DataFrame
    model: AllianceDurability
    total: int  # ATOP 4.01 alliances (spells)
    dropped: int  # without covariates
    fitted: int  # in the Cox model
    events: int  # terminations among the fitted
    treaty: pd.DataFrame  # the 1950 treaty's spell
    today: pd.DataFrame  # covariates of a hypothetical China–Russia defence pact today
    summaries: dict[str, pd.Series]  # "treaty_1950" / "today" -> survival_summary row
    curves: dict[str, pd.DataFrame]


def durability_facts() -> DurabilityFacts:
    """Fit the durability model and check its accounting (fitted + dropped = alliances).

    Returns
    -------
    DurabilityFacts
        Spells, the fitted :class:`blocs.models.AllianceDurability`, the counts, and the
        predicted survival of the 1950 treaty and of a hypothetical China–Russia defence pact
        formed today.

    Raises
    ------
    DataIntegrityError
        If the counts do not add up.
    """
    spells = create_alliance_spells()
    model = AllianceDurability().fit(spells)
    total, fitted, dropped, events = len(spells), int(model.n_), int(model.n_dropped_), int(model.n_events_)
    if fitted + dropped != total or events > fitted:
        raise DataIntegrityError(
            f"durability accounting does not add up: {fitted} fitted + {dropped} dropped != {total} alliances"
        )
    is_pair = spells["members"].map(lambda m: set(m) == set(C.DYAD))
    treaty = spells[is_pair & (spells["start"].dt.year == C.ALLIANCE_YEAR)].assign(label=TREATY)
    today = partnership_covariates(list(C.DYAD), label=TODAY)
    tables = {"treaty_1950": treaty, "today": today}
    return DurabilityFacts(
        spells=spells,
        model=model,
        total=total,
        dropped=dropped,
        fitted=fitted,
        events=events,
        treaty=treaty,
        today=today,
        summaries={k: model.survival_summary(t).iloc[0] for k, t in tables.items()},
        curves={k: model.predict_survival(t) for k, t in tables.items()},
    )


TREATY = "1950 treaty"
TODAY = "China–Russia defence pact today (hypothetical)"


def build_durability(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    ctx.step("alliance spells and the Cox durability model (ATOP 4.01)")
    f = durability_facts()
    spells, model = f.spells, f.model
    ctx.cache.setdefault("methods", []).extend([AllianceDurability, create_alliance_spells])
    n = ctx.numbers.section(ID)
    src = [spells]
    coverage = get_dataset("atop4_alliances").coverage
    hr = model.hazard_ratios_.set_index("covariate")
    level = int(round(100 * (1 - model.alpha)))
    r = hr.loc["log_cap_ratio"]
    if r["hr_lower"] > 1:
        verdict = "unequal alliances end sooner, as Girard's claim implies"
    elif r["hr_upper"] < 1:
        verdict = "unequal alliances last longer, the opposite of Girard's claim"
    else:
        verdict = "the data cannot tell the effect of inequality apart from none"
    post = spells[spells["era_post1989"] == 1]
    v: dict[str, Markup] = {
        "tot": n.add(key="alliances", value=f.total, label="ATOP 4.01 alliances (spells)", sources=src,
                     method="len(create_alliance_spells())"),
        "drop": n.add(key="dropped", value=f.dropped, label="alliances dropped for missing covariates", sources=src,
                      method=f"{FIT}.n_dropped_"),
        "n": n.add(key="n", value=f.fitted, label="alliances in the Cox model", sources=src,
                   method=f"{FIT}.n_ = alliances − dropped"),
        "ev": n.add(key="events", value=f.events, label="terminations in the Cox model", sources=src,
                    method=f"{FIT}.n_events_"),
        "cens": n.add(key="censored", value=f.fitted - f.events,
                      label="alliances in the model still in force at the end of ATOP 4.01 (right-censored)",
                      sources=src, method=f"{FIT}.n_ − n_events_"),
        "last": n.add(key="atop_last_year", value=int(coverage[1]) if coverage else 0, label="last year of ATOP 4.01",
                      sources=src, method="get_dataset('atop4_alliances').coverage"),
        "first": n.add(key="atop_first_year", value=int(spells["start"].min().year),
                       label="first year an ATOP 4.01 alliance entered into force", sources=src,
                       method="min start year of create_alliance_spells()"),
        "h": n.add(key="hr_asymmetry", value=as_float(r["hr"]), label="hazard ratio per log unit of capability ratio",
                   sources=src, method=f"{FIT}.hazard_ratios_ (log_cap_ratio)", fmt="{:.2f}"),
        "lo": n.add(key="hr_asymmetry_lower", value=as_float(r["hr_lower"]), label=f"lower {level}% bound",
                    sources=src, method=f"{FIT}.hazard_ratios_ hr_lower", fmt="{:.2f}"),
        "hi": n.add(key="hr_asymmetry_upper", value=as_float(r["hr_upper"]), label=f"upper {level}% bound",
                    sources=src, method=f"{FIT}.hazard_ratios_ hr_upper", fmt="{:.2f}"),
        "p": n.add(key="hr_asymmetry_p", value=as_float(r["p"]), label="p-value of the asymmetry hazard ratio",
                   sources=src, method=f"{FIT}.hazard_ratios_ p", fmt="{:.2f}"),
        "dbl": n.add(key="hr_asymmetry_doubling", value=as_float(r["hr"]) ** math.log(2),
                     label="hazard multiplier for a doubled ratio", sources=src,
                     method="hr ** ln 2 (hazard ratio per log unit, for a doubling of the capability ratio)",
                     fmt="{:.2f}"),
        "verdict": n.add(key="asymmetry_verdict", value=verdict, label="what the asymmetry hazard ratio says",
                         sources=src, method=f"{level}% CI of the hazard ratio above 1 / below 1 / containing 1"),
        "level": Markup(str(level)),
        "lr": n.add(key="logrank_p", value=float(model.logrank_["p"]), label="log-rank p across asymmetry terciles",
                    sources=src, method=f"{FIT}.logrank_", fmt="{:.3f}"),
        "actual": n.add(key="treaty_1950.actual_years", value=round(as_float(f.treaty["duration_years"].iloc[0]), 1),
                        label="actual life of the 1950 treaty (years)", sources=src,
                        method="create_alliance_spells().duration_years"),
        "follow": n.add(key="post1989_max_followup", value=round(float(post["duration_years"].max()), 1),
                        label="longest follow-up of an alliance formed after 1989 (years)", sources=src,
                        method="max duration_years of create_alliance_spells() rows with era_post1989 == 1"),
    }
    medians = []
    for _, g in model.km_medians_.iterrows():
        mv = float(g["median_years"])
        medians.append(
            (
                str(g["group"]),
                n.add(key=f"km_median.{g['group']}", value=round(mv, 1) if math.isfinite(mv) else "not reached",
                      label=f"Kaplan–Meier median survival, {g['group']} alliances (years)", sources=src,
                      method=f"{FIT}.km_medians_", fmt="{} years" if math.isfinite(mv) else "{}"),
            )
        )
    rows = []
    for key, label, table in (("treaty_1950", TREATY, f.treaty), ("today", TODAY, f.today)):
        s = f.summaries[key]
        mv = float(s["median_years"])
        row = (
            label,
            n.add(key=f"{key}.capability_ratio", value=float(np.exp(as_float(table["log_cap_ratio"].iloc[0]))),
                  label=f"{label}: strongest/weakest CINC ratio at formation", sources=src,
                  method="exp(log_cap_ratio) from create_alliance_spells / partnership_covariates", fmt="{:.2f}"),
            n.add(key=f"{key}.median_years", value=round(mv, 1) if math.isfinite(mv) else "not reached",
                  label=f"{label}: predicted median survival (years)", sources=src,
                  method=f"{FIT}.survival_summary(...).median_years"),
            n.add(key=f"{key}.p_survive_10", value=as_float(s["p_survive_10"]), label=f"{label}: P(lasting 10 years)",
                  sources=src, method=f"{FIT}.survival_summary(...).p_survive_10", fmt="{:.0%}"),
            n.add(key=f"{key}.p_survive_30", value=as_float(s["p_survive_30"]), label=f"{label}: P(lasting 30 years)",
                  sources=src, method=f"{FIT}.survival_summary(...).p_survive_30", fmt="{:.0%}"),
        )
        rows.append(row)
    res.tables.append(
        Table(
            "Predicted survival of the Sino-Soviet partnership (Cox model, covariates at formation)",
            ("partnership", "capability ratio", "median (years)", "P(10 years)", "P(30 years)"),
            tuple(rows),
        )
    )
    era = hr.loc["era_post1989"] if "era_post1989" in hr.index else None
    if era is not None:
        v["era"] = n.add(key="hr_post1989", value=as_float(era["hr"]), label="hazard ratio of the post-1989 era",
                         sources=src, method=f"{FIT}.hazard_ratios_ (era_post1989)", fmt="{:.2f}")
    ratios = [float(np.exp(as_float(t["log_cap_ratio"].iloc[0]))) for t in (f.treaty, f.today)]
    p30s = [as_float(f.summaries[k]["p_survive_30"]) for k in ("treaty_1950", "today")]
    res.paragraphs.extend(
        paragraphs(
            ID,
            v=v,
            medians=medians,
            treaty=rows[0],
            today=rows[1],
            more="more" if ratios[1] > ratios[0] else "less",
            longer="longer" if p30s[1] > p30s[0] else "less long",
            has_era=era is not None,
        )
    )
    curves = {TREATY: f.curves["treaty_1950"], TODAY: f.curves["today"]}
    treaty = f.treaty

    fig = plot_km_curves(model)
    res.figures.append(
        ctx.figure(
            fig,
            "durability_km",
            caption="Kaplan–Meier survival of ATOP alliances by capability-ratio tercile, with confidence bands.",
            alt="Kaplan-Meier curves of alliance survival by asymmetry group",
            sources=src,
            method="blocs.report.plot_km_curves(model)",
        )
    )
    fig = plot_hazard_ratios(model)
    res.figures.append(
        ctx.figure(
            fig,
            "durability_hazard_ratios",
            caption=f"Cox hazard ratios with {level}% confidence intervals (above 1: ends sooner).",
            alt="Forest plot of Cox hazard ratios",
            sources=src,
            method="blocs.report.plot_hazard_ratios(model)",
        )
    )
    fig, ax = new_figure(height=2.8)
    for (label, sf), color in zip(curves.items(), (COLORS["ussr"], COLORS["china"]), strict=True):
        ax.step(sf.index, sf.iloc[:, 0], where="post", color=color, label=label)
    ax.axvline(
        float(treaty["duration_years"].iloc[0]),
        color=COLORS["accent"],
        ls="--",
        lw=0.8,
        label="1950 treaty's actual end",
    )
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("years since formation")
    ax.set_ylabel("predicted P(still in force)")
    ax.legend(loc="lower left")
    res.figures.append(
        ctx.figure(
            fig,
            "durability_partnership",
            caption="Predicted survival of the 1950 treaty and of a hypothetical China–Russia defence pact "
            "formed today.",
            alt="Predicted survival curves of two China-Russia partnerships",
            sources=[spells, f.today],
            method=f"{FIT}.predict_survival(...)",
        )
    )
    return res
