"""Models: landscape theory of aggregation."""

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
    "AXELROD_BENNETT_WEIGHTS",
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "build_landscape",
    "Counterfactual",
    "Landscape",
    "Robustness",
    "counterfactual",
    "read_landscape_inputs",
    "set_propensities",
    "set_sizes",
    "weight_robustness",
]
