"""The FastAPI application: routes, one JSON error shape, static assets from installed packages."""

from __future__ import annotations

import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from blocs._errors import BlocsError
from blocs.web import _backend as B
from blocs.web import _params as P

__all__ = ["create_app"]


def _error(exc: P.ApiError, request: Request) -> Response:
    if not request.url.path.startswith("/api/") and request.headers.get("accept", "").startswith("text/html"):
        from blocs.web._pages import _render

        return _render("error.html", exc.status, title="Error", error=exc.body()["error"], q={}, active="")
    return JSONResponse(exc.body(), status_code=exc.status)


class ServerTiming:
    """ASGI middleware: a ``Server-Timing: app;dur=<ms>`` header on every response (time inside the app)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def timed_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - t0) * 1e3
                message["headers"] = [*message.get("headers", []), (b"server-timing", f"app;dur={ms:.2f}".encode())]
            await send(message)

        await self.app(scope, receive, timed_send)


def _type_name(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"])
    return str(schema.get("type", "string"))


def create_app(
    *,
    case_dir: Any = None,
    ideal_point_sessions: str | None = None,
    events: Any = None,
    events_format: str | None = None,
) -> FastAPI:
    """The blocs web app (read-only): JSON API under ``/api/v1``, pages, ``/healthz``, OpenAPI at ``/openapi.json``.

    Parameters
    ----------
    case_dir : path, optional
        A case-study report built by ``blocs case sino-soviet --out DIR``, shown under ``/case``.
    ideal_point_sessions : str, optional
        UN sessions the ideal-point fit covers, e.g. ``"40-46"`` (default: all; the first fit
        takes minutes and is then read from the blocs results cache).
    events : path, folder, glob or list, optional
        Event files (ICEWS, GDELT 1.0/2.0, POLECAT, Parquet copies): the app adds the monthly
        event views (``/events``, ``/api/v1/events/dyad``, ``/api/v1/events/triangle``).
        Checked here, before the app exists; aggregated on the first request that needs them.
    events_format : {"icews", "gdelt1", "gdelt2", "polecat"}, optional
        Their layout (required with ``events``).

    Returns
    -------
    FastAPI
        The application; serve it with uvicorn (``blocs serve`` does).
    """
    from pathlib import Path

    from blocs.web import _api, _pages
    from blocs.web._assets import vega_bundle, world_shapes

    source = None
    if events is not None:
        from blocs.query import event_source

        source = event_source(events, events_format=events_format, where="blocs serve")
    elif events_format is not None:
        from blocs._errors import InvalidParameterError

        raise InvalidParameterError("events_format is given without events; name the event files too")

    app = FastAPI(
        docs_url=None,  # FastAPI's Swagger page loads its scripts from a CDN; /docs is rendered here instead
        redoc_url=None,
        title="blocs API",
        version=B.version(),
        description="Read-only JSON API of blocs: dyads, triangles, balance, landscape, UN ideal points, states. "
        "Every response names its datasets and versions; every error is "
        '`{"error": {"code", "message", "param"}}` with a 4xx status.',
    )
    _pages.CASE_DIR[0] = Path(case_dir) if case_dir is not None else None
    app.state.events = source  # per app: two apps in one process keep their own files
    if ideal_point_sessions != B.IDEAL_POINT_SESSIONS[0]:
        B.IDEAL_POINT_SESSIONS[0] = ideal_point_sessions
        B.clear_caches()
        _api.CACHE.data.clear()

    @app.exception_handler(P.ApiError)
    async def api_error(request: Request, exc: P.ApiError) -> Response:
        return _error(exc, request)

    @app.exception_handler(BlocsError)
    async def blocs_error(request: Request, exc: BlocsError) -> Response:
        return _error(P.error_for(exc), request)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body")]
        name = loc[0] if loc else None
        got = first.get("input")
        msg = f"{name}: {first.get('msg', 'invalid value')}" + (f"; got {got!r}" if got is not None else "")
        code = "missing_parameter" if first.get("type") == "missing" else "invalid_parameter"
        return _error(P.ApiError(msg, code=code, param=name, status=422), request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        msg = f"{request.method} {request.url.path}: {exc.detail}"
        if exc.status_code == 404:
            msg = f"no such page or endpoint: {request.url.path}; see /docs for the API and / for the pages"
        return _error(P.ApiError(msg, code=code, status=exc.status_code), request)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "blocs_version": B.version()}

    @app.get("/static/vega-bundle.js", include_in_schema=False)
    def vega_js() -> Response:
        return Response(vega_bundle(), media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/static/world-110m.json", include_in_schema=False)
    def world_json() -> Response:
        return Response(
            world_shapes(), media_type="application/json", headers={"Cache-Control": "public, max-age=86400"}
        )

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Response:
        from blocs.web._pages import _render

        endpoints = []
        for path, ops in app.openapi()["paths"].items():
            op = ops.get("get")
            if op is None:
                continue
            params = [
                {
                    "name": p["name"],
                    "required": p.get("required", False),
                    "type": _type_name(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            endpoints.append({"path": path, "summary": op.get("summary", ""), "params": params})
        return _render("apidocs.html", title="JSON API", active="/docs", endpoints=endpoints, q={})

    static = Path(__file__).parent / "static"

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        files = {"app.js": "text/javascript", "app.css": "text/css"}
        if name not in files:
            raise P.ApiError(f"no static file {name!r}", code="not_found", status=404, param="name")
        return Response(
            (static / name).read_bytes(), media_type=files[name], headers={"Cache-Control": "public, max-age=300"}
        )

    app.include_router(_api.router)
    app.include_router(_pages.router)
    app.add_middleware(ServerTiming)
    return app
