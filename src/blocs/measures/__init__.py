"""Measures on states and dyads: foreign-policy similarity, UN agreement, power and polarity."""

from blocs.measures._similarity import (
    ALL_MEASURES,
    ATOP_CODINGS,
    add_similarity,
    alliance_portfolios,
    portfolio_similarity,
    un_portfolios,
)

__all__ = [
    "ALL_MEASURES",
    "ATOP_CODINGS",
    "add_similarity",
    "alliance_portfolios",
    "portfolio_similarity",
    "un_portfolios",
]
