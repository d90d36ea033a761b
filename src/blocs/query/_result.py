"""The shape every query result shares: typed fields, sources, a table and a JSON-able dict."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from blocs._meta import Source, TableMeta, meta_of, with_meta

__all__ = ["QueryResult", "records", "sources_dict"]


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``table`` as JSON-able dicts: missing values become ``None``, numpy scalars Python ones."""
    if table.empty:
        return []
    plain = table.copy()
    plain.attrs.clear()
    out: list[dict[str, Any]] = json.loads(plain.to_json(orient="records", date_format="iso", default_handler=str))
    return out


def jsonable(value: Any) -> Any:
    """A value made JSON-able (numpy scalars, NaN -> None, tuples -> lists, frames -> records)."""
    if isinstance(value, QueryResult):
        return value.to_dict()
    if isinstance(value, pd.DataFrame):
        return records(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, Source):
        return {"name": value.name, "version": value.version}
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if value is pd.NA or value is None:
        return None
    if isinstance(value, (str, int, bool)):
        return value
    return str(value)


def sources_dict(sources: Iterable[Source]) -> list[dict[str, str]]:
    """``[{"name": ..., "version": ...}, ...]`` for a result's sources."""
    return [{"name": s.name, "version": s.version} for s in sources]


@dataclass(frozen=True)
class QueryResult:
    """Base of the typed results of :mod:`blocs.query`.

    Every result carries ``sources`` (the datasets and versions behind its numbers) and renders
    to a pandas table (:meth:`to_frame`, with the sources in its metadata) and to a JSON-able
    dict (:meth:`to_dict`, what the web app returns).
    """

    def _frame(self) -> pd.DataFrame:
        raise NotImplementedError

    @property
    def result_sources(self) -> tuple[Source, ...]:
        """The datasets (name, version) behind the result."""
        return tuple(getattr(self, "sources", ()))

    def to_frame(self) -> pd.DataFrame:
        """The result's main table, carrying its sources (``blocs.meta_of(table).sources``)."""
        table = self._frame()
        meta = meta_of(table)
        srcs = tuple(sorted(set(meta.sources) | set(self.result_sources)))
        return with_meta(table, TableMeta(unit=meta.unit, system=meta.system, directed=meta.directed, sources=srcs))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: every field, tables as lists of records, sources as name/version."""
        out: dict[str, Any] = {"kind": type(self).__name__}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = sources_dict(value) if name == "sources" else jsonable(value)
        return out
