"""Section 1 — bipolarity in 1949: power shares of the leading states and system concentration."""

from __future__ import annotations

from markupsafe import Markup

from blocs.data import load
from blocs.report import _choices as C
from blocs.report._common import state_names
from blocs.report._figures import COLORS, new_figure
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["build_bipolarity"]

ID = "bipolarity"
TITLE = "Bipolarity in 1949"
NEEDS_POLARITY = "system concentration (CON) per year; similarity helper, issue 3"


def build_bipolarity(ctx: Context) -> SectionResult:
    res = SectionResult(ID, TITLE)
    N = ctx.numbers
    nmc = load("cow_nmc")
    yr = C.BIPOLAR_YEAR
    names = state_names(year=yr)
    year_rows = nmc[nmc["year"] == yr].dropna(subset=["cinc"]).sort_values("cinc", ascending=False)
    top = year_rows.head(C.N_LEADING)
    method = f"CINC of {yr} from cow_nmc (a state's average share of the six world capability totals)"
    rows = []
    shown = {}
    for rank, (code, cinc) in enumerate(zip(top["ccode"], top["cinc"], strict=True), start=1):
        m = N.add(
            f"bipolarity.cinc_{yr}.{int(code)}",
            float(cinc),
            label=f"CINC share of {names[int(code)]}, {yr}",
            section=ID,
            sources=[nmc],
            method=method,
            fmt="{:.1%}",
        )
        shown[int(code)] = m
        rows.append((str(rank), f"{names[int(code)]} ({int(code)})", m))
    res.tables.append(Table(f"The {C.N_LEADING} leading states by CINC, {yr}", ("rank", "state", "CINC"), tuple(rows)))
    us, su = float(top["cinc"].iloc[0]), float(top["cinc"].iloc[1])
    two = N.add(
        f"bipolarity.top2_share_{yr}",
        us + su,
        label=f"combined CINC share of the two leading states, {yr}",
        section=ID,
        sources=[nmc],
        method="sum of the two largest CINC values of the year",
        fmt="{:.1%}",
    )
    lead = [names[int(c)] for c in top["ccode"].iloc[:3]]
    res.paragraphs.append(
        Markup(
            "In {yr} the two leading states, {a} ({sa}) and {b} ({sb}), held {two} of the world's material "
            "capabilities between them. {c} came third ({sc}): on the CINC scale the new People's Republic "
            "inherited the third-largest power base in the system, not a negligible one."
        ).format(
            yr=yr,
            a=lead[0],
            sa=shown[int(top["ccode"].iloc[0])],
            b=lead[1],
            sb=shown[int(top["ccode"].iloc[1])],
            two=two,
            c=lead[2],
            sc=shown[int(top["ccode"].iloc[2])],
        )
    )

    fig, ax = new_figure(height=2.8)
    colors = [
        COLORS["usa"]
        if c == C.USA
        else COLORS["ussr"]
        if c == C.USSR
        else COLORS["china"]
        if c == C.CHINA
        else COLORS["other"]
        for c in top["ccode"]
    ]
    ax.barh([names[int(c)] for c in top["ccode"]][::-1], top["cinc"].to_numpy()[::-1], color=colors[::-1])
    ax.set_xlabel(f"CINC, {yr} (share of world capabilities)")
    ax.set_title(f"Leading states, {yr}")
    res.figures.append(
        ctx.figure(
            fig,
            "bipolarity_shares",
            caption=f"CINC of the {C.N_LEADING} leading states in {yr} (NMC 7.0).",
            alt=f"Bar chart of the CINC shares of the {C.N_LEADING} leading states in {yr}",
            sources=[nmc],
            method=method,
        )
    )

    # CON and the effective number of poles come from blocs.measures.system_polarity (issue 3).
    res.missing.append(f"blocs.measures.system_polarity — {NEEDS_POLARITY}")
    return res
