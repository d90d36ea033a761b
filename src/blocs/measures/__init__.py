"""Measures on states and dyads: foreign-policy similarity, UN agreement, ideal points, power and polarity."""

from blocs.measures._agreement import add_un_agreement
from blocs.measures._idealpoint_cache import fit_ideal_points

# ideal points (issue 6)
from blocs.measures._idealpoints import (
    IdealPoints,
    add_ideal_point_distance,
    add_ideal_points,
    default_un_votes,
)
from blocs.measures._irt_sim import simulate_ideal_point_votes
from blocs.measures._power import COMPONENTS, add_capability_ratio, compute_cinc, system_polarity
from blocs.measures._similarity import (
    ALL_MEASURES,
    ATOP_CODINGS,
    PairwiseResult,
    Portfolios,
    add_similarity,
    alliance_portfolios,
    portfolio_similarity,
    un_portfolios,
)

__all__ = [
    "ALL_MEASURES",
    "COMPONENTS",
    "ATOP_CODINGS",
    "PairwiseResult",
    "Portfolios",
    "add_capability_ratio",
    "add_similarity",
    "add_un_agreement",
    "alliance_portfolios",
    "compute_cinc",
    "portfolio_similarity",
    "system_polarity",
    "un_portfolios",
    # ideal points
    "IdealPoints",
    "add_ideal_point_distance",
    "add_ideal_points",
    "default_un_votes",
    "fit_ideal_points",
    "simulate_ideal_point_votes",
]
