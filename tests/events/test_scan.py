"""The compiled splitter reads exactly the rows DuckDB's reader reads, or declines the file.

The property, for any bytes: when the kernel's stream finishes cleanly, its rows of the used
columns are DuckDB's rows (``read_csv`` unquoted, ``null_padding``), in order; when DuckDB's
reader raises, the kernel declines (the caller then reads with DuckDB and gets its error).
Small chunks and batches force every boundary: lines split across chunks, batches full
mid-chunk, the padded copy of each file's last chunk.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import blocs.events._text as text
from blocs.events._formats import FORMATS, EventFormat
from blocs.events._scan import ANOMALY, OK, PAD, split_fields

# a five-field layout whose used fields are the 1st, 3rd and 4th: the kernel is generic
TINY = dataclasses.replace(
    FORMATS["gdelt2"],
    name="tiny",
    columns=("id", "x", "day", "code", "url"),
    event_id="id",
    date="day",
    actor1="code",
    actor2="code",
    code="code",
    score="code",
    root_column=None,
    quad_column=None,
)
assert TINY.used == ("id", "day", "code")


def _duckdb_rows(path: Path, fmt: EventFormat) -> list[tuple[Any, ...]] | Exception:
    cols = ", ".join(f"'{c}': 'VARCHAR'" for c in fmt.columns)
    used = ", ".join(f'"{c}"' for c in fmt.used)
    options = f"header={str(fmt.header).lower()}, quote='', escape='', auto_detect=false, null_padding=true"
    sql = f"SELECT {used} FROM read_csv('{path}', delim='\t', columns={{{cols}}}, {options}, ignore_errors=false)"
    try:
        return duckdb.connect().sql(sql).fetchall()
    except duckdb.Error as exc:
        return exc


def _kernel_rows(paths: list[Path], fmt: EventFormat, check_ids: bool = False) -> tuple[Any, text.TextStream]:
    stream = text.TextStream([str(p) for p in paths], fmt, check_ids=check_ids, threads=2)
    rows: list[tuple[Any, ...]] = []
    try:
        for batch in stream._batches():
            rows.extend(zip(*(col.to_pylist() for col in batch.columns), strict=True))
    except text._Anomaly:
        return None, stream
    return rows, stream


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "_CHUNK_BYTES", 37)
    monkeypatch.setattr(text, "_CHUNK_ROWS", 3)


FIELD = st.sampled_from(["", "1", "42", "007", "20180601", "USA", "a b", "x" * 12, "y" * 13, "é", "long-" * 5])
ODD = st.sampled_from(["\t", "\n", "\r", "\r\n", "\x00", "\xff", "\xc3", "\x0b", " ", "\ufeff", "\n\n"])


@st.composite
def files(draw: Any) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        nfields = draw(st.sampled_from([5, 5, 5, 5, 1, 2, 4, 6]))
        lines.append("\t".join(draw(FIELD) for _ in range(nfields)))
    data = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))
    raw = bytearray(data.encode())
    for _ in range(draw(st.integers(0, 2))):  # splice odd bytes anywhere
        at = draw(st.integers(0, len(raw)))
        odd = draw(ODD)
        raw[at:at] = odd.encode("latin-1") if odd in ("\xff", "\xc3") else odd.encode()
    return bytes(raw)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=files(), header=st.booleans())
def test_kernel_rows_are_duckdb_rows_or_declined(data: bytes, header: bool, tmp_path: Path, small_chunks: None) -> None:
    fmt = dataclasses.replace(TINY, header=header)
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    want = _duckdb_rows(path, fmt)
    got, stream = _kernel_rows([path], fmt)
    note(f"header={header} data={data!r} duckdb={want!r} kernel={got!r}")
    if got is None:
        return  # declined: the caller reads with DuckDB (its rows or its error)
    assert not isinstance(want, Exception), f"the kernel read a file DuckDB rejects: {want}"
    assert got == want


@pytest.mark.parametrize("fmt", ["icews", "gdelt1", "gdelt2", "polecat"])
def test_kernel_rows_of_synthetic_files_in_every_layout(
    synthetic: dict[str, Path], fmt: str, small_chunks: None
) -> None:
    paths = sorted(p for p in synthetic[fmt].iterdir() if p.is_file())
    got, stream = _kernel_rows(paths, FORMATS[fmt])
    want = [row for p in paths for row in _duckdb_rows(p, FORMATS[fmt])]  # type: ignore[union-attr]
    assert stream.clean and got == want and len(got) == 6000


def test_the_id_check_across_chunks_and_files(synthetic: dict[str, Path], small_chunks: None, tmp_path: Path) -> None:
    paths = sorted(synthetic["gdelt2"].glob("*.CSV"))
    _, stream = _kernel_rows(paths, FORMATS["gdelt2"], check_ids=True)
    assert stream.ids_unique()
    _, stream = _kernel_rows([paths[0], paths[0]], FORMATS["gdelt2"], check_ids=True)
    assert stream.clean and not stream.ids_unique()  # the same ids twice: overlapping ranges
    lines = paths[0].read_bytes().splitlines(keepends=True)
    swapped = tmp_path / "swapped.CSV"
    swapped.write_bytes(b"".join(lines[:40] + [lines[41], lines[40]] + lines[42:]))
    _, stream = _kernel_rows([swapped], FORMATS["gdelt2"], check_ids=True)
    assert stream.clean and not stream.ids_unique()  # one pair out of order, inside a chunk


def _split(data: bytes, fmt: EventFormat = TINY) -> tuple[int, int, int, list[Any]]:
    words = np.zeros((len(data) + PAD + 7) // 8, np.uint64)
    buf = words.view(np.uint8)
    buf[: len(data)] = np.frombuffer(data, np.uint8)
    slot_of = np.array([0, -1, 1, 2, -1], np.int64)
    views = np.zeros((3, 8, 2), np.uint64)
    valid = np.zeros((3, 8), np.bool_)
    ids = np.zeros(8, np.int64)
    n, pos, status, high = split_fields(buf, words, 0, 0, len(data), slot_of, 3, 5, 0, views, valid, ids)
    return n, pos, status, list(ids[:n])


def test_kernel_statuses_and_ids() -> None:
    assert _split(b"1\tx\t2\t3\tu\n17\t\t\t\t\n") == (2, 10 + 7, OK, [1, 17])
    assert _split(b"1\tx\t2\t3\tu\n\n")[:3] == (1, 10, ANOMALY)  # a blank line
    assert _split(b"1\tx\t2\t3\tu\tv\n")[:3] == (0, 0, ANOMALY)  # six fields
    assert _split(b"1\tx\r\t2\n")[:3] == (0, 0, ANOMALY)  # \r not before \n
    assert _split(b"1\tx\x00\n")[:3] == (0, 0, ANOMALY)
    assert _split(b"+1\tx\n-2\n99999999999999999999\n")[3] == [-1, -1, -1]  # not plain digits: no id


def test_a_line_longer_than_a_chunk_can_hold_is_declined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "_MAX_CHUNK_BYTES", 64)  # views point into a chunk with 32-bit offsets
    path = tmp_path / "long.tsv"
    path.write_bytes(b"1\tx\t2\t3\t" + b"u" * 100 + b"\n")
    got, stream = _kernel_rows([path], TINY)
    assert got is None and isinstance(stream.failure, text._Anomaly) and "line of over" in str(stream.failure)
    assert _duckdb_rows(path, TINY) == [("1", "2", "3")]
