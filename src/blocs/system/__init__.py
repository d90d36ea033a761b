"""The state system: country identity, the state-year / dyad-year units of analysis, UN votes."""

# country identity (helper "countries")
from blocs.system._countries import Country, candidates, country_code, country_codes, resolve
from blocs.system._crosswalk import add_ccode_to_gw, add_gwcode_to_cow

# units of analysis (helper "tables")
from blocs.system._dyads import create_dyad_years
from blocs.system._enrich_alliances import add_atop_alliance
from blocs.system._enrich_conflict import add_cow_mids, add_cow_wars, add_gml_mids
from blocs.system._enrich_domestic import add_archigos, add_intrastate_wars, add_ucdp_onsets
from blocs.system._enrich_exchange import add_cow_trade, add_igos
from blocs.system._enrich_geography import CONTIGUITY_RULES, add_capital_distance, add_contiguity, add_minimum_distance
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
    # peacesciencer parity (issue 14, helper h14a)
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
    # UN General Assembly votes (helper "similarity")
    "UN_COUNTRY_TO_COW",
    "UN_ISSUES",
    "UN_SESSIONS",
    "UN_SUCCESSIONS",
    "load_un_votes",
]
