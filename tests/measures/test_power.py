from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs import CoverageError, InvalidParameterError, declare, meta_of
from blocs.data import load
from blocs.measures import add_capability_ratio, compute_cinc, system_polarity
from blocs.measures._power import _con


def test_cinc_recomputation_matches_published() -> None:
    c = compute_cinc()
    assert len(c) == len(load("cow_nmc"))
    assert (c["cinc"] - c["cinc_published"]).abs().max() < 1e-7
    # rows with a missing component: the average-over-available rule is what NMC does
    partial = c[c["n_components"] < 6]
    assert len(partial) > 1000
    assert (partial["cinc"] - partial["cinc_published"]).abs().max() < 1e-7
    sums = c.groupby("year")[[f"{k}_share" for k in ("milex", "tpop")]].sum()
    assert np.allclose(sums.to_numpy(), 1.0)
    assert meta_of(c).unit == "state_year"


def test_con_hand_worked() -> None:
    assert _con(np.array([0.5, 0.5])) == pytest.approx(0.0)
    assert _con(np.array([1.0, 0.0])) == pytest.approx(1.0)
    # shares (.6, .2, .2): sum s^2 = .44; (.44 - 1/3) / (2/3) = .16 -> CON = .4
    assert _con(np.array([0.6, 0.2, 0.2])) == pytest.approx(0.4)


def test_polarity_bipolar_concentration() -> None:
    p = system_polarity().set_index("year")
    assert (p["top1_ccode"].loc[1946:1970] == 2).all()  # the USSR leads from 1971 in CINC
    early_cold_war = p.loc[1946:1959, "con_majors"].mean()
    multipolar = p.loc[1880:1939, "con_majors"].mean()
    assert early_cold_war > multipolar + 0.07
    # the two superpowers lead the major powers through the 1950s
    assert all(m.split(",")[:2] in (["2", "365"], ["365", "2"]) for m in p.loc[1947:1959, "majors"])
    assert p.loc[1990, "n_majors"] == 5 and p.loc[1816, "n_majors"] == 5
    assert pd.isna(p.loc[2020, "con_majors"])  # no COW major powers list after 2016
    assert ((p["enp_all"] >= 1) & (p["con_all"].between(0, 1))).all()
    np.testing.assert_allclose(p["top1_share"] + p["top2_share"] + p["top3_share"] <= 1, True)


def test_polarity_errors() -> None:
    with pytest.raises(CoverageError, match="outside cow_nmc"):
        system_polarity(years="1700-1800")
    with pytest.raises(InvalidParameterError, match="n_leading"):
        system_polarity(years=1950, n_leading=0)
    with pytest.raises(CoverageError, match="outside cow_nmc"):
        compute_cinc(years=2031)


def test_capability_ratio() -> None:
    t = declare(
        pd.DataFrame({"ccode1": [2, 365, 2, 2], "ccode2": [365, 2, 999, 200], "year": [1950, 1950, 1950, 2030]}),
        unit="dyad_year",
        system="cow",
    )
    out = add_capability_ratio(t)
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    us, su = nmc[(2, 1950)], nmc[(365, 1950)]
    assert out.loc[0, "cap_share1"] == pytest.approx(us / (us + su))
    assert out.loc[1, "cap_share1"] == pytest.approx(su / (us + su))
    assert out.loc[0, "cap_ratio"] == out.loc[1, "cap_ratio"] == pytest.approx(us / su)
    assert out[["cap_share1", "cap_ratio"]].iloc[2:].isna().all().all()
    rec = add_capability_ratio(t, cinc="recomputed")
    assert rec.loc[0, "cap_ratio"] == pytest.approx(out.loc[0, "cap_ratio"], rel=1e-5)
    with pytest.raises(InvalidParameterError, match="'cinc' parameter"):
        add_capability_ratio(t, cinc="mine")  # type: ignore[arg-type]
