"""The state system: country identity and the state-year / dyad-year units of analysis."""

# country identity (helper "countries")
from blocs.system._countries import Country, candidates, country_code, country_codes, resolve

# units of analysis (helper "tables")
from blocs.system._dyads import create_dyad_years
from blocs.system._states import create_state_years

__all__ = [
    # country identity
    "Country",
    "candidates",
    "country_code",
    "country_codes",
    "resolve",
    # units of analysis
    "create_dyad_years",
    "create_state_years",
]
