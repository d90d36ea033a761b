from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from blocs import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError, declare, meta_of
from blocs.measures import ALL_MEASURES, add_similarity, portfolio_similarity

UNW = [m for m in ALL_MEASURES if "_wt_" not in m]


# --------------------------------------------------------------- per-dyad reference (definitions)
def ref_measures(x: np.ndarray, y: np.ndarray, L: int, w: np.ndarray | None = None) -> dict[str, float]:
    """Straight from the papers, one pair at a time, loops only."""
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep].astype(int), y[keep].astype(int)
    w = np.ones(len(keep))[keep] if w is None else w[keep]
    out: dict[str, float] = {}
    for p, tag in ((1, "abs"), (2, "sq")):

        def d(a: int, b: int, p: int = p) -> float:
            return float((abs(a - b) / (L - 1)) ** p)

        do = sum(wk * d(a, b) for a, b, wk in zip(x, y, w, strict=True)) / sum(w)
        out[f"s_{tag}"] = 1 - 2 * do
        pa = [sum(wk for a, wk in zip(x, w, strict=True) if a == lv) / sum(w) for lv in range(L)]
        pb = [sum(wk for b, wk in zip(y, w, strict=True) if b == lv) / sum(w) for lv in range(L)]
        pm = [(u + v) / 2 for u, v in zip(pa, pb, strict=True)]
        dek = sum(pa[a] * pb[b] * d(a, b) for a in range(L) for b in range(L))
        dep = sum(pm[a] * pm[b] * d(a, b) for a in range(L) for b in range(L))
        out[f"kappa_{tag}"] = 1 - do / dek if dek > 1e-12 else math.nan
        out[f"pi_{tag}"] = 1 - do / dep if dep > 1e-12 else math.nan
    n = len(x)
    c = dd = tx = ty = 0
    for k in range(n):
        for q in range(k + 1, n):
            sx, sy = np.sign(x[k] - x[q]), np.sign(y[k] - y[q])
            if sx == 0:
                tx += 1
            if sy == 0:
                ty += 1
            c += sx * sy > 0
            dd += sx * sy < 0
    n0 = n * (n - 1) / 2
    den = (n0 - tx) * (n0 - ty)
    out["taub"] = (c - dd) / math.sqrt(den) if den > 0 else math.nan
    return out


# --------------------------------------------------------------- hand-worked examples
def test_hand_worked_signorino_ritter() -> None:
    # i = (2, 1, 0, 0), j = (0, 0, 1, 2) on a 0..2 scale (d_max = 2): |d| = 2, 1, 1, 2.
    # S_abs = 1 - 2 * (6 / (4 * 2)) = -0.5 ; squared: (4+1+1+4)/(4*4) = 10/16 -> S = -0.25.
    x = np.array([[2, 1, 0, 0], [0, 0, 1, 2]])
    r = portfolio_similarity(x, n_levels=3)
    assert r["s_abs"][0, 1] == pytest.approx(-0.5)
    assert r["s_sq"][0, 1] == pytest.approx(-0.25)
    # Weighted: weights (3, 1, 1, 3)/8 -> sum w|d| / (sum w * 2) = (6+1+1+6)/(8*2) = 14/16
    r = portfolio_similarity(x, n_levels=3, weights=np.array([3, 1, 1, 3.0]), measures=["s_wt_abs"])
    assert r["s_wt_abs"][0, 1] == pytest.approx(1 - 2 * 14 / 16)


def test_hand_worked_kappa_pi() -> None:
    # Binary portfolios i = (1, 1, 0, 0), j = (1, 0, 0, 0).  D_o = 1/4.
    # Cohen: p_i = (.5, .5), p_j = (.75, .25): D_e = .5*.25 + .5*.75 = .5 -> kappa = 1 - .25/.5 = .5
    # Scott: pooled (.625, .375): D_e = 2 * .625 * .375 = .46875 -> pi = 1 - .25/.46875 = 7/15
    r = portfolio_similarity(np.array([[1, 1, 0, 0], [1, 0, 0, 0]]), n_levels=2)
    assert r["kappa_abs"][0, 1] == pytest.approx(0.5)
    assert r["pi_abs"][0, 1] == pytest.approx(7 / 15)
    # With two levels |d| = d^2, so absolute and squared agree.
    assert r["kappa_sq"][0, 1] == pytest.approx(0.5)


def test_hand_worked_taub() -> None:
    # x = (0, 1, 2, 2), y = (0, 2, 1, 2): pairs (k<l): 6, concordant 4 ((1,2),(1,3),(1,4),(2,4)),
    # discordant 1 ((2,3)), ties in x 1 ((3,4)), ties in y 1 ((2,4)) -> wait (2,4): y=2,2 tie.
    # Recount: (1,2) c, (1,3) c, (1,4) c, (2,3) d, (2,4) y-tie, (3,4) x-tie  -> C=3, D=1.
    # tau_b = (3 - 1) / sqrt((6 - 1) * (6 - 1)) = 0.4
    r = portfolio_similarity(np.array([[0, 1, 2, 2], [0, 2, 1, 2]]), n_levels=3, measures=["taub"])
    assert r["taub"][0, 1] == pytest.approx(0.4)


