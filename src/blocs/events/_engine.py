"""Engines: an Ibis connection to embedded DuckDB or to Spark, and raw files as an Ibis table.

Only this module knows which engine runs; the computation in ``_pipeline`` is one Ibis
expression for both.  duckdb, ibis and pyspark are imported here, inside functions, so
``import blocs`` never loads them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal

from blocs._errors import InvalidParameterError, MalformedFileError
from blocs.events._formats import EventFormat

__all__ = ["Engine", "connect", "fetch", "read_raw_events", "reading", "require"]

Engine = Literal["duckdb", "spark"]

_HINT = 'install the events extra: pip install "blocs[events]"'


def require(module: str) -> Any:
    """Import an optional dependency of the events layer, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InvalidParameterError(f"the events layer needs {module!r}, which is not installed; {_HINT}") from None


def connect(
    engine: Engine,
    *,
    threads: int | None = None,
    spark_master: str | None = None,
    spark_conf: Mapping[str, str] | None = None,
) -> Any:
    """An Ibis backend: a fresh in-process DuckDB, or PySpark on a (local or cluster) session.

    For Spark the master URL is ``spark_master``, else ``$BLOCS_SPARK_MASTER``, else
    ``local[*]``; ``spark_conf`` entries are set on the session builder (memory, shuffle
    partitions, a cluster's deploy settings).  An already running session is reused.
    """
    ibis = require("ibis")
    if engine == "duckdb":
        require("duckdb")
        con = ibis.duckdb.connect()
        if threads is not None:
            con.raw_sql(f"SET threads TO {int(threads)}")
        # every result is keyed and sorted afterwards: no need to keep file order, which costs
        # memory and serialises parts of the CSV and Parquet scans
        con.raw_sql("SET preserve_insertion_order = false")
        return con
    require("pyspark")
    from pyspark.sql import SparkSession

    master = spark_master or os.environ.get("BLOCS_SPARK_MASTER") or "local[*]"
    builder = SparkSession.builder.master(master).appName("blocs-events")
    defaults = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "8" if master.startswith("local") else "200",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.memory": "2g",
    }
    for key, value in {**defaults, **dict(spark_conf or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


def read_raw_events(con: Any, engine: Engine, paths: list[str], fmt: EventFormat) -> Any:
    """The files as one Ibis table of string columns named as ``fmt`` documents them.

    Every column is read as text and only the used ones are cast later, so a stray value
    becomes a missing value that the report counts instead of aborting a 10^8-row run.
    Files are read unquoted (tabs separate fields; quotes are data in these exports).
    Parquet copies (:func:`blocs.events.convert_events`) keep the used columns as text except
    the format's ``typed`` ones (ids, dates, scores), stored already parsed; both kinds of input
    meet the same expression, whose casts are then no-ops.
    """
    if paths[0].lower().endswith(".parquet"):
        if engine == "spark":
            # Ibis' PySpark read_parquet takes one path (a list became the text "['...']")
            import uuid

            name = f"blocs_events_parquet_{uuid.uuid4().hex[:12]}"
            con._session.read.parquet(*paths).createOrReplaceTempView(name)
            t = con.table(name)
        else:
            t = con.read_parquet(paths)
        typed = dict(fmt.typed)
        cols = {}
        for c in fmt.used:
            kind = typed.get(c, "string")
            cols[c] = t[c] if str(t[c].type()).startswith(kind) else t[c].cast("string").try_cast(kind)
        return t.select(**cols)
    if engine == "duckdb":
        return con.read_csv(
            paths,
            delim="\t",
            header=fmt.header,
            columns={c: "VARCHAR" for c in fmt.columns},
            quote="",
            escape="",
            auto_detect=False,
            null_padding=True,
            ignore_errors=False,
        )
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(c, StringType(), True) for c in fmt.columns])
    return con.read_csv(paths, sep="\t", header=fmt.header, schema=schema, quote="", escape="\\", mode="PERMISSIVE")


def register(con: Any, engine: Engine, name: str, frame: Any) -> Any:
    """A small pandas table as an engine table named ``name`` (an Ibis table)."""
    if engine == "duckdb":
        con.con.register(f"{name}_df", frame)
        con.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT * FROM "{name}_df"')
        con.con.unregister(f"{name}_df")
    else:
        con._session.createDataFrame(frame).createOrReplaceTempView(name)
    return con.table(name)


def materialize(con: Any, engine: Engine, name: str, expr: Any) -> Any:
    """Compute ``expr`` once and keep it in the engine (DuckDB temp table; Spark cached view)."""
    sql = con.compile(expr)
    if engine == "duckdb":
        con.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}')
    else:
        df = con._session.sql(sql)
        df.cache().count()
        df.createOrReplaceTempView(name)
    return con.table(name)


def fetch(con: Any, engine: Engine, expr: Any) -> Any:
    """``expr``'s (small) result as a pandas frame.

    On DuckDB the compiled SQL is fetched with DuckDB's own pandas conversion, a third of the
    CPU of Ibis' ``to_pandas`` (which converts column by column in Python); nullable integer
    columns may come back as floats, so callers cast what they keep.
    """
    if engine == "duckdb":
        return con.con.execute(con.compile(expr)).df()
    return expr.to_pandas()


def drop(con: Any, engine: Engine, name: str) -> None:
    """Free a table made by :func:`register` or :func:`materialize`."""
    if engine == "duckdb":
        con.con.execute(f'DROP TABLE IF EXISTS "{name}"')
    else:
        catalog = con._session.catalog
        if catalog.tableExists(name):
            catalog.uncacheTable(name)
            catalog.dropTempView(name)


@contextmanager
def reading(fmt: EventFormat) -> Iterator[None]:
    """Turn DuckDB's CSV reader errors (a line with more fields than documented, invalid UTF-8,
    found past the lines the layout check reads) into a :class:`MalformedFileError` naming the
    file and the line, instead of a traceback."""
    try:
        yield
    except Exception as exc:
        text = str(exc)
        if type(exc).__name__ != "InvalidInputException" or "CSV Error on Line" not in text:
            raise
        line = re.search(r"CSV Error on Line: (\d+)", text)
        file = re.search(r"^\s*file = (.*)$", text, re.MULTILINE)
        lines = text.splitlines()
        reason = next((x.strip() for x in lines[2:] if x.strip()), "unreadable line")
        where = f"{file.group(1).strip()!r}" if file else "a file"
        raise MalformedFileError(
            f"{where} line {line.group(1) if line else '?'}: {reason.rstrip('.')}; {fmt.title} does not allow it, "
            "so the file is damaged or not an original export"
        ) from None
