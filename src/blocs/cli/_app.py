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
    "_events",
    "_idealpoints",
    "_landscape",
    "_measures",
    "_networks",
    "_serve",
    "_tables",
)
_HERE = Path(__file__).resolve().parent
#: Sub-command groups: the typer object a module decorates its commands with -> (name, help).
GROUPS = {
    "data_app": ("data", "Dataset catalog: list, fetch and verify the data blocs uses."),
    "events_app": (
        "events",
        "Event data (ICEWS, GDELT 1.0/2.0, POLECAT): dyad-day/month/year cooperation and conflict "
        "on DuckDB or Spark, and synthetic files in the published formats.",
    ),
}


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
                if owner in GROUPS:
                    out.setdefault(GROUPS[owner][0], (module, GROUPS[owner][1]))
                elif owner == "app":
                    out[str(name)] = (module, inspect.cleandoc(ast.get_docstring(node) or ""))
    for group, _ in GROUPS.values():  # typer lists sub-groups after commands
        if group in out:
            out[group] = out.pop(group)
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



def _install_fast_coercion() -> None:
    """Coerce plain option values (str, int, float, Path, optional or repeated) without pydantic.

    typer >= 0.2x converts every option value through a pydantic ``TypeAdapter``: importing
    pydantic and building the adapters costs about 0.2 s of CPU per command, more than the rest
    of ``blocs resolve``.  Plain annotations need none of it; they get a converter here whose
    error names the bad value ("'nineteen' is not an integer").  Anything else (choices, ranges,
    file modes, custom parsers) keeps typer's own coercion.  A typer without these internals
    is left alone.
    """
    try:
        from typer import _coercion
        from typer import core as typer_core
        from typer._click import exceptions as click_exceptions
    except ImportError:  # pragma: no cover - older typer: no pydantic coercion to avoid
        return
    base = getattr(_coercion, "RuntimeParam", None)
    original = getattr(_coercion, "build_runtime_param", None)
    if base is None or original is None or getattr(original, "_blocs_fast", False):
        return
    import dataclasses
    import types
    import typing

    defaults_none = ("click_type", "min", "max", "formats", "mode", "encoding", "path_type")
    defaults_false = ("clamp", "exists", "writable", "resolve_path", "allow_dash", "lazy", "atomic")
    def to_bool(text: Any) -> bool:
        word = str(text).strip().lower()
        if word in ("1", "true", "t", "yes", "y", "on"):
            return True
        if word in ("0", "false", "f", "no", "n", "off"):
            return False
        raise ValueError(text)

    converters: dict[Any, Any] = {str: str, int: int, float: float, Path: Path, bool: to_bool}
    labels = {str: "a string", int: "an integer", float: "a number", Path: "a path", bool: "true or false"}

    def plain(annotation: Any) -> Any:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            return plain(args[0]) if len(args) == 1 else None
        return annotation if annotation in converters else None

    @dataclasses.dataclass(frozen=True)
    class FastParam(base):  # type: ignore[misc,valid-type]
        kind: Any = None
        many: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            parser = getattr(self.parameter_info, "parser", None)

            def one(item: Any) -> Any:
                if parser is not None:  # a declared setting's own parser and check
                    try:
                        return parser(item)
                    except (TypeError, ValueError) as exc:
                        raise click_exceptions.BadParameter(str(exc), ctx=ctx, param=param) from None
                if isinstance(item, self.kind):
                    return item
                try:
                    return converters[self.kind](item)
                except (TypeError, ValueError):
                    msg = f"{item!r} is not {labels[self.kind]}"
                    raise click_exceptions.BadParameter(msg, ctx=ctx, param=param) from None

            if self.many:
                return [one(v) for v in value]
            return one(value)

    def build(descriptor: Any) -> Any:
        info = descriptor.parameter_info
        annotation = descriptor.annotation
        many = typing.get_origin(annotation) is list
        kind = plain(typing.get_args(annotation)[0] if many else annotation)
        simple = (
            kind is not None
            and descriptor.file_annotation is None
            and all(getattr(info, n, None) is None for n in defaults_none)
            and all(not getattr(info, n, False) for n in defaults_false)
            and all(getattr(info, n, True) in (True, None) for n in ("file_okay", "dir_okay", "readable"))
        )
        if not simple:
            return original(descriptor)
        return FastParam(parameter_info=info, annotation=annotation, kind=kind, many=many)

    build._blocs_fast = True  # type: ignore[attr-defined]
    _coercion.build_runtime_param = build
    if getattr(typer_core, "build_runtime_param", None) is original:
        typer_core.build_runtime_param = build  # type: ignore[attr-defined]  # core imported the name itself


_install_fast_coercion()

app = typer.Typer(
    cls=LazyGroup,
    name="blocs",
    help="The international system as data and models: alliances, rivalries, UN votes, blocs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help and usage errors: typer's rich panels import rich.markdown and
    # markdown-it (about 0.1 s), a third of what `blocs --help` may cost
    rich_markup_mode=None,
)
data_app = typer.Typer(
    help="Dataset catalog: list, fetch and verify the data blocs uses.", no_args_is_help=True, rich_markup_mode=None
)
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

