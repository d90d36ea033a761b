"""docs/cli.md is the generated --help of every command; every option is documented in its topic page."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cli_reference", module)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
LEAVES = [(p, c) for p, c in TOOL.commands() if not getattr(c, "commands", None)]
TOPIC_DOCS = {p.name: p.read_text() for p in (ROOT / "docs").glob("*.md") if p.name != "cli.md"}


def _options(cmd: Any) -> list[str]:
    return [o for p in cmd.params if p.param_type_name == "option" for o in (*p.opts, *p.secondary_opts)
            if o != "--help"]


def _mentions(text: str, word: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def test_cli_reference_is_up_to_date() -> None:
    assert (ROOT / "docs" / "cli.md").read_text() == TOOL.cli_markdown(), "run python tools/cli_reference.py"


def test_reference_covers_every_command() -> None:
    text = (ROOT / "docs" / "cli.md").read_text()
    names = {" ".join(p) for p, _ in TOOL.commands()}
    assert {"blocs", "blocs data", "blocs data fetch", "blocs states", "blocs landscape"} <= names
    for name in names:
        assert f"`{name}`" in text, f"{name} is missing from docs/cli.md; run python tools/cli_reference.py"


def topic_doc(path: list[str]) -> str:
    """The docs/*.md page that mentions ``blocs <command>`` most often: the page covering the command."""
    name = " ".join(path)
    counts = {doc: len(re.findall(re.escape(name) + r"(?![\w-])", text)) for doc, text in TOPIC_DOCS.items()}
    best = max(counts, key=lambda doc: counts[doc])
    assert counts[best] > 0, f"no page in docs/ mentions `{name}`; document the command in its topic page"
    return best


@pytest.mark.parametrize(("path", "cmd"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_option_in_the_reference_and_the_topic_page(path: list[str], cmd: Any) -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    found = re.search(f"`{re.escape(' '.join(path))}`\n\n```text\n(.*?)\n```", reference, flags=re.S)
    assert found, f"{' '.join(path)} has no help block in docs/cli.md; run python tools/cli_reference.py"
    section = found.group(1)
    doc = topic_doc(path)
    for option in _options(cmd):
        assert _mentions(section, option), f"{option} of {' '.join(path)} is not in docs/cli.md"
        assert _mentions(TOPIC_DOCS[doc], option), f"{option} of {' '.join(path)} is not in docs/{doc}"


def test_options_are_found() -> None:
    # guards the walk above against silently checking nothing
    by_name = {" ".join(p): _options(c) for p, c in LEAVES}
    assert "--years" in by_name["blocs states"] and "--force" in by_name["blocs data fetch"]
    assert topic_doc(["blocs", "balance"]) == "networks.md"
