"""What a user asks for as one thing: one library function each, typed results with sources.

The CLI, the web app and the report all call these; they parse input and render results, and
hold no domain rules, default year ranges or error classification of their own.

=============================  ==============================================================
``resolve_state``              a name/code as of a year, with a note when the name is dated
``search_states``              suggestions for a partial name
``dyad_timeline``              one pair of states year by year: alliances, similarity, UN,
                               ideal points (if given), power, disputes, rivalry, wars
``triangle_timeline``          Dittmer type of a triangle per year, evidence per edge
``balance_snapshot``           one year's signed network: camps, frustrated ties, certificate
``landscape_scenario``         landscape theory in a year with counterfactuals and Monte Carlo
``event_dyad_timeline``        one pair of states month by month from event files (ICEWS, GDELT,
                               POLECAT): cooperation, conflict, net cooperation, each direction
``event_triangle_timeline``    a triangle's Dittmer type per month from event net cooperation
``event_source``               event files checked against their layout before any work
``durability_study``           alliance durability (Cox, Kaplan-Meier) and given partnerships' survival
``landscape_from_tables``      the same for your own actors and propensities
``build_table``                state-/dyad-years with enrichments (``--add``)
``similarity_table``           S/kappa/pi/tau-b of every dyad-year, years within the source
``polarity_table``             system polarity per year
``write_table``                a table to .parquet/.csv/.dta/.json with a sources sidecar
``check_output``               an output path checked before any work
``coverage``                   a dataset's first and last year, from the catalog
``SETTINGS``                   every setting declared once (name, type, default, help, constraint)
=============================  ==============================================================

Every result has ``sources`` (datasets with versions), ``to_frame()`` (a pandas table
carrying them) and ``to_dict()`` (JSON-able).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blocs._lazy import lazy_exports

if TYPE_CHECKING:
    from blocs.query._build import build_table, parse_adds, polarity_table, similarity_table
    from blocs.query._durability import DEFAULT_PARTNERSHIPS, DurabilityStudy, Partnership, durability_study
    from blocs.query._dyad import DyadTimeline, dyad_timeline
    from blocs.query._events import (
        EventDyadMonths,
        EventSource,
        EventTriangleMonths,
        event_dyad_timeline,
        event_months,
        event_source,
        event_triangle_timeline,
    )
    from blocs.query._landscape import LandscapeScenario, landscape_from_tables, landscape_scenario
    from blocs.query._networks import (
        BalanceSnapshot,
        TriangleTimeline,
        balance_network,
        balance_over_years,
        balance_snapshot,
        triangle_timeline,
    )
    from blocs.query._result import QueryResult
    from blocs.query._settings import SETTINGS, Setting, setting, settings_markdown, settings_table
    from blocs.query._states import Resolution, StateSearch, resolve_state, search_states
    from blocs.query._tables import OUTPUT_SUFFIXES, check_output, coverage, write_table

# Imported on first use (module-level __getattr__): `blocs resolve` needs the resolver's query,
# not the table builders, solvers and kernels behind the others.
_LAZY = {
    "build_table": "_build",
    "parse_adds": "_build",
    "polarity_table": "_build",
    "similarity_table": "_build",
    "DyadTimeline": "_dyad",
    "dyad_timeline": "_dyad",
    "EventDyadMonths": "_events",
    "EventSource": "_events",
    "EventTriangleMonths": "_events",
    "event_dyad_timeline": "_events",
    "event_months": "_events",
    "event_source": "_events",
    "event_triangle_timeline": "_events",
    "DEFAULT_PARTNERSHIPS": "_durability",
    "DurabilityStudy": "_durability",
    "Partnership": "_durability",
    "durability_study": "_durability",
    "LandscapeScenario": "_landscape",
    "landscape_from_tables": "_landscape",
    "landscape_scenario": "_landscape",
    "BalanceSnapshot": "_networks",
    "TriangleTimeline": "_networks",
    "balance_network": "_networks",
    "balance_over_years": "_networks",
    "balance_snapshot": "_networks",
    "triangle_timeline": "_networks",
    "QueryResult": "_result",
    "SETTINGS": "_settings",
    "Setting": "_settings",
    "setting": "_settings",
    "settings_markdown": "_settings",
    "settings_table": "_settings",
    "Resolution": "_states",
    "StateSearch": "_states",
    "resolve_state": "_states",
    "search_states": "_states",
    "OUTPUT_SUFFIXES": "_tables",
    "check_output": "_tables",
    "coverage": "_tables",
    "write_table": "_tables",
}


__getattr__, __dir__ = lazy_exports("blocs.query", _LAZY, globals())


__all__ = [
    "OUTPUT_SUFFIXES",
    "SETTINGS",
    "BalanceSnapshot",
    "DyadTimeline",
    "DEFAULT_PARTNERSHIPS",
    "DurabilityStudy",
    "EventDyadMonths",
    "EventSource",
    "EventTriangleMonths",
    "LandscapeScenario",
    "Partnership",
    "QueryResult",
    "Resolution",
    "Setting",
    "StateSearch",
    "TriangleTimeline",
    "balance_network",
    "balance_over_years",
    "balance_snapshot",
    "build_table",
    "check_output",
    "coverage",
    "dyad_timeline",
    "event_dyad_timeline",
    "event_months",
    "event_source",
    "event_triangle_timeline",
    "landscape_from_tables",
    "durability_study",
    "landscape_scenario",
    "parse_adds",
    "polarity_table",
    "resolve_state",
    "search_states",
    "setting",
    "settings_markdown",
    "settings_table",
    "similarity_table",
    "triangle_timeline",
    "write_table",
]
