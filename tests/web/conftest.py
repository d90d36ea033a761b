"""The web app in-process, with a small ideal-point fit (UN sessions 40-46, 1985-1991) so tests stay fast, and the
real ICEWS day as its event files."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi")
SESSIONS = "40-46"


@pytest.fixture(scope="session")
def app() -> Any:
    from blocs.events import sample_icews_path
    from blocs.web import _backend, create_app

    made = create_app(ideal_point_sessions=SESSIONS, events=sample_icews_path(), events_format="icews")
    _backend.ideal_points_table()  # the fit (cached on disk after the first run) before any timed request
    return made


@pytest.fixture(scope="session")
def client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def shapes() -> None:
    """Skip where the map shapes are not installed (``npm ci``; CI installs them)."""
    from blocs._errors import DataNotFoundError
    from blocs.web._assets import world_atlas_path

    try:
        world_atlas_path()
    except DataNotFoundError as exc:
        pytest.skip(str(exc))
