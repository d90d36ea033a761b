"""`blocs balance` and `blocs triangle`: output, files, clean errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.cli._app import run

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, env=env, timeout=120)


def test_balance_year_prints_certificate_and_camps(tmp_path: Path) -> None:
    out = tmp_path / "camps.csv"
    res = runner.invoke(app, ["balance", "--year", "1962", "--out", str(out)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "gap 0: proven optimal" in res.output
    assert "RUS(365)" in res.output and "USA(2)" in res.output
    camps = pd.read_csv(out)
    assert list(camps.columns) == ["ccode", "abbreviation", "camp", "component"]
    part = dict(zip(camps.ccode, camps.camp, strict=True))
    assert part[2] != part[365]
    assert (tmp_path / "camps.csv.sources.json").exists()


def test_balance_edges_file(tmp_path: Path) -> None:
    f = tmp_path / "e.csv"
    pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"], "sign": [1, 1, -1]}).to_csv(f, index=False)
    res = runner.invoke(app, ["balance", "--edges", str(f)])
    assert res.exit_code == 0, res.output
    assert "frustration index 1 (lower bound 1, gap 0: proven optimal)" in res.output
    res3 = runner.invoke(app, ["balance", "--edges", str(f), "--k", "3"])
    assert res3.exit_code == 0 and "Doreian–Mrvar P = 0.5" in " ".join(res3.output.split())


def test_balance_years_timeline(tmp_path: Path) -> None:
    out = tmp_path / "tl.parquet"
    res = runner.invoke(app, ["balance", "--years", "1950-1952", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 of 3 years proven optimal" in res.output
    s = pd.read_parquet(out)
    assert s.year.tolist() == [1950, 1951, 1952] and (s.gap == 0).all()
    assert pd.read_parquet(tmp_path / "tl.camps.parquet").year.nunique() == 3


def test_triangle_timeline(tmp_path: Path) -> None:
    out = tmp_path / "tri.csv"
    res = runner.invoke(
        app, ["triangle", "USA", "CHN", "365", "--years", "1950-1960", "--by-year", "--out", str(out)],
        env={"COLUMNS": "200"},
    )
    assert res.exit_code == 0, res.output
    assert "1950–1957" in res.output and "stable_marriage" in res.output and "pariah USA" in res.output
    assert "COW war #151" in res.output
    assert len(pd.read_csv(out)) == 11


def test_ties_option_changes_the_network() -> None:
    res = runner.invoke(app, ["balance", "--year", "1962", "--ties", "alliance,rivalry"])
    assert res.exit_code == 0, res.output
    assert "TSS rivalry; combine=negative_wins" in " ".join(res.output.split())


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["balance"], "give exactly one of --year YEAR, --years FIRST-LAST or --edges FILE"),
        (["balance", "--year", "1962", "--years", "1960-1961"], "got --year and --years"),
        (["balance", "--year", "1700"], "within the coverage of the recipe's tie sources"),
        (["balance", "--year", "1962", "--ties", "friends"], "names an unknown tie source"),
        (["balance", "--year", "1962", "--method", "magic"], "Invalid value for '--method'"),
        (["balance", "--edges", "missing.csv"], "does not exist"),
        (["balance", "--edges", "x.csv", "--ties", "war"], "cannot be combined with --edges"),
        (["balance", "--years", "1960-1961", "--k", "3"], "--k applies to one network"),
        (["triangle", "USA", "CHN"], "must be three states"),
        (["triangle", "USA", "CHN", "Atlantis"], "'Atlantis'"),
        (["triangle", "USA", "USA", "RUS"], "must name three different states"),
    ],
)
def test_errors_are_clean(args: list[str], match: str, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process through blocs.cli._app.run, exactly what the console script does."""
    monkeypatch.setattr(sys, "argv", ["blocs", *args])
    with pytest.raises(SystemExit) as exc:
        run(app)
    err = capsys.readouterr().err
    assert exc.value.code == 2, err
    assert match in " ".join(err.split())
    assert "Traceback" not in err


def test_subprocess_errors_exit_cleanly(tmp_path: Path) -> None:
    res = _run("triangle", "USA", "CHN", "Atlantis")
    assert res.returncode == 2 and "'Atlantis'" in res.stderr and "Traceback" not in res.stderr
    f = tmp_path / "bad.csv"
    f.write_text("source,target,sign\n1,2,0\n")
    res = _run("balance", "--edges", str(f))
    assert res.returncode == 1 and "signs must be +1 or -1" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("command", ["balance", "triangle"])
def test_every_option_is_documented(command: str) -> None:
    import typer.main

    docs = (ROOT / "docs" / "networks.md").read_text()
    group = typer.main.get_command(app)
    params = group.commands[command].params  # type: ignore[attr-defined]
    assert params
    for param in params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert opt in docs, f"{command} {opt} is not in docs/networks.md"
