"""Sections of a case report: what a section builder receives and returns.

A builder is a function ``build(ctx) -> SectionResult``.  It reads data through blocs,
registers every number with ``ctx.numbers`` and every figure with :meth:`Context.figure`,
and writes paragraphs that interpolate the returned HTML.  When a library function it
needs is not part of this blocs installation, :func:`require` raises :class:`Unavailable`
and the report shows a "not yet available" box naming what is missing instead of a value.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from blocs._meta import Source
from blocs.report._numbers import NumberBook, sources_of

__all__ = [
    "Context",
    "Figure",
    "SectionResult",
    "SectionSpec",
    "Table",
    "Unavailable",
    "require",
]


class Unavailable(Exception):
    """A section (or part of one) needs a blocs function this installation lacks."""

    def __init__(self, needs: str):
        super().__init__(needs)
        self.needs = needs


def require(module: str, name: str, *, needs: str) -> Any:
    """Return ``module.name`` or raise :class:`Unavailable` saying what is missing.

    Only a missing module or attribute counts as unavailable; errors raised while
    importing an existing module propagate.
    """
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise Unavailable(f"{module}.{name} — {needs}") from None
        raise
    try:
        return getattr(mod, name)
    except AttributeError:
        raise Unavailable(f"{module}.{name} — {needs}") from None


@dataclass(frozen=True)
class Figure:
    """A saved figure: file path relative to the report folder, caption and provenance."""

    path: str
    caption: str
    alt: str
    sources: tuple[Source, ...]
    method: str


@dataclass(frozen=True)
class Table:
    """A small HTML table: caption, header and rows of already formatted cells."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Markup | str, ...], ...]


@dataclass
class SectionResult:
    """What one section shows."""

    id: str
    title: str
    paragraphs: list[Markup] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[Markup] = field(default_factory=list)
    bibtex: str = ""

    @property
    def status(self) -> Literal["complete", "partial", "unavailable"]:
        if not self.missing:
            return "complete"
        if self.paragraphs or self.figures or self.tables:
            return "partial"
        return "unavailable"


@dataclass
class Context:
    """Shared state while a report builds: output folder, numbers, figures, cached tables."""

    out: Path
    numbers: NumberBook = field(default_factory=NumberBook)
    cache: dict[str, Any] = field(default_factory=dict)
    figure_format: Literal["png", "svg"] = "png"
    figures: list[Figure] = field(default_factory=list)
    on_step: Callable[[str], None] | None = None
    events: Any = None  # a blocs.query.EventSource when the report is built with event files

    def step(self, message: str) -> None:
        """Say what a section is doing now (a long step: a model fit, a year-by-year measure)."""
        if self.on_step is not None:
            self.on_step(message)

    def figure(self, fig: Any, name: str, *, caption: str, alt: str, sources: Any, method: str) -> Figure:
        """Save a matplotlib figure under ``figures/`` and record its provenance."""
        import matplotlib.pyplot as plt

        rel = f"figures/{name}.{self.figure_format}"
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(fig)
        record = Figure(rel, caption, alt, sources_of(sources), method)
        self.figures.append(record)
        return record

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """Compute a shared table once per report build."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


@dataclass(frozen=True)
class SectionSpec:
    """A registered section: stable id, heading and builder.

    ``requires`` names a :class:`Context` input the section is about (``"events"``): without
    it the section is left out of the report (not shown as missing: it answers a question
    only the given files can).
    """

    id: str
    title: str
    build: Callable[[Context], SectionResult]
    requires: str = ""
