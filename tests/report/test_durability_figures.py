"""Figures of a fitted durability model (moved from blocs.models to blocs.report)."""

from __future__ import annotations

import pytest

from blocs.models import AllianceDurability, create_alliance_spells
from blocs.report import plot_hazard_ratios, plot_km_curves


@pytest.fixture(scope="module")
def model() -> AllianceDurability:
    return AllianceDurability().fit(create_alliance_spells())


def test_figures(model: AllianceDurability) -> None:
    fig = plot_km_curves(model)
    assert len(fig.axes[0].get_lines()) == 3
    fig2 = plot_hazard_ratios(model)
    assert len(fig2.axes[0].get_yticklabels()) == len(model.hazard_ratios_)
    assert "formed after 1989" in [t.get_text() for t in fig2.axes[0].get_yticklabels()]


def test_unfitted_model_is_refused() -> None:
    with pytest.raises(Exception, match="not fitted|fit"):
        plot_km_curves(AllianceDurability())
