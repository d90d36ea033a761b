"""The typer application and the helpers every command shares."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Console

from blocs._errors import (
    AmbiguousCountryError,
    BlocsError,
    CoverageError,
    InfeasibleOptionError,
    InvalidParameterError,
    UnknownCountryError,
    UnknownDatasetError,
)
from blocs._meta import meta_of

app = typer.Typer(
    name="blocs",
    help="The international system as data and models: alliances, rivalries, UN votes, blocs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Dataset catalog: list, fetch and verify the data blocs uses.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console()
err_console = Console(stderr=True)

# Usage errors (a bad argument) exit 2, like click's own usage errors; others exit 1.
_USAGE_ERRORS = (
    InvalidParameterError,
    InfeasibleOptionError,
    UnknownCountryError,
    AmbiguousCountryError,
    CoverageError,
    UnknownDatasetError,
)

OUTPUT_SUFFIXES = (".parquet", ".csv", ".dta", ".json")


def exit_code_for(exc: BlocsError) -> int:
    return 2 if isinstance(exc, _USAGE_ERRORS) else 1


def write_table(table: pd.DataFrame, out: Path) -> None:
    """Write ``table`` to ``out`` in the format its suffix names."""
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise InvalidParameterError(
            f"--out {str(out)!r} has an unsupported suffix {suffix!r}; use one of {', '.join(OUTPUT_SUFFIXES)}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = meta_of(table)
    plain = table.copy()
    plain.attrs.clear()
    if suffix == ".parquet":
        plain.to_parquet(out, index=False)
    elif suffix == ".csv":
        plain.to_csv(out, index=False)
    elif suffix == ".dta":
        for col in plain.columns:
            if str(plain[col].dtype) in ("Int64", "Int32", "boolean"):
                plain[col] = plain[col].astype("float64")
        plain.to_stata(out, write_index=False, version=118)
    else:
        plain.to_json(out, orient="records", date_format="iso")
    # Provenance travels with the file: `blocs cite FILE` reads this sidecar.
    sidecar = out.with_name(out.name + ".sources.json")
    sidecar.write_text(
        json.dumps(
            {
                "unit": meta.unit,
                "system": meta.system,
                "directed": meta.directed,
                "sources": [{"name": s.name, "version": s.version} for s in meta.sources],
            },
            indent=2,
        )
    )


def run(app_: Any = app) -> None:
    """Run the app: click reports its own usage errors, blocs errors become one clean message.

    In standalone mode click itself turns every usage error (unknown command, missing
    argument, bad option or value) into a message and exit code 2, ``typer.Exit(code)``
    into that code, and Ctrl-C into "Aborted!" with exit code 1, whichever click (typer's
    vendored copy or the real one) raised it.  Only blocs errors get here as exceptions;
    anything else is a bug and keeps its traceback.
    """
    try:
        app_(prog_name="blocs")
    except BlocsError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exit_code_for(exc))

# Event data (issue 16): the command module imports only typer; DuckDB, Ibis and PySpark load
# inside the commands.
from blocs.cli._events import events_app  # noqa: E402

app.add_typer(events_app, name="events")
