"""Argument checks declared once: constraint objects, one decorator, one message template.

Every public parameter's constraint is *data*: an :class:`Interval`, :class:`Options` (often
built from the library's ``Literal`` types), :class:`Years` checked against a dataset's
catalog coverage, a :class:`StateToken` resolved by the one resolver, an :class:`OutputPath`
checked before any work.  :func:`validate_params` checks a function's arguments against such
declarations (scikit-learn's ``validate_params`` is the model) and every failure reads the
same way::

    The 'year' parameter of strategic_triangle must be a year within cw_system v2016 coverage
    (1816–2016); got 9999 instead. Choose years in that range.

that is: the parameter, what is allowed, the bad value, and the fix.  Non-finite numbers
(NaN, inf) are refused wherever a number is expected, and every number constraint has an
upper bound, so an absurd value (1e308) fails here instead of overflowing downstream.

The older helpers :func:`parse_years`, :func:`check_years`, :func:`check_choice` and
:func:`check_random_state` are kept (other modules import them) and use the same template.
"""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import math
import numbers
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from blocs._lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
else:  # numpy is imported when a seed or array is checked, not to validate a year or a name
    np = LazyModule("numpy")

from blocs._errors import BlocsError, CoverageError, DataNotFoundError, InvalidParameterError

__all__ = [
    "YearsLike",
    "Constraint",
    "Interval",
    "Options",
    "Years",
    "StateToken",
    "OutputPath",
    "EventFiles",
    "InstanceOf",
    "validate_params",
    "check_param",
    "message",
    "parse_years",
    "check_years",
    "check_choice",
    "check_random_state",
    "current_year",
    "dataset_coverage",
    "OUTPUT_SUFFIXES",
    "ABSURD",
    "RANDOM_STATE",
    "RandomState",
]

YearsLike = int | str | range | Sequence[int] | tuple[int, int] | None

#: Table formats blocs writes, chosen by the file's extension.
OUTPUT_SUFFIXES: tuple[str, ...] = (".parquet", ".csv", ".dta", ".json")

#: Magnitude above which a number is refused as absurd (products of two such numbers and a
#: third stay far from float overflow, 1.8e308).
ABSURD = 1e12

_RANGE = re.compile(r"^\s*(-?\d{1,6})\s*(?:[-:–]|\.\.)\s*(-?\d{1,6})\s*$")

F = TypeVar("F", bound=Callable[..., Any])


def current_year() -> int:
    """This calendar year: the latest year to which a state list may be carried forward."""
    return _dt.date.today().year


def message(param: str, allowed: str, value: Any, fix: str = "", *, where: str = "") -> str:
    """The one message template: parameter, what is allowed, the bad value, the fix."""
    of = f" of {where}" if where else ""
    shown = _show(value)
    text = f"The {param!r} parameter{of} must be {allowed}; got {shown} instead"
    return text + (f". {fix[0].upper()}{fix[1:]}" if fix else "")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, Path) else repr(str(value))
    # keep both ends of a long value: a path's file name, a list's last item, are often the bad part
    return text if len(text) <= 80 else text[:38] + "…" + text[-38:]


# ----------------------------------------------------------------------------- constraints


