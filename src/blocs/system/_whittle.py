"""Dispute-years and the ``whittle_conflicts_*`` family: several disputes per dyad-year down to one.

peacesciencer's do-it-yourself rules, each a pure function on a directed dyad-dispute-year
table (GML MID 2.2.1 ``gml_dirdisp`` or COW MID 5.0 ``cow_mid_dirdisps``).  Each rule looks
at the dyad-years that hold more than one dispute and keeps, within each, the rows that
are best on one criterion; single-dispute dyad-years are never touched.  The documented
order (the one ``add_gml_mids``/``add_cow_mids`` apply) is onsets → fatality → hostility →
duration (minimum, then maximum) → reciprocation → start month.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import TableMeta, Unit, meta_of, with_meta
from blocs._validation import check_choice
from blocs.data import cites, load

__all__ = [
    "DisputeSource",
    "WHITTLE_ORDER",
    "create_dispute_years",
    "show_duplicates",
    "whittle_conflicts",
    "whittle_conflicts_duration",
    "whittle_conflicts_fatality",
    "whittle_conflicts_hostility",
    "whittle_conflicts_onsets",
    "whittle_conflicts_reciprocation",
    "whittle_conflicts_startmonth",
]

DisputeSource = Literal["gml", "cow", "gml_leaders"]
_SOURCES: tuple[DisputeSource, ...] = ("gml", "cow", "gml_leaders")
_DATASET: dict[DisputeSource, str] = {
    "gml": "gml_dirdisp",
    "cow": "cow_mid_dirdisps",
    "gml_leaders": "gml_mid_dirleaderdisps",
}
_DISPUTE_LEVEL: dict[DisputeSource, str] = {"cow": "cow_mid_disps", "gml_leaders": "gml_mid_disps"}
_ONSET: dict[DisputeSource, str] = {"gml": "midonset", "cow": "disponset", "gml_leaders": "gmlmidonset"}
_DISPUTE_FIELDS = ["stmon", "fatality", "hostlev", "mindur", "maxdur", "recip"]
_KEYS = ["ccode1", "ccode2", "year"]
_LEADER_KEYS = ["ccode1", "obsid1", "ccode2", "obsid2", "year"]


def _keys(source: DisputeSource) -> list[str]:
    return _LEADER_KEYS if source == "gml_leaders" else _KEYS


def _group_codes(table: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One integer per distinct key (a missing obsid is a value of its own, as in dplyr)."""
    arrays = [table[k].fillna("<NA>").to_numpy() if table[k].dtype == object else table[k].to_numpy() for k in keys]
    codes, _ = pd.factorize(pd.MultiIndex.from_arrays(arrays))
    return np.asarray(codes)


WHITTLE_ORDER: tuple[str, ...] = (
    "whittle_conflicts_onsets",
    "whittle_conflicts_fatality",
    "whittle_conflicts_hostility",
    "whittle_conflicts_duration(durtype='mindur')",
    "whittle_conflicts_duration(durtype='maxdur')",
    "whittle_conflicts_reciprocation",
    "whittle_conflicts_startmonth",
)
"""peacesciencer's documented order of the whittling rules (``add_gml_mids``' message)."""


@cites("Gibler2016", "Palmer2022", "Miller2021mid")
def create_dispute_years(*, source: DisputeSource = "gml") -> pd.DataFrame:
    """Directed dyad-dispute-years: one row per dispute, ordered pair and year (several per dyad-year).

    Parameters
    ----------
    source : {"gml", "cow", "gml_leaders"}, default "gml"
        ``"gml"``: Gibler–Miller–Little MID 2.2.1 (``gml_dirdisp``, 10,276 rows,
        1816–2010), peacesciencer's ``gml_dirdisp``. ``"cow"``: COW MID 5.0
        (``cow_mid_dirdisps``, 11,390 rows, 1816–2014) with the dispute-level fields
        ``stmon, fatality, hostlev, mindur, maxdur, recip`` of ``cow_mid_disps`` joined on
        ``dispnum`` (peacesciencer joins them inside each whittle function).
        ``"gml_leaders"``: GML at the leader-dyad level (``gml_mid_dirleaderdisps``,
        11,686 rows, 1845–2010, Archigos ``obsid1``/``obsid2``; missing where no leader
        is identified) with ``gml_mid_disps``' dispute-level fields; unit
        "leader_dyad_year", and the whittling rules then work per leader-dyad-year.

    Returns
    -------
    DataFrame
        The source's columns (``dispnum, ccode1, ccode2, year`` first; GML's onset is
        ``midonset``, COW's ``disponset``, GML leaders' ``gmlmidonset``); metadata
        unit="dyad_year" ("leader_dyad_year" for "gml_leaders"), system="cow",
        directed, sources = the dataset(s). Keys repeat where a dyad had several disputes in
        a year: use :func:`show_duplicates` to see them and the ``whittle_conflicts_*``
        functions to reduce them. Dispute fatality ``-9`` (unknown) is missing.

    Raises
    ------
    InvalidParameterError
        ``source`` is not "gml", "cow" or "gml_leaders".

    References
    ----------
    Gibler, Miller & Little (2016); Palmer et al. (2022); Miller (2021) on converting
    participant-level dispute data to dyadic dispute-years.

    Examples
    --------
    >>> dd = create_dispute_years()
    >>> len(dd), len(show_duplicates(dd))
    (10276, 1838)
    """
    check_choice(source, _SOURCES, param="source")
    frame = load(_DATASET[source])
    sources = list(meta_of(frame).sources)
    if source in _DISPUTE_LEVEL:
        disps = load(_DISPUTE_LEVEL[source])
        frame = frame.merge(disps[["dispnum", *_DISPUTE_FIELDS]], on="dispnum", how="left", validate="many_to_one")
        sources += meta_of(disps).sources
    frame = frame.reset_index(drop=True)
    frame.attrs.clear()
    unit: Unit = "leader_dyad_year" if source == "gml_leaders" else "dyad_year"
    return with_meta(frame, TableMeta(unit=unit, system="cow", directed=True, sources=tuple(sorted(sources))))


