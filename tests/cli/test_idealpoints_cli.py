"""Tests for `blocs idealpoints`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_cli_idealpoints_writes_file(tmp_path: Path) -> None:
    out = tmp_path / "ip.csv"
    res = CliRunner().invoke(app, ["idealpoints", "--sessions", "38-40", "--seed", "1", "--tol", "1e-3",
                                 "--walk-variance", "0.01", "--out", str(out)])
    assert res.exit_code == 0, res.output
    t = pd.read_csv(out)
    assert list(t.columns) == ["ccode", "session", "year", "ideal_point", "se", "n_votes"]
    assert set(t["session"]) == {38, 39, 40}
    us = t[t.ccode == 2].set_index("session")["ideal_point"]
    su = t[t.ccode == 365].set_index("session")["ideal_point"]
    assert (us > su).all()
    assert (out.parent / "ip.csv.sources.json").exists()


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--sessions", "0-3"], "must be positive UN General Assembly sessions"),
        (["--sessions", "70-99"], "are not in the votes"),
        (["--walk-variance", "lots"], "--walk-variance must be a positive number"),
        (["--bridge", "fuzzy"], "'bridge' parameter must be one of"),
    ],
)
def test_cli_errors_are_clean(args: list[str], match: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "blocs", "idealpoints", *args, "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2
    assert match in " ".join(proc.stderr.split())
    assert "Traceback" not in proc.stderr


def test_every_cli_option_in_docs() -> None:
    import typer.main

    doc = (ROOT / "docs" / "idealpoints.md").read_text()
    cmd = typer.main.get_command(app).commands["idealpoints"]  # type: ignore[attr-defined]
    opts = [o for p in cmd.params for o in p.opts if o.startswith("--")]
    assert "--sessions" in opts and "--out" in opts
    for opt in opts:
        assert opt in doc, f"{opt} missing from docs/idealpoints.md"
