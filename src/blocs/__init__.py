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


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'blocs' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
