"""Foreign-policy similarity of every pair of states: S, kappa, pi and tau-b.

One vectorized kernel, :func:`portfolio_similarity`, computes every measure for every pair
of rows of a states x items "portfolio" matrix at once.  The trick is that portfolios are
ordinal with few levels (alliances: 2–4, UN votes: 3), so for each pair of states the whole
comparison is summarised by an L x L contingency table ``T[a, b]`` (how much item weight
has state i at level a and state j at level b).  All n^2 tables come from ONE matrix product
of the one-hot encoded portfolio with itself; every measure is then a cheap elementwise
function of the tables.  Missing items (a state absent from a vote) are simply all-zero in
the one-hot encoding, so each pair is compared on the items both have (pairwise-complete).

:func:`add_similarity` builds the portfolios year by year from ATOP 5.1 alliance
obligations or UN General Assembly votes and left-joins the measures to a dyad-year table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numba
import numpy as np
import pandas as pd
from scipy import sparse

from blocs._errors import DuplicateKeysError, InfeasibleOptionError, InvalidParameterError
from blocs._meta import Source, meta_of, with_meta
from blocs._validation import check_choice, dataset_coverage
from blocs.data import cites, get_dataset, load

__all__ = [
    "ALL_MEASURES",
    "ATOP_CODINGS",
    "Measure",
    "add_similarity",
    "alliance_portfolios",
    "portfolio_similarity",
    "un_portfolios",
]

Measure = Literal[
    "s_abs",
    "s_sq",
    "s_wt_abs",
    "s_wt_sq",
    "kappa_abs",
    "kappa_sq",
    "kappa_wt_abs",
    "kappa_wt_sq",
    "pi_abs",
    "pi_sq",
    "pi_wt_abs",
    "pi_wt_sq",
    "taub",
]
ALL_MEASURES: tuple[str, ...] = get_args(Measure)  # one list: the Literal is the source of truth
_UNWEIGHTED = tuple(m for m in ALL_MEASURES if "_wt_" not in m)

#: ATOP obligation codings: name -> (levels, description).  Each maps a directed dyad's
#: obligation flags to an ordinal level; a state's tie to itself is the top level.
ATOP_CODINGS: dict[str, tuple[int, str]] = {
    "ordinal3": (3, "0 none < 1 consultation/non-aggression/neutrality < 2 offence/defence"),
    "binary": (2, "0 none < 1 any ATOP obligation"),
    "ordinal4": (4, "0 none < 1 consultation < 2 neutrality/non-aggression < 3 offence/defence"),
}
AtopCoding = Literal["ordinal3", "binary", "ordinal4"]

# Reasons a measure is missing (the ``<source>_sim_note`` column).
NOTE_NOT_IN_UNIVERSE = "not_in_universe"
NOTE_NO_COMMON_ITEMS = "no_common_items"
NOTE_NO_VARIATION = "no_variation"


# ----------------------------------------------------------------------------- kernel


#: Up to this many states (rows), :func:`_pair_tables` sums each pair's items directly instead of
#: through a sparse matrix product, and :func:`_compute` runs the kernel on one thread: for one
#: dyad's timeline (two states a year) both cost milliseconds per call in set-up alone.
_FEW_STATES = 8


def _few_pair_products(codes: np.ndarray, first: int, lv: int, w: np.ndarray) -> np.ndarray:
    """``prod[a, i, b, j] = sum_k w_k [x_ik = a + first][x_jk = b + first]`` for a few rows.

    The same numbers as the sparse product of :func:`_pair_tables`, bit for bit: each entry is
    the sum of the same ``w_k`` added one by one from zero in *decreasing* k, the order in which
    SciPy's CSR product ``(onehot @ diag(w)) @ onehot.T`` accumulates them (its first product
    leaves each row's entries in reverse column order); ``np.bincount`` adds in input order.
    ``tests/measures/test_similarity_fast_path.py`` checks the equality on real data.
    """
    n = codes.shape[0]
    prod = np.zeros((lv, n, lv, n))
    rev = codes[:, ::-1]
    w_rev = w[::-1]
    for i in range(n):
        for j in range(i, n):
            keep = (rev[i] >= first) & (rev[j] >= first)
            key = (rev[i, keep] - first) * lv + (rev[j, keep] - first)
            cell = np.bincount(key, weights=w_rev[keep], minlength=lv * lv).reshape(lv, lv)
            prod[:, i, :, j] = cell
            prod[:, j, :, i] = cell.T
    return prod


def _pair_tables(codes: np.ndarray, n_levels: int, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Contingency tables of every pair i <= j: T[p, a, b] = sum_k w_k [x_ik = a][x_jk = b].

    ``codes`` is n x m with levels 0..L-1 and -1 for missing.  All tables come from one
    product of the one-hot encoded portfolio with itself.  Without missing items only the
    levels >= 1 need the product (sparse for alliance portfolios, mostly zeros); the
    level-0 rows and columns follow from each state's level totals.  Returns the tables of
    the n(n+1)/2 pairs (row-major upper triangle, diagonal included) and the pair indices.
    """
    n, m = codes.shape
    w = np.ones(m) if weights is None else weights
    iu, ju = np.triu_indices(n)
    complete = bool((codes >= 0).all())
    first = 1 if complete else 0
    lv = n_levels - first
    if n <= _FEW_STATES:
        prod = _few_pair_products(codes, first, lv, w)
    else:
        rows, cols = np.nonzero(codes >= first)
        lev = codes[rows, cols] - first
        onehot = sparse.csr_matrix((np.ones(len(rows)), (lev * n + rows, cols)), shape=(lv * n, m))
        prod = (onehot @ sparse.diags(w) @ onehot.T).toarray().reshape(lv, n, lv, n)
    t = np.empty((len(iu), n_levels, n_levels))
    t[:, first:, first:] = prod[:, iu, :, ju]  # advanced indices first: shape (pairs, lv, lv)
    if complete:
        totals = np.zeros((n_levels, n))  # totals[a, i] = sum_k w_k [x_ik = a]
        for a in range(1, n_levels):
            totals[a] = ((codes == a) * w).sum(axis=1)
        totals[0] = w.sum() - totals[1:].sum(axis=0)
        t[:, 1:, 0] = totals[1:, iu].T - t[:, 1:, 1:].sum(axis=2)
        t[:, 0, 1:] = totals[1:, ju].T - t[:, 1:, 1:].sum(axis=1)
        t[:, 0, 0] = w.sum() - t[:, 1:, :].sum(axis=(1, 2)) - t[:, 0, 1:].sum(axis=1)
    return t, np.stack([iu, ju])