class Constraint:
    """A declared constraint: ``check`` returns the (normalised) value or raises."""

    #: Error class raised when the value is not allowed.
    error: type[BlocsError] = InvalidParameterError

    def describe(self) -> str:
        """What is allowed, as words ("an integer in [2, 60]")."""
        raise NotImplementedError

    def fix(self) -> str:
        """What the user should do."""
        return ""

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        """Return ``value`` (possibly normalised) or raise :attr:`error` with the template."""
        raise NotImplementedError

    def fail(
        self, value: Any, *, param: str, where: str = "", allowed: str | None = None, fix: str | None = None
    ) -> None:
        raise self.error(
            message(param, allowed or self.describe(), value, self.fix() if fix is None else fix, where=where)
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True)
class Interval(Constraint):
    """A number of ``type`` (``int`` or ``float``) in ``[low, high]`` (ends per ``closed``).

    ``None`` ends are replaced by ``±ABSURD``: no constraint accepts NaN, infinities or
    absurd magnitudes.  Integral floats (``3.0``) pass an ``int`` interval as ``3``.
    """

    type: type = float
    low: float | None = None
    high: float | None = None
    closed: Literal["both", "left", "right", "neither"] = "both"
    hint: str = ""

    def describe(self) -> str:
        kind = "an integer" if self.type is int else "a finite number"
        left_closed = self.closed in ("both", "left")
        right_closed = self.closed in ("both", "right")
        if self.low is None and self.high is None:
            return kind
        if self.high is None:
            if self.type is not int and self.low == 0:
                return f"a {'non-negative' if left_closed else 'positive'} number (at most {_num(ABSURD)})"
            return f"{kind} {'>=' if left_closed else '>'} {_num(self.low)}"  # type: ignore[arg-type]
        if self.low is None:
            return f"{kind} {'<=' if right_closed else '<'} {_num(self.high)}"
        left = "[" if left_closed else "("
        right = "]" if right_closed else ")"
        return f"{kind} in {left}{_num(self.low)}, {_num(self.high)}{right}"

    def fix(self) -> str:
        return self.hint

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        if not _is_number(value):
            self.fail(value, param=param, where=where)
        v = float(value)
        if not math.isfinite(v):
            self.fail(value, param=param, where=where)
        if self.type is int:
            if v != int(v):
                self.fail(value, param=param, where=where)
            value = int(v)
        lo = self.low if self.low is not None else -ABSURD
        hi = self.high if self.high is not None else ABSURD
        left_ok = v >= lo if self.closed in ("both", "left") else v > lo
        right_ok = v <= hi if self.closed in ("both", "right") else v < hi
        if not (left_ok and right_ok):
            self.fail(value, param=param, where=where)
        return value if self.type is int else float(v)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e7 else f"{x:g}"


@dataclass(frozen=True)
class Options(Constraint):
    """One of a fixed set of values (e.g. the members of a ``Literal``)."""

    values: tuple[Any, ...]
    case_insensitive: bool = False

    @classmethod
    def from_literal(cls, literal: Any, **kw: Any) -> Options:
        """The options of a ``Literal[...]`` type."""
        return cls(tuple(get_args(literal)), **kw)

    def describe(self) -> str:
        return "one of " + ", ".join(map(repr, self.values))

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        if self.case_insensitive and isinstance(value, str):
            low = {str(v).lower(): v for v in self.values}
            if value.lower() in low:
                return low[value.lower()]
        try:
            if value in self.values:
                return value
        except TypeError:  # unhashable/incomparable values are simply not options
            pass
        self.fail(value, param=param, where=where)
        return value


@dataclass(frozen=True)
class InstanceOf(Constraint):
    """An instance of one of ``types`` (``None`` allowed when listed as ``type(None)``)."""

    types: tuple[type, ...]
    label: str = ""

    def describe(self) -> str:
        return self.label or " or ".join(t.__name__ for t in self.types)

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        if isinstance(value, bool) and bool not in self.types:
            self.fail(value, param=param, where=where)
        if not isinstance(value, self.types):
            self.fail(value, param=param, where=where)
        return value


@dataclass(frozen=True)
class RandomState(Constraint):
    """A seed: None, a non-negative int or a :class:`numpy.random.Generator`."""

    def describe(self) -> str:
        return "None, a non-negative int or a numpy Generator"

    def fix(self) -> str:
        return "pass e.g. seed=0"

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        if value is None or isinstance(value, np.random.Generator):
            return value
        if isinstance(value, int | numbers.Integral) and not isinstance(value, bool) and 0 <= int(value) < 2**63:
            return int(value)
        self.fail(value, param=param, where=where)
        return value


def dataset_coverage(dataset: str) -> tuple[int, int]:
    from blocs.data import get_dataset  # the catalog: the only place coverage years live

    ds = get_dataset(dataset)
    if ds.coverage is None:
        raise InvalidParameterError(f"dataset {dataset!r} has no year coverage in the catalog")
    return ds.coverage


