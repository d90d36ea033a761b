"""``blocs serve``: a read-only web explorer (pages + JSON API) over the blocs library.

Needs the ``web`` extra (``pip install 'blocs[web]'``: FastAPI, uvicorn, Altair, vl-convert-python)
and, for the world map, the map shapes (``npm ci`` in the repository).  The app only parses
URLs, calls the library and renders; see ``docs/web.md``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve"]

_HINT = "the web app needs the web extra: pip install 'blocs[web]' (fastapi, uvicorn, altair, vl-convert-python)"


def create_app(
    *,
    case_dir: Any = None,
    ideal_point_sessions: str | None = None,
    events: Any = None,
    events_format: str | None = None,
) -> Any:
    """The FastAPI application (see :func:`blocs.web._app.create_app`).

    Parameters
    ----------
    case_dir : path, optional
        A report built by ``blocs case sino-soviet --out DIR`` to show under ``/case``.
    ideal_point_sessions : str, optional
        UN sessions the ideal-point fit covers, e.g. ``"40-46"`` (default: all sessions).
    events : path, folder, glob or list, optional
        Event files (ICEWS, GDELT 1.0/2.0, POLECAT or Parquet copies) for the monthly event
        views (``/events``); checked before the app is made.
    events_format : {"icews", "gdelt1", "gdelt2", "polecat"}, optional
        Their layout (required with ``events``).

    Returns
    -------
    fastapi.FastAPI
        The application.

    Raises
    ------
    InfeasibleOptionError
        The ``web`` extra is not installed.

    Examples
    --------
    >>> from blocs.web import create_app
    >>> app = create_app()
    >>> "/api/v1/dyad" in app.openapi()["paths"]
    True
    """
    try:
        from blocs.web._app import create_app as _create
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from blocs._errors import InfeasibleOptionError

        raise InfeasibleOptionError(f"{_HINT} ({exc})") from None
    return _create(
        case_dir=case_dir, ideal_point_sessions=ideal_point_sessions, events=events, events_format=events_format
    )


def _warm(events: Any = None) -> None:
    """Read what a dyad view needs (tables, the UN votes, the ideal points, compiled kernels) ahead of the first one."""
    if events is not None:
        try:
            from blocs.query import event_months

            event_months(events)
        except Exception:  # noqa: BLE001 — the first event view reports any problem itself
            pass
    try:
        from blocs.query import dyad_timeline
        from blocs.web._backend import ideal_points_table

        dyad_timeline("USA", "RUS", years="2000-2001", ideal_points=ideal_points_table())
    except Exception:  # noqa: BLE001 — an optimisation only: the first request then reports any problem itself
        pass


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    case_dir: Any = None,
    ideal_point_sessions: str | None = None,
    warm: bool = True,
    events: Any = None,
    events_format: str | None = None,
) -> None:
    """Run the app under uvicorn until interrupted (bound to loopback unless told otherwise).

    Parameters
    ----------
    host : str, default "127.0.0.1"
        Interface to bind; loopback keeps the server private to this machine.
    port : int, default 8000
        TCP port.
    case_dir : path, optional
        A built case-study report to show under ``/case``.
    ideal_point_sessions : str, optional
        UN sessions the ideal-point fit covers (default: all).
    warm : bool, default True
        Read the data a dyad view needs in a background thread while the server starts
        answering (``/healthz`` at once), so the first dyad view does not pay for it (and
        aggregate the event files, when given).
    events, events_format : optional
        Event files and their layout, as for :func:`create_app`.
    """
    app = create_app(
        case_dir=case_dir, ideal_point_sessions=ideal_point_sessions, events=events, events_format=events_format
    )
    import uvicorn

    if warm:
        import threading

        threading.Thread(target=_warm, args=(app.state.events,), name="blocs-warm", daemon=True).start()

    uvicorn.run(app, host=host, port=port, log_level="warning")
