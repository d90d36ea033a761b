"""The join engine behind every ``add_*``: integer keys, positional gathers, one code path.

A state-year key is ``code * 10_000 + year``; a dyad-year key is
``(code1 * 1_000 + code2) * 10_000 + year`` (codes are < 1000 in both systems).  A
source is indexed once (a unique ``pandas.Index`` over its keys, cached per dataset);
a table's keys are looked up with ``Index.get_indexer`` and the source's columns are
gathered by position.  The row count cannot change, and duplicated source keys raise
:class:`DuplicateKeysError` naming them.

G–W tables are joined to COW-coded sources by translating their codes year by year
through isard's ``gw_cw_panel`` (and COW tables to G–W sources through
``cw_gw_panel``); codes without a counterpart get no match (missing values).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from blocs._errors import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError
from blocs._meta import Source, System, TableMeta, meta_of, with_meta
from blocs.data import get_dataset, load
from blocs.system._spells import code_column

__all__ = [
    "Keys",
    "attach",
    "dyad_keys",
    "gather",
    "keys_of",
    "lookup",
    "state_keys",
    "unique_index",
]

_NO_CODE = -1

Column = pd.api.extensions.ExtensionArray | np.ndarray


def state_keys(code: np.ndarray, year: np.ndarray) -> np.ndarray:
    """int64 keys of (code, year); negative codes (no match) give negative keys."""
    code = np.asarray(code, dtype=np.int64)
    return np.where(code < 0, -1, code * 10_000 + np.asarray(year, dtype=np.int64))


def dyad_keys(code1: np.ndarray, code2: np.ndarray, year: np.ndarray) -> np.ndarray:
    """int64 keys of (code1, code2, year); a negative code gives a negative key."""
    c1 = np.asarray(code1, dtype=np.int64)
    c2 = np.asarray(code2, dtype=np.int64)
    key = (c1 * 1_000 + c2) * 10_000 + np.asarray(year, dtype=np.int64)
    return np.where((c1 < 0) | (c2 < 0), -1, key)


def _describe_key(key: int) -> str:
    year = key % 10_000
    rest = key // 10_000
    if rest >= 1_000:
        return f"({rest // 1_000}, {rest % 1_000}, {year})"
    return f"({rest}, {year})"


def unique_index(keys: np.ndarray, *, source: str) -> pd.Index:
    """A hash index over ``keys``; raise DuplicateKeysError naming duplicated keys."""
    index = pd.Index(keys)
    if not index.is_unique:
        dup = np.unique(keys[index.duplicated()])
        shown = ", ".join(_describe_key(int(k)) for k in dup[:5])
        more = f" and {dup.size - 5} more" if dup.size > 5 else ""
        raise DuplicateKeysError(
            f"{source} has {dup.size} duplicated key(s) {shown}{more} (code(s), year); joining it would "
            f"duplicate rows. Reduce it to one row per key first."
        )
    return index  # type: ignore[no-any-return]


def lookup(index: pd.Index, keys: np.ndarray) -> np.ndarray:
    """Position of each key in ``index`` (-1 where absent)."""
    return np.asarray(index.get_indexer(keys), dtype=np.intp)  # type: ignore[arg-type]


def gather(values: np.ndarray | pd.api.extensions.ExtensionArray, pos: np.ndarray) -> Column:
    """``values`` at ``pos``; missing (NaN or <NA>) where ``pos`` is -1.

    Floats stay float64 with NaN; integers become nullable ``Int64``; others keep their
    pandas dtype (strings become ``string``).
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
        # A sentinel appended at the end: position -1 reads it, in one pass.
        if values.dtype.kind == "f":
            return np.take(np.append(values, np.nan), pos)
        taken = np.take(np.append(values.astype(np.int64, copy=False), 0), pos)
        return pd.arrays.IntegerArray(taken, pos < 0)
    return pd.array(values).take(pos, allow_fill=True)  # type: ignore[arg-type]


