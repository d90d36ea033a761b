"""Every catalog dataset is listed, as generated, in docs/data-and-countries.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from blocs.data import catalog

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "data-and-countries.md"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cli_reference", module)
    spec.loader.exec_module(module)
    return module


def test_dataset_table_is_up_to_date() -> None:
    text = DOC.read_text()
    assert text == _tool().data_markdown(text), "run python tools/cli_reference.py"


def test_every_dataset_has_a_row() -> None:
    text = DOC.read_text()
    for ds in catalog().values():
        assert f"| `{ds.name}` | {ds.version} |" in text, f"{ds.name} is missing from docs/data-and-countries.md"
