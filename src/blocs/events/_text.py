"""Plain event files streamed by polars' CSV reader into DuckDB as Arrow, with an id check.

DuckDB's own CSV reader tokenises every one of GDELT's 61 fields at about 1.2 M rows per
CPU-second; polars' reader, handing DuckDB zero-copy Arrow string views of the used columns,
keeps the same rows at about twice that.  The two must give the same rows, so this reader
is used only where they are known to agree, and everything else goes to DuckDB's reader:

* plain files only (``.gz``/``.zst`` are read by DuckDB natively; other compressions are
  first streamed into plain temporary files by ``_files.prepared``);
* fields are split on tabs only, unquoted, an empty or absent field is missing, and lines
  end in ``\\n`` or ``\\r\\n``, as in DuckDB's reader with ``quote=''`` and ``null_padding``;
* polars reads a blank line as a row of missing values where DuckDB skips it, and a line of
  tabs alike where DuckDB keeps it: both show as a missing event id, which no published
  export has, so a missing id (or any error of polars' reader: a line with too many fields,
  invalid UTF-8, ``\\r``-only line ends) makes the caller read the files again with DuckDB's
  reader, whose result (or error) is then exactly that of the DuckDB-only path.

While the rows stream, the reader also checks, at almost no cost, whether the event ids are
integers that strictly increase within each file and whose files' [first, last] ranges are
pairwise disjoint: then no id repeats (GDELT numbers events in the order it adds them), and
de-duplication by id would keep every row.  The caller runs the cheaper roll-up without it
and, only when the check fails, reads the files again through the exact de-duplication.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from typing import Any

from blocs.events._formats import EventFormat

__all__ = ["TextStream", "streamable"]

_OVERFLOW = "\x00blocs_overflow"
_PLAIN_EXCLUDED = (".gz", ".bz2", ".xz", ".zst", ".zip", ".parquet")


def streamable(paths: list[str]) -> bool:
    """Whether every path is a plain text file (what this reader reads)."""
    return all(not p.lower().endswith(_PLAIN_EXCLUDED) for p in paths)


class _Anomaly(Exception):
    """A row polars reads differently from DuckDB (a missing event id: a blank line)."""


class TextStream:
    """One pass of polars' CSV reader over ``paths``, registered as a DuckDB table.

    After the query that scans it has finished, :attr:`clean` says whether polars read every
    line as DuckDB's reader would (else the result must be discarded), and :meth:`ids_unique`
    whether the integer-id check held (only when ``check_ids``).
    """

    def __init__(self, paths: list[str], fmt: EventFormat, *, check_ids: bool) -> None:
        self.paths = paths
        self.fmt = fmt
        self.check_ids = check_ids
        self.failure: BaseException | None = None
        self._ranges: list[tuple[int, int]] = []
        self._increasing = True
        self._done = False

    @property
    def clean(self) -> bool:
        """Every file was read to its end, without error and without a missing event id."""
        return self._done and self.failure is None

    def ids_unique(self) -> bool:
        """Whether the ids are integers, strictly increasing in each file, with disjoint file ranges."""
        if not (self.clean and self.check_ids and self._increasing):
            return False
        ranges = sorted(self._ranges)
        return all(later[0] > earlier[1] for earlier, later in zip(ranges, ranges[1:], strict=False))

    def _batches(self) -> Iterator[Any]:
        import polars as pl

        fmt = self.fmt
        # one column past the documented ones: DuckDB's reader rejects a line with a non-empty
        # field there, so a value in it sends the files to DuckDB's reader (and its error)
        schema = {c: pl.String for c in (*fmt.columns, _OVERFLOW)}
        used = list(fmt.used)
        newest = pl.CompatLevel.newest()  # string views: handed to DuckDB without a copy
        try:
            for path in self.paths:
                scan = pl.scan_csv(
                    path,
                    separator="\t",
                    has_header=fmt.header,
                    quote_char=None,
                    schema=schema,
                    infer_schema=False,
                    encoding="utf8",
                    raise_if_empty=False,
                    missing_columns="insert",
                ).select(*used, _OVERFLOW)
                first: int | None = None
                last: int | None = None
                for frame in scan.collect_batches():
                    if frame.height == 0:
                        continue
                    ids = frame.get_column(fmt.event_id)
                    if ids.null_count():
                        raise _Anomaly(f"{path}: a row without an event id (a blank line?)")
                    if frame.get_column(_OVERFLOW).null_count() != frame.height:
                        raise _Anomaly(f"{path}: a line with more fields than {fmt.title} documents")
                    frame = frame.drop(_OVERFLOW)
                    if self.check_ids and self._increasing:
                        n = ids.cast(pl.Int64, strict=False)
                        rising = not n.null_count() and bool((n.diff(null_behavior="drop") > 0).all())
                        if not rising or (last is not None and not n[0] > last):
                            self._increasing = False
                        else:
                            first = n[0] if first is None else first
                            last = n[-1]
                    yield from frame.to_arrow(compat_level=newest).to_batches()
                if first is not None and last is not None:
                    self._ranges.append((int(first), int(last)))
        except Exception as exc:  # polars' reader and DuckDB's disagree here: the caller re-reads
            self.failure = exc
            raise
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
