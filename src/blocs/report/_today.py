"""Section 7 — roles reversed, 1991–2024: the second seed's claims, answered with data or not.

Facts first (:func:`today_facts`, a typed record computed from blocs functions), then the
section's numbers (one :class:`~blocs.report._numbers.SectionNumbers` helper), then prose
from ``templates/section_today.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._meta import declare, meta_of, with_meta
from blocs.data import get_dataset, load
from blocs.measures import add_un_agreement
from blocs.models import create_alliance_spells
from blocs.report import _choices as C
from blocs.report._capability import capability_ratio, reversal_year
from blocs.report._common import as_float, as_int
from blocs.report._figures import COLORS, new_figure
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table
from blocs.system import add_cow_trade, load_es11_1_vote, load_sipri_milex, load_un_votes, ucdp_parties

__all__ = ["TodayFacts", "build_today", "today_facts"]

ID = "today"
#: First year of the second half: the USSR dissolves in December 1991.
FIRST: int = C.COLD_WAR_END
#: The Assembly's resolution 68/262 on the territorial integrity of Ukraine (27 March 2014),
#: found in ``un_roll_calls`` by its resolution number.
CRIMEA_UNRES = "R/68/262"
#: UCDP conflict of Russia's 2022 war on Ukraine (side A Russia, side B Ukraine).
UKRAINE_WAR = 13243
UKRAINE = 369
INDIA = 750
_VOTE = {1: "yes", 2: "abstain", 3: "no"}


@dataclass(frozen=True)
class Votes:
    """One Assembly vote: counts and the votes of the states the seed names."""

    counts: dict[str, int]
    of: dict[int, str]
    table: pd.DataFrame


@dataclass(frozen=True)
class TodayFacts:
    """Everything the section states, computed from the data (tables kept for provenance)."""

    cinc: pd.DataFrame  # year, ratio (China / Russia CINC), from FIRST
    cinc_reversal: int | None
    milex: pd.DataFrame  # year, china, russia (SIPRI constant 2022 US$ m), ratio
    milex_reversal: int | None
    gdp_share: dict[int, float]  # last SIPRI year: share of GDP
    es11: Votes
    crimea: Votes
    crimea_date: pd.Timestamp
    un: pd.DataFrame  # year, pair, un_agree (1992-…)
    war: pd.DataFrame  # UCDP conflict-years of the Russia–Ukraine war
    war_sides: tuple[str, str]
    china_in_war: bool
    rivalries: pd.DataFrame  # TSS spells among the three, ending ≥ FIRST or the Sino-Soviet one
    pacts: pd.DataFrame  # ATOP 4.01 China–Russia pacts that began after 1980
    last_defence_end: int
    trade: pd.DataFrame  # year, trade (China–Russia, COW)


def _votes_es11() -> Votes:
    v = load_es11_1_vote()
    counts = {str(k): int(n) for k, n in v["vote"].value_counts().items()}
    return Votes(counts, dict(zip(v["ccode"].astype(int), v["vote"], strict=True)), v)


def _votes_crimea() -> tuple[Votes, pd.Timestamp]:
    calls = load("un_roll_calls")
    call = calls[calls["unres"] == CRIMEA_UNRES].iloc[0]
    votes = load_un_votes(sessions=int(call["session"]))
    votes = votes[votes["rcid"] == call["rcid"]]
    words = votes["vote"].map(_VOTE)
    counts = {k: int(n) for k, n in words.value_counts().items()}
    table = with_meta(votes.assign(word=words), meta_of(votes))
    return Votes(counts, dict(zip(votes["ccode"].astype(int), words, strict=True)), table), pd.Timestamp(call["date"])


def _milex() -> pd.DataFrame:
    m = load_sipri_milex()
    m = m[m["ccode"].isin(C.DYAD) & (m["year"] >= FIRST)]
    wide = m.pivot(index="year", columns="ccode", values="milex_constant_usd").dropna()
    out = pd.DataFrame(
        {
            "year": wide.index.to_numpy(np.int64),
            "china": wide[C.CHINA].to_numpy(float),
            "russia": wide[C.USSR].to_numpy(float),
        }
    )
    out["ratio"] = out["china"] / out["russia"]
    return with_meta(out, meta_of(m))


def _un_agreement(last: int, computed: pd.DataFrame | None) -> pd.DataFrame:
    if computed is not None:  # the timeline's table of the same three dyads
        return with_meta(computed[computed["year"].between(FIRST + 1, last)].reset_index(drop=True), meta_of(computed))
    pairs = ((C.USSR, C.CHINA), (C.USA, C.CHINA), (C.USA, C.USSR))
    years = np.arange(FIRST + 1, last + 1)
    frame = pd.DataFrame([(a, b, y) for a, b in pairs for y in years], columns=["ccode1", "ccode2", "year"])
    return add_un_agreement(declare(frame, unit="dyad_year", system="cow", directed=False))


def _war() -> tuple[pd.DataFrame, tuple[str, str], bool]:
    acd = load("ucdp_acd")
    war = acd[acd["conflict_id"] == UKRAINE_WAR]
    parties = ucdp_parties()
    china = bool(((parties["conflict_id"] == UKRAINE_WAR) & (parties["gwcode"] == C.CHINA)).any())
    v24 = load("ucdp_acd_v24")
    named = v24[v24["conflict_id"] == UKRAINE_WAR].iloc[0]
    out = with_meta(war.reset_index(drop=True), meta_of(acd).with_sources(*meta_of(v24).sources))
    return out, (str(named["side_a"]), str(named["side_b"])), china


def _rivalries() -> pd.DataFrame:
    tss = load("tss_rivalries")
    three = {C.USA, C.USSR, C.CHINA}
    sel = tss[tss["ccode1"].isin(three) & tss["ccode2"].isin(three) & (tss["end"] >= C.ALLIANCE_YEAR)]
    return with_meta(sel.sort_values("start").reset_index(drop=True), meta_of(tss))


def _pacts() -> tuple[pd.DataFrame, int]:
    sp = create_alliance_spells()
    pair = sp[sp["members"].map(lambda m: set(m) == set(C.DYAD))]
    last_defence = int(pair.loc[pair["defense"] == 1, "end"].max().year)
    later = pair[pair["start"].dt.year > last_defence].sort_values("start")
    return with_meta(later.reset_index(drop=True), meta_of(sp)), last_defence


def _trade() -> pd.DataFrame:
    frame = pd.DataFrame({"ccode1": C.USSR, "ccode2": C.CHINA, "year": np.arange(FIRST, C.LAST_YEAR + 1)})
    dy = add_cow_trade(declare(frame, unit="dyad_year", system="cow", directed=False)).dropna(subset=["flow1"])
    out = pd.DataFrame({"year": dy["year"].to_numpy(np.int64), "trade": (dy["flow1"] + dy["flow2"]).to_numpy(float)})
    return with_meta(out, meta_of(dy))


def today_facts(*, un_agreement: pd.DataFrame | None = None) -> TodayFacts:
    """Compute the "roles reversed" section's facts from the data (no report state).

    Parameters
    ----------
    un_agreement : DataFrame, optional
        ``add_un_agreement`` of the three dyads (2–365, 2–710, 365–710) when already
        computed (the report's timeline does); computed here otherwise.

    Returns
    -------
    TodayFacts
        Capability and military-spending ratios since 1991 (NMC 7.0, SIPRI), the ES-11/1
        and 68/262 votes, UN agreement since 1992, the UCDP record of the Russia–Ukraine
        war, TSS rivalries among the three states, ATOP's China–Russia pacts after the last
        defence pact, and COW trade; each table keeps its sources.
    """
    ratio = capability_ratio(first=FIRST, last=C.LAST_YEAR)
    milex = _milex()
    sipri_last = int(milex["year"].max())
    shares = load_sipri_milex()
    last = shares[(shares["year"] == sipri_last) & shares["ccode"].isin(C.DYAD)]
    crimea, crimea_date = _votes_crimea()
    un = _un_agreement(int(load("un_roll_calls")["date"].max().year), un_agreement)
    war, sides, china = _war()
    pacts, last_defence = _pacts()
    return TodayFacts(
        cinc=ratio,
        cinc_reversal=reversal_year(ratio, after=FIRST),
        milex=milex,
        milex_reversal=reversal_year(milex, after=FIRST),
        gdp_share=dict(zip(last["ccode"].astype(int), last["milex_share_gdp"].astype(float), strict=True)),
        es11=_votes_es11(),
        crimea=crimea,
        crimea_date=crimea_date,
        un=un,
        war=war,
        war_sides=sides,
        china_in_war=china,
        rivalries=_rivalries(),
        pacts=pacts,
        last_defence_end=last_defence,
        trade=_trade(),
    )


def build_today(ctx: Context) -> SectionResult:
    ctx.step("NMC, SIPRI, UN votes (ES-11/1, 68/262, agreement since 1992), UCDP, TSS, ATOP, COW trade")
    f = today_facts(un_agreement=ctx.cache.get("un_triad"))
    ctx.cache.setdefault("methods", []).extend([load_sipri_milex, load_es11_1_vote, ucdp_parties, add_un_agreement])
    n = ctx.numbers.section(ID)
    res = SectionResult(ID, "")
    v: dict[str, Markup] = {}

    cinc = f.cinc.set_index("year")["ratio"]
    cinc_last = int(cinc.index.max())
    cm = "China's CINC / Russia's CINC (NMC 7.0 via blocs.report.capability_ratio)"
    v["cinc_first"] = n.add(
        key="cinc_ratio_first",
        value=float(cinc.loc[FIRST]),
        label=f"China/USSR CINC ratio, {FIRST}",
        sources=[f.cinc],
        method=cm,
        fmt="{:.2f}",
    )
    v["cinc_first_year"] = n.add(
        key="cinc_first_year",
        value=FIRST,
        label="first year of the second half",
        sources=[f.cinc],
        method="the USSR dissolves in December 1991 (report choice COLD_WAR_END)",
    )
    v["cinc_last"] = n.add(
        key="cinc_ratio_last",
        value=float(cinc.loc[cinc_last]),
        label=f"China/Russia CINC ratio, {cinc_last}",
        sources=[f.cinc],
        method=cm,
        fmt="{:.2f}",
    )
    v["cinc_last_year"] = n.add(
        key="cinc_last_year",
        value=cinc_last,
        label="last year of NMC 7.0",
        sources=[f.cinc],
        method="max(year) of cow_nmc",
    )
    mx = f.milex.set_index("year")
    m0, m1 = int(mx.index.min()), int(mx.index.max())
    mm = "SIPRI milex_constant_usd (constant 2022 US$) of 710 / of 365 (blocs.system.load_sipri_milex)"
    v["milex_first_year"] = n.add(
        key="milex_first_year",
        value=m0,
        label="first year SIPRI has both China's and Russia's spending",
        sources=[f.milex],
        method="min(year) with both values from 1991",
    )
    v["milex_ratio_first"] = n.add(
        key="milex_ratio_first",
        value=as_float(mx.at[m0, "ratio"]),
        label=f"China/Russia military spending ratio, {m0}",
        sources=[f.milex],
        method=mm,
        fmt="{:.2f}",
    )
    v["milex_last_year"] = n.add(
        key="milex_last_year", value=m1, label="last SIPRI year", sources=[f.milex], method="max(year) of sipri_milex"
    )
    v["milex_ratio_last"] = n.add(
        key="milex_ratio_last",
        value=as_float(mx.at[m1, "ratio"]),
        label=f"China/Russia military spending ratio, {m1}",
        sources=[f.milex],
        method=mm,
        fmt="{:.2f}",
    )
    v["milex_china_last"] = n.add(
        key="milex_china_last",
        value=as_float(mx.at[m1, "china"]) / 1000,
        label=f"China's military spending, {m1} (US$ bn, constant 2022)",
        sources=[f.milex],
        method="milex_constant_usd / 1000",
        fmt="{:.0f}",
    )
    v["milex_russia_last"] = n.add(
        key="milex_russia_last",
        value=as_float(mx.at[m1, "russia"]) / 1000,
        label=f"Russia's military spending, {m1} (US$ bn, constant 2022)",
        sources=[f.milex],
        method="milex_constant_usd / 1000",
        fmt="{:.0f}",
    )
    if f.milex_reversal is not None:
        v["milex_reversal"] = n.add(
            key="milex_reversal_year",
            value=f.milex_reversal,
            label="first year from which China outspends Russia in every later SIPRI year",
            sources=[f.milex],
            method="blocs.report.reversal_year on the SIPRI ratio",
        )
    for code, who in ((C.CHINA, "china"), (C.USSR, "russia")):
        v[f"gdp_{who}"] = n.add(
            key=f"milex_share_gdp_{who}",
            value=f.gdp_share[code],
            label=f"{who.title()}'s military spending as a share of GDP, {m1}",
            sources=[f.milex],
            method="SIPRI milex_share_gdp",
            fmt="{:.1%}",
        )

    es = f.es11
    for k in ("yes", "no", "abstain", "absent"):
        v[f"es11_{k}"] = n.add(
            key=f"es11_1.{k}",
            value=es.counts.get(k, 0),
            label=f"ES-11/1: members voting {k}",
            sources=[es.table],
            method="count of vote in blocs.system.load_es11_1_vote()",
        )
    for code, who in ((C.USSR, "russia"), (C.CHINA, "china"), (INDIA, "india")):
        v[f"es11_{who}"] = n.add(
            key=f"es11_1.vote_{who}",
            value=es.of[code],
            label=f"ES-11/1: {who.title()}'s vote",
            sources=[es.table],
            method=f"vote of ccode {code} in load_es11_1_vote()",
        )
    cr = f.crimea
    v["crimea_date"] = n.add(
        key="crimea.date",
        value=f"{f.crimea_date:%d %B %Y}",
        label="date of resolution 68/262",
        sources=[cr.table],
        method=f"un_roll_calls date where unres == {CRIMEA_UNRES!r}",
    )
    for k in ("yes", "no", "abstain"):
        v[f"crimea_{k}"] = n.add(
            key=f"crimea.{k}",
            value=cr.counts.get(k, 0),
            label=f"resolution 68/262: members voting {k}",
            sources=[cr.table],
            method="count of votes in blocs.system.load_un_votes() for the roll call",
        )
    for code, who in ((C.USSR, "russia"), (C.CHINA, "china"), (INDIA, "india")):
        v[f"crimea_{who}"] = n.add(
            key=f"crimea.vote_{who}",
            value=cr.of[code],
            label=f"resolution 68/262: {who.title()}'s vote",
            sources=[cr.table],
            method=f"vote of ccode {code} in load_un_votes() for the roll call",
        )
    un = f.un.dropna(subset=["un_agree"])
    u0, u1 = int(un["year"].min()), int(un["year"].max())
    um = "blocs.measures.add_un_agreement(...).un_agree (abstention = half agreement)"
    for (a, b), who, name in (
        ((C.USSR, C.CHINA), "china_russia", "China–Russia"),
        ((C.USA, C.CHINA), "china_us", "China–US"),
    ):
        sel = un[(un["ccode1"] == a) & (un["ccode2"] == b)]
        v[f"un_{who}_mean"] = n.add(
            key=f"un_agree.{who}.{u0}_{u1}",
            value=float(sel["un_agree"].mean()),
            label=f"mean UN agreement {name}, {u0}–{u1}",
            sources=[f.un],
            method=f"mean over years of {um}",
            fmt="{:.0%}",
        )
        v[f"un_{who}_last"] = n.add(
            key=f"un_agree.{who}.{u1}",
            value=float(sel.loc[sel["year"] == u1, "un_agree"].iloc[0]),
            label=f"UN agreement {name}, {u1}",
            sources=[f.un],
            method=um,
            fmt="{:.0%}",
        )
    v["un_first"] = n.add(
        key="un_first_year",
        value=u0,
        label="first year after the USSR",
        sources=[f.un],
        method="min(year) with a UN agreement score after 1991",
    )
    v["un_last"] = n.add(
        key="un_last_year",
        value=u1,
        label="last year of the UN votes data",
        sources=[f.un],
        method="max(year) with a UN agreement score",
    )
    calls = load("un_roll_calls")
    v["un_votes_end"] = n.add(
        key="un_votes_end",
        value=f"{calls['date'].max():%B %Y}",
        label="date of the last roll call in un_votes",
        sources=[calls],
        method="max(date) of un_roll_calls",
    )
    es11 = get_dataset("un_es11_1")
    v["es11_date"] = n.add(
        key="es11_1.date",
        value=f"{pd.Timestamp(es11.version):%-d %B %Y}",
        label="date of the ES-11/1 vote",
        sources=[es.table],
        method="version (vote date) of the un_es11_1 catalog entry",
    )

    war = f.war.drop_duplicates(["year"])
    wm = f"ucdp_acd rows of conflict {UKRAINE_WAR}"
    v["war_id"] = n.add(
        key="war.conflict_id",
        value=UKRAINE_WAR,
        label="UCDP id of the Russia–Ukraine war",
        sources=[f.war],
        method="conflict with side A 365 and side B 369 from 2022",
    )
    v["war_start"] = n.add(
        key="war.start_date",
        value=f"{war['start_date2'].min():%d %B %Y}",
        label="start of the war's episode (UCDP)",
        sources=[f.war],
        method=f"start_date2 of {wm}",
    )
    v["war_last"] = n.add(
        key="war.last_year",
        value=int(war["year"].max()),
        label="last year of the war in UCDP 25.1",
        sources=[f.war],
        method=f"max(year) of {wm}",
    )
    v["war_war_years"] = n.add(
        key="war.years_at_war_intensity",
        value=int((war["intensity_level"] == 2).sum()),
        label="years at war intensity (1,000+ battle deaths)",
        sources=[f.war],
        method=f"count of intensity_level == 2 in {wm}",
    )
    v["war_side_a"] = n.add(
        key="war.side_a",
        value=f.war_sides[0],
        label="UCDP side A",
        sources=[f.war],
        method="side_a of the conflict in ucdp_acd_v24 (2022)",
    )
    v["war_side_b"] = n.add(
        key="war.side_b",
        value=f.war_sides[1],
        label="UCDP side B",
        sources=[f.war],
        method="side_b of the conflict in ucdp_acd_v24 (2022)",
    )
    v["china_in_war"] = n.add(
        key="war.china_role",
        value="none" if not f.china_in_war else "party",
        label="China's role in the conflict in UCDP",
        sources=[f.war],
        method="710 among the conflict's primary parties or secondary supporters (ucdp_parties)",
    )

    riv = f.rivalries
    rm = "tss_rivalries spells among 2, 365, 710"
    sino = riv[(riv["ccode1"] == C.USSR) & (riv["ccode2"] == C.CHINA)]
    tss_last = int((get_dataset("tss_rivalries").coverage or (0, 2020))[1])
    v["sino_rivalry_end"] = n.add(
        key="rivalry.china_russia_last_end",
        value=int(sino["end"].max()),
        label="end of the last China–USSR/Russia rivalry (TSS)",
        sources=[riv],
        method=rm,
    )
    v["tss_last"] = n.add(
        key="rivalry.tss_last_year",
        value=tss_last,
        label="last year of the TSS rivalry data",
        sources=[riv],
        method="catalog coverage of tss_rivalries",
    )
    for (a, b), who, name in (((C.USA, C.CHINA), "us_china", "US–China"), ((C.USA, C.USSR), "us_russia", "US–Russia")):
        spell = riv[(riv["ccode1"] == a) & (riv["ccode2"] == b)].iloc[-1]
        v[f"riv_{who}_start"] = n.add(
            key=f"rivalry.{who}_start",
            value=int(spell["start"]),
            label=f"start of the current {name} rivalry (TSS)",
            sources=[riv],
            method=rm,
        )

    v["last_defence_end"] = n.add(
        key="atop.last_defence_pact_end",
        value=f.last_defence_end,
        label="end year of the last China–USSR/Russia defence pact in ATOP 4.01",
        sources=[f.pacts],
        method="max end year of create_alliance_spells() defence pacts of exactly 365 and 710",
    )
    v["n_pacts_after"] = n.add(
        key="atop.pacts_after",
        value=len(f.pacts),
        label="China–Russia ATOP pacts begun after that",
        sources=[f.pacts],
        method="create_alliance_spells() rows of exactly 365 and 710 starting later",
    )
    kinds = [
        ("nonagg", "non-aggression"),
        ("consul", "consultation"),
        ("neutral", "neutrality"),
        ("defense", "defence"),
    ]
    pact_rows = []
    for _, p in f.pacts.iterrows():
        words = ", ".join(w for c, w in kinds if int(p[c]) == 1)
        pact_rows.append(f"ATOP {int(p['atopid'])} ({int(p['start'].year)}: {words})")
    v["pacts_after"] = Markup("; ").join(pact_rows) if pact_rows else Markup("none")

    tr = f.trade
    v["trade_last_year"] = n.add(
        key="trade.last_year",
        value=int(tr["year"].max()),
        label="last year of COW trade data for China–Russia",
        sources=[tr],
        method="max(year) with flows, blocs.system.add_cow_trade",
    )
    v["trade_last"] = n.add(
        key="trade.last",
        value=float(tr["trade"].iloc[-1]),
        label="China–Russia trade in that year (US$ m)",
        sources=[tr],
        method="flow1 + flow2, add_cow_trade",
        fmt="{:,.0f}",
    )
    v["trade_max_year"] = n.add(
        key="trade.max_year",
        value=as_int(tr["year"].iloc[int(tr["trade"].to_numpy().argmax())]),
        label="year of the highest recorded China–Russia trade",
        sources=[tr],
        method="argmax of flow1 + flow2",
    )

    durability = {
        k: ctx.numbers[k]
        for k in ("durability.today.median_years", "durability.today.capability_ratio")
        if _has(ctx, k)
    }
    if durability:
        v["dur_median"] = n.add(
            key="durability_today_median",
            value=durability["durability.today.median_years"].value,
            label="hypothetical China–Russia defence pact today: predicted median survival (years)",
            sources=durability["durability.today.median_years"].sources,
            method="the durability section's AllianceDurability fit, survival_summary(...).median_years",
        )
        v["dur_ratio"] = n.add(
            key="durability_today_ratio",
            value=durability["durability.today.capability_ratio"].value,
            label="hypothetical pact: strongest/weakest CINC ratio",
            sources=durability["durability.today.capability_ratio"].sources,
            method="exp(log_cap_ratio) of partnership_covariates([365, 710])",
            fmt="{:.2f}",
        )
    res.paragraphs.extend(paragraphs(ID, v=v, durability=bool(durability), milex_reversal=f.milex_reversal is not None))
    res.tables.append(_claims_table(v, bool(durability)))
    _figure(ctx, res, f)
    return res


def _has(ctx: Context, key: str) -> bool:
    try:
        ctx.numbers[key]
    except KeyError:
        return False
    return True


def _claims_table(v: dict[str, Markup], durability: bool) -> Table:
    """Each claim of the second seed (Girard 2023) and what the data here say about it."""
    cannot = Markup("<em>the data here cannot</em>")
    rows: list[tuple[Markup | str, ...]] = [
        (
            "“China and Russia are closer now than they have ever been”",
            Markup(
                "UN agreement {a} (China–Russia) vs {b} (China–US) in {f}–{l}; no strategic rivalry since {r}; no "
                "defence pact since {d}, {n} later pact(s): {p}"
            ).format(
                a=v["un_china_russia_mean"],
                b=v["un_china_us_mean"],
                f=v["un_first"],
                l=v["un_last"],
                r=v["sino_rivalry_end"],
                d=v["last_defence_end"],
                n=v["n_pacts_after"],
                p=v["pacts_after"],
            ),
            "Voeten UN votes; TSS; ATOP 4.01",
        ),
        (
            "“two-way trade volume reached a record high” (2022)",
            Markup("{c}: COW trade ends in {y}; the 2022 record is not measured here").format(
                c=cannot, y=v["trade_last_year"]
            ),
            "COW Trade 4.0",
        ),
        (
            "Moscow's attack on Ukraine",
            Markup("UCDP conflict {i}: {a} against {b} from {s}, at war intensity in {w} years to {l}").format(
                i=v["war_id"],
                a=v["war_side_a"],
                b=v["war_side_b"],
                s=v["war_start"],
                w=v["war_war_years"],
                l=v["war_last"],
            ),
            "UCDP/PRIO 25.1, 24.1",
        ),
        (
            "China's “tacit support for the invasion”",
            Markup("votes on ES-11/1: Russia “{r}”, China “{c}”, India “{i}”; China's UCDP role: {w}").format(
                r=v["es11_russia"], c=v["es11_china"], i=v["es11_india"], w=v["china_in_war"]
            ),
            "UN ES-11/1 record; UCDP",
        ),
        (
            "Putin the supplicant, Xi the magnanimous partner",
            Markup("China's capabilities {c}× Russia's ({y}); its military spending {m}× ({my})").format(
                c=v["cinc_last"], y=v["cinc_last_year"], m=v["milex_ratio_last"], my=v["milex_last_year"]
            ),
            "NMC 7.0; SIPRI 2024",
        ),
        (
            "Russian oil sold to China at a discount under sanctions",
            Markup("{c}: no energy-trade or sanctions data").format(c=cannot),
            "—",
        ),
        (
            "“the relationship broke up in the 1960s and did not renew itself until the late 1980s”",
            Markup("strategic rivalry (TSS) until {r}").format(r=v["sino_rivalry_end"]),
            "TSS",
        ),
        (
            "the United States, “China's biggest customer”",
            Markup("{c}: COW trade ends in {y}").format(c=cannot, y=v["trade_last_year"]),
            "COW Trade 4.0",
        ),
        (
            "“an unequal friendship is not a solid foundation for building a lasting relationship”",
            Markup(
                "hypothetical only: a China–Russia defence pact with today's asymmetry (ratio {r}) would have a "
                "predicted median life of {m} years in the durability model"
            ).format(r=v["dur_ratio"], m=v["dur_median"])
            if durability
            else cannot,
            "ATOP 4.01; durability model",
        ),
        ("Chinese historians' open letter against the war", Markup("{c}: no data on opinion").format(c=cannot), "—"),
    ]
    return Table(
        "The second seed's claims (Girard, The Diplomat, 2023) and what the data here say",
        ("claim", "what the data say", "data"),
        tuple(rows),
    )


def _figure(ctx: Context, res: SectionResult, f: TodayFacts) -> None:
    fig, (ax1, ax2) = new_figure(2, height=2.4)
    ax1.plot(f.milex["year"], f.milex["china"] / 1000, color=COLORS["china"], label="China (710)")
    ax1.plot(f.milex["year"], f.milex["russia"] / 1000, color=COLORS["ussr"], label="Russia (365)")
    ax1.set_ylabel("US$ bn, constant 2022")
    ax1.set_title("Military expenditure, SIPRI")
    ax1.legend(loc="upper left")
    ax2.plot(f.cinc["year"], f.cinc["ratio"], color=COLORS["china"], label="CINC (NMC 7.0)")
    ax2.plot(f.milex["year"], f.milex["ratio"], color=COLORS["accent"], label="military spending (SIPRI)")
    ax2.axhline(1, color=COLORS["accent"], lw=0.8, ls="--")
    ax2.set_ylabel("China / Russia")
    ax2.set_title("China as a multiple of Russia")
    ax2.legend(loc="upper left")
    ax2.set_xlabel("year")
    res.figures.append(
        ctx.figure(
            fig,
            "today",
            caption=f"China and Russia since {FIRST}: military spending (SIPRI) and China's multiple of Russia's "
            "capabilities (NMC CINC) and spending.",
            alt="Two panels: Chinese and Russian military spending since 1992, and China's multiple of Russia",
            sources=[f.milex, f.cinc],
            method="blocs.system.load_sipri_milex; blocs.report.capability_ratio",
        )
    )
