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

__all__ = [
    "Counterfactual",
    "Landscape",
    "Robustness",
    "counterfactual",
    "read_landscape_inputs",
    "set_propensities",
    "set_sizes",
    "weight_robustness",
]
