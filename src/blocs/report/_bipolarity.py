"""Section 1 — bipolarity in 1949: power shares of the leading states and system concentration."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from blocs.data import load
from blocs.measures import system_polarity
from blocs.report import _choices as C
from blocs.report._common import as_float, as_int, state_names
from blocs.report._figures import COLORS, new_figure
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["BipolarityFacts", "bipolarity_facts", "build_bipolarity"]

ID = "bipolarity"


@dataclass(frozen=True)
class BipolarityFacts:
    """What the section states about the distribution of power in 1949 and after."""

    polarity: pd.DataFrame  # blocs.measures.system_polarity, one row per year
    nmc: pd.DataFrame
    year: int
    top: tuple[tuple[int, float], ...]  # (ccode, share of the CINC sum), leading first
    cinc_sum: float
    n_states: int
    lead_cinc: float  # published CINC of the leading state
    series: pd.DataFrame  # years with a major-power CON
    peak: pd.Series
    low: pd.Series


def bipolarity_facts(*, year: int = C.BIPOLAR_YEAR) -> BipolarityFacts:
    """Compute the section's facts (NMC 7.0 through :func:`blocs.measures.system_polarity`).

    Parameters
    ----------
    year : int, default 1949
        The year of the shares and of the concentration index.

    Returns
    -------
    BipolarityFacts
        Leading states' shares (CINC divided by the sum of all states' CINC that year), the sum
        itself, the number of states, and the major-power CON series with its peak and low.
    """
    pol = system_polarity(years=(C.FIRST_YEAR, C.LAST_YEAR), n_leading=C.N_LEADING)
    row = pol.set_index("year").loc[year]
    top = tuple((as_int(row[f"top{k}_ccode"]), as_float(row[f"top{k}_share"])) for k in range(1, C.N_LEADING + 1))
    nmc = load("cow_nmc")
    year_nmc = nmc[nmc["year"] == year]
    series = pol.dropna(subset=["con_majors"])
    return BipolarityFacts(
        polarity=pol,
        nmc=nmc,
        year=year,
        top=top,
        cinc_sum=float(year_nmc["cinc"].sum()),
        n_states=int(year_nmc["cinc"].notna().sum()),
        lead_cinc=as_float(year_nmc.loc[year_nmc["ccode"] == top[0][0], "cinc"].iloc[0]),
        series=series,
        peak=series.iloc[int(series["con_majors"].to_numpy().argmax())],
        low=series.iloc[int(series["con_majors"].to_numpy().argmin())],
    )


def build_bipolarity(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    ctx.cache.setdefault("methods", []).append(system_polarity)
    f = bipolarity_facts()
    yr, pol, series = f.year, f.polarity, f.series
    row = pol.set_index("year").loc[yr]
    names = state_names(year=yr)
    call = f"blocs.measures.system_polarity(years=({C.FIRST_YEAR}, {C.LAST_YEAR}), n_leading={C.N_LEADING})"
    n = ctx.numbers.section(ID)
    src = [pol]

    top: list[tuple[int, float, Markup]] = []
    rows = []
    for k, (code, share) in enumerate(f.top, start=1):
        m = n.add(key=f"share_{yr}.{code}", value=share, label=f"share of system capabilities of {names[code]}, {yr}",
                  sources=src, method=f"{call}: top{k}_share (CINC / sum of all states' CINC)", fmt="{:.1%}")
        top.append((code, share, m))
        rows.append((str(k), f"{names[code]} ({code})", m))
    res.tables.append(
        Table(
            f"The {C.N_LEADING} leading states by share of system capabilities, {yr} (CINC ÷ the sum of all "
            "states' CINC that year)",
            ("rank", "state", "share"),
            tuple(rows),
        )
    )
    majors = [names[int(c)] for c in str(row["majors"]).split(",") if c.strip()]
    v = {
        "yr": Markup(str(yr)),
        "a": names[top[0][0]], "sa": top[0][2], "b": names[top[1][0]], "sb": top[1][2],
        "c": names[top[2][0]], "sc": top[2][2],
        "two": n.add(key=f"top2_share_{yr}", value=top[0][1] + top[1][1],
                     label=f"combined share of the two leading states, {yr}", sources=src,
                     method=f"{call}: top1_share + top2_share", fmt="{:.1%}"),
        "con": n.add(key=f"con_majors_{yr}", value=as_float(row["con_majors"]),
                     label=f"CON among the major powers, {yr}",
                     sources=src, method=f"{call}: con_majors = sqrt((Σ S_i² − 1/N) / (1 − 1/N)) over the major powers",
                     fmt="{:.2f}"),
        "enp": n.add(key=f"enp_majors_{yr}", value=as_float(row["enp_majors"]),
                     label=f"effective number of poles among the majors, {yr}", sources=src,
                     method=f"{call}: enp_majors = 1 / Σ S_i²", fmt="{:.1f}"),
        "maj": n.add(key=f"majors_{yr}", value=", ".join(majors), label=f"COW major powers, {yr}", sources=src,
                     method=f"{call}: majors"),
        "tot": n.add(key=f"cinc_sum_{yr}", value=f.cinc_sum, label=f"sum of all states' published CINC, {yr}",
                     sources=[f.nmc], method=f"sum of cinc over cow_nmc rows of {yr}", fmt="{:.4f}"),
        "n_states": n.add(key=f"n_states_{yr}", value=f.n_states, label=f"states with a CINC in {yr}",
                          sources=[f.nmc], method=f"count of cow_nmc rows of {yr} with cinc"),
        "raw": n.add(key=f"cinc_{yr}.{top[0][0]}", value=f.lead_cinc,
                     label=f"published CINC of {names[top[0][0]]}, {yr}",
                     sources=[f.nmc], method=f"cinc of ccode {top[0][0]} in cow_nmc, {yr}", fmt="{:.4f}"),
        "f": n.add(key="con_first_year", value=int(series["year"].min()), label="first year of the CON series",
                   sources=src, method=call),
        "l": n.add(key="con_last_year", value=int(series["year"].max()),
                   label="last year with major-power CON (COW majors v2016)", sources=src, method=call),
        "py": n.add(key="con_peak_year", value=as_int(f.peak["year"]), label="year of the highest major-power CON",
                    sources=src, method=f"{call}: argmax"),
        "pv": n.add(key="con_peak", value=as_float(f.peak["con_majors"]), label="highest major-power CON", sources=src,
                    method=f"{call}: max", fmt="{:.2f}"),
        "ly": n.add(key="con_low_year", value=as_int(f.low["year"]), label="year of the lowest major-power CON",
                    sources=src, method=f"{call}: argmin"),
        "lv": n.add(key="con_low", value=as_float(f.low["con_majors"]), label="lowest major-power CON", sources=src,
                    method=f"{call}: min", fmt="{:.2f}"),
    }
    res.paragraphs.extend(paragraphs(ID, v=v, few_poles=as_float(row["enp_majors"]) < 3))

    fig, (ax1, ax2) = new_figure(2, height=2.5, sharex=False)
    colors = [
        COLORS["usa"]
        if c == C.USA
        else COLORS["ussr"]
        if c == C.USSR
        else COLORS["china"]
        if c == C.CHINA
        else COLORS["other"]
        for c, _, _ in top
    ]
    ax1.barh([names[c] for c, _, _ in top][::-1], [s for _, s, _ in top][::-1], color=colors[::-1])
    ax1.set_xlabel(f"share of system capabilities (CINC), {yr}")
    ax1.set_title(f"Leading states, {yr}")
    ax2.plot(series["year"], series["con_majors"], color=COLORS["ussr"], label="CON (major powers)")
    ax2.axvline(yr, color=COLORS["china"], lw=0.8, ls="--")
    ax2b = ax2.twinx()
    ax2b.plot(series["year"], series["enp_majors"], color=COLORS["accent"], ls=":", label="effective number of poles")
    ax2.set_ylabel("CON")
    ax2b.set_ylabel("effective poles")
    ax2.set_title("Concentration of capabilities among the major powers")
    lines = ax2.get_legend_handles_labels()
    lines2 = ax2b.get_legend_handles_labels()
    ax2.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper right")
    ax2.set_xlabel("year")
    res.figures.append(
        ctx.figure(
            fig,
            "bipolarity",
            caption=f"Leading states' shares in {yr}; concentration (CON) and effective "
            "number of poles among the COW major powers per year.",
            alt="Bar chart of leading states' capability shares and line chart of CON over time",
            sources=[pol],
            method=call,
        )
    )
    return res
