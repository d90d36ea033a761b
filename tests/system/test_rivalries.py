"""Strategic rivalries: TSS (default) equal to peacesciencer 1.2.9, T&D as an option."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _peer_tables import assert_same_values, peer

from blocs._errors import InvalidParameterError
from blocs._meta import meta_of
from blocs.data import load
from blocs.system import ADDERS, add_strategic_rivalries, create_dyad_years, create_state_years, rivalry_years

TSS_COLUMNS = ["tssr_id", "positional", "spatial", "ideological", "interventionary", "ongoingrivalry"]


def test_tss_equals_peacesciencer_c11a() -> None:
    ours = add_strategic_rivalries(create_dyad_years(directed=False, years="1816-2014"))
    theirs = peer("c11a_ndy_1816_2014_strategic_rivalries")
    assert_same_values(ours, theirs, keys=["ccode1", "ccode2", "year"], columns=TSS_COLUMNS)
    assert {s.name for s in meta_of(ours).sources} >= {"tss_rivalries"}


def test_tss_known_values_and_coverage() -> None:
    dy = add_strategic_rivalries(create_dyad_years(directed=True, years="2018-2022", extend_to=2022))
    assert len(dy) == len(create_dyad_years(directed=True, years="2018-2022", extend_to=2022))
    us_ru = dy[(dy.ccode1 == 2) & (dy.ccode2 == 365)].set_index("year")
    ru_us = dy[(dy.ccode1 == 365) & (dy.ccode2 == 2)].set_index("year")
    assert us_ru.loc[2019, "ongoingrivalry"] == 1 and ru_us.loc[2019, "ongoingrivalry"] == 1
    assert us_ru.loc[2019, "tssr_id"] == ru_us.loc[2019, "tssr_id"]
    # after 2020 (the data's last year) every flag is missing, never 0 (peacesciencer writes 1)
    late = dy[dy.year > 2020]
    assert late[["ongoingrivalry", "positional", "spatial"]].isna().all().all()
    assert dy.loc[dy.year <= 2020, "ongoingrivalry"].notna().all()


def test_tss_state_year_counts_match_source() -> None:
    sy = add_strategic_rivalries(create_state_years(years=1980))
    tss = load("tss_rivalries")
    on = tss[(tss.start <= 1980) & (tss.end >= 1980)]
    for kind in ("ideological", "spatial", "positional", "interventionary"):
        flagged = on[on[kind].fillna(0) == 1]
        by_hand = pd.concat([flagged.ccode1, flagged.ccode2]).value_counts()
        # TSS code unified Yemen (679) before 1990; COW has 678/680 then, so those years get no match
        by_hand = by_hand[by_hand.index.isin(sy.ccode)]
        got = sy.set_index("ccode")[f"n_{kind}"]
        assert got.notna().all()
        assert got[got > 0].sort_index().to_dict() == by_hand.sort_index().to_dict(), kind
    assert sy.set_index("ccode").loc[666, "n_spatial"] >= 3  # Israel and its neighbours


def test_austria_fix_and_both_directions() -> None:
    ry = rivalry_years()
    assert not ((ry.ccode1 == 300) & (ry.year >= 1919)).any()
    assert ((ry.ccode1 == 305) & (ry.tssr_id == 76)).any()
    back = ry.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    merged = ry.merge(back, on=["ccode1", "ccode2", "year"], suffixes=("", "_b"))
    assert len(merged) == len(ry) and (merged.tssr_id == merged.tssr_id_b).all()
    assert ry.year.min() >= 1816 and ry.year.max() == 2020


def test_td_option_and_gw_tables() -> None:
    td = add_strategic_rivalries(create_dyad_years(directed=False, years=1958), source="td")
    assert td.loc[(td.ccode1 == 365) & (td.ccode2 == 710), "rivalryno"].iloc[0] == 126
    gw = add_strategic_rivalries(create_dyad_years(system="gw", directed=False, years=1985))
    row = gw[(gw.gwcode1 == 2) & (gw.gwcode2 == 365)]
    assert row["ongoingrivalry"].iloc[0] == 1
    assert "gw_cw_panel" in {s.name for s in meta_of(gw).sources}
    assert ADDERS["td_rivalries"].function(create_state_years(years=1960))["nrivalries"].notna().all()


def test_bad_source_and_bad_table() -> None:
    with pytest.raises(InvalidParameterError, match="'source' parameter must be one of 'tss', 'td'"):
        add_strategic_rivalries(create_state_years(years=1960), source="thompson")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="needs a pandas DataFrame"):
        add_strategic_rivalries(np.zeros(3))  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="state-year or dyad-year"):
        add_strategic_rivalries(pd.DataFrame({"ccode": [2], "year": [1960]}))