@dataclass(frozen=True)
class Years(Constraint):
    """Years (an int, ``"1946-2014"``, ``(first, last)``, a list) within a dataset's coverage.

    ``dataset`` names a catalog entry whose ``coverage`` bounds the years; ``extend=True`` lets
    the upper bound run to the current calendar year (state lists carried forward).  Without a
    dataset the years must lie in [1, current year].  ``check`` returns a sorted list of ints;
    ``single=True`` requires (and returns) one year.  Fractional years (1990.5) are refused.
    """

    dataset: str | None = None
    extend: bool = False
    single: bool = False
    max_years: int = 1000
    span: tuple[int, int] | None = None
    label: str = ""

    error = CoverageError

    def coverage(self) -> tuple[int, int]:
        """First and last allowed years (from the catalog, or ``span`` computed from it)."""
        if self.span is not None:
            return self.span
        if self.dataset is None:
            return 1, current_year()
        first, last = dataset_coverage(self.dataset)
        return first, max(last, current_year()) if self.extend else last

    def describe(self) -> str:
        first, last = self.coverage()
        what = "a year" if self.single else "years"
        if self.label:
            return f"{what} within {self.label} ({first}–{last})"
        if self.dataset is None:
            return f"{what} in {first}–{last}"
        from blocs.data import get_dataset

        ds = get_dataset(self.dataset)
        tail = " (carried forward to this year)" if self.extend else ""
        return f"{what} within {ds.name} {ds.version} coverage ({first}–{last}){tail}"

    def fix(self) -> str:
        return "choose years in that range"

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        first, last = self.coverage()
        if self.single:
            if not _is_number(value) or not math.isfinite(float(value)) or float(value) != int(float(value)):
                raise InvalidParameterError(
                    message(param, "a year (an integer such as 1960)", value, "give a whole year", where=where)
                )
            ys = [int(value)]
        else:
            # the default is the data's own coverage; extend=True only lets explicit years run later
            own = self.dataset is not None and self.span is None
            default = dataset_coverage(self.dataset) if own else (first, last)  # type: ignore[arg-type]
            ys = parse_years(value, default=default, param=param)
        bad = [y for y in ys if y < first or y > last]
        if bad:
            shown: Any = bad[0] if len(bad) == 1 else f"{bad[0]}…{bad[-1]} ({len(bad)} years)"
            raise CoverageError(message(param, self.describe(), shown, self.fix(), where=where))
        if len(ys) > self.max_years:
            raise InvalidParameterError(
                message(param, f"at most {self.max_years} years", f"{len(ys)} years", "ask for fewer", where=where)
            )
        return ys[0] if self.single else ys


@dataclass(frozen=True)
class StateToken(Constraint):
    """A state name, abbreviation or code, resolved by :func:`blocs.system.resolve` (the one resolver).

    ``check`` returns the state's code; the resolver's own errors (unknown, ambiguous, not in
    the system in that year) pass through, and they already name the value and the fix.
    """

    system: str = "cow"
    year: int | None = None

    def describe(self) -> str:
        return f"a state name, abbreviation or {self.system.upper()} code"

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        from blocs.system import resolve

        if isinstance(value, bool) or not isinstance(value, str | int | numbers.Integral):
            self.fail(value, param=param, where=where, fix="e.g. 'China', 'CHN' or 710")
        token: str | int = value.strip() if isinstance(value, str) else int(value)
        if isinstance(token, str) and token.lstrip("-").isdigit():
            token = int(token)
        return resolve(token, year=self.year, system=self.system).code  # type: ignore[arg-type]


@dataclass(frozen=True)
class OutputPath(Constraint):
    """A file path blocs can write: a known extension, not a directory, in a writable directory.

    Checked before any work: the deepest existing ancestor must be a directory in which a
    file can be created (probed with a temporary file, removed at once); missing directories
    below it are created when the table is written.
    """

    suffixes: tuple[str, ...] = OUTPUT_SUFFIXES
    directory: bool = False

    def describe(self) -> str:
        if self.directory:
            return "a writable folder"
        return f"a writable file path ending in {', '.join(self.suffixes)}"

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
            self.fail(value, param=param, where=where)
        path = Path(value).expanduser()
        if not self.directory:
            if path.is_dir():
                self.fail(value, param=param, where=where, fix="it is an existing folder; give a file name inside it")
            if path.suffix.lower() not in self.suffixes:
                self.fail(value, param=param, where=where, fix=f"end the name with one of {', '.join(self.suffixes)}")
        elif path.exists() and not path.is_dir():
            self.fail(value, param=param, where=where, fix="it is an existing file; give a folder")
        probe = path if self.directory and path.is_dir() else path.parent
        while not probe.exists():
            if probe.parent == probe:
                break
            probe = probe.parent
        if not probe.is_dir():
            self.fail(
                value, param=param, where=where, fix=f"{str(probe)!r} is a file, not a folder; choose another path"
            )
        try:
            fd, tmp = tempfile.mkstemp(dir=probe, prefix=".blocs-probe-")
        except OSError as exc:
            self.fail(
                value, param=param, where=where, fix=f"folder {str(probe)!r} is not writable ({exc.strerror}); "
                "choose another path"
            )
        else:
            os.close(fd)
            os.unlink(tmp)
        return path


