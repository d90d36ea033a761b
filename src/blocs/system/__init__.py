"""The state system: country identity, the state-year / dyad-year units of analysis, UN votes.

Names are imported on first use (module-level ``__getattr__``): ``blocs resolve`` loads the
resolver without the enrichment modules, solvers or kernels.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blocs.system._countries import Country, candidates, country_code, country_codes, resolve
    from blocs.system._dyads import create_dyad_years
    from blocs.system._enrich_alliances import add_atop_alliance
    from blocs.system._enrich_conflict import add_cow_mids, add_cow_wars, add_gml_mids, add_strategic_rivalries
    from blocs.system._enrich_exchange import add_cow_trade, add_igos
    from blocs.system._enrich_geography import add_capital_distance, add_contiguity, add_minimum_distance
    from blocs.system._enrich_monadic import add_cow_majors, add_democracy, add_nmc
    from blocs.system._registry import ADDERS, Adder
    from blocs.system._states import create_state_years
    from blocs.system._unvotes import UN_COUNTRY_TO_COW, UN_ISSUES, UN_SESSIONS, UN_SUCCESSIONS, load_un_votes

_LAZY = {
    "Country": "_countries",
    "candidates": "_countries",
    "country_code": "_countries",
    "country_codes": "_countries",
    "resolve": "_countries",
    "create_dyad_years": "_dyads",
    "add_atop_alliance": "_enrich_alliances",
    "add_cow_mids": "_enrich_conflict",
    "add_cow_wars": "_enrich_conflict",
    "add_gml_mids": "_enrich_conflict",
    "add_strategic_rivalries": "_enrich_conflict",
    "add_cow_trade": "_enrich_exchange",
    "add_igos": "_enrich_exchange",
    "add_capital_distance": "_enrich_geography",
    "add_contiguity": "_enrich_geography",
    "add_minimum_distance": "_enrich_geography",
    "add_cow_majors": "_enrich_monadic",
    "add_democracy": "_enrich_monadic",
    "add_nmc": "_enrich_monadic",
    "ADDERS": "_registry",
    "Adder": "_registry",
    "create_state_years": "_states",
    "UN_COUNTRY_TO_COW": "_unvotes",
    "UN_ISSUES": "_unvotes",
    "UN_SESSIONS": "_unvotes",
    "UN_SUCCESSIONS": "_unvotes",
    "load_un_votes": "_unvotes",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'blocs.system' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"blocs.system.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    # country identity
    "Country",
    "candidates",
    "country_code",
    "country_codes",
    "resolve",
    # units of analysis and enrichments
    "ADDERS",
    "Adder",
    "add_atop_alliance",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_cow_mids",
    "add_cow_trade",
    "add_cow_wars",
    "add_democracy",
    "add_gml_mids",
    "add_igos",
    "add_minimum_distance",
    "add_nmc",
    "add_strategic_rivalries",
    "create_dyad_years",
    "create_state_years",
    # UN General Assembly votes (helper "similarity")
    "UN_COUNTRY_TO_COW",
    "UN_ISSUES",
    "UN_SESSIONS",
    "UN_SUCCESSIONS",
    "load_un_votes",
]
