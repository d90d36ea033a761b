"""`blocs data list|fetch|verify` and `blocs cite`: output, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.cli._app import write_table
from blocs.data import get_dataset, load

SRC = str(Path(__file__).resolve().parents[2] / "src")
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("BLOCS_HOME", str(h))
    return h


def _blocs(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": SRC, **WIDE, **(env or {})}
    return subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, env=full, timeout=120)


def test_data_list_shows_mirror_and_cache(home: Path, mirror: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["data", "list", "--mirror", str(mirror)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "cow_nmc" in result.output and "mirror" in result.output and "1816–2022" in result.output
    runner.invoke(app, ["data", "fetch", "cow_majors", "--mirror", str(mirror)], env=WIDE)
    result = runner.invoke(app, ["data", "list", "--mirror", str(mirror)], env=WIDE)
    row = next(line for line in result.output.splitlines() if "cow_majors" in line)
    assert "cache" in row


def test_data_fetch_from_mirror_into_tmp_home(home: Path, mirror: Path) -> None:
    result = CliRunner().invoke(
        app, ["data", "fetch", "cow_majors", "cow_country_codes", "--mirror", str(mirror)], env=WIDE
    )
    assert result.exit_code == 0, result.output
    assert "2 dataset(s) verified" in result.output
    for name in ("cow_majors", "cow_country_codes"):
        assert (home / "raw" / get_dataset(name).path).is_file()


def test_data_verify_ok_then_mismatch(home: Path, mirror: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["data", "fetch", "cow_majors", "--mirror", str(mirror)])
    result = runner.invoke(app, ["data", "verify", "cow_majors", "cow_states"], env=WIDE)
    assert result.exit_code == 0 and "ok" in result.output and "missing" in result.output
    (home / "raw" / get_dataset("cow_majors").path).write_bytes(b"tampered")
    proc = _blocs("data", "verify", "cow_majors", env={"BLOCS_HOME": str(home)})
    assert proc.returncode == 1
    assert "do not match the catalog checksum: cow_majors" in proc.stderr
    assert "blocs data fetch cow_majors --force" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # an unknown name is a usage error (2); a missing file or mirror is not (1)
        (["data", "fetch", "cow_nmcc"], 2, "unknown dataset 'cow_nmcc'; did you mean 'cow_nmc'"),
        (["data", "verify", "nosuch"], 2, "unknown dataset 'nosuch'. Run `blocs data list`"),
        (["data", "fetch", "cow_majors", "--mirror", "/no/such/mirror"], 1, "does not exist"),
        (["cite", "no_such_thing"], 1, "nothing to cite for 'no_such_thing'"),
        (["data", "frobnicate"], 2, "No such command"),
    ],
)
def test_data_errors_are_clean(home: Path, args: list[str], code: int, message: str) -> None:
    proc = _blocs(*args, env={"BLOCS_HOME": str(home)})
    assert proc.returncode == code
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_cite_dataset_and_table_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["cite", "cow_nmc", "atop_alliance"], env=WIDE)
    assert result.exit_code == 0
    assert "@incollection{Singer1972," in result.output and "Leeds2002" in result.output
    out = tmp_path / "majors.parquet"
    write_table(load("cow_majors"), out)
    result = runner.invoke(app, ["cite", str(out)], env=WIDE)
    assert result.exit_code == 0 and "COW2017states" in result.output
