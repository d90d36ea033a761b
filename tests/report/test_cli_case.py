"""`blocs case`: builds the report, prints a summary, rejects unknown cases cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_unknown_case_is_a_usage_error(tmp_path: Path) -> None:
    proc = _run("case", "korea-1950", cwd=tmp_path)
    assert proc.returncode == 2
    assert "case 'korea-1950' is not known; choose one of sino-soviet" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_bad_figure_format_is_a_usage_error(tmp_path: Path) -> None:
    proc = _run("case", "sino-soviet", "--figures", "gif", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--figures 'gif' is not a figure format; use png or svg" in proc.stderr


def test_case_writes_report_and_summary(tmp_path: Path, mirror: Path) -> None:
    from typer.testing import CliRunner

    from blocs.cli import app

    result = CliRunner().invoke(app, ["case", "sino-soviet", "--out", str(tmp_path / "r"), "--figures", "svg"])
    assert result.exit_code == 0, result.output
    assert "China overtakes the USSR/Russia for good in: 1991" in result.output
    assert (tmp_path / "r" / "index.html").is_file()
    assert (tmp_path / "r" / "figures" / "capability_ratio.svg").is_file()
