"""Section 5 — the US–China–USSR/Russia strategic triangle over time (Dittmer 1981)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.patches import Patch

from blocs.networks import DEFAULT_RECIPE, recipe_coverage, strategic_triangle, triangle_spells
from blocs.report import _choices as C
from blocs.report._common import as_int, spans, state_names
from blocs.report._figures import COLORS, new_figure
from blocs.report._numbers import SectionNumbers
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table
from blocs.report._triangle_un import add_un_variant

__all__ = ["TriangleFacts", "build_triangle", "triangle_facts"]

ID = "triangle"
METHOD = "blocs.networks.strategic_triangle(2, 710, 365) with the default recipe, triangle_spells(...)"
TYPE_LABEL = {
    "menage_a_trois": "ménage à trois",
    "romantic": "romantic triangle",
    "stable_marriage": "stable marriage",
    "unit_veto": "unit veto",
    "incomplete": "incomplete",
}


@dataclass(frozen=True)
class TriangleFacts:
    """The triangle's year-by-year types under the default recipe, and what covers which years."""

    timeline: pd.DataFrame  # strategic_triangle(2, 710, 365), one row per year
    spells: pd.DataFrame
    coverage: pd.DataFrame  # recipe_coverage per year
    full_last: int  # last year every tie source covers


def triangle_facts(*, years: tuple[int, int] | None = None) -> TriangleFacts:
    """The US–China–USSR/Russia triangle under blocs' default recipe.

    Parameters
    ----------
    years : (first, last), optional
        Default: 1946 to the last year any tie source of the default recipe covers.

    Returns
    -------
    TriangleFacts
        The timeline (with evidence and the sources not covering each year), its spells, the
        per-year coverage table and the last year every tie source covers.
    """
    span = years or (C.FIRST_YEAR, DEFAULT_RECIPE.coverage[1])
    timeline = strategic_triangle(C.USA, C.CHINA, C.USSR, years=span)
    uncovered = timeline.loc[timeline["not_covered"].astype(str).str.len() > 0, "year"]
    full_last = int(uncovered.min()) - 1 if len(uncovered) else int(timeline["year"].max())
    return TriangleFacts(timeline, triangle_spells(timeline), recipe_coverage(span), full_last)


