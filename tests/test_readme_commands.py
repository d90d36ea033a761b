"""The README's two commands: command 1 installs what command 2 needs; `.ci/run` runs command 2 as written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert block, "README has no bash block"
    return [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]


def test_command_1_installs_the_test_extras_and_runs_the_case() -> None:
    first, _ = _commands()
    extras = re.search(r'pip install -e "\.\[([a-z,]+)\]"', first)
    assert extras and {"all", "test"} <= set(extras.group(1).split(","))
    assert "blocs case sino-soviet" in first


def test_test_extra_has_what_command_2_uses() -> None:
    _, second = _commands()
    assert second == ".venv/bin/python -m pytest -n 2"
    test_extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    names = {re.split(r"[<>=\[ ]", d)[0] for d in test_extra}
    assert {"pytest", "pytest-xdist", "hypothesis"} <= names


def test_ci_runs_exactly_command_2() -> None:
    _, second = _commands()
    ci = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines() if ln.strip()]
    assert ci[-1] == second
    assert any('pip install -q -e ".[all,test]"' in ln for ln in ci)
