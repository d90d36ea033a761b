"""Event-data questions: a dyad's monthly cooperation and conflict, a triangle month by month.

Event files (ICEWS, GDELT 1.0/2.0, POLECAT, or Parquet copies of them) are checked once
(:func:`event_source`), aggregated once per process to directed dyad-months
(:func:`blocs.events.aggregate_events`, kept while the files are unchanged), and then asked
about: :func:`event_dyad_timeline` and :func:`event_triangle_timeline`.  The CLI's ``case
--events``, the web app's ``serve --events`` and the report call these.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import Source, TableMeta, meta_of, with_meta
from blocs._validation import Years, YearsLike, check_param, message
from blocs.events._coding import ADDITIVE_COLUMNS
from blocs.query._result import QueryResult
from blocs.query._settings import SETTINGS
from blocs.query._states import Resolution, resolve_state

__all__ = [
    "EventDyadMonths",
    "EventSource",
    "EventTriangleMonths",
    "event_dyad_timeline",
    "event_months",
    "event_source",
    "event_triangle_timeline",
]

#: Columns of a dyad's monthly event table, and what each means.
EVENT_DYAD_COLUMNS: dict[str, str] = {
    "period": "the month, YYYY-MM",
    "events": "events between the two in the month, both directions (de-duplicated by event id)",
    "verbal_coop": "quad class 1, verbal cooperation (CAMEO roots 01-05)",
    "material_coop": "quad class 2, material cooperation (06-09)",
    "verbal_conflict": "quad class 3, verbal conflict (10-14)",
    "material_conflict": "quad class 4, material conflict (15-20)",
    "net_coop": "net cooperation: cooperative minus conflictual events, both directions",
    "goldstein_sum": "sum of the events' Goldstein scores (ICEWS/POLECAT intensity), both directions",
    "events_ab": "events with a as the source actor and b as the target",
    "events_ba": "events with b as the source actor and a as the target",
    "net_coop_ab": "net cooperation of a towards b",
    "net_coop_ba": "net cooperation of b towards a",
}


@dataclass(frozen=True)
class EventSource:
    """Event files checked against their format, with what identifies their current contents.

    Attributes
    ----------
    files : tuple of str
        The files, folders or globs as given.
    format : str
        ``"icews"``, ``"gdelt1"``, ``"gdelt2"`` or ``"polecat"``.
    paths : tuple of str
        The files they name (checked; empty files left out).
    stamps : tuple of (int, int)
        Size and modification time of each path: a changed file is aggregated again.
    """

    files: tuple[str, ...]
    format: str
    paths: tuple[str, ...]
    stamps: tuple[tuple[int, int], ...]

    def describe(self) -> str:
        """``N file(s) (format): first names``."""
        names = ", ".join(Path(p).name for p in self.paths[:3]) + (", …" if len(self.paths) > 3 else "")
        return f"{len(self.paths)} {self.format} file(s): {names}"


def event_source(
    events: Any,
    *,
    events_format: str | None,
    where: str = "event_source",
    names: tuple[str, str] = ("events", "events_format"),
) -> EventSource:
    """Check event files (existence and the documented layout) before any work.

    Parameters
    ----------
    events : path, folder, glob or a list of them
        ICEWS, GDELT 1.0/2.0 or POLECAT files as published (plain or compressed) or their
        Parquet copies (``blocs events convert``).
    events_format : {"icews", "gdelt1", "gdelt2", "polecat"}
        Their layout; required (nothing is guessed from file names).
    where, names : str, optional
        How messages name the caller and the two parameters (``"--events"`` on the CLI).

    Returns
    -------
    EventSource

    Raises
    ------
    DataNotFoundError
        A file, folder or glob that names nothing.
    InvalidParameterError
        No or an unknown format.
    MalformedFileError
        A file not in that format's layout.

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> event_source(sample_icews_path(), events_format="icews").describe()
    '1 icews file(s): events.2018.sample.tab'
    """
    from blocs.events import check_events

    if isinstance(events, EventSource):
        return events
    items = SETTINGS["events"].check(events, where=where, param=names[0])
    if events_format is None:
        allowed = SETTINGS["events_format"].constraint.describe()  # type: ignore[union-attr]
        raise InvalidParameterError(
            message(names[1], allowed, None, "say which layout the event files have (nothing is guessed from their "
                    "names)", where=where)  # fmt: skip
        )
    fmt = SETTINGS["events_format"].check(events_format, where=where, param=names[1])
    paths = check_events(items, format=fmt)
    stamps = tuple((int(p.stat().st_size), int(p.stat().st_mtime_ns)) for p in paths)
    return EventSource(tuple(items), fmt, tuple(os.fspath(p) for p in paths), stamps)


@functools.lru_cache(maxsize=8)
def _aggregate(source: EventSource) -> Any:
    from blocs.events import aggregate_events

    return aggregate_events(list(source.paths), format=source.format, by="month")  # type: ignore[arg-type]


def event_months(events: Any, *, events_format: str | None = None) -> Any:
    """Directed dyad-months of the event files, aggregated once per process while they are unchanged.

    Parameters
    ----------
    events : EventSource, or files as for :func:`event_source`
    events_format : str, optional
        Required unless ``events`` is an :class:`EventSource`.

    Returns
    -------
    blocs.events.EventAggregation
        ``.table`` (``ccode1, ccode2, year, month``, quad-class counts, Goldstein sums, net
        cooperation) and ``.report`` (every row left out, and why).

    References
    ----------
    Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. Journal of
    Conflict Resolution 36(2): 369-385.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> event_months(sample_icews_path(), events_format="icews").report.rows
    3705
    """
    return _aggregate(event_source(events, events_format=events_format))


def _period(table: pd.DataFrame) -> pd.Series:
    return table["year"].astype(int).astype(str) + "-" + table["month"].astype(int).map("{:02d}".format)


def _in_years(table: pd.DataFrame, years: YearsLike, where: str) -> tuple[pd.DataFrame, tuple[int, int]]:
    """The months within ``years`` (default: all the files cover) and the span of years."""
    if table.empty:
        raise InvalidParameterError("the event files hold no event between two states; nothing to show")
    first, last = int(table["year"].min()), int(table["year"].max())
    if years is None:
        return table, (first, last)
    ys = check_param(years, Years(span=(first, last), label="the years of the event files"), param="years",
                     where=where)  # fmt: skip
    return table[table["year"].between(ys[0], ys[-1])], (ys[0], ys[-1])


@dataclass(frozen=True)
class EventDyadMonths(QueryResult):
    """One pair of states' cooperation and conflict per month, from event data.

    Attributes
    ----------
    a, b : Resolution
    table : DataFrame
        One row per month with at least one event between them (a month without events has
        no row: absence of reports is not zero cooperation): ``year, month, period,
        events, verbal_coop, material_coop, verbal_conflict, material_conflict, net_coop,
        goldstein_sum`` (both directions) and ``events_ab, events_ba, net_coop_ab,
        net_coop_ba``.
    years : (int, int)
        First and last year asked about (default: the files' own).
    files : str
        The event files, described.
    report : dict
        What happened to every row of the files (:class:`blocs.events.EventReport`).
    notes : tuple of str
    sources : tuple of Source
    """

    a: Resolution
    b: Resolution
    table: pd.DataFrame
    years: tuple[int, int]
    files: str
    report: dict[str, Any]
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.table.copy()


def event_dyad_timeline(
    a: str | int,
    b: str | int,
    *,
    events: Any,
    events_format: str | None = None,
    years: YearsLike = None,
) -> EventDyadMonths:
    """A dyad's monthly cooperation and conflict from event files, both directions and each.

    Parameters
    ----------
    a, b : str or int
        Two states (names, abbreviations or COW codes), resolved as of the last year.
    events : EventSource, or files as for :func:`event_source`
    events_format : str, optional
        Required unless ``events`` is an :class:`EventSource`.
    years : int, "first-last", (first, last) or list, optional
        Default: every year of the event files.

    Returns
    -------
    EventDyadMonths

    Raises
    ------
    InvalidParameterError
        The same state twice.
    CoverageError
        Years outside the event files.

    References
    ----------
    Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. Journal of
    Conflict Resolution 36(2): 369-385.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> t = event_dyad_timeline("China", "Russia", events=sample_icews_path(), events_format="icews")
    >>> t.table[["period", "events", "net_coop"]].values.tolist()
    [['2018-06', 8, 8]]
    """
    source = event_source(events, events_format=events_format)
    agg = _aggregate(source)
    months, span = _in_years(agg.table, years, "event_dyad_timeline")
    ra, rb = resolve_state(a, year=span[1]), resolve_state(b, year=span[1])
    if ra.code == rb.code:
        raise InvalidParameterError(
            f"The 'b' parameter of event_dyad_timeline must be a state other than a; got {b!r} ({rb.code}) for both. "
            "Name two different states"
        )
    ab = months[(months["ccode1"] == ra.code) & (months["ccode2"] == rb.code)].set_index(["year", "month"])
    ba = months[(months["ccode1"] == rb.code) & (months["ccode2"] == ra.code)].set_index(["year", "month"])
    summed = [c for c in EVENT_DYAD_COLUMNS if c in ADDITIVE_COLUMNS]  # in the documented order
    both = pd.concat([ab[summed], ba[summed]]).groupby(level=[0, 1]).sum()
    table = both.reset_index()
    table.insert(2, "period", _period(table))
    for side, part in (("ab", ab), ("ba", ba)):
        idx = pd.MultiIndex.from_frame(table[["year", "month"]])
        for col in ("events", "net_coop"):
            table[f"{col}_{side}"] = part[col].reindex(idx).fillna(0).astype("int64").to_numpy()
    for col in ("events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "net_coop"):
        table[col] = table[col].astype("int64")
    table = table.sort_values(["year", "month"]).reset_index(drop=True)
    meta = meta_of(agg.table)
    notes = [n for n in (ra.note, rb.note) if n]
    if table.empty:
        notes.append(f"no event between {ra.name} and {rb.name} in the files in {span[0]}–{span[1]}")
    table = with_meta(table, TableMeta(unit="other", system="cow", directed=False, sources=meta.sources))
    return EventDyadMonths(ra, rb, table, span, source.describe(), agg.report.as_dict(), tuple(notes),
                           tuple(meta.sources))  # fmt: skip


@dataclass(frozen=True)
class EventTriangleMonths(QueryResult):
    """Dittmer type of a triangle per month, each edge signed by its event net cooperation.

    Attributes
    ----------
    states : tuple of Resolution
    table : DataFrame
        One row per month of the event files (:func:`blocs.networks.event_triangle`):
        ``year, month, period, a, b, c, type, pivot, pariah, sign_ab, sign_ac, sign_bc,
        net_coop_ab, net_coop_ac, net_coop_bc, neutral``.
    types : dict
        Months of each type.
    measure : str
    threshold : float
    min_events : int
    years : (int, int)
    files : str
    notes : tuple of str
    sources : tuple of Source
    """

    states: tuple[Resolution, Resolution, Resolution]
    table: pd.DataFrame
    types: dict[str, int]
    measure: str
    threshold: float
    min_events: int
    years: tuple[int, int]
    files: str
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.table.copy()


def event_triangle_timeline(
    states: Sequence[str | int],
    *,
    events: Any,
    events_format: str | None = None,
    years: YearsLike = None,
    measure: str = "net_coop",
    threshold: float = 0.0,
    min_events: int = 1,
) -> EventTriangleMonths:
    """The strategic triangle of three states month by month from event files.

    Each pair's month is +1 when its net cooperation (both directions) is above
    ``threshold``, -1 below ``-threshold``, and no tie otherwise (the triangle is then
    ``incomplete``); months with fewer than ``min_events`` events are not signed.

    Parameters
    ----------
    states : sequence of three str or int
        Names, abbreviations or COW codes, resolved as of the last year.
    events : EventSource, or files as for :func:`event_source`
    events_format : str, optional
        Required unless ``events`` is an :class:`EventSource`.
    years : int, "first-last", (first, last) or list, optional
        Default: every year of the event files.
    measure : {"net_coop", "goldstein_sum"}, default "net_coop"
    threshold : float, default 0
    min_events : int, default 1

    Returns
    -------
    EventTriangleMonths

    Raises
    ------
    InvalidParameterError
        Not three distinct states, or a bad option.

    References
    ----------
    Dittmer, L. (1981). The strategic triangle. World Politics 33(4): 485-515.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> t = event_triangle_timeline(["USA", "China", "Russia"], events=sample_icews_path(), events_format="icews")
    >>> t.table[["period", "type"]].values.tolist()
    [['2018-06', 'menage_a_trois']]
    """
    from blocs.networks import event_triangle

    where = "event_triangle_timeline"
    m = SETTINGS["event_measure"].check(measure, param="measure", where=where)
    thr = SETTINGS["event_threshold"].check(threshold, param="threshold", where=where)
    mn = SETTINGS["event_min_events"].check(min_events, param="min_events", where=where)
    tokens = list(states) if isinstance(states, (list, tuple)) else None
    if tokens is None or len(tokens) != 3:
        raise InvalidParameterError(
            f"The 'states' parameter of {where} must be three states; got {states!r} instead. Name three states"
        )
    source = event_source(events, events_format=events_format)
    agg = _aggregate(source)
    months, span = _in_years(agg.table, years, where)
    rs = tuple(resolve_state(t, year=span[1]) for t in tokens)
    codes = [r.code for r in rs]
    if len(set(codes)) < 3:
        raise InvalidParameterError(
            f"The 'states' parameter of {where} must be three different states; got {codes}. Name each state once"
        )
    table = event_triangle(months, codes[0], codes[1], codes[2], measure=m, threshold=thr, min_events=mn)
    table.insert(2, "period", _period(table))
    meta = meta_of(agg.table)
    types = {str(k): int(v) for k, v in table["type"].value_counts().sort_index().items()}
    table = with_meta(table.reset_index(drop=True), TableMeta(unit="other", system="cow", sources=meta.sources))
    notes = tuple(n for n in (r.note for r in rs) if n)
    return EventTriangleMonths(
        (rs[0], rs[1], rs[2]), table, types, m, float(thr), int(mn), span, source.describe(), notes,
        tuple(meta.sources),
    )  # fmt: skip
