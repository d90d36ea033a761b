"""`blocs durability`: Cox hazard ratios, Kaplan–Meier curves and two partnerships' predicted survival."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.table import Table

from blocs._meta import TableMeta, with_meta
from blocs.cli._app import app, console, write_table


def _fmt(v: float, spec: str = ".2f") -> str:
    return "not reached" if math.isinf(v) else format(v, spec)


@app.command("durability")
def durability_cmd(
    by: Annotated[
        str, typer.Option("--by", help="Kaplan-Meier groups: asymmetry, era, shared_rival, bilateral or defense.")
    ] = "asymmetry",
    capability: Annotated[
        str, typer.Option("--capability", help="NMC measure of capability asymmetry: cinc, milex or irst.")
    ] = "cinc",
    events: Annotated[
        str,
        typer.Option(
            "--events", help="Terminations counted: all, or excluding_replacement (renewals count as survival)."
        ),
    ] = "all",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for hazard_ratios.csv, predictions.csv, durability.json and PNG figures."),
    ] = None,
) -> None:
    """Survival of ATOP 4.01 alliances: hazard ratios, KM curves, and the Sino-Soviet/China-Russia predictions."""
    from blocs._validation import OutputPath, check_param
    from blocs.query import durability_study

    if out is not None:  # before the fit
        check_param(out, OutputPath(directory=True), param="--out")
    study = durability_study(by=by, capability=capability, events=events)
    model, summary = study.model, study.predictions

    hr = model.hazard_ratios_
    t = Table(title=f"Cox model: {model.n_} alliances, {model.n_events_} terminations (capability: {capability})")
    for col in ("covariate", "hazard ratio", "95% CI", "p", "PH test p"):
        t.add_column(col)
    for _, r in hr.iterrows():
        t.add_row(
            r["label"],
            f"{r['hr']:.3f}",
            f"{r['hr_lower']:.3f}–{r['hr_upper']:.3f}",
            f"{r['p']:.3f}",
            f"{r['ph_p']:.3f}",
        )
    console.print(t)
    km = Table(title=f"Kaplan–Meier by {by} (log-rank p = {model.logrank_['p']:.3f})")
    for col in ("group", "alliances", "terminations", "median years"):
        km.add_column(col)
    for _, r in model.km_medians_.iterrows():
        km.add_row(str(r["group"]), str(r["n"]), str(r["events"]), _fmt(r["median_years"], ".1f"))
    console.print(km)
    p = Table(title="Predicted survival of a defence alliance (Cox model)")
    for col in ("partnership", "log ratio", "median yrs", "P(10 y)", "P(30 y)"):
        p.add_column(col)
    for _, r in summary.iterrows():
        p.add_row(
            r["label"],
            f"{r['log_cap_ratio']:.2f}",
            _fmt(r["median_years"], ".1f"),
            f"{r['p_survive_10']:.2f}",
            f"{r['p_survive_30']:.2f}",
        )
    console.print(p)
    years = "; ".join(
        f"{r['label']}: NMC {r['cap_year']}, democracy {r['regime_year']}, rivalries {r['rival_year']}"
        for _, r in summary.iterrows()
    )
    console.print(f"Data years used — {years}.", highlight=False, markup=False, soft_wrap=True)
    console.print(model.interpretation(), highlight=False, markup=False, soft_wrap=True)
    for note in study.atop_record:
        console.print(note, highlight=False, markup=False, soft_wrap=True)

    if out is not None:
        _write_outputs(out, model, summary)
        console.print(
            f"wrote {out}/hazard_ratios.csv, predictions.csv, durability.json, km_curves.png, hazard_ratios.png"
        )


def _write_outputs(out: Path, model: Any, summary: pd.DataFrame) -> None:
    from blocs.report import plot_hazard_ratios, plot_km_curves

    out.mkdir(parents=True, exist_ok=True)
    meta = TableMeta(unit="other", sources=model.sources_)
    write_table(with_meta(model.hazard_ratios_.copy(), meta), out / "hazard_ratios.csv")
    preds = summary.assign(members=summary["members"].map(lambda m: " ".join(map(str, m))))
    write_table(with_meta(preds, meta), out / "predictions.csv")
    doc = {
        "n": model.n_,
        "events": model.n_events_,
        "dropped": model.n_dropped_,
        "concordance": model.concordance_,
        "capability": model.capability_,
        "events_definition": model.events,
        "groups": model.groups,
        "group_cuts": list(model.group_cuts_) if model.group_cuts_ is not None else None,
        "logrank": model.logrank_,
        "hazard_ratios": json.loads(model.hazard_ratios_.to_json(orient="records")),
        "km_medians": json.loads(model.km_medians_.to_json(orient="records")),
        "predictions": json.loads(preds.to_json(orient="records")),
        "interpretation": model.interpretation().splitlines(),
        "sources": [{"name": s.name, "version": s.version} for s in model.sources_],
    }
    (out / "durability.json").write_text(json.dumps(doc, indent=2, allow_nan=False, default=_json_default))
    for name, fig in (("km_curves.png", plot_km_curves(model)), ("hazard_ratios.png", plot_hazard_ratios(model))):
        fig.savefig(out / name, dpi=150)


def _json_default(v: Any) -> Any:
    raise TypeError(f"not JSON serialisable: {v!r}")
