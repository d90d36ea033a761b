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

#: UN General Assembly sessions the report's ideal points are fitted to: 26 (1971, the PRC's
#: first session) to 74 (2019, the last in the UN votes data).  The report needs positions
#: from 1971 only, so its positions are on the scale of the sessions it reads (mean 0, sd 1
#: over all state-sessions 1971-2019).  The fit uses the estimator's defaults (tolerance
#: 1e-4): 229 sweeps, about 12 s on 2 cores.
IDEAL_POINT_SESSIONS: Final = "26-74"
#: Two mean ideal-point distances closer than this are reported as equal "within the fit's
#: precision": the largest position difference between that fit and one run to a ten times
#: tighter tolerance (1e-5), measured on sessions 26-74: 0.043 sd, rounded up.
IDEAL_POINT_PRECISION: Final = 0.05
#: Seed of the ideal-point fit (the default PCA start is deterministic; the seed is recorded
#: so that the fit is the one ``fit_ideal_points`` caches).
IDEAL_POINT_SEED: Final = 0

#: Triangle variant "default recipe + UN agreement": each dyad-year's UN General Assembly
#: agreement (``blocs.measures.add_un_agreement``) is ranked among all dyads with a score
#: that year (percentile rank in (0, 1]).  A dyad in the top quarter is a friendly tie, one
#: in the bottom tenth a hostile tie, the rest no UN tie.  Ranks, not raw shares, because
#: the Assembly's overall consensus moves (the median dyad agreed on 81% of votes in 1971
#: and on 96% in 1990): a fixed share would mean different things in different decades.
#: The cut for hostility is stricter than for friendship because agreement is skewed
#: towards consensus: voting against a state more than nine dyads in ten do is clear
#: opposition; sitting in the top quarter means voting with it more than most.
UN_TIE_TOP: Final = 0.25
UN_TIE_BOTTOM: Final = 0.10
