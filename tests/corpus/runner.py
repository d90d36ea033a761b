"""Run one bad-input corpus case through its entry point and classify what happened.

Entry points (the ``entry`` column of ``cases.csv``):

``cli``     the ``blocs`` command in-process (click's runner on the fully loaded app); a
            ``BlocsError`` is rendered exactly as the console script renders it.
``sh``      ``python -m blocs ...`` as a real process (start-up, exit codes, stderr).
``api``     a Python expression over ``blocs`` (and ``pd``, ``np``, helpers below).
``fault``   a fault-injection scenario from :mod:`faults` (kill -9, damaged caches, races).
``web``     ``[METHOD ]URL`` against the web app (``blocs serve``) in-process: a 4xx must carry the
            one JSON error shape ``{"error": {"code", "message", "param"}}`` (pages: the HTML page
            with the message); a 5xx is a crash.

To add an entry point (the web API, say) write ``def run_web(case, ctx) -> Outcome`` and add
it to :data:`ENTRY_POINTS`; its rows then go in ``cases.csv`` like any other.
"""

from __future__ import annotations

import csv
import os
import shlex
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
FILES = HERE / "files"
CASES_CSV = HERE / "cases.csv"
EXPECTS = ("error", "refusal", "result")
#: A refusal: the request is understood but declined (outside coverage, too large, data unavailable).
REFUSALS = ("CoverageError", "InfeasibleOptionError", "DataNotFoundError", "DataIntegrityError")
#: Seconds a case may run (in-process cases are interrupted with SIGALRM, processes killed).
LIMIT_S = 45.0


@dataclass(frozen=True)
class Case:
    id: str
    entry: str
    args: str
    expect: str
    fragment: str
    note: str
    xfail: str


@dataclass
class Outcome:
    code: int  # exit status (0 ok, 2 usage error, 1 other error); -1 a crash
    text: str  # what the user saw (stdout + stderr, or the error message, or repr of a result)
    crash: str = ""  # a traceback or a signal: never allowed
    timeout: bool = False
    error_class: str = ""  # the BlocsError subclass, where the entry point can see it


@dataclass
class Context:
    tmp: Path  # a fresh folder for this case
    home: Path  # BLOCS_HOME in force


