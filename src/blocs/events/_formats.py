"""The published layouts of the event datasets blocs reads, one record per format.

Each :class:`EventFormat` names the columns exactly as the producer documents them, whether
the files carry a header, and which columns the pipeline uses (event id, date, the two
actors' country labels, the event code, the Goldstein-type score, and the de-duplication
keys).  Readers check every file against these lists before any computation.

Sources of the column lists:

* ICEWS: the Dataverse ``.tab`` files (Boschee et al. 2015), header row as published; the
  mirror's one real day (2018-06-01) has exactly these 20 columns.
* GDELT 1.0: *GDELT Data Format Codebook V1.03* (Leetaru and Schrodt 2013): 57 columns in
  the historical back-files (1979 to March 2013) and 58, with ``SOURCEURL``, in the daily
  files from 2013-04-01; no header.
* GDELT 2.0: *GDELT Event Codebook V2.0* (2015): 61 columns (``ADM2Code`` added to the three
  geography blocks, ``DATEADDED`` as YYYYMMDDHHMMSS); no header.
* POLECAT: the weekly Dataverse files of the POLECAT/PLOVER project (Halterman et al. 2023),
  40 columns with a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["EventFormat", "FORMATS", "FormatName", "ICEWS_COLUMNS", "GDELT1_COLUMNS", "GDELT2_COLUMNS"]

FormatName = Literal["icews", "gdelt1", "gdelt2", "polecat"]

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip


def _actor(n: int) -> tuple[str, ...]:
    return tuple(
        f"Actor{n}{s}"
        for s in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    )  # fmt: skip


def _geo(prefix: str, adm2: bool) -> tuple[str, ...]:
    parts = (
        ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long", "FeatureID"]
    )
    return tuple(f"{prefix}_{p}" for p in parts)


_EVENT = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
)  # fmt: skip
_HEAD = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")

#: GDELT 1.0 daily files (from 2013-04-01): 58 columns; the back-files lack the last one.
GDELT1_COLUMNS: tuple[str, ...] = (
    _HEAD + _actor(1) + _actor(2) + _EVENT
    + _geo("Actor1Geo", False) + _geo("Actor2Geo", False) + _geo("ActionGeo", False)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
#: GDELT 2.0 event exports: 61 columns.
GDELT2_COLUMNS: tuple[str, ...] = (
    _HEAD + _actor(1) + _actor(2) + _EVENT
    + _geo("Actor1Geo", True) + _geo("Actor2Geo", True) + _geo("ActionGeo", True)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip


@dataclass(frozen=True)
class EventFormat:
    """One published event-data layout and the columns the pipeline takes from it.

    Attributes
    ----------
    name : str
        ``"icews"``, ``"gdelt1"``, ``"gdelt2"`` or ``"polecat"``.
    title : str
        The dataset and the document that defines its columns.
    columns : tuple of str
        Every column, in file order, as documented.
    header : bool
        Whether files start with a header row (ICEWS, POLECAT) or not (GDELT).
    alternatives : tuple of tuple of str
        Other documented layouts of the same dataset (GDELT 1.0 back-files: 57 columns).
    event_id, date, actor1, actor2, code, score : str
        The columns used: event id, event date, the two actors' country labels, the event
        code (CAMEO code or PLOVER event type) and the Goldstein-type score.
    date_style : {"iso", "yyyymmdd"}
        ``2018-06-01`` (ICEWS, POLECAT) or ``20180601`` (GDELT ``SQLDATE``).
    actor_kind : {"name", "cameo"}
        Country names resolved by name (ICEWS), or CAMEO/ISO 3166 alpha-3 codes (GDELT,
        POLECAT).
    coding : {"cameo", "plover"}
        How ``code`` maps to a quad class.
    strict_keys : tuple of str
        Extra columns of the "strict" de-duplication rule (see :func:`aggregate_events`).
    root_column : str or None
        GDELT's ``IsRootEvent`` (the strict rule keeps root events only).
    quad_column : str or None
        GDELT's own ``QuadClass``, read instead of deriving the class from the code.
    typed : tuple of (column, type)
        Columns a Parquet copy stores as numbers (parsed once, as the raw path parses them).
    suffixes : tuple of str
        File-name endings (before any compression suffix) accepted when a directory is read.
    cite : tuple of str
        BibTeX keys of the dataset (``blocs cite KEY``).
    """

    name: str
    title: str
    columns: tuple[str, ...]
    header: bool
    event_id: str
    date: str
    actor1: str
    actor2: str
    code: str
    score: str
    date_style: Literal["iso", "yyyymmdd"]
    actor_kind: Literal["name", "cameo"]
    coding: Literal["cameo", "plover"]
    strict_keys: tuple[str, ...]
    suffixes: tuple[str, ...]
    root_column: str | None = None
    quad_column: str | None = None
    typed: tuple[tuple[str, str], ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()
    source: str = ""
    version: str = ""
    cite: tuple[str, ...] = ()

    @property
    def used(self) -> tuple[str, ...]:
        """The columns the pipeline reads, without repeats, in file order."""
        want = {self.event_id, self.date, self.actor1, self.actor2, self.code, self.score, *self.strict_keys}
        want |= {c for c in (self.root_column, self.quad_column) if c}
        return tuple(c for c in self.columns if c in want)


FORMATS: dict[str, EventFormat] = {
    "icews": EventFormat(
        name="icews",
        title="ICEWS coded event data, Harvard Dataverse .tab files (Boschee et al. 2015)",
        columns=ICEWS_COLUMNS,
        header=True,
        event_id="Event ID",
        date="Event Date",
        actor1="Source Country",
        actor2="Target Country",
        code="CAMEO Code",
        score="Intensity",
        date_style="iso",
        actor_kind="name",
        coding="cameo",
        strict_keys=("Story ID", "Sentence Number"),
        typed=(("Intensity", "float64"),),
        suffixes=(".tab", ".tsv", ".txt"),
        source="ICEWS",
        cite=("Boschee2015",),
        version="Dataverse doi:10.7910/DVN/28075",
    ),
    "gdelt1": EventFormat(
        name="gdelt1",
        title="GDELT 1.0 event exports (GDELT Data Format Codebook V1.03)",
        columns=GDELT1_COLUMNS,
        header=False,
        alternatives=(GDELT1_COLUMNS[:-1],),
        event_id="GLOBALEVENTID",
        date="SQLDATE",
        actor1="Actor1CountryCode",
        actor2="Actor2CountryCode",
        code="EventRootCode",
        score="GoldsteinScale",
        date_style="yyyymmdd",
        actor_kind="cameo",
        coding="cameo",
        strict_keys=(),
        root_column="IsRootEvent",
        quad_column="QuadClass",
        typed=(("GLOBALEVENTID", "int64"), ("SQLDATE", "int64"), ("QuadClass", "int64"), ("GoldsteinScale", "float64")),
        suffixes=(".csv", ".tsv", ".txt"),
        source="GDELT 1.0",
        cite=("Leetaru2013",),
        version="event exports, codebook V1.03",
    ),
    "gdelt2": EventFormat(
        name="gdelt2",
        title="GDELT 2.0 event exports (GDELT Event Codebook V2.0)",
        columns=GDELT2_COLUMNS,
        header=False,
        event_id="GLOBALEVENTID",
        date="SQLDATE",
        actor1="Actor1CountryCode",
        actor2="Actor2CountryCode",
        code="EventRootCode",
        score="GoldsteinScale",
        date_style="yyyymmdd",
        actor_kind="cameo",
        coding="cameo",
        strict_keys=(),
        root_column="IsRootEvent",
        quad_column="QuadClass",
        typed=(("GLOBALEVENTID", "int64"), ("SQLDATE", "int64"), ("QuadClass", "int64"), ("GoldsteinScale", "float64")),
        suffixes=(".csv", ".tsv", ".txt"),
        source="GDELT 2.0",
        cite=("Leetaru2013",),
        version="event exports, codebook V2.0",
    ),
    "polecat": EventFormat(
        name="polecat",
        title="POLECAT event data coded to the PLOVER ontology (Halterman et al. 2023)",
        columns=POLECAT_COLUMNS,
        header=True,
        event_id="Event ID",
        date="Event Date",
        actor1="Actor Country",
        actor2="Recipient Country",
        code="Event Type",
        score="Intensity",
        date_style="iso",
        actor_kind="cameo",
        coding="plover",
        strict_keys=("Source", "Event Mode"),
        typed=(("Intensity", "float64"),),
        suffixes=(".tab", ".tsv", ".txt", ".csv"),
        source="POLECAT",
        cite=("Halterman2023",),
        version="Dataverse weekly files",
    ),
}
