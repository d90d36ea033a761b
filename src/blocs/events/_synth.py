"""Synthetic event files in the exact published layouts, fitted to real data.

Distributions come from the catalog's real ICEWS day (``icews_sample``, 2018-06-01, 3,705
events) and GDELT's CAMEO code table (``cameo_eventcodes``):

* actor pairs (names, sectors and countries of source and target, jointly) and report
  locations are drawn with their frequencies in the real day, so domestic events, actors
  without a country and labels that are no state ("Hong Kong") occur as often as there;
* event codes are drawn with their frequency in the day plus a pseudo-count of 0.5 for
  every CAMEO code of the table (so every code occurs); a code's score is its ICEWS
  intensity in the day, else the mean of its root in the day, else of its quad class;
* dates are uniform over ``days`` days from ``start`` (default: as many days as give the
  real day's 3,705 events a day), event ids consecutive from a seeded offset.

The same seed draws the same events for every format (ICEWS names, GDELT and POLECAT ISO
alpha-3 codes of the same states), so aggregated tables agree across formats; GDELT fields
the real day lacks (mentions, tone, URLs, geography type) are drawn from simple documented
distributions and are not used by the aggregation.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._validation import check_choice, check_random_state
from blocs.events._coding import cameo_quad_class
from blocs.events._formats import FORMATS, FormatName

__all__ = ["synthesize_events"]

_PLOVER_BY_ROOT = {
    1: "SUPPORT", 2: "REQUEST", 3: "AGREE", 4: "CONSULT", 5: "SUPPORT", 6: "COOPERATE", 7: "AID",
    8: "CONCEDE", 9: "RETREAT", 10: "ACCUSE", 11: "ACCUSE", 12: "REJECT", 13: "THREATEN", 14: "PROTEST",
    15: "MOBILIZE", 16: "SANCTION", 17: "COERCE", 18: "ASSAULT", 19: "ASSAULT", 20: "ASSAULT",
}  # fmt: skip
_QUAD_TEXT = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
_SECTOR_CODES = {"Government": "GOV", "Military": "MIL", "Executive": "GOV", "Legislative / Parliamentary": "LEG",
                 "Police": "COP", "Business": "BUS", "Media": "MED", "Judicial": "JUD"}  # fmt: skip
_EVENTS_PER_DAY = 3705


@dataclass(frozen=True)
class _Model:
    pairs: pd.DataFrame  # s_name, s_sectors, s_country, s_iso3, t_..., weight
    places: pd.DataFrame  # Publisher, City, District, Province, Country, Latitude, Longitude, weight
    codes: pd.DataFrame  # code, text, score, quad, weight
    geo: pd.DataFrame  # GDELT geography fields of each place


def _iso3(name: str) -> str:
    if name in ("", "NA"):
        return ""
    from blocs._errors import BlocsError, DatedNameWarning
    from blocs.system import resolve

    try:
        with warnings.catch_warnings():  # ICEWS 2018 still says "Swaziland": a label, not a user's slip
            warnings.simplefilter("ignore", DatedNameWarning)
            iso = resolve(name, date="2018-06-01").iso3
        if iso:
            return iso
    except BlocsError:
        pass
    from countrycode import countrycode

    guess = countrycode(name, origin="country.name", destination="iso3c")
    return str(guess) if guess else ""


def _iso2(name: str) -> str:
    iso3 = _iso3(name)
    if not iso3:
        return ""
    from countrycode import countrycode

    iso2 = countrycode(iso3, origin="iso3c", destination="iso2c")
    return str(iso2) if iso2 else ""


def _sector(sectors: str) -> str:
    first = sectors.split(",")[0] if sectors not in ("", "NA") else ""
    return _SECTOR_CODES.get(first, "")


@cache
def _model() -> _Model:
    from blocs.data import load

    day = load("icews_sample")
    table = load("cameo_eventcodes")
    cols = {"Source Name": "s_name", "Source Sectors": "s_sectors", "Source Country": "s_country",
            "Target Name": "t_name", "Target Sectors": "t_sectors", "Target Country": "t_country"}  # fmt: skip
    pairs = day.rename(columns=cols).groupby(list(cols.values()), sort=True).size().rename("weight").reset_index()
    iso = {n: _iso3(n) for n in sorted(set(pairs["s_country"]) | set(pairs["t_country"]))}
    for side in ("s", "t"):
        pairs[f"{side}_iso3"] = pairs[f"{side}_country"].map(iso)
        pairs[f"{side}_type"] = pairs[f"{side}_sectors"].map(_sector)
    place_cols = ["Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
    places = day.groupby(place_cols, sort=True).size().rename("weight").reset_index()
    # GDELT geography: type 1 (country) or 4 (city); GDELT writes FIPS 10-4 country codes there,
    # the synthesizer ISO 3166 alpha-2 (the aggregation does not read these columns)
    iso2 = {c: _iso2(c) for c in sorted(set(places["Country"]))}
    city = ~places["City"].isin(["", "NA"])
    geo = pd.DataFrame({"type": np.where(city, "4", "1"),
                        "full": np.where(city, places["City"] + ", " + places["Country"], places["Country"]),
                        "cc": places["Country"].map(iso2), "lat": places["Latitude"],
                        "lon": places["Longitude"]})  # fmt: skip

    day_codes = day.assign(score=day["Intensity"].astype(float))
    seen = day_codes.groupby("CAMEO Code").agg(n=("score", "size"), score=("score", "first"),
                                               text=("Event Text", lambda s: s.mode().iloc[0]))  # fmt: skip
    codes = table[table["CAMEOEVENTCODE"].str.fullmatch(r"\d{3,4}")].rename(
        columns={"CAMEOEVENTCODE": "code", "EVENTDESCRIPTION": "text"}
    )
    extra = sorted(set(seen.index) - set(codes["code"]))  # codes of the day the table lacks
    codes = pd.concat([codes, pd.DataFrame({"code": extra, "text": [""] * len(extra)})], ignore_index=True)
    codes["root"] = codes["code"].str[:2].astype(int)
    codes["quad"] = [cameo_quad_class(c) for c in codes["code"]]
    codes["weight"] = codes["code"].map(seen["n"]).fillna(0.0) + 0.5
    day_codes["root"] = day_codes["CAMEO Code"].str[:2].astype(int)
    day_codes["quad"] = [cameo_quad_class(c) for c in day_codes["CAMEO Code"]]
    by_root = day_codes.groupby("root")["score"].mean().round(1)
    by_quad = day_codes.groupby("quad")["score"].mean().round(1)
    score = codes["code"].map(seen["score"])
    score = score.fillna(codes["root"].map(by_root)).fillna(codes["quad"].map(by_quad))
    codes["score"] = score.astype(float)
    text = codes["code"].map(seen["text"])
    codes["text"] = text.where(text.notna(), codes["text"])
    # per-code text, drawn by index (no per-row formatting)
    codes["score_text"] = [f"{v:g}" for v in codes["score"].round(1)]
    codes["base"] = codes["code"].str[:3]
    codes["root_text"] = codes["code"].str[:2]
    codes["quad_text"] = codes["quad"].astype(int).astype(str)
    codes["quad_name"] = codes["quad"].map(_QUAD_TEXT)
    codes["plover"] = codes["root"].map(_PLOVER_BY_ROOT)
    return _Model(pairs=pairs.reset_index(drop=True), places=places, codes=codes.reset_index(drop=True), geo=geo)


def _p(w: pd.Series) -> np.ndarray:
    a = w.to_numpy(dtype=float)
    out: np.ndarray = a / a.sum()
    return out


def _chunk(
    model: _Model, rng: np.random.Generator, n: int, first_id: int, start: _dt.date, days: int
) -> dict[str, Any]:
    pi = rng.choice(len(model.pairs), size=n, p=_p(model.pairs["weight"]))
    ci = rng.choice(len(model.codes), size=n, p=_p(model.codes["weight"]))
    li = rng.choice(len(model.places), size=n, p=_p(model.places["weight"]))
    offset = np.sort(rng.integers(0, days, size=n))
    calendar = pd.date_range(start, periods=days, freq="D")
    return {"pi": pi, "ci": ci, "li": li, "offset": offset, "calendar": calendar,
            "ids": first_id + np.arange(n, dtype=np.int64),
            "sentence": rng.integers(1, 12, size=n), "root": rng.random(n) < 0.6,
            "mentions": 1 + rng.geometric(0.35, size=n), "tone": rng.normal(-1.0, 3.5, size=n)}  # fmt: skip


def _day_text(c: dict[str, Any], fmt: str, shift: int = 0) -> Any:
    """Dates as text, formatted once per calendar day and drawn by index."""
    import pyarrow as pa

    days = (c["calendar"] + pd.Timedelta(days=shift)).strftime(fmt).to_numpy(dtype=object)
    return pa.array(days, type=pa.string()).take(pa.array(c["offset"]))


def _text(values: np.ndarray, decimals: int | None = None) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values)
    if decimals is not None:
        arr = pc.round(arr, decimals)
    return pc.cast(arr, pa.string())


def _take(frame: pd.DataFrame, col: str, idx: np.ndarray) -> Any:
    import pyarrow as pa

    return pa.array(frame[col].astype(str).to_numpy(dtype=object), type=pa.string()).take(pa.array(idx))


def _icews(model: _Model, c: dict[str, Any]) -> dict[str, Any]:

    P, C, L, pi, ci, li = model.pairs, model.codes, model.places, c["pi"], c["ci"], c["li"]
    story = (c["ids"] // 2 + 40_000_000).astype(np.int64)
    return {
        "Event ID": _text(c["ids"]),
        "Event Date": _day_text(c, "%Y-%m-%d"),
        "Source Name": _take(P, "s_name", pi), "Source Sectors": _take(P, "s_sectors", pi),
        "Source Country": _take(P, "s_country", pi),
        "Event Text": _take(C, "text", ci), "CAMEO Code": _take(C, "code", ci),
        "Intensity": _take(C, "score_text", ci),
        "Target Name": _take(P, "t_name", pi), "Target Sectors": _take(P, "t_sectors", pi),
        "Target Country": _take(P, "t_country", pi),
        "Story ID": _text(story), "Sentence Number": _text(c["sentence"]),
        **{k: _take(L, k, li)
           for k in ("Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")},
    }  # fmt: skip


def _gdelt(model: _Model, c: dict[str, Any], version: int) -> dict[str, Any]:
    import pyarrow as pa

    P, C, pi, ci, li = model.pairs, model.codes, c["pi"], c["ci"], c["li"]
    import pyarrow.compute as pc

    n = len(pi)
    cal = c["calendar"]
    sqldate = _day_text(c, "%Y%m%d")
    empty = pa.array(np.full(n, "", dtype=object), type=pa.string())
    fraction = pa.array(np.round(cal.year + (cal.dayofyear - 1) / 365.0, 4)).take(pa.array(c["offset"]))
    out: dict[str, Any] = {
        "GLOBALEVENTID": _text(c["ids"]), "SQLDATE": sqldate,
        "MonthYear": _day_text(c, "%Y%m"), "Year": _day_text(c, "%Y"),
        "FractionDate": pc.cast(fraction, pa.string()),
    }  # fmt: skip
    for k, side in ((1, "s"), (2, "t")):
        iso = P[f"{side}_iso3"].astype(str)
        typ = P[f"{side}_type"].astype(str)
        frame = pd.DataFrame({"code": iso + typ.where(iso != "", ""), "name": P[f"{side}_country"].str.upper()
                              .where(iso != "", ""), "iso": iso, "type": typ.where(iso != "", "")})  # fmt: skip
        out[f"Actor{k}Code"] = _take(frame, "code", pi)
        out[f"Actor{k}Name"] = _take(frame, "name", pi)
        out[f"Actor{k}CountryCode"] = _take(frame, "iso", pi)
        for f in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"):
            out[f"Actor{k}{f}"] = empty
        out[f"Actor{k}Type1Code"] = _take(frame, "type", pi)
        out[f"Actor{k}Type2Code"] = empty
        out[f"Actor{k}Type3Code"] = empty
    mentions = c["mentions"]
    out.update({
        "IsRootEvent": _text(c["root"].astype(np.int64)),
        "EventCode": _take(C, "code", ci), "EventBaseCode": _take(C, "base", ci),
        "EventRootCode": _take(C, "root_text", ci), "QuadClass": _take(C, "quad_text", ci),
        "GoldsteinScale": _take(C, "score_text", ci),
        "NumMentions": _text(mentions), "NumSources": _text(np.maximum(1, mentions // 3)),
        "NumArticles": _text(mentions), "AvgTone": _text(c["tone"], 6),
    })  # fmt: skip
    geo = model.geo
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        out[f"{prefix}_Type"] = _take(geo, "type", li)
        out[f"{prefix}_FullName"] = _take(geo, "full", li)
        out[f"{prefix}_CountryCode"] = _take(geo, "cc", li)
        out[f"{prefix}_ADM1Code"] = _take(geo, "cc", li)
        if version == 2:
            out[f"{prefix}_ADM2Code"] = empty
        out[f"{prefix}_Lat"] = _take(geo, "lat", li)
        out[f"{prefix}_Long"] = _take(geo, "lon", li)
        out[f"{prefix}_FeatureID"] = empty
    out["DATEADDED"] = _day_text(c, "%Y%m%d" if version == 1 else "%Y%m%d%H%M%S", shift=1)
    out["SOURCEURL"] = pc.binary_join_element_wise("https://news.example.org/", sqldate, "/story-", _text(c["ids"]),
                                                   ".html", "")  # fmt: skip
    return out


def _polecat(model: _Model, c: dict[str, Any]) -> dict[str, Any]:
    import pyarrow as pa

    P, C, L, pi, ci, li = model.pairs, model.codes, model.places, c["pi"], c["ci"], c["li"]
    import pyarrow.compute as pc

    n = len(pi)
    empty = pa.array(np.full(n, "", dtype=object), type=pa.string())
    date = _day_text(c, "%Y-%m-%d")
    prim = {side: P[f"{side}_sectors"].str.split(",").str[0] for side in ("s", "t")}
    P2 = P.assign(s_prim=prim["s"], t_prim=prim["t"])
    out: dict[str, Any] = {
        "Event ID": pc.binary_join_element_wise("SYN", _text(c["ids"]), ""), "Event Date": date,
        "Event Type": _take(C, "plover", ci),
        "Event Mode": empty, "Intensity": _take(C, "score_text", ci),
        "Quad Code": _take(C, "quad_name", ci), "Contexts": empty,
    }  # fmt: skip
    for who, side in (("Actor", "s"), ("Recipient", "t")):
        out[f"{who} Name"] = _take(P2, f"{side}_name", pi)
        out[f"{who} Country"] = _take(P2, f"{side}_iso3", pi)
        out[f"{who} COW"] = empty
        out[f"Primary {who} Sector"] = _take(P2, f"{side}_prim", pi)
        out[f"{who} Sectors"] = _take(P2, f"{side}_sectors", pi)
        out[f"{who} Title"] = empty
        out[f"{who} Name Raw"] = _take(P2, f"{side}_name", pi)
        out[f"Wikipedia {who} ID"] = empty
    out.update({"Placename": _take(L, "City", li), "City": _take(L, "City", li), "District": _take(L, "District", li),
                "Province": _take(L, "Province", li), "Country": _take(L, "Country", li),
                "Latitude": _take(L, "Latitude", li), "Longitude": _take(L, "Longitude", li), "GeoNames ID": empty,
                "Raw Placename": _take(L, "City", li), "Feature Type": empty, "Source": _take(L, "Publisher", li),
                "Publication Date": date, "Story People": empty, "Story Organizations": empty,
                "Story Locations": empty, "Language": pa.array(np.full(n, "en", dtype=object)),
                "Version": pa.array(np.full(n, "synthetic", dtype=object))})  # fmt: skip
    return out


#: Bytes a synthetic row takes on disk, plain and gzip-compressed, measured on 20,000-row files
#: (seed 1); the disk check below asks for this with a 20% margin.
_BYTES_PER_ROW = {
    "icews": (260, 46),
    "gdelt1": (311, 40),
    "gdelt2": (320, 40),
    "polecat": (349, 50),
}


def _check_disk(folder: Path, format: str, rows: int, compression: str) -> None:
    """Refuse, before writing anything, a request the disk under ``folder`` cannot hold."""
    import shutil

    per_row = _BYTES_PER_ROW[format][1 if compression == "gzip" else 0]
    need = rows * per_row * 1.2
    probe = folder
    while not probe.exists():  # the nearest existing parent tells the free space
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if need > free:
        raise InfeasibleOptionError(
            f"rows={rows:,} of {format} would take about {need / 1e9:,.1f} GB, but {probe} has "
            f"{free / 1e9:,.1f} GB free; ask for fewer rows, use compression='gzip' (--gzip), or write elsewhere"
        )


_NAMES = {"icews": "events.synthetic.{i:05d}.tab", "gdelt1": "synthetic.{i:05d}.export.CSV",
          "gdelt2": "synthetic.{i:05d}.export.CSV", "polecat": "polecat.synthetic.{i:05d}.txt"}  # fmt: skip


def synthesize_events(
    out: str | os.PathLike[str],
    *,
    format: FormatName,
    rows: int,
    seed: int | np.random.Generator | None = None,
    start: str | _dt.date = "2018-01-01",
    days: int | None = None,
    rows_per_file: int = 1_000_000,
    compression: Literal["none", "gzip"] = "none",
) -> list[Path]:
    """Write synthetic event files in a format's exact published layout.

    Actor pairs, report locations and event codes are drawn from distributions fitted to
    the real ICEWS day and GDELT's CAMEO table (see the module notes); the files pass the
    same column checks as real ones and are meant for tests and benchmarks at scale.

    Parameters
    ----------
    out : path
        Folder to write into (created if needed).
    format : {"icews", "gdelt1", "gdelt2", "polecat"}
        Layout: ICEWS Dataverse ``.tab`` (header), GDELT 1.0 (58 columns) or 2.0 (61
        columns) exports (no header), POLECAT (header).
    rows : int
        Number of events (>= 1).
    seed : int, Generator or None
        Randomness; the same seed gives the same events in every format.
    start : date or ISO string, default "2018-01-01"
        First event date.
    days : int, optional
        Days covered; default ``ceil(rows / 3705)``, the real day's event rate.
    rows_per_file : int, default 1,000,000
        Events per file (files are written one at a time, in bounded memory).
    compression : {"none", "gzip"}, default "none"

    Returns
    -------
    list of Path
        The files written, in order.

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.
    Schrodt, P. A. (2012). CAMEO Event and Actor Codebook, version 1.1b3.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in synthesize_events(tempfile.mkdtemp(), format="gdelt2", rows=100, seed=1)]
    ['synthetic.00000.export.CSV']
    """
    check_choice(format, tuple(FORMATS), param="format")
    check_choice(compression, ("none", "gzip"), param="compression")
    for name, value in (("rows", rows), ("rows_per_file", rows_per_file)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise InvalidParameterError(f"{name} must be a positive integer; got {value!r}")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        raise InvalidParameterError(f"days must be a positive integer; got {days!r}")
    try:
        first = pd.Timestamp(start).date()
    except (ValueError, TypeError):
        raise InvalidParameterError(f"start must be a date such as '2018-01-01'; got {start!r}") from None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = check_random_state(seed)
    n_days = days if days is not None else max(1, math.ceil(rows / _EVENTS_PER_DAY))
    model = _model()
    fmt = FORMATS[format]
    folder = Path(out)
    _check_disk(folder.absolute(), format, int(rows), compression)
    folder.mkdir(parents=True, exist_ok=True)
    first_id = int(rng.integers(10_000_000, 90_000_000))
    n_files = math.ceil(rows / rows_per_file)
    days_per_file = n_days / n_files
    written: list[Path] = []
    for i in range(n_files):
        n = min(rows_per_file, rows - i * rows_per_file)
        lo = int(round(i * days_per_file))
        span = max(1, int(round((i + 1) * days_per_file)) - lo)
        c = _chunk(model, rng, n, first_id + i * rows_per_file, first + _dt.timedelta(days=lo), span)
        if format == "icews":
            cols = _icews(model, c)
        elif format == "polecat":
            cols = _polecat(model, c)
        else:
            cols = _gdelt(model, c, 1 if format == "gdelt1" else 2)
        table = pa.table({name: cols[name] for name in fmt.columns})
        path = folder / (_NAMES[format].format(i=i) + (".gz" if compression == "gzip" else ""))
        options = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
        with pa.OSFile(str(path), "wb") as raw:
            sink = pa.CompressedOutputStream(raw, "gzip") if compression == "gzip" else raw
            if fmt.header:  # the published header is unquoted; pyarrow would quote it
                sink.write(("\t".join(fmt.columns) + "\n").encode())
            pacsv.write_csv(table, sink, write_options=options)
            if compression == "gzip":
                sink.close()
        written.append(path)
    return written