def load_cases(path: Path = CASES_CSV) -> list[Case]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cases = [Case(**{k: (r.get(k) or "") for k in Case.__dataclass_fields__}) for r in rows]
    ids = [c.id for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, f"duplicate case ids in {path.name}: {sorted(dup)}"
    for c in cases:
        assert c.entry in ENTRY_POINTS, f"{c.id}: unknown entry point {c.entry!r}"
        assert c.expect in EXPECTS, f"{c.id}: expect must be one of {EXPECTS}, not {c.expect!r}"
    return cases


def expand(text: str, ctx: Context) -> str:
    out = text.replace("{tmp}", str(ctx.tmp)).replace("{files}", str(FILES)).replace("{home}", str(ctx.home))
    if "{icews}" in out:  # the catalog's real ICEWS day (event files)
        from blocs.events import sample_icews_path

        out = out.replace("{icews}", str(sample_icews_path()))
    return out


class CaseTimeout(BaseException):
    """Raised in the main thread when a case runs past :data:`LIMIT_S`."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: Any) -> None:
        raise CaseTimeout(f"ran past {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_CLICK: Any = None


def run_cli(case: Case, ctx: Context) -> Outcome:
    global _CLICK
    import typer.main
    import typer.testing

    from blocs import BlocsError
    from blocs.cli import app

    if _CLICK is None:  # build the click command once per worker, not once per case
        _CLICK = typer.main.get_command(app)
        typer.testing._get_command = lambda a: _CLICK if a is app else typer.main.get_command(a)
    args = [expand(a, ctx) for a in shlex.split(case.args)]
    result = typer.testing.CliRunner().invoke(app, args, env={"COLUMNS": "200"}, catch_exceptions=True)
    exc = result.exception
    if isinstance(exc, CaseTimeout):
        raise exc
    if exc is None or isinstance(exc, SystemExit):
        return Outcome(result.exit_code, result.output)
    if isinstance(exc, BlocsError):  # blocs.cli.main prints these as one line, with the class's exit code
        return Outcome(int(exc.exit_code), result.output + f"\nError: {exc}", error_class=type(exc).__name__)
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return Outcome(-1, result.output, crash=tb)


def run_sh(case: Case, ctx: Context) -> Outcome:
    args = [expand(a, ctx) for a in shlex.split(case.args)]
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", "BLOCS_HOME": str(ctx.home)}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "blocs", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=LIMIT_S,
            cwd=ctx.tmp,
        )
    except subprocess.TimeoutExpired:
        return Outcome(-1, "", timeout=True)
    text = proc.stdout + proc.stderr
    crash = ""
    if "Traceback (most recent call last)" in proc.stderr:
        crash = proc.stderr
    elif proc.returncode < 0:
        crash = f"killed by signal {-proc.returncode}"
    return Outcome(proc.returncode, text, crash=crash)


def api_namespace(ctx: Context) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    import blocs
    import blocs.measures
    import blocs.models
    import blocs.networks
    import blocs.query
    import blocs.system

    def dyads(*years: int) -> pd.DataFrame:
        return blocs.system.create_dyad_years(years=list(years) or [1950])

    def states(*years: int) -> pd.DataFrame:
        return blocs.system.create_state_years(years=list(years) or [1950])

    def doubled(table: pd.DataFrame) -> pd.DataFrame:
        """The table with its first row repeated (attrs kept): duplicated keys."""
        out = pd.concat([table, table.iloc[:1]], ignore_index=True)
        out.attrs = dict(table.attrs)
        return out

    return {
        "blocs": blocs,
        "pd": pd,
        "np": np,
        "tmp": str(ctx.tmp),
        "files": str(FILES),
        "dyads": dyads,
        "states": states,
        "doubled": doubled,
        "nan": float("nan"),
        "inf": float("inf"),
    }


def run_api(case: Case, ctx: Context) -> Outcome:
    from blocs import BlocsError

    try:
        value = eval(expand(case.args, ctx), api_namespace(ctx))  # noqa: S307 (the corpus is ours)
    except CaseTimeout:
        raise
    except BlocsError as exc:
        return Outcome(int(exc.exit_code), f"{type(exc).__name__}: {exc}", error_class=type(exc).__name__)
    except Exception as exc:
        return Outcome(-1, "", crash="".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return Outcome(0, _describe(value))


def _describe(value: Any) -> str:
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        with pd.option_context("display.max_columns", 50, "display.width", 250):
            return f"rows={len(value)} columns={list(value.columns)}\n{value.head(20)}"
    return repr(value)


def run_fault(case: Case, ctx: Context) -> Outcome:
    import faults  # the scenarios sit beside this module

    scenario: Callable[[Context], Outcome] = getattr(faults, case.args.replace("-", "_"))
    return scenario(ctx)


_WEB: Any = None
#: UN sessions of the web cases' ideal-point fit: small, so the fit (cached on disk) takes seconds.
WEB_IDEAL_POINT_SESSIONS = "40-46"


def web_client() -> Any:
    """The web app in-process (fastapi's TestClient), its ideal-point fit done before any timed case."""
    global _WEB
    if _WEB is None:
        from fastapi.testclient import TestClient

        from blocs.events import sample_icews_path
        from blocs.web import _backend, create_app

        # with the real ICEWS day as its event files, so the event views' bad inputs are reachable
        app = create_app(
            ideal_point_sessions=WEB_IDEAL_POINT_SESSIONS, events=sample_icews_path(), events_format="icews"
        )
        _WEB = TestClient(app)
        _backend.ideal_points_table()
    return _WEB


def run_web(case: Case, ctx: Context) -> Outcome:
    """``[METHOD ]URL`` against the web app: 200 is exit 0, a 4xx with the one JSON error shape (pages: the
    HTML page with the message) exit 2; a 5xx, a traceback or another error body is a crash."""
    args = expand(case.args, ctx).replace("{long}", "x" * 300)
    method, url = args.split(" ", 1) if args.split(" ", 1)[0] in ("POST", "PUT", "DELETE", "PATCH") else ("GET", args)
    page = not url.startswith("/api/")
    r = web_client().request(method, url, headers={"accept": "text/html" if page else "*/*"})
    if r.status_code >= 500 or "Traceback" in r.text:
        return Outcome(-1, r.text[:2000], crash=f"HTTP {r.status_code}: {r.text[:2000]}")
    if r.status_code < 400:
        return Outcome(0, r.text)
    if r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        err = body.get("error") if isinstance(body, dict) else None
        if set(body) != {"error"} or not isinstance(err, dict) or not {"code", "message", "param"} <= set(err):
            return Outcome(-1, r.text, crash=f"HTTP {r.status_code} without the one error shape: {r.text[:500]}")
        return Outcome(2, f"{err['code']} ({err['param']}): {err['message']}")
    if page and r.headers.get("content-type", "").startswith("text/html"):
        return Outcome(2, r.text)
    return Outcome(-1, r.text, crash=f"HTTP {r.status_code} with {r.headers.get('content-type')}: {r.text[:500]}")


ENTRY_POINTS: dict[str, Callable[[Case, Context], Outcome]] = {
    "cli": run_cli,
    "sh": run_sh,
    "api": run_api,
    "fault": run_fault,
    "web": run_web,
}


def run_case(case: Case, ctx: Context) -> Outcome:
    if case.entry == "web":
        web_client()  # start-up and the ideal-point fit are not the case's time
    try:
        with time_limit(LIMIT_S):
            return ENTRY_POINTS[case.entry](case, ctx)
    except CaseTimeout as exc:
        return Outcome(-1, str(exc), timeout=True)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def verdict(case: Case, out: Outcome) -> str:
    """Empty when the case behaved as the table says; else what went wrong."""
    if out.timeout:
        return f"timeout: ran past {LIMIT_S:g} s"
    if out.crash:
        return f"traceback:\n{out.crash}"
    if case.expect == "result" and out.code != 0:
        return f"expected a result, got exit {out.code}:\n{out.text}"
    if case.expect in ("error", "refusal") and out.code not in (1, 2):
        return f"expected a clean {case.expect} (exit 1 or 2), got exit {out.code}:\n{out.text}"
    if case.expect == "refusal" and out.error_class and out.error_class not in REFUSALS:
        return f"expected a refusal ({', '.join(REFUSALS)}), got {out.error_class}:\n{out.text}"
    for frag in filter(None, (f.strip() for f in case.fragment.split("&&"))):
        if _norm(frag) not in _norm(out.text):
            return f"message lacks {frag!r}:\n{out.text}"
    return ""
