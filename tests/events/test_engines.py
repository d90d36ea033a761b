"""One computation, two engines: DuckDB and a local Spark session return identical tables.

Spark is slow to start, so the module shares one session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from blocs.events import aggregate_events, convert_events, sample_icews_path

pytest.importorskip("pyspark")

_CONF = {"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2", "spark.sql.adaptive.enabled": "false"}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    import shutil

    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs Java (CI installs openjdk-17-jre-headless)")
    from blocs.events._engine import connect

    con = connect("spark", spark_master="local[2]", spark_conf=_CONF)
    yield con
    con._session.stop()


@pytest.mark.parametrize("dedup", ["strict", "ids"])
def test_duckdb_and_spark_agree_on_the_real_icews_day(spark: Any, dedup: str, tmp_path: Path) -> None:
    kw: dict[str, Any] = {"format": "icews", "by": "day", "dedup": dedup}
    # "ids" on a Parquet copy takes the unique-id path (a distinct count instead of the grouping)
    src = (
        sample_icews_path()
        if dedup == "strict"
        else convert_events(sample_icews_path(), tmp_path / "d.parquet", format="icews")
    )
    duck = aggregate_events(src, engine="duckdb", **kw)
    sp = aggregate_events(src, engine="spark", spark_master="local[2]", spark_conf=_CONF, **kw)
    assert len(duck.table) > 400
    pd.testing.assert_frame_equal(sp.table, duck.table)
    assert sp.report == duck.report


@pytest.mark.parametrize("by", ["month", "year"])
def test_duckdb_and_spark_agree_across_membership_changes(
    spark: Any, by: str, membership_change_events: Callable[[Path, int], Path], tmp_path: Path
) -> None:
    """Months and years with a state's birth or death keep their days apart on both engines."""
    path = membership_change_events(tmp_path / "changes.export.CSV", 3)
    duck = aggregate_events(path, format="gdelt2", by=by)  # type: ignore[arg-type]
    sp = aggregate_events(path, format="gdelt2", by=by, engine="spark", spark_master="local[2]", spark_conf=_CONF)  # type: ignore[arg-type]
    assert duck.report.outside_system > 0
    pd.testing.assert_frame_equal(sp.table, duck.table)
    assert sp.report == duck.report
