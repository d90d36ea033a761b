"""`blocs states`, `dyads`, `leaders` and `leader-dyads`: build a table, enrich it, write it, summarise it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from blocs._meta import meta_of
from blocs.cli._app import app, console
from blocs.query import SETTINGS, build_table, check_output, write_table
from blocs.query import parse_adds as parse_adds
from blocs.system import ADDERS

SystemOpt = Annotated[str, SETTINGS["system"].option()]
YearsOpt = Annotated[str | None, SETTINGS["years"].option()]
ExtendOpt = Annotated[int | None, SETTINGS["extend_to"].option()]
OutOpt = Annotated[Path | None, SETTINGS["out"].option()]


def _add_help(unit: str) -> str:
    names = ", ".join(a.name for a in ADDERS.values() if unit in a.units)
    return f"Comma-separated enrichments: {names}."


def _build(unit: str, **kw: object) -> pd.DataFrame:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as progress:
        task = progress.add_task("building", total=None)

        def step(name: str, done: int, total: int) -> None:
            desc = f"adding {name}: {ADDERS[name].help}" if name else "done"
            progress.update(task, description=desc, completed=done, total=total)

        return build_table(unit, progress=step, **kw)  # type: ignore[arg-type]


def _summary(table: pd.DataFrame, out: Path | None) -> None:
    meta = meta_of(table)
    grid = Table(show_header=False, box=None)
    grid.add_row("unit", f"{meta.unit} ({meta.system}{', directed' if meta.directed else ''})")
    grid.add_row("rows", f"{len(table):,}")
    if len(table):
        grid.add_row("years", f"{int(table['year'].min())}–{int(table['year'].max())}")
    grid.add_row("columns", ", ".join(map(str, table.columns)))
    grid.add_row("sources", ", ".join(str(s) for s in meta.sources))
    if out is not None:
        grid.add_row("written", str(out))
    console.print(grid)


@app.command("states")
def states(
    system: SystemOpt = "cow",
    years: YearsOpt = None,
    extend_to: ExtendOpt = None,
    add: Annotated[str | None, typer.Option("--add", help=_add_help("state_year"))] = None,
    out: OutOpt = None,
) -> None:
    """Build state-years from the system list, add enrichments, write and summarise."""
    if out is not None:
        check_output(out, param="--out")
    table = _build("state_year", system=system, years=years, extend_to=extend_to, add=add)
    if out is not None:
        write_table(table, out)
    _summary(table, out)


@app.command("dyads")
def dyads(
    system: SystemOpt = "cow",
    years: YearsOpt = None,
    directed: Annotated[
        bool, typer.Option("--directed/--undirected", help="Both (a, b) and (b, a), or a < b.")
    ] = False,
    extend_to: ExtendOpt = None,
    add: Annotated[str | None, typer.Option("--add", help=_add_help("dyad_year"))] = None,
    out: OutOpt = None,
) -> None:
    """Build dyad-years from the system list (no false dyads), add enrichments, write and summarise."""
    if out is not None:
        check_output(out, param="--out")
    table = _build("dyad_year", system=system, years=years, extend_to=extend_to, add=add, directed=directed)
    if out is not None:
        write_table(table, out)
    _summary(table, out)


def _enrich(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    for name in names:
        table = ADDERS[name].function(table)
    return table


@app.command("leaders")
def leaders(
    standardize: Annotated[
        str,
        typer.Option(
            "--standardize",
            help="none: leader-years as Archigos has them (G–W codes); gw or cow: only years the state "
            "was a member of that system (cow translates codes).",
        ),
    ] = "none",
    years: YearsOpt = None,
    add: Annotated[str | None, typer.Option("--add", help=_add_help("leader_year"))] = None,
    out: OutOpt = None,
) -> None:
    """Build Archigos leader-years, add leader attributes, write and summarise."""
    from blocs.system import create_leader_years

    names = parse_adds(add, "leader_year")  # type: ignore[arg-type]
    if out is not None:
        check_output(out, param="--out")
    table = create_leader_years(standardize=standardize.lower(), years=years)  # type: ignore[arg-type]
    table = _enrich(table, names)
    if out is not None:
        write_table(table, out)
    _summary(table, out)


@app.command("leader-dyads")
def leader_dyads(
    system: SystemOpt = "gw",
    years: Annotated[str, typer.Option("--years", help="Years, e.g. 1946-2014 or 1962 (Archigos: 1840-2015).")] = (
        "1870-2015"
    ),
    directed: Annotated[
        bool, typer.Option("--directed/--undirected", help="Both (a, b) and (b, a), or code1 < code2.")
    ] = True,
    add: Annotated[str | None, typer.Option("--add", help=_add_help("leader_dyad_year"))] = None,
    out: OutOpt = None,
) -> None:
    """Build Archigos leader-dyad-years (leaders of two states in office on a common day), add, write."""
    from blocs._validation import check_choice
    from blocs.system import create_leader_dyad_years

    sys_ = system.lower()
    check_choice(sys_, ("cow", "gw"), param="system")
    names = parse_adds(add, "leader_dyad_year")  # type: ignore[arg-type]
    if out is not None:
        check_output(out, param="--out")
    table = create_leader_dyad_years(system=sys_, directed=directed, years=years)  # type: ignore[arg-type]
    table = _enrich(table, names)
    if out is not None:
        write_table(table, out)
    _summary(table, out)
