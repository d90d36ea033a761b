"""Section 4 — the alignment timeline of the USSR/Russia–China dyad."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._meta import declare, meta_of, with_meta
from blocs.data import get_dataset
from blocs.measures import add_similarity, add_un_agreement
from blocs.models import create_alliance_spells
from blocs.report import _choices as C
from blocs.report._common import as_float, as_int, spans
from blocs.report._disputes import DisputeCount, disputes_between, disputes_in_window
from blocs.report._figures import COLORS, new_figure, shade_spans
from blocs.report._ideal import add_ideal_point_part
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table
from blocs.system import add_atop_alliance, add_cow_mids, add_cow_trade, add_strategic_rivalries

__all__ = [
    "TimelineFacts",
    "timeline_facts",
    "build_timeline",
    "dyad_disputes",
    "dyad_rivalries",
    "dyad_trade",
    "dyad_years",
    "sino_soviet_treaty",
]

ID = "timeline"
HOSTLEV = {1: "no militarized action", 2: "threat to use force", 3: "display of force", 4: "use of force", 5: "war"}
FATALITY = {
    0: "no deaths",
    1: "1–25 deaths",
    2: "26–100 deaths",
    3: "101–250 deaths",
    4: "251–500 deaths",
    5: "501–999 deaths",
    6: "over 999 deaths",
}
ADDERS = "blocs.system add_atop_alliance, add_cow_mids, add_strategic_rivalries, add_cow_trade"


def dyad_years(*, first: int = 1816, last: int = C.LAST_YEAR) -> pd.DataFrame:
    """The non-directed 365–710 dyad-years with alliance, dispute, rivalry and trade columns.

    Built with the ``blocs.system`` enrichments; years a source does not cover are missing.
    """
    frame = pd.DataFrame({"ccode1": C.DYAD[0], "ccode2": C.DYAD[1], "year": np.arange(first, last + 1)})
    table = declare(frame, unit="dyad_year", system="cow", directed=False)
    table = add_cow_mids(add_atop_alliance(table))
    # The report follows Thompson & Dreyer (2012), as its prose says.
    table = add_strategic_rivalries(table, source="td")
    return add_cow_trade(table)


def sino_soviet_treaty(spells: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 1950 treaty: the first ATOP defence pact of exactly 365 and 710 begun in or after 1949.

    One row of :func:`blocs.models.create_alliance_spells` (``atopid, start, end, duration_years`` …).
    """
    sp = create_alliance_spells() if spells is None else spells
    pair = sp[
        sp["members"].map(lambda m: tuple(sorted(m)) == tuple(sorted(C.DYAD)))
        & (sp["defense"] == 1)
        & (sp["start"].dt.year >= C.BIPOLAR_YEAR)
    ]
    return with_meta(pair.sort_values("start").head(1).reset_index(drop=True), meta_of(sp))


def dyad_rivalries(dy: pd.DataFrame) -> pd.DataFrame:
    """Strategic rivalry spells of the dyad (add_strategic_rivalries): ``rivalryno, types, styear, endyear``."""
    on = dy[dy["ongoingrivalry"] == 1]
    rows = [
        (
            int(g["rivalryno"].iloc[0]),
            ", ".join(sorted(set(g["rivalrytype"].dropna().astype(str)))),
            int(g["year"].min()),
            int(g["year"].max()),
        )
        for _, g in on.groupby("rivalryno")
    ]
    out = pd.DataFrame(rows, columns=["rivalryno", "types", "styear", "endyear"]).sort_values("styear")
    return with_meta(out.reset_index(drop=True), meta_of(dy))


def dyad_disputes(dy: pd.DataFrame) -> pd.DataFrame:
    """MID onsets of the dyad since 1946 (add_cow_mids): ``year, dispnum, hostlev, fatality`` of the dispute."""
    on = dy[(dy["year"] >= C.FIRST_YEAR) & (dy["cowmidonset"] == 1)]
    out = pd.DataFrame(
        {
            "year": on["year"].to_numpy("int64"),
            "dispnum": on["cowmid_dispnum"].to_numpy(),
            "hostlev": on["cowmid_hostlev"].to_numpy(),
            "fatality": on["cowmid_fatality"].to_numpy(),
        }
    )
    return with_meta(out, meta_of(dy))


