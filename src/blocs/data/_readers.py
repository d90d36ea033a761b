"""Readers: original files (R ``.rda``/``.RData``, CSV) into typed pandas tables.

Typing follows the catalog: integer codes become integers (nullable ``Int64`` where
values are missing), dates become ``datetime64``, and declared missing codes (COW's
``-9``) become missing.  What was read is cached as Parquet under
``<home>/tables/<name>-<sha256 prefix>-r<reader version>.parquet``, so a second load is
near-instant and a changed file (new checksum) or a changed reader rebuilds the cache.  The
Parquet file's own SHA-256 is recorded beside it when written (``.sha256``) and checked on
every read: an altered, truncated or unrecorded cache is rebuilt from the verified raw file
(with a warning), never used.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from blocs._errors import MalformedFileError
from blocs._meta import TableMeta, with_meta
from blocs.data._catalog import Dataset, get_dataset
from blocs.data._store import discard, home, locate, read_checked, write_checked

__all__ = ["load", "read_raw"]

# Bump when typing rules change, so every parquet cache is rebuilt.
_READER_VERSION = 1

_MEMO: dict[tuple[str, str], pd.DataFrame] = {}


def _read_r(path: Path, ds: Dataset) -> pd.DataFrame:
    import pyreadr

    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:
        # pyreadr cannot read list columns (ps_bib); rdata can.
        try:
            import rdata

            with warnings.catch_warnings():  # rdata warns before failing on non-R files
                warnings.simplefilter("ignore")
                converted = rdata.read_rda(str(path))
        except Exception:
            raise MalformedFileError(
                f"could not read R data file {str(path)!r} for dataset {ds.name!r}: {exc}. "
                "The file is truncated or not an R data file; fetch it again."
            ) from None
        obj = converted.get(ds.r_object or ds.name)
        if not isinstance(obj, pd.DataFrame):
            raise MalformedFileError(f"R file {str(path)!r} has no data frame {ds.r_object!r}") from None
        return obj
    if not result:
        raise MalformedFileError(f"R data file {str(path)!r} holds no data frame")
    key = ds.r_object if ds.r_object in result else next(iter(result))
    frame: pd.DataFrame = result[key]
    return frame


def _read_csv(path: Path, ds: Dataset) -> pd.DataFrame:
    try:
        if ds.format == "tab":  # tab-separated, read as published text (codes keep leading zeros)
            return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        return pd.read_csv(path, low_memory=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise MalformedFileError(
            f"could not parse CSV {str(path)!r} for dataset {ds.name!r}: {exc}; fetch it again"
        ) from None


#: SIPRI workbook sheet -> column of the long table blocs reads it into.
SIPRI_SHEETS: dict[str, str] = {
    "Constant (2022) US$": "milex_constant_usd",
    "Current US$": "milex_current_usd",
    "Share of GDP": "milex_share_gdp",
    "Per capita": "milex_per_capita_usd",
    "Share of Govt. spending": "milex_share_govt",
}
#: SIPRI's markers: "..." data unavailable, "xxx" country not independent (both missing).
SIPRI_MISSING = frozenset({"...", ". .", "xxx"})


def _read_xlsx(path: Path, ds: Dataset) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():  # openpyxl warns about workbooks without a default style
            warnings.simplefilter("ignore")
            if ds.layout == "sipri_wide":
                book = pd.read_excel(path, sheet_name=list(SIPRI_SHEETS), header=None)
                return _sipri_long(book, ds)
            return pd.read_excel(path, sheet_name=ds.sheet or 0)
    except ImportError:
        raise MalformedFileError(
            f"dataset {ds.name!r} is an Excel workbook and needs openpyxl; install it with `pip install openpyxl`"
        ) from None
    except (ValueError, KeyError, OSError) as exc:
        raise MalformedFileError(
            f"could not read Excel workbook {str(path)!r} for dataset {ds.name!r}: {exc}; fetch it again"
        ) from None


def _sipri_long(book: dict[str, pd.DataFrame], ds: Dataset) -> pd.DataFrame:
    """SIPRI's country x year sheets -> one row per (country, year), one column per sheet."""
    frames = []
    for sheet, column in SIPRI_SHEETS.items():
        raw = book[sheet]
        header_rows = np.flatnonzero(raw.iloc[:, 0].astype(str).str.strip() == "Country")
        if header_rows.size != 1:
            raise MalformedFileError(f"{ds.name}: sheet {sheet!r} has no single 'Country' header row")
        h = int(header_rows[0])
        year_cols = [j for j, v in enumerate(raw.iloc[h]) if isinstance(v, (int, np.integer)) and 1900 < int(v) < 2100]
        body = raw.iloc[h + 1 :]
        body = body[body.iloc[:, 0].notna()]
        cells = body.iloc[:, year_cols]
        body, cells = body[cells.notna().any(axis=1)], cells[cells.notna().any(axis=1)]  # region headings are empty
        text = cells.map(lambda v: isinstance(v, str))
        odd = {str(v) for v in cells.to_numpy()[text.to_numpy()]} - SIPRI_MISSING
        if odd:
            raise MalformedFileError(f"{ds.name}: sheet {sheet!r} holds unknown markers {sorted(odd)[:5]}")
        values = cells.where(~text).astype(float).to_numpy()
        names = body.iloc[:, 0].astype(str).str.strip().to_numpy()
        years = np.array([int(str(raw.iat[h, j])) for j in year_cols])
        frames.append(
            pd.DataFrame(
                {
                    "country": np.repeat(names, years.size),
                    "year": np.tile(years, names.size),
                    column: values.reshape(-1),
                }
            ).set_index(["country", "year"])
        )
    out = pd.concat(frames, axis=1, join="outer").reset_index()
    return out.sort_values(["country", "year"], kind="stable").reset_index(drop=True)


