"""State system: units of analysis (state-years, dyad-years), enrichments, UN votes."""

from blocs.system._unvotes import UN_COUNTRY_TO_COW, UN_ISSUES, UN_SESSIONS, UN_SUCCESSIONS, load_un_votes

__all__ = ["UN_COUNTRY_TO_COW", "UN_ISSUES", "UN_SESSIONS", "UN_SUCCESSIONS", "load_un_votes"]
