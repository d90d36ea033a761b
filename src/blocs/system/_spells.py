"""State-system membership spells: one loader for COW and Gleditsch–Ward.

A *spell* is one continuous stretch of membership (``start``–``end``, inclusive days).
States that left and re-entered the system (Germany 255, Poland 290, Egypt 651 ...)
have several spells.  Everything downstream (state-years, dyad-years) is computed
from these spells, never copied from a pre-built frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import Source, System
from blocs._validation import YearsLike, check_choice, current_year, message, parse_years
from blocs.data import get_dataset, load

__all__ = ["SYSTEMS", "Spells", "code_column", "load_spells", "resolve_years"]

SYSTEMS: tuple[System, ...] = ("cow", "gw")

# The catalog dataset holding each system's membership spells (with exact dates).
_SPELL_DATASET: dict[str, str] = {"cow": "cw_system", "gw": "gw_system"}


def code_column(system: System) -> str:
    """Name of the state-code column of ``system``: ``ccode`` (COW) or ``gwcode`` (G–W)."""
    return "ccode" if system == "cow" else "gwcode"


@dataclass(frozen=True)
class Spells:
    """Membership spells of one system as plain arrays (sorted by code, then start)."""

    system: System
    code: np.ndarray  # int64
    start: np.ndarray  # int64 days since 1970-01-01
    end: np.ndarray  # int64 days, inclusive
    microstate: np.ndarray | None  # int64 0/1 (G–W only)
    first_year: int
    last_year: int  # the year the published list ends
    last_day: int  # the day the published list ends
    source: Source

    def extended(self, extend_to: int | None) -> Spells:
        """Spells with those alive on the list's last day carried to 31 Dec ``extend_to``."""
        if extend_to is None or extend_to == self.last_year:
            return self
        new_end = _day(extend_to, 12, 31)
        end = np.where(self.end == self.last_day, new_end, self.end)
        return Spells(
            self.system,
            self.code,
            self.start,
            end,
            self.microstate,
            self.first_year,
            extend_to,
            new_end,
            self.source,
        )


def _day(year: int, month: int, day: int) -> int:
    return int(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D").astype(np.int64))


def day_to_year(days: np.ndarray) -> np.ndarray:
    """Calendar year of int64 day numbers (days since 1970-01-01)."""
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


@cache
def load_spells(system: System) -> Spells:
    """Load the membership spells of ``system`` (``"cow"``: cw_system, ``"gw"``: gw_system)."""
    check_choice(system, SYSTEMS, param="system")
    name = _SPELL_DATASET[system]
    df = load(name)
    col = code_column(system)
    df = df.sort_values([col, "start"], kind="stable")
    start = df["start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    end = df["end"].to_numpy().astype("datetime64[D]").astype(np.int64)
    micro = df["microstate"].to_numpy(dtype=np.int64) if "microstate" in df.columns else None
    last_day = int(end.max())
    return Spells(
        system=system,
        code=df[col].to_numpy(dtype=np.int64),
        start=start,
        end=end,
        microstate=micro,
        first_year=int(day_to_year(np.array([start.min()]))[0]),
        last_year=int(day_to_year(np.array([last_day]))[0]),
        last_day=last_day,
        source=get_dataset(name).source,
    )


def resolve_years(spells: Spells, years: YearsLike, extend_to: int | None) -> tuple[Spells, list[int]]:
    """Validate ``years``/``extend_to`` against the list and return (spells, years)."""
    if extend_to is not None:
        if isinstance(extend_to, bool) or not isinstance(extend_to, (int, np.integer)):
            raise InvalidParameterError(f"extend_to must be a year (int) or None; got {extend_to!r}")
        if extend_to < spells.last_year:
            raise InvalidParameterError(
                f"extend_to={extend_to} is before the end of {spells.source} ({spells.last_year}); "
                f"give a year ≥ {spells.last_year} or None"
            )
        if extend_to > current_year():
            raise InvalidParameterError(
                message("extend_to", f"a year from {spells.last_year} to {current_year()} (states are carried "
                        "forward at most to this year)", extend_to, "give an earlier year or None")
            )
        spells = spells.extended(int(extend_to))
    ys = parse_years(years, default=(spells.first_year, spells.last_year))
    bad = [y for y in ys if y < spells.first_year or y > spells.last_year]
    if bad:
        shown = f"{bad[0]}" if len(bad) == 1 else f"{bad[0]}…{bad[-1]} ({len(bad)} years)"
        hint = (
            f"; or pass extend_to={bad[-1]} to carry the states alive at the list's end forward"
            if bad[-1] > spells.last_year
            else ""
        )
        raise CoverageError(
            f"years {shown} outside {spells.source} coverage ({spells.first_year}–{spells.last_year}); "
            f"choose years in that range{hint}"
        )
    return spells, ys