def _typed(df: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    if ds.missing_codes:
        codes = list(ds.missing_codes)
        for col in df.columns:
            if df[col].dtype.kind in "if":
                df[col] = df[col].where(~df[col].isin(codes))
    for col in ds.integers:
        if col not in df.columns:
            raise MalformedFileError(
                f"dataset {ds.name!r} lacks the column {col!r} the catalog declares; the file is not the pinned version"
            )
        s = pd.to_numeric(df[col], errors="coerce")
        df[col] = s.astype("int64") if not s.isna().any() else s.astype("Int64")
    for col in ds.dates:
        df[col] = pd.to_datetime(df[col])
    for col in df.columns:
        if df[col].dtype == np.int32:
            df[col] = df[col].astype("int64")
    return df


def read_raw(path: str | os.PathLike[str], dataset: str | Dataset) -> pd.DataFrame:
    """Read and type one original file as the catalog entry ``dataset`` describes.

    Parameters
    ----------
    path : str or PathLike
        The file (R ``.rda``/``.RData``, CSV or Excel ``.xlsx``).
    dataset : str or Dataset
        The catalog entry whose format and typing rules apply.

    Returns
    -------
    DataFrame
        The typed table (no caching, no checksum check: :func:`load` does both).

    Raises
    ------
    MalformedFileError
        If the file cannot be parsed or lacks a declared column.
    """
    ds = dataset if isinstance(dataset, Dataset) else get_dataset(dataset)
    p = Path(path)
    readers = {"rda": _read_r, "xlsx": _read_xlsx}
    raw = readers.get(ds.format, _read_csv)(p, ds)
    return _typed(raw, ds)


def _parquet_path(ds: Dataset) -> Path:
    return home() / "tables" / f"{ds.name}-{ds.sha256[:16]}-r{_READER_VERSION}.parquet"


def _drop_stale_tables(ds: Dataset, *, keep: Path) -> None:
    """Remove parquet caches of ``ds`` built from another file version or reader version."""
    pattern = re.compile(rf"{re.escape(ds.name)}-[0-9a-f]{{16}}-r\d+\.parquet")
    for old in keep.parent.glob(f"{ds.name}-*.parquet"):
        if old != keep and pattern.fullmatch(old.name):
            discard(old)


def load(name: str, *, mirror: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load dataset ``name`` as a typed pandas table that lists it as its source.

    The raw file is located (cache, mirror, or download) and verified by checksum; what
    was read is cached as Parquet keyed by that checksum.

    Parameters
    ----------
    name : str
        Catalog name of the dataset (``blocs data list`` shows them all).
    mirror : str or PathLike, optional
        Local mirror folder; default ``$BLOCS_MIRROR``, else the cache or the network.

    Returns
    -------
    DataFrame
        The file's columns, typed as the catalog declares (integer codes as integers,
        dates as ``datetime64``, declared missing codes as missing); its metadata lists the
        dataset and version as its source.

    Examples
    --------
    >>> nmc = load("cow_nmc")
    >>> int(nmc.loc[(nmc.ccode == 2) & (nmc.year == 1950), "milper"].iloc[0])
    1460
    """
    ds = get_dataset(name)
    raw_path = locate(name, mirror=mirror)
    memo_key = (name, ds.sha256)
    if memo_key not in _MEMO:
        cache = _parquet_path(ds)
        df: pd.DataFrame | None = None
        data, status = read_checked(cache)
        if data is not None:
            try:
                df = pd.read_parquet(io.BytesIO(data))
            except Exception:
                status = "unreadable"
        if df is None and status != "missing":
            # never use a cache that is not exactly what was written: rebuild it from the raw file
            # (one without a recorded checksum, from an older blocs, is rebuilt without a fuss)
            if status != "no checksum recorded":
                warnings.warn(
                    f"parquet cache {str(cache)!r} of dataset {name!r} does not match the checksum recorded when it "
                    f"was written ({status}); rebuilding it from the verified file",
                    stacklevel=2,
                )
            discard(cache)
        if df is None:
            df = read_raw(raw_path, ds)
            built = df
            try:
                write_checked(cache, lambda tmp: built.to_parquet(tmp, index=False))
                _drop_stale_tables(ds, keep=cache)
            except (OSError, ValueError) as exc:  # the cache is an optimisation only
                warnings.warn(f"could not write parquet cache {cache}: {exc}", stacklevel=2)
        df.attrs.clear()
        _MEMO[memo_key] = df
    out = _MEMO[memo_key].copy()
    return with_meta(out, TableMeta(unit="other", sources=(ds.source,)))