def dyad_trade(dy: pd.DataFrame) -> pd.DataFrame:
    """Total recorded trade of the dyad per year since 1946 (add_cow_trade, current million USD)."""
    sub = dy[dy["year"] >= C.FIRST_YEAR].dropna(subset=["flow1", "flow2"])
    out = pd.DataFrame({"year": sub["year"].to_numpy("int64"), "trade": (sub["flow1"] + sub["flow2"]).to_numpy(float)})
    return with_meta(out, meta_of(dy))


@dataclass(frozen=True)
class TimelineFacts:
    """The 365–710 dyad: the treaty, rivalries, disputes (counted by start date) and trade."""

    dyad: pd.DataFrame  # dyad_years()
    treaty: pd.DataFrame  # one row of create_alliance_spells()
    rivalries: pd.DataFrame  # spells ending in or after 1946
    disputes: pd.DataFrame  # disputes_between(365, 710)
    window: DisputeCount  # those that began while the treaty was in force
    onsets: pd.DataFrame  # dyad_disputes(): one dispute per dyad-year (for the 1969 record and the figure)
    trade: pd.DataFrame


def timeline_facts(*, spells: pd.DataFrame | None = None) -> TimelineFacts:
    """Compute the timeline's facts from blocs functions.

    Parameters
    ----------
    spells : DataFrame, optional
        :func:`blocs.models.create_alliance_spells` when already computed.

    Returns
    -------
    TimelineFacts
        The dyad-years, the 1950 treaty, the rivalry spells since 1946, every MID 5.0 dispute
        of the two on opposite sides and those that began during the treaty, and recorded trade.
    """
    dy = dyad_years()
    treaty = sino_soviet_treaty(spells)
    riv_all = dyad_rivalries(dy)
    disputes = disputes_between(*C.DYAD)
    t0, t1 = treaty["start"].iloc[0], treaty["end"].iloc[0]
    return TimelineFacts(
        dyad=dy,
        treaty=treaty,
        rivalries=with_meta(riv_all[riv_all["endyear"] >= C.FIRST_YEAR].reset_index(drop=True), meta_of(riv_all)),
        disputes=disputes,
        window=disputes_in_window(disputes, first=t0, last=t1),
        onsets=dyad_disputes(dy),
        trade=dyad_trade(dy),
    )


