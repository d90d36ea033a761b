"""`blocs landscape`: optimum, local minima with basins, per-actor costs, counterfactuals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from blocs._errors import InvalidParameterError
from blocs.cli._app import app, console, write_table

_PAIR = re.compile(r"^\s*([^,=\s]+)\s*,\s*([^,=\s]+)\s*=\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*$")
_ONE = re.compile(r"^\s*([^,=\s]+)\s*=\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*$")


def _parse_sets(items: list[str]) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for it in items:
        m = _PAIR.match(it)
        if not m:
            raise InvalidParameterError(f"--set {it!r} is not of the form A,B=VALUE (e.g. --set USA,CHN=+1)")
        out[(m.group(1), m.group(2))] = float(m.group(3))
    return out


def _parse_sizes(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for it in items:
        m = _ONE.match(it)
        if not m:
            raise InvalidParameterError(f"--size {it!r} is not of the form A=VALUE (e.g. --size USA=0.3)")
        out[m.group(1)] = float(m.group(2))
    return out


def _parse_weights(text: str) -> str | dict[str, float]:
    if text in ("default", "axelrod-bennett"):  # presets of build_landscape
        return text
    out: dict[str, float] = {}
    for part in text.split(","):
        m = _ONE.match(part)
        if not m:
            raise InvalidParameterError(
                f"--weights {text!r} must be 'default', 'axelrod-bennett' or NAME=W,... (e.g. government=1,war=1)"
            )
        out[m.group(1)] = float(m.group(2))
    return out


def _minima_table(model: object, top: int, title: str) -> Table:
    lm: pd.DataFrame = model.local_minima_  # type: ignore[attr-defined]
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
        str | None, typer.Option(help="Comma-separated COW codes or abbreviations (GMY,ITA,UKG).")
    ] = None,
    actors: Annotated[Path | None, typer.Option(help="User model: actors table (actor, size), CSV or Parquet.")] = None,
    propensities: Annotated[
        Path | None, typer.Option(help="User model: propensities table (actor1, actor2, propensity).")
    ] = None,
    weights: Annotated[
        str, typer.Option(help="'default', 'axelrod-bennett' or NAME=W,... component weights (with --states).")
    ] = "default",
    regime_measure: Annotated[
        str, typer.Option(help="Democracy score for the government/regime components: v2x_polyarchy or polity2.")
    ] = "v2x_polyarchy",
    war_half_life: Annotated[
        float | None, typer.Option(help="Half-life in years of the war component (default: no decay).")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Counterfactual propensity A,B=VALUE (repeatable).")
    ] = None,
    size: Annotated[list[str] | None, typer.Option(help="Counterfactual size A=VALUE (repeatable).")] = None,
    samples: Annotated[int, typer.Option(help="Monte Carlo draws over component weights (0 = none).")] = 0,
    spread: Annotated[float, typer.Option(help="Relative half-width of the weight perturbation, in [0, 1].")] = 0.5,
    k: Annotated[int, typer.Option(help="Maximum number of coalitions.")] = 2,
    method: Annotated[str, typer.Option(help="auto, enumerate, ip or heuristic.")] = "auto",
    seed: Annotated[int | None, typer.Option(help="Seed for the heuristic and Monte Carlo.")] = None,
    top: Annotated[int, typer.Option(help="Local minima to print.")] = 10,
    out: Annotated[Path | None, typer.Option(help="Write per-actor costs to this file (.csv/.parquet/...).")] = None,
) -> None:
    """Landscape theory of aggregation (Axelrod & Bennett 1993): optimum, local minima, costs."""
    from blocs.models import Landscape, build_landscape, counterfactual, read_landscape_inputs, weight_robustness

    from_data = states is not None or year is not None
    from_files = actors is not None or propensities is not None
    if from_data == from_files:
        raise InvalidParameterError(
            "give either --year and --states (model from data) or --actors and --propensities (your own model)"
        )
    if from_data:
        if states is None or year is None:
            raise InvalidParameterError("--states and --year go together; give both")
        names: list[int | str] = [s.strip() for s in states.split(",") if s.strip()]
        a, p = build_landscape(
            names,
            year=year,
            weights=_parse_weights(weights),  # type: ignore[arg-type]
            regime_measure=regime_measure,  # type: ignore[arg-type]
            war_half_life=war_half_life,
        )
        w = p.attrs["weights"]
    else:
        if actors is None or propensities is None:
            raise InvalidParameterError("--actors and --propensities go together; give both")
        a, p = read_landscape_inputs(actors, propensities)
        w = None
    if samples < 0:
        raise InvalidParameterError(f"--samples must be >= 0; got {samples}")
    if top < 1:
        raise InvalidParameterError(f"--top must be >= 1; got {top}")
    model = Landscape(k=k, method=method, seed=seed)  # type: ignore[arg-type]
    model.fit(a, p)
    head = f"{len(model.actors_)} actors, k={k}, method={model.method_}, energy={model.energy_:.6g}"
    if not model.exact_:
        head += f", bound={model.bound_:.6g}, gap={model.gap_:.3%}"
    console.print(head, highlight=False)
    console.print(_minima_table(model, top, "Local minima (* = global; basin = configurations descending there)"))
    costs = model.actor_costs_
    t = Table(title="Per-actor costs at the optimum")
    for c in ("actor", "coalition", "size", "frustration", "defection_cost", "forced_cost"):
        t.add_column(c)
    for r in costs.to_dict("records"):
        fc = float(r["forced_cost"])
        forced = "" if fc != fc else f"{fc:.4g}"
        nums = (float(r["size"]), float(r["frustration"]), float(r["defection_cost"]))
        t.add_row(str(r["actor"]), str(r["coalition"]), *(f"{v:.4g}" for v in nums), forced)
    console.print(t)
    if set_ or size:
        cf = counterfactual(a, p, propensity=_parse_sets(set_ or []), size=_parse_sizes(size or []), model=model)
        console.print(_minima_table(cf.altered, top, "Counterfactual local minima"))
        comp = cf.comparison
        moved = comp[comp["moved"]]["actor"].tolist()
        console.print(
            f"Counterfactual optimum energy {cf.altered.energy_:.6g} (baseline {cf.baseline.energy_:.6g}); "
            f"actors changing side: {', '.join(moved) if moved else 'none'}",
            highlight=False,
        )
    if samples:
        if w is None:
            raise InvalidParameterError("--samples needs component weights: use --year/--states (model from data)")
        rob = weight_robustness(a, p, weights=w, samples=samples, spread=spread, model=model, seed=seed)
        t = Table(title=f"Monte Carlo over weights ({samples} draws, spread {spread})")
        share_cols = [c for c in rob.actors.columns if c.startswith("share_") and c != "share_same"]
        for c in ("actor", "coalition", "share_same", *share_cols):
            t.add_column(c)
        for d in rob.actors.to_dict("records"):
            shares = (f"{float(d[c]):.3f}" for c in share_cols)
            t.add_row(str(d["actor"]), str(d["coalition"]), f"{float(d['share_same']):.3f}", *shares)
        console.print(t)
        base_share = rob.configurations.loc[rob.configurations["is_baseline"], "share"].sum()
        console.print(f"Baseline optimum recovered in {base_share:.1%} of draws", highlight=False)
    if out is not None:
        write_table(costs, out)