def _source_of(table: pd.DataFrame, function: str) -> DisputeSource:
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            f"{function}() needs a pandas DataFrame from create_dispute_years(); got {type(table).__name__}"
        )
    names = {s.name for s in meta_of(table).sources}
    found: list[DisputeSource] = [k for k, v in _DATASET.items() if v in names]
    if meta_of(table).unit not in ("dyad_year", "leader_dyad_year") or len(found) != 1:
        raise InfeasibleOptionError(
            f"{function}() whittles dispute-years built by create_dispute_years(source='gml', 'cow' or "
            f"'gml_leaders'); "
            f"this table has unit={meta_of(table).unit!r} and sources {sorted(names)}. Start the chain with "
            f"create_dispute_years()."
        )
    need = [*_keys(found[0]), "dispnum", _ONSET[found[0]], *_DISPUTE_FIELDS]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise InvalidParameterError(f"{function}(): the dispute-year table lacks column(s) {missing}; keep them")
    return found[0]


def _keep_best(
    table: pd.DataFrame, values: np.ndarray, *, lowest: bool, source: DisputeSource, by_dyad: bool = False
) -> pd.DataFrame:
    """Within every dyad-year (leader-dyad-year), keep the rows whose ``values`` equal the
    group's max (min); rows come back sorted by the keys (stable), as peacesciencer's arrange().

    ``by_dyad`` reproduces peacesciencer's leader-level fatality rule, which compares
    disputes across all leader pairs of a dyad-year that are alike in having one or several
    disputes, so it can drop a leader-dyad-year whole (private; used to test the difference).
    """
    keys = _keys(source)
    codes = _group_codes(table, keys)
    if by_dyad:
        several = pd.Series(codes).groupby(codes).transform("size").to_numpy() > 1
        codes = _group_codes(table.assign(_several=several), [*_KEYS, "_several"])
    s = pd.Series(values, copy=False)
    best = s.groupby(codes).transform("min" if lowest else "max").to_numpy()
    out: pd.DataFrame = table[values == best]
    out = out.sort_values(keys, kind="stable")
    out.attrs.update(table.attrs)
    return out


@cites("Miller2021mid")
def whittle_conflicts_onsets(table: pd.DataFrame) -> pd.DataFrame:
    """Where a dyad-year holds both new and continuing disputes, keep only the onsets.

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).

    Returns
    -------
    DataFrame
        The kept rows, in the input's order, all columns unchanged.

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    Notes
    -----
    A dyad-year with several disputes loses its continuing disputes (onset 0) only if at
    least one of them began that year; if all are onsets or all continue, nothing goes.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> len(whittle_conflicts_onsets(create_dispute_years()))
    9802
    """
    src = _source_of(table, "whittle_conflicts_onsets")
    onset = table[_ONSET[src]].to_numpy(dtype=np.int64)
    codes = _group_codes(table, _keys(src))
    g = pd.Series(onset, copy=False).groupby(codes)
    mixed = (g.transform("max") != g.transform("min")).to_numpy()
    out: pd.DataFrame = table[~(mixed & (onset == 0))]
    out.attrs.update(table.attrs)
    return out


