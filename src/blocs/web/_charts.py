"""Vega-Lite specifications (built with Altair) for the pages: one function per chart, data in, spec out.

Each chart's data are exactly the API rows of the columns it names (``Chart.columns``), so the
CSV/JSON downloads under a chart — the API with ``columns=`` — hold what the chart shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Chart"]

WIDTH = 760
PALETTE = ["#3360a9", "#c4451c", "#2e8b57", "#8e44ad", "#b8860b", "#555555"]


@dataclass
class Chart:
    """One chart of a page: its id, title, the API columns it draws, its spec and its sources."""

    id: str
    title: str
    columns: list[str]
    spec: dict[str, Any]
    note: str = ""
    datasets: tuple[str, ...] = ()
    extra_downloads: list[tuple[str, str]] = field(default_factory=list)


def _alt() -> Any:
    import altair as alt

    return alt


def _values(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    return [{c: r.get(c) for c in columns} for r in rows]


def lines(
    rows: list[dict[str, Any]],
    columns: list[str],
    labels: dict[str, str],
    *,
    y_title: str,
    domain: tuple[float, float] | None = None,
    height: int = 220,
) -> dict[str, Any]:
    """Year on x, one line per column (folded); missing values leave gaps."""
    alt = _alt()
    data = alt.Data(values=_values(rows, ["year", *columns]))
    scale = alt.Scale(domain=list(domain)) if domain else alt.Scale(zero=False)
    chart = (
        alt.Chart(data)
        .transform_fold(columns, as_=["column", "value"])
        .transform_calculate(measure=_label_expr(labels))
        .mark_line(point=alt.OverlayMarkDef(size=14), strokeWidth=2)
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d", title=None)),
            y=alt.Y("value:Q", title=y_title, scale=scale),
            color=alt.Color("measure:N", legend=alt.Legend(orient="top", title=None), scale=alt.Scale(range=PALETTE)),
            tooltip=[alt.Tooltip("year:Q", format="d"), "measure:N", alt.Tooltip("value:Q", format=".3f")],
        )
        .properties(width=WIDTH, height=height)
    )
    return _spec(chart)


def presence(
    rows: list[dict[str, Any]], columns: list[str], labels: dict[str, str], *, title: str, height_per: int = 22
) -> dict[str, Any]:
    """Year × indicator grid: filled when 1, pale when 0, hatched grey when missing (outside the source)."""
    alt = _alt()
    data = alt.Data(values=_values(rows, ["year", *columns]))
    chart = (
        alt.Chart(data)
        .transform_fold(columns, as_=["column", "value"])
        .transform_calculate(
            indicator=_label_expr(labels),
            state="datum.value === null ? 'not covered' : (datum.value > 0 ? 'yes' : 'no')",
        )
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "year:O", axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 10 === 0 ? datum.value : ''", title=None)
            ),
            y=alt.Y("indicator:N", title=None, sort=[labels.get(c, c) for c in columns]),
            color=alt.Color(
                "state:N",
                title=title,
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=["yes", "no", "not covered"], range=["#c4451c", "#eeeeee", "#bbbbbb"]),
            ),
            tooltip=[alt.Tooltip("year:O"), "indicator:N", alt.Tooltip("value:Q", title="value")],
        )
        .properties(width=WIDTH, height=height_per * len(columns))
    )
    return _spec(chart)


def _label_expr(labels: dict[str, str]) -> str:
    parts = " : ".join(f"datum.column === {_js(k)} ? {_js(v)}" for k, v in labels.items())
    return f"{parts} : datum.column" if parts else "datum.column"


def _js(s: str) -> str:
    import json

    return json.dumps(s)


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.configure_view(strokeWidth=0).configure_axis(grid=True, gridOpacity=0.4).to_dict()
    spec.pop("$schema", None)
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier only; nothing is fetched
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def _x_axis(x: str) -> Any:
    """Year axis (every fifth year labelled) or month axis (YYYY-MM, every sixth labelled)."""
    alt = _alt()
    if x == "year":
        return alt.X(
            "year:O", axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 5 === 0 ? datum.value : ''", title=None)
        )
    return alt.X(
        f"{x}:O",
        axis=alt.Axis(labelAngle=0, labelExpr="slice(datum.value, 5) % 6 === 1 ? datum.value : ''", title=None),
    )


def triangle_types(rows: list[dict[str, Any]], *, x: str = "year") -> dict[str, Any]:
    """One cell per year (or month, ``x="period"``) coloured by the Dittmer type."""
    alt = _alt()
    cols = [x, "type", "sign_ab", "sign_ac", "sign_bc"]
    data = alt.Data(values=_values(rows, cols))
    chart = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=_x_axis(x),
            color=alt.Color(
                "type:N",
                title="Dittmer type",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(
                    domain=["menage_a_trois", "romantic", "stable_marriage", "unit_veto", "incomplete"],
                    range=["#2e8b57", "#3360a9", "#b8860b", "#c4451c", "#bbbbbb"],
                ),
            ),
            tooltip=[f"{x}:O", "type:N", "sign_ab:Q", "sign_ac:Q", "sign_bc:Q"],
        )
        .properties(width=WIDTH, height=40)
    )
    return _spec(chart)


def signs(rows: list[dict[str, Any]], labels: dict[str, str], *, x: str = "year") -> dict[str, Any]:
    """Edge × year (or month) grid of the signs: positive, none, negative."""
    alt = _alt()
    cols = ["sign_ab", "sign_ac", "sign_bc"]
    data = alt.Data(values=_values(rows, [x, *cols]))
    chart = (
        alt.Chart(data)
        .transform_fold(cols, as_=["column", "value"])
        .transform_calculate(
            edge=_label_expr(labels), tie="datum.value > 0 ? '+ positive' : (datum.value < 0 ? '− negative' : '0 none')"
        )
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=_x_axis(x),
            y=alt.Y("edge:N", title=None),
            color=alt.Color(
                "tie:N",
                title="tie",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=["+ positive", "0 none", "− negative"], range=["#3360a9", "#eeeeee", "#c4451c"]),
            ),
            tooltip=[f"{x}:O", "edge:N", "tie:N"],
        )
        .properties(width=WIDTH, height=90)
    )
    return _spec(chart)


def network(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes at given x/y coloured by camp; edges as rules, frustrated ones drawn dark and thick."""
    alt = _alt()
    nd = alt.Data(values=nodes)
    ed = alt.Data(values=edges)
    base_x = alt.X("x:Q", axis=None)
    base_y = alt.Y("y:Q", axis=None)
    edge_layer = (
        alt.Chart(ed)
        .mark_rule()
        .encode(
            x=base_x,
            y=base_y,
            x2="x2:Q",
            y2="y2:Q",
            color=alt.Color(
                "tie:N",
                title="tie",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=["positive", "negative", "frustrated"], range=["#9bb3dd", "#f0a58a", "#111111"]),
            ),
            strokeWidth=alt.condition("datum.frustrated", alt.value(2.2), alt.value(0.6)),
            opacity=alt.condition("datum.frustrated", alt.value(0.95), alt.value(0.35)),
            tooltip=["source_abb:N", "target_abb:N", "tie:N", "evidence:N"],
        )
    )
    node_layer = (
        alt.Chart(nd)
        .mark_circle(size=120, stroke="white", strokeWidth=1)
        .encode(
            x=base_x,
            y=base_y,
            fill=alt.Color(
                "camp_label:N",
                title="camp",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=["camp A", "camp B"], range=["#3360a9", "#c4451c"]),
            ),
            tooltip=["abb:N", "ccode:Q", "camp_label:N"],
        )
    )
    text_layer = alt.Chart(nd).mark_text(dy=-10, fontSize=9).encode(x=base_x, y=base_y, text="abb:N")
    chart = alt.layer(edge_layer, node_layer, text_layer).properties(width=WIDTH, height=520)
    return _spec(chart)


