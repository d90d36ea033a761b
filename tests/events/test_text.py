"""Plain files split by the compiled kernel into DuckDB give DuckDB's own reader's rows, reports and errors."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import blocs.events._aggregate as agg
from blocs._errors import MalformedFileError
from blocs.events import aggregate_events, sample_icews_path


def _run(files: Any, **kw: Any) -> Any:
    try:
        return aggregate_events(files, **kw)
    except MalformedFileError as exc:
        return exc


def _both(monkeypatch: pytest.MonkeyPatch, files: Any, **kw: Any) -> tuple[Any, Any, list[str]]:
    """(default path, DuckDB's reader only, the readers the default path used)."""
    used: list[str] = []
    real = agg.TextStream

    class Spy(real):  # type: ignore[misc, valid-type]
        def table(self, con: Any) -> Any:
            used.append("check" if self.check_ids else "kernel")
            return super().table(con)

    monkeypatch.setattr(agg, "TextStream", Spy)
    fast = _run(files, **kw)
    monkeypatch.setattr(agg, "streamable", lambda paths: False)
    duck = _run(files, **kw)
    monkeypatch.undo()
    return fast, duck, used


def _same(a: Any, b: Any) -> None:
    if isinstance(b, Exception):
        assert isinstance(a, MalformedFileError) and str(a) == str(b)
    else:
        pd.testing.assert_frame_equal(a.table, b.table)
        assert a.report == b.report


@pytest.mark.parametrize("fmt", ["icews", "gdelt1", "gdelt2", "polecat"])
@pytest.mark.parametrize("dedup", ["ids", "strict", "none"])
def test_kernel_reader_gives_the_same_tables(
    synthetic: dict[str, Path], monkeypatch: pytest.MonkeyPatch, fmt: str, dedup: str
) -> None:
    fast, duck, used = _both(monkeypatch, synthetic[fmt], format=fmt, dedup=dedup, by="day")
    _same(fast, duck)
    gdelt_ids = fmt.startswith("gdelt") and dedup != "none"
    assert used == (["check"] if gdelt_ids else ["kernel"])  # one pass: GDELT's ids proven unique while read


def test_the_real_icews_day(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, duck, used = _both(monkeypatch, sample_icews_path(), format="icews", by="day", dedup="strict")
    _same(fast, duck)
    assert used == ["kernel"] and fast.report.rows == 3705


def test_ids_not_increasing_are_read_again_through_the_deduplication(
    synthetic: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = sorted(synthetic["gdelt2"].glob("*.CSV"))[0]
    again = shutil.copy(src, tmp_path / "again.export.CSV")  # the same ids under another name
    fast, duck, used = _both(monkeypatch, [src, again], format="gdelt2")
    _same(fast, duck)
    assert used == ["check", "kernel"] and fast.report.rows == 2 * fast.report.events
    lines = src.read_text().splitlines(keepends=True)
    random.Random(1).shuffle(lines)  # unique ids out of order: not provable while streaming
    shuffled = tmp_path / "shuffled.export.CSV"
    shuffled.write_text("".join(lines))
    fast, duck, used = _both(monkeypatch, shuffled, format="gdelt2")
    _same(fast, duck)
    assert used == ["check", "kernel"]
    pd.testing.assert_frame_equal(fast.table, aggregate_events(src, format="gdelt2").table)


def _variant(src: Path, tmp_path: Path, name: str, edit: Any) -> Path:
    lines = src.read_text().splitlines()
    out = tmp_path / f"{name}.export.CSV"
    out.write_bytes(edit(lines))
    return out


EDITS = {
    # the kernel declines what DuckDB may read otherwise (a blank line: DuckDB skips it): re-read by DuckDB
    "blank_lines": lambda ls: ("\n".join(ls[:70]) + "\n\n" + "\n".join(ls[70:]) + "\n\n").encode(),
    "tabs_only": lambda ls: ("\n".join(ls[:70] + ["\t" * 60] + ls[70:]) + "\n").encode(),
    "crlf": lambda ls: ("\r\n".join(ls) + "\r\n").encode(),
    "cr_only": lambda ls: ("\r".join(ls) + "\r").encode(),
    "no_final_newline": lambda ls: "\n".join(ls).encode(),
    "short_line": lambda ls: ("\n".join(ls[:70] + ["\t".join(ls[70].split("\t")[:20])] + ls[71:]) + "\n").encode(),
    "trailing_tabs": lambda ls: ("\n".join(ls[:70] + [ls[70] + "\t\t"] + ls[71:]) + "\n").encode(),
    "extra_field": lambda ls: ("\n".join(ls[:70] + [ls[70] + "\textra"] + ls[71:]) + "\n").encode(),
    "bad_utf8": lambda ls: ("\n".join(ls[:70]) + "\n").encode() + b"\xff\xfe" + ("\n".join(ls[70:]) + "\n").encode(),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_odd_files_read_as_duckdb_reads_them(
    synthetic: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    src = sorted(synthetic["gdelt2"].glob("*.CSV"))[0]
    path = _variant(src, tmp_path, edit, EDITS[edit])
    fast, duck, _ = _both(monkeypatch, path, format="gdelt2")
    _same(fast, duck)
    if edit in ("extra_field", "bad_utf8"):  # past the 50 lines the layout check reads: a clean error
        assert isinstance(fast, MalformedFileError) and "line" in str(fast)
