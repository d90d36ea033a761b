"""Every usage error of every command prints one clean message and exits 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from blocs.cli import app
from blocs.cli._app import run


def _commands() -> list[tuple[list[str], object]]:
    """(path, click command) of every leaf command, walking groups."""
    out: list[tuple[list[str], object]] = []

    def walk(cmd: object, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in sorted(subs.items()):
                walk(sub, [*path, name])
        else:
            out.append((path, cmd))

    walk(typer.main.get_command(app), [])
    return out


SRC = Path(__file__).resolve().parents[2] / "src"
COMMANDS = _commands()
GROUPS = [[], ["data"]]


def _blocs(*args: str) -> subprocess.CompletedProcess[str]:
    # the checkout's own sources, not whatever `blocs` the interpreter has installed
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "blocs", *args], capture_output=True, text=True, env=env, timeout=120)


def _run_in_process(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(sys, "argv", ["blocs", *args])
    with pytest.raises(SystemExit) as exc:
        run(app)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert exc.value.code == 2, out
    assert "Traceback" not in out
    return " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchcmd"], "No such command 'nosuchcmd'"),
        (["data", "nosuch"], "No such command 'nosuch'"),
        (["resolve"], "Missing argument"),
        (["states", "--nope"], "No such option: --nope"),
        (["landscape", "--year", "abc"], "Invalid value for '--year'"),
        (["data", "fetch", "nosuch_dataset"], "unknown dataset 'nosuch_dataset'"),
    ],
)
def test_usage_errors_in_a_subprocess(args: list[str], message: str) -> None:
    proc = _blocs(*args)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2, out
    assert "Traceback" not in out
    assert message in " ".join(out.split())


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: " ".join(g) or "blocs")
def test_unknown_subcommand(group: list[str], capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert "No such command 'frobnicate'" in _run_in_process([*group, "frobnicate"], capsys, monkeypatch)


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_unknown_option(path: list[str], cmd: object, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert "No such option: --no-such-option" in _run_in_process([*path, "--no-such-option"], capsys, monkeypatch)


REQUIRED = [
    (path, cmd)
    for path, cmd in COMMANDS
    if any(getattr(p, "required", False) for p in getattr(cmd, "params", []))
]


@pytest.mark.parametrize(("path", "cmd"), REQUIRED, ids=[" ".join(p) for p, _ in REQUIRED])
def test_missing_required_parameter(path: list[str], cmd: object, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Missing " in _run_in_process(path, capsys, monkeypatch)


def test_required_parameters_were_found() -> None:
    # guards the parametrization above against silently testing nothing
    assert {" ".join(p) for p, _ in REQUIRED} >= {"resolve", "cite", "case", "dyad", "triangle"}