def build_timeline(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    ctx.cache.setdefault("methods", []).extend(
        [create_alliance_spells, add_atop_alliance, add_cow_mids, add_strategic_rivalries, add_cow_trade]
    )
    ctx.step("the 365–710 dyad-years: alliances, disputes, rivalries, trade")
    f = timeline_facts(spells=ctx.cached("alliance_spells", create_alliance_spells))
    treaty, riv, mids, trade, window = f.treaty, f.rivalries, f.onsets, f.trade, f.window
    t0, t1 = treaty["start"].iloc[0], treaty["end"].iloc[0]
    n = ctx.numbers.section(ID)
    tsrc = [treaty]
    kinds = (
        ("defense", "defence"),
        ("offense", "offence"),
        ("neutral", "neutrality"),
        ("nonagg", "non-aggression"),
        ("consul", "consultation"),
    )
    v: dict[str, Markup] = {
        "ts": n.add(
            key="treaty_start_year",
            value=int(t0.year),
            label="year the 1950 treaty took effect",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): start of the treaty (report.sino_soviet_treaty)",
        ),
        "te": n.add(
            key="treaty_end_year",
            value=int(t1.year),
            label="year the 1950 treaty ended",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): end of the treaty",
        ),
        "tid": n.add(
            key="treaty_atopid",
            value=as_int(treaty["atopid"].iloc[0]),
            label="ATOP id of the 1950 treaty",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): atopid",
        ),
        "dates": n.add(
            key="treaty_dates",
            value=f"{t0:%d %B %Y} – {t1:%d %B %Y}",
            label="dates of the 1950 treaty",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): start and end dates",
        ),
        "tl": n.add(
            key="treaty_years",
            value=round(as_float(treaty["duration_years"].iloc[0]), 1),
            label="length of the treaty in years",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): duration_years",
            fmt="{:.1f}",
        ),
        "obl": n.add(
            key="treaty_obligations",
            value=" and ".join(name for col, name in kinds if as_int(treaty[col].iloc[0]) == 1),
            label="obligations of the 1950 treaty at formation",
            sources=tsrc,
            method="blocs.models.create_alliance_spells(): defense/offense/neutral/nonagg/consul",
        ),
    }
    after = riv[riv["styear"] >= C.ALLIANCE_YEAR]
    if len(after):
        r = after.iloc[0]
        v["r0"] = n.add(
            key="rivalry_start",
            value=as_int(r["styear"]),
            label="first year of the Sino-Soviet strategic rivalry",
            sources=[riv],
            method=f"add_strategic_rivalries: start of the first rivalry spell beginning ≥ {C.ALLIANCE_YEAR}",
        )
        v["r1"] = n.add(
            key="rivalry_end",
            value=as_int(r["endyear"]),
            label="last year of the Sino-Soviet strategic rivalry",
            sources=[riv],
            method="add_strategic_rivalries: last year of the rivalry spell",
        )
        v["types"] = Markup(str(r["types"]))
        overlap = max(0, min(as_int(r["endyear"]), int(t1.year)) - max(as_int(r["styear"]), int(t0.year)) + 1)
        v["overlap"] = n.add(
            key="rivalry_alliance_overlap_years",
            value=overlap,
            label="years in which the dyad was both allied and strategic rivals",
            sources=[riv, treaty],
            method="|[rivalry start, rivalry end] ∩ [treaty start, treaty end]| in years",
        )
        before = riv[riv["styear"] < C.ALLIANCE_YEAR]
        if len(before):
            b = before.iloc[-1]
            v["b0"] = n.add(
                key="earlier_rivalry_start",
                value=as_int(b["styear"]),
                label="first year of the earlier Russia–China rivalry",
                sources=[riv],
                method="add_strategic_rivalries: first year of the rivalry spell",
            )
            v["b1"] = n.add(
                key="earlier_rivalry_end",
                value=as_int(b["endyear"]),
                label="last year of the earlier Russia–China rivalry",
                sources=[riv],
                method="add_strategic_rivalries: last year of the rivalry spell",
            )

    rule = (
        "blocs.report.disputes_in_window: MID 5.0 disputes (cow_mid_b) with 365 and 710 on opposite sides whose "
        "start for the pair (the later participant start date) lies between the treaty's entry into force and its end"
    )
    v["n_all"] = n.add(
        key="disputes_during_alliance",
        value=window.n,
        label="militarized disputes between the allies that began while the treaty was in force",
        sources=[f.disputes],
        method=rule,
    )
    v["n_unc"] = n.add(
        key="disputes_during_alliance_uncertain",
        value=len(window.uncertain),
        label="disputes whose unknown start day leaves it open whether they began in the treaty's years",
        sources=[f.disputes],
        method=rule + "; start month straddles an end of the window",
    )
    v["first_mid"] = n.add(
        key="first_dispute_during_alliance",
        value=f"{window.inside['earliest'].min():%B %Y}",
        label="first dispute between the allies during the treaty",
        sources=[f.disputes],
        method="earliest pair start date among those disputes",
    )
    y69 = mids[mids["year"] == 1969]
    if len(y69):
        d = y69.iloc[0]
        v["m69"] = n.add(
            key="mid_1969_dispnum",
            value=as_int(d["dispnum"]),
            label="COW MID number of the 1969 border clashes",
            sources=[mids],
            method="add_cow_mids: cowmid_dispnum, 1969",
        )
        v["h69"] = n.add(
            key="mid_1969_hostlev",
            value=HOSTLEV[as_int(d["hostlev"])],
            label="hostility level of the 1969 MID",
            sources=[mids],
            method="add_cow_mids: cowmid_hostlev (1–5)",
        )
        v["f69"] = n.add(
            key="mid_1969_fatality",
            value=FATALITY[as_int(d["fatality"])],
            label="fatality level of the 1969 MID",
            sources=[mids],
            method="add_cow_mids: cowmid_fatality",
        )
    res.tables.append(_dispute_table(f.disputes, window))

    if len(trade):
        early = trade[(trade["trade"] > 0) & (trade["year"] <= t1.year)]
        if len(early):
            peak = early.iloc[int(early["trade"].to_numpy().argmax())]
            v["pe"] = n.add(
                key="trade_alliance_peak",
                value=as_float(peak["trade"]),
                label="highest recorded trade during the treaty (million USD)",
                sources=[trade],
                method="max(flow1 + flow2) over treaty years, add_cow_trade",
                fmt="{:,.0f}",
            )
            v["pey"] = n.add(
                key="trade_alliance_peak_year",
                value=as_int(peak["year"]),
                label="year of that peak",
                sources=[trade],
                method="argmax year",
            )
        last = trade.iloc[-1]
        v["lt"] = n.add(
            key="trade_last",
            value=as_float(last["trade"]),
            label="trade in the last year of COW trade data (million USD)",
            sources=[trade],
            method="flow1 + flow2, add_cow_trade",
            fmt="{:,.0f}",
        )
        v["lty"] = n.add(
            key="trade_last_year",
            value=as_int(last["year"]),
            label="last year of COW trade data",
            sources=[trade],
            method="last year with trade flows (add_cow_trade)",
        )
    res.paragraphs.extend(paragraphs(ID, v=v))

    _figure(ctx, res, treaty, riv, mids, trade)
    _alignment(ctx, res)
    add_ideal_point_part(ctx, res)
    return res


