"""The typer application and the helpers every command shares.

Command modules are imported only when their command runs (:class:`LazyGroup`): ``blocs
--help`` reads each command's help from the modules' source without importing them, and
``blocs resolve`` imports the resolver but not the solvers, kernels or plotting libraries the
other commands need.  ``from blocs.cli import app`` gives the fully loaded app (tests, docs).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table
from typer import _click as click  # typer vendors click; its types are the ones TyperGroup uses
from typer.core import TyperCommand, TyperGroup

from blocs._errors import BlocsError

if TYPE_CHECKING:
    import pandas as pd

#: Command modules in registration order (the order ``blocs --help`` lists commands in).
COMMAND_MODULES = (
    "_case",
    "_countries",
    "_data",
    "_durability",
    "_idealpoints",
    "_landscape",
    "_measures",
    "_networks",
    "_serve",
    "_tables",
)
_HERE = Path(__file__).resolve().parent


@cache
def command_index() -> dict[str, tuple[str, str]]:
    """``{command name: (module, help)}`` read from the command modules' source, not imported.

    A command is a function decorated ``@app.command("name")`` (or ``@data_app.command`` for
    the ``data`` group, listed once as ``data``); its help is the function's docstring.
    """
    out: dict[str, tuple[str, str]] = {}
    for module in COMMAND_MODULES:
        tree = ast.parse((_HERE / f"{module}.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for dec in node.decorator_list:
                if not (
                    isinstance(dec, ast.Call)
                    and isinstance(dec.func, ast.Attribute)
                    and dec.func.attr == "command"
                    and isinstance(dec.func.value, ast.Name)
                ):
                    continue
                owner = dec.func.value.id
                name = dec.args[0].value if dec.args and isinstance(dec.args[0], ast.Constant) else node.name
                if owner == "data_app":
                    out.setdefault("data", (module, "Dataset catalog: list, fetch and verify the data blocs uses."))
                elif owner == "app":
                    out[str(name)] = (module, inspect.cleandoc(ast.get_docstring(node) or ""))
    if "data" in out:  # typer lists sub-groups after commands
        out["data"] = out.pop("data")
    return out


def load_all() -> None:
    """Import every command module (each registers its commands on ``app``)."""
    for module in COMMAND_MODULES:
        importlib.import_module(f"blocs.cli.{module}")


class LazyGroup(TyperGroup):
    """The root command group: imports a command's module only when that command is resolved."""

    def _load(self, name: str) -> None:
        entry = command_index().get(name)
        if entry is None:
            load_all()  # an unknown name: load everything so the "did you mean" list is complete
        elif f"blocs.cli.{entry[0]}" in sys.modules and name in self.commands:
            return
        else:
            importlib.import_module(f"blocs.cli.{entry[0]}")
        fresh = typer.main.get_group(app)
        self.commands.update(fresh.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(dict.fromkeys([*command_index(), *self.commands]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = command_index().get(cmd_name)
        if entry is not None and f"blocs.cli.{entry[0]}" not in sys.modules:
            # listed in help only; resolve_command loads the real command before it runs
            return TyperCommand(cmd_name, help=entry[1])
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-"):
            self._load(args[0])
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=LazyGroup,
    name="blocs",
    help="The international system as data and models: alliances, rivalries, UN votes, blocs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Dataset catalog: list, fetch and verify the data blocs uses.", no_args_is_help=True)
app.add_typer(data_app, name="data")



def _plain(cell: Any) -> str:
    """A table cell as one line of plain text (markup removed, newlines joined with '; ')."""
    from rich.text import Text

    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str):
        text = Text.from_markup(cell).plain
    else:
        text = str(cell)
    return "; ".join(part.strip() for part in text.splitlines() if part.strip()).replace("\t", " ")


def table_to_tsv(table: Table) -> str:
    """A rich table as tab-separated text: a ``# title`` line, the header row, one line per row.

    Nothing is truncated or wrapped, whatever the width: what a pipe, ``cut`` or
    ``pandas.read_csv(sep="\t", comment="#")`` reads is every full name and header.
    """
    lines = [f"# {_plain(table.title)}"] if table.title else []
    lines.append("\t".join(_plain(c.header) for c in table.columns))
    cells = [list(c._cells) for c in table.columns]
    for i in range(table.row_count):
        lines.append("\t".join(_plain(col[i]) if i < len(col) else "" for col in cells))
    return "\n".join(lines) + "\n"


class OutputConsole(Console):
    """The console commands print to: rich tables on a terminal, full tab-separated text in a pipe.

    When standard output is not a terminal (a pipe, a file, a test runner) tables are written
    as TSV (:func:`table_to_tsv`) and other text is never wrapped at 80 columns.
    ``BLOCS_TABLES=rich`` or ``BLOCS_TABLES=tsv`` forces one form.
    """

    def _tsv(self) -> bool:
        forced = os.environ.get("BLOCS_TABLES", "").strip().lower()
        if forced in ("rich", "tsv"):
            return forced == "tsv"
        return not self.is_terminal

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if not self._tsv():
            super().print(*objects, **kwargs)
            return
        for obj in objects:
            if isinstance(obj, Table):
                self.file.write(table_to_tsv(obj))
            else:
                super().print(obj, **{**kwargs, "soft_wrap": True})
        self.file.flush()


console = OutputConsole()
err_console = Console(stderr=True)



def exit_code_for(exc: BlocsError) -> int:
    """The exit status of a blocs error: declared by its class (2 usage, 1 data/environment)."""
    return int(exc.exit_code)


def write_table(table: pd.DataFrame, out: Path) -> None:
    """Write ``table`` with its sources sidecar (see :func:`blocs.query.write_table`)."""
    from blocs.query import write_table as _write_table

    _write_table(table, out)


def __getattr__(name: str) -> Any:
    # the query layer writes tables with their provenance; imported when a command needs it
    if name == "OUTPUT_SUFFIXES":
        from blocs.query import OUTPUT_SUFFIXES

        return OUTPUT_SUFFIXES
    raise AttributeError(f"module 'blocs.cli._app' has no attribute {name!r}")


class ProgressBars:
    """Progress bars on standard error for the library's long steps (:mod:`blocs._progress`).

    Nothing is drawn until a step reports, and nothing at all when standard error is not a
    terminal; each step label gets one bar with its real total (or the iteration cap).
    """

    def __init__(self) -> None:
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if self.progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.progress.start()
        if label not in self.tasks:
            self.tasks[label] = self.progress.add_task(label, total=total)
        self.progress.update(self.tasks[label], completed=done, total=total)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def run(app_: Any = app) -> None:
    """Run the app: click reports its own usage errors, blocs errors become one clean message.

    In standalone mode click itself turns every usage error (unknown command, missing
    argument, bad option or value) into a message and exit code 2, ``typer.Exit(code)``
    into that code, and Ctrl-C into "Aborted!" with exit code 1, whichever click (typer's
    vendored copy or the real one) raised it.  Only blocs errors get here as exceptions;
    anything else is a bug and keeps its traceback.
    """
    from blocs._progress import reporting

    bars = ProgressBars()
    try:
        with reporting(bars):
            app_(prog_name="blocs")
    except BlocsError as exc:
        bars.stop()
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exit_code_for(exc))
    finally:
        bars.stop()
