from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_polarity_prints_and_writes(tmp_path: Path) -> None:
    out = tmp_path / "pol.csv"
    res = runner.invoke(app, ["polarity", "--years", "1946-1950", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "con_majors" in res.output or "con_m" in res.output
    df = pd.read_csv(out)
    assert list(df["year"]) == [1946, 1947, 1948, 1949, 1950]
    assert json.loads((tmp_path / "pol.csv.sources.json").read_text())["sources"]


def test_similarity_writes_table(tmp_path: Path) -> None:
    out = tmp_path / "sim.parquet"
    res = runner.invoke(
        app, ["similarity", "--source", "atop", "--years", "1900", "--measures", "kappa_sq", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    assert {"ccode1", "ccode2", "year", "atop_kappa_sq", "atop_n_items"} <= set(df.columns)
    assert df["year"].eq(1900).all() and len(df) > 1000


def test_dyad_timeline(tmp_path: Path) -> None:
    out = tmp_path / "chn_rus.csv"
    res = runner.invoke(app, ["dyad", "CHN", "RUS", "--years", "1970-1975", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df["year"]) == list(range(1970, 1976))
    assert (df["ccode1"] == 710).all() and (df["ccode2"] == 365).all()
    assert {"atop_defense", "atop_kappa_sq", "un_agree", "cap_ratio", "cowmidongoing", "ongoingrivalry"} <= set(df)
    assert df.loc[df.year >= 1971, "un_agree"].gt(0.7).all()


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (
        ["similarity", "--source", "cow"],
        ["similarity", "--source", "atop", "--years", "1900", "--measures", "nope"],
        ["polarity", "--years", "1700-1710"],
        ["dyad", "USA", "USA", "--years", "1950"],
        ["polarity", "--out", "x.xlsx"],
    ):
        proc = subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and "Error" in proc.stderr


def test_dyad_timeline_past_atop_coverage_shows_unknown() -> None:
    # ATOP 5.1 ends in 2018: later years are unknown ("n/a"), never "no alliance".
    res = runner.invoke(app, ["dyad", "CHN", "RUS", "--years", "2016-2019"])
    assert res.exit_code == 0, res.output
    assert "n/a" in res.output
