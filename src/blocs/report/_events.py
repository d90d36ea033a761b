"""Section "events" — China, Russia and the United States month by month, from the event files given.

Built only when the report is given event files (``blocs case sino-soviet --events PATH
--events-format FORMAT``).  Facts first (:func:`events_facts`, from the query layer's
:func:`~blocs.query.event_dyad_timeline` and :func:`~blocs.query.event_triangle_timeline`),
then the section's numbers, then prose from ``templates/section_events.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs.report import _choices as C
from blocs.report._figures import COLORS
from blocs.report._numbers import SectionNumbers
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table
from blocs.report._triangle import TYPE_LABEL

__all__ = ["EventsFacts", "build_events", "events_facts"]

ID = "events"
#: The three pairs, in the order the section discusses them: key, label, (a, b), colour.
PAIRS: tuple[tuple[str, str, tuple[int, int], str], ...] = (
    ("china_russia", "China–Russia", (C.CHINA, C.USSR), COLORS["china"]),
    ("us_china", "US–China", (C.USA, C.CHINA), COLORS["usa"]),
    ("us_russia", "US–Russia", (C.USA, C.USSR), COLORS["ussr"]),
)
METHOD_DYAD = "blocs.query.event_dyad_timeline(a, b, events=...): aggregate_events(by='month'), both directions"
METHOD_TRIANGLE = "blocs.query.event_triangle_timeline([2, 710, 365], events=...): net_coop > 0 friendly, < 0 hostile"
#: Above this many months the table summarises by year.
MONTHLY_TABLE_MAX = 24


@dataclass(frozen=True)
class EventsFacts:
    """What the section states: the files, what became of their rows, three dyads and the triangle."""

    files: str
    format: str
    report: dict[str, Any]
    months: pd.DataFrame  # every month of the files with an event between two states: year, month, period
    dyads: dict[str, Any]  # pair key -> EventDyadMonths
    triangle: Any  # EventTriangleMonths


def events_facts(source: Any) -> EventsFacts:
    """The China–Russia, US–China and US–Russia months and the US–China–Russia triangle of ``source``.

    Parameters
    ----------
    source : blocs.query.EventSource
        Checked event files (:func:`blocs.query.event_source`).

    Returns
    -------
    EventsFacts
    """
    from blocs.query import event_dyad_timeline, event_months, event_triangle_timeline

    agg = event_months(source)
    months = agg.table[["year", "month"]].drop_duplicates().sort_values(["year", "month"]).reset_index(drop=True)
    months["period"] = months["year"].astype(str) + "-" + months["month"].map("{:02d}".format)
    dyads = {key: event_dyad_timeline(a, b, events=source) for key, _, (a, b), _ in PAIRS}
    tri = event_triangle_timeline([C.USA, C.CHINA, C.USSR], events=source)
    return EventsFacts(source.describe(), source.format, agg.report.as_dict(), months, dyads, tri)


def _pair_numbers(n: SectionNumbers, key: str, label: str, t: pd.DataFrame, n_months: int) -> dict[str, Markup]:
    src = [t]
    v = {
        "months": n.add(key=f"{key}.months", value=len(t), label=f"months with at least one {label} event",
                        sources=src, method=METHOD_DYAD),
        "events": n.add(key=f"{key}.events", value=int(t["events"].sum()), label=f"{label} events, both directions",
                        sources=src, method=METHOD_DYAD, fmt="{:,}"),
        "net": n.add(key=f"{key}.net_coop", value=int(t["net_coop"].sum()),
                     label=f"{label} net cooperation summed over the months", sources=src, method=METHOD_DYAD,
                     fmt="{:+,}"),
        "positive": n.add(key=f"{key}.months_cooperative", value=int((t["net_coop"] > 0).sum()),
                          label=f"months with {label} net cooperation above 0", sources=src, method=METHOD_DYAD),
        "negative": n.add(key=f"{key}.months_conflictual", value=int((t["net_coop"] < 0).sum()),
                          label=f"months with {label} net cooperation below 0", sources=src, method=METHOD_DYAD),
    }  # fmt: skip
    if len(t):
        v["mean"] = n.add(key=f"{key}.mean_net_coop", value=float(t["net_coop"].mean()),
                          label=f"mean monthly {label} net cooperation (months with events)", sources=src,
                          method=METHOD_DYAD, fmt="{:+.1f}")  # fmt: skip
        coop = int(t[["verbal_coop", "material_coop"]].to_numpy().sum())
        v["coop_share"] = n.add(key=f"{key}.cooperative_share", value=coop / max(int(t["events"].sum()), 1),
                                label=f"share of {label} events that are cooperative (quad classes 1-2)",
                                sources=src, method=METHOD_DYAD, fmt="{:.0%}")  # fmt: skip
    return v


def build_events(ctx: Context) -> SectionResult:
    res = SectionResult(ID, "")
    ctx.step("event files: monthly dyads and the triangle")
    f = events_facts(ctx.events)
    from blocs.events import FORMATS
    from blocs.networks import event_triangle

    keys = ["Goldstein1992", *FORMATS[f.format].cite]
    ctx.cache.setdefault("methods", []).extend([event_triangle, *keys])
    n = ctx.numbers.section(ID)
    tri = f.triangle.table
    src_all = [d.table for d in f.dyads.values()] + [tri]
    rep = f.report
    v: dict[str, Any] = {
        "first": n.add(key="first_month", value=str(f.months["period"].iloc[0]),
                       label="first month with an event between two states", sources=src_all, method=METHOD_DYAD),
        "last": n.add(key="last_month", value=str(f.months["period"].iloc[-1]),
                      label="last month with an event between two states", sources=src_all, method=METHOD_DYAD),
        "n_months": n.add(key="months", value=len(f.months), label="months with an event between two states",
                          sources=src_all, method=METHOD_DYAD),
        "rows": n.add(key="rows_read", value=int(rep["rows"]), label="rows read from the event files",
                      sources=src_all, method="aggregate_events(...).report.rows", fmt="{:,}"),
        "events": n.add(key="events", value=int(rep["events"]), label="events after de-duplication by event id",
                        sources=src_all, method="aggregate_events(...).report.events", fmt="{:,}"),
        "aggregated": n.add(key="between_states", value=int(rep["aggregated"]),
                            label="events between two different states", sources=src_all,
                            method="aggregate_events(...).report.aggregated", fmt="{:,}"),
    }  # fmt: skip
    pairs = {key: _pair_numbers(n, key, label, f.dyads[key].table, len(f.months)) for key, label, _, _ in PAIRS}
    complete = tri[tri["type"] != "incomplete"]
    types = []
    for t, c in sorted(f.triangle.types.items(), key=lambda kv: (-kv[1], kv[0])):
        types.append((TYPE_LABEL.get(t, t), n.add(key=f"triangle.{t}", value=int(c),
                                                  label=f"months the triangle is of type {t}", sources=[tri],
                                                  method=METHOD_TRIANGLE)))  # fmt: skip
    v["tri_months"] = n.add(key="triangle.months", value=len(tri), label="months of the triangle timeline",
                            sources=[tri], method=METHOD_TRIANGLE)
    v["tri_complete"] = n.add(key="triangle.complete_months", value=len(complete),
                              label="months in which all three pairs are signed", sources=[tri],
                              method=METHOD_TRIANGLE)
    v["cr_friendly"] = n.add(key="triangle.china_russia_friendly", value=int((tri["sign_bc"] == 1).sum()),
                             label="months with China–Russia net cooperation above 0", sources=[tri],
                             method=METHOD_TRIANGLE)  # fmt: skip
    res.paragraphs.extend(paragraphs(ID, v=v, pairs=pairs, labels={k: lab for k, lab, _, _ in PAIRS}, types=types,
                                     files=f.files, format=f.format))  # fmt: skip
    res.tables.append(_table(f, n))
    _figure(ctx, res, f)
    res.notes.append(
        Markup("Event files: {} (<code>--events-format {}</code>). {}").format(
            f.files, f.format, _report_text(rep)
        )
    )
    return res


def _report_text(rep: dict[str, Any]) -> str:
    top = ", ".join(f"{k} ({v:,})" for k, v in list(rep.get("unmatched_labels", {}).items())[:5])
    out = (
        f"Left out of the dyad months: {rep['no_country']:,} events without a country actor, {rep['same_state']:,} "
        f"within one state, {rep['unmatched']:,} with a label that is no state, {rep['outside_system']:,} outside the "
        f"state's spells, {rep['ambiguous']:,} ambiguous, {rep['bad_date']:,} with a bad date"
    )
    return out + (f"; most frequent unmatched labels: {top}." if top else ".")


def _table(f: EventsFacts, n: SectionNumbers) -> Table:
    """Month by month (few months) or year by year: net cooperation of each pair and the triangle's types."""
    tri = f.triangle.table
    frames = []
    for key, _, _, _ in PAIRS:
        t = f.dyads[key].table
        frames.append(t.set_index(["year", "month"])["net_coop"].rename(key))
    wide = pd.concat(frames, axis=1).reindex(pd.MultiIndex.from_frame(tri[["year", "month"]]))
    wide["type"] = tri["type"].to_numpy()
    monthly = len(tri) <= MONTHLY_TABLE_MAX

    def cell(x: Any) -> str:
        return "—" if pd.isna(x) else f"{int(x):+d}"

    rows: list[tuple[Markup | str, ...]] = []
    if monthly:
        for (y, m), r in wide.iterrows():
            kind = TYPE_LABEL.get(str(r["type"]), "")
            rows.append((f"{int(y)}-{int(m):02d}", *(cell(r[k]) for k, _, _, _ in PAIRS), kind))
        header = ("month", *(lab for _, lab, _, _ in PAIRS), "triangle")
    else:
        g = wide.reset_index().groupby("year")
        for y, part in g:
            kinds = part["type"].value_counts()
            text = "; ".join(f"{TYPE_LABEL.get(str(t), t)} {c}" for t, c in kinds.items())
            rows.append((str(int(y)), str(len(part)), *(cell(part[k].sum()) if part[k].notna().any() else "—"
                                                       for k, _, _, _ in PAIRS), text))
        header = ("year", "months", *(lab for _, lab, _, _ in PAIRS), "triangle types (months)")
    return Table(
        "Net cooperation (cooperative minus conflictual events, both directions; — no event) and the Dittmer type "
        + ("per month" if monthly else "per year (net cooperation summed over the year's months)"),
        header,
        tuple(rows),
    )


