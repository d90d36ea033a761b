"""Models that learn from the international system: landscape, alliance durability."""

# durability
from blocs.models._durability import (
    ALLIANCE_COVARIATES,
    AllianceDurability,
    create_alliance_spells,
    partnership_covariates,
)

# landscape
from blocs.models._landscape import (
    Counterfactual,
    Landscape,
    Robustness,
    counterfactual,
    read_landscape_inputs,
    set_propensities,
    set_sizes,
    weight_robustness,
)
from blocs.models._landscape_data import AXELROD_BENNETT_WEIGHTS, COMPONENTS, DEFAULT_WEIGHTS, build_landscape

__all__ = [
    # durability
    "ALLIANCE_COVARIATES",
    "AllianceDurability",
    "create_alliance_spells",
    "partnership_covariates",
    # landscape
    "AXELROD_BENNETT_WEIGHTS",
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "Counterfactual",
    "Landscape",
    "Robustness",
    "build_landscape",
    "counterfactual",
    "read_landscape_inputs",
    "set_propensities",
    "set_sizes",
    "weight_robustness",
]
