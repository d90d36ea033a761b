"""The state system: country identity, the state-year / dyad-year units of analysis, UN votes.

Names are imported on first use (module-level ``__getattr__``): ``blocs resolve`` loads the
resolver without the enrichment modules, solvers or kernels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blocs._lazy import lazy_exports

if TYPE_CHECKING:
    from blocs.system._countries import Country, candidates, country_code, country_codes, membership_changes, resolve
    from blocs.system._crosswalk import add_ccode_to_gw, add_gwcode_to_cow
    from blocs.system._dyads import create_dyad_years
    from blocs.system._enrich_alliances import add_atop_alliance
    from blocs.system._enrich_conflict import add_cow_mids, add_cow_wars, add_gml_mids
    from blocs.system._enrich_domestic import add_archigos, add_intrastate_wars, add_ucdp_onsets
    from blocs.system._enrich_exchange import add_cow_trade, add_igos
    from blocs.system._enrich_geography import (
        CONTIGUITY_RULES,
        add_capital_distance,
        add_contiguity,
        add_minimum_distance,
    )
    from blocs.system._enrich_monadic import add_cow_majors, add_democracy, add_nmc
    from blocs.system._enrich_society import (
        add_creg_fractionalization,
        add_latent_territorial_threat,
        add_rugged_terrain,
        add_sim_gdp_pop,
    )
    from blocs.system._enrich_ucdp import UCDP_ISSUES, UCDP_TYPES, add_ucdp_acd, ucdp_parties
    from blocs.system._es11 import ES11_1_VOTES, load_es11_1_vote
    from blocs.system._filters import filter_prd
    from blocs.system._leaders import (
        LEAD_COLUMNS,
        LWUF_COLUMNS,
        Standardize,
        add_gml_leader_mids,
        add_lead,
        add_lwuf,
        create_leader_dyad_years,
        create_leader_years,
    )
    from blocs.system._peace_years import EVENT_FAMILIES, add_peace_years, add_spells
    from blocs.system._registry import ADDERS, Adder
    from blocs.system._rivalries import RIVALRY_SOURCES, RivalrySource, add_strategic_rivalries, rivalry_years
    from blocs.system._sipri import SIPRI_COLUMNS, add_sipri_milex, load_sipri_milex
    from blocs.system._statedays import create_state_days
    from blocs.system._states import create_state_years
    from blocs.system._unvotes import UN_COUNTRY_TO_COW, UN_ISSUES, UN_SESSIONS, UN_SUCCESSIONS, load_un_votes
    from blocs.system._whittle import (
        WHITTLE_ORDER,
        DisputeSource,
        create_dispute_years,
        show_duplicates,
        whittle_conflicts,
        whittle_conflicts_duration,
        whittle_conflicts_fatality,
        whittle_conflicts_hostility,
        whittle_conflicts_onsets,
        whittle_conflicts_reciprocation,
        whittle_conflicts_startmonth,
    )


_LAZY = {
    "Country": "_countries",
    "candidates": "_countries",
    "country_code": "_countries",
    "country_codes": "_countries",
    "membership_changes": "_countries",
    "resolve": "_countries",
    "add_ccode_to_gw": "_crosswalk",
    "add_gwcode_to_cow": "_crosswalk",
    "create_dyad_years": "_dyads",
    "add_atop_alliance": "_enrich_alliances",
    "add_cow_mids": "_enrich_conflict",
    "add_cow_wars": "_enrich_conflict",
    "add_gml_mids": "_enrich_conflict",
    "add_archigos": "_enrich_domestic",
    "add_intrastate_wars": "_enrich_domestic",
    "add_ucdp_onsets": "_enrich_domestic",
    "add_cow_trade": "_enrich_exchange",
    "add_igos": "_enrich_exchange",
    "CONTIGUITY_RULES": "_enrich_geography",
    "add_capital_distance": "_enrich_geography",
    "add_contiguity": "_enrich_geography",
    "add_minimum_distance": "_enrich_geography",
    "add_cow_majors": "_enrich_monadic",
    "add_democracy": "_enrich_monadic",
    "add_nmc": "_enrich_monadic",
    "add_creg_fractionalization": "_enrich_society",
    "add_latent_territorial_threat": "_enrich_society",
    "add_rugged_terrain": "_enrich_society",
    "add_sim_gdp_pop": "_enrich_society",
    "UCDP_ISSUES": "_enrich_ucdp",
    "UCDP_TYPES": "_enrich_ucdp",
    "add_ucdp_acd": "_enrich_ucdp",
    "ucdp_parties": "_enrich_ucdp",
    "ES11_1_VOTES": "_es11",
    "load_es11_1_vote": "_es11",
    "filter_prd": "_filters",
    "LEAD_COLUMNS": "_leaders",
    "LWUF_COLUMNS": "_leaders",
    "Standardize": "_leaders",
    "add_gml_leader_mids": "_leaders",
    "add_lead": "_leaders",
    "add_lwuf": "_leaders",
    "create_leader_dyad_years": "_leaders",
    "create_leader_years": "_leaders",
    "EVENT_FAMILIES": "_peace_years",
    "add_peace_years": "_peace_years",
    "add_spells": "_peace_years",
    "ADDERS": "_registry",
    "Adder": "_registry",
    "RIVALRY_SOURCES": "_rivalries",
    "RivalrySource": "_rivalries",
    "add_strategic_rivalries": "_rivalries",
    "rivalry_years": "_rivalries",
    "SIPRI_COLUMNS": "_sipri",
    "add_sipri_milex": "_sipri",
    "load_sipri_milex": "_sipri",
    "create_state_days": "_statedays",
    "create_state_years": "_states",
    "UN_COUNTRY_TO_COW": "_unvotes",
    "UN_ISSUES": "_unvotes",
    "UN_SESSIONS": "_unvotes",
    "UN_SUCCESSIONS": "_unvotes",
    "load_un_votes": "_unvotes",
    "WHITTLE_ORDER": "_whittle",
    "DisputeSource": "_whittle",
    "create_dispute_years": "_whittle",
    "show_duplicates": "_whittle",
    "whittle_conflicts": "_whittle",
    "whittle_conflicts_duration": "_whittle",
    "whittle_conflicts_fatality": "_whittle",
    "whittle_conflicts_hostility": "_whittle",
    "whittle_conflicts_onsets": "_whittle",
    "whittle_conflicts_reciprocation": "_whittle",
    "whittle_conflicts_startmonth": "_whittle",
}


__getattr__, __dir__ = lazy_exports("blocs.system", _LAZY, globals())


__all__ = [
    # country identity
    "Country",
    "candidates",
    "country_code",
    "country_codes",
    "membership_changes",
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
    # today's data (issue 13): UCDP conflict, SIPRI spending, the ES-11/1 vote
    "UCDP_ISSUES",
    "UCDP_TYPES",
    "add_ucdp_acd",
    "ucdp_parties",
    "SIPRI_COLUMNS",
    "add_sipri_milex",
    "load_sipri_milex",
    "ES11_1_VOTES",
    "load_es11_1_vote",
    "create_dyad_years",
    "create_state_years",
    # peacesciencer parity (issue 14)
    "CONTIGUITY_RULES",
    "EVENT_FAMILIES",
    "add_archigos",
    "add_ccode_to_gw",
    "add_creg_fractionalization",
    "add_gwcode_to_cow",
    "add_intrastate_wars",
    "add_latent_territorial_threat",
    "add_peace_years",
    "add_rugged_terrain",
    "add_sim_gdp_pop",
    "add_spells",
    "add_ucdp_onsets",
    "filter_prd",
    "RIVALRY_SOURCES",
    "RivalrySource",
    "rivalry_years",
    # leaders and state-days (peacesciencer parity)
    "LEAD_COLUMNS",
    "LWUF_COLUMNS",
    "Standardize",
    "add_gml_leader_mids",
    "add_lead",
    "add_lwuf",
    "create_leader_dyad_years",
    "create_leader_years",
    "create_state_days",
    # dispute-years and whittling (peacesciencer parity)
    "DisputeSource",
    "WHITTLE_ORDER",
    "create_dispute_years",
    "show_duplicates",
    "whittle_conflicts",
    "whittle_conflicts_duration",
    "whittle_conflicts_fatality",
    "whittle_conflicts_hostility",
    "whittle_conflicts_onsets",
    "whittle_conflicts_reciprocation",
    "whittle_conflicts_startmonth",
    # UN General Assembly votes
    "UN_COUNTRY_TO_COW",
    "UN_ISSUES",
    "UN_SESSIONS",
    "UN_SUCCESSIONS",
    "load_un_votes",
]
