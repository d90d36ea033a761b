"""The typer application and the helpers every command shares."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Console

from blocs._errors import BlocsError
from blocs.query import OUTPUT_SUFFIXES as _OUTPUT_SUFFIXES
from blocs.query import write_table as _write_table

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

# The query layer writes tables with their provenance; commands re-use it from here.
OUTPUT_SUFFIXES = _OUTPUT_SUFFIXES


def exit_code_for(exc: BlocsError) -> int:
    """The exit status of a blocs error: declared by its class (2 usage, 1 data/environment)."""
    return int(exc.exit_code)


def write_table(table: pd.DataFrame, out: Path) -> None:
    """Write ``table`` with its sources sidecar (see :func:`blocs.query.write_table`)."""
    _write_table(table, out)


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