@cites("Miller2021mid")
def whittle_conflicts_fatality(table: pd.DataFrame) -> pd.DataFrame:
    """Within each dyad-year, keep the disputes with the highest dispute-level fatality.

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).

    Returns
    -------
    DataFrame
        The kept rows, sorted by ``ccode1, ccode2, year`` (stable), columns unchanged.

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    Notes
    -----
    Unknown fatality (``-9`` in the source, missing here) ranks as 0.5: fatal, but lower
    than "1–25 deaths" — peacesciencer's convention.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> len(whittle_conflicts_fatality(whittle_conflicts_onsets(create_dispute_years())))
    9504
    """
    src = _source_of(table, "whittle_conflicts_fatality")
    fat = pd.to_numeric(table["fatality"]).astype("float64").fillna(0.5).to_numpy()
    return _keep_best(table, fat, lowest=False, source=src)


def _field(table: pd.DataFrame, column: str, function: str) -> np.ndarray:
    values = pd.to_numeric(table[column]).astype("float64")
    if values.isna().any():
        raise InvalidParameterError(
            f"{function}(): column {column!r} has {int(values.isna().sum())} missing value(s); "
            f"the rule needs every dispute's {column}. Drop or fill those rows first."
        )
    return values.to_numpy()


@cites("Miller2021mid")
def whittle_conflicts_hostility(table: pd.DataFrame) -> pd.DataFrame:
    """Within each dyad-year, keep the disputes with the highest hostility level (``hostlev``).

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).

    Returns
    -------
    DataFrame
        The kept rows, sorted by ``ccode1, ccode2, year`` (stable), columns unchanged.

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> t = whittle_conflicts_fatality(whittle_conflicts_onsets(create_dispute_years()))
    >>> len(whittle_conflicts_hostility(t))
    9436
    """
    src = _source_of(table, "whittle_conflicts_hostility")
    return _keep_best(table, _field(table, "hostlev", "whittle_conflicts_hostility"), lowest=False, source=src)


@cites("Miller2021mid")
def whittle_conflicts_duration(table: pd.DataFrame, *, durtype: Literal["mindur", "maxdur"] = "mindur") -> pd.DataFrame:
    """Within each dyad-year, keep the disputes with the longest duration.

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).
    durtype : {"mindur", "maxdur"}, default "mindur"
        The dispute's minimum or maximum duration in days (they differ when dates are
        uncertain). peacesciencer's documented chain applies "mindur" then "maxdur".

    Returns
    -------
    DataFrame
        The kept rows, sorted by ``ccode1, ccode2, year`` (stable), columns unchanged.

    Raises
    ------
    InvalidParameterError
        ``durtype`` is not "mindur" or "maxdur".
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> t = whittle_conflicts_hostility(whittle_conflicts_fatality(whittle_conflicts_onsets(create_dispute_years())))
    >>> len(whittle_conflicts_duration(t))
    9294
    """
    check_choice(durtype, ("mindur", "maxdur"), param="durtype")
    src = _source_of(table, "whittle_conflicts_duration")
    return _keep_best(table, _field(table, durtype, "whittle_conflicts_duration"), lowest=False, source=src)


@cites("Miller2021mid")
def whittle_conflicts_reciprocation(table: pd.DataFrame) -> pd.DataFrame:
    """Within each dyad-year, prefer reciprocated disputes (``recip`` = 1) over unreciprocated ones.

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).

    Returns
    -------
    DataFrame
        The kept rows, sorted by ``ccode1, ccode2, year`` (stable), columns unchanged.

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    Notes
    -----
    Reciprocation only records a militarized action on both sides; peacesciencer's author
    warns it is noisy (a state on side B that did fight back may be coded 0).

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> dd = create_dispute_years()
    >>> int(whittle_conflicts_reciprocation(dd)["recip"].sum()) >= int(dd["recip"].sum()) - 200
    True
    """
    src = _source_of(table, "whittle_conflicts_reciprocation")
    return _keep_best(table, _field(table, "recip", "whittle_conflicts_reciprocation"), lowest=False, source=src)


@cites("Miller2021mid")
def whittle_conflicts_startmonth(table: pd.DataFrame) -> pd.DataFrame:
    """Within each dyad-year, keep the disputes that began in the earliest month (``stmon``).

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years` (possibly already whittled).

    Returns
    -------
    DataFrame
        The kept rows, sorted by ``ccode1, ccode2, year`` (stable), columns unchanged.

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    Notes
    -----
    A tie-breaker of last resort: the start month says nothing about a dispute's severity.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> len(show_duplicates(whittle_conflicts(create_dispute_years())))
    0
    """
    src = _source_of(table, "whittle_conflicts_startmonth")
    return _keep_best(table, _field(table, "stmon", "whittle_conflicts_startmonth"), lowest=True, source=src)


