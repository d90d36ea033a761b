"""One computation, two engines: DuckDB and a local Spark session return identical tables.

Spark is slow to start, so the module shares one session.
"""

from __future__ import annotations

from collections.abc import Iterator
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