@numba.njit(cache=True, parallel=True)
def _kernel(t_unw: np.ndarray, t_wt: np.ndarray, weighted: bool, dist: np.ndarray) -> np.ndarray:
    """Every measure for every pair from its L x L tables; rows follow ``ALL_MEASURES``.

    ``dist[power - 1, a, b] = (|a - b| / d_max) ** power``.  Row 13 holds the item counts.
    """
    n_pairs, n_levels, _ = t_unw.shape
    out = np.full((14, n_pairs), np.nan)
    for p in numba.prange(n_pairs):
        for wt in range(2 if weighted else 1):
            t = t_wt[p] if wt == 1 else t_unw[p]
            total = 0.0
            for a in range(n_levels):
                for b in range(n_levels):
                    total += t[a, b]
            if wt == 0:
                out[13, p] = total
            if total <= 0:
                continue
            for power in range(2):
                d = dist[power]
                obs = 0.0
                ek = 0.0
                ep = 0.0
                for a in range(n_levels):
                    ri = 0.0
                    ci = 0.0
                    for k in range(n_levels):
                        ri += t[a, k]
                        ci += t[k, a]
                    for b in range(n_levels):
                        rj = 0.0
                        cj = 0.0
                        for k in range(n_levels):
                            rj += t[b, k]
                            cj += t[k, b]
                        obs += t[a, b] * d[a, b]
                        ek += ri * cj * d[a, b]  # p_i(a) p_j(b), times total^2
                        ep += 0.25 * (ri + ci) * (rj + cj) * d[a, b]
                obs /= total
                ek /= total * total
                ep /= total * total
                col = power + 2 * wt  # s_abs, s_sq, s_wt_abs, s_wt_sq
                out[col, p] = 1.0 - 2.0 * obs
                if ek > 1e-12:
                    out[4 + col, p] = 1.0 - obs / ek
                if ep > 1e-12:
                    out[8 + col, p] = 1.0 - obs / ep
        # Kendall's tau-b on the unweighted table
        t = t_unw[p]
        n = t.sum()
        conc = 0.0
        disc = 0.0
        for a in range(n_levels):
            for b in range(n_levels):
                for a2 in range(a + 1, n_levels):
                    for b2 in range(n_levels):
                        if b2 > b:
                            conc += t[a, b] * t[a2, b2]
                        elif b2 < b:
                            disc += t[a, b] * t[a2, b2]
        n0 = n * (n - 1) / 2
        ti = 0.0
        tj = 0.0
        for a in range(n_levels):
            r = t[a, :].sum()
            c = t[:, a].sum()
            ti += r * (r - 1) / 2
            tj += c * (c - 1) / 2
        den = (n0 - ti) * (n0 - tj)
        if den > 0:
            out[12, p] = (conc - disc) / np.sqrt(den)
    return out


