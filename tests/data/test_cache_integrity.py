"""Caches you can trust: checksummed parsed caches, orphan removal, permissions, offline use.

The altered-cache case is the one from issue 11: USA's 1950 CINC rewritten in the parsed
Parquet cache must never reach a result.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs import DataNotFoundError
from blocs.cli import app
from blocs.data import _readers, _store, fetch_one, get_dataset, load
from blocs.data._store import cached_path, read_checked, remove_orphans, verify_derived, write_checked

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("BLOCS_HOME", str(h))
    monkeypatch.setattr(_readers, "_MEMO", {})
    return h


def _usa_1950(df: pd.DataFrame) -> float:
    return float(df.loc[(df.ccode == 2) & (df.year == 1950), "cinc"].iloc[0])


def test_altered_cinc_in_parquet_cache_is_detected_and_rebuilt(home: Path, mirror: Path) -> None:
    true = _usa_1950(load("cow_nmc", mirror=mirror))
    (cache,) = (home / "tables").glob("cow_nmc-*.parquet")
    df = pd.read_parquet(cache)
    df.loc[(df.ccode == 2) & (df.year == 1950), "cinc"] = 0.5  # the attack: one changed value
    df.to_parquet(cache, index=False)
    result = CliRunner().invoke(app, ["data", "verify"], env={"COLUMNS": "250"})
    assert result.exit_code == 1
    assert "altered: expected sha256" in result.output and "cow_nmc" in result.output
    assert not cache.exists()  # verify removed it; the next load rebuilds it
    _readers._MEMO.clear()
    assert _usa_1950(load("cow_nmc", mirror=mirror)) == true
    df.to_parquet(cache, index=False)  # alter it again, and load without verifying first
    _readers._MEMO.clear()
    with pytest.warns(UserWarning, match=r"cow_nmc.*does not match the checksum.*altered: expected sha256"):
        again = load("cow_nmc", mirror=mirror)
    assert _usa_1950(again) == true != 0.5
    assert read_checked(cache)[1] == "ok"


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "sidecar"])
def test_damaged_parquet_cache_never_used(home: Path, mirror: Path, damage: str) -> None:
    first = load("cow_majors", mirror=mirror)
    (cache,) = (home / "tables").glob("cow_majors-*.parquet")
    data = bytearray(cache.read_bytes())
    if damage == "truncate":
        cache.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "flip":
        data[len(data) // 2] ^= 0xFF
        cache.write_bytes(bytes(data))
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        cache.with_name(cache.name + ".sha256").write_text("0" * 64 + "\n")
    _readers._MEMO.clear()
    with pytest.warns(UserWarning, match="rebuilding it"):
        again = load("cow_majors", mirror=mirror)
    assert again.equals(first)
    assert verify_derived() == {f"tables/{cache.name}": "ok"}


def test_cache_files_get_ordinary_permissions(home: Path, mirror: Path) -> None:
    old = os.umask(0o022)
    try:
        load("cow_majors", mirror=mirror)
    finally:
        os.umask(old)
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p


def test_orphaned_part_files_of_dead_writers_are_removed(home: Path, tmp_path: Path) -> None:
    folder = home / "tables"
    folder.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = folder / f".x.parquet.{int(dead.stdout)}.0123abcd.part"
    live = folder / f".x.parquet.{os.getppid()}.0123abcd.part"  # a concurrent writer that is alive
    orphan.write_bytes(b"half")
    live.write_bytes(b"half")
    write_checked(folder / "y.parquet", lambda p: p.write_bytes(b"data"))
    assert not orphan.exists() and live.exists()
    assert remove_orphans(folder) == []


def test_offline_failure_names_the_corrupt_cached_copy(
    home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fetch_one("cow_majors", mirror=mirror)
    path.write_bytes(b"garbage")
    monkeypatch.delenv("BLOCS_MIRROR", raising=False)

    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("network unreachable")

    monkeypatch.setattr(_store, "_download", offline)
    with pytest.raises(DataNotFoundError, match=r"cached copy of .cow_majors. at .* is corrupt .*not be replaced"):
        load("cow_majors")


def test_mirror_copy_reports_real_total(home: Path, mirror: Path) -> None:
    class Bar:
        total: int | None = None
        seen = 0

        def update(self, n: int) -> None:
            self.seen += n

        def reset(self) -> None:
            self.seen = 0

        def close(self) -> None:
            pass

    bar = Bar()
    fetch_one("cow_nmc", mirror=mirror, progressbar=bar)
    size = (mirror / get_dataset("cow_nmc").path).stat().st_size
    assert bar.total == size == bar.seen


def test_data_read_from_a_mirror_stay_usable_without_it(tmp_path: Path, mirror: Path) -> None:
    """README command 1 reads the mirror once; later commands run offline with no BLOCS_MIRROR."""
    fresh = tmp_path / "fresh-home"
    code = textwrap.dedent(
        """
        import blocs
        print(len(blocs.load("cow_majors")))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "BLOCS_MIRROR"}
    env.update(PYTHONPATH=SRC, BLOCS_HOME=str(fresh))
    first = subprocess.run(
        [sys.executable, "-c", code], env={**env, "BLOCS_MIRROR": str(mirror)}, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert cached_path(get_dataset("cow_majors")).name in {p.name for p in (fresh / "raw").rglob("*")}
    for p in (fresh / "tables").glob("*.parquet"):  # even with the parsed cache gone
        p.unlink()
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert int(second.stdout) > 0
