"""Section 7 — sources and citations of everything the report shows."""

from __future__ import annotations

from markupsafe import Markup

from blocs._meta import Source
from blocs.data import bibliography, catalog, cite
from blocs.data._cite import keys_for
from blocs.report._sections import Context, SectionResult, Table

__all__ = ["build_sources"]

ID = "sources"
TITLE = "Sources and citations"


def used_sources(ctx: Context) -> tuple[Source, ...]:
    """Every dataset (name, version) behind a number or figure of the report so far."""
    out: set[Source] = set()
    for n in ctx.numbers:
        out.update(n.sources)
    for f in ctx.figures:
        out.update(f.sources)
    return tuple(sorted(out))


def build_sources(ctx: Context) -> SectionResult:
    res = SectionResult(ID, TITLE)
    srcs = used_sources(ctx)
    entries = catalog()
    datasets = [s for s in srcs if s.name in entries]
    rows = tuple((s.name, s.version, entries[s.name].title.split(" (")[0]) for s in datasets)
    # event files given to the report (--events) are sources too, though not in the catalog
    from blocs.events import FORMATS

    event_titles = {f.source: f.title for f in FORMATS.values()}
    rows += tuple((s.name, s.version, f"{event_titles[s.name]}: the files given with --events")
                  for s in srcs if s.name not in entries and s.name in event_titles)  # fmt: skip
    res.tables.append(
        Table("Datasets behind the numbers and figures of this report", ("dataset", "version", "title"), rows)
    )
    methods = list(ctx.cache.get("methods", []))
    keys: dict[str, None] = {}
    for item in [s.name for s in datasets] + methods:
        keys.update(dict.fromkeys(keys_for(item)))
    bib = bibliography()
    present = [k for k in keys if k in bib]
    absent = [k for k in keys if k not in bib]
    if present:
        res.bibtex = cite(*present)
    if absent:
        res.missing.append(
            f"BibTeX entries for {', '.join(absent)} in blocs/data/bib/*.bib (catalog cite keys without an entry)"
        )
    res.paragraphs.append(
        Markup(
            "Every number on this page is listed in <code>numbers.json</code> with the datasets (name and version) "
            "and the blocs function or formula that produced it. The BibTeX below covers the datasets and the "
            "methods used; <code>blocs cite NAME</code> prints the entry for any one of them."
        )
    )
    return res
