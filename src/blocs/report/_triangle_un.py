"""Section 5, second variant: the triangle with UN General Assembly agreement as an extra tie source."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from markupsafe import Markup

from blocs._meta import meta_of, with_meta
from blocs.data import get_dataset
from blocs.measures import add_un_agreement
from blocs.networks import DEFAULT_RECIPE, Recipe, ScoreTies, strategic_triangle, triangle_spells
from blocs.report import _choices as C
from blocs.report._common import as_float, state_names
from blocs.report._prose import paragraphs
from blocs.report._sections import Context, SectionResult, Table
from blocs.system import create_dyad_years

if TYPE_CHECKING:
    from blocs.networks import Recipe

__all__ = ["add_un_variant", "un_agreement_ranks", "un_recipe"]

ID = "triangle"
TRIAD = ((C.USA, C.CHINA), (C.USA, C.USSR), (C.USSR, C.CHINA))
METHOD = (
    "blocs.networks.strategic_triangle(2, 710, 365, recipe=DEFAULT_RECIPE + ScoreTies on the yearly percentile rank "
    f"of add_un_agreement over all dyads: >= {1 - C.UN_TIE_TOP:g} friendly, <= {C.UN_TIE_BOTTOM:g} hostile)"
)


def un_agreement_ranks(first: int, last: int) -> pd.DataFrame:
    """UN agreement of every dyad with a score, ranked within its year.

    ``ccode1, ccode2, year, un_agree, un_agree_rank`` where ``un_agree_rank`` is the
    percentile rank (average rank of ties, in (0, 1]) of the dyad's
    ``blocs.measures.add_un_agreement`` among all non-directed dyads of the COW system that
    year with a defined agreement.  Years after the state list ends carry its last members forward.
    """
    sys_last = (get_dataset("cw_system").coverage or (last, last))[1]
    dy = create_dyad_years(directed=False, years=(first, last), extend_to=last if last > sys_last else None)
    un = add_un_agreement(dy)
    out = un.loc[un["un_agree"].notna(), ["ccode1", "ccode2", "year", "un_agree"]].reset_index(drop=True)
    out["un_agree_rank"] = out.groupby("year")["un_agree"].rank(pct=True, method="average")
    return with_meta(out, meta_of(un))


def un_recipe(ranks: pd.DataFrame) -> Recipe:
    """The default recipe plus two :class:`blocs.networks.ScoreTies` on the yearly agreement rank."""
    top = ScoreTies(ranks, column="un_agree_rank", threshold=1.0 - C.UN_TIE_TOP, label="UN agreement, top quarter")
    bottom = ScoreTies(
        ranks,
        column="un_agree_rank",
        threshold=C.UN_TIE_BOTTOM,
        above=False,
        sign=-1,
        label="UN agreement, bottom tenth",
    )
    return Recipe(ties=(*DEFAULT_RECIPE.ties, top, bottom), combine=DEFAULT_RECIPE.combine)


def add_un_variant(ctx: Context, res: SectionResult, default: pd.DataFrame, *, first_year: int, last_year: int) -> None:
    """Add the UN-agreement variant of the triangle: text, spells table, figure, comparison with ``default``."""
    from blocs.report._triangle import TYPE_LABEL, _figure, spell_rows  # the default variant's helpers

    ranks = ctx.cached("un_agreement_ranks", lambda: un_agreement_ranks(first_year, last_year))
    recipe = un_recipe(ranks)
    n = ctx.numbers.section(ID)
    first = max(first_year, int(ranks["year"].min()))
    last = min(last_year, int(ranks["year"].max()))
    tl = strategic_triangle(C.USA, C.CHINA, C.USSR, years=(first, last), recipe=recipe).reset_index(drop=True)
    spells = triangle_spells(tl)
    names = state_names()
    trio = ranks[
        pd.MultiIndex.from_frame(ranks[["ccode1", "ccode2"]]).isin(pd.MultiIndex.from_tuples(TRIAD))
        & ranks["year"].between(first, last)
    ]
    trio = with_meta(trio.reset_index(drop=True), meta_of(ranks))
    # What changes against the default recipe, over the same years
    base = default[default["year"].between(first, last)].set_index("year")
    var = tl.set_index("year")
    common = base.index.intersection(var.index)
    changed = common[(base.loc[common, "type"] != var.loc[common, "type"]).to_numpy()]
    src2 = [tl, default]
    rank_method = "yearly percentile rank of add_un_agreement among all dyads (report.un_agreement_ranks)"

    def rank_of(pair: tuple[int, int]) -> pd.Series:
        sel = trio[(trio["ccode1"] == pair[0]) & (trio["ccode2"] == pair[1])]
        return sel.set_index("year")["un_agree_rank"]

    us_cn, us_ru, ru_cn = (rank_of(p) for p in TRIAD)
    v: dict[str, Markup] = {
        "y0": n.add(
            key="un.first_year",
            value=first,
            label="first year of the UN-agreement variant",
            sources=[tl],
            method=METHOD,
        ),
        "y1": n.add(
            key="un.last_year", value=last, label="last year of the UN-agreement variant", sources=[tl], method=METHOD
        ),
        "changed": n.add(
            key="un.changed_years",
            value=len(changed),
            label=f"years {first}–{last} whose type differs from the default recipe",
            sources=src2,
            method="count of years with a different type, default vs UN variant",
        ),
        "inc_d": n.add(
            key="un.default_incomplete_years",
            value=int((base.loc[common, "type"] == "incomplete").sum()),
            label=f"incomplete years {first}–{last}, default recipe",
            sources=src2,
            method="count of type == 'incomplete'",
        ),
        "inc_v": n.add(
            key="un.incomplete_years",
            value=int((var.loc[common, "type"] == "incomplete").sum()),
            label=f"incomplete years {first}–{last}, UN variant",
            sources=src2,
            method="count of type == 'incomplete'",
        ),
    }
    if len(us_cn) and len(us_ru):
        v["uc"] = n.add(
            key="un.us_china_max_rank",
            value=as_float(us_cn.max()),
            label="highest yearly percentile rank of US–China UN agreement",
            sources=[trio],
            method=rank_method,
            fmt="{:.0%}",
        )
        v["ur"] = n.add(
            key="un.us_russia_max_rank",
            value=as_float(us_ru.max()),
            label="highest yearly percentile rank of US–USSR/Russia UN agreement",
            sources=[trio],
            method=rank_method,
            fmt="{:.0%}",
        )
        v["h"] = n.add(
            key="un.us_china_hostile_years",
            value=int((us_cn <= C.UN_TIE_BOTTOM).sum()),
            label="years with US–China UN agreement in the bottom tenth",
            sources=[trio],
            method=rank_method,
        )
        v["n_uc"] = n.add(
            key="un.us_china_years",
            value=len(us_cn),
            label="years with a US–China UN agreement score",
            sources=[trio],
            method=rank_method,
        )
    if len(ru_cn):
        low = ru_cn[ru_cn <= C.UN_TIE_BOTTOM]
        v["lo"] = n.add(
            key="un.china_russia_min_rank",
            value=as_float(ru_cn.min()),
            label="lowest yearly percentile rank of China–USSR/Russia UN agreement",
            sources=[trio],
            method=rank_method,
            fmt="{:.0%}",
        )
        v["hi"] = n.add(
            key="un.china_russia_max_rank",
            value=as_float(ru_cn.max()),
            label="highest yearly percentile rank of China–USSR/Russia UN agreement",
            sources=[trio],
            method=rank_method,
            fmt="{:.0%}",
        )
        if len(low):
            v["n_low"] = n.add(
                key="un.china_russia_hostile_years",
                value=len(low),
                label="years China–USSR/Russia UN agreement in the bottom tenth",
                sources=[trio],
                method=rank_method,
            )
            v["low_a"] = n.add(
                key="un.china_russia_hostile_first",
                value=int(low.index.min()),
                label="first such year",
                sources=[trio],
                method=rank_method,
            )
            v["low_b"] = n.add(
                key="un.china_russia_hostile_last",
                value=int(low.index.max()),
                label="last such year",
                sources=[trio],
                method=rank_method,
            )
    later = var.loc[common[common > C.COLD_WAR_END]]
    types = [
        (
            TYPE_LABEL.get(str(t), str(t)),
            n.add(
                key=f"un.post_cold_war.{t}",
                value=int(c),
                label=f"years of type {t} after {C.COLD_WAR_END}, UN variant",
                sources=[tl],
                method=f"count of type per year, years > {C.COLD_WAR_END}",
            ),
        )
        for t, c in later["type"].value_counts().items()
    ]
    res.paragraphs.extend(
        paragraphs(
            "triangle_un",
            v=v,
            types=types,
            top=f"{C.UN_TIE_TOP:.0%}",
            bottom=f"{C.UN_TIE_BOTTOM:.0%}",
            first=first,
            last=last,
            cold_war_end=C.COLD_WAR_END,
        )
    )
    res.tables.append(
        Table(
            "Spells of the triangle with UN-agreement ties",
            ("type", "role", "from", "to"),
            spell_rows(spells, names, n, "un.spell", sources=[tl], variant=", UN variant"),
        )
    )
    _figure(
        ctx,
        res,
        tl,
        "triangle_un",
        title="With UN-agreement ties",
        caption="Default recipe plus UN-agreement ties (top quarter of all pairs friendly, bottom tenth hostile): "
        "signs of the three relations per year and the Dittmer type of the triangle.",
        method=METHOD,
        xlim=(int(default["year"].min()), int(default["year"].max())),
    )
