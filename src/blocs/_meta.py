"""Typed metadata carried by every table blocs returns.

A table's metadata lives in ``DataFrame.attrs["blocs"]`` as a frozen :class:`TableMeta`:
its unit of analysis, whether dyads are directed, the state system of its codes, and the
datasets (name and version) it was built from.  Functions dispatch on this metadata,
never on guesses from column names; :func:`declare` tags a table from outside blocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd

from blocs._errors import InvalidParameterError

__all__ = ["Source", "TableMeta", "declare", "meta_of", "with_meta", "add_sources", "System", "Unit"]

System = Literal["cow", "gw"]
Unit = Literal[
    "state_year", "dyad_year", "state", "dyad", "event", "other", "state_day", "leader_year", "leader_dyad_year"
]
_UNITS = ("state_year", "dyad_year", "state", "dyad", "event", "other", "state_day", "leader_year", "leader_dyad_year")
_SYSTEMS = ("cow", "gw")


@dataclass(frozen=True, order=True)
class Source:
    """One dataset (catalog name and version) or one method a table depends on."""

    name: str
    version: str = ""

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()


@dataclass(frozen=True)
class TableMeta:
    """What a table is: unit, directedness, code system, and provenance."""

    unit: Unit = "other"
    system: System | None = None
    directed: bool | None = None
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def with_sources(self, *sources: Source) -> TableMeta:
        merged = tuple(sorted(set(self.sources) | set(sources)))
        return replace(self, sources=merged)


def meta_of(table: Any) -> TableMeta:
    """Return the :class:`TableMeta` of ``table`` (an empty one if it has none).

    Parameters
    ----------
    table : DataFrame or any object with ``attrs``
        A table built by blocs or tagged with :func:`declare`.

    Returns
    -------
    TableMeta
        Unit, system, directedness and sources.
    """
    attrs = getattr(table, "attrs", None)
    if isinstance(attrs, dict):
        meta = attrs.get("blocs")
        if isinstance(meta, TableMeta):
            return meta
    return TableMeta()


def with_meta(table: pd.DataFrame, meta: TableMeta) -> pd.DataFrame:
    """Attach ``meta`` to ``table`` in place and return it (for freshly built tables)."""
    table.attrs["blocs"] = meta
    return table


def add_sources(table: pd.DataFrame, sources: Iterable[Source]) -> pd.DataFrame:
    """Attach ``sources`` to the provenance of a freshly built ``table`` and return it."""
    return with_meta(table, meta_of(table).with_sources(*sources))


def declare(
    table: pd.DataFrame,
    *,
    unit: Unit,
    system: System | None = None,
    directed: bool | None = None,
    sources: Iterable[Source | str] = (),
) -> pd.DataFrame:
    """Tag a table that did not come from blocs so that blocs functions accept it.

    Parameters
    ----------
    table : DataFrame
        Any table.
    unit : {"state_year", "dyad_year", "state", "dyad", "event", "other", "state_day", "leader_year", ...}
        Unit of analysis ("leader_dyad_year" too).
    system : {"cow", "gw"}, optional
        Code system of the state codes.
    directed : bool, optional
        For dyadic tables, whether (a, b) and (b, a) are distinct rows.
    sources : iterable of Source or str
        Datasets (or references) the table came from.

    Returns
    -------
    DataFrame
        A shallow copy carrying the metadata; the input is unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> t = declare(pd.DataFrame({"ccode": [2], "year": [1950]}), unit="state_year", system="cow")
    >>> meta_of(t).unit
    'state_year'
    """
    if unit not in _UNITS:
        raise InvalidParameterError(f"unit must be one of {_UNITS}; got {unit!r}")
    if system is not None and system not in _SYSTEMS:
        raise InvalidParameterError(f"system must be 'cow' or 'gw'; got {system!r}")
    srcs = tuple(s if isinstance(s, Source) else Source(str(s)) for s in sources)
    out = table.copy(deep=False)
    return with_meta(out, TableMeta(unit=unit, system=system, directed=directed, sources=tuple(sorted(set(srcs)))))
