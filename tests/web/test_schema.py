"""Schemathesis against /openapi.json: no server error for any generated request (few examples each)."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from blocs.web import create_app  # noqa: E402

from .conftest import SESSIONS  # noqa: E402

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(ideal_point_sessions=SESSIONS))


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and {"code", "message", "param"} <= set(body["error"])
