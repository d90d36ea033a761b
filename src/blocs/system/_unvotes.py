"""UN General Assembly roll-call votes keyed by COW country code.

The ``unvotes`` release of Voeten's data (``un_votes``, sessions 1–74) names countries by
their ``countrycode`` name and ISO2 code only, and ISO2 is missing for the Federal Republic
of Germany, the Yemen Arab Republic and Zanzibar.  :func:`load_un_votes` maps every name to
its Correlates of War code (table :data:`UN_COUNTRY_TO_COW`) and joins the roll-call
descriptions and issue codes, giving one row per (roll call, member that voted).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np
import pandas as pd

from blocs._errors import DataIntegrityError, InvalidParameterError
from blocs._meta import TableMeta, with_meta
from blocs.data import get_dataset, load

__all__ = ["load_un_votes", "UN_COUNTRY_TO_COW", "UN_ISSUES", "UN_SESSIONS", "UN_SUCCESSIONS"]

#: The six Voeten issue codes and what they mean.
UN_ISSUES: dict[str, str] = {
    "me": "Palestinian conflict (Middle East)",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}

#: Sessions covered by ``un_votes``/``un_roll_calls`` (1946-01-01 to 2020-01-14).
UN_SESSIONS: tuple[int, int] = (1, 74)

#: Country name in ``un_votes`` -> COW state code.  Successor/predecessor states follow
#: COW: the Federal Republic of Germany is 260 and united Germany 255; the GDR 265;
#: the Yemen Arab Republic 678, the People's Republic 680 and united Yemen 679; the
#: USSR and Russia share "Russia" (365); Czechoslovakia 315 and Czechia 316; Yugoslavia
#: (including Serbia and Montenegro until 2006 and Serbia after) 345; Zanzibar 511;
#: "Taiwan" is the Republic of China's seat until 1971 (713), "China" the PRC (710).
UN_COUNTRY_TO_COW: dict[str, int] = {
    "Afghanistan": 700, "Albania": 339, "Algeria": 615, "Andorra": 232, "Angola": 540,
    "Antigua & Barbuda": 58, "Argentina": 160, "Armenia": 371, "Australia": 900, "Austria": 305,
    "Azerbaijan": 373, "Bahamas": 31, "Bahrain": 692, "Bangladesh": 771, "Barbados": 53,
    "Belarus": 370, "Belgium": 211, "Belize": 80, "Benin": 434, "Bhutan": 760, "Bolivia": 145,
    "Bosnia & Herzegovina": 346, "Botswana": 571, "Brazil": 140, "Brunei": 835, "Bulgaria": 355,
    "Burkina Faso": 439, "Burundi": 516, "Cambodia": 811, "Cameroon": 471, "Canada": 20,
    "Cape Verde": 402, "Central African Republic": 482, "Chad": 483, "Chile": 155, "China": 710,
    "Colombia": 100, "Comoros": 581, "Congo - Brazzaville": 484, "Congo - Kinshasa": 490,
    "Costa Rica": 94, "Croatia": 344, "Cuba": 40, "Cyprus": 352, "Czechia": 316,
    "Czechoslovakia": 315, "Côte d’Ivoire": 437, "Denmark": 390, "Djibouti": 522, "Dominica": 54,
    "Dominican Republic": 42, "Ecuador": 130, "Egypt": 651, "El Salvador": 92,
    "Equatorial Guinea": 411, "Eritrea": 531, "Estonia": 366, "Eswatini": 572, "Ethiopia": 530,
    "Federal Republic of Germany": 260, "Fiji": 950, "Finland": 375, "France": 220, "Gabon": 481,
    "Gambia": 420, "Georgia": 372, "German Democratic Republic": 265, "Germany": 255, "Ghana": 452,
    "Greece": 350, "Grenada": 55, "Guatemala": 90, "Guinea": 438, "Guinea-Bissau": 404,
    "Guyana": 110, "Haiti": 41, "Honduras": 91, "Hungary": 310, "Iceland": 395, "India": 750,
    "Indonesia": 850, "Iran": 630, "Iraq": 645, "Ireland": 205, "Israel": 666, "Italy": 325,
    "Jamaica": 51, "Japan": 740, "Jordan": 663, "Kazakhstan": 705, "Kenya": 501, "Kiribati": 946,
    "Kuwait": 690, "Kyrgyzstan": 703, "Laos": 812, "Latvia": 367, "Lebanon": 660, "Lesotho": 570,
    "Liberia": 450, "Libya": 620, "Liechtenstein": 223, "Lithuania": 368, "Luxembourg": 212,
    "Madagascar": 580, "Malawi": 553, "Malaysia": 820, "Maldives": 781, "Mali": 432, "Malta": 338,
    "Marshall Islands": 983, "Mauritania": 435, "Mauritius": 590, "Mexico": 70,
    "Micronesia (Federated States of)": 987, "Moldova": 359, "Monaco": 221, "Mongolia": 712,
    "Montenegro": 341, "Morocco": 600, "Mozambique": 541, "Myanmar (Burma)": 775, "Namibia": 565,
    "Nauru": 970, "Nepal": 790, "Netherlands": 210, "New Zealand": 920, "Nicaragua": 93,
    "Niger": 436, "Nigeria": 475, "North Korea": 731, "North Macedonia": 343, "Norway": 385,
    "Oman": 698, "Pakistan": 770, "Palau": 986, "Panama": 95, "Papua New Guinea": 910,
    "Paraguay": 150, "Peru": 135, "Philippines": 840, "Poland": 290, "Portugal": 235, "Qatar": 694,
    "Romania": 360, "Russia": 365, "Rwanda": 517, "Samoa": 990, "San Marino": 331,
    "Saudi Arabia": 670, "Senegal": 433, "Seychelles": 591, "Sierra Leone": 451, "Singapore": 830,
    "Slovakia": 317, "Slovenia": 349, "Solomon Islands": 940, "Somalia": 520, "South Africa": 560,
    "South Korea": 732, "South Sudan": 626, "Spain": 230, "Sri Lanka": 780,
    "St. Kitts & Nevis": 60, "St. Lucia": 56, "St. Vincent & Grenadines": 57, "Sudan": 625,
    "Suriname": 115, "Sweden": 380, "Switzerland": 225, "Syria": 652,
    "São Tomé & Príncipe": 403, "Taiwan": 713, "Tajikistan": 702, "Tanzania": 510,
    "Thailand": 800, "Timor-Leste": 860, "Togo": 461, "Tonga": 955, "Trinidad & Tobago": 52,
    "Tunisia": 616, "Turkey": 640, "Turkmenistan": 701, "Tuvalu": 947, "Uganda": 500,
    "Ukraine": 369, "United Arab Emirates": 696, "United Kingdom": 200, "United States": 2,
    "Uruguay": 165, "Uzbekistan": 704, "Vanuatu": 935, "Venezuela": 101, "Vietnam": 816,
    "Yemen": 679, "Yemen Arab Republic": 678, "Yemen People's Republic": 680, "Yugoslavia": 345,
    "Zambia": 551, "Zanzibar": 511, "Zimbabwe": 552,
}  # fmt: skip

#: Seats that passed to a successor state during a session, following COW dates:
#: (name in ``un_votes``, first date of the successor, successor's COW code).  The
#: Federal Republic's seat votes as united Germany (255) from 1990-10-03, the Yemen Arab
#: Republic's as united Yemen (679) from 1990-05-22.
UN_SUCCESSIONS: tuple[tuple[str, str, int], ...] = (
    ("Federal Republic of Germany", "1990-10-03", 255),
    ("Yemen Arab Republic", "1990-05-22", 679),
)

_VOTE_CODE = {"yes": 1, "abstain": 2, "no": 3}
_DATASETS = ("un_votes", "un_roll_calls", "un_roll_call_issues")


def _parse_sessions(sessions: int | Iterable[int] | tuple[int, int] | None) -> list[int] | None:
    if sessions is None:
        return None
    if isinstance(sessions, bool):
        raise InvalidParameterError(f"sessions must be a session number or a list of them; got {sessions!r}")
    if isinstance(sessions, (int, np.integer)):
        out = [int(sessions)]
    elif isinstance(sessions, tuple) and len(sessions) == 2 and all(isinstance(s, int) for s in sessions):
        out = list(range(sessions[0], sessions[1] + 1))
    else:
        try:
            out = sorted({int(s) for s in sessions})
        except (TypeError, ValueError):
            raise InvalidParameterError(
                f"sessions must be a session number, a (first, last) tuple or a list; got {sessions!r}"
            ) from None
    first, last = UN_SESSIONS
    bad = [s for s in out if s < first or s > last]
    if bad or not out:
        raise InvalidParameterError(
            f"sessions {bad or out} outside un_votes coverage (sessions {first}–{last}); choose sessions in that range"
        )
    return out


def load_un_votes(*, sessions: int | Iterable[int] | tuple[int, int] | None = None) -> pd.DataFrame:
    """UN General Assembly roll-call votes, one row per (roll call, COW state that voted).

    Parameters
    ----------
    sessions : int, (first, last) tuple or list of ints, optional
        General Assembly sessions to keep (1–74). Default: all.

    Returns
    -------
    pandas.DataFrame
        Columns ``rcid`` (roll call id), ``ccode`` (COW code), ``country`` (name in the
        source), ``session``, ``year`` (``session + 1945``, the calendar year the session
        opened, as in Voeten's published data), ``date`` (of the vote), ``vote``
        (1 yes, 2 abstain, 3 no), ``importantvote`` (0/1; coded from session 39, missing
        before), and six 0/1 issue flags ``me nu di hr co ec`` (see :data:`UN_ISSUES`).
        Metadata: unit ``"other"``, system ``"cow"``, sources ``un_votes``,
        ``un_roll_calls``, ``un_roll_call_issues``.

    Raises
    ------
    InvalidParameterError
        If ``sessions`` lies outside 1–74.
    DataIntegrityError
        If the source names a country missing from :data:`UN_COUNTRY_TO_COW`.

    Notes
    -----
    Only yes/abstain/no are recorded: a member that was absent, or a state that was not yet
    (or no longer) a member, has **no row** for that roll call — never a "no".  Voeten's
    published file codes these as 8 (absent) and 9 (not a member); they are dropped here.
    Seats that changed hands within a session follow COW dates (:data:`UN_SUCCESSIONS`):
    "Federal Republic of Germany" votes from 1990-10-03 are united Germany (255), and
    "Yemen Arab Republic" votes from 1990-05-22 are united Yemen (679).  (Voeten's 2017
    file agrees on Germany but keeps 678 for Yemen's 1990 votes.)  The two "Zanzibar"
    votes of 1963-12-03 keep code 511.
    The ``year`` column follows Voeten's session-year convention: a vote cast in
    January 1964 during the 18th session has ``year`` 1963 and ``date`` 1964-01-…

    References
    ----------
    Voeten, E. (2013). Data and analyses of voting in the UN General Assembly.
    In Reinalda (ed.), *Routledge Handbook of International Organization*.

    Examples
    --------
    >>> v = load_un_votes(sessions=25)
    >>> sorted(v["vote"].unique().tolist())
    [1, 2, 3]
    """
    return _shared_un_votes(sessions).copy()


#: Process-level memo of :func:`load_un_votes`, keyed by the sessions asked for and the sha256 of
#: the three datasets (a changed file is a new key).  Building the table takes seconds (joins,
#: crosstab), and one dyad view reads it twice.
_UN_VOTES_MEMO: dict[tuple[tuple[int, ...] | None, tuple[str, ...]], pd.DataFrame] = {}
_UN_VOTES_LOCK = threading.Lock()


def _shared_un_votes(sessions: int | Iterable[int] | tuple[int, int] | None = None) -> pd.DataFrame:
    """The memoised table of :func:`load_un_votes`, **shared**: callers must not modify it.

    blocs' own readers (:func:`blocs.measures.add_similarity`, :func:`blocs.measures.add_un_agreement`)
    only filter it, which makes new frames; :func:`load_un_votes` hands users a copy.
    """
    keep = _parse_sessions(sessions)
    key = (None if keep is None else tuple(keep), tuple(get_dataset(n).sha256 for n in _DATASETS))
    table = _UN_VOTES_MEMO.get(key)
    if table is None:
        with _UN_VOTES_LOCK:  # threads of a server asking at once build it once
            table = _UN_VOTES_MEMO.get(key)
            if table is None:
                table = _build_un_votes(keep)
                if len(_UN_VOTES_MEMO) >= 4:  # bounded: a few session selections at most
                    _UN_VOTES_MEMO.pop(next(iter(_UN_VOTES_MEMO)))
                _UN_VOTES_MEMO[key] = table
    return table


def _build_un_votes(keep: list[int] | None) -> pd.DataFrame:
    votes = load("un_votes")
    calls = load("un_roll_calls")
    issues = load("un_roll_call_issues")

    unknown = sorted(set(votes["country"].unique()) - set(UN_COUNTRY_TO_COW))
    if unknown:
        raise DataIntegrityError(
            f"un_votes names countries with no COW code in UN_COUNTRY_TO_COW: {unknown}; add them to the table"
        )
    calls = calls[["rcid", "session", "date", "importantvote"]].copy()
    if keep is not None:
        calls = calls[calls["session"].isin(keep)]
    flags = pd.crosstab(issues["rcid"], issues["short_name"]).clip(upper=1)
    flags = flags.reindex(columns=list(UN_ISSUES), fill_value=0).astype("int8")
    calls = calls.merge(flags, left_on="rcid", right_index=True, how="left")
    for code in UN_ISSUES:
        calls[code] = calls[code].fillna(0).astype("int8")
    calls["importantvote"] = pd.to_numeric(calls["importantvote"], errors="coerce").astype("Int8")
    calls["year"] = (calls["session"] + 1945).astype("int64")

    out = votes[votes["rcid"].isin(calls["rcid"])].copy()
    out["ccode"] = out["country"].map(UN_COUNTRY_TO_COW).astype("int64")
    out = out[["rcid", "ccode", "country", "vote"]].merge(calls, on="rcid", how="inner", validate="many_to_one")
    for name, start, successor in UN_SUCCESSIONS:
        out.loc[(out["country"] == name) & (out["date"] >= pd.Timestamp(start)), "ccode"] = successor
    out["vote"] = out["vote"].astype(str).map(_VOTE_CODE).astype("int8")
    out["country"] = out["country"].astype(str)
    cols = ["rcid", "ccode", "country", "session", "year", "date", "vote", "importantvote", *UN_ISSUES]
    out = out[cols].sort_values(["rcid", "ccode"], kind="stable").reset_index(drop=True)
    dup = out.duplicated(["rcid", "ccode"])
    if dup.any():
        shown = out.loc[dup, ["rcid", "ccode"]].head().to_dict("records")
        raise DataIntegrityError(f"two un_votes countries map to the same COW code on one roll call: {shown}")
    meta = TableMeta(unit="other", system="cow", directed=None)
    meta = meta.with_sources(*(get_dataset(n).source for n in _DATASETS))
    return with_meta(out, meta)
