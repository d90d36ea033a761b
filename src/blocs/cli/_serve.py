"""`blocs serve`: the read-only web explorer (pages + JSON API) under uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from blocs.cli._app import app, err_console
from blocs.query import SETTINGS

#: Where the README's first command writes the case-study report.
DEFAULT_CASE_DIR = Path("blocs-sino-soviet")


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Interface to bind (default: loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    case_dir: Annotated[
        Path | None,
        typer.Option(
            "--case-dir",
            help="A report built by `blocs case sino-soviet --out DIR` (default: ./blocs-sino-soviet, the README's "
            "first command's output, when it exists).",
        ),
    ] = None,
    idealpoint_sessions: Annotated[
        str | None,
        typer.Option("--idealpoint-sessions", help="UN sessions of the ideal-point fit, e.g. 40-46 (default: all)."),
    ] = None,
    events: Annotated[
        list[str] | None,
        SETTINGS["events"].option(
            help="Event files (ICEWS, GDELT 1.0/2.0, POLECAT, or Parquet copies): a file, folder or glob, repeatable; "
            "adds the monthly event views (/events, /api/v1/events/...)."
        ),
    ] = None,
    events_format: Annotated[str | None, SETTINGS["events_format"].option()] = None,
) -> None:
    """Serve the web explorer and its JSON API (/api/v1, OpenAPI at /openapi.json) until Ctrl-C."""
    from blocs._errors import InvalidParameterError
    from blocs.web import serve

    source = None
    if events:  # checked before the server starts: a wrong path or layout is an error now, not on a page
        from blocs.query import event_source

        source = event_source(events, events_format=events_format, where="blocs serve",
                              names=("--events", "--events-format"))  # fmt: skip
    elif events_format is not None:
        raise InvalidParameterError("--events-format is given without --events; name the event files with --events")

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"serving on {host}: reachable from other machines (read-only)")
    err_console.print(f"blocs explorer on http://{'[' + host + ']' if ':' in host else host}:{port}/  (Ctrl-C stops)")
    if case_dir is None and (DEFAULT_CASE_DIR / "index.html").is_file():
        case_dir = DEFAULT_CASE_DIR
    if case_dir is not None:
        err_console.print(f"case-study report: {case_dir} (at /case)")
    if source is not None:
        err_console.print(f"event files: {source.describe()} (at /events)")
    serve(host=host, port=port, case_dir=case_dir, ideal_point_sessions=idealpoint_sessions, events=source)
