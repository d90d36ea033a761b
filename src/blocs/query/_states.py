"""Which state a user means: one resolver, with a visible note when a name has outlived its state."""

from __future__ import annotations

import datetime as _dt
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from blocs._lazy import LazyModule

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the resolver's fast path needs neither
    pd = LazyModule("pandas")

from blocs._errors import DatedNameWarning, InvalidParameterError
from blocs._meta import Source, TableMeta, with_meta
from blocs._validation import message
from blocs.data import get_dataset
from blocs.query._result import QueryResult
from blocs.query._settings import SETTINGS

if TYPE_CHECKING:
    from blocs.system import Country

__all__ = ["Resolution", "StateSearch", "resolve_state", "search_states"]

System = Literal["cow", "gw"]

_SYSTEM_DATASET = {"cow": "cw_system", "gw": "gw_system"}


@dataclass(frozen=True)
class Resolution(QueryResult):
    """One state a token stands for, as of a year or day, with a note when the name is dated.

    Attributes
    ----------
    token : str
        What the user typed.
    code : int
        COW ``ccode`` or G-W ``gwcode``.
    system : {"cow", "gw"}
    abbreviation, name : str
    spells : tuple of (str, str)
        ISO start and end days of every membership spell.
    ongoing : bool
        Whether the last spell runs to the end of the list (and beyond).
    iso2, iso3 : str or None
    year : int or None
    date : str or None
    note : str or None
        Set when the name was used after its state ended ("USSR" in 2000) or the year lies
        beyond the end of the state list (spells carried forward).
    sources : tuple of Source
    """

    token: str
    code: int
    system: str
    abbreviation: str
    name: str
    spells: tuple[tuple[str, str], ...]
    ongoing: bool
    iso2: str | None
    iso3: str | None
    year: int | None
    date: str | None
    note: str | None
    sources: tuple[Source, ...]

    @property
    def code_column(self) -> str:
        """``ccode`` (COW) or ``gwcode`` (G-W)."""
        return "ccode" if self.system == "cow" else "gwcode"

    def to_dict(self) -> dict[str, Any]:
        """As :meth:`QueryResult.to_dict`, plus the code under its usual name (``ccode`` or ``gwcode``)."""
        out = super().to_dict()
        out[self.code_column] = self.code
        return out

    def _frame(self) -> pd.DataFrame:
        table = pd.DataFrame(
            {
                self.code_column: [self.code],
                "abbreviation": [self.abbreviation],
                "name": [self.name],
                "spells": ["; ".join(f"{s} – {e}" for s, e in self.spells)],
                "iso2": [self.iso2],
                "iso3": [self.iso3],
                "note": [self.note],
            }
        )
        return with_meta(table, TableMeta(unit="state", system=self.system))  # type: ignore[arg-type]


def _normalise(text: str) -> str:
    from blocs.system._countries import _normalise as norm  # the resolver's own key function

    return norm(text)


def _resolution(token: str, c: Country, year: int | None, day: _dt.date | None, note: str | None) -> Resolution:
    return Resolution(
        token=str(token),
        code=int(c.code),
        system=c.system,
        abbreviation=c.abbreviation,
        name=c.name,
        spells=tuple((s.isoformat(), e.isoformat()) for s, e in c.spells),
        ongoing=bool(c.ongoing),
        iso2=c.iso2,
        iso3=c.iso3,
        year=year,
        date=day.isoformat() if day is not None else None,
        note=note,
        sources=(get_dataset(_SYSTEM_DATASET[c.system]).source,),
    )


def _note(token: str | int, c: Country, year: int | None, day: _dt.date | None) -> str | None:
    from blocs.system._countries import dated_name_note

    notes: list[str] = []
    when = day if day is not None else (_dt.date(year, 1, 1) if year is not None else None)
    dated = dated_name_note(token, c, year=year, day=day)
    if dated is not None:
        notes.append(dated)
    if when is not None and c.ongoing:
        last_day = c.spells[-1][1]
        if (year is not None and year > last_day.year) or (day is not None and day > last_day):
            ds = get_dataset(_SYSTEM_DATASET[c.system])
            notes.append(
                f"{ds.name} {ds.version} ends on {last_day.isoformat()}; {c.name} is carried forward as still in "
                "the system"
            )
    return "; ".join(notes) or None


