"""Fault-injection scenarios for the corpus (entry point ``fault``).

Each runs real ``blocs`` processes against a private data home, damages something (kill -9
mid-write, truncated/flipped/altered caches, concurrent cold starts, a broken mirror) and
checks what a user would see next.  A scenario returns ``Outcome(0, summary)`` when blocs
coped (the right numbers, or a clean message), else an outcome the runner reports.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from runner import SRC, Context, Outcome

MIRROR = Path(os.environ["BLOCS_MIRROR"])

# USA's 1950 CINC in cow_nmc, read straight from the pinned CSV (no blocs cache involved)
_PROBE = textwrap.dedent(
    """
    import json, sys, warnings
    warnings.simplefilter("ignore")
    import blocs
    from blocs.data._store import verify_derived
    nmc = blocs.load("cow_nmc")
    v = float(nmc.loc[(nmc.ccode == 2) & (nmc.year == 1950), "cinc"].iloc[0])
    print(json.dumps({"cinc": v, "rows": len(nmc), "derived": verify_derived()}))
    """
)


def _env(home: Path, *, mirror: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BLOCS_MIRROR"}
    env.update(PYTHONPATH=str(SRC), BLOCS_HOME=str(home), COLUMNS="200")
    if mirror:
        env["BLOCS_MIRROR"] = str(MIRROR)
    return env


def _py(code: str, home: Path, *, mirror: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(home, mirror=mirror), timeout=timeout
    )


def _blocs(args: list[str], home: Path, *, mirror: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "blocs", *args],
        capture_output=True,
        text=True,
        env=_env(home, mirror=mirror),
        timeout=60,
    )


def _crash(proc: subprocess.CompletedProcess[str]) -> str:
    if "Traceback (most recent call last)" in proc.stderr:
        return proc.stderr
    return f"killed by signal {-proc.returncode}" if proc.returncode < 0 else ""


def _truth() -> float:
    import pandas as pd

    from blocs.data import get_dataset

    ds = get_dataset("cow_nmc")
    raw = MIRROR / ds.path
    from blocs.data import read_raw

    df: pd.DataFrame = read_raw(raw, ds)
    return float(df.loc[(df.ccode == 2) & (df.year == 1950), "cinc"].iloc[0])


@contextmanager
def _home(home: Path, *, mirror: bool = True) -> Iterator[None]:
    """Run in this process against ``home`` (cheap: no interpreter start-up), memo cleared."""
    from blocs.data import _readers

    saved = {k: os.environ.get(k) for k in ("BLOCS_HOME", "BLOCS_MIRROR")}
    memo = dict(_readers._MEMO)
    os.environ["BLOCS_HOME"] = str(home)
    if mirror:
        os.environ["BLOCS_MIRROR"] = str(MIRROR)
    else:
        os.environ.pop("BLOCS_MIRROR", None)
    _readers._MEMO.clear()
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        _readers._MEMO.clear()
        _readers._MEMO.update(memo)


def _probe_here(home: Path) -> dict[str, object]:
    import blocs
    from blocs.data._store import verify_derived

    with _home(home), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nmc = blocs.load("cow_nmc")
        v = float(nmc.loc[(nmc.ccode == 2) & (nmc.year == 1950), "cinc"].iloc[0])
        return {"cinc": v, "rows": len(nmc), "derived": verify_derived()}


def _cli_here(args: list[str], home: Path) -> tuple[int, str]:
    from runner import Case, run_cli

    with _home(home):
        out = run_cli(Case("", "cli", " ".join(args), "result", "", "", ""), Context(tmp=home, home=home))
    if out.crash:
        raise AssertionError(out.crash)
    return out.code, out.text


def _probe(home: Path, *, mirror: bool = True) -> Outcome:
    try:
        got = _probe_here(home)
    except Exception as exc:  # reported by the runner as what the user would have seen
        import traceback

        return Outcome(-1, str(exc), crash="".join(traceback.format_exception(exc)))
    truth = _truth()
    bad = {k: v for k, v in got["derived"].items() if v != "ok"}
    parts = sorted(p.name for p in home.rglob("*.part"))
    if got["cinc"] != truth:
        return Outcome(0, f"SILENT WRONG ANSWER: USA 1950 CINC {got['cinc']} != {truth}")
    if bad or parts:
        return Outcome(0, f"damaged caches left behind: {bad} parts: {parts}")
    return Outcome(0, f"ok: USA 1950 CINC {got['cinc']} ({got['rows']} rows), caches verified")


def _kill_after(cmd: list[str], home: Path, delay: float) -> None:
    proc = subprocess.Popen(cmd, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def kill_during_cache_write(ctx: Context) -> Outcome:
    """kill -9 a cold load at several moments (raw copy, parse, Parquet write), then load again."""
    home = ctx.tmp / "home"
    for delay in (0.5, 1.0, 1.5):
        _kill_after([sys.executable, "-c", _PROBE], home, delay)
    return _probe(home)


def kill_during_fetch(ctx: Context) -> Outcome:
    """kill -9 `blocs data fetch` mid-copy; fetch again, then `data verify` passes with no partial files."""
    home = ctx.tmp / "home"
    for delay in (0.5, 1.0):
        _kill_after([sys.executable, "-m", "blocs", "data", "fetch"], home, delay)
    code, text = _cli_here(["data", "fetch"], home)
    if code != 0:
        return Outcome(code, text)
    code, text = _cli_here(["data", "verify"], home)
    parts = sorted(p.name for p in home.rglob("*.part"))
    if code != 0 or parts:
        return Outcome(code or 1, text + f"\nparts left: {parts}")
    return Outcome(0, "ok: refetched after kill -9, data verify passed, no partial files")


def _warm(home: Path) -> Path:
    first = _probe(home)
    if not first.text.startswith("ok"):
        raise AssertionError(first.text)
    (cache,) = (home / "tables").glob("cow_nmc-*.parquet")
    return cache


def _damage_parquet(ctx: Context, how: str) -> Outcome:
    home = ctx.tmp / "home"
    cache = _warm(home)
    data = bytearray(cache.read_bytes())
    if how == "truncate":
        cache.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "flip":
        data[len(data) // 2] ^= 0x40
        cache.write_bytes(bytes(data))
    elif how == "empty":
        cache.write_bytes(b"")
    elif how == "sidecar":
        cache.with_name(cache.name + ".sha256").unlink()
    elif how == "alter":
        import pandas as pd

        df = pd.read_parquet(cache)
        df.loc[(df.ccode == 2) & (df.year == 1950), "cinc"] = 0.5
        df.to_parquet(cache, index=False)
    return _probe(home)


def truncated_parquet_cache(ctx: Context) -> Outcome:
    return _damage_parquet(ctx, "truncate")


def flipped_parquet_cache(ctx: Context) -> Outcome:
    return _damage_parquet(ctx, "flip")


def empty_parquet_cache(ctx: Context) -> Outcome:
    return _damage_parquet(ctx, "empty")


def missing_checksum_sidecar(ctx: Context) -> Outcome:
    return _damage_parquet(ctx, "sidecar")


def altered_cinc_cache(ctx: Context) -> Outcome:
    """Issue 11: USA 1950 CINC rewritten in the parsed cache; polarity must not change, verify must fail."""
    home = ctx.tmp / "home"
    cache = _warm(home)
    code0, before = _cli_here(["polarity", "--years", "1950"], home)
    import pandas as pd

    df = pd.read_parquet(cache)
    df.loc[(df.ccode == 2) & (df.year == 1950), "cinc"] = 0.5
    df.to_parquet(cache, index=False)
    code, text = _cli_here(["data", "verify"], home)
    if code != 1 or "altered" not in text:
        return Outcome(0, "data verify did not report the altered cache:\n" + text)
    df.to_parquet(cache, index=False)  # altered again after verify removed it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code1, after = _cli_here(["polarity", "--years", "1950"], home)
    if code0 != 0 or code1 != 0:
        return Outcome(code0 or code1, before + after)
    if after != before:
        return Outcome(0, "SILENT WRONG ANSWER: polarity changed with the altered cache")
    return _probe(home)


def truncated_raw_cache(ctx: Context) -> Outcome:
    """A raw file cut short in the cache is replaced from the mirror before it is read."""
    home = ctx.tmp / "home"
    _warm(home)
    from blocs.data import get_dataset

    raw = home / "raw" / get_dataset("cow_nmc").path
    raw.write_bytes(raw.read_bytes()[:1000])
    for p in (home / "tables").glob("*"):
        p.unlink()
    return _probe(home)


def corrupt_raw_cache_offline(ctx: Context) -> Outcome:
    """Offline with a flipped raw file: the message must say the cached copy was corrupt."""
    home = ctx.tmp / "home"
    _warm(home)
    from blocs.data import get_dataset

    raw = home / "raw" / get_dataset("cow_nmc").path
    data = bytearray(raw.read_bytes())
    data[500] ^= 0x01
    raw.write_bytes(bytes(data))
    for p in (home / "tables").glob("*"):
        p.unlink()
    code = textwrap.dedent(
        """
        import blocs.data._store as s
        def offline(*a, **k):
            raise OSError("network unreachable")
        s._download = offline
        import sys
        sys.argv = ["blocs", "polarity", "--years", "1950"]
        from blocs.cli import main
        main()
        """
    )
    proc = _py(code, home, mirror=False)
    return Outcome(proc.returncode, proc.stdout + proc.stderr, crash=_crash(proc))


def concurrent_cold_cache(ctx: Context) -> Outcome:
    """Three processes start on the same empty data home at once: same answer, one clean cache."""
    home = ctx.tmp / "home"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PROBE], env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        if p.returncode != 0:
            return Outcome(p.returncode, out + err, crash=err if "Traceback" in err else "")
    values = {json.loads(out.splitlines()[-1])["cinc"] for out, _ in outs}
    if len(values) != 1:
        return Outcome(0, f"SILENT WRONG ANSWER: concurrent runs disagree: {values}")
    return _probe(home)


def home_is_a_file(ctx: Context) -> Outcome:
    """BLOCS_HOME names a regular file: the mirror is read in place, or a clean error."""
    home = ctx.tmp / "not-a-folder"
    home.write_text("x")
    proc = _blocs(["polarity", "--years", "1950"], home)
    return Outcome(proc.returncode, proc.stdout + proc.stderr, crash=_crash(proc))


def mirror_lacks_file(ctx: Context) -> Outcome:
    """A mirror folder without the file asked for: a clean message naming the file."""
    mirror = ctx.tmp / "mirror"
    mirror.mkdir()
    env = _env(ctx.tmp / "home", mirror=False)
    env["BLOCS_MIRROR"] = str(mirror)
    proc = subprocess.run(
        [sys.executable, "-m", "blocs", "polarity", "--years", "1950"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    return Outcome(proc.returncode, proc.stdout + proc.stderr, crash=_crash(proc))


def mirror_file_flipped(ctx: Context) -> Outcome:
    """A mirror whose copy of a file was altered: refused with both checksums, nothing cached."""
    from blocs.data import get_dataset

    mirror = ctx.tmp / "mirror"
    for name in ("cow_nmc",):
        ds = get_dataset(name)
        dst = mirror / ds.path
        dst.parent.mkdir(parents=True, exist_ok=True)
        data = bytearray((MIRROR / ds.path).read_bytes())
        data[200] ^= 0x01
        dst.write_bytes(bytes(data))
    env = _env(ctx.tmp / "home", mirror=False)
    env["BLOCS_MIRROR"] = str(mirror)
    code = "import blocs; blocs.load('cow_nmc')"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    text = proc.stdout + proc.stderr
    if "Traceback" in proc.stderr and "DataIntegrityError" in proc.stderr:
        # the Python API raises (that is its clean error); report the message only
        return Outcome(1, proc.stderr.strip().splitlines()[-1])
    return Outcome(proc.returncode, text, crash=_crash(proc))
