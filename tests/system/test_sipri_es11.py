"""SIPRI military expenditure by state code, and the ES-11/1 vote."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs import InvalidParameterError, meta_of
from blocs.data import load
from blocs.system import add_sipri_milex, create_dyad_years, create_state_years, load_es11_1_vote, load_sipri_milex


def test_reader_markers_are_missing() -> None:
    raw = load("sipri_milex")
    assert raw["country"].nunique() == 174 and len(raw) == 174 * 75
    ussr = raw[(raw.country == "USSR") & (raw.year == 2000)]
    assert ussr["milex_constant_usd"].isna().all()  # "xxx": not independent
    assert raw.loc[(raw.country == "Costa Rica") & (raw.year == 2000), "milex_constant_usd"].iloc[0] == 0


@pytest.mark.parametrize("system", ["cow", "gw"])
def test_coded_unique_and_known_values(system: str) -> None:
    m = load_sipri_milex(system=system)  # type: ignore[arg-type]
    col = "ccode" if system == "cow" else "gwcode"
    assert not m.duplicated([col, "year"]).any()
    at = m.set_index([col, "year"])
    assert round(at.loc[(365, 2023), "milex_constant_usd"]) == 126473
    assert round(at.loc[(710, 2023), "milex_constant_usd"]) == 309484
    assert at.loc[(365, 1990), "sipri_country"] == "USSR" and at.loc[(365, 1992), "sipri_country"] == "Russia"
    assert (365, 1991) not in at.index
    assert at.loc[(260, 1980), "sipri_country"] == "Germany"  # West Germany before 1991
    assert at.loc[(255 if system == "cow" else 260, 1991), "sipri_country"] == "Germany"  # G-W keeps 260
    assert np.isnan(at.loc[(365, 1992), "milex_current_usd"])  # workbook zero read as missing
    assert "European Union" not in set(m["sipri_country"])
    assert {s.name for s in meta_of(m).sources} == {"sipri_milex"}


def test_add_state_and_dyad_years() -> None:
    sy = add_sipri_milex(create_state_years(years="1948-1950"))
    assert sy.loc[sy.year == 1948, "milex_constant_usd"].isna().all()  # before SIPRI's first year
    assert sy.loc[(sy.ccode == 2) & (sy.year == 1950), "milex_constant_usd"].notna().all()
    dy = add_sipri_milex(create_dyad_years(directed=False, years=2016))
    r = dy[(dy.ccode1 == 365) & (dy.ccode2 == 710)].iloc[0]
    assert r.milex_constant_usd2 / r.milex_constant_usd1 == pytest.approx(220839.645542 / 92992.475502)
    gw = add_sipri_milex(create_state_years(system="gw", years="2019-2020"))
    assert gw.loc[(gw.gwcode == 710) & (gw.year == 2020), "milex_share_gdp"].notna().all()


def test_bad_system() -> None:
    with pytest.raises(InvalidParameterError, match="'system' parameter must be one of"):
        load_sipri_milex(system="iso")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'system' parameter must be one of"):
        load_es11_1_vote(system="iso")  # type: ignore[arg-type]


def test_es11_1_vote() -> None:
    v = load_es11_1_vote()
    assert len(v) == 193 and v["ccode"].is_unique
    assert v["vote"].value_counts().to_dict() == {"yes": 141, "abstain": 35, "absent": 12, "no": 5}
    votes = v.set_index("ccode")["vote"]
    assert votes[365] == "no" and votes[710] == "abstain" and votes[750] == "abstain" and votes[369] == "yes"
    assert set(v.loc[v.vote == "no", "ccode"]) == {365, 370, 531, 652, 731}
    gw = load_es11_1_vote(system="gw")
    assert len(gw) == 193 and gw["gwcode"].is_unique
    assert isinstance(meta_of(v).sources[0].name, str) and pd.api.types.is_integer_dtype(v["ccode"])
