"""`blocs durability`: output on real data, files written with --out, clean usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from blocs.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_durability_prints_and_writes(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["durability", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for text in ("Cox model", "hazard ratio", "Sino-Soviet 1950", "China-Russia today", "atopid 3200"):
        assert text in result.output
    for name in ("hazard_ratios.csv", "predictions.csv", "durability.json", "km_curves.png", "hazard_ratios.png"):
        assert (tmp_path / name).stat().st_size > 0
    doc = json.loads((tmp_path / "durability.json").read_text())
    assert doc["n"] + doc["dropped"] == 745
    assert {s["name"] for s in doc["sources"]} >= {"atop4_alliances", "cow_nmc"}
    preds = pd.read_csv(tmp_path / "predictions.csv")
    assert list(preds["label"])[:2] == ["Sino-Soviet 1950", "China-Russia today"]
    assert (preds["p_survive_30"] <= preds["p_survive_10"]).all()
    hr = pd.read_csv(tmp_path / "hazard_ratios.csv")
    assert ((hr["hr_lower"] < hr["hr"]) & (hr["hr"] < hr["hr_upper"])).all()
    assert (tmp_path / "hazard_ratios.csv.sources.json").exists()


def test_durability_by_era() -> None:
    result = CliRunner().invoke(app, ["durability", "--by", "era"])
    assert result.exit_code == 0, result.output
    assert "Kaplan–Meier by era" in result.output and "post-1989" in result.output


def test_durability_usage_error_exits_2() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "blocs", "durability", "--by", "size"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    assert "'by' parameter must be one of" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