def resolve_state(
    token: str | int,
    *,
    year: int | None = None,
    date: Any = None,
    system: System = "cow",
) -> Resolution:
    """The one state a name, abbreviation, ISO code or code stands for, with a note when dated.

    Matching follows :func:`blocs.system.resolve` (the one resolver).  When the name is a
    historical one used after its state ended ("USSR" in 2000: the code 365 continues as
    Russia), the result carries a ``note`` naming the successor; it is never silent.

    Parameters
    ----------
    token : str or int
        Name, abbreviation, ISO code or integer code.
    year : int, optional
        Resolve as of this year (within 1 and the current year).
    date : date or ISO string, optional
        Resolve as of this day (not with ``year``).
    system : {"cow", "gw"}, default "cow"

    Returns
    -------
    Resolution
        Code, names, spells and ``note``; ``to_frame()``/``to_dict()`` render it.

    Raises
    ------
    UnknownCountryError, AmbiguousCountryError
        As :func:`blocs.system.resolve`.
    InvalidParameterError
        A year outside 1..this year, or a bad system.

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> r = resolve_state("USSR", year=2000)
    >>> r.code, "Russia" in r.note
    (365, True)
    >>> resolve_state("China", year=1960).note is None
    True
    """
    SETTINGS["system"].check(system, where="resolve_state")
    year = SETTINGS["year"].check(year, where="resolve_state")
    if isinstance(token, str):
        raw, token = token, token.strip()
        if not token:
            raise InvalidParameterError(
                message(
                    "token",
                    "a state name, abbreviation or code",
                    raw,
                    "give e.g. 'China', 'CHN' or 710",
                    where="resolve_state",
                )
            )
    from blocs.system import resolve

    with warnings.catch_warnings():  # the note below carries what the resolver would warn about
        warnings.simplefilter("ignore", DatedNameWarning)
        c = resolve(token, year=year, date=date, system=system)
    day = pd.Timestamp(date).date() if date is not None else None
    return _resolution(str(token), c, year, day, _note(token, c, year, day))


@dataclass(frozen=True)
class StateSearch(QueryResult):
    """Suggestions for a partial name: the best matches, best first."""

    query: str
    year: int | None
    matches: tuple[Resolution, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        rows = [m.to_frame() for m in self.matches]
        if not rows:
            return pd.DataFrame(columns=["ccode", "abbreviation", "name", "spells", "iso2", "iso3", "note"])
        return pd.concat(rows, ignore_index=True)


def search_states(q: str, *, year: int | None = None, limit: int = 10, system: System = "cow") -> StateSearch:
    """States whose names or abbreviations best match a partial query (for suggestions).

    Prefix matches of a name or abbreviation come first, then fuzzy matches (rapidfuzz's
    WRatio); with ``year``, only states in the system that year are listed.

    Parameters
    ----------
    q : str
        What the user has typed so far (at least one character).
    year : int, optional
        Keep the states in the system in this year.
    limit : int, default 10
        Most suggestions returned (1–100).
    system : {"cow", "gw"}, default "cow"

    Returns
    -------
    StateSearch
        ``matches`` (Resolution each), best first.

    Examples
    --------
    >>> [m.code for m in search_states("germ", year=1960).matches][:2]
    [260, 265]
    """
    from rapidfuzz import fuzz, process

    from blocs.system._countries import _index

    SETTINGS["system"].check(system, where="search_states")
    if not isinstance(q, str) or not q.strip():
        raise InvalidParameterError(
            message(
                "q",
                "the start of a state name or abbreviation",
                q,
                "type at least one character",
                where="search_states",
            )
        )
    limit = SETTINGS["limit"].check(limit, where="search_states")
    year = SETTINGS["year"].check(year, where="search_states")
    idx = _index(system)
    keys: dict[str, set[int]] = {}
    for mapping in (idx.aliases, idx.names):
        for k, found in mapping.items():
            keys.setdefault(k, set()).update(found)
    for abb, code in idx.abbreviations.items():
        keys.setdefault(abb.casefold(), set()).add(code)
    query = _normalise(q)
    scores: dict[int, float] = {}
    for key, codes in keys.items():
        if key.startswith(query) or any(w.startswith(query) for w in key.split()):
            for c in codes:
                scores[c] = max(scores.get(c, 0.0), 200.0 - len(key))
    for key, score, _ in process.extract(query, list(keys), scorer=fuzz.WRatio, limit=50, score_cutoff=70):
        for c in keys[key]:
            scores[c] = max(scores.get(c, 0.0), float(score))
    ranked = sorted(scores, key=lambda c: (-scores[c], c))
    out: list[Resolution] = []
    for code in ranked:
        st = idx.states[code]
        if year is not None and not st.alive_in(year):
            continue
        out.append(_resolution(q, st, year, None, None))
        if len(out) >= limit:
            break
    return StateSearch(query=q, year=year, matches=tuple(out), sources=(get_dataset(_SYSTEM_DATASET[system]).source,))
