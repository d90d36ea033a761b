"""Case reports: one command that answers a question with data, figures and citations.

``build_case("sino-soviet", out=DIR)`` writes ``DIR/index.html``, its figures and
``DIR/numbers.json`` (every number shown, with its sources).  The interfaces layer: it may
import from every library layer, and nothing imports from it.
"""

from blocs.report._build import CASES, CaseReport, build_case
from blocs.report._capability import capability_ratio, reversal_year
from blocs.report._numbers import Number, NumberBook
from blocs.report._sections import SectionResult, SectionSpec
from blocs.report._timeline import dyad_disputes, dyad_rivalries, dyad_trade, dyad_years, sino_soviet_treaty

__all__ = [
    "CASES",
    "CaseReport",
    "Number",
    "NumberBook",
    "SectionResult",
    "SectionSpec",
    "build_case",
    "capability_ratio",
    "dyad_disputes",
    "dyad_rivalries",
    "dyad_trade",
    "dyad_years",
    "reversal_year",
    "sino_soviet_treaty",
]
