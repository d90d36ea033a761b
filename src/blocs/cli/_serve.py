"""`blocs serve`: the read-only web explorer (pages + JSON API) under uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from blocs.cli._app import app, err_console

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
) -> None:
    """Serve the web explorer and its JSON API (/api/v1, OpenAPI at /openapi.json) until Ctrl-C."""
    from blocs.web import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"serving on {host}: reachable from other machines (read-only)")
    err_console.print(f"blocs explorer on http://{'[' + host + ']' if ':' in host else host}:{port}/  (Ctrl-C stops)")
    if case_dir is None and (DEFAULT_CASE_DIR / "index.html").is_file():
        case_dir = DEFAULT_CASE_DIR
    if case_dir is not None:
        err_console.print(f"case-study report: {case_dir} (at /case)")
    serve(host=host, port=port, case_dir=case_dir, ideal_point_sessions=idealpoint_sessions)
