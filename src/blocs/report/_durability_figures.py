"""Figures of a fitted :class:`blocs.models.AllianceDurability` (moved out of the model's module:
models learn, reports draw). Used by the case report and ``blocs durability --out``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from blocs.models import AllianceDurability

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_hazard_ratios", "plot_km_curves"]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover
        raise ImportError("figures need matplotlib: pip install 'blocs[report]'") from None
    return plt


def plot_km_curves(model: AllianceDurability) -> Figure:
    """Kaplan–Meier survival curves by group with confidence bands; returns a matplotlib Figure.

    Parameters
    ----------
    model : AllianceDurability
        A fitted model.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from blocs.models import create_alliance_spells
    >>> fig = plot_km_curves(AllianceDurability().fit(create_alliance_spells()))
    >>> fig.axes[0].get_xlabel()
    'years since the alliance entered into force'
    """
    model._check_fitted()
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sizes = dict(zip(model.km_medians_["group"], model.km_medians_["n"], strict=True))
    for name, g in model.km_curves_.groupby("group", sort=False):
        n = int(sizes[str(name)])
        (line,) = ax.step(g["time"], g["survival"], where="post", label=f"{name} (n={n})")
        ax.fill_between(g["time"], g["lower"], g["upper"], step="post", alpha=0.15, color=line.get_color())
    ax.set_xlabel("years since the alliance entered into force")
    ax.set_ylabel("share of alliances still in force")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, 100)
    title = f"ATOP 4.01 alliances by {model.groups}"
    if model.groups == "asymmetry":
        title += f" ({model.capability_} ratio terciles)"
    ax.set_title(f"{title}\nlog-rank p = {model.logrank_['p']:.3g}", fontsize=10)
    ax.legend(frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    figure: Figure = fig
    return figure


def plot_hazard_ratios(model: AllianceDurability) -> Figure:
    """Forest plot of Cox hazard ratios with confidence intervals (log scale).

    Parameters
    ----------
    model : AllianceDurability
        A fitted model.

    Returns
    -------
    matplotlib.figure.Figure
    """
    model._check_fitted()
    plt = _pyplot()
    hr = model.hazard_ratios_.iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(hr) + 1.4))
    y = np.arange(len(hr))
    ax.errorbar(hr["hr"], y, xerr=[hr["hr"] - hr["hr_lower"], hr["hr_upper"] - hr["hr"]], fmt="o", capsize=3)
    ax.axvline(1.0, color="grey", lw=1, ls="--")
    ax.set_xscale("log")
    ax.set_yticks(y, hr["label"])
    ax.set_xlabel(f"hazard ratio of termination, {int(round(100 * (1 - model.alpha)))}% CI (log scale)")
    ax.set_title(
        f"Cox model: {model.n_} ATOP 4.01 alliances, {model.n_events_} terminations\n"
        "(> 1: ends sooner; eras vs Cold War 1945-1989)",
        fontsize=10,
    )
    ax.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    figure: Figure = fig
    return figure