@cites("Miller2021mid")
def whittle_conflicts(table: pd.DataFrame) -> pd.DataFrame:
    """Apply the whole documented chain (:data:`WHITTLE_ORDER`) to dyad-dispute-years.

    Parameters
    ----------
    table : DataFrame
        Dyad-dispute-years from :func:`create_dispute_years`.

    Returns
    -------
    DataFrame
        At most one dispute per dyad-year wherever the rules separate them (for GML 2.2.1
        and COW MID 5.0 they always do: no duplicates are left).

    Raises
    ------
    InfeasibleOptionError
        ``table`` did not come from :func:`create_dispute_years`.

    References
    ----------
    Miller (2021), "How {peacesciencer} Coerces Dispute-Year Data into Dyad-Year Data".

    Examples
    --------
    >>> len(whittle_conflicts(create_dispute_years()))
    9284
    """
    t = whittle_conflicts_hostility(whittle_conflicts_fatality(whittle_conflicts_onsets(table)))
    t = whittle_conflicts_duration(whittle_conflicts_duration(t, durtype="mindur"), durtype="maxdur")
    return whittle_conflicts_startmonth(whittle_conflicts_reciprocation(t))


def _whittle_leader_disputes(*, peacesciencer: bool) -> pd.DataFrame:
    """GML leader-dyad-dispute-years whittled to one dispute per leader-dyad-year.

    ``peacesciencer=True`` applies the fatality rule per dyad-year, as peacesciencer's
    leader branch does; the result then equals its ``gml_mid_ddlydisps`` row for row, 64
    directed leader-dyad-years fewer than the rule applied per leader-dyad-year.
    """
    t = whittle_conflicts_onsets(create_dispute_years(source="gml_leaders"))
    fat = pd.to_numeric(t["fatality"]).astype("float64").fillna(0.5).to_numpy()
    t = _keep_best(t, fat, lowest=False, source="gml_leaders", by_dyad=peacesciencer)
    t = whittle_conflicts_hostility(t)
    t = whittle_conflicts_duration(whittle_conflicts_duration(t, durtype="mindur"), durtype="maxdur")
    return whittle_conflicts_startmonth(whittle_conflicts_reciprocation(t))


def _key_columns(table: pd.DataFrame, function: str) -> list[str]:
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(f"{function}() needs a pandas DataFrame built by blocs; got {type(table).__name__}")
    meta = meta_of(table)
    code = {"cow": "ccode", "gw": "gwcode"}.get(meta.system or "", "")
    keys = {
        "state_year": [code, "year"],
        "dyad_year": [f"{code}1", f"{code}2", "year"],
        "state_day": [code, "date"],
        "leader_year": ["obsid", code, "year"],
        "leader_dyad_year": ["obsid1", "obsid2", f"{code}1", f"{code}2", "year"],
    }.get(meta.unit)
    if not code or keys is None:
        raise InvalidParameterError(
            f"{function}() needs a state-year, dyad-year, state-day, leader-year or leader-dyad-year table with a "
            f"system; this table has unit={meta.unit!r}, system={meta.system!r}. Build it with blocs or tag it "
            f"with declare()."
        )
    missing = [c for c in keys if c not in table.columns]
    if missing:
        raise InvalidParameterError(f"{function}(): the table lacks key column(s) {missing}")
    return keys


def show_duplicates(table: pd.DataFrame) -> pd.DataFrame:
    """The rows whose key (from the table's unit in its metadata) occurs more than once.

    Parameters
    ----------
    table : DataFrame
        A blocs table (COW or G–W) keyed by code and year (state-years), two codes and
        year (dyad-years, dyad-dispute-years), code and date (state-days), ``obsid``, code
        and year (leader-years: a leader can hold two codes in a year, Kohl 260 and 255 in
        1990) or both obsids, both codes and year (leader-dyad-years).

    Returns
    -------
    DataFrame
        The duplicated rows sorted by key (stable), plus ``duplicated`` (always 1), as
        peacesciencer's ``show_duplicates()`` (which knows state- and dyad-years only);
        empty when every key is unique.

    Raises
    ------
    InvalidParameterError
        The table has no unit/system metadata or lacks its key columns.

    References
    ----------
    Miller (2022), peacesciencer: ``show_duplicates()``.

    Examples
    --------
    >>> dup = show_duplicates(create_dispute_years())
    >>> dup.loc[(dup.ccode1 == 220) & (dup.ccode2 == 325) & (dup.year == 1860), "dispnum"].tolist()
    [112, 113, 306]
    """
    keys = _key_columns(table, "show_duplicates")
    dup = table.duplicated(keys, keep=False).to_numpy()
    out = table[dup].sort_values(keys, kind="stable").assign(duplicated=1)
    out.attrs.update(table.attrs)
    return with_meta(out, meta_of(table))
