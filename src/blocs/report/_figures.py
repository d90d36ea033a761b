"""Figure helpers: one look for every report figure (matplotlib, Agg backend)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["COLORS", "new_figure", "shade_spans"]

COLORS = {
    "china": "#c0392b",
    "ussr": "#2c3e50",
    "usa": "#2874a6",
    "other": "#95a5a6",
    "alliance": "#27ae60",
    "rivalry": "#e67e22",
    "dispute": "#8e44ad",
    "accent": "#7f8c8d",
}

plt.rcParams.update(
    {
        "figure.dpi": 110,
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "legend.frameon": False,
        "svg.fonttype": "none",
    }
)


def new_figure(nrows: int = 1, *, width: float = 7.5, height: float = 3.4, sharex: bool = True) -> tuple[Any, Any]:
    """A figure with ``nrows`` stacked axes sharing the x axis."""
    fig, axes = plt.subplots(
        nrows, 1, figsize=(width, height * nrows if nrows > 1 else height), sharex=sharex, layout="constrained"
    )
    return fig, axes


def shade_spans(ax: Any, spans: Iterable[tuple[int, int]], *, color: str, label: str, alpha: float = 0.15) -> None:
    """Shade inclusive year spans on ``ax``; label only the first so the legend stays short."""
    for i, (a, b) in enumerate(spans):
        ax.axvspan(a - 0.5, b + 0.5, color=color, alpha=alpha, lw=0, label=label if i == 0 else None)
