"""The dataset catalog: every public file blocs reads, pinned by address and checksum.

Entries live in ``catalog.toml`` beside this module.  Keys of an entry:

``title``, ``version``, ``producer``, ``licence``
    What the data are, which release, who made it, and the terms of use.
``path``
    Path below the mirror root; the canonical address is
    ``https://raw.githubusercontent.com/`` + ``path`` without its leading ``github/``.
``sha256``
    Checksum of the exact bytes; every read verifies it.
``format``, ``r_object``, ``sheet``, ``layout``
    ``rda`` (an R data file, object ``r_object``), ``csv`` or ``xlsx`` (an Excel workbook:
    the sheet ``sheet`` as a table, or, with ``layout = "sipri_wide"``, SIPRI's country ×
    year sheets read into one row per country and year).
``unit``, ``years``, ``coverage``, ``rows``
    Unit of observation, coverage as published, first and last year as integers, row count.
``cite``
    BibTeX keys in ``references.bib``.
``integers``, ``dates``, ``missing_codes``
    Reader typing: columns that hold integer codes (R stores them as doubles), columns that
    are dates, and numeric codes that mean "missing" in this file (COW's ``-9``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import quote

from rapidfuzz import process

from blocs._errors import UnknownDatasetError
from blocs._meta import Source

__all__ = ["Dataset", "catalog", "get_dataset", "BASE_URL"]

BASE_URL = "https://raw.githubusercontent.com/"


@dataclass(frozen=True)
class Dataset:
    """One catalog entry (see the module docstring for the fields)."""

    name: str
    title: str
    version: str
    producer: str
    licence: str
    path: str
    sha256: str
    format: str
    unit: str
    years: str
    rows: int
    cite: tuple[str, ...]
    coverage: tuple[int, int] | None = None
    r_object: str | None = None
    integers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    missing_codes: tuple[float, ...] = ()
    notes: str = ""
    sheet: str | None = None
    layout: str | None = None

    @property
    def url(self) -> str:
        """Canonical public address of the file (a pinned commit of a public repository)."""
        rel = self.path.removeprefix("github/")
        return BASE_URL + quote(rel)

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def source(self) -> Source:
        return Source(self.name, self.version)


@cache
def catalog() -> dict[str, Dataset]:
    """Return every dataset blocs knows, keyed by name.

    Returns
    -------
    dict of str to Dataset
        One entry per file of ``catalog.toml`` (address, checksum, version, coverage, citation).
    """
    raw = tomllib.loads(resources.files("blocs.data").joinpath("catalog.toml").read_text("utf-8"))
    out: dict[str, Dataset] = {}
    for name, e in raw["datasets"].items():
        out[name] = Dataset(
            name=name,
            title=e["title"],
            version=e["version"],
            producer=e["producer"],
            licence=e["licence"],
            path=e["path"],
            sha256=e["sha256"],
            format=e["format"],
            unit=e["unit"],
            years=e["years"],
            rows=int(e["rows"]),
            cite=tuple(e["cite"]),
            coverage=(int(e["coverage"][0]), int(e["coverage"][1])) if "coverage" in e else None,
            r_object=e.get("r_object"),
            integers=tuple(e.get("integers", ())),
            dates=tuple(e.get("dates", ())),
            missing_codes=tuple(float(x) for x in e.get("missing_codes", ())),
            notes=e.get("notes", ""),
            sheet=e.get("sheet"),
            layout=e.get("layout"),
        )
    return out


def get_dataset(name: str) -> Dataset:
    """Return the catalog entry ``name``; an unknown name raises with close matches.

    Parameters
    ----------
    name : str
        Catalog name, e.g. ``"cow_nmc"``.

    Returns
    -------
    Dataset
        The entry.

    Raises
    ------
    UnknownDatasetError
        If no dataset has that name (the message suggests close names).
    """
    entries = catalog()
    if name in entries:
        return entries[name]
    close = [m[0] for m in process.extract(name, list(entries), limit=3, score_cutoff=60)]
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else "."
    raise UnknownDatasetError(f"unknown dataset {name!r}{hint} Run `blocs data list` to see every dataset name.")
