"""`blocs events aggregate` and `blocs events synthesize`: event files to dyad tables, and test files.

This module imports only typer and the standard library at start-up; DuckDB, Ibis and
PySpark load inside the commands, so `blocs --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from blocs.cli._app import GROUPS, app

events_app = typer.Typer(help=GROUPS["events_app"][1], no_args_is_help=True)
app.add_typer(events_app, name="events")

FormatOpt = Annotated[str, typer.Option("--format", help="Published layout: icews, gdelt1, gdelt2 or polecat.")]


@events_app.command("aggregate")
def aggregate(
    files: Annotated[
        list[str], typer.Argument(help="Event files, folders or globs (plain, .gz, .bz2, .xz, .zst, .zip).")
    ],
    format: FormatOpt,
    out: Annotated[Path, typer.Option("--out", help="Write the dyad table (.parquet/.csv/.dta/.json).")],
    by: Annotated[str, typer.Option("--by", help="Period: day, month or year.")] = "month",
    engine: Annotated[str, typer.Option("--engine", help="duckdb (embedded, default) or spark.")] = "duckdb",
    undirected: Annotated[
        bool, typer.Option("--undirected", help="Undirected dyads (ccode1 < ccode2, both directions summed).")
    ] = False,
    system: Annotated[str, typer.Option("--system", help="State codes: cow (ccode) or gw (gwcode).")] = "cow",
    dedup: Annotated[
        str,
        typer.Option(
            "--dedup", help="De-duplication: ids (default), strict (GDELT root events; ICEWS story+sentence) or none."
        ),
    ] = "ids",
    threads: Annotated[int | None, typer.Option("--threads", help="DuckDB threads (default: all cores).")] = None,
    spark_master: Annotated[
        str | None, typer.Option("--spark-master", help="Spark master URL (default $BLOCS_SPARK_MASTER or local[*]).")
    ] = None,
    spark_conf: Annotated[
        list[str] | None, typer.Option("--spark-conf", help="Spark setting KEY=VALUE (repeatable).")
    ] = None,
) -> None:
    """Aggregate event files to a dyad-period table of quad-class counts, Goldstein scores and net cooperation.

    The report of every row left out (no country, same state, unmatched labels, …) is printed
    and written beside the table as FILE.report.json.
    """
    from blocs._errors import InvalidParameterError
    from blocs.cli._app import console, write_table
    from blocs.events import aggregate_events
    from blocs.query import check_output

    check_output(out, param="--out")  # before reading the events, which can take minutes
    conf: dict[str, str] = {}
    for item in spark_conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidParameterError(f"--spark-conf {item!r} is not KEY=VALUE; write e.g. spark.executor.memory=8g")
        conf[key.strip()] = value.strip()
    result = aggregate_events(
        files,
        format=format,  # type: ignore[arg-type]
        by=by,  # type: ignore[arg-type]
        directed=not undirected,
        system=system,  # type: ignore[arg-type]
        dedup=dedup,  # type: ignore[arg-type]
        engine=engine,  # type: ignore[arg-type]
        threads=threads,
        spark_master=spark_master,
        spark_conf=conf,
    )
    write_table(result.table, out)
    report_path = out.with_name(out.name + ".report.json")
    report_path.write_text(json.dumps(result.report.as_dict(), indent=2))
    console.print(result.report.describe(), highlight=False, soft_wrap=True)
    console.print(f"Wrote {len(result.table):,} dyad-{by} rows to {out} (report: {report_path.name})", highlight=False)


@events_app.command("synthesize")
def synthesize(
    format: FormatOpt,
    rows: Annotated[int, typer.Option("--rows", help="Number of events.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files into.")],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed (the same seed draws the same events in every format).")
    ] = 0,
    start: Annotated[str, typer.Option("--start", help="First event date.")] = "2018-01-01",
    rows_per_file: Annotated[int, typer.Option("--rows-per-file", help="Events per file.")] = 1_000_000,
    gzip: Annotated[bool, typer.Option("--gzip", help="Write .gz files.")] = False,
) -> None:
    """Write synthetic event files in the exact published format, fitted to the real ICEWS day and the CAMEO table."""
    from blocs.cli._app import console
    from blocs.events import synthesize_events

    paths = synthesize_events(
        out,
        format=format,  # type: ignore[arg-type]
        rows=rows,
        seed=seed,
        start=start,
        rows_per_file=rows_per_file,
        compression="gzip" if gzip else "none",
    )
    console.print(f"Wrote {rows:,} {format} events in {len(paths)} file(s) to {out}", highlight=False)


@events_app.command("convert")
def convert(
    files: Annotated[list[str], typer.Argument(help="Event files, folders or globs (plain or compressed).")],
    format: FormatOpt,
    out: Annotated[Path, typer.Option("--out", help="The Parquet file to write.")],
    all_columns: Annotated[
        bool, typer.Option("--all-columns", help="Keep every documented column, not only those the aggregation uses.")
    ] = False,
) -> None:
    """Copy event files to one Parquet file (documented column names, text values) for fast re-aggregation."""
    from blocs.cli._app import console
    from blocs.events import convert_events

    path = convert_events(files, out, format=format, columns="all" if all_columns else "used")  # type: ignore[arg-type]
    console.print(f"Wrote {path}", highlight=False)
