"""Actor country labels to state codes by date, through blocs' one resolver.

Each distinct label found in the data is resolved once with
:func:`blocs.system.candidates` (every state the label can stand for, with its membership
spells).  The spells are cut into date intervals, and each interval gets the one state in
the system on those days, or is marked ambiguous when several are (a label such as "Germany"
between 1955 and 1990 in a source that does not say which).  Events are then joined to the
intervals on label and date: an event is matched only when its date falls in an interval
with exactly one state.  Nothing is guessed: labels that are no state (regions, "Hong
Kong"), dates outside every spell and ambiguous intervals are counted and reported.

GDELT and POLECAT give CAMEO country codes, which are ISO 3166 alpha-3 codes except for a
few CAMEO-specific ones mapped in :data:`CAMEO_COUNTRY_OVERRIDES`; CAMEO region codes
(``AFR``, ``EUR``, ``WST`` …) are not states and stay unmatched.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Final, Literal

import pandas as pd

from blocs._errors import BlocsError
from blocs.system import candidates, membership_changes

__all__ = ["CAMEO_COUNTRY_OVERRIDES", "actor_intervals", "date_int", "change_days"]

#: CAMEO country codes that differ from ISO 3166-1 alpha-3 (CAMEO codebook 1.1b3, ch. 3).
CAMEO_COUNTRY_OVERRIDES: Final[dict[str, str]] = {
    "ROM": "iso3:ROU",  # Romania (pre-2002 ISO code kept by CAMEO)
    "TMP": "iso3:TLS",  # East Timor
    "KOS": "cow:347",  # Kosovo (no ISO 3166-1 code)
    "ZAR": "iso3:COD",  # Zaire / DR Congo (pre-1997 ISO code)
}

_OPEN_END: Final[int] = 99991231


def date_int(day: _dt.date) -> int:
    """``2018-06-01`` -> ``20180601``: the integer dates the engines compare."""
    return day.year * 10000 + day.month * 100 + day.day


def change_days(system: Literal["cow", "gw"]) -> frozenset[int]:
    """The days (YYYYMMDD) on which some state enters or leaves the system: the only days on
    which an interval of :func:`actor_intervals` can start or end (the day after)."""
    return frozenset(date_int(d) for d in membership_changes(system))


def _query(label: str, kind: Literal["name", "cameo"]) -> str:
    if kind == "cameo":
        code = label.strip().upper()
        return CAMEO_COUNTRY_OVERRIDES.get(code, f"iso3:{code}")
    return label


def actor_intervals(
    labels: Iterable[str], *, kind: Literal["name", "cameo"], system: Literal["cow", "gw"]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Date intervals of each label's state, and the labels that match no state at all.

    Returns
    -------
    intervals : DataFrame
        ``label, start, end, code, ambiguous``: ``start``/``end`` inclusive YYYYMMDD
        integers; ``code`` the state (missing where ``ambiguous``).
    unknown : dict
        Label to the resolver's reason, for labels that are no state in the system.
    """
    rows: list[tuple[str, int, int, int | None, bool]] = []
    unknown: dict[str, str] = {}
    changes = change_days(system)
    for label in sorted(set(labels)):
        try:
            states = candidates(_query(label, kind), system=system)
        except BlocsError as exc:
            unknown[label] = str(exc).split(";")[0].split(". ")[0]
            continue
        spells: list[tuple[int, int, int]] = []
        for st in states:
            for i, (a, b) in enumerate(st.spells):
                last = st.ongoing and i == len(st.spells) - 1
                spells.append((date_int(a), _OPEN_END if last else date_int(b), st.code))
        bounds = sorted({s for s, _, _ in spells} | {_next_day(e) for _, e, _ in spells if e < _OPEN_END})
        if not set(bounds) <= changes:  # the roll-up by month or year relies on it
            raise RuntimeError(f"the intervals of {label!r} change on a day no state enters or leaves the system")
        for lo, hi in zip(bounds, [*bounds[1:], None], strict=True):
            end = _OPEN_END if hi is None else _prev_day(hi)
            alive = sorted({c for s, e, c in spells if s <= lo and end <= e})
            if alive:
                rows.append((label, lo, end, alive[0] if len(alive) == 1 else None, len(alive) > 1))
    frame = pd.DataFrame(rows, columns=["label", "start", "end", "code", "ambiguous"])
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["code"] = frame["code"].astype("Int64")
    frame["ambiguous"] = frame["ambiguous"].astype(bool)
    return frame, unknown


def _to_date(d: int) -> _dt.date:
    return _dt.date(d // 10000, d // 100 % 100, d % 100)


def _next_day(d: int) -> int:
    return date_int(_to_date(d) + _dt.timedelta(days=1))


def _prev_day(d: int) -> int:
    return date_int(_to_date(d) - _dt.timedelta(days=1))
