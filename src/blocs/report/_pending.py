"""Sections whose library inputs are checked for at build time (landscape)."""

from __future__ import annotations

from blocs.report._sections import Context, SectionResult, Unavailable, require

__all__ = ["build_landscape"]


def build_landscape(ctx: Context) -> SectionResult:
    require("blocs.models", "Landscape", needs="landscape theory of aggregation with counterfactuals (issue 5)")
    raise Unavailable("the report's use of it is not wired yet")
