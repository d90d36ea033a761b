"""Disputes between two states from the raw MID 5.0 files, dated by when both were in them.

The timeline's dyad-year table keeps one dispute per dyad-year (peacesciencer's whittling),
so counting its onsets counts dyad-years, not disputes. The claim "N disputes while the
treaty was in force" is about disputes: :func:`disputes_between` lists every MID 5.0 dispute
in which the two states took part on opposite sides, and :func:`disputes_in_window` counts
those that began inside a date window.

Rule. A dispute's start for the pair is the later of the two participants' start dates
(MIDB ``styear/stmon/stday``): the day both were in it. A dispute counts when that date lies
in ``[first, last]`` (both ends included). MID codes an unknown start day as -9 (missing
here); such a start is known only to its month: it counts when the whole month lies inside
the window, not when the whole month lies outside, and is reported as *uncertain* otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from blocs._meta import TableMeta, meta_of, with_meta
from blocs.data import load

__all__ = ["DisputeCount", "disputes_between", "disputes_in_window"]


def disputes_between(a: int, b: int) -> pd.DataFrame:
    """MID 5.0 disputes with ``a`` and ``b`` on opposite sides, one row per dispute.

    Parameters
    ----------
    a, b : int
        COW state codes.

    Returns
    -------
    DataFrame
        ``dispnum``, ``start_year``, ``start_month``, ``start_day`` (<NA> if unknown),
        ``earliest`` / ``latest`` (the first and last possible start date for the pair: the
        later of the two participants' start dates), ``hostlev`` and ``fatality`` (dispute
        level, from MIDA), sorted by start. Sources: ``cow_mid_b``, ``cow_mid_a``.

    Examples
    --------
    >>> d = disputes_between(365, 710)
    >>> d.loc[d.start_year == 1969, "dispnum"].tolist()
    [349]
    """
    part = load("cow_mid_b")
    part = part[part["ccode"].isin([a, b])]
    pa = part[part["ccode"] == a].set_index("dispnum")
    pb = part[part["ccode"] == b].set_index("dispnum")
    both = pa.join(pb, how="inner", lsuffix="_a", rsuffix="_b")
    both = both[both["sidea_a"] != both["sidea_b"]]
    rows = []
    for disp, r in both.iterrows():
        lo = max(
            _earliest(r["styear_a"], r["stmon_a"], r["stday_a"]), _earliest(r["styear_b"], r["stmon_b"], r["stday_b"])
        )
        hi = max(_latest(r["styear_a"], r["stmon_a"], r["stday_a"]), _latest(r["styear_b"], r["stmon_b"], r["stday_b"]))
        known = lo == hi
        rows.append((int(str(disp)), lo.year, lo.month, lo.day if known else pd.NA, lo, hi))
    out = pd.DataFrame(rows, columns=["dispnum", "start_year", "start_month", "start_day", "earliest", "latest"])
    out["start_day"] = out["start_day"].astype("Int64")
    mida = load("cow_mid_a").set_index("dispnum")
    out["hostlev"] = mida["hostlev"].reindex(out["dispnum"]).to_numpy()
    out["fatality"] = mida["fatality"].reindex(out["dispnum"]).to_numpy()
    out = out.sort_values(["earliest", "dispnum"]).reset_index(drop=True)
    return with_meta(out, TableMeta(unit="other", sources=meta_of(part).with_sources(*meta_of(mida).sources).sources))


def _earliest(year: float, month: float, day: float) -> pd.Timestamp:
    if pd.isna(month):
        return pd.Timestamp(int(year), 1, 1)
    return pd.Timestamp(int(year), int(month), 1 if pd.isna(day) else int(day))


def _latest(year: float, month: float, day: float) -> pd.Timestamp:
    if pd.isna(month):
        return pd.Timestamp(int(year), 12, 31)
    if pd.isna(day):
        return pd.Timestamp(int(year), int(month), 1) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(int(year), int(month), int(day))


@dataclass(frozen=True)
class DisputeCount:
    """Disputes that began inside a window: certain ones, and those whose unknown start day straddles an end."""

    inside: pd.DataFrame
    uncertain: pd.DataFrame

    @property
    def n(self) -> int:
        return len(self.inside)


def disputes_in_window(disputes: pd.DataFrame, *, first: pd.Timestamp, last: pd.Timestamp) -> DisputeCount:
    """Split :func:`disputes_between` rows by whether they began in ``[first, last]``.

    Parameters
    ----------
    disputes : DataFrame
        Rows of :func:`disputes_between`.
    first, last : Timestamp
        The window, both ends included (e.g. a treaty's entry into force and end).

    Returns
    -------
    DisputeCount
        ``inside`` (began in the window for certain), ``uncertain`` (an unknown start day
        whose month straddles an end of the window) and ``n`` (the number inside).

    Examples
    --------
    >>> import pandas as pd
    >>> c = disputes_in_window(disputes_between(365, 710), first=pd.Timestamp("1950-02-14"),
    ...                        last=pd.Timestamp("1980-04-11"))
    >>> c.n, len(c.uncertain)
    (12, 0)
    """
    lo, hi = disputes["earliest"], disputes["latest"]
    inside = (lo >= first) & (hi <= last)
    outside = (hi < first) | (lo > last)
    uncertain = ~inside & ~outside
    meta = meta_of(disputes)
    return DisputeCount(
        with_meta(disputes[inside.to_numpy()].reset_index(drop=True), meta),
        with_meta(disputes[np.asarray(uncertain)].reset_index(drop=True), meta),
    )
