"""`blocs landscape`: optimum, local minima with basins, per-actor costs, counterfactuals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from blocs._errors import InvalidParameterError
from blocs.cli._app import app, console
from blocs.query import (
    SETTINGS,
    LandscapeScenario,
    check_output,
    landscape_from_tables,
    landscape_scenario,
    write_table,
)


def _minima_table(lm: pd.DataFrame, top: int, title: str) -> Table:
    t = Table(title=title)
    for c in ("#", "energy", "basin", "share", "coalitions"):
        t.add_column(c)
    for row in lm.head(top).to_dict("records"):
        b, sh = float(row["basin_size"]), float(row["basin_share"])
        basin = "" if b != b else f"{int(b):,}"
        share = "" if sh != sh else f"{sh:.3f}"
        mark = "*" if row["is_global"] else ""
        t.add_row(f"{row['minimum']}{mark}", f"{float(row['energy']):.6g}", basin, share, str(row["coalitions"]))
    return t


@app.command("landscape")
def landscape_cmd(
    year: Annotated[int | None, typer.Option(help="Year of the state system (with --states).")] = None,
    states: Annotated[
        str | None, typer.Option(help="Comma-separated names, COW codes or abbreviations (GMY,ITA,UKG).")
    ] = None,
    actors: Annotated[Path | None, typer.Option(help="User model: actors table (actor, size), CSV or Parquet.")] = None,
    propensities: Annotated[
        Path | None, typer.Option(help="User model: propensities table (actor1, actor2, propensity).")
    ] = None,
    weights: Annotated[str, SETTINGS["weights"].option()] = "default",
    regime_measure: Annotated[str, SETTINGS["regime_measure"].option()] = "v2x_polyarchy",
    war_half_life: Annotated[float | None, SETTINGS["war_half_life"].option()] = None,
    set_: Annotated[list[str] | None, SETTINGS["counterfactuals"].option()] = None,
    size: Annotated[list[str] | None, SETTINGS["sizes"].option()] = None,
    samples: Annotated[int, SETTINGS["samples"].option()] = 0,
    spread: Annotated[float, SETTINGS["spread"].option()] = 0.5,
    k: Annotated[int, SETTINGS["k"].option(help="Maximum number of coalitions.")] = 2,
    method: Annotated[str, SETTINGS["landscape_method"].option()] = "auto",
    time_limit: Annotated[float, SETTINGS["landscape_time_limit"].option()] = 20.0,
    seed: Annotated[int | None, SETTINGS["seed"].option()] = None,
    top: Annotated[int, SETTINGS["top"].option(help="Local minima to print.")] = 10,
    out: Annotated[Path | None, SETTINGS["out"].option(help="Write per-actor costs to this file.")] = None,
) -> None:
    """Landscape theory of aggregation (Axelrod & Bennett 1993): optimum, local minima, costs."""
    from_data = states is not None or year is not None
    from_files = actors is not None or propensities is not None
    if from_data == from_files:
        raise InvalidParameterError(
            "give either --year and --states (model from data) or --actors and --propensities (your own model)"
        )
    if out is not None:
        check_output(out, param="--out")
    result: LandscapeScenario
    if from_data:
        if states is None or year is None:
            raise InvalidParameterError("--states and --year go together; give both")
        result = landscape_scenario(
            [s.strip() for s in states.split(",") if s.strip()],
            year=year,
            weights=weights,
            counterfactuals=set_,
            sizes=size,
            samples=samples,
            seed=seed,
            k=k,
            method=method,  # type: ignore[arg-type]
            regime_measure=regime_measure,  # type: ignore[arg-type]
            war_half_life=war_half_life,
            spread=spread,
            time_limit=time_limit,
        )
    else:
        if actors is None or propensities is None:
            raise InvalidParameterError("--actors and --propensities go together; give both")
        if samples:
            raise InvalidParameterError("--samples needs component weights: use --year/--states (model from data)")
        result = landscape_from_tables(
            actors, propensities, counterfactuals=set_, sizes=size, seed=seed, k=k,
            method=method, time_limit=time_limit,  # type: ignore[arg-type]
        )
    head = f"{len(result.actors)} actors, k={k}, method={result.method}, energy={result.energy:.6g}"
    if not result.exact:
        head += f", bound={result.bound:.6g}, gap={result.gap:.3%}"
    console.print(head, highlight=False)
    title = "Local minima (* = global; basin = configurations descending there)"
    console.print(_minima_table(result.minima, top, title))
    t = Table(title="Per-actor costs at the optimum")
    for c in ("actor", "coalition", "size", "frustration", "defection_cost", "forced_cost"):
        t.add_column(c)
    for r in result.costs.to_dict("records"):
        fc = float(r["forced_cost"])
        forced = "" if fc != fc else f"{fc:.4g}"
        nums = (float(r["size"]), float(r["frustration"]), float(r["defection_cost"]))
        t.add_row(str(r["actor"]), str(r["coalition"]), *(f"{v:.4g}" for v in nums), forced)
    console.print(t)
    cf = result.counterfactual
    if cf is not None:
        console.print(_minima_table(cf["minima"], top, "Counterfactual local minima"))
        moved = cf["moved"]
        console.print(
            f"Counterfactual optimum energy {cf['energy']:.6g} (baseline {cf['baseline_energy']:.6g}); "
            f"actors changing side: {', '.join(moved) if moved else 'none'}",
            highlight=False,
        )
    if result.robustness is not None:
        rob = result.robustness
        t = Table(title=f"Monte Carlo over weights ({samples} draws, spread {spread})")
        share_cols = [c for c in rob.columns if c.startswith("share_") and c != "share_same"]
        for c in ("actor", "coalition", "share_same", *share_cols):
            t.add_column(c)
        for d in rob.to_dict("records"):
            shares = (f"{float(d[c]):.3f}" for c in share_cols)
            t.add_row(str(d["actor"]), str(d["coalition"]), f"{float(d['share_same']):.3f}", *shares)
        console.print(t)
        console.print(f"Baseline optimum recovered in {result.baseline_share:.1%} of draws", highlight=False)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False, soft_wrap=True)
    if out is not None:
        write_table(result.to_frame(), out)
