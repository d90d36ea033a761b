"""Section 5, second variant: the triangle with UN General Assembly agreement as an extra tie source."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from markupsafe import Markup

from blocs._meta import meta_of, with_meta
from blocs.data import get_dataset
from blocs.report import _choices as C
from blocs.report._common import state_names
from blocs.report._sections import Context, SectionResult, Table, Unavailable, require

if TYPE_CHECKING:
    from blocs.networks import Recipe

__all__ = ["add_un_variant", "un_agreement_ranks", "un_recipe"]

ID = "triangle"
NEEDS = "UN agreement ties for the triangle (issues 3 and 4)"
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
    add_un_agreement = require("blocs.measures", "add_un_agreement", needs=NEEDS)
    create_dyad_years = require("blocs.system", "create_dyad_years", needs=NEEDS)
    sys_last = (get_dataset("cw_system").coverage or (last, last))[1]
    dy = create_dyad_years(directed=False, years=(first, last), extend_to=last if last > sys_last else None)
    un = add_un_agreement(dy)
    out = un.loc[un["un_agree"].notna(), ["ccode1", "ccode2", "year", "un_agree"]].reset_index(drop=True)
    out["un_agree_rank"] = out.groupby("year")["un_agree"].rank(pct=True, method="average")
    return with_meta(out, meta_of(un))


def un_recipe(ranks: pd.DataFrame) -> Recipe:
    """The default recipe plus two :class:`blocs.networks.ScoreTies` on the yearly agreement rank."""
    networks = require("blocs.networks", "ScoreTies", needs=NEEDS)
    default = require("blocs.networks", "DEFAULT_RECIPE", needs=NEEDS)
    recipe_cls = require("blocs.networks", "Recipe", needs=NEEDS)
    top = networks(ranks, column="un_agree_rank", threshold=1.0 - C.UN_TIE_TOP, label="UN agreement, top quarter")
    bottom = networks(
        ranks,
        column="un_agree_rank",
        threshold=C.UN_TIE_BOTTOM,
        above=False,
        sign=-1,
        label="UN agreement, bottom tenth",
    )
    recipe: Recipe = recipe_cls(ties=(*default.ties, top, bottom), combine=default.combine)
    return recipe


def add_un_variant(ctx: Context, res: SectionResult, default: pd.DataFrame, *, first_year: int, last_year: int) -> None:
    """Add the UN-agreement variant of the triangle: text, spells table, figure, comparison with ``default``."""
    from blocs.report._triangle import TYPE_LABEL, _figure, spell_rows  # the default variant's helpers

    try:
        strategic_triangle = require("blocs.networks", "strategic_triangle", needs=NEEDS)
        triangle_spells = require("blocs.networks", "triangle_spells", needs=NEEDS)
        ranks = ctx.cached("un_agreement_ranks", lambda: un_agreement_ranks(first_year, last_year))
        recipe = un_recipe(ranks)
    except Unavailable as exc:
        res.missing.append(exc.needs)
        return
    N = ctx.numbers
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

    def num(key: str, value: object, label: str, method: str = METHOD, fmt: str = "{}", src: object = None) -> Markup:
        return N.add(
            f"triangle.un.{key}",
            value,
            label=label,
            section=ID,
            sources=[tl] if src is None else src,
            method=method,
            fmt=fmt,
        )

    y0, y1 = (
        num("first_year", first, "first year of the UN-agreement variant"),
        num("last_year", last, "last year of the UN-agreement variant"),
    )
    res.paragraphs.append(
        Markup(
            "<strong>Second variant: adding UN votes.</strong> The default recipe has no source that signs the "
            "US–China relation in the years after the unit veto. The variant below adds ties from UN General "
            "Assembly agreement (abstention = half agreement), ranked each year among all pairs of states: a pair "
            "in the top {top} of the year is friendly, one in the bottom {bottom} hostile, the rest get no UN tie; "
            "the other sources and the rule that hostile evidence wins are unchanged. Years {y0}–{y1} (the PRC "
            "holds China's seat from 1971)."
        ).format(top=f"{C.UN_TIE_TOP:.0%}", bottom=f"{C.UN_TIE_BOTTOM:.0%}", y0=y0, y1=y1)
    )
    res.tables.append(
        Table(
            "Spells of the triangle with UN-agreement ties",
            ("type", "role", "from", "to"),
            spell_rows(spells, names, ctx.numbers.section(ID), "un.spell", sources=[tl], variant=", UN variant"),
        )
    )

    # What changes against the default recipe, over the same years
    base = default[default["year"].between(first, last)].set_index("year")
    var = tl.set_index("year")
    common = base.index.intersection(var.index)
    changed = common[(base.loc[common, "type"] != var.loc[common, "type"]).to_numpy()]
    src2 = [tl, default]
    n_changed = num(
        "changed_years",
        len(changed),
        f"years {first}–{last} whose type differs from the default recipe",
        method="count of years with a different type, default vs UN variant",
        src=src2,
    )
    n_inc_d = num(
        "default_incomplete_years",
        int((base.loc[common, "type"] == "incomplete").sum()),
        f"incomplete years {first}–{last}, default recipe",
        method="count of type == 'incomplete'",
        src=src2,
    )
    n_inc_v = num(
        "incomplete_years",
        int((var.loc[common, "type"] == "incomplete").sum()),
        f"incomplete years {first}–{last}, UN variant",
        method="count of type == 'incomplete'",
        src=src2,
    )

    def rank_of(pair: tuple[int, int]) -> pd.Series:
        sel = trio[(trio["ccode1"] == pair[0]) & (trio["ccode2"] == pair[1])]
        return sel.set_index("year")["un_agree_rank"]

    us_cn, us_ru, ru_cn = (rank_of(p) for p in TRIAD)
    rank_method = "yearly percentile rank of add_un_agreement among all dyads (report.un_agreement_ranks)"
    parts = [
        Markup("Over {a}–{b} the type changes in {n} years; incomplete years fall from {d} to {v}.").format(
            a=first, b=last, n=n_changed, d=n_inc_d, v=n_inc_v
        )
    ]
    if len(us_cn) and len(us_ru):
        hostile = int((us_cn <= C.UN_TIE_BOTTOM).sum())
        parts.append(
            Markup(
                " The change comes from the US side: in every year {a}–{b} the US–China pair was among the {uc} of "
                "pairs that agreed least, and the US–USSR/Russia pair among the {ur}; UN votes sign US–China hostile "
                "in {h} of {n} years."
            ).format(
                a=first,
                b=last,
                uc=num(
                    "us_china_max_rank",
                    float(us_cn.max()),
                    "highest yearly percentile rank of US–China UN agreement",
                    method=rank_method,
                    fmt="{:.0%}",
                    src=[trio],
                ),
                ur=num(
                    "us_russia_max_rank",
                    float(us_ru.max()),
                    "highest yearly percentile rank of US–USSR/Russia UN agreement",
                    method=rank_method,
                    fmt="{:.0%}",
                    src=[trio],
                ),
                h=num(
                    "us_china_hostile_years",
                    hostile,
                    "years with US–China UN agreement in the bottom tenth",
                    method=rank_method,
                    src=[trio],
                ),
                n=num(
                    "us_china_years",
                    len(us_cn),
                    "years with a US–China UN agreement score",
                    method=rank_method,
                    src=[trio],
                ),
            )
        )
    if len(ru_cn):
        low = ru_cn[ru_cn <= C.UN_TIE_BOTTOM]
        parts.append(
            Markup(
                " The China–USSR/Russia pair ranked anywhere from the lowest {lo} to the {hi} mark of all pairs"
            ).format(
                lo=num(
                    "china_russia_min_rank",
                    float(ru_cn.min()),
                    "lowest yearly percentile rank of China–USSR/Russia UN agreement",
                    method=rank_method,
                    fmt="{:.0%}",
                    src=[trio],
                ),
                hi=num(
                    "china_russia_max_rank",
                    float(ru_cn.max()),
                    "highest yearly percentile rank of China–USSR/Russia UN agreement",
                    method=rank_method,
                    fmt="{:.0%}",
                    src=[trio],
                ),
            )
        )
        if len(low):
            parts.append(
                Markup(
                    "; it fell into the bottom tenth in {n} years ({a}–{b}), when Russia's votes moved towards the "
                    "West's (see its ideal point in section 4)."
                ).format(
                    n=num(
                        "china_russia_hostile_years",
                        len(low),
                        "years China–USSR/Russia UN agreement in the bottom tenth",
                        method=rank_method,
                        src=[trio],
                    ),
                    a=num(
                        "china_russia_hostile_first",
                        int(low.index.min()),
                        "first such year",
                        method=rank_method,
                        src=[trio],
                    ),
                    b=num(
                        "china_russia_hostile_last",
                        int(low.index.max()),
                        "last such year",
                        method=rank_method,
                        src=[trio],
                    ),
                )
            )
        else:
            parts.append(Markup("."))
    later = var.loc[common[common > C.COLD_WAR_END]]
    if len(later):
        counts = later["type"].value_counts()
        bits = [
            Markup("{t} {n}").format(
                t=TYPE_LABEL.get(str(t), str(t)),
                n=num(
                    f"post_cold_war.{t}",
                    int(c),
                    f"years of type {t} after {C.COLD_WAR_END}, UN variant",
                    method=f"count of type per year, years > {C.COLD_WAR_END}",
                ),
            )
            for t, c in counts.items()
        ]
        parts.append(
            Markup(
                " After {y} the variant reads: {b}; UN hostility also outweighs the US–Russia non-aggression "
                "entries of ATOP, so where the default recipe shows Russia as the pivot of a romantic triangle the "
                "variant shows China and Russia together against the United States."
            ).format(y=C.COLD_WAR_END, b=Markup("; ").join(bits))
        )
    res.paragraphs.append(Markup("").join(parts))
    res.paragraphs.append(
        Markup(
            "<strong>What the data still cannot tell.</strong> UN agreement measures how two states vote on the "
            "Assembly's whole agenda, not their bilateral relation. The United States votes against most of the "
            "Assembly, so a low rank with China says as much about US isolation as about China; the Nixon–Mao "
            "rapprochement, the normalisation of relations and the strategic cooperation against the USSR leave no "
            "friendly trace in UN votes, alliances, disputes or rivalries. Read the variant's hostile US–China "
            'years as "no shared voting", not as enmity, and the default recipe\'s incomplete years as "no '
            'evidence", not as neutrality.'
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
