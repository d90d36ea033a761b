"""Configuration shared by the tests (tests/) and the doctests (src/blocs): real data, a private cache.

Both read real data from the mirror beside the checkout (as CI does) and keep their Parquet
cache inside the checkout, never in the user's cache.  The options and fixtures of the test
suite live in tests/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIRROR = Path(os.environ.get("BLOCS_TEST_MIRROR", ROOT.parent / "shared" / "data" / "mirror"))

os.environ["BLOCS_MIRROR"] = str(MIRROR)
os.environ.setdefault("BLOCS_HOME", str(ROOT / ".blocs-test-home"))

# Importing __main__ would run the CLI; it has nothing to doctest.
collect_ignore = ["src/blocs/__main__.py"]

# CI explores a fixed set of hypothesis examples, so a submission's result does not depend on the
# draw; local runs keep exploring new examples (and hypothesis stores any failure it finds).
try:
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")
except ImportError:  # hypothesis is a test extra
    pass
