"""Section 1 — bipolarity in 1949: power shares of the leading states and system concentration."""

from __future__ import annotations

from markupsafe import Markup

from blocs.data import load
from blocs.measures import system_polarity
from blocs.report import _choices as C
from blocs.report._common import as_float, as_int, state_names
from blocs.report._figures import COLORS, new_figure
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["build_bipolarity"]

ID = "bipolarity"


def build_bipolarity(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    N = ctx.numbers
    yr = C.BIPOLAR_YEAR
    pol = system_polarity(years=(C.FIRST_YEAR, C.LAST_YEAR), n_leading=C.N_LEADING)
    ctx.cache.setdefault("methods", []).append(system_polarity)
    row = pol.set_index("year").loc[yr]
    names = state_names(year=yr)
    call = f"blocs.measures.system_polarity(years=({C.FIRST_YEAR}, {C.LAST_YEAR}), n_leading={C.N_LEADING})"

    def num(key: str, value: object, label: str, fmt: str = "{}", method: str = call) -> Markup:
        return N.add(f"bipolarity.{key}", value, label=label, section=ID, sources=[pol], method=method, fmt=fmt)

    rows = []
    top: list[tuple[int, float, Markup]] = []
    for k in range(1, C.N_LEADING + 1):
        code, share = as_int(row[f"top{k}_ccode"]), as_float(row[f"top{k}_share"])
        m = num(
            f"share_{yr}.{code}",
            share,
            f"share of system capabilities of {names[code]}, {yr}",
            "{:.1%}",
            method=f"{call}: top{k}_share",
        )
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
    two = num(
        f"top2_share_{yr}",
        top[0][1] + top[1][1],
        f"combined share of the two leading states, {yr}",
        "{:.1%}",
        method=f"{call}: top1_share + top2_share",
    )
    con = num(
        f"con_majors_{yr}",
        as_float(row["con_majors"]),
        f"CON among the major powers, {yr}",
        "{:.2f}",
        method=f"{call}: con_majors = sqrt((Σ S_i² − 1/N) / (1 − 1/N)) over the major powers",
    )
    enp = num(
        f"enp_majors_{yr}",
        as_float(row["enp_majors"]),
        f"effective number of poles among the majors, {yr}",
        "{:.1f}",
        method=f"{call}: enp_majors = 1 / Σ S_i²",
    )
    majors = [names[int(c)] for c in str(row["majors"]).split(",") if c.strip()]
    maj = num(f"majors_{yr}", ", ".join(majors), f"COW major powers, {yr}", method=f"{call}: majors")
    res.paragraphs.append(
        Markup(
            "In {yr} the two leading states, {a} ({sa}) and {b} ({sb}), held {two} of the system's material "
            "capabilities (CINC). Among the major powers of the year ({maj}) the Singer–Bremer–Stuckey "
            "concentration index stood at {con} and the effective number of poles at {enp}{poles}. "
            "{c} came third ({sc}) — the People's Republic inherited the "
            "third-largest power base in the system, not a negligible one."
        ).format(
            yr=yr,
            a=names[top[0][0]],
            sa=top[0][2],
            b=names[top[1][0]],
            sb=top[1][2],
            two=two,
            maj=maj,
            con=con,
            enp=enp,
            poles=Markup(": fewer than three effective poles") if as_float(row["enp_majors"]) < 3 else Markup(""),
            c=names[top[2][0]],
            sc=top[2][2],
        )
    )
    nmc = load("cow_nmc")
    year_nmc = nmc[nmc["year"] == yr]
    total = N.add(
        f"bipolarity.cinc_sum_{yr}",
        float(year_nmc["cinc"].sum()),
        label=f"sum of all states' published CINC, {yr}",
        section=ID,
        sources=[nmc],
        method=f"sum of cinc over cow_nmc rows of {yr}",
        fmt="{:.4f}",
    )
    n_states = N.add(
        f"bipolarity.n_states_{yr}",
        int(year_nmc["cinc"].notna().sum()),
        label=f"states with a CINC in {yr}",
        section=ID,
        sources=[nmc],
        method=f"count of cow_nmc rows of {yr} with cinc",
    )
    lead = top[0][0]
    raw = N.add(
        f"bipolarity.cinc_{yr}.{lead}",
        float(year_nmc.loc[year_nmc["ccode"] == lead, "cinc"].iloc[0]),
        label=f"published CINC of {names[lead]}, {yr}",
        section=ID,
        sources=[nmc],
        method=f"cinc of ccode {lead} in cow_nmc, {yr}",
        fmt="{:.4f}",
    )
    res.paragraphs.append(
        Markup(
            "<em>What the shares are.</em> A state's share is its CINC divided by the sum of the CINC of all "
            "{n} states in {yr}. CINC is itself the mean of a state's shares of the six NMC components, so the "
            "published values should sum to 1, but rounding and missing components make them sum to {tot} in "
            "{yr}; dividing by that sum makes the shares add up to exactly 1 ({a}: published CINC {raw}, share "
            "{sa})."
        ).format(n=n_states, yr=yr, tot=total, a=names[lead], raw=raw, sa=top[0][2])
    )
    series = pol.dropna(subset=["con_majors"])
    peak = series.iloc[int(series["con_majors"].to_numpy().argmax())]
    low = series.iloc[int(series["con_majors"].to_numpy().argmin())]
    res.paragraphs.append(
        Markup(
            "Across {f}–{l}, concentration among the majors peaked in {py} ({pv}) and was lowest in {ly} ({lv}). "
            "CON is computed over the COW major powers of each year, so it also moves when that list changes."
        ).format(
            f=num("con_first_year", int(series["year"].min()), "first year of the CON series", method=call),
            l=num(
                "con_last_year",
                int(series["year"].max()),
                "last year with major-power CON (COW majors v2016)",
                method=call,
            ),
            py=num("con_peak_year", int(peak["year"]), "year of the highest major-power CON", method=f"{call}: argmax"),
            pv=num("con_peak", float(peak["con_majors"]), "highest major-power CON", "{:.2f}", method=f"{call}: max"),
            ly=num("con_low_year", int(low["year"]), "year of the lowest major-power CON", method=f"{call}: argmin"),
            lv=num("con_low", float(low["con_majors"]), "lowest major-power CON", "{:.2f}", method=f"{call}: min"),
        )
    )

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
