"""The blocs exception tree.

Every error blocs raises on purpose is a :class:`BlocsError`; each also subclasses the
built-in exception a caller would naturally catch (``ValueError``, ``LookupError``), so
code written without knowledge of blocs still behaves.  Messages name the bad value,
what is allowed, and what to do.
"""

from __future__ import annotations

__all__ = [
    "BlocsError",
    "UnknownCountryError",
    "AmbiguousCountryError",
    "CoverageError",
    "DataIntegrityError",
    "DataNotFoundError",
    "DuplicateKeysError",
    "InfeasibleOptionError",
    "InvalidParameterError",
    "MalformedFileError",
    "UnknownDatasetError",
]


class BlocsError(Exception):
    """Base class of all errors raised by blocs."""


class InvalidParameterError(BlocsError, ValueError):
    """A parameter has a value outside the allowed choices or range."""


class InfeasibleOptionError(BlocsError, ValueError):
    """A combination of options that cannot be satisfied (e.g. k camps > actors)."""


class UnknownCountryError(BlocsError, LookupError):
    """A country name or code that matches no state in the chosen system."""


class AmbiguousCountryError(BlocsError, LookupError):
    """A country name that matches several states at the given date."""

    def __init__(self, message: str, candidates: list[dict[str, object]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


class CoverageError(BlocsError, ValueError):
    """Years requested lie outside a dataset's coverage."""


class DataNotFoundError(BlocsError, LookupError):
    """A dataset is neither in the cache nor in the mirror, or the name is unknown."""


class UnknownDatasetError(DataNotFoundError):
    """A dataset name that is not in the catalog: a usage error (the CLI exits 2), not a missing file."""


class DataIntegrityError(BlocsError, ValueError):
    """A file's checksum does not match the catalog."""


class MalformedFileError(BlocsError, ValueError):
    """A file could not be parsed (truncated, wrong format, unexpected columns)."""


class DuplicateKeysError(BlocsError, ValueError):
    """A join would duplicate rows, or a table's keys are not unique."""
