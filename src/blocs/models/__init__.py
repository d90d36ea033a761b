"""Models that learn from the international system: landscape, alliance durability."""

# durability
from blocs.models._durability import (
    ALLIANCE_COVARIATES,
    AllianceDurability,
    create_alliance_spells,
    partnership_covariates,
    plot_hazard_ratios,
    plot_km_curves,
)

__all__ = [
    # durability
    "ALLIANCE_COVARIATES",
    "AllianceDurability",
    "create_alliance_spells",
    "partnership_covariates",
    "plot_hazard_ratios",
    "plot_km_curves",
]
