"""Fast start-up: the console script imports a command's module only when it runs.

Timings are measured by ``benchmarks/startup.py``; these tests check the mechanism (which
heavy modules a command pulls in) and that lazy help equals the fully loaded app's help.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer.main

from blocs.cli import app
from blocs.cli._app import command_index

SRC = str(Path(__file__).resolve().parents[2] / "src")
HEAVY = ("numpy", "pandas", "numba", "scipy", "networkx", "matplotlib", "polars", "pyarrow", "countrycode", "lifelines")


def _run(args: list[str], *, load_all: bool = False) -> tuple[str, list[str]]:
    code = textwrap.dedent(
        f"""
        import io, json, sys, contextlib
        sys.argv = ["blocs", *{args!r}]
        from blocs.cli import _app
        if {load_all!r}:
            _app.load_all()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                _app.app(prog_name="blocs")
            except SystemExit:
                pass
        print(json.dumps([out.getvalue(), sorted(m for m in {HEAVY!r} if m in sys.modules)]))
        """
    )
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text, heavy = json.loads(proc.stdout.splitlines()[-1])
    return text, heavy


def test_help_imports_no_heavy_library_and_equals_the_loaded_help() -> None:
    lazy, heavy = _run(["--help"])
    assert heavy == []
    loaded, _ = _run(["--help"], load_all=True)
    assert lazy == loaded
    assert "resolve" in lazy and "landscape" in lazy and "data" in lazy


def test_resolve_loads_only_the_resolver() -> None:
    _run(["resolve", "Russia", "--year", "1960"])  # builds the cached index if needed
    text, heavy = _run(["resolve", "Russia", "--year", "1960"])
    assert "365" in text
    assert heavy == [], f"blocs resolve imported {heavy}"


def test_command_index_matches_the_registered_commands() -> None:
    group = typer.main.get_command(app)
    assert set(command_index()) == set(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["data", "landscape"])
def test_each_command_help_loads_on_its_own(name: str) -> None:
    text, _ = _run([name, "--help"])
    assert "Usage: blocs " + name in " ".join(text.split())