@dataclass(frozen=True)
class EventFiles(Constraint):
    """Event files: a path, a folder or a glob (or a list of them), each naming something that exists.

    ``check`` returns the items as a list of strings; what the files hold (their layout) is
    checked by :func:`blocs.events.check_events`, which knows the formats.
    """

    error = DataNotFoundError

    def describe(self) -> str:
        return "an event file, a folder of event files or a glob matching some (or a list of them)"

    def check(self, value: Any, *, param: str, where: str = "") -> Any:
        import glob

        items = [value] if isinstance(value, (str, os.PathLike)) else value
        if not isinstance(items, (list, tuple)) or not items:
            raise InvalidParameterError(message(param, self.describe(), value, "name at least one file", where=where))
        out: list[str] = []
        for item in items:
            if not isinstance(item, (str, os.PathLike)) or not str(item).strip():
                raise InvalidParameterError(message(param, self.describe(), item, where=where))
            text = os.fspath(Path(item).expanduser())
            if any(ch in text for ch in "*?["):
                if not any(Path(p).is_file() for p in glob.glob(text, recursive=True)):
                    self.fail(item, param=param, where=where, fix="the glob matches no file; check the pattern")
            elif not Path(text).exists():
                self.fail(item, param=param, where=where, fix="no such file or folder; check the path")
            out.append(text)
        return out


def check_param(
    value: Any, constraints: Constraint | Sequence[Constraint | None], *, param: str, where: str = ""
) -> Any:
    """Check ``value`` against one constraint or a list (any may match; ``None`` allows None).

    Returns the value as the first matching constraint normalises it.
    """
    options = [constraints] if isinstance(constraints, Constraint) else list(constraints)
    if value is None and any(c is None for c in options):
        return None
    real = [c for c in options if c is not None]
    if len(real) == 1:
        return real[0].check(value, param=param, where=where)
    # a value of the kind one constraint is about gets that constraint's (specific) message
    kinds = [c for c in real if _same_kind(c, value)]
    if len(kinds) == 1:
        return kinds[0].check(value, param=param, where=where)
    errors: list[BlocsError] = []
    for c in real:
        try:
            return c.check(value, param=param, where=where)
        except BlocsError as exc:
            errors.append(exc)
    allowed = " or ".join(c.describe() for c in real) + (" or None" if len(real) < len(options) else "")
    raise InvalidParameterError(message(param, allowed, value, where=where))


def _same_kind(c: Constraint, value: Any) -> bool:
    if isinstance(c, Interval):
        return _is_number(value)
    if isinstance(c, Options):
        return any(type(v) is type(value) for v in c.values)
    if isinstance(c, InstanceOf):
        return isinstance(value, c.types)
    return False


def validate_params(constraints: Mapping[str, Constraint | Sequence[Constraint | None]]) -> Callable[[F], F]:
    """Decorate a function so its arguments are checked against ``constraints`` on each call.

    Parameters
    ----------
    constraints : mapping {parameter name: constraint or list of constraints}
        A list means "any of these"; ``None`` in a list allows ``None``.  Parameters not
        named are not checked.  The function receives the values unchanged (normalised forms
        are for callers that use :func:`check_param` directly).

    Returns
    -------
    callable
        The decorator; the decorated function keeps its signature and docstring and has
        ``__blocs_constraints__`` (the declarations, for docs and interfaces).

    Examples
    --------
    >>> @validate_params({"k": Interval(int, 2, 10)})
    ... def f(*, k: int) -> int:
    ...     return k
    >>> f(k=11)
    Traceback (most recent call last):
    ...
    blocs._errors.InvalidParameterError: The 'k' parameter of f must be an integer in [2, 10]; got 11 instead
    """

    def decorate(func: F) -> F:
        sig = inspect.signature(func)
        unknown = [name for name in constraints if name not in sig.parameters]
        if unknown:
            raise TypeError(f"validate_params names parameters {unknown} that {func.__name__} does not have")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = sig.bind(*args, **kwargs)
            for name, cons in constraints.items():
                if name in bound.arguments:
                    check_param(bound.arguments[name], cons, param=name, where=func.__name__)
            return func(*args, **kwargs)

        wrapper.__blocs_constraints__ = dict(constraints)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


