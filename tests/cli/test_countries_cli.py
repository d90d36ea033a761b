from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _blocs(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, env=env, timeout=120)


def test_resolve_lists_every_state_a_name_has_meant() -> None:
    result = CliRunner().invoke(app, ["resolve", "Germany"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("255", "GMY", "260", "GFR", "265", "GDR", "1990-10-03", "ongoing"):
        assert text in result.output


def test_resolve_with_year_and_system() -> None:
    result = CliRunner().invoke(app, ["resolve", "Germany", "--year", "2000", "--system", "gw"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "260" in result.output and "GFR" in result.output and "255" not in result.output
    result = CliRunner().invoke(app, ["resolve", "Yemen", "--date", "1990-05-22"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "679" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resolve", "Germany", "--year", "1960"], "is ambiguous in the COW system in 1960"),
        (["resolve", "Germny"], "did you mean 'germany'"),
        (["resolve", "Czechia", "--year", "1980"], "1993-01-01"),
        (["resolve", "Germany", "--system", "xx"], "Invalid value for '--system'"),
    ],
)
def test_resolve_errors_are_clean(args: list[str], message: str) -> None:
    proc = _blocs(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
