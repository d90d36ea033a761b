"""Every dataset cites complete BibTeX entries; `blocs cite` works for each."""

from __future__ import annotations

import re
from importlib import resources

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs import DataNotFoundError
from blocs.cli import app
from blocs.data import bibliography, catalog, cite, cites, load
from blocs.data._cite import keys_for

_TYPES = {"article", "book", "incollection", "misc", "manual"}
_REQUIRED = {
    "article": {"author", "title", "journal", "year"},
    "book": {"author", "title", "publisher", "year"},
    "incollection": {"author", "title", "booktitle", "publisher", "year"},
    "misc": {"author", "title", "year"},
    "manual": {"title", "year"},
}


def _fields(entry: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"^\s*(\w+)\s*=", entry, re.M)}


def test_bib_keys_are_unique_across_files() -> None:
    folder = resources.files("blocs.data").joinpath("bib")
    keys = [
        m.group(1)
        for f in folder.iterdir()
        if f.name.endswith(".bib")
        for m in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,", f.read_text("utf-8"))
    ]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_dataset_entry_is_well_formed() -> None:
    text = resources.files("blocs.data").joinpath("bib", "datasets.bib").read_text("utf-8")
    bib = bibliography()
    for key in re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text):
        entry = bib[key]
        kind = re.match(r"@(\w+)", entry).group(1).lower()  # type: ignore[union-attr]
        assert kind in _TYPES, key
        assert _REQUIRED[kind] <= _fields(entry), (key, _REQUIRED[kind] - _fields(entry))
        assert entry.count("{") == entry.count("}"), key
        assert re.search(r"year\s*=\s*\{\d{4}\}", entry), key
        pages = re.search(r"pages\s*=\s*\{([^}]*)\}", entry)
        if pages and "-" in pages.group(1):
            assert "--" in pages.group(1), key  # page ranges use an en dash


def test_every_manifest_citation_has_an_entry(mirror) -> None:  # type: ignore[no-untyped-def]
    manifest = mirror.parent / "MANIFEST.md"
    if not manifest.exists():
        pytest.skip(f"no MANIFEST.md beside the mirror at {mirror}")
    section = manifest.read_text("utf-8").split("## Citations", 1)[1]
    keys = re.findall(r"^- \[(\w+)\]", section, re.M)
    assert len(keys) == 43
    missing = [k for k in keys if k not in bibliography()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_dataset_cites_resolvable_keys(name: str) -> None:
    ds = catalog()[name]
    assert ds.cite
    text = cite(name)
    for key in ds.cite:
        assert key in bibliography()
        assert re.search(rf"@\w+\{{{key},", text)


def test_blocs_cite_works_for_all_datasets() -> None:
    names = sorted(catalog())
    result = CliRunner().invoke(app, ["cite", *names], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    expected = {k for n in names for k in catalog()[n].cite}
    found = set(re.findall(r"@\w+\{(\w+),", result.output))
    assert found == expected


def test_cite_a_table_and_a_function() -> None:
    states = load("cow_states")
    assert keys_for(states) == ["COW2017states"]
    assert cite(states).startswith("@misc{COW2017states,")

    @cites("Gleditsch1999", "COW2017states")
    def membership() -> None:
        """A stand-in method."""

    assert cite(membership).count("@") == 2


def test_cite_errors() -> None:
    with pytest.raises(DataNotFoundError, match="nothing to cite for 'Nobody1900'"):
        cite("Nobody1900")
    with pytest.raises(DataNotFoundError, match="carries no blocs sources"):
        cite(pd.DataFrame({"a": [1]}))
