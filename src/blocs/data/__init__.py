"""Data layer: the dataset catalog, verified fetching, typed readers and citations."""

from blocs.data._catalog import Dataset, catalog, get_dataset
from blocs.data._cite import bibliography, cite, cites
from blocs.data._readers import load, read_raw
from blocs.data._store import fetch_one, home, locate, mirror_dir

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