# ----------------------------------------------------------------------------- older helpers


def _year_int(y: Any, param: str) -> int:
    if isinstance(y, bool) or not _is_number(y):
        raise InvalidParameterError(message(param, "whole years (integers such as 1990)", y, "give whole years"))
    f = float(y)
    if not math.isfinite(f) or f != int(f):
        raise InvalidParameterError(message(param, "whole years (integers such as 1990)", y, "give whole years"))
    return int(f)


def parse_years(years: YearsLike, *, default: tuple[int, int], param: str = "years") -> list[int]:
    """Normalise a years argument to a sorted list of ints.

    Accepts an int, a ``"1946-2014"`` string, a ``(first, last)`` tuple (inclusive),
    a range, or any sequence of ints; ``None`` means ``default`` (inclusive).  Fractional
    years (``1990.5``), booleans and empty lists are refused.
    """
    if years is None:
        first, last = default
        return list(range(first, last + 1))
    if isinstance(years, bool):
        raise InvalidParameterError(message(param, "a year, a 'first-last' range or a list of years", years))
    if _is_number(years):
        return [_year_int(years, param)]
    if isinstance(years, str):
        m = _RANGE.match(years)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
        elif years.strip().lstrip("-").isdigit():
            a = b = int(years)
        else:
            parts = [p.strip() for p in years.split(",") if p.strip()]
            if parts and all(p.lstrip("-").isdigit() for p in parts):
                return sorted({int(p) for p in parts})
            raise InvalidParameterError(
                message(param, "a year range", years, "write e.g. '1946-2014', '1962' or '1950,1960'")
            )
        if a > b:
            raise InvalidParameterError(message(param, "a range whose first year comes first", years,
                                                "it runs backwards; write the first year first"))
        return list(range(a, b + 1))
    if isinstance(years, tuple) and len(years) == 2 and all(_is_number(y) for y in years):
        a, b = _year_int(years[0], param), _year_int(years[1], param)
        if a > b:
            raise InvalidParameterError(message(param, "a range whose first year comes first", years,
                                                "it runs backwards; write the first year first"))
        return list(range(a, b + 1))
    try:
        items = list(years)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidParameterError(
            message(param, "a year, a 'first-last' string, a (first, last) tuple or a list of years", years)
        ) from None
    out = sorted({_year_int(y, param) for y in items})
    if not out:
        raise InvalidParameterError(message(param, "at least one year", years, "give at least one year"))
    return out


def check_years(years: Iterable[int], *, coverage: tuple[int, int], dataset: str, param: str = "years") -> None:
    """Raise :class:`CoverageError` if any year lies outside ``coverage`` of ``dataset``."""
    ys = list(years)
    first, last = coverage
    bad = [y for y in ys if y < first or y > last]
    if bad:
        shown = f"{bad[0]}" if len(bad) == 1 else f"{bad[0]}…{bad[-1]} ({len(bad)} years)"
        raise CoverageError(f"{param} {shown} outside {dataset} coverage ({first}–{last}); choose years in that range")


def check_choice(value: Any, choices: Iterable[Any], *, param: str) -> None:
    """Raise :class:`InvalidParameterError` unless ``value`` is one of ``choices``."""
    Options(tuple(choices)).check(value, param=param)


def check_random_state(seed: int | np.random.Generator | None) -> np.random.Generator:
    """Turn ``seed`` (None, an int or a Generator) into a :class:`numpy.random.Generator`."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(RANDOM_STATE.check(seed, param="seed"))


#: The constraint of every ``seed`` parameter: None, a non-negative int or a Generator.
RANDOM_STATE = RandomState()
