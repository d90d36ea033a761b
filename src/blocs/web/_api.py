"""The JSON API under ``/api/v1``: parse the URL, call :mod:`blocs.web._backend`, package the view.

Every response names the datasets and versions it used and the blocs version; ``format=csv``
returns exactly the same rows as CSV, preceded by ``#`` lines with the sources and a citation
(read it with ``pandas.read_csv(url, comment="#")``).  Responses are cached per process and
carry ``Cache-Control`` and ``ETag`` headers.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any, Literal, NamedTuple

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from blocs._meta import Source
from blocs.web import _backend as B
from blocs.web import _params as P

__all__ = ["router", "envelope", "citation"]

router = APIRouter(prefix="/api/v1", tags=["api"])

Format = Literal["json", "csv"]
_DEFAULT_DYAD_YEARS = (1946, 2016)


class ErrorDetail(BaseModel):
    code: str
    message: str
    param: str | None


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is invalid, outside coverage or too costly"},
    404: {"model": ErrorBody, "description": "Unknown state, route or missing data"},
    422: {"model": ErrorBody, "description": "A parameter has the wrong type"},
}


def citation(sources: tuple[Source, ...]) -> str:
    """A plain-text citation: blocs and each dataset with its version and BibTeX keys."""
    from blocs.data import get_dataset

    parts = []
    for s in sources:
        try:
            ds = get_dataset(s.name)
            keys = f" [{', '.join(ds.cite)}]" if ds.cite else ""
            parts.append(f"{ds.title}, version {s.version}{keys}")
        except LookupError:
            parts.append(f"{s.name} {s.version}".strip())
    return f"blocs {B.version()} (computed); data: " + "; ".join(parts)


def envelope(endpoint: str, query: dict[str, Any], view: B.View, cols: list[str] | None) -> dict[str, Any]:
    rows = view.rows if cols is None else view.rows[cols]
    facts = {k: (B.plain(v) if isinstance(v, pd.DataFrame) else v) for k, v in view.facts.items()}
    names = ",".join(sorted({s.name for s in view.sources}))
    return {
        "endpoint": endpoint,
        "query": query,
        "rows": B.plain(rows),
        "columns": {c: view.columns.get(c, "") for c in map(str, rows.columns)},
        "sources": [{"name": s.name, "version": s.version} for s in view.sources],
        "citation": citation(view.sources),
        "bibtex": f"/api/v1/cite?datasets={names}",
        "blocs_version": B.version(),
        **facts,
    }


def _csv(body: dict[str, Any]) -> str:
    buf = io.StringIO()
    q = "&".join(f"{k}={v}" for k, v in body["query"].items() if v is not None)
    buf.write(f"# blocs {body['blocs_version']}: /api/v1/{body['endpoint']}?{q}\n")
    buf.write("# sources: " + "; ".join(f"{s['name']} {s['version']}" for s in body["sources"]) + "\n")
    buf.write(f"# cite: {body['citation']}\n")
    frame = pd.DataFrame(body["rows"], columns=list(body["columns"]))
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


class Body(NamedTuple):
    """A finished response body: bytes, media type, ETag, and the gzip-compressed bytes (None if small)."""

    payload: bytes
    media: str
    etag: str
    gzipped: bytes | None


#: Bodies at least this large are also kept gzip-compressed (compressed once, when built).
GZIP_MIN_BYTES = 1024


class _ResponseCache:
    """Bounded LRU of finished response bodies, keyed by endpoint and normalised parameters."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[tuple[Any, ...], Body] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...]) -> Body | None:
        with self.lock:
            item = self.data.get(key)
            if item is not None:
                self.data.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return item

    def put(self, key: tuple[Any, ...], value: Body) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)


CACHE = _ResponseCache(1024)


async def respond(
    request: Request,
    endpoint: str,
    key: tuple[Any, ...],
    query: dict[str, Any],
    compute: Callable[[], B.View],
    columns: str | None,
    fmt: str,
) -> Response:
    """Serve a cached body or compute the view, package it (JSON or CSV) and cache it.

    A client that accepts gzip gets the body compressed once when it was built (its own ETag,
    ``Vary: Accept-Encoding``); a hit is answered on the event loop, without a worker thread.
    """
    ck = (endpoint, key, columns, fmt)
    hit = CACHE.get(ck)
    if hit is None:
        # A miss computes in a worker thread; a hit is answered on the event loop without one.
        hit = await run_in_threadpool(_build, endpoint, query, compute, columns, fmt)
        CACHE.put(ck, hit)
    payload, media, etag = hit.payload, hit.media, hit.etag
    headers = {"Cache-Control": "public, max-age=3600", "Vary": "Accept-Encoding", "X-Blocs-Version": B.version()}
    if hit.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
        payload, etag = hit.gzipped, etag[:-1] + '-gzip"'
        headers["Content-Encoding"] = "gzip"
    headers["ETag"] = etag
    if request.headers.get("if-none-match") in (etag, hit.etag):
        headers.pop("Content-Encoding", None)
        return Response(status_code=304, headers=headers)
    if fmt == "csv":
        name = endpoint + "-" + "-".join(str(v) for v in query.values() if v is not None)
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)[:120]
        headers["Content-Disposition"] = f'inline; filename="{safe}.csv"'
    return Response(content=payload, media_type=media, headers=headers)


