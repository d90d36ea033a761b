"""Section 6 — durability: what a survival model of alliances says about unequal partnerships."""

from __future__ import annotations

import math

import numpy as np
from markupsafe import Markup

from blocs._errors import DataIntegrityError
from blocs.data import get_dataset
from blocs.models import AllianceDurability, create_alliance_spells, partnership_covariates
from blocs.report import _choices as C
from blocs.report._common import as_float
from blocs.report._durability_figures import plot_hazard_ratios, plot_km_curves
from blocs.report._figures import COLORS, new_figure
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["build_durability"]

ID = "durability"
FIT = "blocs.models.AllianceDurability().fit(blocs.models.create_alliance_spells())"


def build_durability(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    N = ctx.numbers
    ctx.step("alliance spells and the Cox durability model (ATOP 4.01)")
    spells = create_alliance_spells()
    model = AllianceDurability().fit(spells)
    ctx.cache.setdefault("methods", []).extend([AllianceDurability, create_alliance_spells])
    src = [spells]

    def num(key: str, value: object, label: str, fmt: str = "{}", method: str = FIT) -> Markup:
        return N.add(f"durability.{key}", value, label=label, section=ID, sources=src, method=method, fmt=fmt)

    total, n_in, dropped, events = len(spells), int(model.n_), int(model.n_dropped_), int(model.n_events_)
    if n_in + dropped != total or events > n_in:
        raise DataIntegrityError(
            f"durability accounting does not add up: {n_in} fitted + {dropped} dropped != {total} alliances"
        )
    tot = num("alliances", total, "ATOP 4.01 alliances (spells)", method="len(create_alliance_spells())")
    drop = num("dropped", dropped, "alliances dropped for missing covariates", method=f"{FIT}.n_dropped_")
    n = num("n", n_in, "alliances in the Cox model", method=f"{FIT}.n_ = alliances − dropped")
    ev = num("events", events, "terminations in the Cox model", method=f"{FIT}.n_events_")
    cens = num(
        "censored",
        n_in - events,
        "alliances in the model still in force at the end of ATOP 4.01 (right-censored)",
        method=f"{FIT}.n_ − n_events_",
    )
    end_year = get_dataset("atop4_alliances").coverage
    last = num(
        "atop_last_year",
        int(end_year[1]) if end_year else 0,
        "last year of ATOP 4.01",
        method="get_dataset('atop4_alliances').coverage",
    )
    res.paragraphs.append(
        Markup(
            "The durability model (blocs <code>AllianceDurability</code>, a Cox proportional-hazards model) starts "
            "from the {tot} alliances of ATOP 4.01; {drop} lack covariates, which leaves {n} alliances followed from "
            "entry into force: {ev} ended and {cens} were still in force in {last} (right-censored). It asks whether "
            "alliances between unequal partners — measured as the log ratio of the strongest to the weakest founding "
            "member's CINC — end sooner, holding regime difference, a shared rival, size, obligations and era fixed."
        ).format(tot=tot, drop=drop, n=n, ev=ev, cens=cens, last=last)
    )

    hr = model.hazard_ratios_.set_index("covariate")
    level = int(round(100 * (1 - model.alpha)))
    r = hr.loc["log_cap_ratio"]
    h = num(
        "hr_asymmetry",
        as_float(r["hr"]),
        "hazard ratio per log unit of capability ratio",
        "{:.2f}",
        method=f"{FIT}.hazard_ratios_ (log_cap_ratio)",
    )
    lo = num(
        "hr_asymmetry_lower",
        as_float(r["hr_lower"]),
        f"lower {level}% bound",
        "{:.2f}",
        method=f"{FIT}.hazard_ratios_ hr_lower",
    )
    hi = num(
        "hr_asymmetry_upper",
        as_float(r["hr_upper"]),
        f"upper {level}% bound",
        "{:.2f}",
        method=f"{FIT}.hazard_ratios_ hr_upper",
    )
    p = num(
        "hr_asymmetry_p",
        as_float(r["p"]),
        "p-value of the asymmetry hazard ratio",
        "{:.2f}",
        method=f"{FIT}.hazard_ratios_ p",
    )
    dbl = num(
        "hr_asymmetry_doubling",
        as_float(r["hr"]) ** math.log(2),
        "hazard multiplier for a doubled ratio",
        "{:.2f}",
        method="hr ** ln 2 (hazard ratio per log unit, for a doubling of the capability ratio)",
    )
    if r["hr_lower"] > 1:
        verdict = "unequal alliances end sooner, as Girard's claim implies"
    elif r["hr_upper"] < 1:
        verdict = "unequal alliances last longer, the opposite of Girard's claim"
    else:
        verdict = "the data cannot tell the effect of inequality apart from none"
    verdict_m = num(
        "asymmetry_verdict",
        verdict,
        "what the asymmetry hazard ratio says",
        method=f"{level}% CI of the hazard ratio above 1 / below 1 / containing 1",
    )
    res.paragraphs.append(
        Markup(
            "<strong>Unequal alliances in general.</strong> Doubling the capability ratio multiplies the hazard of "
            "termination by {dbl} (hazard ratio {h} per log unit, {level}% CI {lo}–{hi}, p = {p}): {v}."
        ).format(dbl=dbl, h=h, level=level, lo=lo, hi=hi, p=p, v=verdict_m)
    )
    med = model.km_medians_
    parts = []
    for _, g in med.iterrows():
        mv = float(g["median_years"])
        val: object = round(mv, 1) if math.isfinite(mv) else "not reached"
        parts.append(
            Markup("{g} {v}").format(
                g=g["group"],
                v=num(
                    f"km_median.{g['group']}",
                    val,
                    f"Kaplan–Meier median survival, {g['group']} alliances (years)",
                    "{} years" if math.isfinite(mv) else "{}",
                    method=f"{FIT}.km_medians_",
                ),
            )
        )
    lr = num(
        "logrank_p",
        float(model.logrank_["p"]),
        "log-rank p across asymmetry terciles",
        "{:.3f}",
        method=f"{FIT}.logrank_",
    )
    res.paragraphs.append(
        Markup(
            "Without adjustment, alliances split into thirds by capability ratio have median lives of {parts} "
            "(log-rank p = {lr})."
        ).format(parts=Markup("; ").join(parts), lr=lr)
    )

    # this alliance, and a hypothetical one today
    treaty = spells[
        spells["members"].map(lambda m: set(m) == set(C.DYAD)) & (spells["start"].dt.year == C.ALLIANCE_YEAR)
    ]
    today = partnership_covariates(list(C.DYAD), label="China–Russia defence pact today (hypothetical)")
    rows = []
    curves = {}
    for key, label, table in (
        ("treaty_1950", "1950 treaty", treaty.assign(label="1950 treaty")),
        ("today", "China–Russia defence pact today (hypothetical)", today),
    ):
        s = model.survival_summary(table).iloc[0]
        ratio = num(
            f"{key}.capability_ratio",
            float(np.exp(table["log_cap_ratio"].iloc[0])),
            f"{label}: strongest/weakest CINC ratio at formation",
            "{:.2f}",
            method="exp(log_cap_ratio) from create_alliance_spells / partnership_covariates",
        )
        mv = float(s["median_years"])
        med_m = num(
            f"{key}.median_years",
            round(mv, 1) if math.isfinite(mv) else "not reached",
            f"{label}: predicted median survival (years)",
            "{}",
            method=f"{FIT}.survival_summary(...).median_years",
        )
        p10 = num(
            f"{key}.p_survive_10",
            float(s["p_survive_10"]),
            f"{label}: P(lasting 10 years)",
            "{:.0%}",
            method=f"{FIT}.survival_summary(...).p_survive_10",
        )
        p30 = num(
            f"{key}.p_survive_30",
            float(s["p_survive_30"]),
            f"{label}: P(lasting 30 years)",
            "{:.0%}",
            method=f"{FIT}.survival_summary(...).p_survive_30",
        )
        rows.append((label, ratio, med_m, p10, p30))
        curves[label] = model.predict_survival(table)
    actual = num(
        "treaty_1950.actual_years",
        round(float(treaty["duration_years"].iloc[0]), 1),
        "actual life of the 1950 treaty (years)",
        "{}",
        method="create_alliance_spells().duration_years",
    )
    res.tables.append(
        Table(
            "Predicted survival of the Sino-Soviet partnership (Cox model, covariates at formation)",
            ("partnership", "capability ratio", "median (years)", "P(10 years)", "P(30 years)"),
            tuple(rows),
        )
    )
    ratios = [float(np.exp(t["log_cap_ratio"].iloc[0])) for t in (treaty, today)]
    p30s = [float(N[f"durability.{k}.p_survive_30"].value) for k in ("treaty_1950", "today")]
    era = hr.loc["era_post1989"] if "era_post1989" in hr.index else None
    era_m = (
        Markup(" (hazard ratio of alliances formed after 1989: {h})").format(
            h=num(
                "hr_post1989",
                as_float(era["hr"]),
                "hazard ratio of the post-1989 era",
                "{:.2f}",
                method=f"{FIT}.hazard_ratios_ (era_post1989)",
            )
        )
        if era is not None
        else Markup("")
    )
    res.paragraphs.append(
        Markup(
            "<strong>This alliance.</strong> The model gave the 1950 treaty a median life of {m} years; it lasted "
            "{a} years. A <em>hypothetical</em> China–Russia defence pact formed today — ATOP records none after "
            "the 1950 treaty — would be {more} unequal (capability ratio {rt}) and is predicted to last {longer} "
            "(P(30 years) = {p30}){era}. Read this as what the history of "
            "similar pacts says, not as a forecast: the model pools all ATOP alliances, fixes covariates at "
            "formation (so China's rise during the treaty is not modelled), and counts population in CINC."
        ).format(
            m=rows[0][2],
            a=actual,
            rt=rows[1][1],
            p30=rows[1][4],
            era=era_m,
            more="more" if ratios[1] > ratios[0] else "less",
            longer="longer" if p30s[1] > p30s[0] else "less long",
        )
    )

    first = num(
        "atop_first_year",
        int(spells["start"].min().year),
        "first year an ATOP 4.01 alliance entered into force",
        method="min start year of create_alliance_spells()",
    )
    post = spells[spells["era_post1989"] == 1]
    follow = num(
        "post1989_max_followup",
        round(float(post["duration_years"].max()), 1),
        "longest follow-up of an alliance formed after 1989 (years)",
        "{}",
        method="max duration_years of create_alliance_spells() rows with era_post1989 == 1",
    )
    res.paragraphs.append(
        Markup(
            "A prediction for a China–Russia defence pact today extrapolates a model pooled over {first}–{last}, and "
            "alliances formed after 1989 have at most {f} years of follow-up: read it as what history says about "
            "similar pacts, not as a forecast. ATOP records no China–Russia defence pact after the 1950 treaty (see "
            "the next section)."
        ).format(first=first, last=last, f=follow)
    )

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
            caption="Predicted survival of the 1950 treaty and of a China–Russia defence pact formed today.",
            alt="Predicted survival curves of two China-Russia partnerships",
            sources=[spells, today],
            method=f"{FIT}.predict_survival(...)",
        )
    )
    return res