# The same kernel compiled for one thread: numba's parallel launch costs ~10-20 ms a call, which
# dominates when a year has a handful of pairs.  prange runs as range; each pair is computed
# independently, so the values are identical.
_kernel_serial = numba.njit(cache=True)(_kernel.py_func)


@dataclass(frozen=True)
class PairwiseResult:
    """Measures for the pairs i <= j of one portfolio matrix (condensed, one value per pair)."""

    n_states: int
    measures: dict[str, np.ndarray]
    n_items: np.ndarray
    no_variation: np.ndarray

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Position of pair (i, j) (either order) in the condensed arrays."""
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        n = self.n_states
        return np.asarray(lo * n - lo * (lo - 1) // 2 + (hi - lo))

    def square(self, name: str) -> np.ndarray:
        """The n x n symmetric matrix of one measure (or ``"n_items"``)."""
        values = self.n_items if name == "n_items" else self.measures[name]
        i, j = np.meshgrid(np.arange(self.n_states), np.arange(self.n_states), indexing="ij")
        return np.asarray(values[self.index(i, j)])


def _compute(
    codes: np.ndarray, n_levels: int, weights: np.ndarray | None, measures: Sequence[str]
) -> PairwiseResult:
    t_unw, _ = _pair_tables(codes, n_levels, None)
    weighted = weights is not None and any("_wt_" in m for m in measures)
    t_wt = _pair_tables(codes, n_levels, weights)[0] if weighted else t_unw
    lv = np.arange(n_levels, dtype=np.float64)
    gap = np.abs(lv[:, None] - lv[None, :]) / (n_levels - 1)
    kernel = _kernel_serial if codes.shape[0] <= _FEW_STATES else _kernel
    res = kernel(t_unw, t_wt, weighted, np.stack([gap, gap**2]))
    n_items = res[13]
    chosen = {m: res[ALL_MEASURES.index(m)] for m in measures}
    undefined = np.zeros(len(n_items), dtype=bool)
    for m, v in chosen.items():
        if m.startswith(("kappa", "pi", "taub")):
            undefined |= np.isnan(v)
    return PairwiseResult(codes.shape[0], chosen, n_items, undefined & (n_items > 0))


@cites("Signorino1999", "Hage2011", "Cohen1960", "Scott1955", "BuenoDeMesquita1975")
def portfolio_similarity(
    portfolios: np.ndarray,
    *,
    n_levels: int | None = None,
    weights: np.ndarray | None = None,
    measures: Sequence[str] | None = None,
) -> dict[str, np.ndarray]:
    """Similarity of every pair of rows of a states x items portfolio matrix.

    Each row is one state's portfolio: its ordinal position (0, 1, …, L-1) on each item
    (alliance ties to every state, votes on every roll call); ``NaN`` marks a missing item.
    Pair (i, j) is compared on the items both have.  With item weights ``w_k`` (1 when
    unweighted), distance ``d(a, b) = (|a - b| / d_max)^p`` where ``d_max = L - 1`` is the
    largest possible distance on the scale and ``p = 1`` (``_abs``) or ``p = 2`` (``_sq``):

    * Signorino & Ritter (1999) S:
      ``S = 1 - 2 * sum_k w_k d(x_ik, x_jk) / sum_k w_k``  (``s_*``; ``s_wt_*`` weighted).
      1 = identical portfolios, -1 = maximally different.
    * Häge (2011) chance-corrected agreement ``1 - D_o / D_e`` with observed
      ``D_o = sum_k w_k d(x_ik, x_jk) / sum_k w_k`` and expected disagreement
      ``D_e = sum_ab p_a q_b d(a, b)`` under independence: Cohen's kappa (``kappa_*``) uses
      each state's own (weighted) level distribution p (state i) and q (state j); Scott's
      pi (``pi_*``) uses their average for both.  Kappa with squared distance equals Lin's
      concordance correlation.
    * Bueno de Mesquita (1975) Kendall's tau-b (``taub``), unweighted, on the L x L table
      of the two portfolios: ``(C - D) / sqrt((n0 - n1)(n0 - n2))`` with C/D the concordant
      and discordant item pairs, ``n0 = m(m-1)/2`` and n1, n2 the pairs tied within each
      state's portfolio.

    Parameters
    ----------
    portfolios : ndarray, shape (n_states, n_items)
        Ordinal levels 0..L-1 (integers) or NaN for missing.
    n_levels : int, optional
        Number of levels L of the scale (fixes ``d_max = L - 1``). Default: max level + 1.
        Give it explicitly: S&R normalise by the maximum *possible* distance, not the
        largest one observed.
    weights : ndarray, shape (n_items,), optional
        Item weights for the ``*_wt_*`` measures (e.g. capability shares of the states
        that are the items of alliance portfolios). Non-negative; NaN counts as 0.
    measures : sequence of str, optional
        Any of :data:`ALL_MEASURES`. Default: all unweighted measures, plus the weighted
        ones when ``weights`` is given.

    Returns
    -------
    dict of str to ndarray
        One symmetric n x n array per measure, plus ``"n_items"`` (items both states
        have).  NaN where undefined: no common item (all measures), or no variation, i.e.
        both portfolios constant at the same level so D_e = 0 (kappa, pi), or either
        portfolio constant (tau-b).

    Raises
    ------
    InvalidParameterError
        On an unknown measure, non-integer or out-of-range levels, or bad weights.
    InfeasibleOptionError
        If weighted measures are requested without weights.

    References
    ----------
    Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity
    of foreign policy positions. *International Studies Quarterly* 43(1), 115–144.
    Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign policy
    similarity for chance agreement. *Political Analysis* 19(3), 287–305.
    Bueno de Mesquita, B. (1975). Measuring systemic polarity. *Journal of Conflict
    Resolution* 19(2), 187–216.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[2, 1, 0, 0], [2, 1, 0, 0], [0, 0, 1, 2]])
    >>> r = portfolio_similarity(x, n_levels=3, measures=["s_abs", "kappa_sq"])
    >>> float(r["s_abs"][0, 1]), float(r["s_abs"][0, 2])
    (1.0, -0.5)
    """
    x = np.asarray(portfolios, dtype=np.float64)
    if x.ndim != 2:
        raise InvalidParameterError(f"portfolios must be a 2-D states x items array; got shape {x.shape}")
    observed = ~np.isnan(x)
    if observed.any():
        vals = x[observed]
        if (vals != np.round(vals)).any() or vals.min() < 0:
            raise InvalidParameterError("portfolios must hold integer levels 0, 1, …, L-1 (or NaN for missing)")
        top = int(vals.max())
    else:
        top = 0
    levels = top + 1 if n_levels is None else int(n_levels)
    if levels < 2 or top >= levels:
        raise InvalidParameterError(
            f"n_levels={n_levels!r} must be at least 2 and exceed every level in portfolios (max {top})"
        )
    if measures is None:
        measures = ALL_MEASURES if weights is not None else _UNWEIGHTED
    for m in measures:
        check_choice(m, ALL_MEASURES, param="measures")
    w = None
    if weights is not None:
        w = np.nan_to_num(np.asarray(weights, dtype=np.float64), nan=0.0)
        if w.shape != (x.shape[1],) or (w < 0).any():
            raise InvalidParameterError(
                f"weights must be {x.shape[1]} non-negative numbers, one per item; got shape {w.shape}"
            )
    elif any("_wt_" in m for m in measures):
        raise InfeasibleOptionError("weighted measures (*_wt_*) need weights; pass weights= or drop them")
    codes = np.where(observed, x, -1).astype(np.int64)
    res = _compute(codes, levels, w, list(measures))
    return {name: res.square(name) for name in [*measures, "n_items"]}


# ----------------------------------------------------------------------------- portfolios


def _system_members(years: Sequence[int]) -> tuple[dict[int, np.ndarray], tuple[Source, ...]]:
    """COW system members per year (sorted ccodes) and the sources of that list.

    Years after the COW list ends (``cw_system`` coverage) carry forward the states alive on its last day,
    peacesciencer's rule.
    """
    from blocs.system import create_state_years

    last = max(years)
    list_end = dataset_coverage("cw_system")[1]
    sy = create_state_years(system="cow", years=list(years), extend_to=last if last > list_end else None)
    members = {int(y): np.sort(g["ccode"].to_numpy(np.int64)) for y, g in sy.groupby("year")}
    return members, meta_of(sy).sources


def _atop_levels(atop: pd.DataFrame, coding: str) -> np.ndarray:
    strong = (atop["atop_defense"] > 0) | (atop["atop_offense"] > 0)
    neutral = (atop["atop_neutral"] > 0) | (atop["atop_nonagg"] > 0)
    consul = atop["atop_consul"] > 0
    s, n, c = strong.to_numpy(), neutral.to_numpy(), consul.to_numpy()
    if coding == "binary":
        return (s | n | c).astype(np.int64)
    if coding == "ordinal3":
        return np.where(s, 2, np.where(n | c, 1, 0)).astype(np.int64)
    return np.where(s, 3, np.where(n, 2, np.where(c, 1, 0))).astype(np.int64)  # ordinal4


@dataclass(frozen=True)
class Portfolios:
    """One year's portfolio matrix: ``codes[i, k]`` is state ``ccodes[i]``'s level on item k."""

    year: int
    ccodes: np.ndarray
    codes: np.ndarray
    n_levels: int
    weights: np.ndarray | None


def alliance_portfolios(
    years: Sequence[int], *, coding: AtopCoding = "ordinal3", weighted: bool = False
) -> Iterator[Portfolios]:
    """Yield one ATOP 5.1 alliance-portfolio matrix per year (states x states).

    The universe of each year is the COW system members; ``codes[i, k]`` is the level of
    state i's strongest obligation to state k under ``coding`` (see :data:`ATOP_CODINGS`),
    and a state's tie to itself is the top level (Signorino & Ritter's convention: every
    state is maximally committed to itself).  ATOP dyads with a state outside the system
    that year are ignored.  With ``weighted=True`` the items carry the published NMC 7.0
    CINC of each state (0 where NMC has none).

    Parameters
    ----------
    years : sequence of int
        Years within ATOP 5.1 (1815–2018).
    coding : {"ordinal3", "binary", "ordinal4"}, default "ordinal3"
        ATOP obligation coding (see :data:`ATOP_CODINGS`).
    weighted : bool, default False
        Attach CINC item weights.

    Yields
    ------
    Portfolios
        One per year, in increasing year order.

    References
    ----------
    Bueno de Mesquita (1975); Signorino & Ritter (1999); Leeds et al. (2002).
    """
    return _alliance_portfolios(years, coding=coding, weighted=weighted)


def _alliance_portfolios(
    years: Sequence[int], *, coding: AtopCoding, weighted: bool, rows: np.ndarray | None = None
) -> Iterator[Portfolios]:
    """:func:`alliance_portfolios`; with ``rows`` (COW codes), only those states' rows of each matrix.

    The items stay every system member, so each row is exactly the full matrix's row: for one
    dyad's timeline this skips building a states x states matrix per year.
    """
    n_levels = ATOP_CODINGS[coding][0]
    members, _ = _system_members(years)
    atop = load("atop_alliance")
    atop = atop[atop["year"].isin(years)]
    levels = _atop_levels(atop, coding)
    ys = atop["year"].to_numpy()
    c1 = atop["ccode1"].to_numpy()
    c2 = atop["ccode2"].to_numpy()
    cinc = None
    if weighted:
        nmc = load("cow_nmc")
        cinc = nmc.set_index(["year", "ccode"])["cinc"]
    order = np.argsort(ys, kind="stable")
    bounds = np.searchsorted(ys[order], np.array(sorted(members)), side="left")
    ends = np.searchsorted(ys[order], np.array(sorted(members)), side="right")
    for (year, cc), lo, hi in zip(sorted(members.items()), bounds, ends, strict=True):
        n = len(cc)
        idx = order[lo:hi]
        i = np.searchsorted(cc, c1[idx])
        j = np.searchsorted(cc, c2[idx])
        ok = (i < n) & (j < n)
        ok[ok] &= (cc[i[ok]] == c1[idx][ok]) & (cc[j[ok]] == c2[idx][ok])
        if rows is None:
            codes = np.zeros((n, n), dtype=np.int64)
            codes[i[ok], j[ok]] = levels[idx][ok]
            np.fill_diagonal(codes, n_levels - 1)
            row_codes = cc
        else:
            at = np.minimum(np.searchsorted(cc, rows), max(n - 1, 0))
            row_at = at[(n > 0) & (cc[at] == rows)] if n else at[:0]
            row_codes = cc[row_at]
            codes = np.zeros((len(row_at), n), dtype=np.int64)
            r = np.full(n, -1)
            r[row_at] = np.arange(len(row_at))
            sel = ok.copy()
            sel[ok] &= r[i[ok]] >= 0
            codes[r[i[sel]], j[sel]] = levels[idx][sel]
            codes[np.arange(len(row_at)), row_at] = n_levels - 1
        w = None
        if cinc is not None:
            w = cinc.reindex(pd.MultiIndex.from_arrays([np.full(n, year), cc])).to_numpy(np.float64)
            w = np.nan_to_num(w, nan=0.0)
        yield Portfolios(int(year), row_codes, codes, n_levels, w)


def un_portfolios(votes: pd.DataFrame, years: Sequence[int]) -> Iterator[Portfolios]:
    """Yield one UN-vote portfolio matrix per (session-)year: states x roll calls.

    ``votes`` is :func:`blocs.system.load_un_votes` output (possibly filtered); levels are
    yes 0, abstain 1, no 2 (the 1/2/3 vote codes minus one) and missing where a state did
    not vote (absent or not a member).  The universe is the states with at least one vote.

    Parameters
    ----------
    votes : DataFrame
        UN votes by COW code and year, as :func:`blocs.system.load_un_votes` returns.
    years : sequence of int
        Years (UN sessions) to build.

    Yields
    ------
    Portfolios
        One per year, in increasing year order.

    References
    ----------
    Voeten, E. (2013). Data and analyses of voting in the UN General Assembly; Häge (2011).
    """
    v = votes[votes["year"].isin(years)]
    for year, g in v.groupby("year", sort=True):
        cc, i = np.unique(g["ccode"].to_numpy(np.int64), return_inverse=True)
        _, k = np.unique(g["rcid"].to_numpy(np.int64), return_inverse=True)
        codes = np.full((len(cc), int(k.max()) + 1), -1, dtype=np.int64)
        codes[i, k] = g["vote"].to_numpy(np.int64) - 1
        yield Portfolios(int(str(year)), cc, codes, 3, None)


# ----------------------------------------------------------------------------- add_*


def _check_dyad_table(table: pd.DataFrame, func: str) -> None:
    meta = meta_of(table)
    if meta.unit != "dyad_year":
        raise InvalidParameterError(
            f"{func}() needs a dyad-year table (metadata unit 'dyad_year'); got unit {meta.unit!r}. "
            "Build one with blocs.system.create_dyad_years() or tag yours with blocs.declare(df, unit='dyad_year')"
        )
    if meta.system not in (None, "cow"):
        raise InvalidParameterError(
            f"{func}() uses COW codes (ccode1, ccode2); this table's system is {meta.system!r}. "
            "Build the dyad-years with system='cow'"
        )
    missing = [c for c in ("ccode1", "ccode2", "year") if c not in table.columns]
    if missing:
        raise InvalidParameterError(f"{func}() needs columns ccode1, ccode2, year; missing {missing}")
    dup = table.duplicated(["ccode1", "ccode2", "year"])
    if dup.any():
        shown = table.loc[dup, ["ccode1", "ccode2", "year"]].head(5).to_dict("records")
        raise DuplicateKeysError(
            f"{func}() needs unique (ccode1, ccode2, year) rows; duplicated keys: {shown}"
        )


def _named_states(table: pd.DataFrame) -> np.ndarray:
    """The sorted COW codes ``table`` names in ccode1 or ccode2."""
    return np.unique(np.concatenate([table["ccode1"].to_numpy(np.int64), table["ccode2"].to_numpy(np.int64)]))


def _votes_of_named(votes: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The votes of the states ``table`` names, when it names few (one dyad's timeline); else ``votes``.

    Exact: a pair's measures depend only on its two states' votes, compared on the roll calls
    both cast (see :func:`_fill_from_matrices`); the other states' rows and the roll calls
    neither of the two cast add nothing to any of its counts.
    """
    named = _named_states(table)
    if len(named) > _FEW_STATES:
        return votes
    return votes[votes["ccode"].isin(named)]


