"""`blocs idealpoints`: dynamic UN ideal points to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from blocs.cli._app import app, console
from blocs.measures import IdealPoints, default_un_votes
from blocs.query import SETTINGS, check_output, write_table


@app.command("idealpoints")
def idealpoints_cmd(
    out: Annotated[Path, SETTINGS["out"].option()],
    sessions: Annotated[
        str | None, typer.Option("--sessions", help="UN General Assembly sessions, e.g. '1-74' (default: all).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed (random starts, bootstrap).")] = None,
    walk_variance: Annotated[
        str, typer.Option("--walk-variance", help="Random-walk variance per session, or 'estimate' (ML).")
    ] = "estimate",
    discrimination_prior: Annotated[
        str, typer.Option(
            "--discrimination-prior",
            help="Prior variance of the roll calls' discriminations, one for all sessions, or 'estimate' (ML); "
            "Bailey, Strezhnev & Voeten fix 1.",
        )
    ] = "estimate",
    bridge: Annotated[
        str, typer.Option("--bridge", help="'text' (identical resolutions share parameters) or 'none'.")
    ] = "text",
    se: Annotated[str, typer.Option("--se", help="'variational' or 'bootstrap' standard errors.")] = "variational",
    n_bootstrap: Annotated[int, typer.Option("--n-bootstrap", help="Bootstrap replicates (with --se bootstrap).")] = 40,
    init: Annotated[str, typer.Option("--init", help="'pca' or 'random' starting positions.")] = "pca",
    tol: Annotated[
        float, typer.Option("--tol", help="Convergence tolerance (largest position change per EM sweep).")
    ] = 1e-4,
    max_iter: Annotated[int, typer.Option("--max-iter", help="Maximum EM sweeps.")] = 2000,
    backend: Annotated[
        str, typer.Option("--backend", help="'numpy' (CPU) or 'torch' (GPU when present; pip install blocs[gpu]).")
    ] = "numpy",
    items_out: Annotated[
        Path | None, typer.Option("--items-out", help="Also write roll-call parameters to this file.")
    ] = None,
) -> None:
    """Estimate dynamic ideal points of states from UN votes (Bailey, Strezhnev & Voeten 2017).

    Writes ccode, session, year, ideal_point, se, n_votes.
    """
    check_output(out, param="--out")  # before the fit, which takes minutes
    if items_out is not None:
        check_output(items_out, param="--items-out")
    model = IdealPoints(
        walk_variance=_number_or_estimate(walk_variance, "--walk-variance"),  # type: ignore[arg-type]
        discrimination_prior=_number_or_estimate(discrimination_prior, "--discrimination-prior"),  # type: ignore[arg-type]
        bridge=bridge,  # type: ignore[arg-type]
        sessions=sessions,
        init=init,  # type: ignore[arg-type]
        se=se,  # type: ignore[arg-type]
        n_bootstrap=n_bootstrap,
        tol=tol,
        max_iter=max_iter,
        seed=seed,
        backend=backend,  # type: ignore[arg-type]
    )
    model._check_params()  # fail on bad options before loading data
    votes = default_un_votes()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("fitting ideal points: starting", total=None)

        def on_cycle(sweeps: int, change: float, loglik: float) -> None:
            bar.update(task, description=(
                f"fitting ideal points: {sweeps} sweeps, largest change {change:.2e} (stops below {tol:g}), "
                f"log-likelihood {loglik:,.1f}"
            ))

        model.fit(votes, progress=on_cycle)
    write_table(model.ideal_points_, out)
    if items_out is not None:
        write_table(model.items_, items_out)
    state = "converged" if model.converged_ else "NOT converged (raise max_iter)"
    where = "" if model.device_ == "cpu" and backend == "numpy" else f" on {backend}/{model.device_}"
    console.print(
        f"{len(model.ideal_points_):,} state-sessions, {len(model.items_):,} roll calls "
        f"({model.n_bridged_} bridged texts); EM {state} after {model.n_iter_} sweeps{where}; walk variance "
        f"{model.walk_variance_:.4g}, discrimination variance {model.discrimination_variance_:.3g} -> {out}"
    )


def _number_or_estimate(text: str, option: str) -> float | str:
    """'estimate' or a number, as the option was typed; IdealPoints checks the range."""
    if text == "estimate":
        return text
    try:
        return float(text)
    except ValueError:
        from blocs._errors import InvalidParameterError

        raise InvalidParameterError(f"{option} must be a positive number or 'estimate'; got {text!r}") from None