def _dispute_table(disputes: pd.DataFrame, window: DisputeCount) -> Table:
    def lev(value: Any) -> str:
        return HOSTLEV.get(as_int(value), str(value)) if pd.notna(value) else "not coded"

    def when(d: pd.Series) -> str:
        return f"{d['earliest']:%Y-%m}" if pd.isna(d["start_day"]) else f"{d['earliest']:%Y-%m-%d}"

    inside = set(window.inside["dispnum"])
    rows = []
    for _, d in disputes[disputes["start_year"] >= C.FIRST_YEAR].iterrows():
        fat = FATALITY.get(as_int(d["fatality"]), str(d["fatality"])) if pd.notna(d["fatality"]) else "not coded"
        rows.append(
            (
                when(d),
                str(as_int(d["dispnum"])),
                "yes" if as_int(d["dispnum"]) in inside else "no",
                lev(d["hostlev"]),
                fat,
            )
        )
    return Table(
        "Militarized interstate disputes between the USSR/Russia and China since 1946 (MID 5.0, opposite sides; "
        "start = the day both were in the dispute)",
        (
            "start",
            "MID",
            "began while the treaty was in force",
            "highest hostility in the dispute",
            "fatalities in the dispute",
        ),
        tuple(rows),
    )


PAIRS = ((C.USA, C.USSR), (C.USA, C.CHINA), C.DYAD)
PAIR_LABEL = {PAIRS[0]: "US–USSR/Russia", PAIRS[1]: "US–China", PAIRS[2]: "China–USSR/Russia"}
PAIR_COLOR = {PAIRS[0]: COLORS["usa"], PAIRS[1]: COLORS["accent"], PAIRS[2]: COLORS["china"]}


