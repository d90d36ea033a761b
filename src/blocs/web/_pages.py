"""Server-rendered pages: the URL holds the whole view; each chart's data are the API's rows.

A page handler parses its query string with the API's parsers, calls the same backend
function, builds Vega-Lite specs from the rows and renders a template.  Downloads under
each chart link to the API with ``columns=`` (so the file is the chart's data), the embed
snippet points at ``/embed/<page>?…&chart=<id>`` (the same view, that chart alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from blocs._errors import BlocsError
from blocs.web import _backend as B
from blocs.web import _charts as C
from blocs.web import _params as P
from blocs.web._api import citation, envelope

__all__ = ["router", "NAV"]

router = APIRouter(include_in_schema=False)
_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape())

NAV = [
    ("/dyad", "Country pair", "Two states over time: alliances, similarity, UN votes, ideal points, power, conflict."),
    ("/triangle", "Triangle", "Three states: the Dittmer type per year and the evidence behind each edge."),
    ("/balance", "Blocs by year", "The signed network of a year, its two camps, frustrated ties and certificate."),
    ("/landscape", "Landscape", "Choose states and a year, weigh the components, toggle counterfactuals."),
    ("/idealpoints", "Ideal points", "Every state's UN position per session; highlight some, follow distances."),
    ("/map", "World map", "How aligned every state is with a chosen state in a chosen year."),
    ("/events", "Events", "Month by month from event files (blocs serve --events): a dyad's cooperation and "
     "conflict, a triangle's type."),
    ("/case", "Case study", "The Sino-Soviet alliance, 1950–1980: the seeds' case as a page."),
]

CASE_DIR: list[Path | None] = [None]  # set by `blocs serve --case-dir`


def _render(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("nav", [(h, label) for h, label, _ in NAV])
    ctx.setdefault("version", B.version())
    ctx.setdefault("charts", [])
    ctx.setdefault("embed", False)
    ctx.setdefault("error", None)
    ctx.setdefault("measures", list(B.MAP_MEASURES.items()))
    html = _ENV.get_template(template).render(**ctx)
    return HTMLResponse(html, status_code=status)


def _chart_ctx(
    chart: C.Chart,
    endpoint: str,
    api_query: dict[str, Any],
    page: str,
    page_query: dict[str, Any],
    body: dict[str, Any],
    height: int = 320,
) -> dict[str, Any]:
    """Everything under one chart: its sources, citation, downloads and embed snippet."""
    names = chart.datasets
    srcs = [s for s in body["sources"] if not names or any(s["name"].startswith(n) for n in names)]
    sources_text = "; ".join(f"{s['name']} {s['version']}" for s in srcs) or "none"
    from blocs._meta import Source

    cite_src = tuple(Source(s["name"], s["version"]) for s in srcs)
    q = {k: v for k, v in api_query.items() if v is not None}
    cols = ",".join(chart.columns)
    base = f"/api/v1/{endpoint}?" + urlencode({**q, "columns": cols})
    embed_q = urlencode({**{k: v for k, v in page_query.items() if v not in (None, "")}, "chart": chart.id})
    bib_names = ",".join(sorted({s["name"] for s in srcs}))
    return {
        "id": chart.id,
        "title": chart.title,
        "note": chart.note,
        "spec_json": json.dumps(chart.spec, allow_nan=False).replace("</", "<\\/"),
        "sources_text": sources_text,
        "citation": citation(cite_src),
        "bibtex": f"/api/v1/cite?{urlencode({'datasets': bib_names})}" if bib_names else "#",
        "csv": base + "&format=csv",
        "json": base + "&format=json",
        "extra_downloads": chart.extra_downloads,
        "embed": f"/embed/{page}?{embed_q}",
        "embed_height": height,
    }


def _page(
    request: Request,
    name: str,
    title: str,
    lead: str,
    build: Callable[[], dict[str, Any]],
    q: dict[str, Any],
    embed: bool,
    extra: dict[str, Any] | None = None,
) -> HTMLResponse:
    """Build a page; a parameter or library error shows the form again with the message (status 4xx)."""
    more = extra or {}
    try:
        ctx = build()
    except P.ApiError as exc:
        return _render(
            f"{name}.html",
            exc.status,
            title=title,
            lead=lead,
            q=q,
            active=f"/{name}",
            error=exc.body()["error"],
            embed=embed,
            **more,
        )
    except BlocsError as exc:
        err = P.error_for(exc)
        return _render(
            f"{name}.html",
            err.status,
            title=title,
            lead=lead,
            q=q,
            active=f"/{name}",
            error=err.body()["error"],
            embed=embed,
            **more,
        )
    charts = ctx.pop("charts", [])
    want = request.query_params.get("chart")
    if embed and want:
        charts = [c for c in charts if c["id"] == want]
    return _render(
        f"{name}.html", title=title, lead=lead, q=q, active=f"/{name}", charts=charts, embed=embed, **more, **ctx
    )


# ---------------------------------------------------------------- pages ------------------------------------------


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return _render(
        "index.html",
        title="Explore alignment between states",
        pages=NAV,
        active="/",
        lead="Alliances, UN votes, disputes and rivalries as data: pick states and years; every chart "
        "names its sources, downloads its data and restores from its URL.",
    )


DYAD_CHARTS: list[tuple[str, str, list[str], str, tuple[str, ...]]] = [
    (
        "alliance",
        "Alliance obligations (ATOP)",
        ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"],
        "presence",
        ("atop", "cow_states", "cw_system"),
    ),
    (
        "similarity",
        "Alliance-portfolio similarity",
        ["atop_s_abs", "atop_s_wt_abs", "atop_kappa_sq"],
        "lines",
        ("atop", "cow_nmc", "cw_system"),
    ),
    ("un", "UN General Assembly agreement", ["un_agree", "un_kappa_sq"], "lines", ("un_", "cw_system")),
    (
        "idealpoints",
        "UN ideal points and their distance",
        ["ideal_point1", "ideal_point2", "ideal_point_distance"],
        "lines",
        ("un_", "cw_system"),
    ),
    ("power", "Capabilities (CINC)", ["cap_share1"], "lines", ("cow_nmc", "cw_system")),
    (
        "conflict",
        "Disputes, rivalry, war and armed conflict",
        ["cowmidonset", "cowmidongoing", "ongoingrivalry", "cowinterongoing", "ucdpongoing", "ucdpongoing_2nd"],
        "presence",
        ("cow_mid", "tss_riv", "cow_war", "ucdp", "gw_cw", "cw_system"),
    ),
]
DYAD_LABELS = {
    "atop_defense": "defence",
    "atop_offense": "offence",
    "atop_neutral": "neutrality",
    "atop_nonagg": "non-aggression",
    "atop_consul": "consultation",
    "atop_s_abs": "S (absolute)",
    "atop_s_wt_abs": "S weighted by CINC",
    "atop_kappa_sq": "kappa (squared)",
    "un_agree": "share of votes agreeing",
    "un_kappa_sq": "kappa (squared)",
    "cap_share1": "share of the pair's CINC",
    "cowmidonset": "MID onset",
    "cowmidongoing": "MID ongoing",
    "ongoingrivalry": "strategic rivalry",
    "cowinterongoing": "inter-state war",
    "ucdpongoing": "UCDP armed conflict (opposite sides)",
    "ucdpongoing_2nd": "UCDP armed conflict (as a supporter)",
}


def _dyad_view(request: Request, embed: bool) -> HTMLResponse:
    qp = request.query_params
    q = {"a": qp.get("a", "CHN"), "b": qp.get("b", "RUS"), "years": qp.get("years", "1946-2016")}

    def build() -> dict[str, Any]:
        span = P.years(q["years"] or None, default=(1946, 2016), limit=B.LIMITS["dyad_years"])
        a = P.state(q["a"], name="a", year=span[1])
        b = P.state(q["b"], name="b", year=span[1])
        view = B.dyad(a, b, span)
        api_q = {"a": a, "b": b, "years": f"{span[0]}-{span[1]}"}
        body = envelope("dyad", api_q, view, None)
        rows = body["rows"]
        fa, fb = body["a"], body["b"]
        labels = dict(DYAD_LABELS)
        labels["ideal_point1"] = f"{fa['abb']} ideal point"
        labels["ideal_point2"] = f"{fb['abb']} ideal point"
        labels["ideal_point_distance"] = "distance"
        labels["cap_share1"] = f"{fa['abb']}'s share of the pair's CINC"
        charts = []
        for cid, title, cols, kind, datasets in DYAD_CHARTS:
            cols = [c for c in cols if c in view.rows.columns]
            lab = {c: labels[c] for c in cols}
            if kind == "presence":
                spec = C.presence(rows, cols, lab, title=title.split(" (")[0])
            elif cid == "power":
                spec = C.lines(rows, cols, lab, y_title="share", domain=(0, 1))
            elif cid == "idealpoints":
                spec = C.lines(rows, cols, lab, y_title="position / distance")
            else:
                spec = C.lines(rows, cols, lab, y_title="similarity", domain=(-1, 1) if cid == "similarity" else None)
            note = "; ".join(f"{labels[c]}: {view.columns.get(c, '')}" for c in cols)
            chart = C.Chart(cid, f"{title}: {fa['abb']}–{fb['abb']}", ["year", *cols], spec, note, datasets)
            charts.append(_chart_ctx(chart, "dyad", api_q, "dyad", q, body))
        return {"charts": charts, "facts": {"a": fa, "b": fb}, "nrows": len(rows)}

    return _page(
        request, "dyad", "Country pair", "Two states over time, each measure from its source.", build, q, embed
    )


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request) -> HTMLResponse:
    return _dyad_view(request, False)


def _triangle_view(request: Request, embed: bool) -> HTMLResponse:
    qp = request.query_params
    q = {"states": qp.get("states", "USA,CHN,RUS"), "years": qp.get("years", "1946-2016")}

    def build() -> dict[str, Any]:
        span = P.years(q["years"] or None, default=(1946, 2016), limit=B.LIMITS["triangle_years"])
        codes = P.states(q["states"], year=span[1], n=3)
        trio = (codes[0], codes[1], codes[2])
        view = B.triangle(trio, span)
        api_q = {"states": ",".join(map(str, trio)), "years": f"{span[0]}-{span[1]}"}
        body = envelope("triangle", api_q, view, None)
        rows = body["rows"]
        ab = [B.state_label(c) for c in trio]
        edge_labels = {"sign_ab": f"{ab[0]}–{ab[1]}", "sign_ac": f"{ab[0]}–{ab[2]}", "sign_bc": f"{ab[1]}–{ab[2]}"}
        cols_t = ["year", "type", "sign_ab", "sign_ac", "sign_bc"]
        charts = [
            _chart_ctx(
                C.Chart(
                    "type",
                    f"Dittmer type per year: {'–'.join(ab)}",
                    cols_t,
                    C.triangle_types(rows),
                    view.columns["type"],
                ),
                "triangle",
                api_q,
                "triangle",
                q,
                body,
                160,
            ),
            _chart_ctx(
                C.Chart(
                    "signs",
                    "Sign of each edge",
                    ["year", "sign_ab", "sign_ac", "sign_bc"],
                    C.signs(rows, edge_labels),
                    view.columns["sign_ab"],
                ),
                "triangle",
                api_q,
                "triangle",
                q,
                body,
                200,
            ),
        ]
        return {"charts": charts, "table": rows, "edge_labels": list(edge_labels.values())}

    return _page(
        request,
        "triangle",
        "Strategic triangle",
        "Three states' ties per year and the Dittmer (1981) type they make.",
        build,
        q,
        embed,
    )


@router.get("/triangle", response_class=HTMLResponse)
def triangle_page(request: Request) -> HTMLResponse:
    return _triangle_view(request, False)


def _layout(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Positions for the drawing only: the giant component, camps side by side, a seeded spring layout within."""
    g = nx.Graph()
    g.add_edges_from((e["source"], e["target"]) for e in edges)
    giant = max(nx.connected_components(g), key=len) if g.number_of_nodes() else set()
    camp = {n["ccode"]: n["camp"] for n in nodes}
    pos: dict[int, tuple[float, float]] = {}
    for side in (0, 1):
        members = [n for n in giant if camp.get(n) == side]
        if not members:
            continue
        sub = g.subgraph(members)
        p = nx.spring_layout(sub, seed=7, k=0.6) if len(members) > 1 else {members[0]: (0.0, 0.0)}
        for n, (x, y) in p.items():
            pos[n] = (float(x) + (1.6 if side == 1 else -1.6), float(y))
    out_nodes = [
        {**n, "x": pos[n["ccode"]][0], "y": pos[n["ccode"]][1], "camp_label": "camp A" if n["camp"] == 0 else "camp B"}
        for n in nodes
        if n["ccode"] in pos
    ]
    out_edges = []
    for e in edges:
        if e["source"] in pos and e["target"] in pos:
            tie = "frustrated" if e["frustrated"] else ("positive" if e["sign"] > 0 else "negative")
            ev = e.get("evidence_neg") or e.get("evidence_pos") or ""
            out_edges.append(
                {
                    "x": pos[e["source"]][0],
                    "y": pos[e["source"]][1],
                    "x2": pos[e["target"]][0],
                    "y2": pos[e["target"]][1],
                    "tie": tie,
                    "frustrated": bool(e["frustrated"]),
                    "source_abb": B.state_label(e["source"]),
                    "target_abb": B.state_label(e["target"]),
                    "evidence": ev,
                }
            )
    out_edges.sort(key=lambda e: e["frustrated"])  # frustrated ties drawn last, on top
    return out_nodes, out_edges


