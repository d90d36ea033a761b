"""One report build per test session, shared by every report test."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.report import CaseReport, build_case


@pytest.fixture(scope="session")
def report(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> CaseReport:
    return build_case("sino-soviet", out=tmp_path_factory.mktemp("case") / "blocs-sino-soviet")