def _triad_years() -> pd.DataFrame:
    """The three non-directed dyads of the triangle, every year of the timeline."""
    years = np.arange(C.FIRST_YEAR, C.LAST_YEAR + 1)
    frame = pd.DataFrame([(a, b, y) for a, b in PAIRS for y in years], columns=["ccode1", "ccode2", "year"])
    return declare(frame, unit="dyad_year", system="cow", directed=False)


def _period_mean(table: pd.DataFrame, col: str, pair: tuple[int, int], first: int, last: int) -> float | None:
    sel = table[(table["ccode1"] == pair[0]) & (table["ccode2"] == pair[1]) & table["year"].between(first, last)]
    vals = sel[col].dropna()
    return float(vals.mean()) if len(vals) else None


def _alignment(ctx: Context, res: SectionResult) -> None:
    """UN agreement and alliance-portfolio similarity of the three dyads (numbers, table, prose)."""
    n = ctx.numbers.section(ID)
    triad = _triad_years()
    panels: list[tuple[str, pd.DataFrame, str, str]] = []
    ctx.step("UN General Assembly agreement of the three dyads, 1946–2019")
    un = add_un_agreement(triad)
    ctx.cache["un_triad"] = un  # the roles-reversed section reads its 1992– years
    ctx.cache.setdefault("methods", []).extend([add_un_agreement, add_similarity])
    last_un = int(un.dropna(subset=["un_agree"])["year"].max())
    periods = ((C.UN_FIRST_YEAR, C.COLD_WAR_END), (C.COLD_WAR_END + 1, last_un))
    cells: dict[tuple[tuple[int, int], int], Markup] = {}
    means: dict[tuple[tuple[int, int], int], float] = {}
    for pair in PAIRS:
        for a, b in periods:
            mean = _period_mean(un, "un_agree", pair, a, b)
            if mean is not None:
                means[(pair, a)] = mean
                cells[(pair, a)] = n.add(
                    key=f"un_agree.{pair[0]}_{pair[1]}.{a}_{b}",
                    value=mean,
                    label=f"mean UN agreement {PAIR_LABEL[pair]}, {a}–{b}",
                    sources=[un],
                    method=f"mean over years of blocs.measures.add_un_agreement(...).un_agree, {a}–{b}",
                    fmt="{:.0%}",
                )
    rows = tuple((PAIR_LABEL[pair], *(cells.get((pair, a), "no votes") for a, _ in periods)) for pair in PAIRS)
    res.tables.append(
        Table(
            "Mean UN General Assembly agreement (abstention = half agreement)",
            ("dyad", *(f"{a}–{b}" for a, b in periods)),
            rows,
        )
    )
    panels.append(("UN agreement (share of votes)", un, "un_agree", "agreement"))
    a0, a1 = periods[0][0], periods[1][0]
    together = all(k in means for k in ((PAIRS[0], a0), (PAIRS[1], a0), (C.DYAD, a0))) and means[(C.DYAD, a0)] > max(
        means[(PAIRS[0], a0)], means[(PAIRS[1], a0)]
    )

    # portfolios need the state system of the year: stop where cw_system ends
    sys_last = (get_dataset("cw_system").coverage or (0, C.LAST_YEAR))[1]
    ctx.step("alliance-portfolio similarity of the three dyads")
    sim = add_similarity(triad[triad["year"] <= sys_last], source="atop", measures=["kappa_abs"])
    col = "atop_kappa_abs"
    years = (C.ALLIANCE_YEAR, C.ALLIANCE_YEAR + 10, C.UN_FIRST_YEAR + 14)
    kappa: dict[int, Markup] = {}
    for y in years:
        row = sim[(sim["ccode1"] == C.DYAD[0]) & (sim["ccode2"] == C.DYAD[1]) & (sim["year"] == y)][col].dropna()
        if len(row):
            kappa[y] = n.add(
                key=f"atop_kappa.{y}",
                value=as_float(row.iloc[0]),
                label=f"alliance-portfolio similarity (Cohen's kappa) China–USSR/Russia, {y}",
                sources=[sim],
                method="blocs.measures.add_similarity(source='atop', measures=['kappa_abs'])",
                fmt="{:.2f}",
            )
    panels.append(("alliance-portfolio similarity (kappa)", sim, col, "kappa"))
    res.paragraphs.extend(
        paragraphs(
            "timeline_alignment",
            periods=periods,
            cs0=cells.get((C.DYAD, a0)),
            cu0=cells.get((PAIRS[1], a0)),
            cs1=cells.get((C.DYAD, a1)),
            cu1=cells.get((PAIRS[1], a1)),
            together=together,
            kappa=[(y, kappa[y]) for y in years] if len(kappa) == len(years) else [],
        )
    )
    if not panels:
        return
    fig, axes = new_figure(len(panels), height=2.3)
    axes = np.atleast_1d(axes)
    for ax, (title, table, col, ylabel) in zip(axes, panels, strict=True):
        for pair in PAIRS:
            sel = table[(table["ccode1"] == pair[0]) & (table["ccode2"] == pair[1])]
            ax.plot(sel["year"], sel[col], color=PAIR_COLOR[pair], label=PAIR_LABEL[pair], marker=".", ms=3)
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        ax.set_xlim(C.FIRST_YEAR - 1, C.LAST_YEAR + 1)
    axes[-1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3)
    axes[-1].set_xlabel("year")
    res.figures.append(
        ctx.figure(
            fig,
            "alignment",
            caption="UN General Assembly agreement and alliance-portfolio similarity of the "
            "three dyads of the triangle (gaps: no data).",
            alt="Line charts of UN agreement and alliance similarity for US-USSR, US-China and China-USSR",
            sources=[t for _, t, _, _ in panels],
            method="blocs.measures.add_un_agreement, blocs.measures.add_similarity on the three dyad-years",
        )
    )


