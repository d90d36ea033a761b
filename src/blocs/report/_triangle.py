"""Section 5 — the US–China–USSR/Russia strategic triangle over time (Dittmer 1981)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.patches import Patch

from blocs.networks import DEFAULT_RECIPE, recipe_coverage, strategic_triangle, triangle_spells
from blocs.report import _choices as C
from blocs.report._common import as_int, spans, state_names
from blocs.report._figures import COLORS, new_figure
from blocs.report._sections import Context, SectionResult, Table
from blocs.report._triangle_un import add_un_variant

__all__ = ["build_triangle"]

ID = "triangle"
METHOD = "blocs.networks.strategic_triangle(2, 710, 365) with the default recipe, triangle_spells(...)"
TYPE_LABEL = {
    "menage_a_trois": "ménage à trois",
    "romantic": "romantic triangle",
    "stable_marriage": "stable marriage",
    "unit_veto": "unit veto",
    "incomplete": "incomplete",
}


def build_triangle(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    N = ctx.numbers
    years = (C.FIRST_YEAR, DEFAULT_RECIPE.coverage[1])
    ctx.step(f"signed relations of the triangle, {years[0]}–{years[1]}")
    timeline = strategic_triangle(C.USA, C.CHINA, C.USSR, years=years)
    # Every year to the last one any tie source covers; the years a source does not cover are
    # named (absent evidence beyond a source's end is not neutrality).
    coverage = recipe_coverage(years)
    uncovered = timeline.loc[timeline["not_covered"].astype(str).str.len() > 0, "year"]
    full_last = int(uncovered.min()) - 1 if len(uncovered) else int(timeline["year"].max())
    ctx.cache.setdefault("methods", []).extend([strategic_triangle, recipe_coverage])
    spells = triangle_spells(timeline)
    names = state_names()
    src = [timeline]

    def num(key: str, value: object, label: str, method: str = METHOD, fmt: str = "{}") -> Markup:
        return N.add(f"triangle.{key}", value, label=label, section=ID, sources=src, method=method, fmt=fmt)

    first, last = int(timeline["year"].min()), int(timeline["year"].max())
    y0 = num("first_year", first, "first year of the triangle timeline")
    y1 = num(
        "last_year",
        last,
        "last year any tie source of the recipe covers",
        method="DEFAULT_RECIPE.coverage[1]",
    )
    yf = num(
        "full_coverage_last_year",
        full_last,
        "last year every tie source of the recipe covers",
        method="last year before strategic_triangle(...).not_covered is non-empty",
    )
    res.paragraphs.append(
        Markup(
            "Each relation of the triangle is signed per year from the data (blocs' default recipe): an ATOP "
            "defence, offence, neutrality or non-aggression obligation is friendly; a militarized dispute with "
            "use of force, a war, a Thompson–Sakuwa–Suhas strategic rivalry or a UCDP inter-state armed conflict "
            "with the two on opposite sides is hostile, and hostile evidence wins. Dittmer's types follow from "
            "the three signs; a relation without evidence either way leaves the triangle <em>incomplete</em> "
            "rather than being forced into a sign. Years {y0}–{y1}; every tie source covers {y0}–{yf}, and the "
            "table below says which sources still cover the later years."
        ).format(y0=y0, y1=y1, yf=yf)
    )
    res.tables.append(coverage_table(coverage, num))

    res.tables.append(
        Table(
            "Spells of the US–China–USSR/Russia triangle (default recipe), with the evidence that changed when "
            "each began",
            ("type", "role", "from", "to", "what changed"),
            spell_rows(spells, names, num, "spell", timeline=timeline),
        )
    )

    # The 1950s: China and the USSR against the United States
    sm = spells[(spells["type"] == "stable_marriage") & (spells["pariah"] == C.USA)]
    uv = spells[spells["type"] == "unit_veto"]
    parts = []
    if len(sm):
        s = sm.iloc[0]
        parts.append(
            Markup(
                "the data show a <em>stable marriage</em> of China and the USSR against the United States "
                "from {a} to {b}"
            ).format(
                a=num("marriage_start", int(s["start"]), "first year China and the USSR stand together against the US"),
                b=num("marriage_end", int(s["end"]), "last year of that first stable marriage"),
            )
        )
        after = uv[uv["start"] > s["end"]]
        if len(after):
            u = after.iloc[0]
            parts.append(
                Markup("then a <em>unit veto</em> — all three hostile — from {a} to {b}").format(
                    a=num("split_start", int(u["start"]), "first year of the post-split unit veto"),
                    b=num("split_end", int(u["end"]), "last year of that unit veto"),
                )
            )
    if parts:
        res.paragraphs.append(Markup("Read year by year, ") + Markup(", ").join(parts) + Markup("."))

    inc = timeline[timeline["type"] == "incomplete"]
    n_inc = num(
        "incomplete_years",
        len(inc),
        "years in which at least one relation has no evidence",
        method="count of type == 'incomplete'",
    )
    usc = timeline[(timeline["sign_ab"] == 0)]
    split_end = N["triangle.split_end"].value if "triangle.split_end" in {n.key for n in N} else None
    run = [sp for sp in spans(usc["year"]) if split_end is not None and sp[0] == int(split_end) + 1]
    if run:
        res.paragraphs.append(
            Markup(
                "Where the data cannot tell: in {n} years at least one relation has no signed evidence. After the "
                "unit veto the US–China relation is unsigned from {f} to {l}: rapprochement and normalisation "
                "leave no trace in alliance, dispute or rivalry data, so the triangle there is incomplete, not "
                "friendly."
            ).format(
                n=n_inc,
                f=num(
                    "us_china_unsigned_first",
                    run[0][0],
                    "first year without a US–China sign after the split",
                    method="first run of years with sign_ab == 0 after the unit veto",
                ),
                l=num("us_china_unsigned_last", run[0][1], "last year of that run", method="end of that run"),
            )
        )
    later = timeline[(timeline["year"] > C.COLD_WAR_END) & (timeline["type"] != "incomplete")]
    if len(later):
        counts = later["type"].value_counts()
        bits = [
            Markup("{t} {n}").format(
                t=TYPE_LABEL[str(t)],
                n=num(
                    f"post_cold_war.{t}",
                    int(c),
                    f"complete years of type {t} after {C.COLD_WAR_END}",
                    method=f"count of type per year, years > {C.COLD_WAR_END}",
                ),
            )
            for t, c in counts.items()
        ]
        friendly = num(
            "post_cold_war.china_russia_friendly",
            int((later["sign_bc"] == 1).sum()),
            "complete post-Cold War years with China–Russia friendly",
            method=f"count of sign_bc == +1, complete years > {C.COLD_WAR_END}",
        )
        res.paragraphs.append(
            Markup(
                "After {y}, {n} years have a complete triangle: {b}. China and Russia are friendly in {f} of them."
            ).format(
                y=C.COLD_WAR_END,
                n=num(
                    "post_cold_war.complete_years",
                    len(later),
                    f"complete triangle years after {C.COLD_WAR_END}",
                    method=f"count of type != 'incomplete', years > {C.COLD_WAR_END}",
                ),
                b=Markup("; ").join(bits),
                f=friendly,
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


def coverage_table(coverage: pd.DataFrame, num: Callable[..., Markup]) -> Table:
    """Runs of years with the same covering tie sources (from :func:`blocs.networks.recipe_coverage`)."""
    runs = (coverage["covered"] != coverage["covered"].shift()).cumsum()
    rows = []
    for i, (_, g) in enumerate(coverage.groupby(runs, sort=True)):
        rows.append(
            (
                num(
                    f"coverage.{i}.start",
                    int(g["year"].min()),
                    f"first year of coverage run {i}",
                    method="blocs.networks.recipe_coverage(...): runs of equal 'covered'",
                ),
                num(
                    f"coverage.{i}.end",
                    int(g["year"].max()),
                    f"last year of coverage run {i}",
                    method="blocs.networks.recipe_coverage(...): runs of equal 'covered'",
                ),
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
    num: Callable[[str, object, str], Markup],
    prefix: str,
    *,
    timeline: pd.DataFrame | None = None,
) -> tuple[tuple[Markup | str, ...], ...]:
    """Table rows ``type, role, from, to`` (and ``what changed`` given the ``timeline``) of
    :func:`blocs.networks.triangle_spells`, years registered via ``num``."""
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
                num(f"{prefix}.{i}.start", int(s["start"]), f"start of triangle spell {i} ({s['type']})"),
                num(f"{prefix}.{i}.end", int(s["end"]), f"end of triangle spell {i} ({s['type']})"),
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
