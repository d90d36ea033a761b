"""The state system: country identity and the state-year / dyad-year units of analysis."""

# country identity (helper "countries")
from blocs.system._countries import Country, candidates, country_code, country_codes, resolve

__all__ = [
    # country identity
    "Country",
    "candidates",
    "country_code",
    "country_codes",
    "resolve",
]
