"""Section 3 — the unequal partnership: China's capabilities relative to the USSR/Russia."""

from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._meta import declare, meta_of, with_meta
from blocs.data import load
from blocs.report import _choices as C
from blocs.report._figures import COLORS, new_figure, shade_spans
from blocs.report._sections import Context, SectionResult, Table, require

__all__ = ["build_capability", "capability_ratio", "reversal_year"]

ID = "capability"
TITLE = "The unequal partnership: China's power relative to the USSR and Russia"
COMPONENTS = {
    "milex": "military expenditure",
    "milper": "military personnel",
    "irst": "iron and steel production",
    "pec": "primary energy consumption",
    "tpop": "total population",
    "upop": "urban population",
}
METHOD = (
    "blocs.measures.add_capability_ratio on the 365–710 dyad-year table (NMC 7.0 CINC); "
    "China/USSR-Russia ratio_t = (1 − cap_share1) / cap_share1 with ccode1 = 365"
)
NEEDS = "dyadic capability share and ratio (issue 3)"


def capability_ratio(*, first: int, last: int) -> pd.DataFrame:
    """China/USSR-Russia capabilities per year: ``year, cinc_ussr, cinc_china, cap_share_ussr, ratio``.

    ``ratio`` is China's CINC divided by that of COW state 365, from
    :func:`blocs.measures.add_capability_ratio` on the non-directed 365–710 dyad
    (``(1 − cap_share1) / cap_share1``); years in which either state lacks CINC are dropped.
    """
    add_capability_ratio = require("blocs.measures", "add_capability_ratio", needs=NEEDS)
    dyad = declare(
        pd.DataFrame({"ccode1": C.USSR, "ccode2": C.CHINA, "year": np.arange(first, last + 1)}),
        unit="dyad_year",
        system="cow",
        directed=False,
    )
    shares = add_capability_ratio(dyad).dropna(subset=["cap_share1"])
    nmc = load("cow_nmc")
    cinc = nmc[nmc["ccode"].isin(C.DYAD)].pivot(index="year", columns="ccode", values="cinc")
    out = pd.DataFrame(
        {
            "year": shares["year"].to_numpy("int64"),
            "cinc_ussr": cinc[C.USSR].reindex(shares["year"]).to_numpy(float),
            "cinc_china": cinc[C.CHINA].reindex(shares["year"]).to_numpy(float),
            "cap_share_ussr": shares["cap_share1"].to_numpy(float),
        }
    )
    out["ratio"] = (1.0 - out["cap_share_ussr"]) / out["cap_share_ussr"]
    return with_meta(out, meta_of(shares))


def reversal_year(ratio: pd.DataFrame, *, after: int) -> int | None:
    """First year ≥ ``after`` from which ``ratio > 1`` holds in every later year of the series."""
    sub = ratio[ratio["year"] >= after].sort_values("year")
    above = sub["ratio"].to_numpy() > 1
    if not above.size or not above[-1]:
        return None
    # walk back from the end while China stays ahead
    below = np.flatnonzero(~above)
    start = 0 if below.size == 0 else below[-1] + 1
    return int(sub["year"].iloc[start])


