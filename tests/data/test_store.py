"""Verified fetching: checksums, mirrors, interrupted downloads, atomic repair, parquet cache."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pooch
import pytest

from blocs import DataIntegrityError, DataNotFoundError
from blocs.data import _catalog, _readers, fetch_one, get_dataset, load, locate
from blocs.data._store import cached_path, sha256_of, verify_cache

NAME = "cow_country_codes"  # a small CSV (243 rows)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty data home and an empty in-process memo."""
    h = tmp_path / "home"
    monkeypatch.setenv("BLOCS_HOME", str(h))
    monkeypatch.setattr(_readers, "_MEMO", {})
    return h


def _copy_into(mirror_root: Path, src_root: Path, name: str, *, flip_byte: int | None = None) -> Path:
    ds = get_dataset(name)
    dst = mirror_root / ds.path
    dst.parent.mkdir(parents=True, exist_ok=True)
    data = bytearray((src_root / ds.path).read_bytes())
    if flip_byte is not None:
        data[flip_byte] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith("."))


def test_checksum_mismatch_in_mirror_names_expected_and_actual(home: Path, tmp_path: Path, mirror: Path) -> None:
    bad_root = tmp_path / "bad-mirror"
    bad = _copy_into(bad_root, mirror, NAME, flip_byte=100)
    actual = hashlib.sha256(bad.read_bytes()).hexdigest()
    ds = get_dataset(NAME)
    with pytest.raises(DataIntegrityError, match=f"expected sha256 {ds.sha256}, got {actual}"):
        fetch_one(NAME, mirror=bad_root)
    with pytest.raises(DataIntegrityError, match="checksum mismatch for dataset 'cow_country_codes'"):
        load(NAME, mirror=bad_root)
    assert not cached_path(ds).exists()


