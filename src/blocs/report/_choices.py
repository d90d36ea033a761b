"""Documented model choices of the Sino-Soviet case report.

These are the only values in the report not read from data: which states and years it
looks at.  Each is explained in ``docs/report.md``.
"""

from __future__ import annotations

from typing import Final

USA: Final = 2
USSR: Final = 365  # COW code 365: the Soviet Union until 1991, Russia from 1992 (one code, as COW has it)
CHINA: Final = 710  # COW code 710: China (the Republic of China until 1949, the PRC from 1949/1950)

#: The non-directed dyad the timeline follows (ccode1 < ccode2, as in COW/peacesciencer).
DYAD: Final = (USSR, CHINA)

#: The year bipolarity and the landscape are measured in (the PRC's founding, 1 October 1949).
BIPOLAR_YEAR: Final = 1949
#: Leading states shown with their power shares.
N_LEADING: Final = 5

#: Landscape of 1949–1950: the COW major powers of the year plus China (added whatever its
#: major-power status), with NMC sizes of :data:`LANDSCAPE_YEAR`.
LANDSCAPE_YEAR: Final = 1950

#: Years of the capability series and of the dyad timeline (NMC 7.0 coverage after 1945).
FIRST_YEAR: Final = 1946
LAST_YEAR: Final = 2022

#: Year the alliance is signed (the treaty of 14 February 1950): the capability ratio
#: "reverses" in the first year after it from which China's CINC exceeds the USSR's/Russia's
#: in every later year of the series.
ALLIANCE_YEAR: Final = 1950

#: First UN General Assembly session with the PRC seated (session 26, 1971).
UN_FIRST_YEAR: Final = 1971

#: Last year of the Cold War for the triangle's "after the Cold War" counts (the USSR dissolves in December 1991).
COLD_WAR_END: Final = 1991

#: "Squandered opportunity" counterfactual: the US–China propensity set to this value
#: (the United States recognises Beijing), as ``blocs landscape --set USA,CHN=+1``.
COUNTERFACTUAL_US_CHINA: Final = 1.0