def build_triangle(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    ctx.step(f"signed relations of the triangle, {C.FIRST_YEAR}–{DEFAULT_RECIPE.coverage[1]}")
    f = triangle_facts()
    timeline, spells, full_last = f.timeline, f.spells, f.full_last
    ctx.cache.setdefault("methods", []).extend([strategic_triangle, recipe_coverage])
    names = state_names()
    n = ctx.numbers.section(ID)
    src = [timeline]
    first, last = int(timeline["year"].min()), int(timeline["year"].max())
    v: dict[str, Markup] = {
        "y0": n.add(key="first_year", value=first, label="first year of the triangle timeline", sources=src,
                    method=METHOD),
        "y1": n.add(key="last_year", value=last, label="last year any tie source of the recipe covers", sources=src,
                    method="DEFAULT_RECIPE.coverage[1]"),
        "yf": n.add(key="full_coverage_last_year", value=full_last,
                    label="last year every tie source of the recipe covers", sources=src,
                    method="last year before strategic_triangle(...).not_covered is non-empty"),
    }
    # The 1950s: China and the USSR against the United States; then the split
    sm = spells[(spells["type"] == "stable_marriage") & (spells["pariah"] == C.USA)]
    uv = spells[spells["type"] == "unit_veto"]
    if len(sm):
        s = sm.iloc[0]
        v["marriage_start"] = n.add(key="marriage_start", value=as_int(s["start"]),
                                    label="first year China and the USSR stand together against the US", sources=src,
                                    method=METHOD)
        v["marriage_end"] = n.add(key="marriage_end", value=as_int(s["end"]),
                                  label="last year of that first stable marriage", sources=src, method=METHOD)
        after = uv[uv["start"] > s["end"]]
        if len(after):
            u = after.iloc[0]
            v["split_start"] = n.add(key="split_start", value=as_int(u["start"]),
                                     label="first year of the post-split unit veto", sources=src, method=METHOD)
            v["split_end"] = n.add(key="split_end", value=as_int(u["end"]), label="last year of that unit veto",
                                   sources=src, method=METHOD)
    v["n_inc"] = n.add(key="incomplete_years", value=int((timeline["type"] == "incomplete").sum()),
                       label="years in which at least one relation has no evidence", sources=src,
                       method="count of type == 'incomplete'")
    usc = timeline[(timeline["sign_ab"] == 0)]
    split_end = as_int(uv[uv["start"] > sm.iloc[0]["end"]].iloc[0]["end"]) if "split_end" in v else None
    run = [sp for sp in spans(usc["year"]) if split_end is not None and sp[0] == split_end + 1]
    if run:
        v["unsigned_first"] = n.add(key="us_china_unsigned_first", value=run[0][0],
                                    label="first year without a US–China sign after the split", sources=src,
                                    method="first run of years with sign_ab == 0 after the unit veto")
        v["unsigned_last"] = n.add(key="us_china_unsigned_last", value=run[0][1], label="last year of that run",
                                   sources=src, method="end of that run")
    later = timeline[(timeline["year"] > C.COLD_WAR_END) & (timeline["type"] != "incomplete")]
    types: list[tuple[str, Markup]] = []
    if len(later):
        for t, c in later["type"].value_counts().items():
            types.append((TYPE_LABEL[str(t)], n.add(key=f"post_cold_war.{t}", value=int(c),
                                                    label=f"complete years of type {t} after {C.COLD_WAR_END}",
                                                    sources=src,
                                                    method=f"count of type per year, years > {C.COLD_WAR_END}")))
        v["complete"] = n.add(key="post_cold_war.complete_years", value=len(later),
                              label=f"complete triangle years after {C.COLD_WAR_END}", sources=src,
                              method=f"count of type != 'incomplete', years > {C.COLD_WAR_END}")
        v["friendly"] = n.add(key="post_cold_war.china_russia_friendly", value=int((later["sign_bc"] == 1).sum()),
                              label="complete post-Cold War years with China–Russia friendly", sources=src,
                              method=f"count of sign_bc == +1, complete years > {C.COLD_WAR_END}")
    res.paragraphs.extend(paragraphs(ID, v=v, types=types, cold_war_end=C.COLD_WAR_END))
    res.tables.append(coverage_table(f.coverage, n))
    res.tables.append(
        Table(
            "Spells of the US–China–USSR/Russia triangle (default recipe), with the evidence that changed when "
            "each began",
            ("type", "role", "from", "to", "what changed"),
            spell_rows(spells, names, n, "spell", sources=src, timeline=timeline),
        )
    )
    _figure(
        ctx,
        res,
        timeline,
        "triangle",
        title="Default recipe: signed relations per year",
        caption="Default recipe (alliances, disputes, wars, rivalries, UCDP conflicts): signs of the three "
        "relations per year and the Dittmer type of the triangle; hatched: years some tie sources do not cover.",
        method=METHOD,
        partial_from=full_last + 1,
    )
    full = timeline[timeline["year"] <= full_last].reset_index(drop=True)
    add_un_variant(ctx, res, full, first_year=C.UN_FIRST_YEAR, last_year=full_last)
    return res


def coverage_table(coverage: pd.DataFrame, n: SectionNumbers) -> Table:
    """Runs of years with the same covering tie sources (from :func:`blocs.networks.recipe_coverage`)."""
    runs = (coverage["covered"] != coverage["covered"].shift()).cumsum()
    rows = []
    for i, (_, g) in enumerate(coverage.groupby(runs, sort=True)):
        rows.append(
            (
                n.add(key=f"coverage.{i}.start", value=int(g["year"].min()), label=f"first year of coverage run {i}",
                      sources=[coverage], method="blocs.networks.recipe_coverage(...): runs of equal 'covered'"),
                n.add(key=f"coverage.{i}.end", value=int(g["year"].max()), label=f"last year of coverage run {i}",
                      sources=[coverage], method="blocs.networks.recipe_coverage(...): runs of equal 'covered'"),
                str(g["covered"].iloc[0]),
                str(g["not_covered"].iloc[0]) or "—",
            )
        )
    return Table(
        "Which tie sources cover which years (a relation without evidence in a year its sources do not cover is "
        "unknown, not neutral)",
        ("from", "to", "tie sources covering these years", "not covering"),
        tuple(rows),
    )


_REL = (("ab", "US–China"), ("ac", "US–USSR/Russia"), ("bc", "China–USSR/Russia"))


def _items(text: object) -> set[str]:
    return {t.strip() for t in str(text).split(" | ") if t.strip()} if isinstance(text, str) else set()


def spell_changes(spells: pd.DataFrame, timeline: pd.DataFrame) -> list[str]:
    """For each spell, what changed from the previous spell's last year: signs, evidence, coverage.

    A spell begins when a sign (or the type, pivot, pariah) changes; this names the records behind
    the change — evidence that appeared or ended on each relation whose sign changed — and tie
    sources whose coverage ended, so that repeated spells (1992, 1993–94, 1995) show why.
    """
    by_year = timeline.set_index("year")
    sym = {1: "+", -1: "−", 0: "0"}
    out: list[str] = []
    for i, s in spells.reset_index(drop=True).iterrows():
        if i == 0:
            out.append("")
            continue
        now, before = (
            by_year.loc[int(s["start"])],
            by_year.loc[int(s["start"]) - 1] if int(s["start"]) - 1 in by_year.index else None,
        )
        if before is None:
            out.append("")
            continue
        bits = []
        for key, label in _REL:
            a, b = as_int(before[f"sign_{key}"]), as_int(now[f"sign_{key}"])
            if a == b:
                continue
            new = sorted(_items(now[f"evidence_{key}"]) - _items(before[f"evidence_{key}"]))
            gone = sorted(_items(before[f"evidence_{key}"]) - _items(now[f"evidence_{key}"]))
            detail = "; ".join([*(f"begins {e}" for e in new), *(f"ends {e}" for e in gone)]) or "no record"
            bits.append(f"{label} {sym[a]}→{sym[b]}: {detail}")
        ended = sorted(
            set(filter(None, str(now["not_covered"]).split(", ")))
            - set(filter(None, str(before["not_covered"]).split(", ")))
        )
        if ended:
            bits.append("sources end: " + ", ".join(ended))
        out.append(". ".join(bits))
    return out


def spell_rows(
    spells: pd.DataFrame,
    names: dict[int, str],
    n: SectionNumbers,
    prefix: str,
    *,
    sources: Any,
    method: str = METHOD,
    variant: str = "",
    timeline: pd.DataFrame | None = None,
) -> tuple[tuple[Markup | str, ...], ...]:
    """Table rows ``type, role, from, to`` (and ``what changed`` given the ``timeline``) of
    :func:`blocs.networks.triangle_spells`, years registered through the section's helper ``n``."""
    changes = spell_changes(spells, timeline) if timeline is not None else None

    def nm(code: object) -> str:
        return names.get(int(code), str(code)) if pd.notna(code) else ""  # type: ignore[call-overload]

    rows = []
    for i, s in spells.iterrows():
        role = (
            f"pivot: {nm(s['pivot'])}"
            if pd.notna(s["pivot"])
            else f"pariah: {nm(s['pariah'])}"
            if pd.notna(s["pariah"])
            else (f"no evidence: {_pairs(s['neutral'], names)}" if s["neutral"] else "")
        )
        rows.append(
            (
                TYPE_LABEL.get(str(s["type"]), str(s["type"])),
                role,
                n.add(key=f"{prefix}.{i}.start", value=as_int(s["start"]),
                      label=f"start of triangle spell {i} ({s['type']}){variant}", sources=sources, method=method),
                n.add(key=f"{prefix}.{i}.end", value=as_int(s["end"]),
                      label=f"end of triangle spell {i} ({s['type']}){variant}", sources=sources, method=method),
                *([changes[int(i)]] if changes is not None else []),  # type: ignore[call-overload]
            )
        )
    return tuple(rows)


def _pairs(neutral: str, names: dict[int, str]) -> str:
    """'2-710, 710-365' -> 'United States of America–China; China–USSR/Russia'."""
    out = []
    for pair in str(neutral).split(","):
        a, _, b = pair.strip().partition("-")
        out.append(f"{names.get(int(a), a)}–{names.get(int(b), b)}" if a.isdigit() and b.isdigit() else pair.strip())
    return "; ".join(out)


def _figure(
    ctx: Context,
    res: SectionResult,
    timeline: pd.DataFrame,
    name: str,
    *,
    title: str,
    caption: str,
    method: str,
    xlim: tuple[int, int] | None = None,
    partial_from: int | None = None,
) -> None:
    fig, ax = new_figure(height=2.4)
    pairs = (("sign_ab", "US–China"), ("sign_ac", "US–USSR/Russia"), ("sign_bc", "China–USSR/Russia"))
    colors = {1: COLORS["alliance"], -1: COLORS["china"], 0: "#e5e8e8"}
    years = timeline["year"].to_numpy()
    for row, (col, _label) in enumerate(pairs):
        signs = timeline[col].to_numpy(dtype=int)
        for sign, color in colors.items():
            sel = years[signs == sign]
            ax.bar(sel, 0.8, bottom=row, width=1.0, color=color, align="center", lw=0)
    types = timeline["type"].to_numpy()
    letters = {"menage_a_trois": "M", "romantic": "R", "stable_marriage": "S", "unit_veto": "U", "incomplete": "·"}
    for y, t in zip(years, types, strict=True):
        ax.text(y, 3.15, letters.get(str(t), "?"), ha="center", va="bottom", fontsize=6)
    ax.set_yticks(np.arange(3) + 0.4, [p[1] for p in pairs])
    ax.set_ylim(-0.1, 3.7)
    first, last = xlim or (int(years.min()), int(years.max()))
    ax.set_xlim(first - 1, last + 1)
    if partial_from is not None and partial_from <= last:
        ax.axvspan(
            partial_from - 0.5, last + 0.5, ymin=0, ymax=0.83, facecolor="none", hatch="///", edgecolor="#7f8c8d", lw=0
        )
        ax.text(partial_from, -0.05, "fewer tie sources →", fontsize=6, va="top")
    ax.set_xlabel("year   (top row: S stable marriage, U unit veto, R romantic, M ménage à trois, · incomplete)")
    handles = [Patch(color=colors[k], label=lab) for k, lab in ((1, "friendly"), (-1, "hostile"), (0, "no evidence"))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3)
    ax.set_title(f"US–China–USSR/Russia. {title}")
    res.figures.append(
        ctx.figure(
            fig,
            name,
            caption=caption,
            alt=f"Strip chart of the US-China, US-USSR and China-USSR relations per year with triangle types ({title})",
            sources=[timeline],
            method=method,
        )
    )
