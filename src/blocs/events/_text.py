"""Plain event files split by a compiled kernel and streamed into DuckDB as Arrow, with an id check.

DuckDB's own CSV reader tokenises every one of GDELT's 61 fields at about 1.2 M rows per
CPU-second.  ``_scan.split_fields`` splits only up to the last used field and skips the rest
of each line eight bytes at a time, handing DuckDB zero-copy Arrow string views of the used
columns; split over the cores in chunks of whole lines, memory-mapped, never more than a few
chunks in memory.  The two readers must give the same rows, so this one is used only where
they are known to agree, and everything else goes to DuckDB's reader:

* plain files only (``.gz``/``.zst`` are read by DuckDB natively; other compressions are
  first streamed into plain temporary files by ``_files.prepared``);
* fields split on tabs only, unquoted, an empty or absent field is missing, lines end in
  ``\\n``, as in DuckDB's reader with ``quote=''`` and ``null_padding``;
* a line the kernel cannot vouch for (blank, which DuckDB skips; more fields than
  documented; any ``\\r``; a NUL byte), bytes that are not UTF-8 (checked
  only in the chunks that have non-ASCII bytes) or a byte-order mark make the caller read
  the files again with DuckDB's reader, whose result (or error) is then exactly that of the
  DuckDB-only path.

While the rows stream, the reader also checks, at almost no cost, whether the event ids are
integers that strictly increase within each file and whose files' [first, last] ranges are
pairwise disjoint: then no id repeats (GDELT numbers events in the order it adds them), and
de-duplication by id would keep every row.  The caller runs the cheaper roll-up without it
and, only when the check fails, reads the files again through the exact de-duplication.
"""

from __future__ import annotations

import codecs
import itertools
import mmap
import os
import uuid
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from blocs.events._formats import EventFormat

__all__ = ["TextStream", "streamable"]

_PLAIN_EXCLUDED = (".gz", ".bz2", ".xz", ".zst", ".zip", ".parquet")
_CHUNK_BYTES = 16 << 20  # about 50,000 GDELT lines: small enough to keep a few per core in memory
_CHUNK_ROWS = 1 << 16  # rows per kernel call (a chunk of very short lines takes several)
_MAX_CHUNK_BYTES = 1 << 30  # longer lines (no export has them) go to DuckDB's reader
_BOM = b"\xef\xbb\xbf"


def streamable(paths: list[str]) -> bool:
    """Whether every path is a plain text file (what this reader reads)."""
    return all(not p.lower().endswith(_PLAIN_EXCLUDED) for p in paths)


class _Anomaly(Exception):
    """Bytes this reader does not read as DuckDB's reader would (see the module notes)."""


def _release(mapped: mmap.mmap | None, lo: int, hi: int) -> None:
    """Let the OS drop this process's mapping of a memory-mapped chunk's pages once split.

    The pages stay in the page cache and the mapping stays valid (a view still pointing
    there reads them again from the file), but the process's resident memory no longer grows
    with the size of the file."""
    if mapped is not None and hasattr(mmap, "MADV_DONTNEED"):
        page = mmap.PAGESIZE
        start, stop = lo // page * page, hi // page * page
        if stop > start:
            mapped.madvise(mmap.MADV_DONTNEED, start, stop - start)


def _check_header(path: str, line: bytes, ncols: int) -> None:
    """Decline a header line DuckDB might read otherwise (its line ends set the file's style)."""
    body = line[:-1] if line.endswith(b"\n") else line
    if not body or b"\r" in body or b"\x00" in body or body.count(b"\t") != ncols - 1:
        raise _Anomaly(f"{path}: a header line DuckDB's reader may read otherwise")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Anomaly(f"{path}: a header line that is not UTF-8") from None


@dataclass
class _Chunk:
    """The Arrow batches of one chunk of whole lines, and its ids' summary."""

    file: int
    batches: list[Any]
    first: int  # first and last id of the chunk (-1: no rows)
    last: int
    rising: bool  # ids plain integers, strictly increasing within the chunk