def _figure(ctx: Context, res: SectionResult, f: EventsFacts) -> None:
    tri = f.triangle.table
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.5, 3.6), sharex=True, layout="constrained",
                                   gridspec_kw={"height_ratios": [4, 1]})  # fmt: skip
    order = {(int(y), int(m)): i for i, (y, m) in enumerate(zip(tri["year"], tri["month"], strict=True))}
    for key, label, _, color in PAIRS:
        t = f.dyads[key].table
        # a dyad's months are among the files' months
        x = [order[(int(y), int(m))] for y, m in zip(t["year"], t["month"], strict=True)]
        ax1.plot(x, t["net_coop"].to_numpy(), marker="o", ms=3, lw=1.5, color=color, label=label)
    ax1.axhline(0, color="#7f8c8d", lw=0.8)
    ax1.set_ylabel("net cooperation\n(events)")
    ax1.legend(loc="best", ncol=3)
    ax1.set_title("China, Russia and the United States month by month (event data)")
    letters = {"menage_a_trois": "M", "romantic": "R", "stable_marriage": "S", "unit_veto": "U", "incomplete": "·"}
    colors = {"menage_a_trois": "#2e8b57", "romantic": "#3360a9", "stable_marriage": "#b8860b", "unit_veto": "#c4451c",
              "incomplete": "#dddddd"}  # fmt: skip
    xs = np.arange(len(tri), dtype=int)
    ax2.bar(xs, 1, width=1.0, color=[colors.get(str(t), "#dddddd") for t in tri["type"]], lw=0)
    if len(tri) <= 60:
        for pos, t in zip(xs, tri["type"], strict=True):
            ax2.text(pos, 0.5, letters.get(str(t), "?"), ha="center", va="center", fontsize=7)
    ax2.set_yticks([])
    step = max(1, len(tri) // 12)
    ax2.set_xticks(xs[::step], list(tri["period"].iloc[::step]), rotation=0, fontsize=7)
    ax2.set_xlim(-0.5, len(tri) - 0.5)
    ax2.set_xlabel("month   (M ménage à trois, R romantic, S stable marriage, U unit veto, · incomplete)")
    res.figures.append(
        ctx.figure(
            fig,
            "events_monthly",
            caption="Monthly net cooperation (cooperative minus conflictual events, both directions) of China–Russia, "
            "US–China and US–Russia in the event files given, and the Dittmer type of the US–China–Russia triangle "
            "each month (a pair without events or with net cooperation 0 leaves it incomplete).",
            alt="Line chart of monthly net cooperation of three pairs, above a strip of monthly triangle types",
            sources=[d.table for d in f.dyads.values()] + [tri],
            method=f"{METHOD_DYAD}; {METHOD_TRIANGLE}",
        )
    )
