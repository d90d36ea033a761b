"""`blocs balance` (structural balance of signed networks) and `blocs triangle` (strategic triangles)."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from blocs._errors import InvalidParameterError
from blocs._meta import TableMeta, meta_of, with_meta
from blocs.cli._app import app, console
from blocs.data import load
from blocs.networks import k_camps, structural_balance, triangle_counts
from blocs.query import SETTINGS, balance_snapshot, check_output, triangle_timeline, write_table
from blocs.query._networks import balance_network, balance_over_years, recipe_of

TiesOpt = Annotated[str | None, SETTINGS["ties"].option()]
OutOpt = Annotated[Path | None, SETTINGS["out"].option()]


def _state_names() -> dict[int, str]:
    st = load("cow_states")
    return dict(zip(st["ccode"].astype(int), st["stateabb"].astype(str), strict=False))


def _label(v: Hashable, names: dict[int, str]) -> str:
    return f"{names[v]}({v})" if isinstance(v, int) and v in names else str(v)


@app.command("balance")
def balance_cmd(
    year: Annotated[int | None, typer.Option("--year", help="One year of the signed network built by blocs.")] = None,
    years: Annotated[
        str | None, typer.Option("--years", help="A range such as 1946-2014: the timeline of balance and camps.")
    ] = None,
    edges: Annotated[
        Path | None,
        typer.Option("--edges", help="Your own signed network: CSV/Parquet with source,target,sign[,weight]."),
    ] = None,
    ties: TiesOpt = None,
    weighted: Annotated[bool, typer.Option("--weighted", help=SETTINGS["weighted"].help)] = False,
    method: Annotated[str, SETTINGS["balance_method"].option()] = "exact",
    k: Annotated[int, SETTINGS["k"].option(help="Camps; k > 2 uses the Doreian–Mrvar relocation algorithm.")] = 2,
    alpha: Annotated[float, SETTINGS["alpha"].option()] = 0.5,
    time_limit: Annotated[float, SETTINGS["time_limit"].option()] = 60.0,
    out: OutOpt = None,
) -> None:
    """Frustration index with its optimality certificate, and the camps, of a signed network."""
    given = [name for name, v in (("--year", year), ("--years", years), ("--edges", edges)) if v is not None]
    if len(given) != 1:
        raise InvalidParameterError(
            "give exactly one of --year YEAR, --years FIRST-LAST or --edges FILE"
            + (f"; got {' and '.join(given)}" if given else "")
        )
    if edges is not None and ties is not None:
        raise InvalidParameterError("--ties builds a network from blocs data; it cannot be combined with --edges")
    if k != 2 and years is not None:
        raise InvalidParameterError("--k applies to one network (--year or --edges), not to a --years timeline")
    if out is not None:
        check_output(out, param="--out")
    if years is not None:
        tl = balance_over_years(years, ties=ties, weighted=weighted, method=method, time_limit=time_limit)  # type: ignore[arg-type]
        _print_timeline(tl.summary)
        if out is not None:
            write_table(tl.summary, out)
            camps_path = out.with_name(out.stem + ".camps" + out.suffix)
            write_table(tl.camps, camps_path)
            console.print(f"wrote {out} and {camps_path}")
        return
    if year is not None and k == 2:
        snap = balance_snapshot(year, ties=ties, weighted=weighted, method=method, time_limit=time_limit)  # type: ignore[arg-type]
        console.print(f"[bold]{year} ({snap.recipe})[/]")
        _print_result(snap.n_nodes, snap.n_edges, snap.n_negative, snap.triangles, snap.frustration,
                      snap.lower_bound, snap.gap, snap.optimal, snap.normalized_balance)
        camps = snap.camps.rename(columns={"ccode": "node"})
        _print_camps(camps, _state_names())
        if out is not None:
            write_table(snap.camps, out)
            console.print(f"wrote {out}")
        return
    network: pd.DataFrame | Path
    if edges is not None:
        network, names, title = edges, {}, str(edges)
    else:
        assert year is not None
        network = balance_network(year, ties=ties)
        names, title = _state_names(), f"{year} ({recipe_of(ties).describe()})"
    if k != 2:
        kr = k_camps(network, k=k, alpha=alpha, weighted=weighted)
        console.print(f"[bold]{title}[/]: Doreian–Mrvar P = {kr.criterion:g} (alpha {alpha:g}; "
                      f"{kr.negative_within:g} negative within, {kr.positive_between:g} positive between; heuristic)")
        table = pd.DataFrame({"node": list(kr.partition), "camp": list(kr.partition.values())})
    else:
        r = structural_balance(network, weighted=weighted, method=method, time_limit=time_limit)  # type: ignore[arg-type]
        console.print(f"[bold]{title}[/]")
        _print_result(r.n_nodes, r.n_edges, r.n_negative, triangle_counts(network), r.frustration, r.lower_bound,
                      r.gap, r.optimal, r.normalized_balance)
        table = pd.DataFrame(
            {"node": list(r.partition), "camp": list(r.partition.values()), "component": list(r.components.values())}
        )
    _print_camps(table, names)
    if edges is None:
        table = table.rename(columns={"node": "ccode"})
    if out is not None:
        meta = meta_of(network) if isinstance(network, pd.DataFrame) else TableMeta()
        write_table(with_meta(table, TableMeta(unit="other", system=meta.system, sources=meta.sources)), out)
        console.print(f"wrote {out}")


def _print_result(
    n_nodes: int, n_edges: int, n_negative: int, tri: dict[str, int], frustration: float, lower: float,
    gap: float, optimal: bool, normalized: float,
) -> None:
    status = "proven optimal" if optimal else "not proven optimal"
    console.print(
        f"nodes {n_nodes}, edges {n_edges} ({n_negative} negative); triangles balanced "
        f"{tri['balanced']}, unbalanced {tri['unbalanced']}"
    )
    console.print(
        f"frustration index {frustration:g} (lower bound {lower:g}, gap {gap:.4g}: {status}); "
        f"normalised balance 1-2L/m = {normalized:.4f}"
    )


def _print_camps(table: pd.DataFrame, names: dict[int, str]) -> None:
    if table.empty:
        console.print("no nodes: the network has no edges")
        return
    if "component" in table.columns:
        sizes = table["component"].value_counts()
        giant = table[table["component"] == sizes.index[0]]
        others = len(table) - len(giant)
        head = f"camps of the largest connected component ({len(giant)} of {len(table)} nodes)"
        if others:
            head += f"; {others} nodes in {len(sizes) - 1} other component(s), see --out"
    else:
        giant, head = table, "camps"
    console.print(head)
    for camp, grp in giant.groupby("camp"):
        members = ", ".join(_label(v, names) for v in grp["node"])
        console.print(f"  camp {camp} ({len(grp)}): {members}", soft_wrap=True, highlight=False)


def _print_timeline(s: pd.DataFrame) -> None:
    table = Table(title="structural balance by year")
    cols = ["year", "nodes", "edges", "negative", "frustration", "gap", "balance", "camp_a", "camp_b", "polarisation"]
    for c in cols:
        table.add_column(c, justify="right")
    for row in s[cols].itertuples(index=False):
        table.add_row(*[f"{v:.3f}" if isinstance(v, float) and c in ("balance", "polarisation") else f"{v:g}"
                        for c, v in zip(cols, row, strict=True)])
    console.print(table)
    proven = int((s["gap"] == 0).sum())
    console.print(f"{proven} of {len(s)} years proven optimal (gap 0)")


@app.command("triangle")
def triangle_cmd(
    states: Annotated[list[str], typer.Argument(help="Three states: COW codes, abbreviations or names.")],
    years: Annotated[str | None, SETTINGS["years"].option(help="Years, e.g. 1946-2014 (default: the recipe's "
                                                          "coverage, from the catalog).")] = None,
    ties: TiesOpt = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="Print every year with its evidence.")] = False,
    out: OutOpt = None,
) -> None:
    """Dittmer strategic-triangle timeline of three states: the year each type begins and ends."""
    if out is not None:
        check_output(out, param="--out")
    result = triangle_timeline(states, years=years, ties=ties)
    t, spells = result.table, result.spells
    names = _state_names()
    a, b, c = (r.abbreviation for r in result.states)
    ys = result.years
    table = Table(title=f"strategic triangle {a} – {b} – {c} ({ys[0]}–{ys[-1]})")
    for col in ("years", "type", "pivot/pariah", f"{a}–{b}", f"{a}–{c}", f"{b}–{c}"):
        table.add_column(col, no_wrap=True)
    sym = {1: "+", -1: "−", 0: "0"}
    for s in spells.to_dict("records"):
        role = ""
        if pd.notna(s["pivot"]):
            role = "pivot " + names.get(int(s["pivot"]), str(s["pivot"]))
        elif pd.notna(s["pariah"]):
            role = "pariah " + names.get(int(s["pariah"]), str(s["pariah"]))
        span = f"{s['start']}" if s["start"] == s["end"] else f"{s['start']}–{s['end']}"
        table.add_row(span, str(s["type"]), role, sym[s["sign_ab"]], sym[s["sign_ac"]], sym[s["sign_bc"]])
    console.print(table)
    console.print("0 = no evidence either way (neutral or missing): the triangle is 'incomplete', not forced")
    if by_year:
        for r in t.itertuples(index=False):
            console.print(f"[bold]{r.year}[/] {r.type}", highlight=False)
            for key, lab in (("ab", f"{a}–{b}"), ("ac", f"{a}–{c}"), ("bc", f"{b}–{c}")):
                note = getattr(r, "evidence_" + key) or "no evidence"
                console.print(f"  {lab} {sym[getattr(r, 'sign_' + key)]}: {note}", highlight=False, soft_wrap=True)
            if r.not_covered:
                console.print(f"  not covered this year: {r.not_covered!s}", highlight=False)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False, soft_wrap=True)
    if out is not None:
        write_table(t, out)
        console.print(f"wrote {out}")