class TextStream:
    """One pass of the kernel over ``paths`` (``threads`` chunks at once), registered as a DuckDB table.

    After the query that scans it has finished, :attr:`clean` says whether every line was
    read as DuckDB's reader would (else the result must be discarded), and :meth:`ids_unique`
    whether the integer-id check held (only when ``check_ids``).
    """

    def __init__(self, paths: list[str], fmt: EventFormat, *, check_ids: bool, threads: int | None = None) -> None:
        self.paths = paths
        self.fmt = fmt
        self.check_ids = check_ids
        self.threads = threads or os.cpu_count() or 1
        # what the kernel needs of the layout: each field's output column (-1: not used)
        self._used = list(fmt.used)
        self._slot_of = np.full(len(fmt.columns), -1, np.int64)
        for slot, name in enumerate(self._used):
            self._slot_of[fmt.columns.index(name)] = slot
        self._last_used = max(fmt.columns.index(c) for c in self._used)
        self._id_col = fmt.columns.index(fmt.event_id) if check_ids else -1
        self.failure: BaseException | None = None
        self._ranges: list[tuple[int, int]] = []
        self._increasing = True
        self._done = False

    @property
    def clean(self) -> bool:
        """Every file was read to its end, every line one the kernel vouches for."""
        return self._done and self.failure is None

    def ids_unique(self) -> bool:
        """Whether the ids are integers, strictly increasing in each file, with disjoint file ranges."""
        if not (self.clean and self.check_ids and self._increasing):
            return False
        ranges = sorted(self._ranges)
        return all(later[0] > earlier[1] for earlier, later in zip(ranges, ranges[1:], strict=False))

    def _split(self, index: int, path: str, mapped: mmap.mmap | None, buf: Any, words: Any, lo: int, hi: int) -> _Chunk:
        """The used columns of the lines in ``buf[lo:hi]`` as Arrow batches (the kernel runs without the GIL)."""
        import pyarrow as pa

        from blocs.events._scan import ANOMALY, split_fields

        fmt = self.fmt
        nslots = len(self._used)
        data = pa.py_buffer(buf[lo:hi])  # the views of fields over 12 bytes point here
        batches, first, last, rising, non_ascii = [], -1, -1, True, False
        pos = lo
        while pos < hi:
            views = np.empty((nslots, _CHUNK_ROWS, 2), np.uint64)  # 16 bytes a view
            valid = np.empty((nslots, _CHUNK_ROWS), np.bool_)
            ids = np.empty(_CHUNK_ROWS, np.int64)
            n, stop, status, odd = split_fields(buf, words, lo, pos, hi, self._slot_of, self._last_used,
                                                len(fmt.columns), self._id_col, views, valid, ids)  # fmt: skip
            if status == ANOMALY:
                raise _Anomaly(f"{path}: a line that DuckDB's reader may read otherwise")
            non_ascii = non_ascii or bool(odd)
            if n:
                arrays = [
                    pa.Array.from_buffers(pa.string_view(), n,
                                          [pa.py_buffer(np.packbits(valid[s, :n], bitorder="little")),
                                           pa.py_buffer(views[s, :n]), data],
                                          null_count=n - int(np.count_nonzero(valid[s, :n])))
                    for s in range(nslots)
                ]  # fmt: skip
                batches.append(pa.RecordBatch.from_arrays(arrays, names=self._used))
                if self.check_ids and rising:
                    got = ids[:n]
                    rising = bool(got[0] >= 0 and (n == 1 or (np.diff(got) > 0).all()))
                    rising = rising and (last < 0 or got[0] > last)
                    first = int(got[0]) if first < 0 else first
                    last = int(got[-1])
            pos = stop
        if non_ascii:
            try:
                codecs.utf_8_decode(memoryview(buf[lo:hi]), "strict", True)
            except UnicodeDecodeError:
                raise _Anomaly(f"{path}: bytes that are not UTF-8") from None
        _release(mapped, lo, hi)
        return _Chunk(index, batches, first, last, rising)

    def _chunks(self) -> Iterator[tuple[int, str, mmap.mmap | None, Any, Any, int, int]]:
        """Each file's chunks of whole lines: (file index, path, the memory map or None, bytes, the
        bytes as words, start, end).

        Chunks are read in place from the memory-mapped file, except the last of each file,
        copied with a final line end (when the file lacks one) and the kernel's padding."""
        from blocs.events._scan import PAD

        for index, path in enumerate(self.paths):
            size = os.path.getsize(path)
            if size == 0:
                continue
            with open(path, "rb") as fh:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            if hasattr(mmap, "MADV_SEQUENTIAL"):
                mapped.madvise(mmap.MADV_SEQUENTIAL)
            if mapped[:3] == _BOM:
                raise _Anomaly(f"{path}: starts with a byte-order mark")
            buf = np.frombuffer(mapped, np.uint8)
            words = np.frombuffer(mapped, np.uint64, count=size // 8)
            lo = 0
            if self.fmt.header:  # checked against the documented names before any reading
                lo = mapped.find(b"\n") + 1 or size
                _check_header(path, mapped[:lo], len(self.fmt.columns))
            while lo < size:
                hi = mapped.find(b"\n", min(lo + _CHUNK_BYTES, size) - 1) + 1 or size
                last = hi + PAD > size  # the kernel reads ahead: the file's end is copied with padding
                if (size if last else hi) - lo > _MAX_CHUNK_BYTES:  # views hold 32-bit offsets
                    raise _Anomaly(f"{path}: a line of over {_MAX_CHUNK_BYTES >> 20} MB")
                if not last:
                    yield index, path, mapped, buf, words, lo, hi
                    lo = hi
                    continue
                tail = size - lo
                ends = mapped[size - 1 : size] == b"\n"
                copy = np.zeros((tail + 1 + PAD + 7) // 8, np.uint64)
                copy_bytes = copy.view(np.uint8)
                copy_bytes[:tail] = buf[lo:]
                if not ends:  # DuckDB ends the last line at the end of the file
                    copy_bytes[tail] = ord("\n")
                for view in (copy, copy_bytes):  # typed as the memory map is: one compiled kernel
                    view.setflags(write=False)
                yield index, path, None, copy_bytes, copy, 0, tail + (not ends)
                break

    def _batches(self) -> Iterator[Any]:
        ranges: dict[int, list[int]] = {}
        try:
            with ThreadPoolExecutor(self.threads) as pool:
                pending: deque[Future[_Chunk]] = deque()
                chunks = self._chunks()
                while True:
                    for task in itertools.islice(chunks, 2 * self.threads - len(pending)):
                        pending.append(pool.submit(self._split, *task))
                    if not pending:
                        break
                    done = pending.popleft().result()
                    if self.check_ids and self._increasing and done.batches:
                        span = ranges.get(done.file)
                        if not done.rising or (span is not None and not done.first > span[1]):
                            self._increasing = False
                        elif span is None:
                            ranges[done.file] = [done.first, done.last]
                        else:
                            span[1] = done.last
                    yield from done.batches
        except Exception as exc:  # the kernel cannot vouch for these bytes: the caller re-reads
            self.failure = exc
            raise
        self._ranges = [(a, b) for a, b in ranges.values()]
        self._done = True

    def table(self, con: Any) -> Any:
        """Register a fresh reader on the Ibis DuckDB connection ``con``; the Ibis table of it."""
        import pyarrow as pa

        batches = self._batches()
        head = list(itertools.islice(batches, 1))
        # nothing to stream (files of a header only): the schema of the used columns
        schema = head[0].schema if head else pa.schema([(c, pa.string_view()) for c in self.fmt.used])
        reader = pa.RecordBatchReader.from_batches(schema, itertools.chain(head, batches))
        name = f"blocs_events_text_{uuid.uuid4().hex[:12]}"
        con.con.register(name, reader)
        self.name = name
        return con.table(name)

    def unregister(self, con: Any) -> None:
        """Forget the reader registered by :meth:`table`."""
        name = getattr(self, "name", None)
        if name is not None:
            con.con.unregister(name)