def idealpoints(rows: list[dict[str, Any]], highlight: list[str]) -> dict[str, Any]:
    alt = _alt()
    data = alt.Data(values=_values(rows, ["abb", "year", "ideal_point"]))
    base = alt.Chart(data).encode(
        x=alt.X("year:Q", axis=alt.Axis(format="d", title=None), scale=alt.Scale(zero=False)),
        y=alt.Y("ideal_point:Q", title="UN ideal point"),
    )
    background = base.mark_circle(size=10, color="#aaaaaa", opacity=0.35).encode(
        tooltip=["abb:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("ideal_point:Q", format=".2f")]
    )
    hl = (
        base.transform_filter(alt.FieldOneOfPredicate(field="abb", oneOf=highlight))
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            color=alt.Color(
                "abb:N", title="highlighted", legend=alt.Legend(orient="top"), scale=alt.Scale(range=PALETTE)
            ),
            tooltip=["abb:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("ideal_point:Q", format=".2f")],
        )
    )
    return _spec(alt.layer(background, hl).properties(width=WIDTH, height=380))


def distance(rows: list[dict[str, Any]]) -> dict[str, Any]:
    alt = _alt()
    data = alt.Data(values=_values(rows, ["pair", "year", "ideal_point_distance"]))
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d", title=None), scale=alt.Scale(zero=False)),
            y=alt.Y("ideal_point_distance:Q", title="ideal-point distance"),
            color=alt.Color("pair:N", title=None, legend=alt.Legend(orient="top"), scale=alt.Scale(range=PALETTE)),
            tooltip=["pair:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("ideal_point_distance:Q", format=".2f")],
        )
        .properties(width=WIDTH, height=200)
    )
    return _spec(chart)


