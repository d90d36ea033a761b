"""Measures computed from the system tables: similarity, UN agreement, ideal points, power."""

# ideal points (issue 6)
from blocs.measures._idealpoints import (
    IdealPoints,
    add_ideal_point_distance,
    add_ideal_points,
    default_un_votes,
)
from blocs.measures._irt_sim import simulate_ideal_point_votes

__all__ = [
    # ideal points
    "IdealPoints",
    "add_ideal_point_distance",
    "add_ideal_points",
    "default_un_votes",
    "simulate_ideal_point_votes",
]