def _build(endpoint: str, query: dict[str, Any], compute: Callable[[], B.View], columns: str | None, fmt: str) -> Body:
    view = compute()
    cols = P.columns(columns, [str(c) for c in view.rows.columns])
    body = envelope(endpoint, query, view, cols)
    if fmt == "csv":
        payload = _csv(body).encode()
        media = "text/csv; charset=utf-8"
    else:
        payload = json.dumps(body, ensure_ascii=False, allow_nan=False).encode()
        media = "application/json"
    gzipped = gzip.compress(payload, compresslevel=6, mtime=0) if len(payload) >= GZIP_MIN_BYTES else None
    return Body(payload, media, '"' + hashlib.sha256(payload).hexdigest()[:32] + '"', gzipped)


def _help(name: str, extra: str = "") -> str:
    """A parameter's description from the settings registry (:data:`blocs.query.SETTINGS`), plus the web's bound."""
    from blocs.query import setting

    return setting(name).help + (f" {extra}" if extra else "")


ColumnsQ = Annotated[
    str | None, Query(description="Comma-separated columns to keep (default: all); the charts' downloads use it.")
]
FormatQ = Annotated[Format, Query(description="json (default) or csv (same rows, with # lines for sources)")]


@router.get("/states", responses=ERRORS, summary="Resolve or search states (the resolver, with suggestions)")
def states_endpoint(
    q: Annotated[str, Query(description="Name, abbreviation (CHN), ISO code or COW code", max_length=200)],
    year: Annotated[int | None, Query(description="Only states alive in this year", ge=1816, le=2100)] = None,
    limit: Annotated[int, Query(ge=1, le=B.LIMITS["search_limit"])] = 10,
) -> dict[str, Any]:
    text = q.strip()
    if not text:
        raise P.ApiError("q is empty; type part of a name, an abbreviation or a code", param="q")
    with P.param("q"):
        found, sources = B.search(text, year, limit)
    resolved = None
    if year is not None:
        try:
            resolved = B.resolve(text, year)
        except Exception:  # noqa: BLE001 — suggestions still help when the token is ambiguous or unknown
            resolved = None
    return {
        "query": {"q": text, "year": year, "limit": limit},
        "resolved": resolved,
        "states": found,
        "sources": [{"name": x.name, "version": x.version} for x in sources],
        "blocs_version": B.version(),
    }