def build_capability(ctx: Context) -> SectionResult:
    res = SectionResult(ID, TITLE)
    ratio = capability_ratio(first=C.FIRST_YEAR, last=C.LAST_YEAR)
    ctx.cache.setdefault("methods", []).append(require("blocs.measures", "add_capability_ratio", needs=NEEDS))
    nmc = load("cow_nmc")
    ctx.cache["capability_ratio"] = ratio
    N = ctx.numbers
    by_year = ratio.set_index("year")
    ratio_of = dict(zip(ratio["year"].astype(int), ratio["ratio"].astype(float), strict=True))
    y0, y_last = C.ALLIANCE_YEAR, int(ratio["year"].max())
    rev = reversal_year(ratio, after=C.ALLIANCE_YEAR)

    def num(key: str, value: object, label: str, fmt: str, method: str = METHOD) -> Markup:
        return N.add(key, value, label=label, section=ID, sources=[ratio], method=method, fmt=fmt)

    r49 = num("capability.ratio_1949", by_year.at[C.BIPOLAR_YEAR, "ratio"], "China/USSR CINC ratio, 1949", "{:.2f}")
    r50 = num("capability.ratio_1950", by_year.at[y0, "ratio"], f"China/USSR CINC ratio, {y0}", "{:.2f}")
    during = ratio[ratio["year"].between(C.ALLIANCE_YEAR, 1980)]
    lo = during.iloc[int(np.argmin(during["ratio"].to_numpy()))]
    r_lo = num(
        "capability.ratio_min_alliance", lo["ratio"], "lowest China/USSR CINC ratio during the alliance", "{:.2f}"
    )
    y_lo = num(
        "capability.ratio_min_alliance_year", int(lo["year"]), "year of the lowest ratio during the alliance", "{}"
    )
    r_last = num("capability.ratio_last", by_year.at[y_last, "ratio"], f"China/Russia CINC ratio, {y_last}", "{:.2f}")
    yl = num("capability.last_year", y_last, "last year of NMC data", "{}", method="max(year) of cow_nmc")
    inv_last = num(
        "capability.inverse_last",
        1.0 / ratio_of[y_last],
        f"Russia/China CINC ratio, {y_last}",
        "{:.2f}",
        method="1 / ratio_t",
    )
    if rev is None:
        res.paragraphs.append(
            Markup("In NMC data China's capabilities have not durably overtaken those of the USSR/Russia.")
        )
    else:
        rev_m = num(
            "capability.reversal_year",
            rev,
            "year China's CINC durably exceeds the USSR's/Russia's",
            "{}",
            method=f"blocs.report.reversal_year: first year ≥ {C.ALLIANCE_YEAR} with ratio_t > 1 in every later year",
        )
        res.paragraphs.append(
            Markup(
                "Measured by the Composite Index of National Capability (CINC: the average of a state's shares "
                "of world military spending, military personnel, iron and steel, energy use, total and urban "
                "population), China had {r49} times the Soviet Union's capabilities in 1949 and {r50} when the "
                "treaty was signed in {y0}. The gap was widest in {y_lo} (ratio {r_lo}). China overtook the "
                "USSR/Russia for good in {rev} — the year the Soviet Union dissolved — and by {yl} had {r_last} "
                "times Russia's capabilities; Russia had {inv_last} of China's."
            ).format(r49=r49, r50=r50, y0=y0, y_lo=y_lo, r_lo=r_lo, rev=rev_m, yl=yl, r_last=r_last, inv_last=inv_last)
        )
    if rev is not None and by_year.at[y_last, "ratio"] > 1 / lo["ratio"]:
        res.paragraphs.append(
            Markup(
                "Girard's \"unequal friendship\" thus holds in both eras, but the inequality reversed: Mao's China "
                "was the junior partner, Xi's China is the senior one, and by a wider margin than Stalin's USSR "
                "ever led Mao's China."
            )
        )

    # components: which parts of power made the gap
    rows = []
    for comp, label in COMPONENTS.items():
        cells: list[Markup | str] = [label]
        for yr in (y0, y_last):
            vals = nmc[(nmc["year"] == yr) & nmc["ccode"].isin([C.USSR, C.CHINA])].set_index("ccode")[comp]
            a, b = vals.get(C.CHINA), vals.get(C.USSR)
            if a is None or b is None or pd.isna(a) or pd.isna(b) or b == 0:
                cells.append("no data")
            else:
                cells.append(
                    num(
                        f"capability.component_ratio.{comp}.{yr}",
                        float(a) / float(b),
                        f"China/USSR-Russia ratio of {label}, {yr}",
                        "{:.2f}",
                        method=f"{comp}(710, {yr}) / {comp}(365, {yr}) from cow_nmc",
                    )
                )
        rows.append(tuple(cells))
    res.tables.append(
        Table(
            caption=f"China's capabilities as a multiple of the USSR's ({y0}) and Russia's ({y_last}), by component",
            header=("component", str(y0), str(y_last)),
            rows=tuple(rows),
        )
    )

    fig, (ax1, ax2) = new_figure(2, height=2.6)
    ax1.plot(ratio["year"], ratio["cinc_ussr"], color=COLORS["ussr"], label="USSR / Russia (365)")
    ax1.plot(ratio["year"], ratio["cinc_china"], color=COLORS["china"], label="China (710)")
    ax1.set_ylabel("CINC (share of world)")
    ax1.set_title("Capabilities, NMC 7.0")
    ax1.legend(loc="upper left")
    ax2.plot(ratio["year"], ratio["ratio"], color=COLORS["china"])
    ax2.axhline(1, color=COLORS["accent"], lw=0.8, ls="--")
    ax2.set_yscale("log")
    ticks = [t for t in (0.25, 0.5, 1, 2, 4, 8) if ratio["ratio"].min() / 2 <= t <= ratio["ratio"].max() * 2]
    ax2.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax2.minorticks_off()
    ax2.set_ylabel("China / USSR-Russia (log)")
    ax2.set_title("Capability ratio")
    shade_spans(ax2, [(C.ALLIANCE_YEAR, 1980)], color=COLORS["alliance"], label="1950 treaty in force")
    if rev is not None:
        ax2.axvline(rev, color=COLORS["dispute"], lw=1)
        ax2.annotate(f"China ahead from {rev}", (rev, 1), xytext=(6, 8), textcoords="offset points", fontsize=8)
    ax2.legend(loc="upper left")
    ax2.set_xlabel("year")
    res.figures.append(
        ctx.figure(
            fig,
            "capability_ratio",
            caption=f"China's and the USSR's/Russia's CINC, {C.FIRST_YEAR}–{y_last}, and their ratio (log scale).",
            alt="Two panels: CINC of China and the USSR/Russia over time, and China's capability ratio crossing 1",
            sources=[nmc],
            method=METHOD,
        )
    )
    return res