def _balance_view(request: Request, embed: bool) -> HTMLResponse:
    qp = request.query_params
    q = {"year": qp.get("year", "1962")}

    def build() -> dict[str, Any]:
        try:
            y = P.year(int(q["year"]))
        except ValueError:
            raise P.ApiError(f"year={q['year']!r} is not a year; give one such as 1962", param="year") from None
        view = B.balance(y)
        api_q = {"year": y}
        body = envelope("balance", api_q, view, None)
        nodes, edges = _layout(body["rows"], body["edges"])
        chart = C.Chart(
            "network",
            f"Signed network of {y}: camps and frustrated ties",
            ["ccode", "camp", "component", "abb"],
            C.network(nodes, edges),
            view.columns["camp"],
            ("atop", "cow_mid", "cow_war", "tss_riv", "td_riv", "ucdp", "gw_cw", "cow_states", "cw_system"),
            [("Edges CSV", f"/api/v1/balance?year={y}&table=edges&format=csv")],
        )
        cert = body["certificate"]
        names = {0: [], 1: []}  # type: dict[int, list[str]]
        for n in nodes:
            names[int(n["camp"])].append(n["abb"])
        return {
            "charts": [_chart_ctx(chart, "balance", api_q, "balance", q, body, 640)],
            "cert": cert,
            "shown": len(nodes),
            "camp_a": ", ".join(sorted(names[0])),
            "camp_b": ", ".join(sorted(names[1])),
            "first": 1816,
            "last": 2014,
        }

    return _page(
        request,
        "balance",
        "Blocs by year",
        "Alliances are positive ties; disputes, wars, rivalries and armed conflicts negative. The two camps "
        "leave the fewest ties frustrated; the certificate says whether that is proven.",
        build,
        q,
        embed,
    )


