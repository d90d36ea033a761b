"""`blocs states` / `blocs dyads`: output files, summaries, clean usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli._app import app
from blocs.cli._tables import parse_adds
from blocs.system import ADDERS, create_state_years

SRC = Path(__file__).resolve().parents[2] / "src"

runner = CliRunner()


def test_dyads_writes_parquet_with_sources(tmp_path: Path) -> None:
    out = tmp_path / "d.parquet"
    res = runner.invoke(app, ["dyads", "--years", "1962", "--add", "nmc,atop,contiguity", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    n = len(create_state_years(years=1962))
    assert len(df) == n * (n - 1) // 2 and {"cinc1", "atop_defense", "conttype"} <= set(df.columns)
    side = json.loads((tmp_path / "d.parquet.sources.json").read_text())
    assert {s["name"] for s in side["sources"]} >= {"cow_nmc", "atop_alliance", "cow_contdir", "cw_system"}
    assert "rows" in res.output and "sources" in res.output


def test_states_csv_and_directed_dyads(tmp_path: Path) -> None:
    res = runner.invoke(app, ["states", "--years", "1990", "--add", "nmc,democracy", "--out", str(tmp_path / "s.csv")])
    assert res.exit_code == 0, res.output
    assert len(pd.read_csv(tmp_path / "s.csv")) == 165
    res = runner.invoke(app, ["dyads", "--directed", "--years", "1816", "--out", str(tmp_path / "d.json")])
    assert res.exit_code == 0, res.output
    assert len(pd.read_json(tmp_path / "d.json")) == 23 * 22


def test_parse_adds_uses_the_registry() -> None:
    assert parse_adds("nmc, atop,nmc", "dyad_year") == ["nmc", "atop"]
    dyadic = [n for n, a in ADDERS.items() if "dyad_year" in a.units]
    assert parse_adds(",".join(dyadic), "dyad_year") == dyadic


def test_leaders_with_lead_and_lwuf(tmp_path: Path) -> None:
    out = tmp_path / "l.csv"
    res = runner.invoke(
        app, ["leaders", "--standardize", "cow", "--years", "1962", "--add", "lead,lwuf", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert {"obsid", "ccode", "combat", "theta1_mean"} <= set(df.columns) and (df["year"] == 1962).all()
    assert df.loc[df.obsid == "USA-1961", "combat"].tolist() == [1]


def test_leader_dyads_with_gml_mids() -> None:
    res = runner.invoke(
        app, ["leader-dyads", "--system", "cow", "--years", "1962", "--undirected", "--add", "gml_leader_mids"]
    )
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "leader_dyad_year (cow)" in text and "gml_mid_dirleaderdisps" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dyads", "--add", "nmc,bogus"], "The 'add' parameter must be one of 'nmc',"),
        (["states", "--add", "atop"], "names atop, which need(s) dyad-years; got a state-year table"),
        (["dyads", "--add", "lead"], "names lead, which need(s) leader-year tables; got a dyad-year table"),
        (["leaders", "--add", "nmc"], "names nmc, which need(s) dyad-year or state-year tables; got a leader-year"),
        (["leaders", "--standardize", "un"], "'standardize' parameter must be one of"),
        (["dyads", "--years", "2010-2030"], "outside cw_system"),
        (["dyads", "--years", "nineteen"], "must be a year range"),
        (["states", "--system", "xyz"], "Invalid value for '--system'"),
        (["states", "--years", "1990", "--out", "t.xlsx"], "End the name with one of .parquet, .csv, .dta, .json"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], message: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, "-m", "blocs", *args], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert proc.returncode == 2, proc.stderr
    assert message in " ".join(proc.stderr.split())
    assert "Traceback" not in proc.stderr + proc.stdout
