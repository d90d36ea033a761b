"""`blocs similarity`, `blocs dyad` and `blocs polarity`: alignment and power measures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer
from rich.table import Table

from blocs.cli._app import app, console
from blocs.query import SETTINGS, check_output, dyad_timeline, polarity_table, similarity_table, write_table
from blocs.query._dyad import DYAD_COLUMNS

YearsOpt = Annotated[str | None, SETTINGS["years"].option()]
OutOpt = Annotated[Path | None, SETTINGS["out"].option()]


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "·"
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


@app.command("similarity")
def similarity_cmd(
    source: Annotated[str, SETTINGS["similarity_source"].option()],
    years: YearsOpt = None,
    measures: Annotated[
        str | None, typer.Option("--measures", help="Comma-separated measure names (default: all that apply).")
    ] = None,
    coding: Annotated[str, SETTINGS["coding"].option()] = "ordinal3",
    undirected: Annotated[bool, typer.Option("--undirected", help="One row per pair (ccode1 < ccode2).")] = False,
    out: OutOpt = None,
) -> None:
    """Foreign-policy similarity (S, kappa, pi, tau-b) for every dyad-year."""
    if out is not None:
        check_output(out, param="--out")
    table = similarity_table(source, years=years, measures=measures, coding=coding, directed=not undirected)  # type: ignore[arg-type]
    if out is not None:
        write_table(table, out)
        console.print(f"wrote {len(table):,} dyad-years to {out}")
        return
    cols = [c for c in table.columns if c.startswith(f"{source}_") and c != f"{source}_sim_note"]
    summary = table[cols].describe().T[["count", "mean", "min", "max"]]
    ys = sorted(int(y) for y in table["year"].unique())
    grid = Table(title=f"{source} similarity, {ys[0]}–{ys[-1]}: {len(table):,} dyad-years")
    for name in ("measure", "count", "mean", "min", "max"):
        grid.add_column(name, justify="right" if name != "measure" else "left")
    for measure, row in summary.iterrows():
        stats = (_fmt(row[k], 3) for k in ("mean", "min", "max"))
        grid.add_row(str(measure), f"{int(row['count']):,}", *stats)
    console.print(grid)
    console.print("write the table with --out FILE")


@app.command("dyad")
def dyad_cmd(
    state1: Annotated[str, typer.Argument(help="First state: name, abbreviation (CHN) or COW code.")],
    state2: Annotated[str, typer.Argument(help="Second state.")],
    years: YearsOpt = None,
    out: OutOpt = None,
) -> None:
    """One dyad's timeline: alliances, similarity, UN agreement, power, disputes, rivalry, wars."""
    if out is not None:
        check_output(out, param="--out")
    result = dyad_timeline(state1, state2, years=years)
    table = result.table
    shown = ["year", *[c for c in DYAD_COLUMNS if c in table.columns]]
    grid = Table(
        title=f"{result.a.name} ({result.a.code}) – {result.b.name} ({result.b.code})",
        caption="; ".join(f"{label}: {text}" for c, (label, text) in DYAD_COLUMNS.items() if c in table.columns),
        padding=(0, 1),
    )
    for col in shown:
        grid.add_column(DYAD_COLUMNS[col][0] if col in DYAD_COLUMNS else col, justify="right")
    for row in table.to_dict("records"):
        grid.add_row(*(str(row["year"]) if c == "year" else _fmt(row.get(c)) for c in shown))
    console.print(grid)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False, soft_wrap=True)
    if out is not None:
        write_table(table, out)
        console.print(f"wrote {len(table):,} rows to {out}")


@app.command("polarity")
def polarity_cmd(
    years: YearsOpt = None,
    top: Annotated[int, SETTINGS["top"].option(help="How many leading states to list.")] = 3,
    out: OutOpt = None,
) -> None:
    """System polarity per year: CON concentration, effective number of poles, leading shares."""
    if out is not None:
        check_output(out, param="--out")
    table = polarity_table(years=years, top=top)
    grid = Table(title="Polarity (NMC CINC; majors = COW major powers)")
    cols = ["year", "n_states", "n_majors", "con_majors", "con_all", "enp_majors", "enp_all"]
    cols += ["top1_ccode", "top1_share"]
    for c in cols:
        grid.add_column(c, justify="right")
    for _, row in table.iterrows():
        grid.add_row(*(_fmt(row[c], 3) for c in cols))
    console.print(grid)
    if out is not None:
        write_table(table, out)
        console.print(f"wrote {len(table):,} years to {out}")
