"""Read event files into pandas for inspection (small files; aggregate large ones)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import Source, TableMeta, with_meta
from blocs._validation import OutputPath, check_choice, check_param
from blocs.events._engine import connect, read_raw_events, reading
from blocs.events._files import PathsLike, prepared
from blocs.events._formats import FORMATS, FormatName
from blocs.events._parquet import write_copy

__all__ = ["read_events", "convert_events"]


def read_events(
    files: PathsLike,
    *,
    format: FormatName,
    columns: Literal["used", "all"] = "used",
    limit: int | None = None,
) -> pd.DataFrame:
    """Read event files in their published layout into a pandas table of text columns.

    Each file is checked against the format's documented columns first (see
    :func:`aggregate_events`); values are returned as published text (codes keep their
    leading zeros), read with embedded DuckDB.  Meant for looking at files; aggregate large
    ones with :func:`aggregate_events`, which streams.

    Parameters
    ----------
    files : path, sequence of paths, folder or glob
        Event files, plain or compressed.
    format : {"icews", "gdelt1", "gdelt2", "polecat"}
        The published layout.
    columns : {"used", "all"}, default "used"
        The columns the aggregation uses (id, date, actors' countries, code, score,
        de-duplication keys) or every documented column.
    limit : int, optional
        At most this many rows.

    Returns
    -------
    DataFrame
        One row per file row, columns named as the format documents them.

    Raises
    ------
    MalformedFileError
        A file whose columns are not the documented ones.

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.
    Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
    1979-2012. ISA Annual Convention.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> ev = read_events(sample_icews_path(), format="icews")
    >>> len(ev), ev["CAMEO Code"].iloc[0]
    (3705, '040')
    """
    check_choice(format, tuple(FORMATS), param="format")
    check_choice(columns, ("used", "all"), param="columns")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidParameterError(f"limit must be a positive integer; got {limit!r}")
    fmt = FORMATS[format]
    with prepared(files, format, "duckdb") as paths:
        con = connect("duckdb")
        t = read_raw_events(con, "duckdb", paths, fmt)
        if columns == "used":
            t = t.select(*fmt.used)
        if limit is not None:
            t = t.limit(limit)
        with reading(fmt):
            frame = t.to_pandas()
    return with_meta(frame, TableMeta(unit="event", sources=(Source(fmt.source, fmt.version),)))


def convert_events(
    files: PathsLike,
    out: str | os.PathLike[str],
    *,
    format: FormatName,
    columns: Literal["used", "all"] = "used",
) -> Path:
    """Write event files to one Parquet file, keeping the documented column names.

    Values stay text except ids, dates and scores (the format's ``typed`` columns), which are
    parsed once here exactly as the raw path parses them (a value that does not parse is
    missing in both).  A Parquet copy is read many times faster than the raw exports;
    :func:`aggregate_events` accepts it with the same ``format`` and gives the same table.

    The copy is sorted by event id and written atomically.  When its ids are unique (checked
    on the written file: strictly increasing, none missing, footer statistics exact), its
    footer carries the key-value entry ``blocs.events`` (format, id column, row count, blocs
    version): :func:`aggregate_events` then proves from the footers alone that no id repeats
    across the copies given (their row groups' id ranges are disjoint) and skips the
    de-duplication scan.  A copy whose ids repeat is written without it and de-duplicated
    exactly.

    Parameters
    ----------
    files : path, sequence of paths, folder or glob
        Event files, plain or compressed (checked against the format first).
    out : path
        The Parquet file to write.
    format : {"icews", "gdelt1", "gdelt2", "polecat"}
        The published layout.
    columns : {"used", "all"}, default "used"
        Keep the columns the aggregation uses, or every documented column.

    Returns
    -------
    Path
        ``out``.

    References
    ----------
    Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
    1979-2012. ISA Annual Convention.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from blocs.events import sample_icews_path
    >>> p = convert_events(sample_icews_path(), pathlib.Path(tempfile.mkdtemp()) / "day.parquet", format="icews")
    >>> len(read_events(p, format="icews"))
    3705
    """
    check_choice(format, tuple(FORMATS), param="format")
    check_choice(columns, ("used", "all"), param="columns")
    fmt = FORMATS[format]
    # the one output-path constraint: a .parquet name in a writable folder, checked before reading
    target = Path(check_param(out, OutputPath(suffixes=(".parquet",)), param="out", where="convert_events"))
    target.parent.mkdir(parents=True, exist_ok=True)
    with prepared(files, format, "duckdb") as paths:
        con = connect("duckdb")
        t = read_raw_events(con, "duckdb", paths, fmt)
        typed = dict(fmt.typed)
        keep = fmt.used if columns == "used" else fmt.columns
        t = t.select(**{c: t[c].try_cast(typed[c]) if c in typed else t[c] for c in keep})
        with reading(fmt):
            write_copy(con.con, con.compile(t), target, fmt)
    return target