def test_undefined_cases_are_nan() -> None:
    x = np.array([[1, 1, 1], [1, 1, 1], [np.nan, np.nan, np.nan], [0, 1, 1]])
    r = portfolio_similarity(x, n_levels=2)
    assert r["s_abs"][0, 1] == 1.0  # S is defined: identical
    assert np.isnan(r["kappa_abs"][0, 1]) and np.isnan(r["pi_sq"][0, 1]) and np.isnan(r["taub"][0, 1])
    assert np.isnan(r["s_abs"][0, 2]) and r["n_items"][0, 2] == 0  # nothing in common
    assert np.isnan(r["taub"][0, 3])  # one portfolio constant: tau-b undefined
    assert r["kappa_abs"][0, 3] == pytest.approx(0.0)  # D_o = D_e = 1/3: no better than chance


# --------------------------------------------------------------- against the reference
portfolio = st.integers(2, 4).flatmap(
    lambda L: st.tuples(
        st.just(L),
        arrays(np.float64, st.tuples(st.integers(2, 6), st.integers(2, 9)), elements=st.integers(0, L - 1)),
    )
)


@settings(max_examples=40, deadline=None)
@given(portfolio, st.data())
def test_matches_per_dyad_reference(lp: tuple[int, np.ndarray], data: st.DataObject) -> None:
    L, x = lp
    mask = data.draw(arrays(np.bool_, x.shape))
    x = np.where(mask & (x.shape[1] > 3), np.nan, x)  # some missing items
    w = data.draw(arrays(np.float64, (x.shape[1],), elements=st.floats(0.01, 1)))
    r = portfolio_similarity(x, n_levels=L)
    rw = portfolio_similarity(x, n_levels=L, weights=w)
    for i in range(x.shape[0]):
        for j in range(x.shape[0]):
            both = ~np.isnan(x[i]) & ~np.isnan(x[j])
            if not both.any():
                assert np.isnan(r["s_abs"][i, j])
                continue
            ref = ref_measures(x[i], x[j], L)
            refw = ref_measures(x[i], x[j], L, w)
            for m in UNW:
                np.testing.assert_allclose(r[m][i, j], ref[m], atol=1e-9, err_msg=m)
            for m in ("s_abs", "s_sq", "kappa_abs", "kappa_sq", "pi_abs", "pi_sq"):
                wm = m.replace("_", "_wt_", 1)
                np.testing.assert_allclose(rw[wm][i, j], refw[m], atol=1e-9, err_msg=wm)


# --------------------------------------------------------------- invariants
complete = st.integers(2, 4).flatmap(
    lambda L: st.tuples(
        st.just(L),
        arrays(np.float64, st.tuples(st.integers(2, 7), st.integers(3, 12)), elements=st.integers(0, L - 1)),
    )
)


@settings(max_examples=40, deadline=None)
@given(complete, st.data())
def test_invariants(lp: tuple[int, np.ndarray], data: st.DataObject) -> None:
    L, x = lp
    n, m = x.shape
    w = data.draw(arrays(np.float64, (m,), elements=st.floats(0.01, 1)))
    r = portfolio_similarity(x, n_levels=L, weights=w)
    for name in ALL_MEASURES:
        v = r[name]
        np.testing.assert_allclose(v, v.T, atol=1e-12, equal_nan=True)  # symmetry
        ok = ~np.isnan(v)
        assert (v[ok] >= -1 - 1e-9).all() and (v[ok] <= 1 + 1e-9).all()  # bounds
        d = np.diag(v)  # identity -> maximum
        assert np.allclose(d[~np.isnan(d)], 1.0)
    # equal weights = unweighted
    re = portfolio_similarity(x, n_levels=L, weights=np.full(m, 0.3))
    for name in ("s_abs", "s_sq", "kappa_abs", "kappa_sq", "pi_abs", "pi_sq"):
        np.testing.assert_allclose(re[name.replace("_", "_wt_", 1)], re[name], atol=1e-12, equal_nan=True)
    # relabelling states (rows) and reordering items (columns, with their weights) changes nothing
    prow = data.draw(st.permutations(range(n)))
    pcol = data.draw(st.permutations(range(m)))
    rp = portfolio_similarity(x[np.ix_(prow, pcol)], n_levels=L, weights=w[pcol])
    for name in ALL_MEASURES:
        np.testing.assert_allclose(rp[name], r[name][np.ix_(prow, prow)], atol=1e-12, equal_nan=True)


# --------------------------------------------------------------- errors
def test_kernel_errors() -> None:
    with pytest.raises(InvalidParameterError, match="2-D"):
        portfolio_similarity(np.array([1, 2]))
    with pytest.raises(InvalidParameterError, match="integer levels"):
        portfolio_similarity(np.array([[0.5, 1], [1, 0]]))
    with pytest.raises(InvalidParameterError, match="n_levels"):
        portfolio_similarity(np.array([[0, 3], [1, 0]]), n_levels=3)
    with pytest.raises(InvalidParameterError, match="'measures' parameter"):
        portfolio_similarity(np.array([[0, 1], [1, 0]]), measures=["nope"])
    with pytest.raises(InfeasibleOptionError, match="need weights"):
        portfolio_similarity(np.array([[0, 1], [1, 0]]), measures=["s_wt_abs"])
    with pytest.raises(InvalidParameterError, match="weights must be 2"):
        portfolio_similarity(np.array([[0, 1], [1, 0]]), weights=np.array([1.0]))