@router.get("/dyad", responses=ERRORS, summary="One dyad's timeline: alliances, similarity, UN votes, power, conflict")
async def dyad_endpoint(
    request: Request,
    a: Annotated[str, Query(description=_help("state"))],
    b: Annotated[str, Query(description=_help("state"))],
    years: Annotated[str | None, Query(description="first-last, e.g. 1946-2016 (default 1946-2016)")] = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    span = P.years(years, default=_DEFAULT_DYAD_YEARS, limit=B.LIMITS["dyad_years"])
    ca = P.state(a, name="a", year=span[1])
    cb = P.state(b, name="b", year=span[1])
    query = {"a": ca, "b": cb, "years": f"{span[0]}-{span[1]}"}
    return await respond(request, "dyad", (ca, cb, span), query, lambda: B.dyad(ca, cb, span), columns, format)


@router.get("/triangle", responses=ERRORS, summary="A strategic triangle per year: Dittmer type and edge evidence")
async def triangle_endpoint(
    request: Request,
    states: Annotated[str, Query(description="Three states, comma-separated, e.g. USA,CHN,RUS")],
    years: Annotated[str | None, Query(description="first-last (default 1946-2016)")] = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    span = P.years(years, default=(1946, 2016), limit=B.LIMITS["triangle_years"])
    codes = P.states(states, year=span[1], n=3)
    trio: tuple[int, int, int] = (codes[0], codes[1], codes[2])
    query = {"states": ",".join(map(str, trio)), "years": f"{span[0]}-{span[1]}"}
    return await respond(request, "triangle", (trio, span), query, lambda: B.triangle(trio, span), columns, format)


@router.get("/balance", responses=ERRORS, summary="Structural balance of one year's signed network")
async def balance_endpoint(
    request: Request,
    year: Annotated[int, Query(description="Year of the signed network", ge=1816, le=2100)],
    table: Annotated[
        Literal["nodes", "edges"], Query(description="nodes (camps; default) or edges (signed ties)")
    ] = "nodes",
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    y = P.year(year)
    query: dict[str, Any] = {"year": y, "table": table}
    if table == "edges":
        return await respond(request, "balance", (y, "edges"), query, lambda: B.balance_edges(y), columns, format)
    return await respond(request, "balance", (y,), query, lambda: B.balance(y), columns, format)


@router.get("/idealpoints", responses=ERRORS, summary="UN ideal points of every state per session")
async def idealpoints_endpoint(
    request: Request,
    years: Annotated[
        str | None, Query(description="Sessions opened in these years, first-last (default 1946-2019)")
    ] = None,
    session: Annotated[
        int | None, Query(description="One General Assembly session (1–74; opened in 1945 + session); not with years")
    ] = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    if session is not None:
        if years is not None:
            raise P.ApiError("give years or session, not both", param="session")
        if not 1 <= session <= 200:
            raise P.ApiError(f"session={session} is not a General Assembly session; give 1–74", param="session")
        years = str(1945 + session)
    span = P.years(years, default=(1946, 2019), limit=80)
    return await respond(
        request, "idealpoints", (span,), {"years": f"{span[0]}-{span[1]}"}, lambda: B.idealpoints(span), columns, format
    )


@router.get("/idealpoints/distance", responses=ERRORS, summary="Ideal-point distance of the first state from others")
async def idealpoint_distance_endpoint(
    request: Request,
    states: Annotated[str, Query(description="2–12 states; distances are from the first")],
    years: Annotated[str | None, Query(description="first-last (default 1946-2019)")] = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    span = P.years(years, default=(1946, 2019), limit=80)
    codes = P.states(states, year=None, most=B.LIMITS["idealpoint_states"])
    if len(codes) < 2:
        raise P.ApiError("states: name at least two states; distances are from the first", param="states")
    query = {"states": ",".join(map(str, codes)), "years": f"{span[0]}-{span[1]}"}
    return await respond(
        request,
        "idealpoints/distance",
        (span, codes),
        query,
        lambda: B.idealpoint_distances(span, codes),
        columns,
        format,
    )


@router.get("/map", responses=ERRORS, summary="Alignment of one state with every other state in a year")
async def map_endpoint(
    request: Request,
    state: Annotated[str, Query(description=_help("state", "Others are compared with it."))],
    year: Annotated[int, Query(ge=1816, le=2100)],
    measure: Annotated[
        str, Query(description="un_agree, atop_s_abs, un_kappa_sq or ideal_point_distance")
    ] = "un_agree",
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    y = P.year(year)
    m = P.choice(measure, tuple(B.MAP_MEASURES), name="measure", default="un_agree")
    c = P.state(state, name="state", year=y)
    query = {"state": c, "year": y, "measure": m}
    return await respond(request, "map", (c, y, m), query, lambda: B.alignment_map(c, y, m), columns, format)


@router.get("/landscape", responses=ERRORS, summary="Landscape theory: minima, who switches under a counterfactual")
async def landscape_endpoint(
    request: Request,
    states: Annotated[str, Query(description="2–12 states, comma-separated")],
    year: Annotated[int, Query(ge=1816, le=2100)],
    weights: Annotated[
        str | None,
        Query(description="Landscape component weights as component:weight pairs (0–10), e.g. war:1,alliance:0.5"),
    ] = None,
    set: Annotated[str | None, Query(description="Counterfactual propensities A-B:value, e.g. USA-CHN:1")] = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    from blocs.models import COMPONENTS

    y = P.year(year)
    codes = P.states(states, year=y, most=B.LIMITS["landscape_states"])
    if len(codes) < 2:
        raise P.ApiError("states: a landscape needs at least 2 states", param="states")
    w = P.weights(weights, tuple(COMPONENTS))
    props = P.propensities(set, year=y)
    query = {
        "states": ",".join(map(str, codes)),
        "year": y,
        "weights": ",".join(f"{k}:{v:g}" for k, v in w) if w else None,
        "set": ",".join(f"{i}-{j}:{v:g}" for i, j, v in props) if props else None,
    }
    with P.param("states"):
        return await respond(
            request, "landscape", (codes, y, w, props), query, lambda: B.landscape(codes, y, w, props), columns, format
        )


def events_of(request: Request) -> Any:
    """The app's event files (``blocs serve --events``), or a 404 naming ``events``."""
    with P.param("events"):
        return B.event_source(getattr(request.app.state, "events", None))


def event_span(source: Any, years: str | None) -> tuple[int, int]:
    """The span of an event view: ``years`` within the files' own years (the default)."""
    with P.param("events"):
        own = B.event_years(source)
    span = P.years(years, default=own, limit=B.LIMITS["event_years"])
    if span[0] < own[0] or span[1] > own[1]:
        raise P.ApiError(
            f"years={years!r} lies outside the years of the event files ({own[0]}–{own[1]}); choose years in that "
            "range",
            param="years",
            code="outside_coverage",
        )
    return span


EventYearsQ = Annotated[
    str | None, Query(description="first-last or one year (default: every year of the event files)")
]


@router.get("/events", responses=ERRORS, summary="The server's event files: their report, and events per month")
async def events_endpoint(request: Request, columns: ColumnsQ = None, format: FormatQ = "json") -> Response:
    source = events_of(request)
    return await respond(request, "events", (source,), {}, lambda: B.events_summary(source), columns, format)


@router.get("/events/dyad", responses=ERRORS, summary="A dyad's cooperation and conflict per month, from event data")
async def event_dyad_endpoint(
    request: Request,
    a: Annotated[str, Query(description=_help("state"))],
    b: Annotated[str, Query(description=_help("state"))],
    years: EventYearsQ = None,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    source = events_of(request)
    span = event_span(source, years)
    ca = P.state(a, name="a", year=span[1])
    cb = P.state(b, name="b", year=span[1])
    query = {"a": ca, "b": cb, "years": f"{span[0]}-{span[1]}"}
    return await respond(
        request, "events/dyad", (source, ca, cb, span), query, lambda: B.event_dyad(source, ca, cb, span), columns,
        format,
    )  # fmt: skip


@router.get("/events/triangle", responses=ERRORS, summary="A strategic triangle per month, signed by event data")
async def event_triangle_endpoint(
    request: Request,
    states: Annotated[str, Query(description="Three states, comma-separated, e.g. USA,CHN,RUS")],
    years: EventYearsQ = None,
    measure: Annotated[str, Query(description=_help("event_measure"))] = "net_coop",
    threshold: Annotated[float, Query(description=_help("event_threshold"))] = 0.0,
    min_events: Annotated[int, Query(description=_help("event_min_events"))] = 1,
    columns: ColumnsQ = None,
    format: FormatQ = "json",
) -> Response:
    source = events_of(request)
    span = event_span(source, years)
    m = P.declared("event_measure", measure, name="measure")
    thr = P.declared("event_threshold", threshold, name="threshold")
    mn = P.declared("event_min_events", min_events, name="min_events")
    codes = P.states(states, year=span[1], n=3)
    trio: tuple[int, int, int] = (codes[0], codes[1], codes[2])
    query = {"states": ",".join(map(str, trio)), "years": f"{span[0]}-{span[1]}", "measure": m, "threshold": thr,
             "min_events": mn}  # fmt: skip
    return await respond(
        request, "events/triangle", (source, trio, span, m, thr, mn), query,
        lambda: B.event_triangle(source, trio, span, m, thr, mn), columns, format,
    )  # fmt: skip


@router.get("/cite", responses=ERRORS, summary="BibTeX for datasets", response_class=Response)
def cite_endpoint(
    datasets: Annotated[str, Query(description="Comma-separated dataset names from the catalog", max_length=2000)],
) -> Response:
    from blocs.data import cite

    names = [n.strip() for n in datasets.split(",") if n.strip()]
    if not names:
        raise P.ApiError("datasets is empty; give dataset names such as cow_nmc", param="datasets")
    with P.param("datasets"):
        text = cite(*names)
    return Response(content=text, media_type="text/plain; charset=utf-8")


@router.get("/settings", summary="Every setting declared once (name, type, default, help, allowed)")
def settings_endpoint() -> dict[str, Any]:
    from blocs.query import SETTINGS

    return {"settings": [s.describe() for s in SETTINGS.values()], "blocs_version": B.version()}


@router.get("/meta", summary="Versions, limits and cache statistics")
def meta_endpoint() -> dict[str, Any]:
    from blocs.web._assets import vega_versions

    return {
        "blocs_version": B.version(),
        "limits": B.LIMITS,
        "chart_libraries": vega_versions(),
        "cache": {
            "responses": {"entries": len(CACHE.data), "hits": CACHE.hits, "misses": CACHE.misses},
            "views": B.cache_info(),
        },
    }
