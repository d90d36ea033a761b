"""`blocs resolve`: the states a country name or code stands for, with their spells."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from blocs.cli._app import app, console
from blocs.query import SETTINGS, Resolution, resolve_state


@app.command("resolve")
def resolve_cmd(
    name: Annotated[str, typer.Argument(help="Name, abbreviation (USA, GFR), ISO code (DE, DEU) or code (710).")],
    year: Annotated[
        int | None, SETTINGS["year"].option("-y", help="Resolve as of this year (one state, or an error).")
    ] = None,
    date: Annotated[str | None, SETTINGS["date"].option()] = None,
    system: Annotated[str, SETTINGS["system"].option("-s")] = "cow",
) -> None:
    """Print the code, abbreviation, name and spells a country name or code stands for.

    Without --year/--date every state the name has meant is listed; with one, exactly one
    state is printed (with a note when the name has outlived its state), or the command
    fails (exit 2) naming the candidates.
    """
    from blocs.system import candidates

    found: list[Resolution]
    if year is None and date is None:
        found = [resolve_state(c.code, system=system) for c in candidates(name, system=system)]  # type: ignore[arg-type]
    else:
        found = [resolve_state(name, year=year, date=date, system=system)]  # type: ignore[arg-type]
    when = f" in {year}" if year is not None else f" on {date}" if date is not None else ""
    table = Table(title=f"{name!r}{when} ({system.upper()})")
    for col in ("code", "abb", "name", "spells", "iso2", "iso3"):
        table.add_column(col, overflow="fold")
    for r in found:
        spells = "\n".join(f"{s} – {e}" for s, e in r.spells)
        if r.ongoing:
            spells += " (ongoing)"
        table.add_row(str(r.code), r.abbreviation, r.name, spells, r.iso2 or "", r.iso3 or "")
    console.print(table)
    for r in found:
        if r.note:
            console.print(f"note: {r.note}", highlight=False, soft_wrap=True)
