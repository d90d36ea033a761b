"""The state system: state-year and dyad-year tables, their enrichments, and UN votes."""

from blocs.system._dyads import create_dyad_years
from blocs.system._states import create_state_years
from blocs.system._unvotes import UN_COUNTRY_TO_COW, UN_ISSUES, UN_SESSIONS, UN_SUCCESSIONS, load_un_votes

__all__ = [
    "UN_COUNTRY_TO_COW",
    "UN_ISSUES",
    "UN_SESSIONS",
    "UN_SUCCESSIONS",
    "create_dyad_years",
    "create_state_years",
    "load_un_votes",
]
