"""Every number a report shows, with where it came from.

A section never writes a number into its text by hand: it registers the value with
:meth:`NumberBook.add`, naming the tables it was computed from (their metadata lists the
datasets and versions) and the blocs function or formula that produced it.  The book
returns the HTML that shows the number and later writes ``numbers.json``.  Values that
are missing or not finite are refused: a report shows a fact or says it has none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from blocs._errors import DataIntegrityError, InvalidParameterError
from blocs._meta import Source, meta_of

__all__ = ["Number", "NumberBook", "SectionNumbers", "sources_of"]

Value = int | float | str


@dataclass(frozen=True)
class Number:
    """One shown value and its provenance."""

    key: str
    label: str
    value: Value
    display: str
    section: str
    sources: tuple[Source, ...]
    method: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "section": self.section,
            "sources": [{"name": s.name, "version": s.version} for s in self.sources],
            "method": self.method,
        }


def sources_of(*items: Any) -> tuple[Source, ...]:
    """Union of the sources of tables (their metadata) and explicit :class:`Source` objects."""
    out: set[Source] = set()
    for item in items:
        if isinstance(item, Source):
            out.add(item)
        elif isinstance(item, (pd.DataFrame, pd.Series)):
            out.update(meta_of(item).sources)
        elif isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            out.update(sources_of(*item))
        else:
            raise InvalidParameterError(f"sources must be tables or blocs.Source objects; got {type(item).__name__}")
    return tuple(sorted(out))


def _plain(value: Any) -> Value:
    if isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"report numbers must be numbers or text, not booleans; got {value!r}")
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value)
    if isinstance(value, str):
        return value
    raise InvalidParameterError(f"report numbers must be int, float or str; got {type(value).__name__} {value!r}")


class NumberBook:
    """Registry of the numbers one report shows (keys unique across the report)."""

    def __init__(self) -> None:
        self._numbers: dict[str, Number] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._numbers.values())

    def __getitem__(self, key: str) -> Number:
        return self._numbers[key]

    def add(
        self,
        key: str,
        value: Any,
        *,
        label: str,
        section: str,
        sources: Iterable[Any] | Any,
        method: str,
        fmt: str = "{}",
    ) -> Markup:
        """Register ``value`` and return the HTML that shows it.

        ``fmt`` is a :meth:`str.format` pattern (``"{:.2f}"``, ``"{:.1%}"``).  Raises
        :class:`DataIntegrityError` for a missing or non-finite value or one without
        sources, and :class:`InvalidParameterError` for a key used twice.
        """
        if value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and not math.isfinite(value)):
            raise DataIntegrityError(
                f"report number {key!r} ({label}) is missing or not finite ({value!r}); "
                "a report must show a fact or say it has none"
            )
        plain = _plain(value)
        srcs = sources_of(sources) if not isinstance(sources, Source) else (sources,)
        if not srcs:
            raise DataIntegrityError(f"report number {key!r} ({label}) has no sources; pass the tables it came from")
        if key in self._numbers:
            raise InvalidParameterError(f"report number key {key!r} is used twice; keys must be unique")
        display = fmt.format(plain)
        self._numbers[key] = Number(key, label, plain, display, section, srcs, method)
        return Markup('<span class="num" data-key="{}" title="{}">{}</span>').format(key, label, display)

    def to_json(self) -> list[dict[str, Any]]:
        return [n.to_json() for n in self._numbers.values()]

    def section(self, section: str) -> SectionNumbers:
        """The one number-registration helper of ``section``: keys are prefixed ``section.``."""
        return SectionNumbers(self, section)


@dataclass(frozen=True)
class SectionNumbers:
    """Registers a section's numbers: one keyword-only call per number, same argument order everywhere.

    ``add(key=…, value=…, label=…, sources=…, method=…, fmt=…)`` stores the value under
    ``"<section>.<key>"`` in the report's :class:`NumberBook` and returns the HTML that
    shows it, for the section's prose template.
    """

    book: NumberBook
    name: str

    def add(self, *, key: str, value: Any, label: str, sources: Any, method: str, fmt: str = "{}") -> Markup:
        return self.book.add(
            f"{self.name}.{key}", value, label=label, section=self.name, sources=sources, method=method, fmt=fmt
        )


def text(value: str) -> Markup:
    """Escape plain text for a section paragraph."""
    return escape(value)
