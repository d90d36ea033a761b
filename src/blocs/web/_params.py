"""Turn URL parameters into library arguments; every failure becomes one :class:`ApiError` naming the parameter.

Nothing here knows a domain rule: years are parsed by :func:`blocs._validation.parse_years`,
states by the resolver, and the bounds come from :data:`blocs.web._backend.LIMITS`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from blocs._errors import (
    AmbiguousCountryError,
    BlocsError,
    CoverageError,
    DataNotFoundError,
    InfeasibleOptionError,
    InvalidParameterError,
    UnknownCountryError,
)
from blocs._validation import parse_years
from blocs.web import _backend as B

__all__ = ["ApiError", "declared", "error_for", "param"]

_MAX_PARAM_CHARS = 200


class ApiError(Exception):
    """An error the API answers with ``{"error": {"code", "message", "param"}}`` and a 4xx status."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_parameter",
        param: str | None = None,
        status: int = 400,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.param = param
        self.status = status
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "param": self.param}
        err.update(self.extra)
        return {"error": err}


_CODES: tuple[tuple[type[BlocsError], str, int], ...] = (
    (AmbiguousCountryError, "ambiguous_state", 400),
    (UnknownCountryError, "unknown_state", 404),
    (CoverageError, "outside_coverage", 400),
    (InfeasibleOptionError, "infeasible", 400),
    (InvalidParameterError, "invalid_parameter", 400),
    (DataNotFoundError, "data_not_found", 404),
)


def error_for(exc: BlocsError, param_name: str | None = None) -> ApiError:
    """The API error for a library error: its class picks the code and status; the message is kept."""
    code, status = "blocs_error", 400
    for cls, c, s in _CODES:
        if isinstance(exc, cls):
            code, status = c, s
            break
    extra: dict[str, Any] = {}
    if isinstance(exc, AmbiguousCountryError) and exc.candidates:
        extra["candidates"] = [
            {k: (str(v) if not isinstance(v, (int, float, str, bool, type(None))) else v) for k, v in c.items()}
            for c in exc.candidates
        ]
    return ApiError(str(exc), code=code, param=param_name, status=status, extra=extra)


@contextlib.contextmanager
def param(name: str) -> Iterator[None]:
    """Errors raised while parsing ``name`` name it."""
    try:
        yield
    except ApiError as exc:
        if exc.param is None:
            exc.param = name
        raise
    except BlocsError as exc:
        raise error_for(exc, name) from None


def _check_length(name: str, value: str) -> str:
    if len(value) > _MAX_PARAM_CHARS:
        raise ApiError(f"{name} is {len(value)} characters long; at most {_MAX_PARAM_CHARS} are allowed", param=name)
    if any(ord(ch) < 32 for ch in value):
        raise ApiError(f"{name}={value!r} contains control characters; remove them", param=name)
    return value


def years(value: str | None, *, name: str = "years", default: tuple[int, int], limit: int) -> tuple[int, int]:
    """A ``first-last`` span (or one year), within ``limit`` years."""
    with param(name):
        text = _check_length(name, value) if value is not None else None
        if text is not None and "," in text:
            raise ApiError(f"{name}={text!r}: give one span such as 1946-2019 or one year such as 1962", param=name)
        ys = parse_years(text, default=default, param=name)
        first, last = ys[0], ys[-1]
        if first < 1816 or last > 2100:
            raise ApiError(
                f"{name}={text!r} lies outside 1816–2100; choose years of the state system",
                param=name,
                code="outside_coverage",
            )
        n = last - first + 1
        if n > limit:
            raise ApiError(
                f"{name}={text!r} spans {n} years; one request may cover at most {limit}; narrow the span",
                param=name,
                code="too_costly",
            )
        return first, last


def year(value: int | None, *, name: str = "year", default: int | None = None) -> int:
    if value is None:
        if default is None:
            raise ApiError(f"{name} is required; give a year such as 1962", param=name, code="missing_parameter")
        return default
    if not 1816 <= value <= 2100:
        raise ApiError(
            f"{name}={value} lies outside 1816–2100; choose a year of the state system",
            param=name,
            code="outside_coverage",
        )
    return value


def state(value: str | None, *, name: str, year: int | None) -> int:
    """One COW code from a name, abbreviation or code, as of ``year`` when given."""
    if value is None or not value.strip():
        raise ApiError(
            f"{name} is required; give a state such as CHN, 'China' or 710", param=name, code="missing_parameter"
        )
    with param(name):
        token = _check_length(name, value).strip()
        return B.resolve(token, year)


