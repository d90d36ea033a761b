"""The one list of enrichments: short name → function, units it accepts, one-line help.

The CLI's ``--add`` choices and the table in docs/tables.md both come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from blocs.system._crosswalk import add_ccode_to_gw, add_gwcode_to_cow
from blocs.system._enrich_alliances import add_atop_alliance
from blocs.system._enrich_conflict import add_cow_mids, add_cow_wars, add_gml_mids
from blocs.system._enrich_domestic import add_archigos, add_intrastate_wars, add_ucdp_onsets
from blocs.system._enrich_exchange import add_cow_trade, add_igos
from blocs.system._enrich_geography import add_capital_distance, add_contiguity, add_minimum_distance
from blocs.system._enrich_monadic import add_cow_majors, add_democracy, add_nmc
from blocs.system._enrich_society import (
    add_creg_fractionalization,
    add_latent_territorial_threat,
    add_rugged_terrain,
    add_sim_gdp_pop,
)
from blocs.system._enrich_ucdp import add_ucdp_acd
from blocs.system._filters import filter_prd
from blocs.system._leaders import add_gml_leader_mids, add_lead, add_lwuf
from blocs.system._peace_years import add_peace_years, add_spells
from blocs.system._rivalries import add_strategic_rivalries
from blocs.system._sipri import add_sipri_milex

__all__ = ["ADDERS", "Adder"]


@dataclass(frozen=True)
class Adder:
    """One enrichment as the CLI and the docs see it."""

    name: str
    function: Callable[[pd.DataFrame], pd.DataFrame]
    units: tuple[str, ...]
    help: str


def _td_rivalries(table: pd.DataFrame) -> pd.DataFrame:
    return add_strategic_rivalries(table, source="td")


_td_rivalries.__name__ = "add_strategic_rivalries"
_td_rivalries.__doc__ = add_strategic_rivalries.__doc__

_BOTH = ("state_year", "dyad_year")
_DYAD = ("dyad_year",)
_LEADER = ("leader_year",)
_LEADER_DYAD = ("leader_dyad_year",)
_STATE = ("state_year",)

ADDERS: dict[str, Adder] = {
    a.name: a
    for a in (
        Adder("nmc", add_nmc, _BOTH, "COW material capabilities v7.0 and CINC"),
        Adder("democracy", add_democracy, _BOTH, "V-Dem polyarchy, (adjusted) extended UDS, polity2"),
        Adder("majors", add_cow_majors, _BOTH, "COW major powers v2016"),
        Adder("atop", add_atop_alliance, _DYAD, "ATOP 5.1 alliance obligations"),
        Adder("contiguity", add_contiguity, _DYAD, "COW direct contiguity v3.2 (conttype)"),
        Adder("mids", add_cow_mids, _DYAD, "COW MID 5.0 onset/ongoing, one dispute per dyad-year"),
        Adder("gml_mids", add_gml_mids, _DYAD, "GML MID 2.2.1 onset/ongoing, one dispute per dyad-year"),
        Adder("wars", add_cow_wars, _DYAD, "COW inter-state wars v4.0 onset/ongoing"),
        Adder("rivalries", add_strategic_rivalries, _BOTH, "Thompson–Sakuwa–Suhas strategic rivalries (2021)"),
        Adder("td_rivalries", _td_rivalries, _BOTH, 'Thompson–Dreyer strategic rivalries (2012): source="td"'),
        Adder("trade", add_cow_trade, _DYAD, "COW bilateral trade v4.0 (flow1 = imports of ccode1)"),
        Adder("igos", add_igos, _BOTH, "COW IGO v3.0 joint / total memberships"),
        Adder("mindist", add_minimum_distance, _DYAD, "CShapes 2.0 minimum distance (km)"),
        Adder("capdist", add_capital_distance, _DYAD, "capital-to-capital great-circle distance (km)"),
        Adder("ucdp", add_ucdp_acd, _BOTH, "UCDP/PRIO armed conflict v25.1: both sides and secondary supporters"),
        Adder("sipri", add_sipri_milex, _BOTH, "SIPRI military expenditure 1949–2023 (constant US$, share of GDP)"),
        # peacesciencer parity (issue 14)
        Adder("ucdp_onsets", add_ucdp_onsets, _STATE, "UCDP conflict onsets (counts, 1946–2017)"),
        Adder("intra_wars", add_intrastate_wars, _STATE, "COW intra-state wars v5.1 onset/ongoing"),
        Adder("archigos", add_archigos, _BOTH, "Archigos 4.1 leader transitions per state-year"),
        Adder("gdppop", add_sim_gdp_pop, _BOTH, "simulated GDP, population, GDP per capita (Fariss et al.)"),
        Adder("creg", add_creg_fractionalization, _BOTH, "CREG ethnic/religious fractionalization, polarization"),
        Adder("rugged", add_rugged_terrain, _BOTH, "terrain ruggedness and mountainous terrain (time-invariant)"),
        Adder("terrthreat", add_latent_territorial_threat, _BOTH, "latent territorial threat (Miller 2022)"),
        Adder("ccode", add_ccode_to_gw, _BOTH, "COW codes for a G–W table, year by year"),
        Adder("gwcode", add_gwcode_to_cow, _BOTH, "G–W codes for a COW table, year by year"),
        Adder("peace_years", add_peace_years, _BOTH, "peace years since the last ongoing event (add events first)"),
        Adder("spells", add_spells, _BOTH, "spells for every event family present (add events first)"),
        Adder("prd", filter_prd, _DYAD, "keep politically relevant dyads only (filter_prd; drops rows)"),
        Adder("lead", add_lead, _LEADER, "LEAD leader experience and attributes (Ellis, Horowitz & Stam 2015)"),
        Adder("lwuf", add_lwuf, _LEADER, "leaders' willingness to use force (Carter & Smith 2020)"),
        Adder("gml_leader_mids", add_gml_leader_mids, _LEADER_DYAD, "GML MID 2.2.1 by leader-dyad-year (COW)"),
    )
}
