"""A table naming few states gets exactly the values the full dyad-year table gets.

``add_similarity`` computes each year's pairwise measures on the portfolio rows of the states
the table names (a pair's similarity depends only on its two rows and the item weights); this
checks that shortcut against the whole system on real data, weighted and unweighted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs._meta import declare
from blocs.measures import add_similarity
from blocs.system import create_dyad_years

MEASURES = {"atop": ["s_abs", "s_wt_abs", "kappa_sq", "pi_abs", "taub"], "un": ["s_abs", "kappa_sq", "pi_abs", "taub"]}


@pytest.mark.parametrize("source, years", [("atop", [1962, 1990]), ("un", [1985])])
def test_one_dyad_equals_the_full_table(source: str, years: list[int]) -> None:
    full = add_similarity(
        create_dyad_years(system="cow", directed=True, years=years), source=source, measures=MEASURES[source]
    )
    pairs = [(2, 365), (710, 365), (2, 200), (365, 2)]
    frame = pd.DataFrame([(a, b, y) for a, b in pairs for y in years], columns=["ccode1", "ccode2", "year"])
    few = add_similarity(
        declare(frame, unit="dyad_year", system="cow", directed=True), source=source, measures=MEASURES[source]
    )
    merged = few.merge(full, on=["ccode1", "ccode2", "year"], suffixes=("", "_full"), validate="one_to_one")
    assert len(merged) == len(frame)
    for m in MEASURES[source]:
        col = f"{source}_{m}"
        np.testing.assert_allclose(
            merged[col].astype(float),
            merged[f"{col}_full"].astype(float),
            rtol=0,
            atol=1e-12,
            equal_nan=True,
            err_msg=col,
        )
    assert merged[f"{source}_n_items"].tolist() == merged[f"{source}_n_items_full"].tolist()
