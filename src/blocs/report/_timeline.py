"""Section 4 — the alignment timeline of the USSR/Russia–China dyad."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from blocs._meta import TableMeta, with_meta
from blocs.data import load
from blocs.report import _choices as C
from blocs.report._common import spans
from blocs.report._figures import COLORS, new_figure, shade_spans
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["build_timeline", "sino_soviet_treaty", "dyad_rivalries", "dyad_disputes"]

ID = "timeline"
TITLE = "The alignment timeline, 1946–today"
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


def sino_soviet_treaty() -> pd.DataFrame:
    """The 1950 treaty: the first bilateral ATOP defence pact of 365 and 710 begun after the PRC's founding.

    Returns one row per member with ``atopid, member, start, end`` (entry and exit dates).
    """
    m = load("atop4_members")
    pair = m[m["member"].isin(C.DYAD)]
    members = m.groupby("atopid")["member"].agg(frozenset)
    ids = [a for a, mem in members.items() if mem == frozenset(C.DYAD)]
    cand = pair[pair["atopid"].isin(ids) & (pair["defense"] == 1) & (pair["yrent"] >= C.BIPOLAR_YEAR)]
    first = cand.sort_values(["yrent", "moent"]).iloc[0]["atopid"]
    t = cand[cand["atopid"] == first].copy()
    t["start"] = pd.to_datetime(dict(year=t["yrent"], month=t["moent"], day=t["dayent"]))
    t["end"] = pd.to_datetime(dict(year=t["yrexit"], month=t["moexit"], day=t["dayexit"]))
    out = t[["atopid", "member", "start", "end", "defense", "nonagg", "consul"]].reset_index(drop=True)
    return with_meta(out, TableMeta(unit="other", sources=(m.attrs["blocs"].sources)))


def dyad_rivalries(*, dataset: str = "td_rivalries") -> pd.DataFrame:
    """Strategic rivalries of the dyad from Thompson–Dreyer: ``rivalryname, styear, endyear, type*``."""
    r = load(dataset)
    lo, hi = C.DYAD
    out = r[(r["ccode1"] == lo) & (r["ccode2"] == hi)].reset_index(drop=True)
    return with_meta(out, TableMeta(unit="other", sources=r.attrs["blocs"].sources))


def dyad_disputes() -> pd.DataFrame:
    """MID onsets in the dyad since 1946 (COW MID 5.0, one dispute per dyad-year, peacesciencer).

    ``hostlev`` and ``fatality`` describe the whole dispute; ``hostlev_china`` and
    ``hostlev_ussr`` each side's highest action.
    """
    d = load("cow_mid_ddydisps")
    lo, hi = C.DYAD
    sub = d[(d["ccode1"] == hi) & (d["ccode2"] == lo) & (d["year"] >= C.FIRST_YEAR) & (d["cowmidonset"] == 1)]
    cols = ["dispnum", "year", "stmon", "hostlev", "hostlev1", "hostlev2", "fatality", "maxdur"]
    out = sub[cols].rename(columns={"hostlev1": "hostlev_china", "hostlev2": "hostlev_ussr"}).reset_index(drop=True)
    return with_meta(out, TableMeta(unit="other", sources=d.attrs["blocs"].sources))


def dyad_trade() -> pd.DataFrame:
    """Total trade of the dyad per year (COW Trade 4.0, current million USD): ``year, trade``."""
    t = load("cow_trade_ndy")
    lo, hi = C.DYAD
    sub = t[(t["ccode1"] == lo) & (t["ccode2"] == hi) & (t["year"] >= C.FIRST_YEAR)].dropna(subset=["flow1", "flow2"])
    out = pd.DataFrame({"year": sub["year"].to_numpy(), "trade": (sub["flow1"] + sub["flow2"]).to_numpy(float)})
    return with_meta(out, TableMeta(unit="other", sources=t.attrs["blocs"].sources))


def build_timeline(ctx: Context) -> SectionResult:
    res = SectionResult(ID, TITLE)
    N = ctx.numbers

    treaty = sino_soviet_treaty()
    t0, t1 = treaty["start"].iloc[0], treaty["end"].iloc[0]
    tsrc = [treaty]
    t_start = N.add(
        "timeline.treaty_start_year",
        int(t0.year),
        label="year the 1950 treaty took effect",
        section=ID,
        sources=tsrc,
        method="atop4_members: yrent of the treaty (sino_soviet_treaty)",
    )
    t_end = N.add(
        "timeline.treaty_end_year",
        int(t1.year),
        label="year the 1950 treaty ended",
        section=ID,
        sources=tsrc,
        method="atop4_members: yrexit of the treaty (sino_soviet_treaty)",
    )
    t_id = N.add(
        "timeline.treaty_atopid",
        int(treaty["atopid"].iloc[0]),
        label="ATOP id of the 1950 treaty",
        section=ID,
        sources=tsrc,
        method="atop4_members atopid",
    )
    t_dates = N.add(
        "timeline.treaty_dates",
        f"{t0:%d %B %Y} – {t1:%d %B %Y}",
        label="dates of the 1950 treaty",
        section=ID,
        sources=tsrc,
        method="atop4_members entry and exit dates",
    )
    t_len = N.add(
        "timeline.treaty_years",
        round((t1 - t0).days / 365.25, 1),
        label="length of the treaty in years",
        section=ID,
        sources=tsrc,
        method="(exit date − entry date) / 365.25 days",
        fmt="{:.1f}",
    )
    res.paragraphs.append(
        Markup(
            "<strong>Alliance.</strong> ATOP records the Sino-Soviet Treaty of Friendship, Alliance and Mutual "
            "Assistance (ATOP {tid}) as a defence pact with a non-aggression clause, in force {dates}: "
            "{ts}–{te}, {tl} years."
        ).format(tid=t_id, dates=t_dates, ts=t_start, te=t_end, tl=t_len)
    )

    riv_all = dyad_rivalries()
    riv = riv_all[riv_all["endyear"] >= C.FIRST_YEAR]
    after = riv[riv["styear"] >= C.ALLIANCE_YEAR]
    if len(after):
        r = after.iloc[0]
        r0 = N.add(
            "timeline.rivalry_start",
            int(r["styear"]),
            label="first year of the Sino-Soviet strategic rivalry",
            section=ID,
            sources=[riv],
            method=f"td_rivalries styear of the dyad's first rivalry beginning in or after {C.ALLIANCE_YEAR}",
        )
        r1 = N.add(
            "timeline.rivalry_end",
            int(r["endyear"]),
            label="last year of the Sino-Soviet strategic rivalry",
            section=ID,
            sources=[riv],
            method="td_rivalries endyear",
        )
        types = ", ".join(str(r[c]) for c in ("type1", "type2", "type3") if isinstance(r[c], str) and r[c])
        overlap = N.add(
            "timeline.rivalry_alliance_overlap_years",
            max(0, min(int(r["endyear"]), int(t1.year)) - max(int(r["styear"]), int(t0.year)) + 1),
            label="years in which the dyad was both allied and strategic rivals",
            section=ID,
            sources=[riv, treaty],
            method="|[rivalry start, rivalry end] ∩ [treaty start, treaty end]| in years",
        )
        para = Markup(
            "<strong>Rivalry.</strong> Thompson and Dreyer code a strategic rivalry ({types}) from {r0} to {r1}: "
            "for {ov} years the two states were formally allied and strategic rivals at once."
        ).format(types=types, r0=r0, r1=r1, ov=overlap)
        before = riv[riv["styear"] < C.ALLIANCE_YEAR]
        if len(before):
            b = before.iloc[-1]
            b0 = N.add(
                "timeline.earlier_rivalry_start",
                int(b["styear"]),
                label="first year of the earlier Russia–China rivalry",
                section=ID,
                sources=[riv],
                method="td_rivalries styear",
            )
            b1 = N.add(
                "timeline.earlier_rivalry_end",
                int(b["endyear"]),
                label="last year of the earlier Russia–China rivalry",
                section=ID,
                sources=[riv],
                method="td_rivalries endyear",
            )
            para += Markup(" An older Russia–China rivalry ({b0}–{b1}) had ended with the civil war.").format(
                b0=b0, b1=b1
            )
        res.paragraphs.append(para)

    mids = dyad_disputes()
    in_alliance = mids[mids["year"].between(t0.year, t1.year)]
    n_all = N.add(
        "timeline.mid_onsets_during_alliance",
        len(in_alliance),
        label="MID onsets between the allies while the treaty was in force",
        section=ID,
        sources=[mids],
        method="count of cowmidonset == 1 in cow_mid_ddydisps for 710–365, treaty years",
    )
    first_mid = N.add(
        "timeline.first_mid_during_alliance",
        int(in_alliance["year"].min()),
        label="first MID between the allies during the treaty",
        section=ID,
        sources=[mids],
        method="min year of MID onsets during the treaty",
    )

    def lev(v: object) -> str:
        return HOSTLEV.get(int(v), str(v)) if pd.notna(v) else "not coded"  # type: ignore[call-overload]

    rows = []
    for _, d in mids.iterrows():
        fat = FATALITY.get(int(d["fatality"]), str(d["fatality"])) if pd.notna(d["fatality"]) else "not coded"
        rows.append((str(int(d["year"])), str(int(d["dispnum"])), lev(d["hostlev_china"]), lev(d["hostlev_ussr"]), fat))
    res.tables.append(
        Table(
            "Militarized interstate disputes between the USSR/Russia and China since 1946 (onsets)",
            ("year", "MID", "China's highest action", "USSR/Russia's highest action", "fatalities (whole dispute)"),
            tuple(rows),
        )
    )
    y69 = mids[mids["year"] == 1969]
    if len(y69):
        d = y69.iloc[0]
        m69 = N.add(
            "timeline.mid_1969_dispnum",
            int(d["dispnum"]),
            label="COW MID number of the 1969 border clashes",
            section=ID,
            sources=[mids],
            method="cow_mid_ddydisps row for 710–365, 1969",
        )
        h69 = N.add(
            "timeline.mid_1969_hostlev",
            HOSTLEV[int(d["hostlev"])],
            label="hostility level of the 1969 MID",
            section=ID,
            sources=[mids],
            method="cow_mid_ddydisps hostlev (1–5)",
        )
        f69 = N.add(
            "timeline.mid_1969_fatality",
            FATALITY[int(d["fatality"])],
            label="fatality level of the 1969 MID",
            section=ID,
            sources=[mids],
            method="cow_mid_ddydisps fatality",
        )
        dur = N.add(
            "timeline.mid_1969_maxdur",
            int(d["maxdur"]),
            label="maximum duration of the 1969 MID in days",
            section=ID,
            sources=[mids],
            method="cow_mid_ddydisps maxdur",
        )
        res.paragraphs.append(
            Markup(
                "<strong>Disputes.</strong> The allies had {n} militarized disputes with each other while the treaty "
                "was in force, the first in {first}. The 1969 border clashes on the Ussuri (MID {m}) reached {h} with "
                "{f} and lasted up to {dur} days."
            ).format(n=n_all, first=first_mid, m=m69, h=h69, f=f69, dur=dur)
        )

    trade = dyad_trade()
    if len(trade):
        pos = trade[trade["trade"] > 0]
        early = pos[pos["year"] <= t1.year]
        peak_e = early.loc[early["trade"].idxmax()] if len(early) else None
        last = trade.iloc[-1]
        parts = []
        if peak_e is not None:
            pe = N.add(
                "timeline.trade_alliance_peak",
                float(peak_e["trade"]),
                label="highest recorded trade during the treaty (million USD)",
                section=ID,
                sources=[trade],
                method="max(flow1 + flow2) over treaty years, cow_trade_ndy",
                fmt="{:,.0f}",
            )
            pey = N.add(
                "timeline.trade_alliance_peak_year",
                int(peak_e["year"]),
                label="year of that peak",
                section=ID,
                sources=[trade],
                method="argmax year",
            )
            parts.append(Markup("peaked at ${pe} million in {pey}").format(pe=pe, pey=pey))
        lt = N.add(
            "timeline.trade_last",
            float(last["trade"]),
            label="trade in the last year of COW trade data (million USD)",
            section=ID,
            sources=[trade],
            method="flow1 + flow2, cow_trade_ndy",
            fmt="{:,.0f}",
        )
        lty = N.add(
            "timeline.trade_last_year",
            int(last["year"]),
            label="last year of COW trade data",
            section=ID,
            sources=[trade],
            method="max year in cow_trade_ndy for the dyad",
        )
        res.paragraphs.append(
            Markup(
                "<strong>Trade.</strong> Recorded trade between the two (COW Trade, current US dollars) {peak}; "
                "it reached ${lt} million by {lty}. COW has no figures for several years of the split."
            ).format(
                peak=Markup(", ").join(parts) if parts else Markup("is sparse in the alliance years"), lt=lt, lty=lty
            )
        )

    _figure(ctx, res, treaty, riv, mids, trade)
    res.missing.append("blocs.measures.add_un_agreement — UN General Assembly agreement from 1971 (issue 3)")
    res.missing.append("blocs.measures.IdealPoints — UN ideal points from 1971 (issue 6)")
    res.missing.append("blocs.measures.add_similarity — alliance-portfolio similarity S / kappa (issue 3)")
    return res


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
