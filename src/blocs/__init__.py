"""blocs: the international system as data and models.

Layers, each importing only from those before it::

    data -> system -> measures -> networks / models -> cli, report
"""

from blocs._errors import (
    AmbiguousCountryError,
    BlocsError,
    CoverageError,
    DataIntegrityError,
    DataNotFoundError,
    DuplicateKeysError,
    InfeasibleOptionError,
    InvalidParameterError,
    MalformedFileError,
    NotFittedError,
    UnknownCountryError,
    UnknownDatasetError,
)
from blocs._meta import Source, TableMeta, declare, meta_of
from blocs.data import cite, load

__version__ = "0.1.0"

__all__ = [
    "AmbiguousCountryError",
    "BlocsError",
    "CoverageError",
    "DataIntegrityError",
    "DataNotFoundError",
    "DuplicateKeysError",
    "InfeasibleOptionError",
    "InvalidParameterError",
    "MalformedFileError",
    "NotFittedError",
    "Source",
    "TableMeta",
    "UnknownCountryError",
    "UnknownDatasetError",
    "cite",
    "declare",
    "load",
    "meta_of",
]