@router.get("/balance", response_class=HTMLResponse)
def balance_page(request: Request) -> HTMLResponse:
    return _balance_view(request, False)


def _idealpoints_view(request: Request, embed: bool) -> HTMLResponse:
    qp = request.query_params
    q = {"years": qp.get("years", "1946-2019"), "states": qp.get("states", "USA,RUS,CHN,IND")}

    def build() -> dict[str, Any]:
        span = P.years(q["years"] or None, default=(1946, 2019), limit=80)
        codes = P.states(q["states"], year=None, most=B.LIMITS["idealpoint_states"]) if q["states"] else ()
        view = B.idealpoints(span)
        api_q = {"years": f"{span[0]}-{span[1]}"}
        body = envelope("idealpoints", api_q, view, None)
        rows = body["rows"]
        hl = [B.state_label(c) for c in codes]
        charts = [
            _chart_ctx(
                C.Chart(
                    "positions",
                    "UN ideal points, every state per session (grey), highlighted in colour",
                    ["abb", "year", "ideal_point"],
                    C.idealpoints(rows, hl),
                    view.columns["ideal_point"],
                    ("un_",),
                ),
                "idealpoints",
                api_q,
                "idealpoints",
                q,
                body,
                460,
            )
        ]
        if len(codes) >= 2:
            dview = B.idealpoint_distances(span, codes)
            dq = {"states": ",".join(map(str, codes)), "years": f"{span[0]}-{span[1]}"}
            dbody = envelope("idealpoints/distance", dq, dview, None)
            dist = C.Chart(
                "distance",
                f"Distance from {hl[0]}",
                ["ccode1", "ccode2", "pair", "year", "ideal_point_distance"],
                C.distance(dbody["rows"]),
                dview.columns["ideal_point_distance"],
                ("un_",),
            )
            charts.append(_chart_ctx(dist, "idealpoints/distance", dq, "idealpoints", q, dbody, 280))
        return {"charts": charts}

    return _page(
        request,
        "idealpoints",
        "UN ideal points",
        "Positions on one dimension estimated from every General Assembly roll call.",
        build,
        q,
        embed,
    )


