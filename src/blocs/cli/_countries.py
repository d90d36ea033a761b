"""`blocs resolve`: the states a country name or code stands for, with their spells."""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from rich.table import Table

from blocs.cli._app import app, console
from blocs.system import Country, candidates, resolve


@app.command("resolve")
def resolve_cmd(
    name: Annotated[str, typer.Argument(help="Name, abbreviation (USA, GFR), ISO code (DE, DEU) or code (710).")],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Resolve as of this year (one state, or an error).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Resolve as of this day, e.g. 1990-10-03 (not with --year).")
    ] = None,
    system: Annotated[Literal["cow", "gw"], typer.Option("--system", "-s", help="State system: cow or gw.")] = "cow",
) -> None:
    """Print the code, abbreviation, name and spells a country name or code stands for.

    Without --year/--date every state the name has meant is listed; with one, exactly one
    state is printed, or the command fails (exit 2) naming the candidates.
    """
    found: list[Country] = (
        candidates(name, system=system)
        if year is None and date is None
        else [resolve(name, year=year, date=date, system=system)]
    )
    when = f" in {year}" if year is not None else f" on {date}" if date is not None else ""
    table = Table(title=f"{name!r}{when} ({system.upper()})")
    for col in ("code", "abb", "name", "spells", "iso2", "iso3"):
        table.add_column(col, overflow="fold")
    for c in found:
        spells = "\n".join(f"{s.isoformat()} – {e.isoformat()}" for s, e in c.spells)
        if c.ongoing:
            spells += " (ongoing)"
        table.add_row(str(c.code), c.abbreviation, c.name, spells, c.iso2 or "", c.iso3 or "")
    console.print(table)