def states(
    value: str | None, *, name: str = "states", year: int | None, n: int | None = None, most: int | None = None
) -> tuple[int, ...]:
    if value is None or not value.strip():
        raise ApiError(
            f"{name} is required; give comma-separated states such as USA,CHN,RUS", param=name, code="missing_parameter"
        )
    tokens = [t.strip() for t in _check_length(name, value).split(",") if t.strip()]
    if n is not None and len(tokens) != n:
        raise ApiError(f"{name}={value!r} names {len(tokens)} state(s); give exactly {n}", param=name)
    if most is not None and len(tokens) > most:
        raise ApiError(
            f"{name}={value!r} names {len(tokens)} states; at most {most} per request", param=name, code="too_costly"
        )
    codes = tuple(state(t, name=name, year=year) for t in tokens)
    if len(set(codes)) != len(codes):
        raise ApiError(f"{name}={value!r} names a state twice; name each state once", param=name)
    return codes


def columns(value: str | None, allowed: list[str], *, name: str = "columns") -> list[str] | None:
    if value is None or not value.strip():
        return None
    cols = [c.strip() for c in _check_length(name, value).split(",") if c.strip()]
    bad = [c for c in cols if c not in allowed]
    if bad:
        raise ApiError(f"{name}: unknown column(s) {', '.join(bad)}; choose from {', '.join(allowed)}", param=name)
    return list(dict.fromkeys(cols))


_WEIGHT = re.compile(r"^\s*([a-z_]+)\s*[:=]\s*(-?\d+(?:\.\d+)?)\s*$")


def weights(
    value: str | None, allowed: tuple[str, ...], *, name: str = "weights"
) -> tuple[tuple[str, float], ...] | None:
    """``government:1,war:0.5`` → pairs; unknown components and values outside 0–10 are errors."""
    if value is None or not value.strip():
        return None
    out: dict[str, float] = {}
    for part in _check_length(name, value).split(","):
        if not part.strip():
            continue
        m = _WEIGHT.match(part)
        if not m:
            raise ApiError(f"{name}: {part!r} is not COMPONENT:WEIGHT, e.g. war:0.5", param=name)
        comp, w = m.group(1), float(m.group(2))
        if comp not in allowed:
            raise ApiError(f"{name}: unknown component {comp!r}; choose from {', '.join(allowed)}", param=name)
        if not 0.0 <= w <= 10.0:
            raise ApiError(f"{name}: weight {w:g} for {comp} is outside 0–10", param=name)
        out[comp] = w
    if not out:
        return None
    return tuple(sorted(out.items()))


def propensities(value: str | None, *, year: int, name: str = "set") -> tuple[tuple[int, int, float], ...]:
    """``USA-CHN:1`` (comma-separated) → (ccode, ccode, propensity) triples; propensities in −1 … 1."""
    if value is None or not value.strip():
        return ()
    out: list[tuple[int, int, float]] = []
    for part in _check_length(name, value).split(","):
        if not part.strip():
            continue
        pair, _, val = part.partition(":")
        a, _, b = pair.partition("-")
        try:
            v = float(val)
        except ValueError:
            raise ApiError(f"{name}: {part!r} is not A-B:VALUE, e.g. USA-CHN:1", param=name) from None
        if not a.strip() or not b.strip():
            raise ApiError(f"{name}: {part!r} is not A-B:VALUE, e.g. USA-CHN:1", param=name)
        if not -1.0 <= v <= 1.0:
            raise ApiError(f"{name}: propensity {v:g} in {part!r} is outside −1 … 1", param=name)
        out.append((state(a, name=name, year=year), state(b, name=name, year=year), v))
    return tuple(out)


def choice(value: str | None, allowed: tuple[str, ...], *, name: str, default: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        raise ApiError(f"{name}={value!r} is not allowed; choose one of {', '.join(allowed)}", param=name)
    return value


def declared(setting_name: str, value: Any, *, name: str) -> Any:
    """``value`` checked by the declared setting ``setting_name`` (:data:`blocs.query.SETTINGS`), named ``name``."""
    from blocs.query import setting

    with param(name):
        return setting(setting_name).check(value, param=name)


def number(value: str | None, *, name: str, default: float) -> float:
    """A number typed in a page's form (``"0.5"``; empty: ``default``); text that is no number names the parameter."""
    if value is None or not str(value).strip():
        return default
    text = _check_length(name, str(value)).strip()
    try:
        return float(text)
    except ValueError:
        raise ApiError(f"{name}={text!r} is not a number", param=name) from None