def fill_in_coverage(
    arr: Column, year: np.ndarray, coverage: tuple[int, int], known: np.ndarray, value: int = 0
) -> Column:
    """Set missing entries to ``value`` (absence of an event) where the year lies inside
    ``coverage`` and the row's codes exist in the source's system (``known``)."""
    inside = (year >= coverage[0]) & (year <= coverage[1]) & known
    if isinstance(arr, pd.arrays.IntegerArray):
        # arrays fresh from gather(): changed in place
        data = arr._data  # type: ignore[attr-defined]
        mask = arr._mask  # type: ignore[attr-defined]
        hit = mask & inside
        data[hit] = value
        mask[hit] = False
        return pd.arrays.IntegerArray(data, mask)
    out = np.array(arr, dtype=np.float64, copy=True)
    out[np.isnan(out) & inside] = value
    return out


@dataclass(frozen=True)
class Keys:
    """What a table is keyed by, taken from its metadata (never from guessed columns)."""

    meta: TableMeta
    system: System
    year: np.ndarray
    codes: tuple[np.ndarray, ...]  # (code,) for state-years, (code1, code2) for dyad-years

    @property
    def dyadic(self) -> bool:
        return len(self.codes) == 2

    def codes_in(self, system: System) -> tuple[np.ndarray, ...]:
        """The table's codes translated into ``system`` (-1 where there is no counterpart)."""
        if system == self.system:
            return self.codes
        return tuple(_translate(c, self.year, self.system, system) for c in self.codes)

    def sources_for(self, system: System) -> tuple[Source, ...]:
        """Provenance of a code translation into ``system`` (none when no translation)."""
        if system == self.system:
            return ()
        return (get_dataset(_PANEL[self.system]).source,)


_PANEL = {"gw": "gw_cw_panel", "cow": "cw_gw_panel"}


@cache
def _translation(from_system: System, to_system: System) -> tuple[pd.Index, np.ndarray]:
    panel = load(_PANEL[from_system])
    src, dst = code_column(from_system), code_column(to_system)
    ok = panel[src].notna() & panel[dst].notna()
    panel = panel[ok]
    keys = state_keys(panel[src].to_numpy(dtype=np.int64), panel["year"].to_numpy(dtype=np.int64))
    return unique_index(keys, source=_PANEL[from_system]), panel[dst].to_numpy(dtype=np.int64)


def _translate(code: np.ndarray, year: np.ndarray, from_system: System, to_system: System) -> np.ndarray:
    index, target = _translation(from_system, to_system)
    pos = lookup(index, state_keys(code, year))
    return np.where(pos < 0, _NO_CODE, target[np.where(pos < 0, 0, pos)])


def keys_of(table: pd.DataFrame, *, function: str, dyadic_only: bool = False) -> Keys:
    """Read a table's unit and system from its metadata and return its key arrays."""
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            f"{function}() needs a pandas DataFrame built by blocs (create_state_years/create_dyad_years) "
            f"or tagged with declare(); got {type(table).__name__}. Polars frames carry no metadata: "
            f"enrich in pandas, then convert with polars.from_pandas()."
        )
    meta = meta_of(table)
    if meta.unit not in ("state_year", "dyad_year") or meta.system is None:
        raise InvalidParameterError(
            f"{function}() needs a state-year or dyad-year table with a system; this table has "
            f"unit={meta.unit!r}, system={meta.system!r}. Build it with create_state_years()/create_dyad_years() "
            f"or tag it with declare(table, unit='dyad_year', system='cow')."
        )
    if dyadic_only and meta.unit != "dyad_year":
        raise InfeasibleOptionError(
            f"{function}() adds a dyadic variable and needs a dyad_year table; got a {meta.unit} table. "
            f"Build one with create_dyad_years()."
        )
    col = code_column(meta.system)
    names = [f"{col}1", f"{col}2"] if meta.unit == "dyad_year" else [col]
    missing = [c for c in [*names, "year"] if c not in table.columns]
    if missing:
        raise InvalidParameterError(
            f"{function}(): the {meta.system} {meta.unit} table lacks key column(s) {missing}; "
            f"expected {[*names, 'year']}"
        )
    year = table["year"].to_numpy(dtype=np.int64)
    codes = tuple(table[c].to_numpy(dtype=np.int64) for c in names)
    # add_* keep the row count and need one row per key: a duplicated key in the input is an error
    own = state_keys(codes[0], year) if len(codes) == 1 else dyad_keys(codes[0], codes[1], year)
    unique_index(own, source=f"the table given to {function}()")
    return Keys(meta=meta, system=meta.system, year=year, codes=codes)


