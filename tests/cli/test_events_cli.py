"""`blocs events synthesize` and `blocs events aggregate` through the CLI runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.cli._app import run

runner = CliRunner()


def test_synthesize_then_aggregate(tmp_path: Path) -> None:
    r = runner.invoke(app, ["events", "synthesize", "--format", "gdelt2", "--rows", "3000", "--seed", "5",
                            "--out", str(tmp_path / "raw")])  # fmt: skip
    assert r.exit_code == 0, r.output
    out = tmp_path / "m.parquet"
    r = runner.invoke(app, ["events", "aggregate", str(tmp_path / "raw"), "--format", "gdelt2", "--by", "month",
                            "--undirected", "--out", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    table = pd.read_parquet(out)
    assert list(table.columns[:4]) == ["ccode1", "ccode2", "year", "month"] and (table.ccode1 < table.ccode2).all()
    report = json.loads((tmp_path / "m.parquet.report.json").read_text())
    assert report["rows"] == 3000 and report["aggregated"] == int(table["events"].sum())
    sources = json.loads((tmp_path / "m.parquet.sources.json").read_text())
    assert {s["name"] for s in sources["sources"]} >= {"GDELT 2.0", "cw_system"}


def _run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["blocs", *args])
    with pytest.raises(SystemExit) as exc:
        run(app)
    captured = capsys.readouterr()
    return int(exc.value.code or 0), " ".join((captured.out + captured.err).split())


def test_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _run(["events", "aggregate", str(tmp_path / "none.tab"), "--format", "icews",
                      "--out", str(tmp_path / "x.parquet")], capsys, monkeypatch)  # fmt: skip
    assert code == 1 and "no such event file" in out and "Traceback" not in out
    code, out = _run(
        ["events", "aggregate", str(tmp_path), "--format", "acled", "--out", "x.parquet"], capsys, monkeypatch
    )
    assert code == 2 and "format" in out and "Traceback" not in out