def _fill_from_matrices(
    table: pd.DataFrame, per_year: Iterator[Portfolios], measures: Sequence[str], prefix: str
) -> dict[str, Any]:
    """Compute each year's pairwise matrices and gather the table's dyads from them."""
    n = len(table)
    cols = {m: np.full(n, np.nan) for m in measures}
    n_items = np.full(n, -1, dtype=np.int64)
    note = np.zeros(n, dtype=np.int8)  # 0 not in universe, 1 no common items, 2 no variation, 3 fine
    years = table["year"].to_numpy()
    c1 = table["ccode1"].to_numpy(np.int64)
    c2 = table["ccode2"].to_numpy(np.int64)
    groups = pd.Series(np.arange(n)).groupby(years).indices
    for pf in per_year:
        rows = groups.get(pf.year)
        if rows is None or len(pf.ccodes) == 0:
            continue
        a, b = c1[rows], c2[rows]
        ccodes, codes = pf.ccodes, pf.codes
        # A pair's similarity depends only on its two rows of the portfolio matrix (and the item
        # weights), so when the table names few states (one dyad's timeline) compute on theirs only.
        named = np.unique(np.concatenate([a, b]))
        if len(named) < len(ccodes):
            at = np.minimum(np.searchsorted(ccodes, named), len(ccodes) - 1)
            keep = at[ccodes[at] == named]
            ccodes, codes = ccodes[keep], codes[keep]
            if len(ccodes) == 0:
                continue
        res = _compute(codes, pf.n_levels, pf.weights, measures)
        k = len(ccodes)
        i = np.minimum(np.searchsorted(ccodes, a), k - 1)
        j = np.minimum(np.searchsorted(ccodes, b), k - 1)
        ok = (ccodes[i] == a) & (ccodes[j] == b)
        r, flat = rows[ok], res.index(i[ok], j[ok])
        for m in measures:
            cols[m][r] = res.measures[m][flat]
        cnt = res.n_items[flat].round().astype(np.int64)
        n_items[r] = cnt
        note[r] = np.where(cnt == 0, 1, np.where(res.no_variation[flat], 2, 3))
    out: dict[str, Any] = {f"{prefix}_{m}": v for m, v in cols.items()}
    counts = pd.array(n_items, dtype="Int64")
    counts[n_items < 0] = pd.NA
    out[f"{prefix}_n_items"] = counts
    labels = np.array([NOTE_NOT_IN_UNIVERSE, NOTE_NO_COMMON_ITEMS, NOTE_NO_VARIATION, None], dtype=object)
    out[f"{prefix}_sim_note"] = labels[note]
    return out


