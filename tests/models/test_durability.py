"""Alliance durability on real ATOP 4.01 data: spells, covariates, Cox/KM fit, predictions, errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import BlocsError, CoverageError, InvalidParameterError, UnknownCountryError
from blocs._meta import meta_of
from blocs.data import cite, load
from blocs.models import (
    ALLIANCE_COVARIATES,
    AllianceDurability,
    create_alliance_spells,
    partnership_covariates,
)


@pytest.fixture(scope="module")
def spells() -> pd.DataFrame:
    return create_alliance_spells()


@pytest.fixture(scope="module")
def model(spells: pd.DataFrame) -> AllianceDurability:
    return AllianceDurability().fit(spells)


def _row(spells: pd.DataFrame, atopid: int) -> pd.Series:
    rows = spells.loc[spells["atopid"] == atopid]
    assert len(rows) == 1
    return rows.iloc[0]


# ------------------------------------------------------------------ spells


def test_sino_soviet_1950_treaty(spells: pd.DataFrame) -> None:
    r = _row(spells, 3200)
    assert r["start"] == pd.Timestamp("1950-02-14")
    assert r["end"] == pd.Timestamp("1980-04-11")
    assert r["members"] == (365, 710)
    assert bool(r["terminated"]) and not bool(r["censored"])
    assert r["defense"] == 1 and r["bilateral"] == 1 and r["n_major_powers"] == 2
    assert r["era"] == "Cold War 1945-1989"
    days = (pd.Timestamp("1980-04-11") - pd.Timestamp("1950-02-14")).days + 1
    assert r["duration_years"] == pytest.approx(days / 365.25)
    assert not bool(r["replaced"])


def test_1945_nationalist_treaty_replaced_by_1950_treaty(spells: pd.DataFrame) -> None:
    r = _row(spells, 3030)
    assert (r["start"], r["end"]) == (pd.Timestamp("1945-08-14"), pd.Timestamp("1950-02-14"))
    assert r["members"] == (365, 710)
    assert bool(r["replaced"])  # the 1950 treaty among the same members began the day it ended


def test_sino_soviet_covariates_from_sources(spells: pd.DataFrame) -> None:
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    dem = load("cw_democracy").set_index(["ccode", "year"])["v2x_polyarchy"]
    r = _row(spells, 3200)
    assert r["log_cap_ratio"] == pytest.approx(math.log(nmc[(365, 1950)] / nmc[(710, 1950)]))
    assert r["top_share"] == pytest.approx(nmc[(365, 1950)] / (nmc[(365, 1950)] + nmc[(710, 1950)]))
    assert r["regime_gap"] == pytest.approx(abs(dem[(365, 1950)] - dem[(710, 1950)]))
    assert r["shared_rival"] == 1  # both in strategic rivalry with the United States in 1950


def test_nato_1949_many_members_usa_dominant(spells: pd.DataFrame) -> None:
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    r = _row(spells, 3180)
    assert r["n_members"] == 12 and r["n_members_ever"] > 12
    assert {2, 20, 200, 220, 395} <= set(r["members"])
    assert r["cap_max"] == pytest.approx(nmc[(2, 1949)])  # the United States is the strongest founder
    assert r["top_share"] > 0.5
    assert bool(r["censored"]) and pd.isna(r["end"]) and r["stop"] == pd.Timestamp("2016-12-31")
    assert r["defense"] == 1 and r["bilateral"] == 0


def test_spell_counts_and_censoring(spells: pd.DataFrame) -> None:
    atop = load("atop4_alliances")
    assert len(spells) == len(atop) == spells["atopid"].nunique()
    assert int(spells["censored"].sum()) == int((atop["endyr"] == 0).sum())
    assert (spells["censored"] != spells["terminated"]).all()
    assert (spells["censored"] == spells["end"].isna()).all()
    assert (spells.loc[spells["censored"], "stop"] == pd.Timestamp("2016-12-31")).all()
    assert (spells.loc[spells["terminated"], "stop"] == spells.loc[spells["terminated"], "end"]).all()


def test_spell_invariants(spells: pd.DataFrame) -> None:
    assert (spells["duration_years"] > 0).all()
    assert (spells["stop"] >= spells["start"]).all()
    assert (spells["n_members"] >= 2).all()
    assert (spells["n_members"] == spells["members"].map(len)).all()
    assert (spells["n_members_ever"] >= spells["n_members"]).all()
    ok = spells["log_cap_ratio"].dropna()
    assert (ok >= 0).all()
    share = spells["top_share"].dropna()
    assert ((share > 0) & (share <= 1)).all()
    gap = spells["regime_gap"].dropna()
    assert ((gap >= 0) & (gap <= 1)).all()
    assert (spells["rival_year"] <= 2010).all()
    assert set(spells["shared_rival"].unique()) <= {0, 1}


def test_spell_metadata(spells: pd.DataFrame) -> None:
    names = {s.name: s.version for s in meta_of(spells).sources}
    assert names["atop4_alliances"] == "4.01" and names["cow_nmc"] == "7.0"
    assert {"atop4_members", "cw_democracy", "td_rivalries", "cow_majors"} <= set(names)
    assert meta_of(spells).system == "cow"
    assert "Leeds2007" in cite(create_alliance_spells)


def test_capability_choice_changes_sino_soviet_asymmetry() -> None:
    nmc = load("cow_nmc").set_index(["ccode", "year"])
    r = _row(create_alliance_spells(capability="milex"), 3200)
    assert r["log_cap_ratio"] == pytest.approx(math.log(nmc.loc[(365, 1950), "milex"] / nmc.loc[(710, 1950), "milex"]))


def test_capability_error() -> None:
    with pytest.raises(InvalidParameterError, match="'capability' parameter must be one of"):
        create_alliance_spells(capability="gdp")  # type: ignore[arg-type]


# -------------------------------------------------------------- partnership


def test_partnership_matches_spell_covariates(spells: pd.DataFrame) -> None:
    p = partnership_covariates([710, 365], year=1950).iloc[0]
    r = _row(spells, 3200)
    for col in ("log_cap_ratio", "regime_gap", "shared_rival", "log2_members", "era_pre1945", "era_post1989"):
        assert p[col] == pytest.approx(r[col]), col


def test_partnership_today_uses_latest_years() -> None:
    p = partnership_covariates([710, 365]).iloc[0]
    assert (p["year"], p["cap_year"], p["regime_year"], p["rival_year"]) == (2025, 2022, 2025, 2010)
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    assert p["log_cap_ratio"] == pytest.approx(math.log(nmc[(710, 2022)] / nmc[(365, 2022)]))
    assert p["era_post1989"] == 1 and p["shared_rival"] == 1


def test_partnership_era_override() -> None:
    p = partnership_covariates([710, 365], year=2025, era="cold-war").iloc[0]
    assert (p["era_pre1945"], p["era_post1989"]) == (0, 0)


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"members": [710, 999], "year": 1950}, UnknownCountryError, "member 999 is not a COW state code"),
        ({"members": [710], "year": 1950}, InvalidParameterError, "at least two states"),
        ({"members": [710, 710], "year": 1950}, InvalidParameterError, "lists a state twice"),
        ({"members": [710, 365], "year": 1700}, CoverageError, "year 1700 is outside"),
        ({"members": [710, 365], "year": 2031}, CoverageError, "year 2031 is outside"),
        ({"members": [713, 365], "year": 1900}, CoverageError, r"no cow_nmc cinc for member\(s\) \[713\] in 1900"),
        ({"members": [710, 365], "year": 1950, "era": "space-age"}, InvalidParameterError, "'era' parameter"),
    ],
)
def test_partnership_errors(kwargs: dict[str, object], exc: type[Exception], match: str) -> None:
    members = kwargs.pop("members")
    with pytest.raises(exc, match=match):
        partnership_covariates(members, **kwargs)  # type: ignore[arg-type]


def test_partnership_unknown_name_is_a_blocs_error() -> None:
    with pytest.raises(BlocsError, match="Atlantis"):
        partnership_covariates(["Atlantis", 365], year=1950)


# -------------------------------------------------------------------- model


def test_fit_hazard_ratios_finite_with_ci(model: AllianceDurability) -> None:
    hr = model.hazard_ratios_
    assert list(hr["covariate"]) == list(ALLIANCE_COVARIATES)
    assert np.isfinite(hr[["hr", "hr_lower", "hr_upper", "p", "ph_p"]].to_numpy()).all()
    assert ((hr["hr_lower"] < hr["hr"]) & (hr["hr"] < hr["hr_upper"])).all()
    assert np.allclose(np.log(hr["hr"]), hr["coef"])
    assert ((hr["p"] >= 0) & (hr["p"] <= 1)).all()
    assert model.n_ + model.n_dropped_ == 745
    assert 0 < model.n_events_ < model.n_
    assert 0.5 < model.concordance_ <= 1


def test_km_curves_monotone_in_unit_interval(model: AllianceDurability) -> None:
    km = model.km_curves_
    assert set(km["group"]) == {"symmetric", "intermediate", "asymmetric"}
    for _, g in km.groupby("group"):
        s = g.sort_values("time")["survival"].to_numpy()
        assert s[0] == 1.0
        assert ((s >= 0) & (s <= 1)).all()
        assert (np.diff(s) <= 1e-12).all()
        assert ((g["lower"] <= g["survival"] + 1e-12) & (g["survival"] <= g["upper"] + 1e-12)).all()
    sizes = model.km_medians_["n"]
    assert sizes.max() - sizes.min() <= 2  # terciles
    assert 0 <= model.logrank_["p"] <= 1 and model.logrank_["df"] == 2
    lo, hi = model.group_cuts_  # type: ignore[misc]
    assert lo < hi


def test_events_excluding_replacement(spells: pd.DataFrame, model: AllianceDurability) -> None:
    alt = AllianceDurability(events="excluding_replacement").fit(spells)
    complete = spells.dropna(subset=list(ALLIANCE_COVARIATES))
    assert alt.n_ == model.n_
    assert model.n_events_ - alt.n_events_ == int((complete["terminated"] & complete["replaced"]).sum()) > 0


@pytest.mark.parametrize(
    ("groups", "labels"),
    [
        ("era", {"pre-1945", "Cold War 1945-1989", "post-1989"}),
        ("defense", {"defense", "no defense"}),
        ("bilateral", {"bilateral", "no bilateral"}),
    ],
)
def test_other_groupings(spells: pd.DataFrame, groups: str, labels: set[str]) -> None:
    m = AllianceDurability(groups=groups, covariates=["log_cap_ratio", "defense"]).fit(spells)  # type: ignore[arg-type]
    assert set(m.km_medians_["group"]) == labels
    assert int(m.km_medians_["n"].sum()) == len(spells)
    assert m.group_cuts_ is None


def test_predict_sino_soviet_curve(model: AllianceDurability) -> None:
    p = partnership_covariates([710, 365], year=1950, label="Sino-Soviet 1950")
    sf = model.predict_survival(p, times=[0, 5, 10, 30, 60])
    assert list(sf.columns) == ["Sino-Soviet 1950"]
    s = sf["Sino-Soviet 1950"].to_numpy()
    assert s[0] == pytest.approx(1.0)
    assert ((s >= 0) & (s <= 1)).all() and (np.diff(s) <= 1e-12).all()
    by_members = model.predict_survival([710, 365], year=1950, times=[0, 5, 10, 30, 60])
    assert np.allclose(by_members.to_numpy()[:, 0], s)


def test_survival_summary_two_partnerships(model: AllianceDurability) -> None:
    p = pd.concat(
        [partnership_covariates([710, 365], year=1950, label="1950"), partnership_covariates([710, 365], label="now")]
    )
    out = model.survival_summary(p, horizons=(10, 30)).set_index("label")
    assert 0 < out.loc["1950", "median_years"] < 100
    for lab in ("1950", "now"):
        assert 0 <= out.loc[lab, "p_survive_30"] <= out.loc[lab, "p_survive_10"] <= 1
    assert out.loc["now", "cap_year"] == 2022
    assert "cow_nmc" in {s.name for s in meta_of(out).sources}


@settings(max_examples=20, deadline=None)
@given(a=st.floats(0, 8), b=st.floats(0, 8), t=st.floats(1, 80))
def test_survival_ordered_by_hazard_ratio(model: AllianceDurability, a: float, b: float, t: float) -> None:
    base = partnership_covariates([710, 365], year=1950)
    rows = pd.concat([base.assign(log_cap_ratio=a, label="a"), base.assign(log_cap_ratio=b, label="b")])
    s = model.predict_survival(rows, times=[t]).iloc[0]
    coef = float(model.hazard_ratios_.set_index("covariate").loc["log_cap_ratio", "coef"])
    # a larger hazard (coef * x) can only lower survival
    if coef * (a - b) > 0:
        assert s["a"] <= s["b"] + 1e-12
    elif coef * (a - b) < 0:
        assert s["a"] >= s["b"] - 1e-12


def test_interpretation_states_sample_and_limits(model: AllianceDurability) -> None:
    text = model.interpretation()
    assert f"Sample: {model.n_} ATOP 4.01 alliances" in text
    assert "right-censored" in text and "2016-12-31" in text
    assert "not causal" in text
    # the model speaks about alliances in general; what it means for one case is the report's
    assert "China" not in text and "Sino" not in text and "not about any one pair" in text


def test_cites_methods() -> None:
    text = cite(AllianceDurability)
    assert "@article{Cox1972," in text and "@article{KaplanMeier1958," in text


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"groups": "size"}, "'groups' parameter must be one of"),
        ({"events": "some"}, "'events' parameter must be one of"),
        ({"alpha": 1.5}, r"'alpha' parameter must be a finite number in \(0, 1\)"),
        ({"penalizer": -1.0}, "'penalizer' parameter must be a non-negative number"),
        ({"covariates": ["gdp"]}, r"covariates \['gdp'\] are not columns"),
        ({"covariates": []}, "covariates is empty"),
    ],
)
def test_fit_parameter_errors(spells: pd.DataFrame, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        AllianceDurability(**kwargs).fit(spells)  # type: ignore[arg-type]


def test_fit_rejects_foreign_table(spells: pd.DataFrame) -> None:
    plain = pd.DataFrame(spells).copy()
    plain.attrs.clear()
    with pytest.raises(InvalidParameterError, match="returned by create_alliance_spells"):
        AllianceDurability().fit(plain)


def test_predict_errors(model: AllianceDurability) -> None:
    with pytest.raises(InvalidParameterError, match="not fitted yet"):
        AllianceDurability().predict_survival([710, 365], year=1950)
    with pytest.raises(InvalidParameterError, match="year is required"):
        model.predict_survival([710, 365])
    with pytest.raises(InvalidParameterError, match="times must be a non-empty list"):
        model.predict_survival([710, 365], year=1950, times=[-1.0])
    with pytest.raises(InvalidParameterError, match=r"lacks covariate column\(s\)"):
        model.predict_survival(pd.DataFrame({"log_cap_ratio": [1.0]}))
    nan = partnership_covariates([710, 365], year=1950).assign(regime_gap=np.nan)
    with pytest.raises(CoverageError, match=r"missing covariate\(s\) \['regime_gap'\]"):
        model.predict_survival(nan)


def test_fit_does_not_mutate_spells(spells: pd.DataFrame) -> None:
    before = spells.copy()
    AllianceDurability(events="excluding_replacement").fit(spells)
    pd.testing.assert_frame_equal(spells, before)


def test_step_survival_matches_lifelines_at_event_times(model: AllianceDurability) -> None:
    p = partnership_covariates([710, 365], year=1950)
    times = model.cox_.baseline_cumulative_hazard_.index.to_numpy()[:50]
    ours = model.predict_survival(p, times=times).to_numpy()[:, 0]
    theirs = model.cox_.predict_survival_function(p[model.covariates_].astype(float), times=times).to_numpy()[:, 0]
    assert np.allclose(ours, theirs)