def attach(
    table: pd.DataFrame,
    columns: Mapping[str, Column],
    sources: tuple[Source, ...],
    *,
    function: str,
) -> pd.DataFrame:
    """A new table: ``table`` plus ``columns``, its metadata extended by ``sources``."""
    if not table.columns.is_unique:
        raise InvalidParameterError(f"{function}(): the table has duplicated column names; rename them first")
    clash = [c for c in columns if c in table.columns]
    if clash:
        raise InvalidParameterError(
            f"{function}() would overwrite column(s) {clash} already in the table; drop them first"
        )
    n = len(table)
    for name, values in columns.items():
        if len(values) != n:  # the engine gathers by position, so this is a bug guard
            raise DuplicateKeysError(f"{function}(): column {name!r} has {len(values)} rows, table has {n}")
    # One frame from a dict of arrays with copy=False: pandas keeps every column as its
    # own array (no block consolidation), so neither old nor new columns are copied and
    # the input table is left untouched.
    data: dict[str, Column] = {name: _array_of(table[name]) for name in table.columns}
    data.update(columns)
    out = pd.DataFrame(data, index=table.index, copy=False)
    out.attrs.update({k: v for k, v in table.attrs.items() if k != "blocs"})
    return with_meta(out, meta_of(table).with_sources(*sources))


def _array_of(series: pd.Series) -> Column:
    return series.array if isinstance(series.dtype, pd.api.extensions.ExtensionDtype) else series.to_numpy()


@dataclass(frozen=True)
class Prepared:
    """A source ready to join: its unique key index and its value columns (source order)."""

    index: pd.Index
    columns: Mapping[str, np.ndarray | pd.api.extensions.ExtensionArray]
    sources: tuple[Source, ...]
    coverage: tuple[int, int]


def prepare_monadic(frame: pd.DataFrame, *, name: str, code: str, columns: list[str]) -> Prepared:
    """Index a state-year source on (code, year)."""
    keys = state_keys(frame[code].to_numpy(dtype=np.int64), frame["year"].to_numpy(dtype=np.int64))
    return _prepared(frame, keys, name=name, columns=columns)


def prepare_dyadic(frame: pd.DataFrame, *, name: str, code1: str, code2: str, columns: list[str]) -> Prepared:
    """Index a dyad-year source on (code1, code2, year)."""
    keys = dyad_keys(
        frame[code1].to_numpy(dtype=np.int64),
        frame[code2].to_numpy(dtype=np.int64),
        frame["year"].to_numpy(dtype=np.int64),
    )
    return _prepared(frame, keys, name=name, columns=columns)


def _prepared(frame: pd.DataFrame, keys: np.ndarray, *, name: str, columns: list[str]) -> Prepared:
    ds = get_dataset(name) if name in _catalog_names() else None
    index = unique_index(keys, source=f"{name} {ds.version}" if ds else name)
    cols = {c: _plain(frame[c]) for c in columns}
    coverage = ds.coverage if ds and ds.coverage else (int(frame["year"].min()), int(frame["year"].max()))
    return Prepared(index=index, columns=cols, sources=(ds.source,) if ds else (), coverage=coverage)


