"""Events to dyad-day, dyad-month and dyad-year tables: one Ibis expression, two engines.

The computation is written once as Ibis expressions and runs unchanged on embedded DuckDB
(the default) or on Spark (a local session or a cluster):

1. **normalise** each raw row to: event id, date as YYYYMMDD integer, the two actors'
   country labels, the event code, its quad class, and the score in tenths (an integer, so
   sums are exact and both engines agree to the last digit);
2. **de-duplicate** (see :func:`aggregate_events`) and roll up to label-dyad-days (for
   tables by month or year, the days of a month or year without a membership change of the
   state system together), which are cached in the engine (one scan of the raw files);
3. **resolve** the distinct labels to states by date (``_actors``) and join them back as
   date intervals; classify what does not resolve;
4. **aggregate** to the requested period, directed or not.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import Source, TableMeta, with_meta
from blocs._validation import check_choice
from blocs.events._actors import actor_intervals, change_days
from blocs.events._coding import CAMEO_QUAD_BOUNDS, PLOVER_QUAD, QUAD_CLASSES
from blocs.events._engine import Engine, connect, drop, fetch, materialize, read_raw_events, reading, register
from blocs.events._files import PathsLike, prepared
from blocs.events._formats import FORMATS, EventFormat, FormatName
from blocs.events._parquet import ids_proven_unique
from blocs.events._text import TextStream, streamable

__all__ = ["EventAggregation", "EventReport", "aggregate_events", "Period", "Dedup"]

Period = Literal["day", "month", "year"]
Dedup = Literal["none", "ids", "strict"]

_MISSING_LABELS = ("", "NA", "N/A", "None", "null", "NULL")
MEASURES = ("events", *QUAD_CLASSES.values(), "goldstein_sum", "goldstein_mean", "net_coop")


@dataclass(frozen=True)
class EventReport:
    """What happened to every row read: kept, merged as a duplicate, or left out and why.

    Attributes
    ----------
    rows : int
        Rows read from the files (after the strict rule's root-event filter for GDELT).
    events : int
        Events after de-duplication.
    aggregated : int
        Events counted in the dyad table (both actors states, different states, valid date).
    bad_date, no_country, same_state, unmatched, outside_system, ambiguous, uncoded : int
        Events left out: date not parseable; an actor without a country label; both actors
        the same state (domestic events); a label that is no state in the system; a state
        label on a date outside its spells; a label standing for several states on the date;
        events whose code has no quad class (counted in ``events`` but in no quad column).
    unmatched_labels : dict
        Up to 25 labels left out as unmatched/outside_system/ambiguous, with event counts.
    """

    rows: int
    events: int
    aggregated: int
    bad_date: int
    no_country: int
    same_state: int
    unmatched: int
    outside_system: int
    ambiguous: int
    uncoded: int
    unmatched_labels: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready values."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def describe(self) -> str:
        """One paragraph for people."""
        out = (
            f"{self.rows:,} rows read, {self.events:,} events after de-duplication, {self.aggregated:,} "
            f"in the dyad table; left out: {self.no_country:,} without a country actor, "
            f"{self.same_state:,} within one state, {self.unmatched:,} with a label that is no state, "
            f"{self.outside_system:,} on a date outside the state's spells, {self.ambiguous:,} ambiguous, "
            f"{self.bad_date:,} with a bad date; {self.uncoded:,} events had no quad class"
        )
        if self.unmatched_labels:
            top = ", ".join(f"{k} ({v:,})" for k, v in list(self.unmatched_labels.items())[:10])
            out += f". Most frequent unmatched labels: {top}"
        return out + "."


@dataclass(frozen=True)
class EventAggregation:
    """An aggregated dyad table and the report of what went into it."""

    table: pd.DataFrame
    report: EventReport


# --------------------------------------------------------------------------- the expression
def _label(col: Any) -> Any:
    import ibis

    # a chain of equalities, not ``isin``: DuckDB plans an IN list as a join per column, which
    # cost more than the comparisons on every row of a large scan
    missing = col == _MISSING_LABELS[0]
    for value in _MISSING_LABELS[1:]:
        missing = missing | (col == value)
    return ibis.ifelse(missing, ibis.null("string"), col)


def _quad(fmt: EventFormat, code: Any) -> Any:
    import ibis

    if fmt.coding == "plover":
        return code.strip().upper().substitute(PLOVER_QUAD, else_=ibis.null("int64")).cast("int64")
    root = code.substr(0, 2).try_cast("int64")
    branches = [(root.between(lo, hi), quad) for lo, hi, quad in CAMEO_QUAD_BOUNDS]
    return ibis.cases(*branches, else_=ibis.null("int64"))


def _own_quad(col: Any) -> Any:
    import ibis

    q = col.try_cast("int64")
    return ibis.ifelse(q.between(1, 4), q, ibis.null("int64"))


def _normalised(raw: Any, fmt: EventFormat, dedup: Dedup) -> Any:
    import ibis

    day_text = raw[fmt.date]
    if fmt.date_style == "iso":
        day_text = day_text.substr(0, 10).replace("-", "")
    day = day_text.try_cast("int64")
    day = ibis.ifelse(day.between(10000101, 99991231), day, ibis.null("int64"))
    score = raw[fmt.score].try_cast("float64")
    cols: dict[str, Any] = {
        "eid": raw[fmt.event_id],
        "day": day,
        "a1": _label(raw[fmt.actor1]),
        "a2": _label(raw[fmt.actor2]),
        "code": raw[fmt.code],
        "quad": _quad(fmt, raw[fmt.code]) if fmt.quad_column is None else _own_quad(raw[fmt.quad_column]),
        "g10": (score * 10).round().try_cast("int64"),
    }
    for i, key in enumerate(fmt.strict_keys):
        cols[f"k{i}"] = raw[key]
    t = raw
    if dedup == "strict" and fmt.root_column:
        t = t.filter(t[fmt.root_column] == "1")
    return t.select(**cols)


def _ids_unique(con: Any, engine: Engine, t: Any) -> bool:
    """Whether every normalised row has its own, non-missing event id (exact: a distinct count).

    Then de-duplication by id is a no-op (each id is one group of one row) and is skipped: on
    a Parquet copy the distinct count of one integer column costs a fifth of grouping every row
    by id, date, labels, code, quad class and score."""
    counts = fetch(con, engine, t.aggregate(n=t.count(), d=t.eid.nunique()))
    return int(counts["n"].iloc[0]) == int(counts["d"].iloc[0])


@dataclass(frozen=True)
class _Periods:
    """Months (YYYYMM) or years (YYYY) in which some state enters or leaves the system."""

    table: Any  # an engine table of one column, ``period``
    divisor: int  # day // divisor is the period: 100 (months) or 10000 (years)
    first: int  # period * divisor + first is its first day: 1 or 101


def _changing_periods(con: Any, engine: Engine, name: str, by: Period, system: Literal["cow", "gw"]) -> _Periods | None:
    """The periods of ``by`` whose days the roll-up must keep apart (None for days)."""
    if by == "day":
        return None
    divisor, first = (100, 1) if by == "month" else (10000, 101)
    periods = sorted({d // divisor for d in change_days(system)})
    return _Periods(register(con, engine, name, pd.DataFrame({"period": periods}, dtype="int64")), divisor, first)


def _label_days(
    t: Any, fmt: EventFormat, dedup: Dedup, *, unique_ids: bool = False, periods: _Periods | None = None
) -> Any:
    """Step 2: de-duplicate and roll up to (a1, a2, day); ``rows`` counts raw rows.

    ``unique_ids``: the caller checked (:func:`_ids_unique`) that no id repeats, so the
    de-duplication by id would keep every row; it is skipped, with the same result.

    ``periods``: for tables by month or year, the days of a month (year) in which no state
    enters or leaves the system are rolled up together, under the period's first day. Labels
    resolve to the same states on all of them (intervals start and end only on such changes,
    checked in ``_actors``), so the table is the same; there are 20-30 times fewer rows to
    resolve (1.35 M label-dyad-days for 10^7 GDELT rows, 56 K label-dyad-months)."""
    base = ["day", "a1", "a2", "code", "quad"]
    by_ids = dedup == "ids" or (dedup == "strict" and not fmt.strict_keys)
    every_row = dedup == "none" or (by_ids and unique_ids)
    if every_row:
        pass  # one row per event: rows read = events, counted directly below
    elif dedup == "strict" and fmt.strict_keys:
        keys = base + [f"k{i}" for i in range(len(fmt.strict_keys))]
        t = t.group_by(keys).aggregate(copies=t.count(), g10=t.g10.max())
    else:
        t = t.group_by(["eid", *base, "g10"]).aggregate(copies=t.count())
    if periods is not None:
        import ibis

        # a membership test against the small table, not a join: DuckDB cannot size a stream of
        # text batches and would build a join's hash table on it instead of on the periods
        period = t.day // periods.divisor
        first = period * periods.divisor + periods.first
        t = t.mutate(day=ibis.ifelse(period.isin(periods.table.period), t.day, first))
    q = {name: t.count(where=t.quad == k) for k, name in QUAD_CLASSES.items()}
    return t.group_by(["a1", "a2", "day"]).aggregate(
        rows=t.count() if every_row else t.copies.sum().cast("int64"),
        events=t.count(),
        uncoded=t.count(where=t.quad.isnull()),
        g10=t.g10.sum(),
        gn=t.g10.count(),
        **q,
    )


def _side_status(label: Any, code: Any, amb: Any, unknown: list[str]) -> Any:
    import ibis

    return ibis.cases(
        (label.isnull(), "no_country"),
        (amb.fill_null(False), "ambiguous"),
        (code.notnull(), "ok"),
        (label.isin(unknown) if unknown else ibis.literal(False), "unmatched"),
        else_="outside_system",
    )


def _resolved(con: Any, engine: Engine, days: Any, fmt: EventFormat, system: str, iv_name: str) -> Any:
    """Step 3: join each side's label and date to the state intervals; classify."""
    import ibis

    labels = fetch(con, engine, days.select(label=days.a1).union(days.select(label=days.a2)).distinct().drop_null())
    kind = fmt.actor_kind
    iv, unknown = actor_intervals([str(x) for x in labels["label"]], kind=kind, system=system)  # type: ignore[arg-type]
    if iv.empty:
        iv = pd.DataFrame({"label": ["\x00"], "start": [0], "end": [0], "code": pd.array([None], "Int64"),
                           "ambiguous": [False]})  # fmt: skip
    # ambiguous intervals have no code: -1 keeps the column a plain integer on every engine
    iv = iv.assign(code=iv["code"].fillna(-1).astype("int64"))
    iv_t = register(con, engine, iv_name, iv)
    out = days
    for side in ("1", "2"):
        s = iv_t.select(**{f"l{side}": iv_t.label, f"s{side}": iv_t.start, f"e{side}": iv_t.end,
                           f"c{side}": ibis.ifelse(iv_t.code < 0, ibis.null("int64"), iv_t.code),
                           f"m{side}": iv_t.ambiguous})  # fmt: skip
        a = out[f"a{side}"]
        out = out.left_join(s, [a == s[f"l{side}"], out.day >= s[f"s{side}"], out.day <= s[f"e{side}"]])
        out = out.drop(f"l{side}", f"s{side}", f"e{side}")
    st1 = _side_status(out.a1, out.c1, out.m1, sorted(unknown))
    st2 = _side_status(out.a2, out.c2, out.m2, sorted(unknown))
    status = ibis.cases(
        (out.day.isnull(), "bad_date"),
        ((st1 == "ok") & (st2 == "ok") & (out.c1 == out.c2), "same_state"),
        ((st1 == "ok") & (st2 == "ok"), "ok"),
        ((st1 == "no_country") | (st2 == "no_country"), "no_country"),
        ((st1 == "unmatched") | (st2 == "unmatched"), "unmatched"),
        ((st1 == "ambiguous") | (st2 == "ambiguous"), "ambiguous"),
        else_="outside_system",
    )
    return out.mutate(st1=st1, st2=st2, status=status)


def _scan(
    con: Any,
    engine: Engine,
    paths: list[str],
    fmt: EventFormat,
    dedup: Dedup,
    name: str,
    threads: int | None,
    periods: _Periods | None,
) -> Any:
    """Steps 1-2, the one scan of the files, by the cheapest reading that gives the same rows.

    De-duplication by id is skipped only where the ids are shown unique: on Parquet copies by
    their sealed footers (``_parquet``), else by an exact distinct count of one column; on
    plain text files split by the compiled kernel (``_text``) by ids strictly increasing in
    each file with disjoint file ranges, checked while they stream (when the check fails, the
    files are read again through the de-duplication). Text the kernel cannot vouch for (a
    blank line, more fields than documented, bytes that are not UTF-8) is read again by
    DuckDB's reader. Compressed text and Spark: one pass through the de-duplication.
    """
    by_ids = dedup == "ids" or (dedup == "strict" and not fmt.strict_keys)
    columnar = paths[0].lower().endswith(".parquet")
    if columnar or engine != "duckdb" or not streamable(paths):
        rows = _normalised(read_raw_events(con, engine, paths, fmt), fmt, dedup)
        # on Parquet copies sealed by `convert` the footers prove it (no scan); on other Parquet
        # the check reads one column; on text files it would parse them all again (the CSV
        # reader dominates there), costing more than the grouping it saves
        unique = by_ids and columnar and (ids_proven_unique(paths, fmt) or _ids_unique(con, engine, rows))
        with reading(fmt):
            return materialize(con, engine, name, _label_days(rows, fmt, dedup, unique_ids=unique, periods=periods))
    check = by_ids and dict(fmt.typed).get(fmt.event_id) == "int64"
    for attempt in ("check", "dedup"):
        stream = TextStream(paths, fmt, check_ids=check and attempt == "check", threads=threads)
        try:
            rows = _normalised(stream.table(con), fmt, dedup)
            days = materialize(
                con, engine, name, _label_days(rows, fmt, dedup, unique_ids=stream.check_ids, periods=periods)
            )
        except Exception:
            if stream.failure is None:  # not the reader: a genuine error
                raise
        finally:
            stream.unregister(con)
        if stream.clean and (not stream.check_ids or stream.ids_unique()):
            return days
        drop(con, engine, name)
        if not stream.clean:
            break
    rows = _normalised(read_raw_events(con, engine, paths, fmt), fmt, dedup)
    with reading(fmt):
        return materialize(con, engine, name, _label_days(rows, fmt, dedup, periods=periods))


_BAD = ("unmatched", "outside_system", "ambiguous")


def _final(res: Any, by: Period, directed: bool) -> Any:
    """Step 4, one query: dyad-period sums for matched events, and per-status sums (with the
    unmatched labels) for the rest, so the table and the report come from one pass."""
    import ibis

    ok = res.status == "ok"
    c1, c2 = (res.c1, res.c2) if directed else (ibis.least(res.c1, res.c2), ibis.greatest(res.c1, res.c2))
    null = ibis.null("int64")
    keys: dict[str, Any] = {"_k1": ibis.ifelse(ok, c1, null), "_k2": ibis.ifelse(ok, c2, null),
                            "_year": ibis.ifelse(ok, res.day // 10000, null)}  # fmt: skip
    if by in ("month", "day"):
        keys["_month"] = ibis.ifelse(ok, res.day // 100 % 100, null)
    if by == "day":
        keys["_day"] = ibis.ifelse(ok, res.day % 100, null)
    bad = res.status.isin(_BAD)
    for side in ("1", "2"):
        keys[f"_bad{side}"] = ibis.ifelse(bad & res[f"st{side}"].isin(_BAD), res[f"a{side}"], ibis.null("string"))
    t = res.mutate(**keys)
    sums = {name: t[name].sum() for name in ("rows", "events", "uncoded", *QUAD_CLASSES.values(), "g10", "gn")}
    return t.group_by(["status", *keys]).aggregate(**sums)


def _finish(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    renamed = {f"_{k}": k for k in ("year", "month", "day")} | {"_k1": keys[0], "_k2": keys[1]}
    frame = frame[frame["status"] == "ok"].rename(columns=renamed)
    out = pd.DataFrame({k: frame[k].astype("int64") for k in keys})
    for name in ("events", *QUAD_CLASSES.values()):
        out[name] = frame[name].astype("int64")
    g10 = frame["g10"].astype("float64")
    gn = frame["gn"].astype("int64")
    out["goldstein_sum"] = g10 / 10.0
    out["goldstein_mean"] = (g10 / (10.0 * gn)).where(gn > 0)
    coop = out["verbal_coop"] + out["material_coop"]
    out["net_coop"] = coop - out["verbal_conflict"] - out["material_conflict"]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def _report(frame: pd.DataFrame) -> EventReport:
    def total(col: str, rows: pd.DataFrame = frame) -> int:
        return int(pd.to_numeric(rows[col]).fillna(0).sum())

    counts = {status: total("events", rows) for status, rows in frame.groupby("status")}
    labels: dict[str, int] = {}
    for side in ("_bad1", "_bad2"):
        for label, rows in frame[frame[side].notna()].groupby(side):
            labels[str(label)] = labels.get(str(label), 0) + total("events", rows)
    top = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[:25]
    return EventReport(
        rows=total("rows"),
        events=total("events"),
        aggregated=counts.get("ok", 0),
        bad_date=counts.get("bad_date", 0),
        no_country=counts.get("no_country", 0),
        same_state=counts.get("same_state", 0),
        unmatched=counts.get("unmatched", 0),
        outside_system=counts.get("outside_system", 0),
        ambiguous=counts.get("ambiguous", 0),
        uncoded=total("uncoded"),
        unmatched_labels=dict(top),
    )


def aggregate_events(
    files: PathsLike,
    *,
    format: FormatName,
    by: Period = "month",
    directed: bool = True,
    system: Literal["cow", "gw"] = "cow",
    dedup: Dedup = "ids",
    engine: Engine = "duckdb",
    threads: int | None = None,
    spark_master: str | None = None,
    spark_conf: Mapping[str, str] | None = None,
) -> EventAggregation:
    """Aggregate event files to dyad-day, dyad-month or dyad-year cooperation and conflict.

    Rows are read from ICEWS, GDELT 1.0/2.0 or POLECAT files in their published layout,
    their actors resolved to states by date, coded to quad classes, de-duplicated, and
    counted per dyad and period.  The same Ibis expression runs on DuckDB or Spark.

    For each dyad and period: ``events``; counts by quad class ``verbal_coop``,
    ``material_coop``, ``verbal_conflict``, ``material_conflict``; ``goldstein_sum`` and
    ``goldstein_mean`` of the score (GDELT ``GoldsteinScale``, ICEWS and POLECAT
    ``Intensity``; summed in exact tenths); and net cooperation

    .. math:: \\text{net\\_coop} = (VC + MC) - (VK + MK),

    cooperative minus conflictual events (verbal and material), the quad-count measure of
    Goldstein (1992) and of ICEWS's own dyadic summaries.

    Parameters
    ----------
    files : path, sequence of paths, folder or glob
        Event files, plain or compressed (``.gz``, ``.bz2``, ``.xz``, ``.zst``, ``.zip``).
    format : {"icews", "gdelt1", "gdelt2", "polecat"}
        The published layout; every file is checked against its documented columns.
    by : {"day", "month", "year"}, default "month"
        Period; keys are ``ccode1, ccode2, year[, month[, day]]``.
    directed : bool, default True
        Directed dyads (actor 1 -> actor 2) or undirected (``ccode1 < ccode2``, both
        directions summed).
    system : {"cow", "gw"}, default "cow"
        State codes: COW ``ccode1/ccode2`` or Gleditsch-Ward ``gwcode1/gwcode2``.
    dedup : {"ids", "strict", "none"}, default "ids"
        ``"ids"``: one row per event id (drops repeats when files overlap: GDELT 2.0 update
        files, ICEWS re-releases). ``"strict"``: GDELT keeps root events only
        (``IsRootEvent = 1``, the lead-paragraph events) and drops repeated ids; ICEWS keeps
        one event per story, sentence, actor labels and CAMEO code (one sentence coded twice
        for two actors of the same states); POLECAT one per publisher, date, labels, event
        type and mode. ``"none"``: every row. Recommended: ``"ids"``.
    engine : {"duckdb", "spark"}, default "duckdb"
        Embedded DuckDB (nothing to start) or Spark.
    threads : int, optional
        DuckDB threads (default: all cores).
    spark_master : str, optional
        Spark master URL (``spark://host:7077``, ``yarn``, ``local[4]``); default
        ``$BLOCS_SPARK_MASTER`` or ``local[*]``.
    spark_conf : mapping, optional
        Extra Spark session settings (``{"spark.executor.memory": "8g"}``).

    Returns
    -------
    EventAggregation
        ``.table``: the dyad-period table (sorted by its keys, metadata with the event
        source and the state-system list); ``.report``: an :class:`EventReport` counting
        every row left out, and the unmatched labels.

    Raises
    ------
    InvalidParameterError
        A choice outside those allowed, or the events extra is not installed.
    DataNotFoundError
        A file, folder or glob that names nothing.
    MalformedFileError
        A file whose columns are not the documented ones (the message names the file,
        the line and the difference).

    Notes
    -----
    Dates are the event dates (ICEWS ``Event Date``, GDELT ``SQLDATE``, POLECAT ``Event
    Date``).  Actors are attributed to the state their country label names on that date
    (all sectors: government, military, citizens); events within one state are left out.
    Periods without events have no row: a missing dyad-month means no recorded event, not
    zero cooperation.

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.
    Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
    1979-2012. ISA Annual Convention.
    Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. Journal of
    Conflict Resolution 36(2): 369-385.
    Halterman, A., et al. (2023). PLOVER and POLECAT: A New Political Event Ontology and
    Dataset. ISA Annual Convention.

    Examples
    --------
    >>> from blocs.events import sample_icews_path
    >>> res = aggregate_events(sample_icews_path(), format="icews", by="day")
    >>> res.report.rows
    3705
    >>> row = res.table.query("ccode1 == 2 and ccode2 == 365")
    >>> int(row["events"].iloc[0]) > 0
    True
    """
    check_choice(format, tuple(FORMATS), param="format")
    check_choice(by, ("day", "month", "year"), param="by")
    check_choice(system, ("cow", "gw"), param="system")
    check_choice(dedup, ("ids", "strict", "none"), param="dedup")
    check_choice(engine, ("duckdb", "spark"), param="engine")
    if not isinstance(directed, bool):
        raise InvalidParameterError(f"directed must be True or False; got {directed!r}")
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InvalidParameterError(f"threads must be a positive integer; got {threads!r}")
    fmt = FORMATS[format]
    key1, key2 = ("ccode1", "ccode2") if system == "cow" else ("gwcode1", "gwcode2")
    keys = [key1, key2, "year"] + (["month"] if by in ("month", "day") else []) + (["day"] if by == "day" else [])
    with prepared(files, format, engine) as paths:
        con = connect(engine, threads=threads, spark_master=spark_master, spark_conf=spark_conf)
        names = [_name("days"), _name("intervals"), _name("periods")]
        try:
            periods = _changing_periods(con, engine, names[2], by, system)
            days = _scan(con, engine, paths, fmt, dedup, names[0], threads, periods)
            res = _resolved(con, engine, days, fmt, system, names[1])
            frame = fetch(con, engine, _final(res, by, directed))
        finally:
            for name in names:
                drop(con, engine, name)
    table = _finish(frame, keys)
    report = _report(frame)
    from blocs.data import get_dataset

    sys_ds = get_dataset("cw_system" if system == "cow" else "gw_system")
    meta = TableMeta(
        unit="dyad_year" if by == "year" else "dyad",
        system=system,
        directed=directed,
        sources=tuple(sorted({Source(fmt.source, fmt.version), sys_ds.source})),
    )
    return EventAggregation(table=with_meta(table, meta), report=report)


def _name(what: str) -> str:
    return f"blocs_events_{what}_{uuid.uuid4().hex[:12]}"
