"""`blocs balance` (structural balance of signed networks) and `blocs triangle` (strategic triangles)."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from blocs._errors import InvalidParameterError, UnknownCountryError
from blocs._meta import TableMeta, meta_of, with_meta
from blocs._validation import check_choice, parse_years
from blocs.cli._app import app, console, write_table
from blocs.data import load
from blocs.networks import (
    DEFAULT_RECIPE,
    Recipe,
    balance_timeline,
    create_signed_network,
    k_camps,
    strategic_triangle,
    structural_balance,
    triangle_counts,
    triangle_spells,
)

_METHODS = ("exact", "mip", "heuristic")

TiesOpt = Annotated[
    str | None,
    typer.Option(
        "--ties",
        help="Recipe for the signed network, e.g. 'alliance=defense+nonagg,mid=4,war,rivalry,combine=sum' "
        "(default: alliance,mid=4,war,rivalry with negative evidence winning).",
    ),
]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Write the result table (.parquet/.csv/.dta/.json).")]


def _recipe(ties: str | None) -> Recipe:
    return DEFAULT_RECIPE if ties is None else Recipe.from_spec(ties)


def _state_names() -> dict[int, str]:
    st = load("cow_states")
    return dict(zip(st["ccode"].astype(int), st["stateabb"].astype(str), strict=False))


def _label(v: Hashable, names: dict[int, str]) -> str:
    return f"{names[v]}({v})" if isinstance(v, int) and v in names else str(v)


def resolve_state(token: str, *, year: int | None) -> int:
    """A COW code from a name, abbreviation or code (``blocs.system.country_code`` when available)."""
    try:
        from blocs.system import country_code
    except ImportError:  # the country resolver is not in this build: codes and abbreviations only
        pass
    else:
        return int(country_code(token, year=year))
    st = load("cow_states")
    if token.strip().lstrip("-").isdigit():
        code = int(token)
        if code in set(st["ccode"].astype(int)):
            return code
        raise UnknownCountryError(f"{token!r} is not a COW state code; see load('cow_states') for the list")
    hit = st[st["stateabb"].str.upper() == token.strip().upper()]
    if hit.empty:
        hit = st[st["statenme"].str.lower() == token.strip().lower()]
    if hit.empty:
        raise UnknownCountryError(
            f"{token!r} matches no COW state abbreviation or name; use a COW code (e.g. 2, 710, 365) "
            "or abbreviation (USA, CHN, RUS)"
        )
    return int(hit["ccode"].iloc[0])


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
    weighted: Annotated[bool, typer.Option("--weighted", help="Minimise total weight, not the edge count.")] = False,
    method: Annotated[str, typer.Option("--method", help="exact (default), mip or heuristic.")] = "exact",
    k: Annotated[int, typer.Option("--k", help="Camps; k > 2 uses the Doreian–Mrvar relocation algorithm.")] = 2,
    alpha: Annotated[float, typer.Option("--alpha", help="Doreian–Mrvar weight of negative ties within camps.")] = 0.5,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds HiGHS may spend per block.")] = 60.0,
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
    check_choice(method, _METHODS, param="method")
    recipe = _recipe(ties)
    if years is not None:
        if k != 2:
            raise InvalidParameterError("--k applies to one network (--year or --edges), not to a --years timeline")
        ys = parse_years(years, default=recipe.coverage, param="--years")
        tl = balance_timeline(ys, recipe=recipe, weighted=weighted, method=method, time_limit=time_limit)  # type: ignore[arg-type]
        _print_timeline(tl.summary)
        if out is not None:
            write_table(tl.summary, out)
            camps_path = out.with_name(out.stem + ".camps" + out.suffix)
            write_table(tl.camps, camps_path)
            console.print(f"wrote {out} and {camps_path}")
        return
    if edges is not None:
        network: pd.DataFrame | Path = edges
        names: dict[int, str] = {}
        title = str(edges)
    else:
        assert year is not None
        network = create_signed_network(year, recipe=recipe)
        names = _state_names()
        title = f"{year} ({recipe.describe()})"
    if k != 2:
        kr = k_camps(network, k=k, alpha=alpha, weighted=weighted)
        console.print(f"[bold]{title}[/]: Doreian–Mrvar P = {kr.criterion:g} (alpha {alpha:g}; "
                      f"{kr.negative_within:g} negative within, {kr.positive_between:g} positive between; heuristic)")
        table = pd.DataFrame({"node": list(kr.partition), "camp": list(kr.partition.values())})
    else:
        r = structural_balance(network, weighted=weighted, method=method, time_limit=time_limit)  # type: ignore[arg-type]
        tri = triangle_counts(network)
        status = "proven optimal" if r.optimal else "not proven optimal"
        console.print(f"[bold]{title}[/]")
        console.print(
            f"nodes {r.n_nodes}, edges {r.n_edges} ({r.n_negative} negative); triangles balanced "
            f"{tri['balanced']}, unbalanced {tri['unbalanced']}"
        )
        console.print(
            f"frustration index {r.frustration:g} (lower bound {r.lower_bound:g}, gap {r.gap:.4g}: {status}); "
            f"normalised balance 1-2L/m = {r.normalized_balance:.4f}"
        )
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


def _print_camps(table: pd.DataFrame, names: dict[int, str]) -> None:
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
    years: Annotated[str, typer.Option("--years", help="Years, e.g. 1946-2014.")] = "1946-2014",
    ties: TiesOpt = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="Print every year with its evidence.")] = False,
    out: OutOpt = None,
) -> None:
    """Dittmer strategic-triangle timeline of three states: the year each type begins and ends."""
    if len(states) != 3:
        raise InvalidParameterError(f"give exactly three states; got {len(states)} ({' '.join(states)})")
    recipe = _recipe(ties)
    ys = parse_years(years, default=recipe.coverage, param="--years")
    codes = [resolve_state(s, year=ys[-1]) for s in states]
    t = strategic_triangle(codes[0], codes[1], codes[2], years=ys, recipe=recipe)
    names = _state_names()
    a, b, c = (names.get(v, str(v)) for v in codes)
    spells = triangle_spells(t)
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
    gaps = sorted({y for y, nc in zip(t["year"], t["not_covered"], strict=True) if nc})
    if gaps:
        last = t.loc[t.year == gaps[-1], "not_covered"].item()
        console.print(f"note: some tie sources do not cover {gaps[0]}–{gaps[-1]} ({last})")
    if out is not None:
        write_table(t, out)
        console.print(f"wrote {out}")
