"""Test configuration: opt-in slow tests and the mirror fixture.

The environment (BLOCS_MIRROR on the shared mirror, a private BLOCS_HOME) is set by the
repository's root conftest.py, which the doctests in src/blocs share.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

MIRROR = Path(os.environ["BLOCS_MIRROR"])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow; run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def mirror() -> Path:
    if not MIRROR.is_dir():
        pytest.fail(f"data mirror not found at {MIRROR}; set BLOCS_TEST_MIRROR")
    return MIRROR
