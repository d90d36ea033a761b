"""Data layer: the dataset catalog, verified fetching, typed readers and citations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from blocs._lazy import lazy_exports

if TYPE_CHECKING:
    from blocs.data._catalog import Dataset, catalog, get_dataset
    from blocs.data._cite import bibliography, cite, cites
    from blocs.data._readers import load, read_raw
    from blocs.data._store import fetch_one, home, locate, mirror_dir

# Imported on first use, so that reading the catalog or a cached index needs no pandas.
_LAZY = {
    "Dataset": "_catalog",
    "catalog": "_catalog",
    "get_dataset": "_catalog",
    "bibliography": "_cite",
    "cite": "_cite",
    "cites": "_cite",
    "load": "_readers",
    "read_raw": "_readers",
    "fetch_one": "_store",
    "home": "_store",
    "locate": "_store",
    "mirror_dir": "_store",
}

__all__ = [
    "Dataset",
    "bibliography",
    "catalog",
    "cite",
    "cites",
    "fetch_one",
    "get_dataset",
    "home",
    "load",
    "locate",
    "mirror_dir",
    "read_raw",
]


__getattr__, __dir__ = lazy_exports("blocs.data", _LAZY, globals())
