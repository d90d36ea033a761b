"""`blocs states`, `dyads`, `leaders` and `leader-dyads`: build a table, enrich it, write it, summarise it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._meta import meta_of
from blocs.cli._app import OUTPUT_SUFFIXES, app, console, write_table
from blocs.system import ADDERS, create_dyad_years, create_leader_dyad_years, create_leader_years, create_state_years

SystemOpt = Annotated[
    str, typer.Option("--system", help="State system: cow (Correlates of War) or gw (Gleditsch–Ward).")
]
YearsOpt = Annotated[
    str | None, typer.Option("--years", help="Years, e.g. 1946-2014, 1962 or 1950,1960 (default: the whole list).")
]
ExtendOpt = Annotated[
    int | None,
    typer.Option("--extend-to", help="Carry states alive at the list's end forward through this year."),
]
OutOpt = Annotated[Path | None, typer.Option("--out", help=f"Write the table here ({', '.join(OUTPUT_SUFFIXES)}).")]


def _add_help(unit: str) -> str:
    names = ", ".join(a.name for a in ADDERS.values() if unit in a.units)
    return f"Comma-separated enrichments: {names}."


def parse_adds(text: str | None, unit: str) -> list[str]:
    """Split and check ``--add`` against the registry (and the table's unit)."""
    if not text:
        return []
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in ADDERS]
    if unknown:
        raise InvalidParameterError(
            f"--add: unknown enrichment(s) {', '.join(unknown)}; choose from {', '.join(ADDERS)}"
        )
    wrong = [n for n in names if unit not in ADDERS[n].units]
    if wrong:
        if unit == "state_year":
            hint = "need(s) dyad-years; use `blocs dyads` or drop them from `blocs states`"
        else:
            units = sorted({u.replace("_", "-") for n in wrong for u in ADDERS[n].units})
            hint = f"need(s) {' or '.join(units)} tables; drop them or use the command that builds those"
        raise InfeasibleOptionError(f"--add: {', '.join(wrong)} {hint}")
    return list(dict.fromkeys(names))


def _check_out(out: Path | None) -> None:
    if out is not None and out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InvalidParameterError(
            f"--out {str(out)!r} has an unsupported suffix {out.suffix!r}; use one of {', '.join(OUTPUT_SUFFIXES)}"
        )


def _system(value: str) -> str:
    v = value.lower()
    if v not in ("cow", "gw"):
        raise InvalidParameterError(f"--system must be cow or gw; got {value!r}")
    return v


def _enrich(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    if not names:
        return table
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("adding", total=len(names))
        for name in names:
            progress.update(task, description=f"adding {name}: {ADDERS[name].help}")
            table = ADDERS[name].function(table)
            progress.advance(task)
    return table


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
    sys_ = _system(system)
    names = parse_adds(add, "state_year")
    _check_out(out)
    table = create_state_years(system=sys_, years=years, extend_to=extend_to)  # type: ignore[arg-type]
    table = _enrich(table, names)
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
    sys_ = _system(system)
    names = parse_adds(add, "dyad_year")
    _check_out(out)
    table = create_dyad_years(system=sys_, directed=directed, years=years, extend_to=extend_to)  # type: ignore[arg-type]
    table = _enrich(table, names)
    if out is not None:
        write_table(table, out)
    _summary(table, out)


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
    names = parse_adds(add, "leader_year")
    _check_out(out)
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
    sys_ = _system(system)
    names = parse_adds(add, "leader_dyad_year")
    _check_out(out)
    table = create_leader_dyad_years(system=sys_, directed=directed, years=years)  # type: ignore[arg-type]
    table = _enrich(table, names)
    if out is not None:
        write_table(table, out)
    _summary(table, out)
