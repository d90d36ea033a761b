"""Parquet copies of event files: written sorted by event id with a seal, and the uniqueness proof.

De-duplication by event id (``dedup="ids"``) keeps one row per distinct (id, date, labels,
code, quad class, score).  When no id repeats, that grouping keeps every row and can be
skipped; the question is how to know, exactly, without paying for it.

* :func:`write_copy` writes a copy sorted by the format's event id, then reads the id column
  back row group by row group and checks that it is strictly increasing with no missing
  value, and that each row group's footer statistics (min, max) are exactly its first and
  last id.  Only then is the file sealed: its footer gets the key-value entry
  ``blocs.events`` (format, id column, row count, "ids unique and sorted", the blocs version).
  A copy whose ids repeat is written unsealed.
* :func:`ids_proven_unique` reads only the footers: if every file is sealed for this format,
  its row count is the sealed one (a file rewritten by another tool, filtered or concatenated
  carries a different count, or loses the seal), and the id ranges [min, max] of all row
  groups of all files are pairwise disjoint, then no id occurs twice in the input: within a
  file by the seal, across files because a repeated id would lie in two ranges.  A file given
  twice, or two copies of one file, have overlapping ranges and fall back to the exact count.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from blocs.events._formats import EventFormat

__all__ = ["SEAL_KEY", "ids_proven_unique", "read_seal", "write_copy"]

SEAL_KEY = b"blocs.events"
_SEAL_VERSION = 1


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _sorted_unique(path: Path, column: str) -> bool:
    """Whether ``column`` is strictly increasing, never missing, and each row group's footer
    min/max equal its first/last value (streamed one row group at a time)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    md = pf.metadata
    j = md.schema.to_arrow_schema().get_field_index(column)
    last: Any = None
    for i in range(md.num_row_groups):
        ids = pf.read_row_group(i, columns=[column]).column(0).combine_chunks()
        if len(ids) == 0:
            continue
        if ids.null_count:
            return False
        if len(ids) > 1 and not pc.all(pc.greater(ids.slice(1), ids.slice(0, len(ids) - 1))).as_py():
            return False
        first, final = ids[0].as_py(), ids[-1].as_py()
        if last is not None and not first > last:
            return False
        stats = md.row_group(i).column(j).statistics
        if stats is None or not stats.has_min_max or stats.min != first or stats.max != final:
            return False
        last = final
    return True


def write_copy(con: Any, sql: str, target: Path, fmt: EventFormat) -> bool:
    """Write the rows of ``sql`` (a DuckDB query) to ``target`` sorted by event id; seal it
    when its ids are unique.  Written atomically; returns whether the copy is sealed."""
    from blocs import __version__
    from blocs.data._store import atomic_write

    eid = '"' + fmt.event_id.replace('"', '""') + '"'
    con.execute("SET preserve_insertion_order = true")  # row groups in id order
    with atomic_write(target) as final:
        tmp = final.with_name(final.name + ".sorted")
        try:
            rows = con.execute(f"COPY (SELECT * FROM ({sql}) ORDER BY {eid}) TO {_quote(tmp)} (FORMAT parquet)")
            n = int(rows.fetchall()[0][0])
            sealed = _sorted_unique(tmp, fmt.event_id)
            options = "FORMAT parquet"
            if sealed:
                seal = {"seal": _SEAL_VERSION, "format": fmt.name, "id_column": fmt.event_id, "rows": n,
                        "ids": "unique, sorted ascending", "writer": f"blocs {__version__}"}  # fmt: skip
                text = json.dumps(seal, sort_keys=True).replace("'", "''")
                options += f", KV_METADATA {{'{SEAL_KEY.decode()}': '{text}'}}"
            # a second, cheap pass over the sorted copy: the seal's row count is known only now
            con.execute(f"COPY (SELECT * FROM read_parquet({_quote(tmp)})) TO {_quote(final)} ({options})")
        finally:
            tmp.unlink(missing_ok=True)
    return sealed


def read_seal(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The ``blocs.events`` seal of a Parquet copy, or None (unsealed, or not readable)."""
    import pyarrow.parquet as pq

    try:
        md = pq.read_metadata(path)
        raw = (md.metadata or {}).get(SEAL_KEY)
        seal = json.loads(raw) if raw else None
    except (OSError, ValueError, TypeError):
        return None
    return seal if isinstance(seal, dict) else None


def ids_proven_unique(paths: list[str], fmt: EventFormat) -> bool:
    """Whether the footers alone prove that no event id occurs twice in ``paths`` (see the module)."""
    import pyarrow.parquet as pq

    ranges: list[tuple[Any, Any]] = []
    for path in paths:
        try:
            md = pq.read_metadata(path)
        except (OSError, ValueError):
            return False
        seal = read_seal(path)
        if (
            seal is None
            or seal.get("seal") != _SEAL_VERSION
            or seal.get("format") != fmt.name
            or seal.get("id_column") != fmt.event_id
            or seal.get("rows") != md.num_rows
        ):
            return False
        j = md.schema.to_arrow_schema().get_field_index(fmt.event_id)
        if j < 0:
            return False
        for i in range(md.num_row_groups):
            group = md.row_group(i)
            if group.num_rows == 0:
                continue
            stats = group.column(j).statistics
            if stats is None or not stats.has_min_max or stats.null_count != 0:
                return False
            ranges.append((stats.min, stats.max))
    try:
        ranges.sort()
        return all(later[0] > earlier[1] for earlier, later in zip(ranges, ranges[1:], strict=False))
    except TypeError:  # ids of different types in different files: no proof
        return False
