"""The blocs exception tree.

Every error blocs raises on purpose is a :class:`BlocsError`; each also subclasses the
built-in exception a caller would naturally catch (``ValueError``, ``LookupError``), so
code written without knowledge of blocs still behaves.  Messages name the bad value,
what is allowed, and what to do.
"""

from __future__ import annotations

__all__ = [
    "BlocsError",
    "BlocsWarning",
    "DatedNameWarning",
    "UnknownCountryError",
    "AmbiguousCountryError",
    "CoverageError",
    "DataIntegrityError",
    "DataNotFoundError",
    "DuplicateKeysError",
    "InfeasibleOptionError",
    "InvalidParameterError",
    "MalformedFileError",
    "NotFittedError",
    "UnknownDatasetError",
]


class BlocsError(Exception):
    """Base class of all errors raised by blocs.

    ``exit_code`` is the command line's exit status for the error: 2 for a usage error (a
    bad argument the user can fix by asking differently), 1 for a data or environment error.
    """

    exit_code: int = 1


class InvalidParameterError(BlocsError, ValueError):
    """A parameter has a value outside the allowed choices or range."""

    exit_code = 2


class InfeasibleOptionError(BlocsError, ValueError):
    """A combination of options that cannot be satisfied (e.g. k camps > actors)."""

    exit_code = 2


class UnknownCountryError(BlocsError, LookupError):
    """A country name or code that matches no state in the chosen system."""

    exit_code = 2


class AmbiguousCountryError(BlocsError, LookupError):
    """A country name that matches several states at the given date."""

    exit_code = 2

    def __init__(self, message: str, candidates: list[dict[str, object]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


class CoverageError(BlocsError, ValueError):
    """Years requested lie outside a dataset's coverage."""

    exit_code = 2


class DataNotFoundError(BlocsError, LookupError):
    """A dataset is neither in the cache nor in the mirror, or the name is unknown."""


class UnknownDatasetError(DataNotFoundError):
    """A dataset name that is not in the catalog: a usage error (the CLI exits 2), not a missing file."""

    exit_code = 2


class DataIntegrityError(BlocsError, ValueError):
    """A file's checksum does not match the catalog."""


class MalformedFileError(BlocsError, ValueError):
    """A file could not be parsed (truncated, wrong format, unexpected columns)."""


class DuplicateKeysError(BlocsError, ValueError):
    """A join would duplicate rows, or a table's keys are not unique."""


class NotFittedError(BlocsError, AttributeError):
    """A fitted attribute (ending in ``_``) or method was used before ``fit``."""


class BlocsWarning(UserWarning):
    """Base class of the warnings blocs gives: the result stands, but read the message."""


class DatedNameWarning(BlocsWarning):
    """A historical name was used after its state ended ("USSR" in 2000): the code resolves to
    the continuing state, and the message names the successor."""
