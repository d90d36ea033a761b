"""Signed networks of states, exact structural balance, k-camp partitions and strategic triangles."""

from blocs.networks._balance import (
    BalanceResult,
    KCampsResult,
    frustration_index,
    k_camps,
    structural_balance,
    triangle_counts,
)
from blocs.networks._event_ties import event_balance_timeline, event_signed_network, event_triangle
from blocs.networks._input import SignedGraphLike, read_signed_network
from blocs.networks._signed import (
    DEFAULT_RECIPE,
    AllianceTies,
    ConflictTies,
    DisputeTies,
    Recipe,
    RivalryTies,
    ScoreTies,
    TieSource,
    WarTies,
    create_signed_network,
    recipe_coverage,
    signed_evidence,
    to_networkx,
)
from blocs.networks._timeline import BalanceTimeline, balance_timeline, polarisation
from blocs.networks._triangles import TriangleType, classify_triangle, strategic_triangle, triangle_spells

__all__ = [
    "DEFAULT_RECIPE",
    "AllianceTies",
    "BalanceResult",
    "BalanceTimeline",
    "ConflictTies",
    "DisputeTies",
    "KCampsResult",
    "Recipe",
    "RivalryTies",
    "ScoreTies",
    "SignedGraphLike",
    "TieSource",
    "TriangleType",
    "WarTies",
    "balance_timeline",
    "classify_triangle",
    "event_balance_timeline",
    "event_signed_network",
    "event_triangle",
    "create_signed_network",
    "frustration_index",
    "k_camps",
    "polarisation",
    "read_signed_network",
    "recipe_coverage",
    "signed_evidence",
    "strategic_triangle",
    "structural_balance",
    "to_networkx",
    "triangle_counts",
    "triangle_spells",
]
