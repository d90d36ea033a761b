"""Write a table with its provenance; coverage years read from the catalog."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import meta_of
from blocs._validation import OUTPUT_SUFFIXES, OutputPath, check_param, dataset_coverage

__all__ = ["write_table", "check_output", "coverage", "OUTPUT_SUFFIXES"]


def check_output(path: str | os.PathLike[str], *, param: str = "path") -> Path:
    """Check an output path before any work: known extension, not a folder, writable folder.

    Parameters
    ----------
    path : str or path-like
        Where a table will be written.
    param : str, default "path"
        Name shown in the error (the CLI passes ``"--out"``).

    Returns
    -------
    Path
        The path, with ``~`` expanded.

    Raises
    ------
    InvalidParameterError
        Unknown extension, an existing folder, a path under a regular file, or a folder that
        cannot be written.

    Examples
    --------
    >>> check_output("table.txt")
    Traceback (most recent call last):
    ...
    blocs._errors.InvalidParameterError: The 'path' parameter must be a writable file path ending in ...;
    got 'table.txt' instead. End the name with one of .parquet, .csv, .dta, .json
    """
    result: Path = check_param(path, OutputPath(), param=param)
    return result


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``table`` in the format its extension names, with a ``.sources.json`` sidecar.

    The path is checked before anything is written (:func:`check_output`).  Parquet, CSV,
    Stata (version 118; nullable integers become floats) and JSON (records) are supported.
    The sidecar ``<file>.sources.json`` records the unit, system, directedness and every
    source dataset with its version; ``blocs cite FILE`` reads it.

    Parameters
    ----------
    table : DataFrame
        A blocs table (its metadata gives the sources) or any table.
    path : str or path-like
        Output file; missing folders are created.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    InvalidParameterError
        A path :func:`check_output` refuses, or ``table`` not a DataFrame.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from blocs import declare
    >>> t = declare(pd.DataFrame({"ccode": [2]}), unit="state", sources=["cw_system"])
    >>> out = write_table(t, tempfile.mkdtemp() + "/t.csv")
    >>> out.name, out.with_name("t.csv.sources.json").exists()
    ('t.csv', True)
    """
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            f"The 'table' parameter of write_table must be a pandas DataFrame; got {type(table).__name__} instead"
        )
    out = check_output(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = meta_of(table)
    plain = table.copy(deep=False)  # columns are replaced, never written in place: no 1e6-row copy
    plain.attrs.clear()
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        plain.to_parquet(out, index=False)
    elif suffix == ".csv":
        plain.to_csv(out, index=False)
    elif suffix == ".dta":
        for col in plain.columns:
            if str(plain[col].dtype) in ("Int64", "Int32", "Int16", "Int8", "boolean", "bool"):
                plain[col] = plain[col].astype("float64")
        plain.to_stata(out, write_index=False, version=118)
    else:
        plain.to_json(out, orient="records", date_format="iso")
    sidecar = out.with_name(out.name + ".sources.json")
    sidecar.write_text(
        json.dumps(
            {
                "unit": meta.unit,
                "system": meta.system,
                "directed": meta.directed,
                "sources": [{"name": s.name, "version": s.version} for s in meta.sources],
            },
            indent=2,
        )
    )
    return out


def coverage(dataset: str) -> tuple[int, int]:
    """First and last year a dataset covers, as recorded in the catalog (the only place).

    Parameters
    ----------
    dataset : str
        Catalog name, e.g. ``"cow_nmc"``.

    Returns
    -------
    tuple of int
        ``(first, last)``.

    Raises
    ------
    UnknownDatasetError
        Not a catalog name.
    InvalidParameterError
        The entry records no year coverage.

    Examples
    --------
    >>> coverage("cw_system")
    (1816, 2016)
    """
    return dataset_coverage(dataset)