def _dyads(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"])
    return declare(df, unit="dyad_year", system="cow", directed=True)


def test_add_similarity_errors() -> None:
    t = _dyads([(2, 200, 1960)])
    with pytest.raises(InvalidParameterError, match="'source' parameter"):
        add_similarity(t, source="cow")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'coding' parameter"):
        add_similarity(t, source="atop", coding="five")  # type: ignore[arg-type]
    with pytest.raises(InfeasibleOptionError, match="source='un'"):
        add_similarity(t, source="un", measures=["s_wt_abs"])
    with pytest.raises(InvalidParameterError, match="dyad-year table"):
        add_similarity(declare(t, unit="state_year"), source="atop")
    with pytest.raises(DuplicateKeysError, match="duplicated keys"):
        add_similarity(_dyads([(2, 200, 1960), (2, 200, 1960)]), source="atop")


def test_add_similarity_keeps_rows_and_explains_missing() -> None:
    t = _dyads([(2, 200, 1960), (200, 2, 1960), (2, 999, 1960), (2, 710, 1816), (2, 200, 2019), (2, 710, 1950)])
    before = t.copy()
    out = add_similarity(t, source="atop", measures=["s_abs", "kappa_sq", "s_wt_abs"])
    pd.testing.assert_frame_equal(t, before)  # input untouched
    assert len(out) == len(t)
    assert out.loc[0, "atop_s_abs"] == out.loc[1, "atop_s_abs"]  # symmetric
    assert out.loc[0, "atop_n_items"] > 80
    assert pd.isna(out.loc[0, "atop_sim_note"])
    assert out.loc[2, "atop_sim_note"] == "not_in_universe" and np.isnan(out.loc[2, "atop_s_abs"])
    assert out.loc[3, "atop_sim_note"] == "not_in_universe"  # China not yet in the COW system
    assert out.loc[4, "atop_sim_note"] == "not_in_universe"  # beyond ATOP 5.1
    names = {s.name for s in meta_of(out).sources}
    assert {"atop_alliance", "cow_nmc"} <= names
    un = add_similarity(t, source="un", measures=["kappa_sq"])
    assert un.loc[5, "un_sim_note"] == "not_in_universe"  # PRC not seated in 1950
    assert un.loc[0, "un_n_items"] > 50


# --------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def cold_war() -> pd.DataFrame:
    rows = [(a, b, y) for y in range(1950, 1990) for a, b in ((2, 200), (2, 365), (710, 365), (710, 2))]
    t = _dyads(rows)
    return add_similarity(add_similarity(t, source="atop"), source="un")


def test_nato_allies_similar_after_1949(cold_war: pd.DataFrame) -> None:
    usuk = cold_war[(cold_war.ccode1 == 2) & (cold_war.ccode2 == 200)].set_index("year")
    usru = cold_war[(cold_war.ccode1 == 2) & (cold_war.ccode2 == 365)].set_index("year")
    for m in ("atop_kappa_sq", "atop_kappa_wt_sq", "atop_s_wt_abs", "atop_taub", "un_kappa_sq"):
        gap = (usuk[m] - usru[m]).drop(index=1964 if m.startswith("un") else [])
        assert (gap > 0.1).all(), m
    assert np.isnan(usuk.loc[1964, "un_kappa_sq"])  # the 19th session (1964) held no recorded votes
    assert (usuk["atop_s_wt_abs"] > 0.4).all()
    assert (usru["atop_kappa_wt_sq"].loc[1950:1976] < -0.1).all()  # opposed camps until detente pacts
    assert (usru["un_kappa_sq"].dropna() < 0.2).all()  # dissimilar UN votes throughout the Cold War


def test_usa_uk_in_top_decile_of_alliance_similarity() -> None:
    from blocs.measures import alliance_portfolios

    for pf in alliance_portfolios([1955, 1965, 1975, 1985]):
        r = portfolio_similarity(pf.codes, n_levels=pf.n_levels, measures=["kappa_sq"])["kappa_sq"]
        i, j = np.searchsorted(pf.ccodes, [2, 200])
        upper = r[np.triu_indices(len(pf.ccodes), 1)]
        assert np.nanmean(upper < r[i, j]) > 0.85, pf.year


def test_china_closer_to_ussr_than_usa_in_1970s_un(cold_war: pd.DataFrame) -> None:
    d = cold_war[cold_war.year.between(1971, 1979)]
    cr = d[(d.ccode1 == 710) & (d.ccode2 == 365)].set_index("year")["un_s_abs"]
    cu = d[(d.ccode1 == 710) & (d.ccode2 == 2)].set_index("year")["un_s_abs"]
    assert (cr > cu).all()