@cites("Signorino1999", "Hage2011", "Cohen1960", "Scott1955", "BuenoDeMesquita1975")
def add_similarity(
    table: pd.DataFrame,
    *,
    source: Literal["atop", "un"],
    measures: Sequence[Measure] | None = None,
    coding: AtopCoding = "ordinal3",
) -> pd.DataFrame:
    """Add foreign-policy similarity of each dyad-year (alliance portfolios or UN votes).

    For every year in ``table`` the portfolio of every state is built (see
    :func:`alliance_portfolios` and :func:`un_portfolios`), all pairs are compared at
    once with :func:`portfolio_similarity`, and the measures are left-joined on
    ``(ccode1, ccode2, year)``.  The formulas are in :func:`portfolio_similarity`.

    Parameters
    ----------
    table : DataFrame
        Dyad-year table (metadata unit ``"dyad_year"``, COW codes), directed or not.
    source : {"atop", "un"}
        ``"atop"``: ATOP 5.1 alliance portfolios over the COW system members of the year;
        items are states, coded by ``coding``.  ``"un"``: UN General Assembly votes of the
        session opening that year (yes/abstain/no as 3 ordered levels; absences missing).
    measures : list of str, optional
        Any of :data:`ALL_MEASURES`. Weighted measures (``*_wt_*``, weights = CINC of the
        states that are the items) exist for ``"atop"`` only. Default: every measure the
        source supports.  Recommended: ``kappa_sq`` (Häge 2011: chance-corrected; S
        rewards two states for sharing the many zeros of sparse alliance portfolios).
    coding : {"ordinal3", "binary", "ordinal4"}
        ATOP obligation coding (default ``"ordinal3"``; see :data:`ATOP_CODINGS`).

    Returns
    -------
    DataFrame
        ``table`` plus ``<source>_<measure>`` for each measure, ``<source>_n_items``
        (items compared: system members for ATOP, roll calls both voted on for UN) and
        ``<source>_sim_note``: missing when every measure is defined, else the reason
        values are missing: ``"not_in_universe"`` (a state outside the system / without
        UN votes that year, or a year outside the source), ``"no_common_items"`` (no roll
        call both voted on), ``"no_variation"`` (kappa/pi/tau-b undefined because the
        portfolios do not vary; S is still given).  Row count unchanged; sources gain the
        datasets used.

    Raises
    ------
    InvalidParameterError
        Table not a COW dyad-year table; unknown source, measure or coding.
    InfeasibleOptionError
        Weighted measures requested with ``source="un"``.
    DuplicateKeysError
        Duplicated (ccode1, ccode2, year) rows.

    Notes
    -----
    Years outside ATOP 5.1 (1815–2018) or the UN data (sessions 1–74, 1946–2019) get
    missing values with note ``"not_in_universe"``.  The diagonal convention (self-tie at
    the top level) means a state with no alliances still has a non-constant portfolio.

    References
    ----------
    Signorino & Ritter (1999); Häge (2011); Bueno de Mesquita (1975); Leeds et al. (2002).

    Examples
    --------
    >>> import pandas as pd
    >>> from blocs import declare
    >>> t = declare(pd.DataFrame({"ccode1": [2, 2], "ccode2": [200, 365], "year": [1960, 1960]}),
    ...             unit="dyad_year", system="cow")
    >>> out = add_similarity(t, source="atop", measures=["s_abs", "kappa_sq"])
    >>> out[["ccode2", "atop_s_abs", "atop_kappa_sq"]].round(2)  # USA-UK, USA-USSR
       ccode2  atop_s_abs  atop_kappa_sq
    0     200        0.44           0.39
    1     365       -0.05          -0.21

    S is modest even for the United Kingdom (the Rio Pact allies of the United States
    are not British allies), yet far above the Soviet Union's, which is below zero.
    """
    check_choice(source, ("atop", "un"), param="source")
    check_choice(coding, tuple(ATOP_CODINGS), param="coding")
    _check_dyad_table(table, "add_similarity")
    if measures is None:
        measures = list(ALL_MEASURES if source == "atop" else _UNWEIGHTED)  # type: ignore[arg-type]
    measures = list(dict.fromkeys(measures))
    for m in measures:
        check_choice(m, ALL_MEASURES, param="measures")
    weighted = any("_wt_" in m for m in measures)
    if weighted and source == "un":
        raise InfeasibleOptionError(
            "weighted measures (*_wt_*) weight items by capability; UN roll calls are not states. "
            "Drop the *_wt_* measures for source='un'"
        )
    years = sorted(int(y) for y in pd.unique(table["year"]))
    sources: list[Source]
    if source == "atop":
        ds = get_dataset("atop_alliance")
        first, last = dataset_coverage(ds.name)
        ys = [y for y in years if first <= y <= last]
        named = _named_states(table)
        per_year = _alliance_portfolios(
            ys, coding=coding, weighted=weighted, rows=named if len(named) <= _FEW_STATES else None
        )
        sources = [ds.source, get_dataset("cw_system").source]
        if weighted:
            sources.append(get_dataset("cow_nmc").source)
    else:
        from blocs.system._unvotes import _shared_un_votes

        votes = _shared_un_votes()
        per_year = un_portfolios(_votes_of_named(votes, table), years)
        sources = list(meta_of(votes).sources)
    cols = _fill_from_matrices(table, per_year, measures, source)
    out = table.copy()
    for name, values in cols.items():
        out[name] = values
    out[f"{source}_sim_note"] = out[f"{source}_sim_note"].astype("string")
    return with_meta(out, meta_of(table).with_sources(*sources))