def world(
    rows: list[dict[str, Any]], shapes_url: str, chosen: int | None, title: str, domain: tuple[float, float] | None
) -> dict[str, Any]:
    """Countries (TopoJSON from world-atlas) coloured by each row's value, joined on ISO numeric code."""
    alt = _alt()
    values = _values(rows, ["ccode", "abb", "name", "iso_n3", "value"])
    countries = alt.topo_feature(shapes_url, "countries")
    scale = (
        alt.Scale(scheme="blueorange", reverse=True, domain=list(domain))
        if domain
        else alt.Scale(scheme="blueorange", reverse=True)
    )
    base = alt.Chart(countries).mark_geoshape(stroke="white", strokeWidth=0.4, fill="#e6e6e6")
    filled = (
        alt.Chart(countries)
        .mark_geoshape(stroke="white", strokeWidth=0.4)
        .transform_calculate(iso="toNumber(datum.id)")
        .transform_lookup(
            lookup="iso", from_=alt.LookupData(alt.Data(values=values), "iso_n3", ["abb", "name", "value", "ccode"])
        )
        .transform_filter("isValid(datum.value)")
        .encode(
            color=alt.Color(
                "value:Q", title=title, scale=scale, legend=alt.Legend(orient="bottom", gradientLength=300)
            ),
            tooltip=["name:N", "abb:N", alt.Tooltip("value:Q", format=".3f")],
        )
    )
    layers = [base, filled]
    if chosen is not None:
        layers.append(
            alt.Chart(countries)
            .mark_geoshape(stroke="#111111", strokeWidth=1.5, fill="#111111")
            .transform_calculate(iso="toNumber(datum.id)")
            .transform_filter(f"datum.iso === {int(chosen)}")
        )
    chart = alt.layer(*layers).project("equalEarth").properties(width=WIDTH, height=420)
    return _spec(chart)


def landscape(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Each actor's side at the optimum, and in the counterfactual when there is one; movers outlined."""
    alt = _alt()
    fold = [c for c in ("coalition", "counterfactual") if rows and c in rows[0]]
    cols = ["actor", *fold, *(["moved"] if rows and "moved" in rows[0] else [])]
    data = alt.Data(values=_values(rows, cols))
    names = {"coalition": "baseline", "counterfactual": "counterfactual"}
    chart = (
        alt.Chart(data)
        .transform_fold(fold, as_=["column", "side"])
        .transform_calculate(scenario=_label_expr(names), camp="'side ' + (datum.side === 0 ? 'A' : 'B')")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X("scenario:N", title=None, sort=[names[c] for c in fold], axis=alt.Axis(labelAngle=0, orient="top")),
            y=alt.Y("actor:N", title=None, sort=None),
            color=alt.Color(
                "camp:N",
                title="side",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=["side A", "side B"], range=["#3360a9", "#c4451c"]),
            ),
            tooltip=["actor:N", "scenario:N", "camp:N"] + (["moved:N"] if "moved" in cols else []),
        )
        .properties(width=320, height=alt.Step(26))
    )
    return _spec(chart)


def monthly_lines(
    rows: list[dict[str, Any]], columns: list[str], labels: dict[str, str], *, y_title: str, height: int = 220
) -> dict[str, Any]:
    """Month (``period``, YYYY-MM) on x, one line per column; a month without a row has no point."""
    alt = _alt()
    data = alt.Data(values=_values(rows, ["period", *columns]))
    chart = (
        alt.Chart(data)
        .transform_fold(columns, as_=["column", "value"])
        .transform_calculate(measure=_label_expr(labels))
        .mark_line(point=alt.OverlayMarkDef(size=30), strokeWidth=2)
        .encode(
            x=alt.X("period:T", timeUnit="yearmonth", axis=alt.Axis(format="%Y-%m", title=None)),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color("measure:N", legend=alt.Legend(orient="top", title=None), scale=alt.Scale(range=PALETTE)),
            tooltip=["period:N", "measure:N", alt.Tooltip("value:Q", format=",")],
        )
        .properties(width=WIDTH, height=height)
    )
    return _spec(chart)
