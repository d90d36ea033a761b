"""`blocs similarity`, `blocs dyad` and `blocs polarity`: alignment and power measures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer
from rich.table import Table

from blocs._errors import InvalidParameterError
from blocs._validation import parse_years
from blocs.cli._app import OUTPUT_SUFFIXES, app, console, write_table
from blocs.measures import (
    ALL_MEASURES,
    ATOP_CODINGS,
    add_capability_ratio,
    add_similarity,
    add_un_agreement,
    system_polarity,
)
from blocs.system import (
    add_atop_alliance,
    add_cow_mids,
    add_strategic_rivalries,
    country_code,
    create_dyad_years,
)

YearsOpt = Annotated[str | None, typer.Option("--years", help="Years, e.g. 1946-2014, 1962 or 1950,1960.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help=f"Write the table here ({', '.join(OUTPUT_SUFFIXES)}).")]

_COW_LAST = 2016  # last year of the COW state list; later years carry states forward


def _check_out(out: Path | None) -> None:
    if out is not None and out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InvalidParameterError(
            f"--out {str(out)!r} has an unsupported suffix {out.suffix!r}; use one of {', '.join(OUTPUT_SUFFIXES)}"
        )


def _dyad_years(years: list[int], *, directed: bool) -> pd.DataFrame:
    last = max(years)
    table: pd.DataFrame = create_dyad_years(
        system="cow", directed=directed, years=years, extend_to=last if last > _COW_LAST else None
    )
    return table


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "·"
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


@app.command("similarity")
def similarity_cmd(
    source: Annotated[str, typer.Option("--source", help="Portfolios: atop (alliances) or un (UN votes).")],
    years: YearsOpt = None,
    measures: Annotated[
        str | None,
        typer.Option("--measures", help=f"Comma-separated, from: {', '.join(ALL_MEASURES)} (default: all)."),
    ] = None,
    coding: Annotated[
        str, typer.Option("--coding", help=f"ATOP coding: {', '.join(ATOP_CODINGS)}.")
    ] = "ordinal3",
    undirected: Annotated[bool, typer.Option("--undirected", help="One row per pair (ccode1 < ccode2).")] = False,
    out: OutOpt = None,
) -> None:
    """Foreign-policy similarity (S, kappa, pi, tau-b) for every dyad-year."""
    if source not in ("atop", "un"):
        raise InvalidParameterError(f"--source must be atop or un; got {source!r}")
    _check_out(out)
    default = (1816, 2018) if source == "atop" else (1946, 2019)
    ys = parse_years(years, default=default, param="--years")
    chosen = [m.strip() for m in measures.split(",") if m.strip()] if measures else None
    table = _dyad_years(ys, directed=not undirected)
    table = add_similarity(table, source=source, measures=chosen, coding=coding)  # type: ignore[arg-type]
    if out is not None:
        write_table(table, out)
        console.print(f"wrote {len(table):,} dyad-years to {out}")
        return
    cols = [c for c in table.columns if c.startswith(f"{source}_") and c not in (f"{source}_sim_note",)]
    summary = table[cols].describe().T[["count", "mean", "min", "max"]]
    grid = Table(title=f"{source} similarity, {ys[0]}–{ys[-1]}: {len(table):,} dyad-years")
    for name in ("measure", "count", "mean", "min", "max"):
        grid.add_column(name, justify="right" if name != "measure" else "left")
    for measure, row in summary.iterrows():
        stats = (_fmt(row[k], 3) for k in ("mean", "min", "max"))
        grid.add_row(str(measure), f"{int(row['count']):,}", *stats)
    console.print(grid)
    console.print("write the table with --out FILE")


def _obligation(row: pd.Series) -> str:
    short = {"defense": "def", "offense": "off", "neutral": "neu", "nonagg": "nag", "consul": "con"}
    flags = {k: row.get(f"atop_{k}") for k in short}
    if any(pd.isna(v) for v in flags.values()):
        return "n/a"  # outside ATOP's coverage: unknown, not "no alliance"
    kinds = [v for k, v in short.items() if flags[k] == 1]
    return "+".join(kinds) if kinds else "-"


def dyad_timeline(state1: str, state2: str, years: list[int]) -> pd.DataFrame:
    """The directed dyad-year rows of one pair with alignment, power and conflict columns."""
    first = country_code(state1, year=years[-1]) if not state1.isdigit() else int(state1)
    second = country_code(state2, year=years[-1]) if not state2.isdigit() else int(state2)
    if first == second:
        raise InvalidParameterError(f"{state1!r} and {state2!r} are the same state ({first}); name two states")
    table = _dyad_years(years, directed=True)
    table = table[(table["ccode1"] == first) & (table["ccode2"] == second)].reset_index(drop=True)
    if table.empty:
        raise InvalidParameterError(
            f"{state1} ({first}) and {state2} ({second}) never coexist in the COW system in "
            f"{years[0]}–{years[-1]}; choose other years"
        )
    table = add_atop_alliance(table)
    table = add_similarity(table, source="atop", measures=["s_abs", "s_wt_abs", "kappa_sq"])
    table = add_similarity(table, source="un", measures=["kappa_sq"])
    table = add_un_agreement(table)
    table = add_capability_ratio(table)
    table = add_cow_mids(table)
    return add_strategic_rivalries(table)


@app.command("dyad")
def dyad_cmd(
    state1: Annotated[str, typer.Argument(help="First state: name, abbreviation (CHN) or COW code.")],
    state2: Annotated[str, typer.Argument(help="Second state.")],
    years: YearsOpt = "1946-2016",
    out: OutOpt = None,
) -> None:
    """One dyad's timeline: alliances, similarity, UN agreement, power, disputes, rivalry."""
    _check_out(out)
    ys = parse_years(years, default=(1946, 2016), param="--years")
    table = dyad_timeline(state1, state2, ys)
    c1, c2 = int(table["ccode1"].iloc[0]), int(table["ccode2"].iloc[0])
    grid = Table(
        title=f"{state1} ({c1}) – {state2} ({c2})",
        caption="ATOP obligation; S/Swt/kap: alliance S (abs), CINC-weighted S, kappa (sq); UNag: UN agreement; "
        "UNkap: UN kappa (sq); shr1: state 1's share of the pair's CINC; ratio: stronger/weaker; MID ongoing; rivalry",
        padding=(0, 1),
    )
    heads = [
        ("year", "year"),
        ("ATOP", None),
        ("S", "atop_s_abs"),
        ("Swt", "atop_s_wt_abs"),
        ("kap", "atop_kappa_sq"),
        ("UNag", "un_agree"),
        ("UNkap", "un_kappa_sq"),
        ("shr1", "cap_share1"),
        ("ratio", "cap_ratio"),
        ("MID", "cowmidongoing"),
        ("riv", "ongoingrivalry"),
    ]
    for label, _ in heads:
        grid.add_column(label, justify="right")
    for _, row in table.iterrows():
        cells = []
        for _label, col in heads:
            if col is None:
                cells.append(_obligation(row))
            elif col == "year":
                cells.append(str(row["year"]))
            else:
                cells.append(_fmt(row.get(col)))
        grid.add_row(*cells)
    console.print(grid)
    if out is not None:
        write_table(table, out)
        console.print(f"wrote {len(table):,} rows to {out}")


@app.command("polarity")
def polarity_cmd(
    years: YearsOpt = "1816-2022",
    top: Annotated[int, typer.Option("--top", help="How many leading states to list.")] = 3,
    out: OutOpt = None,
) -> None:
    """System polarity per year: CON concentration, effective number of poles, leading shares."""
    _check_out(out)
    table = system_polarity(years=years, n_leading=top)
    grid = Table(title="Polarity (NMC 7.0 CINC; majors = COW major powers)")
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