@router.get("/idealpoints", response_class=HTMLResponse)
def idealpoints_page(request: Request) -> HTMLResponse:
    return _idealpoints_view(request, False)


def _map_view(request: Request, embed: bool) -> HTMLResponse:
    from blocs.web._assets import WORLD_ATLAS_VERSION, world_atlas_path

    qp = request.query_params
    q = {"state": qp.get("state", "USA"), "year": qp.get("year", "1985"), "measure": qp.get("measure", "un_agree")}

    def build() -> dict[str, Any]:
        world_atlas_path()  # the install hint, before any work
        try:
            y = P.year(int(q["year"]))
        except ValueError:
            raise P.ApiError(f"year={q['year']!r} is not a year; give one such as 1985", param="year") from None
        m = P.choice(q["measure"], tuple(B.MAP_MEASURES), name="measure", default="un_agree")
        c = P.state(q["state"], name="state", year=y)
        view = B.alignment_map(c, y, m)
        api_q = {"state": c, "year": y, "measure": m}
        body = envelope("map", api_q, view, None)
        chosen = body["state"]["iso_n3"]
        domain = (0.0, 1.0) if m == "un_agree" else ((-1.0, 1.0) if m != "ideal_point_distance" else None)
        spec = C.world(body["rows"], "/static/world-110m.json", chosen, m, domain)
        chart = C.Chart(
            "map",
            f"{m} with {body['state']['abb']} in {y}",
            ["ccode", "abb", "name", "iso_n3", "value"],
            spec,
            view.columns["value"]
            + ". Shapes: world-atlas "
            + WORLD_ATLAS_VERSION
            + " (Natural Earth 1:110m); the chosen state is black; grey: no value.",
        )
        no_shape = [
            {**r, "value_text": "–" if r["value"] is None else f"{r['value']:.3f}"}
            for r in body["rows"]
            if r["iso_n3"] is None
        ]
        return {
            "charts": [_chart_ctx(chart, "map", api_q, "map", q, body, 560)],
            "no_shape": no_shape,
            "atlas_version": WORLD_ATLAS_VERSION,
        }

    return _page(
        request,
        "map",
        "World map of alignment",
        "How close every state stood to one state in one year.",
        build,
        q,
        embed,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return _map_view(request, False)


def _landscape_view(request: Request, embed: bool) -> HTMLResponse:
    from blocs.models import COMPONENTS, DEFAULT_WEIGHTS

    qp = request.query_params
    sets = qp.getlist("set")
    q = {
        "states": qp.get("states", "USA,CHN,RUS,GBR,FRN,JPN"),
        "year": qp.get("year", "1970"),
        "set": ",".join(s for s in sets if s) or None,
    }
    given = {c: qp.get(f"w_{c}") for c in COMPONENTS}
    weight_inputs = [(c, given[c] if given[c] not in (None, "") else DEFAULT_WEIGHTS.get(c, 0.0)) for c in COMPONENTS]

    def build() -> dict[str, Any]:
        try:
            y = P.year(int(q["year"] or ""))
        except ValueError:
            raise P.ApiError(f"year={q['year']!r} is not a year; give one such as 1970", param="year") from None
        codes = P.states(q["states"], year=y, most=B.LIMITS["landscape_states"])
        wtext = ",".join(f"{c}:{v}" for c, v in given.items() if v not in (None, ""))
        w = P.weights(wtext or None, tuple(COMPONENTS), name="weights")
        props = P.propensities(q["set"], year=y)
        view = B.landscape(codes, y, w, props)
        api_q = {
            "states": ",".join(map(str, codes)),
            "year": y,
            "weights": ",".join(f"{k}:{v:g}" for k, v in w) if w else None,
            "set": ",".join(f"{i}-{j}:{v:g}" for i, j, v in props) if props else None,
        }
        body = envelope("landscape", api_q, view, None)
        rows = body["rows"]
        cols = [c for c in ("actor", "coalition", "counterfactual", "moved") if c in view.rows.columns]
        moved = body.get("moved")
        note = "Global minimum of Axelrod & Bennett's (1993) energy with two sides. " + (
            f"Under the counterfactual {', '.join(moved) if moved else 'nobody'} changes side."
            if moved is not None
            else "Tick a counterfactual to see who changes side."
        )
        chart = C.Chart("camps", "Each actor's side: baseline and counterfactual", cols, C.landscape(rows), note)
        return {
            "charts": [_chart_ctx(chart, "landscape", api_q, "landscape", q, body, 400)],
            "minima": body.get("minima") or [],
            "costs": rows,
            "cert": body.get("certificate"),
        }

    return _render_landscape(request, build, q, weight_inputs, embed)


def _render_landscape(
    request: Request,
    build: Callable[[], dict[str, Any]],
    q: dict[str, Any],
    weight_inputs: list[tuple[str, Any]],
    embed: bool,
) -> HTMLResponse:
    presets = [("US–PRC rapprochement (USA-CHN:1)", "USA-CHN:1"), ("Sino-Soviet split undone (CHN-RUS:1)", "CHN-RUS:1")]
    title, lead = (
        "Landscape playground",
        "Landscape theory (Axelrod & Bennett 1993): the alignment that minimises frustration.",
    )
    try:
        ctx = build()
    except (P.ApiError, BlocsError) as exc:
        err = exc if isinstance(exc, P.ApiError) else P.error_for(exc)
        return _render(
            "landscape.html",
            err.status,
            title=title,
            lead=lead,
            q=q,
            active="/landscape",
            error=err.body()["error"],
            weight_inputs=weight_inputs,
            presets=presets,
            embed=embed,
        )
    charts = ctx.pop("charts")
    want = request.query_params.get("chart")
    if embed and want:
        charts = [c for c in charts if c["id"] == want]
    return _render(
        "landscape.html",
        title=title,
        lead=lead,
        q=q,
        active="/landscape",
        charts=charts,
        weight_inputs=weight_inputs,
        presets=presets,
        embed=embed,
        **ctx,
    )


@router.get("/landscape", response_class=HTMLResponse)
def landscape_page(request: Request) -> HTMLResponse:
    return _landscape_view(request, False)


EVENT_DYAD_LABELS = {
    "net_coop": "net cooperation, both directions",
    "verbal_coop": "verbal cooperation",
    "material_coop": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def _events_view(request: Request, embed: bool) -> HTMLResponse:
    qp = request.query_params
    q = {
        "a": qp.get("a", "CHN"),
        "b": qp.get("b", "RUS"),
        "states": qp.get("states", "USA,CHN,RUS"),
        "years": qp.get("years", ""),
        "measure": qp.get("measure", "net_coop"),
        "threshold": qp.get("threshold", "0"),
        "min_events": qp.get("min_events", "1"),
    }

    def build() -> dict[str, Any]:
        from blocs.web._api import event_span, events_of

        source = events_of(request)
        span = event_span(source, q["years"] or None)
        a = P.state(q["a"], name="a", year=span[1])
        b = P.state(q["b"], name="b", year=span[1])
        m = P.declared("event_measure", q["measure"], name="measure")
        thr = P.declared("event_threshold", P.number(q["threshold"], name="threshold", default=0.0), name="threshold")
        mn = P.declared("event_min_events", P.number(q["min_events"], name="min_events", default=1), name="min_events")
        codes = P.states(q["states"], year=span[1], n=3)
        trio = (codes[0], codes[1], codes[2])
        years = f"{span[0]}-{span[1]}"
        dview = B.event_dyad(source, a, b, span)
        d_q = {"a": a, "b": b, "years": years}
        dbody = envelope("events/dyad", d_q, dview, None)
        fa, fb = dbody["a"], dbody["b"]
        labels = {**EVENT_DYAD_LABELS, "net_coop_ab": f"{fa['abb']} towards {fb['abb']}",
                  "net_coop_ba": f"{fb['abb']} towards {fa['abb']}"}  # fmt: skip
        net_cols = ["net_coop", "net_coop_ab", "net_coop_ba"]
        quad_cols = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
        charts = []
        for cid, title, cols, y_title in (
            ("net", f"Net cooperation per month: {fa['abb']}–{fb['abb']}", net_cols, "events"),
            ("quads", f"Events per month by quad class: {fa['abb']}–{fb['abb']}", quad_cols, "events"),
        ):
            spec = C.monthly_lines(dbody["rows"], cols, {c: labels[c] for c in cols}, y_title=y_title)
            note = "; ".join(f"{labels[c]}: {dview.columns.get(c, '')}" for c in cols)
            chart = C.Chart(cid, title, ["period", *cols], spec, note)
            charts.append(_chart_ctx(chart, "events/dyad", d_q, "events", q, dbody, 300))
        tview = B.event_triangle(source, trio, span, m, thr, mn)
        t_q = {"states": ",".join(map(str, trio)), "years": years, "measure": m, "threshold": thr, "min_events": mn}
        tbody = envelope("events/triangle", t_q, tview, None)
        ab = [B.state_label(c) for c in trio]
        edge_labels = {"sign_ab": f"{ab[0]}–{ab[1]}", "sign_ac": f"{ab[0]}–{ab[2]}", "sign_bc": f"{ab[1]}–{ab[2]}"}
        for cid, title, cols, spec, note, height in (
            ("type", f"Dittmer type per month: {'–'.join(ab)}", ["period", "type", "sign_ab", "sign_ac", "sign_bc"],
             C.triangle_types(tbody["rows"], x="period"), tview.columns["type"], 160),
            ("signs", "Sign of each edge per month", ["period", "sign_ab", "sign_ac", "sign_bc"],
             C.signs(tbody["rows"], edge_labels, x="period"), tview.columns["sign_ab"], 200),
        ):  # fmt: skip
            charts.append(_chart_ctx(C.Chart(cid, title, cols, spec, note), "events/triangle", t_q, "events", q, tbody,
                                     height))  # fmt: skip
        summary = B.events_summary(source)
        rep = summary.facts["report"]
        report_text = (
            f"{rep['rows']:,} rows read, {rep['events']:,} events after de-duplication by event id, "
            f"{rep['aggregated']:,} between two different states."
        )
        return {"charts": charts, "table": tbody["rows"], "edge_labels": list(edge_labels.values()),
                "files": summary.facts["files"], "report_text": report_text}  # fmt: skip

    return _page(
        request,
        "events",
        "Event data month by month",
        "A dyad's cooperation and conflict and a triangle's type per month, from the event files this server was "
        "started with (blocs serve --events).",
        build,
        q,
        embed,
        extra={"event_measures": list(B.EVENT_MEASURES)},
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    return _events_view(request, False)


@router.get("/case", response_class=HTMLResponse)
def case_page() -> HTMLResponse:
    d = CASE_DIR[0]
    report = str(d) if d is not None and (d / "index.html").is_file() else None
    links = [
        (
            "/dyad?a=CHN&b=RUS&years=1946-1991",
            "China and the USSR, 1946–1991",
            "The 1950 treaty, the split, the 1969 border clashes: alliance, votes and disputes per year.",
        ),
        (
            "/triangle?states=USA,CHN,RUS&years=1946-1991",
            "The strategic triangle USA–PRC–USSR",
            "Dittmer's triangle type per year and the evidence behind each edge.",
        ),
        ("/balance?year=1962", "Blocs in 1962", "The two camps of the signed network a year after the split began."),
        (
            "/idealpoints?years=1946-1991&states=CHN,RUS,USA",
            "UN positions of the three",
            "When did the PRC's and the USSR's votes part? (PRC seated from 1971)",
        ),
        (
            "/landscape?states=USA,CHN,RUS,GBR,FRN,JPN&year=1970&set=USA-CHN:1",
            "Landscape 1970 with rapprochement",
            "Who switches camp if the US and the PRC align?",
        ),        (
            "/dyad?a=CHN&b=RUS&years=1992-2022",
            "Roles reversed: China and Russia since 1992",
            "China now the stronger partner: capabilities, UN agreement, disputes and armed conflict per year.",
        ),
        (
            "/triangle?states=USA,CHN,RUS&years=1992-2024",
            "The triangle after the Cold War, to 2024",
            "Which relations the sources still cover each year (TSS rivalries to 2020, UCDP conflict to 2024).",
        ),
        (
            "/idealpoints?years=1992-2019&states=CHN,RUS,USA",
            "UN positions since 1992",
            "China far nearer Russia than the US in every session.",
        ),
    ]
    return _render(
        "case.html",
        title="Case study: the Sino-Soviet alliance",
        active="/case",
        report=report,
        links=links,
        lead="The seeds' two halves, 1949–1991 and 1992–2024, as live views; each link is a permalink.",
    )


@router.get("/case/report/{path:path}")
def case_report_file(path: str) -> Response:
    d = CASE_DIR[0]
    if d is None:
        raise P.ApiError(
            "no case report is served; start with `blocs serve --case-dir DIR`",
            code="not_found",
            status=404,
            param="path",
        )
    target = (d / path).resolve()
    if d.resolve() not in target.parents or not target.is_file():
        raise P.ApiError(f"{path!r} is not a file of the case report", code="not_found", status=404, param="path")
    from fastapi.responses import FileResponse

    return FileResponse(target)


_EMBEDS: dict[str, Callable[[Request, bool], HTMLResponse]] = {
    "dyad": _dyad_view,
    "triangle": _triangle_view,
    "balance": _balance_view,
    "idealpoints": _idealpoints_view,
    "map": _map_view,
    "landscape": _landscape_view,
    "events": _events_view,
}


@router.get("/embed/{page}", response_class=HTMLResponse)
def embed_page(page: str, request: Request) -> HTMLResponse:
    view = _EMBEDS.get(page)
    if view is None:
        raise P.ApiError(
            f"no page {page!r} to embed; choose one of {', '.join(_EMBEDS)}", code="not_found", status=404, param="page"
        )
    return view(request, True)
