"""blocs: the international system as data and models.

Layers, each importing only from those before it::

    data -> system -> measures -> networks / models -> cli, report
"""

from blocs._errors import (
    AmbiguousCountryError,
    BlocsError,
    BlocsWarning,
    CoverageError,
    DataIntegrityError,
    DataNotFoundError,
    DatedNameWarning,
    DuplicateKeysError,
    InfeasibleOptionError,
    InvalidParameterError,
    MalformedFileError,
    NotFittedError,
    UnknownCountryError,
    UnknownDatasetError,
)
from blocs._lazy import lazy_exports

__version__ = "0.1.0"

# Imported on first use (module-level __getattr__), so `import blocs` and `blocs --help` do not
# pay for pandas, numba or scipy until a table is touched.
_LAZY = {
    "Source": "blocs._meta",
    "TableMeta": "blocs._meta",
    "declare": "blocs._meta",
    "meta_of": "blocs._meta",
    "cite": "blocs.data",
    "load": "blocs.data",
    "create_dyad_years": "blocs.system",
    "create_state_years": "blocs.system",
}


__getattr__, __dir__ = lazy_exports("blocs", _LAZY, globals())


__all__ = [
    "AmbiguousCountryError",
    "BlocsError",
    "BlocsWarning",
    "CoverageError",
    "DataIntegrityError",
    "DataNotFoundError",
    "DatedNameWarning",
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
    "create_dyad_years",
    "create_state_years",
    "declare",
    "load",
    "meta_of",
]