def test_missing_mirror_directory(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "no-such-mirror"
    with pytest.raises(DataNotFoundError, match=r"mirror directory '.*no-such-mirror' does not exist"):
        fetch_one(NAME, mirror=gone)
    monkeypatch.setenv("BLOCS_MIRROR", str(gone))
    with pytest.raises(DataNotFoundError, match="does not exist; point --mirror or BLOCS_MIRROR"):
        load(NAME)


def test_dataset_missing_from_mirror(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    with pytest.raises(DataNotFoundError, match=r"dataset 'cow_country_codes' is not in mirror .*looked for"):
        fetch_one(NAME, mirror=empty)
    with pytest.raises(DataNotFoundError, match="is not in mirror"):
        locate(NAME, mirror=empty)


class _FakeDownloader:
    """Stands in for pooch.HTTPDownloader: writes ``payload`` (or part of it, then fails)."""

    calls = 0

    def __init__(self, payload: bytes, *, fail_after: int | None = None):
        self.payload, self.fail_after = payload, fail_after

    def __call__(self, url: str, output_file: str, pooch_: object, check_only: bool = False) -> None:
        type(self).calls += 1
        with open(output_file, "wb") as f:
            if self.fail_after is None:
                f.write(self.payload)
                return
            f.write(self.payload[: self.fail_after])
            f.flush()
        raise ConnectionError("connection reset by peer")


def _patch_downloader(monkeypatch: pytest.MonkeyPatch, payload: bytes, fail_after: int | None = None) -> None:
    monkeypatch.delenv("BLOCS_MIRROR", raising=False)
    _FakeDownloader.calls = 0
    monkeypatch.setattr(pooch, "HTTPDownloader", lambda **_: _FakeDownloader(payload, fail_after=fail_after))


def test_interrupted_download_keeps_last_good_file_and_no_partial(
    home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = get_dataset(NAME)
    good = (mirror / ds.path).read_bytes()
    target = fetch_one(NAME, mirror=mirror)
    _patch_downloader(monkeypatch, good, fail_after=len(good) // 2)
    with pytest.raises(DataNotFoundError, match="could not download dataset 'cow_country_codes'.*connection reset"):
        fetch_one(NAME, force=True)
    assert _FakeDownloader.calls == 1
    assert target.read_bytes() == good
    assert _leftovers(target.parent) == []


def test_interrupted_first_download_leaves_nothing(home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = get_dataset(NAME)
    _patch_downloader(monkeypatch, (mirror / ds.path).read_bytes(), fail_after=10)
    with pytest.raises(DataNotFoundError, match="set BLOCS_MIRROR"):
        fetch_one(NAME)
    folder = cached_path(ds).parent
    assert not cached_path(ds).exists()
    assert list(folder.iterdir()) == []


def test_corrupted_download_raises_integrity_and_keeps_good_file(
    home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = get_dataset(NAME)
    good = (mirror / ds.path).read_bytes()
    target = fetch_one(NAME, mirror=mirror)
    _patch_downloader(monkeypatch, good[:-5] + b"XXXXX")
    msg = f"expected sha256 {ds.sha256}, got [0-9a-f]{{64}}.*nothing was written"
    with pytest.raises(DataIntegrityError, match=msg):
        fetch_one(NAME, force=True)
    assert target.read_bytes() == good and _leftovers(target.parent) == []


def test_download_writes_verified_file_and_force_refetches(
    home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = get_dataset(NAME)
    _patch_downloader(monkeypatch, (mirror / ds.path).read_bytes())
    target = fetch_one(NAME)
    assert sha256_of(target, fresh=True) == ds.sha256 and _FakeDownloader.calls == 1
    fetch_one(NAME)  # verified copy present: no transfer
    assert _FakeDownloader.calls == 1
    fetch_one(NAME, force=True)
    assert _FakeDownloader.calls == 2


def test_corrupt_cached_file_is_replaced_atomically_from_mirror(home: Path, mirror: Path) -> None:
    ds = get_dataset(NAME)
    target = fetch_one(NAME, mirror=mirror)
    target.write_bytes(b"garbage that is not the pinned file")
    inode = target.stat().st_ino
    assert locate(NAME, mirror=mirror) == target
    assert sha256_of(target, fresh=True) == ds.sha256
    assert target.stat().st_ino != inode  # replaced by a rename, not rewritten in place
    assert _leftovers(target.parent) == []
    assert len(load(NAME, mirror=mirror)) == ds.rows


def test_parquet_cache_hit_skips_the_reader(home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(NAME, mirror=mirror)
    tables = list((home / "tables").glob(f"{NAME}-*.parquet"))
    assert len(tables) == 1
    monkeypatch.setattr(_readers, "_MEMO", {})

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("read_raw called although the parquet cache is valid")

    monkeypatch.setattr(_readers, "read_raw", boom)
    second = load(NAME, mirror=mirror)
    assert second.equals(first)


def test_damaged_parquet_cache_is_rebuilt(home: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(NAME, mirror=mirror)
    (table,) = (home / "tables").glob(f"{NAME}-*.parquet")
    table.write_bytes(b"not parquet")
    monkeypatch.setattr(_readers, "_MEMO", {})
    assert load(NAME, mirror=mirror).equals(first)
    assert table.read_bytes()[:4] == b"PAR1"


def test_parquet_cache_rebuilt_when_checksum_changes(
    home: Path, tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = load(NAME, mirror=mirror)
    (old_table,) = (home / "tables").glob(f"{NAME}-*.parquet")
    # A new release of the file: one row fewer, a new checksum in the catalog.
    ds = get_dataset(NAME)
    new_root = tmp_path / "new-mirror"
    dst = new_root / ds.path
    dst.parent.mkdir(parents=True)
    lines = (mirror / ds.path).read_text().splitlines(keepends=True)
    dst.write_text("".join(lines[:-1]))
    new_sha = hashlib.sha256(dst.read_bytes()).hexdigest()
    entries = dict(_catalog.catalog())
    entries[NAME] = dataclasses.replace(ds, sha256=new_sha)
    monkeypatch.setattr(_catalog, "catalog", lambda: entries)
    new = load(NAME, mirror=new_root)
    assert len(new) == len(old) - 1
    (new_table,) = (home / "tables").glob(f"{NAME}-*.parquet")
    assert new_table != old_table and new_sha[:16] in new_table.name and not old_table.exists()


def test_verify_cache_reports_each_file(home: Path, mirror: Path) -> None:
    fetch_one(NAME, mirror=mirror)
    fetch_one("cow_majors", mirror=mirror)
    cached_path(get_dataset("cow_majors")).write_bytes(b"tampered")
    status = verify_cache([NAME, "cow_majors", "cow_states"])
    assert status[NAME] == "ok"
    assert status["cow_majors"] == f"mismatch: {hashlib.sha256(b'tampered').hexdigest()}"
    assert status["cow_states"] == "missing"
