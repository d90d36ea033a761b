"""Test configuration: real data through the shared mirror, a private cache, opt-in slow tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("BLOCS_TEST_MIRROR", ROOT.parent / "shared" / "data" / "mirror"))

# Tests read real data from the mirror beside the checkout (as CI does) and keep their
# parquet cache inside the checkout, never in the user's cache.
os.environ["BLOCS_MIRROR"] = str(MIRROR)
os.environ.setdefault("BLOCS_HOME", str(ROOT / ".blocs-test-home"))


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
