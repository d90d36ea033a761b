"""Tests for blocs.models landscape theory (Axelrod & Bennett 1993)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs._errors import (
    CoverageError,
    DuplicateKeysError,
    InfeasibleOptionError,
    InvalidParameterError,
    UnknownCountryError,
)
from blocs.models import (
    Landscape,
    build_landscape,
    counterfactual,
    set_propensities,
    set_sizes,
    weight_robustness,
)
from blocs.models import _landscape_solvers as solvers

# ----------------------------------------------------------------------------- helpers


def tables(sizes, P):
    names = [chr(65 + i) for i in range(len(sizes))]
    actors = pd.DataFrame({"actor": names, "size": sizes})
    rows = [(names[i], names[j], float(P[i][j])) for i, j in itertools.combinations(range(len(sizes)), 2)]
    props = pd.DataFrame(rows, columns=["actor1", "actor2", "propensity"])
    return actors, props


def brute_force(W, k):
    """Every distinct configuration (canonical labels) and its energy, by direct summation."""
    n = W.shape[0]
    out = {}
    for rest in itertools.product(range(k), repeat=n - 1):
        c = solvers.canonical((0, *rest))
        if c not in out:
            e = sum(W[i, j] for i in range(n) for j in range(i + 1, n) if c[i] != c[j])
            out[c] = e
    return out


def brute_minima(W, k):
    confs = brute_force(W, k)
    n = W.shape[0]
    minima = set()
    for c, e in confs.items():
        better = False
        for i in range(n):
            for lab in range(k):
                if lab != c[i]:
                    y = list(c)
                    y[i] = lab
                    if confs[solvers.canonical(y)] < e - 1e-9:
                        better = True
        if not better:
            minima.add(c)
    return confs, minima


def random_w(seed, n):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 2.0, n)
    P = rng.normal(size=(n, n))
    P = (P + P.T) / 2
    np.fill_diagonal(P, 0.0)
    return s, P, np.outer(s, s) * P


THREE = ([1.0, 1.0, 2.0], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])

# ----------------------------------------------------------------------------- hand-computed energies


def test_hand_computed_energies_and_sign_convention():
    actors, props = tables(*THREE)
    m = Landscape().fit(actors, props)
    # {A,B} | {C}: the two antagonistic pairs apart: 1*2*(-1) + 1*2*(-1) = -4
    assert m.energy(["0", "0", "1"] and [0, 0, 1]) == pytest.approx(-4.0)
    # {A} | {B,C}: friendly A-B apart (+1) and A-C apart (-2) -> -1
    assert m.energy([0, 1, 1]) == pytest.approx(-1.0)
    # {A,C} | {B}: A-B apart (+1), B-C apart (-2) -> -1
    assert m.energy({"A": 0, "B": 1, "C": 0}) == pytest.approx(-1.0)
    assert m.energy([0, 0, 0]) == 0.0
    assert m.energy_ == pytest.approx(-4.0)
    assert m.global_minimum_.coalition.tolist() == [0, 0, 1]
    # frustration = energy + sum of |negative weights| = -4 + 4 = 0 (everyone satisfied)
    assert m.frustration_ == pytest.approx(0.0)
    # per-actor frustration F_i = sum_j s_j p_ij d_ij; E = 1/2 sum_i s_i F_i
    F = m.global_minimum_.frustration.to_numpy()
    assert F.tolist() == pytest.approx([-2.0, -2.0, -2.0])
    assert 0.5 * (m.sizes_ * F).sum() == pytest.approx(m.energy_)
    # single defections: A alone to C: lose -2 with C, gain +1 from B ... E({B}|{A,C}) - E* = -1 + 4 = 3
    costs = m.actor_costs_.set_index("actor")
    assert costs.loc["A", "defection_cost"] == pytest.approx(3.0)
    assert costs.loc["C", "defection_cost"] == pytest.approx(4.0)


def test_three_mutual_enemies_k2_vs_k3():
    actors, props = tables([1.0, 1.0, 1.0], [[0, -1, -1], [-1, 0, -1], [-1, -1, 0]])
    assert Landscape(k=2).fit(actors, props).energy_ == pytest.approx(-2.0)
    m3 = Landscape(k=3).fit(actors, props)
    assert m3.energy_ == pytest.approx(-3.0)
    assert m3.global_minimum_.coalition.tolist() == [0, 1, 2]
    # k=3 configurations of 3 actors: S(3,1)+S(3,2)+S(3,3) = 1+3+1 = 5
    assert m3.local_minima_.basin_size.sum() == 5


# ----------------------------------------------------------------------------- solver invariants


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 8))
def test_enumeration_matches_integer_program_and_brute_force(seed, n):
    _, _, W = random_w(seed, n)
    confs, minima = brute_minima(W, 2)
    res = solvers.enumerate_landscape(W, 2)
    assert res.best_energy == pytest.approx(min(confs.values()), abs=1e-9)
    assert set(res.minima) == minima
    assert sum(res.basins) == 2 ** (n - 1) == len(confs)
    for c, e in zip(res.minima, res.energies, strict=True):
        assert e == pytest.approx(confs[c], abs=1e-9)
    ip = solvers.solve_ip(W, 2, time_limit=30)
    assert ip.best_energy == pytest.approx(res.best_energy, abs=1e-7)
    assert ip.gap <= 1e-6


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 6))
def test_k3_enumeration_matches_brute_force_and_ip(seed, n):
    _, _, W = random_w(seed, n)
    confs, minima = brute_minima(W, 3)
    res = solvers.enumerate_landscape(W, 3)
    assert set(res.minima) == minima
    assert sum(res.basins) == len(confs)
    assert res.best_energy == pytest.approx(min(confs.values()), abs=1e-9)
    ip = solvers.solve_ip(W, 3, time_limit=30)
    assert ip.best_energy == pytest.approx(res.best_energy, abs=1e-7)


def test_basins_follow_steepest_descent():
    _, _, W = random_w(7, 7)
    res = solvers.enumerate_landscape(W, 2)
    # descend by hand from every configuration with the documented rule
    counts: dict[tuple[int, ...], int] = {}
    for rest in itertools.product(range(2), repeat=6):
        lab = np.array((0, *rest), dtype=np.int64)
        solvers.descend(W, lab, 2)
        key = solvers.canonical(lab)
        counts[key] = counts.get(key, 0) + 1
    assert counts == dict(zip(res.minima, res.basins, strict=True))


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 8))
def test_forced_costs_enumeration_match_ip(seed, n):
    s, _, W = random_w(seed, n)
    res = solvers.enumerate_landscape(W, 2)
    fc = solvers.forced_costs_enumeration(W, s, res.best)
    assert np.all(fc >= -1e-9)
    for i in range(n):
        r = solvers.solve_forced_ip(W, s, res.best, i, time_limit=30, triangles=True)
        assert r.best_energy - res.best_energy == pytest.approx(fc[i], abs=1e-7)


def test_methods_agree_and_heuristic_bound():
    s, P, _ = random_w(3, 9)
    actors, props = tables(s, P)
    e = Landscape(method="enumerate").fit(actors, props)
    ip = Landscape(method="ip").fit(actors, props)
    h = Landscape(method="heuristic", n_starts=200, seed=0).fit(actors, props)
    assert ip.energy_ == pytest.approx(e.energy_)
    assert h.energy_ == pytest.approx(e.energy_)
    assert h.bound_ <= e.energy_ + 1e-9
    assert ip.actor_costs_.forced_cost.to_numpy() == pytest.approx(e.actor_costs_.forced_cost.to_numpy(), abs=1e-7)
    assert e.exact_ and e.gap_ == 0.0
    # heuristic forced costs are upper bounds of the exact ones
    assert np.all(h.actor_costs_.forced_cost.to_numpy() >= e.actor_costs_.forced_cost.to_numpy() - 1e-9)
    assert set(h.local_minima_.labels) <= set(e.local_minima_.labels)


def test_minima_are_local_minima_and_sorted():
    s, P, _ = random_w(11, 10)
    m = Landscape().fit(*tables(s, P))
    lm = m.local_minima_
    assert lm.energy.is_monotonic_increasing
    assert lm.basin_share.sum() == pytest.approx(1.0)
    assert lm.is_global.iloc[0]
    assert (m.actor_costs_.defection_cost >= -1e-12).all()


# ----------------------------------------------------------------------------- counterfactuals, robustness


def test_counterfactual_and_modifiers_do_not_mutate():
    actors = pd.DataFrame({"actor": ["A", "B", "C"], "size": [2.0, 1.0, 1.0]})
    props = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -3.0]})
    before = props.copy()
    cf = counterfactual(actors, props, propensity={("C", "A"): 2.0})
    pd.testing.assert_frame_equal(props, before)
    assert cf.comparison.moved.tolist() == [False, True, True]
    assert cf.comparison.attrs["energy_baseline"] == pytest.approx(-5.0)
    assert cf.comparison.attrs["energy_counterfactual"] == pytest.approx(-1.0)
    added = set_propensities(props.iloc[:2], {("B", "C"): 0.5})
    assert len(added) == 3 and added.propensity.iloc[-1] == 0.5
    assert set_sizes(actors, {"B": 3})["size"].tolist() == [2.0, 3.0, 1.0]
    with pytest.raises(InvalidParameterError, match="at least one change"):
        counterfactual(actors, props)
    with pytest.raises(InvalidParameterError, match="unknown actor 'Z'"):
        set_sizes(actors, {"Z": 1})
    with pytest.raises(InvalidParameterError, match="with itself"):
        set_propensities(props, {("A", "A"): 1})


def test_weight_robustness_seeded_and_validated():
    actors = pd.DataFrame({"actor": list("ABCD"), "size": [1.0, 2.0, 1.5, 1.0]})
    pairs = list(itertools.combinations("ABCD", 2))
    x = [1.0, -1.0, -1.0, -1.0, -1.0, 1.0]
    y = [-1.0, 1.0, 0.5, 0.5, -1.0, -1.0]
    props = pd.DataFrame({"actor1": [a for a, _ in pairs], "actor2": [b for _, b in pairs], "x": x, "y": y})
    props["propensity"] = 0.0
    r1 = weight_robustness(actors, props, weights={"x": 1.0, "y": 0.9}, samples=50, spread=1.0, seed=3)
    r2 = weight_robustness(actors, props, weights={"x": 1.0, "y": 0.9}, samples=50, spread=1.0, seed=3)
    pd.testing.assert_frame_equal(r1.actors, r2.actors)
    assert r1.configurations["count"].sum() == 50
    assert (r1.actors.share_0 + r1.actors.share_1).to_numpy() == pytest.approx(1.0)
    assert r1.actors.share_same.between(0, 1).all()
    still = weight_robustness(actors, props, weights={"x": 1.0}, samples=5, spread=0.0, seed=1)
    assert still.actors.share_same.tolist() == [1.0] * 4
    with pytest.raises(InvalidParameterError, match="lack component column"):
        weight_robustness(actors, props, weights={"zz": 1.0})
    with pytest.raises(InvalidParameterError, match="spread must lie"):
        weight_robustness(actors, props, weights={"x": 1.0}, spread=2.0)
    with pytest.raises(InvalidParameterError, match="samples must be a positive integer"):
        weight_robustness(actors, props, weights={"x": 1.0}, samples=0)


# ----------------------------------------------------------------------------- validation


def test_input_validation_errors():
    actors, props = tables(*THREE)
    bad = props.copy()
    bad.loc[0, "actor2"] = "Z"
    with pytest.raises(InvalidParameterError, match="not in the actors table: Z"):
        Landscape().fit(actors, bad)
    SIZE_MESSAGE = r"size. column of actors must hold finite numbers in \(0, 1e\+12\]"  # noqa: N806
    with pytest.raises(InvalidParameterError, match=SIZE_MESSAGE):
        Landscape().fit(actors.assign(size=[1.0, 0.0, 2.0]), props)
    with pytest.raises(InvalidParameterError, match=SIZE_MESSAGE):
        Landscape().fit(actors.assign(size=[1.0, -3.0, 2.0]), props)
    with pytest.raises(InfeasibleOptionError, match="k=4 coalitions cannot be formed by 3 actors"):
        Landscape(k=4).fit(actors, props)
    with pytest.raises(InvalidParameterError, match="'k' parameter must be an integer >= 2"):
        Landscape(k=1).fit(actors, props)
    with pytest.raises(DuplicateKeysError, match="more than once: A"):
        Landscape().fit(pd.concat([actors, actors.iloc[:1]]), props)
    dup = pd.concat([props, pd.DataFrame({"actor1": ["B"], "actor2": ["A"], "propensity": [2.0]})])
    with pytest.raises(DuplicateKeysError, match="A-B"):
        Landscape().fit(actors, dup)
    with pytest.raises(InvalidParameterError, match="with themselves: A"):
        Landscape().fit(actors, pd.DataFrame({"actor1": ["A"], "actor2": ["A"], "propensity": [1.0]}))
    with pytest.raises(InvalidParameterError, match="lacks column"):
        Landscape().fit(actors.rename(columns={"size": "cinc"}), props)
    with pytest.raises(InvalidParameterError, match="finite number"):
        Landscape().fit(actors, props.assign(propensity=[1.0, np.nan, 0.0]))
    with pytest.raises(InvalidParameterError, match="at least 2"):
        Landscape().fit(actors.iloc[:1], props.iloc[:0])
    with pytest.raises(InvalidParameterError, match="'method' parameter must be one of"):
        Landscape(method="magic").fit(actors, props)  # type: ignore[arg-type]
    with pytest.raises(InfeasibleOptionError, match="above max_configurations"):
        Landscape(method="enumerate", max_configurations=2).fit(actors, props)
    with pytest.raises(InvalidParameterError, match="labels must give one coalition per actor"):
        Landscape().fit(actors, props).energy([0, 1])


def test_unlisted_pairs_have_zero_propensity():
    actors = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 1.0]})
    props = pd.DataFrame({"actor1": ["A"], "actor2": ["B"], "propensity": [-1.0]})
    m = Landscape().fit(actors, props)
    assert m.propensity_[0, 2] == 0.0 and m.energy_ == pytest.approx(-1.0)


# ----------------------------------------------------------------------------- real data

EUROPE_1936 = [
    "UKG",
    "CZE",
    "DEN",
    "EST",
    "FIN",
    "FRN",
    "GMY",
    "GRC",
    "HUN",
    "ITA",
    "LAT",
    "LIT",
    "POL",
    "POR",
    "ROM",
    "RUS",
    "YUG",
]


def test_build_landscape_known_values_1936():
    actors, props = build_landscape(["GMY", "FRN", "UKG", "RUS", 325], year=1936)
    a = actors.set_index("actor")
    assert a.loc["GMY", "size"] == pytest.approx(0.115115, abs=1e-6)  # NMC 7.0 CINC
    p = props.set_index(["actor1", "actor2"])
    # V-Dem polyarchy 1936: UKG 0.725, FRN 0.552 -> 1 - 2*0.173
    assert p.loc[("FRN", "UKG"), "regime"] == pytest.approx(0.654, abs=1e-9)
    assert p.loc[("GMY", "FRN"), "war"] == -1.0  # First World War, inside the 25-year window
    assert p.loc[("FRN", "UKG"), "cobelligerent"] == 1.0
    assert p.loc[("GMY", "FRN"), "rivalry"] == -1.0  # Thompson-Dreyer France-Germany
    assert p.loc[("FRN", "RUS"), "alliance"] == 1.0  # Franco-Soviet mutual assistance (1935)
    w = props.attrs["weights"]
    expect = sum(w[c] * p.loc[("GMY", "FRN"), c] for c in w)
    assert p.loc[("GMY", "FRN"), "propensity"] == pytest.approx(expect)
    assert {s.name for s in actors.attrs["blocs"].sources} >= {"cow_nmc", "cw_democracy", "cow_war_inter"}


def test_europe_1936_axelrod_bennett_reconstruction():
    actors, props = build_landscape(EUROPE_1936, year=1936, weights="axelrod-bennett")
    assert set(props.columns) >= {"government", "war", "territorial"}
    assert props.attrs["weights"] == {"government": 1.0, "war": 1.0, "territorial": 1.0}
    m = Landscape().fit(actors, props)
    lm = m.local_minima_
    assert lm.basin_size.sum() == 2**16
    assert len(lm) == 3
    side = m.global_minimum_.set_index("actor").coalition
    west = {a for a in EUROPE_1936 if side[a] == side["UKG"]}
    # the optimum reported in docs/landscape.md: the USSR with Britain and France
    assert west == {"UKG", "CZE", "DEN", "FIN", "FRN", "RUS", "YUG"}
    # a model-free check of the reported basins: each minimum is stable against every single move
    assert (m.actor_costs_.defection_cost > 0).all()


def test_europe_1936_continuous_regime_puts_ussr_with_germany():
    # the former preset (continuous regime similarity): communist and fascist look alike
    actors, props = build_landscape(EUROPE_1936, year=1936, weights={"regime": 1.0, "war": 1.0, "border": 1.0})
    side = Landscape().fit(actors, props).global_minimum_.set_index("actor").coalition
    west = {a for a in EUROPE_1936 if side[a] == side["UKG"]}
    assert west == {"UKG", "CZE", "DEN", "FIN", "FRN"}


def test_government_ideological_territorial_components_1936():
    codes = ["GMY", "UKG", "FRN", "ITA", "RUS", "POL", "HUN", "ROM"]
    _, props = build_landscape(
        codes,
        year=1936,
        weights={"government": 1.0, "ideological": 1.0, "tss_rivalry": 1.0, "territorial": 1.0},
    )
    p = props.set_index(["actor1", "actor2"])
    # TSS: Britain-Germany 2 (1933-1945) is ideological and positional; Germany-Russia (1890-1945)
    # positional and spatial, not ideological
    assert p.loc[("GMY", "UKG"), "ideological"] == -1.0
    assert p.loc[("GMY", "RUS"), "ideological"] == 0.0
    assert p.loc[("GMY", "RUS"), "tss_rivalry"] == -1.0
    assert p.loc[("UKG", "FRN"), "tss_rivalry"] == 0.0  # Britain-France 2 ended 1904
    # government: V-Dem polyarchy UKG 0.725 and FRN 0.552 are democracies (> 0.5), GMY 0.087 not
    assert p.loc[("UKG", "FRN"), "government"] == 1.0
    assert p.loc[("GMY", "FRN"), "government"] == -1.0
    assert p.loc[("GMY", "ITA"), "government"] == 0.0  # two dictatorships: type unknown
    assert p.loc[("GMY", "RUS"), "government"] == 0.0
    # territorial: spatial rivalries (GMY-POL, HUN-ROM, GMY-RUS) and the 1935 Abyssinia MID
    # (Italy a territorial revisionist, Britain on the other side; MID 5.0 dispute 111)
    assert p.loc[("GMY", "POL"), "territorial"] == -1.0
    assert p.loc[("HUN", "ROM"), "territorial"] == -1.0
    assert p.loc[("UKG", "ITA"), "territorial"] == -1.0
    assert p.loc[("UKG", "FRN"), "territorial"] == 0.0
    assert p.loc[("GMY", "ITA"), "territorial"] == 0.0
    sources = {s.name for s in props.attrs["blocs"].sources}
    assert {"tss_rivalries", "cw_democracy", "cow_mid_dirdisps", "cow_mid_b"} <= sources


def test_government_ideological_rivalry_between_dictatorships_and_polity2():
    # USSR-Yugoslavia (TSS 1948-1955, ideological): two non-democracies, antagonism recorded
    _, props = build_landscape(["RUS", "YUG", "UKG"], year=1950, weights={"government": 1.0})
    p = props.set_index(["actor1", "actor2"])
    assert p.loc[("RUS", "YUG"), "government"] == -1.0
    assert p.loc[("RUS", "UKG"), "government"] == -1.0
    # polity2 has no score for the USSR in 1936: its pairs score 0 unless an ideological rivalry
    _, props = build_landscape(["RUS", "UKG", "FRN"], year=1936, weights={"government": 1.0}, regime_measure="polity2")
    p = props.set_index(["actor1", "actor2"])
    assert p.loc[("RUS", "UKG"), "government"] == 0.0
    assert p.loc[("UKG", "FRN"), "government"] == 1.0  # polity2 10 and 10 (>= 6)


def test_war_half_life_decays_from_last_year_at_war():
    _, flat = build_landscape(["GMY", "UKG", "POL", "RUS"], year=1936, weights={"war": 1.0})
    _, decay = build_landscape(["GMY", "UKG", "POL", "RUS"], year=1936, weights={"war": 1.0}, war_half_life=18)
    f, d = flat.set_index(["actor1", "actor2"]), decay.set_index(["actor1", "actor2"])
    assert f.loc[("GMY", "UKG"), "war"] == -1.0
    assert d.loc[("GMY", "UKG"), "war"] == pytest.approx(-0.5)  # First World War, last year 1918
    assert d.loc[("POL", "RUS"), "war"] == pytest.approx(-(0.5 ** (16 / 18)))  # Polish-Soviet war, 1920
    assert d.loc[("GMY", "POL"), "war"] == 0.0


def test_build_landscape_errors():
    with pytest.raises(UnknownCountryError, match="unknown country 'XYZ'"):
        build_landscape(["GMY", "XYZ"], year=1936)
    with pytest.raises(UnknownCountryError, match="not a COW system member in 1936"):
        build_landscape(["GMY", 713], year=1936)  # Taiwan only from 1949
    with pytest.raises(CoverageError, match="component 'war' needs cow_war_inter"):
        build_landscape(["USA", "RUS"], year=2015, weights={"war": 1.0})
    with pytest.raises(InvalidParameterError, match="unknown component"):
        build_landscape(["USA", "RUS"], year=1990, weights={"religion": 1.0})
    with pytest.raises(InvalidParameterError, match="more than once"):
        build_landscape(["USA", "USA"], year=1990)
    with pytest.raises(InvalidParameterError, match="war_lookback must be"):
        build_landscape(["USA", "RUS"], year=1990, war_lookback=-1)
    with pytest.raises(InvalidParameterError, match="war_half_life must be a positive number"):
        build_landscape(["USA", "RUS"], year=1990, war_half_life=0)
    user = pd.DataFrame({"actor1": ["USA"], "actor2": ["XX"], "value": [1.0]})
    with pytest.raises(InvalidParameterError, match="not among the states: XX"):
        build_landscape(["USA", "RUS"], year=1990, weights={"ideology": 1.0}, components={"ideology": user})


def test_user_component_enters_propensity():
    user = pd.DataFrame({"actor1": ["USA"], "actor2": ["RUS"], "value": [-1.0]})
    _, props = build_landscape(
        ["USA", "RUS", "UKG"], year=1990, weights={"ideology": 2.0, "regime": 0.0}, components={"ideology": user}
    )
    p = props.set_index(["actor1", "actor2"])
    assert p.loc[("USA", "RUS"), "propensity"] == -2.0
    assert p.loc[("USA", "UKG"), "propensity"] == 0.0