def _figure(
    ctx: Context, res: SectionResult, treaty: pd.DataFrame, riv: pd.DataFrame, mids: pd.DataFrame, trade: pd.DataFrame
) -> None:
    fig, (ax1, ax2) = new_figure(2, height=2.3)
    t0, t1 = int(treaty["start"].iloc[0].year), int(treaty["end"].iloc[0].year)
    ax1.broken_barh([(t0, t1 - t0 + 1)], (2, 0.8), color=COLORS["alliance"])
    ax1.broken_barh(
        [(int(a), int(b) - int(a) + 1) for a, b in zip(riv["styear"], riv["endyear"], strict=True)],
        (1, 0.8),
        color=COLORS["rivalry"],
    )
    ax1.scatter(mids["year"] + 0.5, [0.4] * len(mids), color=COLORS["dispute"], s=14, zorder=3)
    ax1.set_yticks([0.4, 1.4, 2.4], ["MID onset", "strategic rivalry", "alliance (ATOP)"])
    ax1.set_ylim(-0.2, 3)
    ax1.set_title("Alliance, rivalry and disputes")
    ax2.plot(trade["year"], trade["trade"].where(trade["trade"] > 0), marker=".", color=COLORS["ussr"])
    ax2.set_yscale("log")
    ax2.set_ylabel("trade, million USD (log)")
    ax2.set_title("Recorded trade (gaps: no data or zero)")
    shade_spans(ax2, spans(range(t0, t1 + 1)), color=COLORS["alliance"], label="treaty in force")
    ax2.legend(loc="upper left")
    ax2.set_xlim(C.FIRST_YEAR - 1, C.LAST_YEAR + 1)
    ax2.set_xlabel("year")
    res.figures.append(
        ctx.figure(
            fig,
            "timeline",
            caption="The USSR/Russia–China dyad: the treaty, strategic rivalries, MID onsets and recorded trade.",
            alt="Timeline of the Sino-Soviet alliance, strategic rivalry, disputes and trade",
            sources=[treaty, riv, mids, trade],
            method="sino_soviet_treaty, dyad_rivalries, dyad_disputes, dyad_trade",
        )
    )