@cache
def _catalog_names() -> frozenset[str]:
    from blocs.data import catalog

    return frozenset(catalog())


def _plain(series: pd.Series) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """numpy for float/int columns without missing values, the pandas array otherwise."""
    if series.dtype.kind in "fiub":
        return series.to_numpy()
    if isinstance(series.dtype, pd.Int64Dtype | pd.Int32Dtype) and not series.isna().any():
        return series.to_numpy(dtype=np.int64)
    if series.dtype == object:
        return series.astype("string").array
    return series.array  # type: ignore[no-any-return]


def join_monadic(keys: Keys, prep: Prepared, *, system: System, fill_zero: tuple[str, ...] = ()) -> dict[str, Column]:
    """Monadic columns for a state-year table, or with suffixes 1 and 2 for a dyad-year table."""
    out: dict[str, Column] = {}
    sides = keys.codes_in(system)
    for k, code in enumerate(sides, start=1):
        pos = lookup(prep.index, state_keys(code, keys.year))
        suffix = str(k) if keys.dyadic else ""
        for name, values in prep.columns.items():
            col = gather(values, pos)
            if name in fill_zero:
                col = fill_in_coverage(col, keys.year, prep.coverage, code >= 0)
            out[f"{name}{suffix}"] = col
    return out


def join_dyadic(
    keys: Keys,
    prep: Prepared,
    *,
    system: System,
    undirected_source: bool = False,
    paired: Mapping[str, str] | None = None,
    fill_zero: tuple[str, ...] = (),
    either_direction: bool = False,
) -> dict[str, Column]:
    """Dyadic columns for a dyad-year table.

    ``undirected_source``: the source holds each pair once with code1 < code2; rows of the
    table with code1 > code2 read the pair's row with the ``paired`` columns swapped
    (e.g. ``flow1``, imports of code1 from code2, becomes ``flow2``).
    ``either_direction``: the source is directed and may be asymmetric; on an undirected
    table each (integer flag) column is the maximum over both directions.
    """
    c1, c2 = keys.codes_in(system)
    flip = np.zeros(c1.size, dtype=bool)
    if undirected_source:
        flip = c1 > c2
        c1, c2 = np.where(flip, c2, c1), np.where(flip, c1, c2)
    pos = lookup(prep.index, dyad_keys(c1, c2, keys.year))
    out: dict[str, Column] = {}
    pairs = dict(paired or {})
    pos_back = lookup(prep.index, dyad_keys(c2, c1, keys.year)) if either_direction and not keys.meta.directed else None
    for name, values in prep.columns.items():
        col = gather(values, pos)
        if pos_back is not None:
            col = _max_na(col, gather(values, pos_back))
        partner = pairs.get(name)
        if partner is not None and flip.any():
            other = gather(prep.columns[partner], pos)
            col = _where(flip, other, col)
        if name in fill_zero:
            col = fill_in_coverage(col, keys.year, prep.coverage, (c1 >= 0) & (c2 >= 0))
        out[name] = col
    return out


def _max_na(a: Column, b: Column) -> Column:
    """Elementwise maximum of two Int64 arrays, ignoring a missing side."""
    if not (isinstance(a, pd.arrays.IntegerArray) and isinstance(b, pd.arrays.IntegerArray)):
        raise TypeError("either_direction joins need integer flag columns")
    ad, am = a._data, a._mask  # type: ignore[attr-defined]
    bd, bm = b._data, b._mask  # type: ignore[attr-defined]
    data = np.where(am, bd, np.where(bm, ad, np.maximum(ad, bd)))
    return pd.arrays.IntegerArray(data, am & bm)


def _where(cond: np.ndarray, a: Column, b: Column) -> Column:
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return np.where(cond, a, b)
    sa, sb = pd.Series(a), pd.Series(b)
    return sb.mask(cond, sa).array  # type: ignore[no-any-return]
