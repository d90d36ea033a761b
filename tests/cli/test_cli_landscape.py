"""Tests for `blocs landscape`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "actors.csv"
    p = tmp_path / "props.parquet"
    pd.DataFrame({"actor": ["Sun", "IBM", "HP", "DEC"], "size": [1.0, 2.0, 1.5, 1.0]}).to_csv(a, index=False)
    pd.DataFrame(
        {
            "actor1": ["Sun", "Sun", "IBM", "HP"],
            "actor2": ["IBM", "HP", "HP", "DEC"],
            "propensity": [-1.0, 0.5, 1.0, -0.5],
        }
    ).to_parquet(p)
    return a, p


def test_cli_user_model_and_counterfactual(tmp_path):
    a, p = _files(tmp_path)
    out = tmp_path / "costs.csv"
    res = CliRunner().invoke(
        app, ["landscape", "--actors", str(a), "--propensities", str(p), "--set", "Sun,IBM=+2", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "Local minima" in res.output and "Per-actor costs" in res.output
    assert "Counterfactual optimum energy" in res.output
    costs = pd.read_csv(out)
    assert list(costs.columns) == ["actor", "coalition", "size", "frustration", "defection_cost", "forced_cost"]


def test_cli_from_data_with_samples():
    res = CliRunner().invoke(
        app, ["landscape", "--year", "1950", "--states", "USA,UKG,FRN,RUS,CHN", "--samples", "20", "--seed", "1"]
    )
    assert res.exit_code == 0, res.output
    assert "Monte Carlo over weights (20 draws" in res.output


def test_cli_regime_measure_and_war_half_life(tmp_path):
    out = tmp_path / "costs.csv"
    args = ["landscape", "--year", "1936", "--states", "UKG,FRN,GMY,ITA,RUS,POL", "--weights", "axelrod-bennett"]
    res = CliRunner().invoke(app, [*args, "--regime-measure", "polity2", "--war-half-life", "10", "--out", str(out)])
    assert res.exit_code == 0, res.output
    costs = pd.read_csv(out).set_index("actor")
    assert costs.loc["UKG", "coalition"] == costs.loc["FRN", "coalition"] != costs.loc["GMY", "coalition"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["landscape"], "give either --year and --states"),
        (["landscape", "--year", "1936"], "--states and --year go together"),
        (["landscape", "--year", "1936", "--states", "GMY,XYZ"], "unknown country"),
        (["landscape", "--year", "1936", "--states", "GMY,FRN", "--set", "GMY-FRN"], "must be of the form A,B=VALUE"),
        (["landscape", "--year", "1936", "--states", "GMY,FRN", "--k", "3"], "k=3 coalitions cannot be formed"),
        (["landscape", "--year", "1936", "--states", "GMY,FRN", "--regime-measure", "euds"], "regime_measure"),
        (["landscape", "--year", "1936", "--states", "GMY,FRN", "--war-half-life", "-1"],
         "Invalid value for '--war-half-life'"),
        (["landscape", "--actors", "nope.csv", "--propensities", "nope.csv"], "does not exist"),
    ],
)
def test_cli_errors_are_clean(args, message):
    env_cmd = [sys.executable, "-m", "blocs", *args]
    proc = subprocess.run(
        env_cmd,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.returncode in (1, 2)
    err = " ".join((proc.stderr + proc.stdout).split())
    assert message in err
    assert "Traceback" not in err
