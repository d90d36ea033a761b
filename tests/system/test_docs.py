"""docs/tables.md lists every enrichment of the registry and every CLI option."""

from __future__ import annotations

from pathlib import Path

from blocs.system import ADDERS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "tables.md").read_text()


def test_registry_table_in_docs() -> None:
    for a in ADDERS.values():
        units = ", ".join(u.replace("_", "-") for u in a.units)
        assert f"| `{a.name}` | `{a.function.__name__}` | {units} | {a.help} |" in DOC


def test_cli_options_in_docs() -> None:
    for opt in ("--system", "--years", "--extend-to", "--directed/--undirected", "--add", "--out"):
        assert f"`{opt}" in DOC
