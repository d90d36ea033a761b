"""The state system: state-year and dyad-year tables and their enrichments."""

from blocs.system._dyads import create_dyad_years
from blocs.system._states import create_state_years

__all__ = ["create_dyad_years", "create_state_years"]
