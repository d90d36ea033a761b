"""Parquet copies: sorted by id, sealed when ids are unique, and the footer proof of uniqueness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from blocs.events import FORMATS, aggregate_events, convert_events, sample_icews_path
from blocs.events._parquet import SEAL_KEY, ids_proven_unique, read_seal

GDELT2 = FORMATS["gdelt2"]


@pytest.fixture(scope="module")
def halves(synthetic: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The two synthetic GDELT 2.0 files, each copied to its own Parquet file."""
    root = tmp_path_factory.mktemp("halves")
    files = sorted(synthetic["gdelt2"].glob("*.CSV"))
    return [convert_events(f, root / f"{i}.parquet", format="gdelt2") for i, f in enumerate(files)]


def test_a_copy_is_sorted_by_id_and_sealed(halves: list[Path]) -> None:
    seal = read_seal(halves[0])
    assert seal is not None
    assert seal["format"] == "gdelt2" and seal["id_column"] == "GLOBALEVENTID" and seal["rows"] == 3000
    assert seal["writer"].startswith("blocs ")
    ids = pq.read_table(halves[0], columns=["GLOBALEVENTID"]).column(0).to_pylist()
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert not list(halves[0].parent.glob(".*"))  # no temporary file left behind


def test_disjoint_sealed_copies_prove_uniqueness_and_agree(halves: list[Path], synthetic: dict[str, Path]) -> None:
    assert ids_proven_unique([str(p) for p in halves], GDELT2)
    both = aggregate_events(halves, format="gdelt2")
    raw = aggregate_events(synthetic["gdelt2"], format="gdelt2")
    pd.testing.assert_frame_equal(both.table, raw.table)
    assert both.report == raw.report


def test_a_copy_given_twice_has_no_proof_and_is_deduplicated(halves: list[Path], tmp_path: Path) -> None:
    again = shutil.copy(halves[0], tmp_path / "again.parquet")
    paths = [str(halves[0]), str(again)]
    assert read_seal(again) is not None  # each file alone is sealed ...
    assert not ids_proven_unique(paths, GDELT2)  # ... but their id ranges overlap
    once, twice = aggregate_events(halves[0], format="gdelt2"), aggregate_events(paths, format="gdelt2")
    pd.testing.assert_frame_equal(once.table, twice.table)
    assert twice.report.rows == 2 * once.report.rows and twice.report.events == once.report.events


def test_repeated_ids_are_not_sealed(synthetic: dict[str, Path], tmp_path: Path) -> None:
    f = sorted(synthetic["gdelt2"].glob("*.CSV"))[0]
    dup = shutil.copy(f, tmp_path / "dup.export.CSV")
    copy = convert_events([f, dup], tmp_path / "dup.parquet", format="gdelt2")
    assert read_seal(copy) is None and not ids_proven_unique([str(copy)], GDELT2)
    got = aggregate_events(copy, format="gdelt2")
    pd.testing.assert_frame_equal(got.table, aggregate_events(f, format="gdelt2").table)


def test_a_seal_carried_by_another_writer_is_not_trusted(halves: list[Path], tmp_path: Path) -> None:
    """pyarrow keeps the footer's key-value metadata: a concatenation carries the seal, not its row count."""
    t = pq.read_table(halves[0])
    assert SEAL_KEY in (t.schema.metadata or {})
    doubled = tmp_path / "doubled.parquet"
    pq.write_table(pa.concat_tables([t, t]), doubled, row_group_size=10_000)  # one row group: ranges cannot tell
    assert read_seal(doubled) is not None and not ids_proven_unique([str(doubled)], GDELT2)
    got = aggregate_events(doubled, format="gdelt2")
    pd.testing.assert_frame_equal(got.table, aggregate_events(halves[0], format="gdelt2").table)
    unsealed = tmp_path / "plain.parquet"
    pq.write_table(t.replace_schema_metadata(None), unsealed)
    assert not ids_proven_unique([str(unsealed)], GDELT2)
    assert not ids_proven_unique([str(halves[0])], FORMATS["gdelt1"])  # sealed for another format


def test_text_ids_of_the_real_icews_day(tmp_path: Path) -> None:
    copy = convert_events(sample_icews_path(), tmp_path / "day.parquet", format="icews")
    assert read_seal(copy) is not None and ids_proven_unique([str(copy)], FORMATS["icews"])
    a = aggregate_events(copy, format="icews", by="day")
    b = aggregate_events(sample_icews_path(), format="icews", by="day")
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.report == b.report
