"""Sections whose library inputs are checked for at build time (landscape, triangle, durability)."""

from __future__ import annotations

from blocs.report._sections import Context, SectionResult, Unavailable, require

__all__ = ["build_durability", "build_landscape", "build_triangle"]


def build_landscape(ctx: Context) -> SectionResult:
    require("blocs.models", "Landscape", needs="landscape theory of aggregation with counterfactuals (issue 5)")
    raise Unavailable("the report's use of it is not wired yet")


def build_triangle(ctx: Context) -> SectionResult:
    require("blocs.networks", "triangle_timeline", needs="Dittmer strategic triangles over time (issue 4)")
    raise Unavailable("the report's use of it is not wired yet")


def build_durability(ctx: Context) -> SectionResult:
    require("blocs.models", "AllianceDurability", needs="survival model of alliance durability (issue 7 part 1)")
    raise Unavailable("the report's use of it is not wired yet")
