"""Case reports: one command that answers a question with data, figures and citations.

``build_case("sino-soviet", out=DIR)`` writes ``DIR/index.html``, its figures and
``DIR/numbers.json`` (every number shown, with its sources).  The interfaces layer: it may
import from every library layer, and nothing imports from it.
"""

from blocs.report._build import CASES, CaseReport, build_case
from blocs.report._capability import capability_ratio, reversal_year
from blocs.report._disputes import DisputeCount, disputes_between, disputes_in_window
from blocs.report._durability_figures import plot_hazard_ratios, plot_km_curves
from blocs.report._numbers import Number, NumberBook
from blocs.report._sections import SectionResult, SectionSpec
from blocs.report._timeline import dyad_disputes, dyad_rivalries, dyad_trade, dyad_years, sino_soviet_treaty
from blocs.report._today import TodayFacts, today_facts

__all__ = [
    "CASES",
    "CaseReport",
    "DisputeCount",
    "Number",
    "NumberBook",
    "SectionResult",
    "SectionSpec",
    "TodayFacts",
    "build_case",
    "capability_ratio",
    "disputes_between",
    "disputes_in_window",
    "dyad_disputes",
    "dyad_rivalries",
    "dyad_trade",
    "dyad_years",
    "plot_hazard_ratios",
    "plot_km_curves",
    "reversal_year",
    "sino_soviet_treaty",
    "today_facts",
]
