"""Country identity: names, abbreviations, ISO and state-system codes, as of a date.

A name means different states at different times.  "Russia" in 1960 is the Soviet Union
(COW and G-W 365); "Germany" in 1938 is 255, in 1960 it is two states (West Germany 260,
East Germany 265), and in 2000 it is 255 again in COW but still 260 in Gleditsch-Ward, which
keeps the Federal Republic's code for unified Germany.  This module resolves a name or a
code against the membership spells of one state system:

1. the input is turned into a set of candidate codes of the chosen system (see
   :func:`resolve` for the order in which names, abbreviations and codes are tried);
2. the candidates are filtered to the states in the system at the date or in the year;
3. one state left is the answer; several raise :class:`AmbiguousCountryError` listing them
   with their spells; none raises an error naming the spells of what was matched.

Spells come from the state-system tables (``cw_system`` for COW v2016, ``gw_system`` for
Gleditsch-Ward with microstates).  A spell that runs to the last date of its list (COW
2016-12-31, G-W 2020-12-31) is treated as continuing: the lists are right-censored, not
the states.  Between the two systems codes are translated with isard's year-by-year
panels (``cw_gw_panel``, ``gw_cw_panel``).  Modern names, UN-style names and ISO codes are
matched with the maintained ``countrycode`` package (the Python port of R's countrycode);
historical states it lacks, and its time-blind choices (it maps "West Germany" to 255 and
Vietnam to G-W 817), are handled by the curated table below.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from blocs._lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
else:  # the resolver's fast path (a cached index, a name, a year) needs neither
    np = LazyModule("numpy")
    pd = LazyModule("pandas")

from blocs._errors import (
    AmbiguousCountryError,
    BlocsError,
    DatedNameWarning,
    InvalidParameterError,
    UnknownCountryError,
)
from blocs._validation import check_choice

__all__ = ["Country", "resolve", "candidates", "country_code", "country_codes"]

System = Literal["cow", "gw"]
_SYSTEMS = ("cow", "gw")
_OPEN = _dt.date.max


@dataclass(frozen=True)
class Country:
    """One state of a state system: its code and every spell of its membership.

    Attributes
    ----------
    code : int
        COW ``ccode`` or G-W ``gwcode``.
    system : {"cow", "gw"}
        The state system the code belongs to.
    abbreviation : str
        The system's three-letter abbreviation (COW ``stateabb``, G-W ``stateabb``).
    name : str
        The system's name for the state.
    spells : tuple of (date, date)
        Membership spells, first and last day inclusive, as the system list gives them.
    ongoing : bool
        Whether the last spell runs to the end of the list (then it is treated as continuing).
    iso2, iso3 : str or None
        ISO 3166 codes where one applies (current codes; ISO 3166-3 codes for dissolved
        states such as DDR, CSK, YMD).
    """

    code: int
    system: str
    abbreviation: str
    name: str
    spells: tuple[tuple[_dt.date, _dt.date], ...]
    ongoing: bool = False
    iso2: str | None = None
    iso3: str | None = None

    def alive_on(self, day: _dt.date) -> bool:
        """Whether the state is in the system on ``day``."""
        return any(start <= day <= end for start, end in self._open_spells())

    def alive_in(self, year: int) -> bool:
        """Whether the state is in the system on at least one day of ``year``."""
        first, last = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        return any(start <= last and end >= first for start, end in self._open_spells())

    def _open_spells(self) -> list[tuple[_dt.date, _dt.date]]:
        out = list(self.spells)
        if self.ongoing:
            out[-1] = (out[-1][0], _OPEN)
        return out

    @property
    def years(self) -> list[int]:
        """Every year with at least one day in the system (up to the end of the list)."""
        return sorted({y for start, end in self.spells for y in range(start.year, end.year + 1)})

    def describe_spells(self) -> str:
        """The spells as text, e.g. ``1816-01-01 to 1945-05-08, 1990-10-03 to 2016-12-31 (ongoing)``."""
        parts = [f"{s.isoformat()} to {e.isoformat()}" for s, e in self.spells]
        if self.ongoing:
            parts[-1] += " (ongoing)"
        return ", ".join(parts)

    def describe(self) -> str:
        """One line: name, system, code, abbreviation and spells."""
        return f"{self.name} ({self.system.upper()} {self.code}, {self.abbreviation}; {self.describe_spells()})"


# --------------------------------------------------------------------------- curated names
# normalised name -> (COW codes, G-W codes).  Names that stand for several states over time
# list all of them; the date filter picks the one in the system (or reports the ambiguity).
_C = tuple[int, ...]


def _same(*codes: int) -> tuple[_C, _C]:
    return codes, codes


_ALIASES: dict[str, tuple[_C, _C]] = {
    # great powers and their common names
    "united states": _same(2),
    "united states of america": _same(2),
    "us": _same(2),
    "usa": _same(2),
    "america": _same(2),
    "russia": _same(365),
    "russian federation": _same(365),
    "russian empire": _same(365),
    "soviet union": _same(365),
    "ussr": _same(365),
    "union of soviet socialist republics": _same(365),
    "uk": _same(200),
    "britain": _same(200),
    "great britain": _same(200),
    "united kingdom": _same(200),
    "united kingdom of great britain and northern ireland": _same(200),
    "england": _same(200),
    "china": _same(710),
    "prc": _same(710),
    "peoples republic of china": _same(710),
    "mainland china": _same(710),
    "taiwan": _same(713),
    "roc": _same(713),
    "republic of china": _same(713),
    "chinese taipei": _same(713),
    "formosa": _same(713),
    "france": _same(220),
    "japan": _same(740),
    "italy": _same(325),
    "sardinia": _same(325),
    "piedmont": _same(325),
    "piedmont sardinia": _same(325),
    # Germany
    "germany": _same(255, 260, 265),
    "prussia": _same(255),
    "german empire": _same(255),
    "nazi germany": _same(255),
    "third reich": _same(255),
    "west germany": _same(260),
    "federal republic of germany": _same(260),
    "frg": _same(260),
    "brd": _same(260),
    "east germany": _same(265),
    "german democratic republic": _same(265),
    "gdr": _same(265),
    "ddr": _same(265),
    # Yemen: COW 678 (North) + 680 (South) -> 679; G-W keeps 678 for unified Yemen
    "yemen": ((678, 679, 680), (678, 680)),
    "north yemen": _same(678),
    "yemen arab republic": _same(678),
    "republic of yemen": ((679,), (678,)),
    "south yemen": _same(680),
    "yemen peoples republic": _same(680),
    "peoples democratic republic of yemen": _same(680),
    "peoples republic of southern yemen": _same(680),
    "democratic yemen": _same(680),
    "yemen democratic": _same(680),
    # Vietnam: 816 North (unified Vietnam after 1976), 817 South; G-W 815 pre-colonial
    "vietnam": ((816, 817), (815, 816, 817)),
    "viet nam": ((816, 817), (815, 816, 817)),
    "north vietnam": _same(816),
    "democratic republic of vietnam": _same(816),
    "socialist republic of vietnam": _same(816),
    "south vietnam": _same(817),
    "republic of vietnam": _same(817),
    # Korea
    "korea": _same(730, 731, 732),
    "north korea": _same(731),
    "dprk": _same(731),
    "democratic peoples republic of korea": _same(731),
    "korea dpr": _same(731),
    "south korea": _same(732),
    "republic of korea": _same(732),
    "korea republic of": _same(732),
    # Balkans: COW 345 runs Serbia -> Yugoslavia -> Serbia; G-W splits Serbia 340 / Yugoslavia 345
    "serbia": ((345,), (340, 345)),
    "yugoslavia": _same(345),
    "federal republic of yugoslavia": _same(345),
    "serbia and montenegro": _same(345),
    "kingdom of serbs croats and slovenes": _same(345),
    "montenegro": _same(341),
    "macedonia": _same(343),
    "north macedonia": _same(343),
    "fyrom": _same(343),
    "former yugoslav republic of macedonia": _same(343),
    "bosnia": _same(346),
    "bosnia herzegovina": _same(346),
    "bosnia and herzegovina": _same(346),
    # Central Europe
    "czechoslovakia": _same(315),
    "czech republic": _same(316),
    "czechia": _same(316),
    "slovakia": _same(317),
    "austria": _same(305),
    "austria hungary": _same(300),
    "austrian empire": _same(300),
    "habsburg empire": _same(300),
    "holland": _same(210),
    "the netherlands": _same(210),
    "hesse kassel": _same(273),
    "hesse darmstadt": _same(275),
    "wurttemberg": _same(271),
    "wuerttemberg": _same(271),
    "wuerttemburg": _same(271),
    "mecklenburg": _same(280),
    "two sicilies": _same(329),
    "kingdom of the two sicilies": _same(329),
    "naples": _same(329),
    # renamed states
    "ottoman empire": _same(640),
    "turkey": _same(640),
    "turkiye": _same(640),
    "persia": _same(630),
    "siam": _same(800),
    "burma": _same(775),
    "ceylon": _same(780),
    "zaire": _same(490),
    "congo kinshasa": _same(490),
    "dr congo": _same(490),
    "democratic republic of congo": _same(490),
    "congo brazzaville": _same(484),
    "republic of congo": _same(484),
    "republic of the congo": _same(484),
    "ivory coast": _same(437),
    "cote divoire": _same(437),
    "upper volta": _same(439),
    "dahomey": _same(434),
    "rhodesia": _same(552),
    "kampuchea": _same(811),
    "swaziland": _same(572),
    "eswatini": _same(572),
    "east timor": _same(860),
    "timor leste": _same(860),
    "cape verde": _same(402),
    "cabo verde": _same(402),
    "tanganyika": _same(510),
    "micronesia": _same(987),
    "samoa": _same(990),
    "western samoa": _same(990),
    "kiribati": ((946,), (970,)),
    "tonga": ((955,), (972,)),
    "nauru": ((970,), (971,)),
    "tuvalu": ((947,), (973,)),
    "kyrgyzstan": _same(703),
    "moldova": _same(359),
    "belarus": _same(370),
    "byelorussia": _same(370),
    "myanmar": _same(775),
    "sri lanka": _same(780),
    "iran": _same(630),
    "romania": _same(360),
    "rumania": _same(360),
}

# ISO codes that countrycode does not attach to a state-system code (historical ISO 3166-3
# codes, and codes it attaches to the wrong side of a division).  Keys are lookups only.
_ISO_LOOKUP: dict[str, tuple[_C, _C]] = {
    "DEU": _same(255, 260),
    "DE": _same(255, 260),
    "SUN": _same(365),
    "SU": _same(365),
    "YUG": _same(345),
    "YU": _same(345),
    "SCG": _same(345),
    "VDR": _same(816),
    "YMD": _same(680),
    "YD": _same(680),
    "DDR": _same(265),
    "DD": _same(265),
    "CSK": _same(315),
    "CS": _same(315),
    "YEM": ((678, 679), (678,)),
    "YE": ((678, 679), (678,)),
}

# ISO codes a Country record shows, where countrycode has none or a time-blind one.
_ISO_OVERRIDE: dict[tuple[str, int], tuple[str | None, str | None]] = {
    ("cow", 260): ("DE", "DEU"),
    ("cow", 265): ("DD", "DDR"),
    ("cow", 315): ("CS", "CSK"),
    ("cow", 345): ("RS", "SRB"),
    ("cow", 678): ("YE", "YEM"),
    ("cow", 680): ("YD", "YMD"),
    ("cow", 817): (None, None),
    ("cow", 347): ("XK", "XKX"),
    ("gw", 347): ("XK", "XKX"),
    ("gw", 255): (None, None),
    ("gw", 260): ("DE", "DEU"),
    ("gw", 265): ("DD", "DDR"),
    ("gw", 315): ("CS", "CSK"),
    ("gw", 340): ("RS", "SRB"),
    ("gw", 345): ("YU", "YUG"),
    ("gw", 678): ("YE", "YEM"),
    ("gw", 680): ("YD", "YMD"),
    ("gw", 816): ("VN", "VNM"),
    ("gw", 817): (None, None),
}

_PREFIXES = ("cow", "gw", "iso2", "iso3", "name")


# Historical names that the resolver maps onto a code which outlives them: the name, the day it
# stopped being the state's name, and what the state is called afterwards.  Using such a name
# after that day still resolves (the code is the same state in the system list) but with a note.
NAME_ERAS: dict[str, tuple[str, str, str]] = {
    # normalised name: (what it named, last day, successor)
    "ussr": ("the Soviet Union", "1991-12-26", "Russia (Russian Federation)"),
    "soviet union": ("the Soviet Union", "1991-12-26", "Russia (Russian Federation)"),
    "union of soviet socialist republics": ("the Soviet Union", "1991-12-26", "Russia (Russian Federation)"),
    "russian empire": ("the Russian Empire", "1917-11-07", "Soviet Russia, from 1922 the USSR"),
    "yugoslavia": ("Yugoslavia", "2003-02-04", "Serbia and Montenegro, from 2006 Serbia"),
    "federal republic of yugoslavia": (
        "the Federal Republic of Yugoslavia",
        "2003-02-04",
        "Serbia and Montenegro, from 2006 Serbia",
    ),
    "serbia and montenegro": ("Serbia and Montenegro", "2006-06-05", "Serbia"),
    "kingdom of serbs croats and slovenes": ("the Kingdom of Serbs, Croats and Slovenes", "1929-10-03", "Yugoslavia"),
    "german empire": ("the German Empire", "1918-11-09", "Germany (Weimar Republic)"),
    "nazi germany": ("Nazi Germany", "1945-05-08", "Germany"),
    "third reich": ("Nazi Germany", "1945-05-08", "Germany"),
    "prussia": ("Prussia", "1871-01-18", "the German Empire"),
    "piedmont": ("Piedmont-Sardinia", "1861-03-17", "Italy"),
    "sardinia": ("Piedmont-Sardinia", "1861-03-17", "Italy"),
    "piedmont sardinia": ("Piedmont-Sardinia", "1861-03-17", "Italy"),
    "ottoman empire": ("the Ottoman Empire", "1922-11-01", "Turkey"),
    "persia": ("Persia", "1935-03-21", "Iran"),
    "siam": ("Siam", "1949-05-11", "Thailand"),
    "burma": ("Burma", "1989-06-18", "Myanmar"),
    "ceylon": ("Ceylon", "1972-05-22", "Sri Lanka"),
    "zaire": ("Zaire", "1997-05-17", "the Democratic Republic of the Congo"),
    "upper volta": ("Upper Volta", "1984-08-04", "Burkina Faso"),
    "dahomey": ("Dahomey", "1975-11-30", "Benin"),
    "rhodesia": ("Rhodesia", "1979-06-01", "Zimbabwe"),
    "kampuchea": ("Kampuchea", "1989-04-30", "Cambodia"),
    "swaziland": ("Swaziland", "2018-04-19", "Eswatini"),
    "tanganyika": ("Tanganyika", "1964-04-26", "Tanzania"),
    "western samoa": ("Western Samoa", "1997-07-04", "Samoa"),
    "byelorussia": ("Byelorussia", "1991-09-19", "Belarus"),
}


def _normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``"Côte d’Ivoire"`` -> ``"cote divoire"``."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"['’`´]", "", s).replace("&", " and ")
    tokens = re.sub(r"[^a-z0-9]+", " ", s).split()
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens):  # "U.S.S.R." -> "ussr"
        tokens = ["".join(tokens)]
    tokens = ["saint" if t == "st" else t for t in tokens]
    return " ".join(tokens)


def dated_name_note(token: str | int, country: Country, *, year: int | None, day: _dt.date | None) -> str | None:
    """A sentence naming the successor when a historical name is used after its state ended, else None."""
    when = day if day is not None else (_dt.date(year, 1, 1) if year is not None else None)
    if not isinstance(token, str) or when is None:
        return None
    era = NAME_ERAS.get(_normalise(token))
    if era is None or when <= _dt.date.fromisoformat(era[1]):
        return None
    what, last, successor = era
    at = day.isoformat() if day is not None else str(year)
    return (
        f"{token!r} names {what}, which ended on {last}; in {at} code {country.code} is its successor "
        f"{successor} ({country.name}, {country.abbreviation})"
    )


def _name_keys(name: str) -> list[str]:
    """Keys for a system name: the whole name and, for "Germany (Prussia)", each part."""
    keys = [_normalise(name)]
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        keys += [_normalise(m.group(1)), _normalise(m.group(2))]
    for part in re.split(r"/", name):
        keys.append(_normalise(part))
    # "Korea, Republic of" -> "republic of korea"
    if "," in name and "(" not in name:
        head, tail = name.split(",", 1)
        keys.append(_normalise(f"{tail} {head}"))
    return [k for k in dict.fromkeys(keys) if k]


@dataclass(frozen=True)
class _Index:
    system: str
    states: Mapping[int, Country]
    aliases: Mapping[str, frozenset[int]]
    names: Mapping[str, frozenset[int]]
    abbreviations: Mapping[str, int]
    other: Mapping[str, frozenset[int]]  # the other system's names and abbreviations, translated
    iso: Mapping[str, frozenset[int]]
    crosswalk: pd.DataFrame  # columns: from (other system code), to (this system), year
    last_day: _dt.date


def _as_date(x: Any) -> _dt.date:
    return pd.Timestamp(x).date()


def _system_table(system: str) -> pd.DataFrame:
    if system == "cow":
        t = load("cw_system").rename(columns={"ccode": "code", "cw_abb": "abb", "cw_name": "name"})
    else:
        t = load("gw_system").rename(columns={"gwcode": "code", "gw_abb": "abb", "gw_name": "name"})
    return t[["code", "abb", "name", "start", "end"]].sort_values(["code", "start"], kind="stable")


def _iso_codes(system: str, codes: list[int]) -> dict[int, tuple[str | None, str | None]]:
    from countrycode import countrycode

    origin = "cown" if system == "cow" else "gwn"
    iso2 = countrycode(codes, origin=origin, destination="iso2c")
    iso3 = countrycode(codes, origin=origin, destination="iso3c")
    out = {c: (a or None, b or None) for c, a, b in zip(codes, iso2, iso3, strict=True)}
    # codes countrycode lacks (G-W microstates: Kiribati 970 is COW 946) borrow the ISO codes
    # of the other system's state they are paired with in isard's panels, where unique
    other = "gw" if system == "cow" else "cow"
    pairs = _crosswalk(system, other).drop_duplicates(["src", "dst"])
    other_iso = countrycode(
        [int(c) for c in pairs["dst"]], origin="gwn" if other == "gw" else "cown", destination="iso3c"
    )
    borrowed: dict[int, set[str]] = {}
    for src, iso in zip(pairs["src"], other_iso, strict=True):
        if iso:
            borrowed.setdefault(int(src), set()).add(iso)
    for code, (_, b) in list(out.items()):
        found = borrowed.get(code, set())
        if b is None and len(found) == 1:
            b3 = found.pop()
            out[code] = (countrycode(b3, origin="iso3c", destination="iso2c") or None, b3)
    for (sys_, code), value in _ISO_OVERRIDE.items():
        if sys_ == system and code in out:
            out[code] = value
    return out


@cache
def _crosswalk(src: str, dst: str) -> pd.DataFrame:
    """Year-by-year code pairs from system ``src`` to ``dst`` (isard's panels, both directions)."""
    frames = []
    for name in ("cw_gw_panel", "gw_cw_panel"):
        p = load(name)[["ccode", "gwcode", "year"]].dropna()
        frames.append(p)
    p = pd.concat(frames, ignore_index=True).drop_duplicates()
    col_src, col_dst = ("ccode", "gwcode") if src == "cow" else ("gwcode", "ccode")
    out = pd.DataFrame(
        {"src": p[col_src].astype("int64"), "dst": p[col_dst].astype("int64"), "year": p["year"].astype("int64")}
    )
    return out.drop_duplicates().reset_index(drop=True)


def load(name: str) -> pd.DataFrame:
    """``blocs.data.load``, imported when an index is built (not when a cached one is read)."""
    from blocs.data import load as load_dataset

    return load_dataset(name)


class _LazyCrosswalk:
    """The crosswalk frame of a cached index, rebuilt from the panels only when a query needs it."""

    def __init__(self, src: str, dst: str) -> None:
        self.src, self.dst = src, dst

    def __getitem__(self, key: Any) -> Any:
        return _crosswalk(self.src, self.dst)[key]

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") or attr in ("src", "dst"):
            raise AttributeError(attr)
        return getattr(_crosswalk(self.src, self.dst), attr)


def _index_key() -> str:
    """Digest of what an index depends on: the catalog (data checksums), this module, countrycode."""
    import hashlib
    from importlib import metadata, resources
    from pathlib import Path

    h = hashlib.sha256()
    h.update(resources.files("blocs.data").joinpath("catalog.toml").read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(metadata.version("countrycode").encode())
    return h.hexdigest()


@cache
def _index(system: str) -> _Index:
    """The name index of ``system``, built once per data version and kept on disk (fast start-up)."""
    from blocs.data._store import cached_object

    def build() -> _Index:
        built = _build_index(system)
        other = _SYSTEMS[1 - _SYSTEMS.index(system)]
        return _Index(**{**built.__dict__, "crosswalk": _LazyCrosswalk(other, system)})

    idx: _Index = cached_object(f"resolver-{system}", _index_key(), build)
    return idx


def _build_index(system: str) -> _Index:
    table = _system_table(system)
    last_day = _as_date(table["end"].max())
    codes = sorted(int(c) for c in table["code"].unique())
    iso = _iso_codes(system, codes)
    states: dict[int, Country] = {}
    for _, rows in table.groupby("code", sort=True):
        code = int(rows["code"].iloc[0])
        spells = tuple((_as_date(s), _as_date(e)) for s, e in zip(rows["start"], rows["end"], strict=True))
        i2, i3 = iso[code]
        states[code] = Country(
            code=code,
            system=system,
            abbreviation=str(rows["abb"].iloc[-1]),
            name=str(rows["name"].iloc[-1]),
            spells=spells,
            ongoing=spells[-1][1] >= last_day,
            iso2=i2,
            iso3=i3,
        )
    pos = _SYSTEMS.index(system)
    aliases = {k: frozenset(c for c in v[pos] if c in states) for k, v in _ALIASES.items()}
    aliases = {k: v for k, v in aliases.items() if v}

    names: dict[str, set[int]] = {}
    for code, st in states.items():
        for key in _name_keys(st.name):
            names.setdefault(key, set()).add(code)
    if system == "gw":
        gs = load("gw_states")
        for code, nm in zip(gs["gwcode"], gs["statename"], strict=True):
            for key in _name_keys(str(nm)):
                names.setdefault(key, set()).add(int(code))
    else:
        cc = load("cow_country_codes")
        for code, nm in zip(cc["CCode"], cc["StateNme"], strict=True):
            for key in _name_keys(str(nm)):
                names.setdefault(key, set()).add(int(code))
    abbreviations = {st.abbreviation.upper(): code for code, st in states.items()}

    other_sys = _SYSTEMS[1 - pos]
    other_table = _system_table(other_sys)
    xw = _crosswalk(other_sys, system)
    translate: dict[int, set[int]] = {}
    for src, dst in zip(xw["src"], xw["dst"], strict=True):
        translate.setdefault(int(src), set()).add(int(dst))
    other: dict[str, set[int]] = {}
    for code, abb, nm in zip(other_table["code"], other_table["abb"], other_table["name"], strict=True):
        targets = translate.get(int(code), set())
        for key in [*_name_keys(str(nm)), str(abb).casefold()]:
            other.setdefault(key, set()).update(targets)

    iso_index: dict[str, set[int]] = {}
    for code, st in states.items():
        for value in (st.iso2, st.iso3):
            if value:
                iso_index.setdefault(value, set()).add(code)
    for key, v in _ISO_LOOKUP.items():
        iso_index.setdefault(key, set()).update(c for c in v[pos] if c in states)

    return _Index(
        system=system,
        states=states,
        aliases=aliases,
        names={k: frozenset(v) for k, v in names.items()},
        abbreviations=abbreviations,
        other={k: frozenset(v) for k, v in other.items() if v},
        iso={k: frozenset(v) for k, v in iso_index.items() if v},
        crosswalk=xw,
        last_day=last_day,
    )


# --------------------------------------------------------------------------- matching
@cache
def _countrycode_guess(text: str) -> tuple[str | None, str | None]:
    """countrycode's English name and ISO3 for a free-text name (its regex dictionary)."""
    from countrycode import countrycode

    name = countrycode(text, origin="country.name", destination="country.name.en")
    iso3 = countrycode(text, origin="country.name", destination="iso3c")
    return (name or None), (iso3 or None)


def _candidate_codes(query: str | int, idx: _Index, year: int | None, day: _dt.date | None) -> frozenset[int]:
    """Codes of ``idx.system`` the query can stand for, before the date filter (empty: unknown)."""
    if isinstance(query, int | numbers.Integral):
        return frozenset({int(query)}) if int(query) in idx.states else frozenset()
    text = str(query).strip()
    prefix, _, rest = text.partition(":")
    if rest and prefix.strip().casefold() in _PREFIXES:
        return _prefixed(prefix.strip().casefold(), rest.strip(), idx, year, day)
    if re.fullmatch(r"[+-]?\d+", text):
        code = int(text)
        return frozenset({code}) if code in idx.states else frozenset()
    key = _normalise(text)
    if key in idx.aliases:
        return idx.aliases[key]
    if key in idx.names:
        return idx.names[key]
    if len(text) == 3 and text.upper() in idx.abbreviations:
        return frozenset({idx.abbreviations[text.upper()]})
    if len(text) in (2, 3) and text.isalpha() and text.upper() in idx.iso:
        return idx.iso[text.upper()]
    if key in idx.other:
        return idx.other[key]
    name, iso3 = _countrycode_guess(text)
    if name is not None:
        k2 = _normalise(name)
        if k2 in idx.aliases:
            return idx.aliases[k2]
        if k2 in idx.names:
            return idx.names[k2]
    if iso3 is not None and iso3 in idx.iso:
        return idx.iso[iso3]
    return frozenset()


def _prefixed(prefix: str, rest: str, idx: _Index, year: int | None, day: _dt.date | None) -> frozenset[int]:
    if prefix in ("iso2", "iso3"):
        return idx.iso.get(rest.upper(), frozenset())
    if prefix == "name":
        key = _normalise(rest)
        return idx.aliases.get(key) or idx.names.get(key) or frozenset()
    if not re.fullmatch(r"\d+", rest):
        found = _index(prefix).abbreviations.get(rest.upper())
        if found is None:
            return frozenset()
        rest = str(found)
    code = int(rest)
    if prefix == idx.system:
        return frozenset({code}) if code in idx.states else frozenset()
    xw = idx.crosswalk[idx.crosswalk["src"] == code]
    if year is not None or day is not None:
        y = year if year is not None else day.year  # type: ignore[union-attr]
        # the panels stop at their last year; later years use the last pairing
        y = min(y, int(xw["year"].max())) if len(xw) else y
        xw = xw[xw["year"] == y]
    return frozenset(int(c) for c in xw["dst"])


def _suggest(text: str, idx: _Index) -> list[str]:
    from rapidfuzz import fuzz, process

    labels: dict[str, str] = {}
    for key, codes in [*idx.aliases.items(), *idx.names.items()]:
        labels.setdefault(key, f"{key!r} ({', '.join(map(str, sorted(codes)))})")
    matches = process.extract(_normalise(text), list(labels), scorer=fuzz.WRatio, limit=3, score_cutoff=75)
    return [labels[m[0]] for m in matches]


def _when(year: int | None, day: _dt.date | None) -> str:
    if day is not None:
        return f"on {day.isoformat()}"
    return f"in {year}"


def _candidate_dicts(states: Iterable[Country]) -> list[dict[str, object]]:
    return [
        {"code": s.code, "abbreviation": s.abbreviation, "name": s.name, "spells": s.spells, "ongoing": s.ongoing}
        for s in states
    ]


def _check_args(system: str, year: Any, date: Any) -> tuple[int | None, _dt.date | None]:
    check_choice(system, _SYSTEMS, param="system")
    if year is not None and date is not None:
        raise InvalidParameterError("pass either year= or date=, not both")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise InvalidParameterError(f"year must be an integer such as 1960; got {year!r}")
        if not 1 <= int(year) <= 9999:  # a calendar year a date can hold
            raise InvalidParameterError(f"year must be a calendar year such as 1960 (1 to 9999); got {year!r}")
        return int(year), None
    if date is not None:
        try:
            day = pd.Timestamp(date)
        except (ValueError, TypeError):
            raise InvalidParameterError(
                f"date must be a date, datetime or ISO string such as '1990-10-03'; got {date!r}"
            ) from None
        if pd.isna(day):
            raise InvalidParameterError(f"date must be a date; got {date!r}")
        return None, day.date()
    return None, None


def _match(query: str | int, idx: _Index, year: int | None, day: _dt.date | None) -> list[Country]:
    """All states the query stands for, filtered to the date; raises when nothing is left."""
    if isinstance(query, bool) or not isinstance(query, (str, numbers.Integral)):
        raise InvalidParameterError(
            f"a country must be given as a name, an abbreviation, an ISO code or an integer code; got {query!r}"
        )
    codes = _candidate_codes(query, idx, year, day)
    label = idx.system.upper()
    if not codes:
        hint = ""
        if isinstance(query, numbers.Integral) or (isinstance(query, str) and query.strip().isdigit()):
            other = _SYSTEMS[1 - _SYSTEMS.index(idx.system)]
            found = _index(other).states.get(int(query))
            hint = ""
            if found is not None:
                hint = f" ({int(query)} is the {other.upper()} code of {found.name}; pass system={other!r})"
            raise UnknownCountryError(
                f"{query!r} is not a {label} state code{hint}; see `blocs resolve NAME` for a state's codes"
            )
        close = _suggest(str(query), idx)
        did = f"; did you mean {', '.join(close)}?" if close else "."
        raise UnknownCountryError(
            f"unknown country {query!r} in the {label} system{did} Give a name, a {label} or ISO "
            f"abbreviation, or an integer code."
        )
    states = [idx.states[c] for c in sorted(codes)]
    if year is None and day is None:
        return states
    alive = [s for s in states if (s.alive_on(day) if day is not None else s.alive_in(year))]  # type: ignore[arg-type]
    if not alive:
        listed = "; ".join(s.describe() for s in states)
        raise UnknownCountryError(
            f"{query!r} matches no state in the {label} system {_when(year, day)}: {listed}. "
            "Choose a year within one of these spells."
        )
    return alive


def candidates(
    name_or_code: str | int,
    *,
    year: int | None = None,
    date: Any = None,
    system: System = "cow",
) -> list[Country]:
    """Every state a name or code can stand for, optionally as of a year or a date.

    Unlike :func:`resolve`, several matches are returned rather than raised: ``candidates(
    "Germany")`` lists 255, 260 and 265 with their spells.  Parameters, matching rules and
    errors for unknown names are those of :func:`resolve`.

    Parameters
    ----------
    name_or_code, year, date, system
        As for :func:`resolve`.

    Returns
    -------
    list of Country
        Every matching state (in the system on the date or in the year, when given).

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> [c.code for c in candidates("Germany", year=1960)]
    [260, 265]
    """
    y, day = _check_args(system, year, date)
    return _match(name_or_code, _index(system), y, day)


@cache
def membership_changes(system: System = "cow") -> tuple[_dt.date, ...]:
    """Every day on which some state enters or leaves the system, sorted.

    The first day of every membership spell and the day after its last, for every state:
    between two consecutive such days the system's membership does not change.  Whatever
    resolves countries by date (:func:`candidates` and its spells) can change its answer
    only on these days.

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        The state system.

    Returns
    -------
    tuple of datetime.date
        The days, ascending, without repeats.

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> import datetime
    >>> datetime.date(2011, 7, 9) in membership_changes("cow")  # South Sudan
    True
    """
    _check_args(system, None, None)
    days: set[_dt.date] = set()
    for state in _index(system).states.values():
        for first, last in state.spells:
            days.update((first, last + _dt.timedelta(days=1)))
    return tuple(sorted(days))


def resolve(
    name_or_code: str | int,
    *,
    year: int | None = None,
    date: Any = None,
    system: System = "cow",
) -> Country:
    """Resolve a country name, abbreviation, ISO code or state code to one state.

    The input is matched, in this order, against: a prefix form (``"cow:255"``,
    ``"gw:GFR"``, ``"iso3:AUS"``, ``"iso2:DE"``, ``"name:…"``; a code of the other system is
    translated year by year with isard's COW/G-W panels); an integer code of ``system``
    (also as a string, ``"710"``); curated names and historical variants ("USSR", "West
    Germany", "North Yemen", "PRC"); the system's own state names; the system's
    three-letter abbreviation ("UKG", "GFR"); ISO 3166 alpha-2/alpha-3
    codes (a system abbreviation wins where the two collide: COW ``AUS`` is Austria, use
    ``"iso3:AUS"`` for Australia); the other system's names and abbreviations; and last
    countrycode's regular expressions for other spellings ("Viet Nam", "Iran (Islamic
    Republic of)").  Names ignore case, accents and punctuation.

    The matches are then filtered to the states in the system on ``date``, or on at least
    one day of ``year``.  A name that stands for several states over time (``"Germany"``:
    255, 260, 265) resolves to the one present at the date.

    Parameters
    ----------
    name_or_code : str or int
        Name, abbreviation, ISO code or integer code.
    year : int, optional
        Resolve as of this year (a state counts if it was in the system on any day of it,
        the rule of state-year tables).  Recommended: names such as "Germany", "Yemen" or
        "Vietnam" mean different states in different years.
    date : date, datetime or ISO string, optional
        Resolve as of this day (for transition years such as 1990).  Not with ``year``.
    system : {"cow", "gw"}, default "cow"
        Correlates of War (v2016) or Gleditsch-Ward codes and spells.

    Returns
    -------
    Country
        The state, with its code, abbreviation, name, every spell and ISO codes.

    Raises
    ------
    UnknownCountryError
        Nothing matches (with close-match suggestions), or what matches was not in the
        system at the date (the message names its spells).
    AmbiguousCountryError
        Several states match at the date, or several over time when no date is given; the
        message and ``.candidates`` list them with their spells.
    InvalidParameterError
        ``system`` is not "cow"/"gw", ``year`` is not an integer, or both year and date.

    Notes
    -----
    Spells are those of ``cw_system`` (COW v2016) and ``gw_system``; a spell running to the
    end of its list is treated as continuing, so later years resolve.  Key cases:
    Russia/USSR is 365 throughout; Germany is 255 until 1945, West (260) and East (265)
    Germany from 1954/55 (COW; 1949 in G-W) to 1990, then 255 in COW but 260 in G-W;
    Yemen is 678 (North) and 680 (South) until 1990-05-21, then 679 in COW and 678 in
    G-W; Vietnam 816/817 until 1975, then 816; COW 345 is Serbia and Yugoslavia throughout,
    G-W has Serbia 340 (1878–1915, from 2006) and Yugoslavia 345 (1918–2006);
    Czechoslovakia 315 ends 1992, the Czech Republic 316 begins 1993.  Code 710 (China)
    covers the Qing empire, the Republic of China on the mainland and the People's
    Republic; Taiwan is 713 from 1949-12-08.

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> resolve("Russia", year=1960).code
    365
    >>> resolve("Germany", year=1938).code
    255
    >>> resolve("Germany", year=2000, system="gw").code
    260
    >>> resolve("Yemen", year=2000).abbreviation
    'YEM'
    """
    y, day = _check_args(system, year, date)
    found = _match(name_or_code, _index(system), y, day)
    if len(found) == 1:
        note = dated_name_note(name_or_code, found[0], year=y, day=day)
        if note is not None:  # resolves, but never silently
            warnings.warn(note, DatedNameWarning, stacklevel=2)
        return found[0]
    listed = "; ".join(s.describe() for s in found)
    codes = ", ".join(str(s.code) for s in found)
    if y is None and day is None:
        fix = f"pass year= (or date=) to choose, or give the code ({codes})"
        where = f"over time in the {system.upper()} system"
    else:
        fix = f"give a more specific name or the code ({codes})"
        if day is None:
            fix += ", or pass date= for a day in a year of transition"
        where = f"in the {system.upper()} system {_when(y, day)}"
    raise AmbiguousCountryError(
        f"{name_or_code!r} is ambiguous {where}: {listed}; {fix}", candidates=_candidate_dicts(found)
    )


def country_code(
    name_or_code: str | int,
    *,
    year: int | None = None,
    date: Any = None,
    system: System = "cow",
) -> int:
    """The one state code (COW ``ccode`` or G-W ``gwcode``) a name or code stands for.

    Shorthand for ``resolve(...).code``; see :func:`resolve` for the rules and errors.

    Parameters
    ----------
    name_or_code, year, date, system
        As for :func:`resolve`.

    Returns
    -------
    int
        The COW ``ccode`` (``system="cow"``) or G-W ``gwcode`` (``system="gw"``).

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> country_code("USSR", year=1960)
    365
    >>> country_code("Germany", year=2000, system="cow")
    255
    """
    return resolve(name_or_code, year=year, date=date, system=system).code


def country_codes(
    names: Iterable[str | int] | pd.Series,
    *,
    year: int | Sequence[int] | np.ndarray | pd.Series | None = None,
    system: System = "cow",
    errors: Literal["raise", "coerce"] = "raise",
) -> pd.Series:
    """Resolve a column of names (and, optionally, a matching column of years) to codes.

    Each distinct (name, year) pair is resolved once, so a UN-style column of a million
    rows with 200 names costs 200 look-ups.

    Parameters
    ----------
    names : iterable of str or int, or Series
        Names, abbreviations or codes; a Series keeps its index in the result.
    year : int or array-like of int, optional
        One year for all rows, or one per row (same length as ``names``).
    system : {"cow", "gw"}, default "cow"
    errors : {"raise", "coerce"}, default "raise"
        ``"raise"``: one :class:`UnknownCountryError` listing every name that failed (up to
        ten, with the reason); ``"coerce"``: failures become missing values.

    Returns
    -------
    pandas.Series
        Nullable ``Int64`` codes, aligned with ``names``.

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    Gleditsch, K. S. and Ward, M. D. (1999). A revised list of independent states since
    the Congress of Vienna. International Interactions 25(4): 393-413.

    Examples
    --------
    >>> country_codes(["Russia", "Germany", "Yemen"], year=[1960, 1938, 2000]).tolist()
    [365, 255, 679]
    """
    check_choice(system, _SYSTEMS, param="system")
    check_choice(errors, ("raise", "coerce"), param="errors")
    index = names.index if isinstance(names, pd.Series) else None
    values = list(names)
    n = len(values)
    if year is None or isinstance(year, int | numbers.Integral):
        years: list[int | None] = [None if year is None else int(year)] * n
    else:
        years = [None if pd.isna(y) else int(y) for y in year]
        if len(years) != n:
            raise InvalidParameterError(f"year has {len(years)} values but names has {n}; give one year per name")
    idx = _index(system)
    pairs = pd.DataFrame({"name": pd.Series(values, dtype="object"), "year": pd.array(years, dtype="Int64")})
    uniq = pairs.drop_duplicates().reset_index(drop=True)
    codes: list[int | None] = []
    failures: list[str] = []
    for nm, yr in zip(uniq["name"], uniq["year"], strict=True):
        y = None if pd.isna(yr) else int(yr)
        if nm is None or (not isinstance(nm, str) and pd.isna(nm)):
            codes.append(None)
            continue
        try:
            found = _match(nm, idx, y, None)
            if len(found) != 1:
                raise AmbiguousCountryError(
                    f"{nm!r} is ambiguous ({', '.join(str(s.code) for s in found)})"
                    + ("" if y is not None else "; pass year=")
                )
            codes.append(found[0].code)
        except BlocsError as exc:
            codes.append(None)
            failures.append(f"{nm!r} ({y}): {exc}" if y is not None else f"{nm!r}: {exc}")
    if failures and errors == "raise":
        shown = "\n  ".join(failures[:10])
        more = f"\n  … and {len(failures) - 10} more" if len(failures) > 10 else ""
        raise UnknownCountryError(
            f"{len(failures)} name(s) could not be resolved to one {system.upper()} code "
            f"(pass errors='coerce' to get missing values instead):\n  {shown}{more}"
        )
    uniq["code"] = pd.array(codes, dtype="Int64")
    out = pairs.merge(uniq, on=["name", "year"], how="left", sort=False)["code"]
    out.name = "ccode" if system == "cow" else "gwcode"
    if index is not None:
        out.index = index
    return out
