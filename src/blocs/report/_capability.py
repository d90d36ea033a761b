"""Section 3 — the unequal partnership: China's capabilities relative to the USSR/Russia."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from markupsafe import Markup

from blocs._meta import declare, meta_of, with_meta
from blocs.data import load
from blocs.measures import add_capability_ratio
from blocs.report import _choices as C
from blocs.report._common import as_float
from blocs.report._figures import COLORS, new_figure, shade_spans
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["CapabilityFacts", "build_capability", "capability_facts", "capability_ratio", "reversal_year"]

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


def capability_ratio(*, first: int, last: int) -> pd.DataFrame:
    """China/USSR-Russia capabilities per year: ``year, cinc_ussr, cinc_china, cap_share_ussr, ratio``.

    ``ratio`` is China's CINC divided by that of COW state 365, from
    :func:`blocs.measures.add_capability_ratio` on the non-directed 365–710 dyad
    (``(1 − cap_share1) / cap_share1``); years in which either state lacks CINC are dropped.
    """
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


@dataclass(frozen=True)
class CapabilityFacts:
    """What the section states: the China/USSR-Russia CINC ratio and its components."""

    ratio: pd.DataFrame  # year, cinc_ussr, cinc_china, cap_share_ussr, ratio
    nmc: pd.DataFrame
    reversal: int | None
    low_year: int
    low_ratio: float
    last_year: int
    components: dict[tuple[str, int], float | None]  # (component, year) -> China / USSR-Russia


def capability_facts() -> CapabilityFacts:
    """Compute the section's facts from NMC 7.0 (through :func:`capability_ratio`).

    Returns
    -------
    CapabilityFacts
        The ratio series 1946 to the last NMC year, the reversal year, the alliance's lowest
        ratio and the component ratios in 1950 and the last year.
    """
    ratio = capability_ratio(first=C.FIRST_YEAR, last=C.LAST_YEAR)
    nmc = load("cow_nmc")
    during = ratio[ratio["year"].between(C.ALLIANCE_YEAR, 1980)]
    lo = during.iloc[int(np.argmin(during["ratio"].to_numpy()))]
    last = int(ratio["year"].max())
    comps: dict[tuple[str, int], float | None] = {}
    for comp in COMPONENTS:
        for yr in (C.ALLIANCE_YEAR, last):
            vals = nmc[(nmc["year"] == yr) & nmc["ccode"].isin([C.USSR, C.CHINA])].set_index("ccode")[comp]
            a, b = vals.get(C.CHINA), vals.get(C.USSR)
            ok = a is not None and b is not None and pd.notna(a) and pd.notna(b) and b != 0
            comps[(comp, yr)] = float(a) / float(b) if ok else None  # type: ignore[arg-type]
    return CapabilityFacts(
        ratio=ratio,
        nmc=nmc,
        reversal=reversal_year(ratio, after=C.ALLIANCE_YEAR),
        low_year=int(lo["year"]),
        low_ratio=float(lo["ratio"]),
        last_year=last,
        components=comps,
    )


def build_capability(ctx: Context) -> SectionResult:
    res = SectionResult(ID, TITLE)
    ctx.cache.setdefault("methods", []).append(add_capability_ratio)
    f = capability_facts()
    ratio, nmc = f.ratio, f.nmc
    ctx.cache["capability_ratio"] = ratio
    n = ctx.numbers.section(ID)
    by_year = ratio.set_index("year")["ratio"]
    y0, y_last, rev = C.ALLIANCE_YEAR, f.last_year, f.reversal
    src = [ratio]
    v = {
        "r49": n.add(key="ratio_1949", value=as_float(by_year.loc[C.BIPOLAR_YEAR]),
                     label="China/USSR CINC ratio, 1949", sources=src, method=METHOD, fmt="{:.2f}"),
        "r50": n.add(key="ratio_1950", value=as_float(by_year.loc[y0]), label=f"China/USSR CINC ratio, {y0}",
                     sources=src, method=METHOD, fmt="{:.2f}"),
        "r_lo": n.add(key="ratio_min_alliance", value=f.low_ratio,
                      label="lowest China/USSR CINC ratio during the alliance", sources=src, method=METHOD,
                      fmt="{:.2f}"),
        "y_lo": n.add(key="ratio_min_alliance_year", value=f.low_year,
                      label="year of the lowest ratio during the alliance", sources=src, method=METHOD),
        "r_last": n.add(key="ratio_last", value=as_float(by_year.loc[y_last]),
                        label=f"China/Russia CINC ratio, {y_last}", sources=src, method=METHOD, fmt="{:.2f}"),
        "yl": n.add(key="last_year", value=y_last, label="last year of NMC data", sources=src,
                    method="max(year) of cow_nmc"),
        "inv_last": n.add(key="inverse_last", value=1.0 / as_float(by_year.loc[y_last]),
                          label=f"Russia/China CINC ratio, {y_last}", sources=src, method="1 / ratio_t",
                          fmt="{:.2f}"),
        "y0": Markup(str(y0)),
    }
    if rev is not None:
        v["rev"] = n.add(key="reversal_year", value=rev, label="year China's CINC durably exceeds the USSR's/Russia's",
                         sources=src,
                         method=f"blocs.report.reversal_year: first year ≥ {y0} with ratio_t > 1 in every later year")
    wider = rev is not None and as_float(by_year.loc[y_last]) > 1 / f.low_ratio
    res.paragraphs.extend(paragraphs(ID, v=v, reversed=rev is not None, wider=wider))

    rows = []
    for comp, label in COMPONENTS.items():
        cells: list[Markup | str] = [label]
        for yr in (y0, y_last):
            value = f.components[(comp, yr)]
            cells.append(
                "no data"
                if value is None
                else n.add(key=f"component_ratio.{comp}.{yr}", value=value,
                           label=f"China/USSR-Russia ratio of {label}, {yr}", sources=src,
                           method=f"{comp}(710, {yr}) / {comp}(365, {yr}) from cow_nmc", fmt="{:.2f}")
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
