"""Numerical core of the dynamic ordinal IRT model: variational EM on dense arrays.

Everything here works on integer-coded arrays prepared by :mod:`blocs.measures._idealpoints`
and assumes valid input; validation happens at the public edge.

Model (Imai, Lo & Olmsted 2016, ordinal case)::

    z_v = alpha_k + beta_k * theta_s + sigma_k * eps_v,   eps_v ~ N(0, 1)
    vote no       if z_v < 0
    vote abstain  if 0 <= z_v < 1       (items with no abstention: yes if z_v >= 0)
    vote yes      if z_v >= 1

for vote ``v`` cast on item ``k`` by state-session ``s = (i, t)``.  With ``d = beta/sigma``,
``c1 = -alpha/sigma`` and ``c2 = (1 - alpha)/sigma`` this is the ordinal probit
``P(vote <= category m) = Phi(c_m - d * theta)``.  Priors: ``alpha | sigma^2 ~
N(0, sigma^2 * prior_var)`` (cut-points nearly flat), ``beta | sigma^2 ~ N(0, sigma^2 * tau^2)``
(the discrimination ``d ~ N(0, tau^2)``, one ``tau^2`` for every roll call of every session),
``sigma^2 ~ InvGamma(a0, b0)``, and per state ``theta_i,first ~ N(0, 1)``,
``theta_i,t = theta_i,t-1 + N(0, omega^2 * gap_t)``.

Mean-field variational EM: q(z) truncated normal, q(alpha, beta) Gaussian per item,
q(theta_i.) Gaussian per state (a Kalman/RTS smoother over the state's sessions), sigma^2,
tau^2 and omega^2 point (MAP / ML) updates.  After each sweep the latent scale is re-standardised
(parameter expansion): pooled mean 0 and standard deviation 1 over observed state-sessions,
with the anchor state on the positive side, so the random-walk variance keeps its meaning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from scipy.special import erfcx, log_ndtr

from blocs._progress import step as progress_step
from blocs.measures._irt_kernels import estep_accumulate, item_sums

__all__ = [
    "Problem", "Fit", "fit_em", "e_step", "truncnorm_moments", "one_sided_moments",
    "kalman_smoother", "sample_paths", "pca_start", "session_flips", "Kernels", "NumbaKernels", "make_kernels",
]

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)
_INV_SQRT2 = 1.0 / np.sqrt(2.0)
_SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)


@dataclass
class Problem:
    """Integer-coded votes. States ``i < N``, session positions ``t < T``, items ``k < K``."""

    state: I64  # (n,) state index of each vote
    tpos: I64  # (n,) session position of each vote
    item: I64  # (n,) item index of each vote
    y: NDArray[np.int8]  # (n,) 0 no, 1 abstain, 2 yes
    n_states: int
    n_items: int
    gaps: F64  # (T,) sessions elapsed since the previous position (gaps[0] unused)
    anchor: int  # state index put on the positive side
    binary: NDArray[np.bool_] = field(init=False)  # (K,) items with no abstention
    one: I64 = field(init=False)  # votes no/yes: one-sided truncation
    cut: F64 = field(init=False)
    sign: F64 = field(init=False)
    two: I64 = field(init=False)  # abstentions: the interval [0, 1)
    s: I64 = field(init=False)  # flat state-session index i * T + t
    seg: I64 = field(init=False)  # votes of state-session s: seg[s]:seg[s+1] (sorted by s)
    perm_k: I64 = field(init=False)  # votes ordered by item
    seg_k: I64 = field(init=False)  # item k: perm_k[seg_k[k]:seg_k[k+1]]

    def __post_init__(self) -> None:
        T = len(self.gaps)
        s = self.state * T + self.tpos
        order = np.argsort(s, kind="stable")  # the compiled kernels want votes grouped by s
        self.state, self.tpos, self.item, self.y = (
            self.state[order], self.tpos[order], self.item[order], self.y[order],
        )
        self.s = s[order]
        self.seg = np.searchsorted(self.s, np.arange(self.n_states * T + 1)).astype(np.int64)
        self.perm_k = np.argsort(self.item, kind="stable").astype(np.int64)
        self.seg_k = np.searchsorted(self.item[self.perm_k], np.arange(self.n_items + 1)).astype(np.int64)
        abst = np.bincount(self.item, weights=(self.y == 1), minlength=self.n_items)
        self.binary = abst == 0
        self.one = np.flatnonzero(self.y != 1)
        self.two = np.flatnonzero(self.y == 1)
        y1 = self.y[self.one]
        self.sign = np.where(y1 == 2, 1.0, -1.0)
        self.cut = np.where((y1 == 2) & ~self.binary[self.item[self.one]], 1.0, 0.0)

    @property
    def n_sessions(self) -> int:
        return len(self.gaps)


@dataclass
class Fit:
    theta: F64  # (N, T) posterior means (standardised scale)
    theta_var: F64  # (N, T) posterior variances
    theta_lag: F64  # (N, T) posterior Cov(theta_t, theta_t-1) along each state's walk (0 at entry)
    alpha: F64
    beta: F64
    item_cov: F64  # (K, 3): Var(alpha), Cov(alpha, beta), Var(beta)
    sigma2: F64
    omega2: float
    tau2: float  # variance of the discriminations d = beta / sigma (fixed or estimated)
    loglik: list[float]
    max_change: list[float]
    converged: bool
    n_iter: int
    n_reflections: int = 0  # sign walls between sessions repaired during the fit
    device: str = "cpu"  # where the per-vote passes ran


def truncnorm_moments(mean: F64, sd: F64, lo: F64, hi: F64) -> tuple[F64, F64, F64]:
    """Mean, variance and log-probability of N(mean, sd^2) truncated to [lo, hi).

    Stable in the tails: the interval is mirrored so it lies mostly below zero, and
    ``log Z`` uses ``log_ndtr`` with ``log(-expm1(.))`` for narrow intervals.
    """
    a = (lo - mean) / sd
    b = (hi - mean) / sd
    with np.errstate(invalid="ignore"):
        flip = (a + b) > 0
    a2 = np.where(flip, -b, a)
    b2 = np.where(flip, -a, b)
    la = log_ndtr(a2)
    lb = log_ndtr(b2)
    with np.errstate(divide="ignore"):
        logz = lb + np.log(-np.expm1(la - lb))
    pa = np.exp(-0.5 * a2 * a2 - _LOG_SQRT_2PI - logz)  # phi(a)/Z, 0 at -inf
    pb = np.exp(-0.5 * b2 * b2 - _LOG_SQRT_2PI - logz)
    lam = pa - pb
    with np.errstate(invalid="ignore"):
        apa = np.where(np.isfinite(a2), a2 * pa, 0.0)
        bpb = np.where(np.isfinite(b2), b2 * pb, 0.0)
    var_std = np.clip(1.0 + apa - bpb - lam * lam, 1e-12, 1.0)
    m_std = np.where(flip, -lam, lam)
    return mean + sd * m_std, sd * sd * var_std, logz


def one_sided_moments(mean: F64, sd: F64, cut: F64, sign: F64) -> tuple[F64, F64, F64]:
    """Moments of N(mean, sd^2) truncated to one side of ``cut``: above if ``sign = +1``,
    below if ``sign = -1``.  Uses ``erfcx`` so the inverse Mills ratio never overflows:
    with ``u = sign * (mean - cut) / sd``, ``lambda = phi(u)/Phi(u) = sqrt(2/pi) / erfcx(-u/sqrt2)``.
    """
    u = np.minimum(sign * (mean - cut) / sd, 37.0)
    ex = erfcx(-u * _INV_SQRT2)
    lam = _SQRT_2_OVER_PI / ex
    logz = np.log(0.5 * ex) - 0.5 * u * u
    var_std = np.clip(1.0 - u * lam - lam * lam, 1e-12, 1.0)
    return mean + sign * sd * lam, sd * sd * var_std, logz


def e_step(prob: Problem, m: F64, sd: F64) -> tuple[F64, F64, float]:
    """Moments of every latent z and the log-likelihood of the votes at (m, sd)."""
    Ez = np.empty_like(m)
    Vz = np.empty_like(m)
    o, w = prob.one, prob.two
    Ez[o], Vz[o], l1 = one_sided_moments(m[o], sd[o], prob.cut, prob.sign)
    zero, one = np.zeros(len(w)), np.ones(len(w))
    Ez[w], Vz[w], l2 = truncnorm_moments(m[w], sd[w], zero, one)
    return Ez, Vz, float(l1.sum() + l2.sum())


def kalman_smoother(
    P: F64, h: F64, first: I64, gaps: F64, omega2: float, v0: float = 1.0
) -> tuple[F64, F64, F64]:
    """RTS smoother for every state at once.

    Each state ``i`` has pseudo-observations with precision ``P[i, t]`` and information
    ``h[i, t]`` (``P = 0`` where it cast no vote), prior ``N(0, v0)`` at its first session
    ``first[i]`` and random-walk steps of variance ``omega2 * gaps[t]``.  Returns smoothed
    means, variances and the lag-one covariances ``Cov(theta_t, theta_t-1)`` (0 at entry).
    """
    N, T = P.shape
    mf = np.empty((N, T))
    vf = np.empty((N, T))
    vp = np.empty((N, T))
    m_prev = np.zeros(N)
    v_prev = np.full(N, v0)
    for t in range(T):
        fresh = first >= t
        mpt = np.where(fresh, 0.0, m_prev)
        vpt = np.where(fresh, v0, v_prev + omega2 * gaps[t])
        vft = 1.0 / (1.0 / vpt + P[:, t])
        mft = vft * (mpt / vpt + h[:, t])
        mf[:, t], vf[:, t], vp[:, t] = mft, vft, vpt
        m_prev, v_prev = mft, vft
    ms = mf.copy()
    vs = vf.copy()
    lag = np.zeros((N, T))
    for t in range(T - 2, -1, -1):
        linked = first <= t  # a walk step joins t and t+1
        J = np.where(linked, vf[:, t] / vp[:, t + 1], 0.0)
        ms[:, t] = mf[:, t] + J * (ms[:, t + 1] - mf[:, t])
        vs[:, t] = vf[:, t] + J * J * (vs[:, t + 1] - vp[:, t + 1])
        lag[:, t + 1] = J * vs[:, t + 1]
    return ms, vs, lag


def sample_paths(fit: Fit, first: I64, rng: np.random.Generator) -> F64:
    """One draw of every state's path from q(theta): a Gauss-Markov chain along each walk.

    The smoothed posterior of a random walk is Markov, so ``theta_t | theta_t-1`` is normal
    with mean ``m_t + c_t / v_t-1 (theta_t-1 - m_t-1)`` and variance ``v_t - c_t^2 / v_t-1``
    (``m, v`` the smoothed means and variances, ``c`` the lag-one covariances); a state's
    first session, and every session of a static fit, is drawn from its marginal.  Cells a
    state was not observed in are drawn too (they carry its walk across gaps).
    """
    m, v, c = fit.theta, fit.theta_var, fit.theta_lag
    N, T = m.shape
    out = np.empty((N, T))
    noise = rng.standard_normal((N, T))
    out[:, 0] = m[:, 0] + np.sqrt(v[:, 0]) * noise[:, 0]
    for t in range(1, T):
        linked = (first < t) & (v[:, t - 1] > 0)
        k = np.where(linked, c[:, t] / np.where(v[:, t - 1] > 0, v[:, t - 1], 1.0), 0.0)
        mean = m[:, t] + k * (out[:, t - 1] - m[:, t - 1])
        var = np.maximum(v[:, t] - k * c[:, t], 1e-12)
        out[:, t] = mean + np.sqrt(var) * noise[:, t]
    return out


def pca_start(prob: Problem, rng: np.random.Generator, init: str) -> F64:
    """Starting positions (N, T): per-session first principal component, signs chained.

    Votes are scored no 0, abstain 0.5, yes 1; missing cells take the roll call's mean.
    Each session's scores are standardised and their sign aligned with the previous
    session over the states both share.  ``init="random"`` draws one N(0, 1) position per
    state, held over all its sessions (independent draws per session would start the
    sessions with unrelated orientations, a start the EM need not recover from).
    """
    N, T = prob.n_states, prob.n_sessions
    if init == "random":
        return np.repeat(rng.standard_normal((N, 1)), T, axis=1)
    theta = np.zeros((N, T))
    score = prob.y.astype(np.float64) / 2.0
    prev: F64 | None = None
    order = np.argsort(prob.tpos, kind="stable")
    bounds = np.searchsorted(prob.tpos[order], np.arange(T + 1))
    for t in range(T):
        idx = order[bounds[t] : bounds[t + 1]]
        if len(idx) == 0:
            continue
        rows, r_inv = np.unique(prob.state[idx], return_inverse=True)
        cols, c_inv = np.unique(prob.item[idx], return_inverse=True)
        X = np.full((len(rows), len(cols)), np.nan)
        X[r_inv, c_inv] = score[idx]
        colmean = np.nanmean(X, axis=0)
        X = np.where(np.isnan(X), colmean, X) - colmean
        if len(rows) < 2 or not np.any(X):
            pc = np.zeros(len(rows))
        else:
            u, sv, _ = np.linalg.svd(X, full_matrices=False)
            pc = u[:, 0] * sv[0]
            sd = pc.std()
            pc = (pc - pc.mean()) / sd if sd > 0 else pc * 0.0
        col = np.zeros(N)
        col[rows] = pc
        if prev is not None:
            both = (prev != 0) & (col != 0)
            if both.any() and np.dot(prev[both], col[both]) < 0:
                col = -col
        theta[:, t] = col
        prev = np.where(col != 0, col, prev if prev is not None else 0.0)
    return theta


def session_flips(theta: F64, observed: NDArray[np.bool_], lags: int = 5, min_shared: int = 3) -> NDArray[np.bool_]:
    """(T,) True for sessions whose positions are mirrored relative to the sessions before.

    Sessions are oriented in order: session ``t`` is flipped when the summed covariance of
    its positions with those of the ``lags`` preceding sessions (as already oriented, over
    the states observed in both) is negative.  In a fitted random walk consecutive sessions
    correlate near +1 (0.98 or more on the UN votes), so a negative covariance marks a
    *reflection wall*: a block of sessions mirrored relative to the rest, a local optimum
    the EM cannot leave by small steps.  Several lags, weighted by covariance rather than
    correlation, carry the orientation across a session with little information whose
    positions have shrunk towards zero (session 19, 1964, had two roll calls).
    """
    T = theta.shape[1]
    cov = np.zeros((lags + 1, T))  # cov[l, t]: covariance of sessions t - l and t
    for lag in range(1, min(lags, T - 1) + 1):
        both = observed[:, :-lag] & observed[:, lag:]
        n = both.sum(axis=0)
        x, y = np.where(both, theta[:, :-lag], 0.0), np.where(both, theta[:, lag:], 0.0)
        nn = np.maximum(n, 1)
        c = (x * y).sum(axis=0) - x.sum(axis=0) * y.sum(axis=0) / nn
        cov[lag, lag:] = np.where(n >= min_shared, c, 0.0)
    sign = np.ones(T)
    for t in range(1, T):
        ls = np.arange(1, min(lags, t) + 1)
        if float(np.dot(sign[t - ls], cov[ls, t])) < 0.0:
            sign[t] = -1.0
    flips: NDArray[np.bool_] = sign < 0
    return flips


def _reflect(st: _State, prob: Problem, flip_t: NDArray[np.bool_]) -> _State:
    """Mirror the flagged sessions, and the items voted there.

    ``z = alpha + beta * theta`` is unchanged when ``theta`` and ``beta`` change sign
    together, so items voted only in mirrored sessions keep their fit exactly; an item
    bridged across a wall takes the orientation of the majority of its votes and is
    refitted by the next sweeps.
    """
    sign_t = np.where(flip_t, -1.0, 1.0)
    flipped_votes = np.bincount(prob.item, weights=flip_t[prob.tpos].astype(np.float64), minlength=prob.n_items)
    share = flipped_votes / np.maximum(np.bincount(prob.item, minlength=prob.n_items), 1)
    sign_k = np.where(share > 0.5, -1.0, 1.0)
    lag_sign = sign_t * np.r_[1.0, sign_t[:-1]]  # Cov(theta_t, theta_t-1) flips when one of the two does
    return _State(st.theta * sign_t, st.theta_var, st.theta_lag * lag_sign, st.alpha, st.beta * sign_k,
                  st.sigma2, st.omega2, st.tau2, st.i00, st.i01 * sign_k, st.i11)


@dataclass
class _State:
    theta: F64  # (N, T) posterior means
    theta_var: F64  # (N, T) posterior variances
    theta_lag: F64  # (N, T) posterior lag-one covariances
    alpha: F64  # (K,)
    beta: F64  # (K,)
    sigma2: F64  # (K,)
    omega2: float
    tau2: float  # prior variance of the discriminations beta / sigma
    i00: F64  # (K,) Var(alpha) / sigma^2
    i01: F64  # (K,) Cov(alpha, beta) / sigma^2
    i11: F64  # (K,) Var(beta) / sigma^2


class Kernels(Protocol):
    """The per-vote passes of a sweep: the only work that grows with the number of votes."""

    device: str

    def estep(self, theta: F64, alpha: F64, beta: F64, sigma2: F64, eb2_w: F64, eab_w: F64) -> tuple[F64, F64, float]:
        """Moments of every latent z (kept) and the state-session sums ``P``, ``h``; log-likelihood."""
        ...

    def item_sums(self, theta: F64, theta_var: F64, Ez: F64 | None = None, Vz: F64 | None = None) -> F64:
        """(K, 5) per-item sums (see :func:`blocs.measures._irt_kernels.item_sums`); ``None``: the kept z."""
        ...


class NumbaKernels:
    """CPU kernels compiled by numba, parallel over state-sessions and items."""

    device = "cpu"

    def __init__(self, prob: Problem) -> None:
        self.prob = prob
        self.Ez = np.empty(len(prob.y))
        self.Vz = np.empty(len(prob.y))

    def estep(self, theta: F64, alpha: F64, beta: F64, sigma2: F64, eb2_w: F64, eab_w: F64) -> tuple[F64, F64, float]:
        prob = self.prob
        P = np.zeros(len(prob.seg) - 1)
        h = np.zeros(len(prob.seg) - 1)
        ll = estep_accumulate(prob.seg, prob.item, prob.y, prob.binary, theta, alpha, beta, sigma2,
                              eb2_w, eab_w, self.Ez, self.Vz, P, h)
        return P, h, float(ll)

    def item_sums(self, theta: F64, theta_var: F64, Ez: F64 | None = None, Vz: F64 | None = None) -> F64:
        prob = self.prob
        Ez = self.Ez if Ez is None else Ez
        Vz = self.Vz if Vz is None else Vz
        out: F64 = item_sums(prob.seg_k, prob.perm_k, prob.s, theta, theta_var, Ez, Vz)
        return out


def make_kernels(prob: Problem, backend: str) -> Kernels:
    """``"numpy"``: :class:`NumbaKernels`; ``"torch"``: torch tensors on CUDA when present."""
    if backend == "torch":
        from blocs.measures._irt_torch import TorchKernels

        return TorchKernels(prob)
    return NumbaKernels(prob)


class _Sweeper:
    """One variational-EM sweep ``F``: E-step for z, smoother for theta, items, sigma^2."""

    def __init__(
        self, prob: Problem, *, first: I64, estimate_walk: bool, estimate_tau: bool, static: bool,
        prior_var: float, a0: float, b0: float, kernels: Kernels,
    ) -> None:
        N, T, K = prob.n_states, prob.n_sessions, prob.n_items
        self.prob, self.first, self.static = prob, first, static
        self.estimate_walk, self.estimate_tau = estimate_walk, estimate_tau
        self.prior_var, self.a0, self.b0 = prior_var, a0, b0
        self.n_k = np.bincount(prob.item, minlength=K).astype(np.float64)
        self.observed = np.bincount(prob.s, minlength=N * T).reshape(N, T) > 0
        self.obs_flat = self.observed.ravel()
        self.kernels = kernels

    def items(self, st: _State, Ez: F64 | None = None, Vz: F64 | None = None) -> None:
        """q(alpha, beta) and the MAP of sigma^2 given q(theta) and q(z) (the E-step's
        when ``Ez`` is None), in place."""
        prob, pv, tau2, n = self.prob, self.prior_var, st.tau2, self.n_k
        S = self.kernels.item_sums(st.theta.ravel(), st.theta_var.ravel(), Ez, Vz)
        St, St2, Sz, Stz, Sz2 = S.T
        A00, A01, A11 = n + 1.0 / pv, St, St2 + 1.0 / tau2
        det = A00 * A11 - A01 * A01
        a = (A11 * Sz - A01 * Stz) / det
        b = (A00 * Stz - A01 * Sz) / det
        i00, i01, i11 = A11 / det, -A01 / det, A00 / det  # posterior covariance / sigma^2
        # sum over the item's votes of Vz + (Ez - a - b Et)^2 + b^2 Var(theta)
        sse = Sz2 - 2 * a * Sz - 2 * b * Stz + n * a * a + 2 * a * b * St + b * b * St2
        sse_q = i00 * n + 2.0 * i01 * St + i11 * St2  # sum Var(alpha + beta theta) / sigma^2
        prior_q = (a * a + st.sigma2 * i00) / pv + (b * b + st.sigma2 * i11) / tau2
        # MAP: (2 b0 + E[SSE] + E[alpha^2]/prior_var + E[beta^2]/tau2) / (2 a0 + 2 + n_k + 2)
        s2 = (2.0 * self.b0 + sse + st.sigma2 * sse_q + prior_q) / (2.0 * self.a0 + 4.0 + n)
        st.alpha, st.beta, st.i00, st.i01, st.i11 = a, b, i00, i01, i11
        st.sigma2 = np.where(prob.binary, 1.0, np.maximum(s2, 1e-6))

    def __call__(self, st: _State) -> tuple[_State, float]:
        """Map a state to the next one; also return the log-likelihood at ``st``."""
        prob = self.prob
        N, T = prob.n_states, prob.n_sessions
        s2 = st.sigma2
        eb2_w = st.beta**2 / s2 + st.i11
        eab_w = st.alpha * st.beta / s2 + st.i01
        P, h, ll = self.kernels.estep(st.theta.ravel(), st.alpha, st.beta, s2, eb2_w, eab_w)
        P2, h2 = P.reshape(N, T), h.reshape(N, T)
        omega2 = st.omega2
        if self.static:
            v = 1.0 / (1.0 + P2)
            theta, theta_var, lag = v * h2, v, np.zeros_like(v)
        else:
            theta, theta_var, lag = kalman_smoother(P2, h2, self.first, prob.gaps, omega2)
            if self.estimate_walk:
                omega2 = _walk_variance(theta, theta_var, lag, self.first, self.observed, prob.gaps)
        # parameter expansion: pooled mean 0, sd 1; the anchor on the positive side
        obs = theta.ravel()[self.obs_flat]
        mu, sc = float(obs.mean()), float(obs.std()) or 1.0
        sign = 1.0
        anchor_obs = self.observed[prob.anchor]
        if anchor_obs.any() and theta[prob.anchor, anchor_obs].mean() < mu:
            sign = -1.0
        new = _State(sign * (theta - mu) / sc, theta_var / sc**2, lag / sc**2, st.alpha, st.beta, s2, omega2,
                     st.tau2, st.i00, st.i01, st.i11)
        self.items(new)
        if self.estimate_tau:
            new.tau2 = _discrimination_variance(new)
        return new, float(ll)


def _flat(st: _State) -> F64:
    return np.concatenate([st.theta.ravel(), st.alpha, st.beta, np.log(st.sigma2)])


def _unflat(x: F64, like: _State) -> _State:
    n = like.theta.size
    K = like.alpha.size
    return _State(
        x[:n].reshape(like.theta.shape), like.theta_var, like.theta_lag, x[n : n + K], x[n + K : n + 2 * K],
        np.exp(x[n + 2 * K :]), like.omega2, like.tau2, like.i00, like.i01, like.i11,
    )


def fit_em(
    prob: Problem,
    *,
    omega2: float | None,
    first: I64,
    theta0: F64,
    tau2: float | None = None,
    prior_var: float = 100.0,
    a0: float = 1.0,
    b0: float = 1.0,
    max_iter: int = 500,
    tol: float = 1e-4,
    static: bool = False,
    accelerate: bool = True,
    repair: bool = True,
    backend: str = "numpy",
    callback: Callable[[int, float, float], None] | None = None,
) -> Fit:
    """Variational EM, accelerated by SQUAREM (Varadhan & Roland 2008) when ``accelerate``.

    ``omega2=None`` estimates the random-walk variance; ``tau2=None`` estimates the variance of
    the discriminations (a number fixes it; Bailey, Strezhnev & Voeten's code fixes 1);
    ``static`` gives every state-session its own N(0, 1) prior (no walk): the per-session
    baseline.  Convergence: the largest
    change of any observed position in one plain EM sweep falls below ``tol``.

    ``repair`` (dynamic fits): before every cycle, sessions behind a reflection wall
    (:func:`session_flips`) are mirrored back, with their items (:func:`_reflect`).  The
    random walk alone couples sessions weakly, so a start whose orientation differs between
    eras converges to a mirrored block of sessions; on UN sessions 1-74 such a solution from
    a random start had a log-likelihood 7,000 below the PCA start's.  At most ``n_sessions``
    repairs; a repair resets SQUAREM's step length.

    ``callback(sweeps, max_change, loglik)``, when given, is called after every plain EM
    step that is checked for convergence (once per SQUAREM cycle): progress reporting.

    ``backend="torch"`` runs the per-vote passes (:class:`Kernels`) on torch tensors, on a
    CUDA GPU when one is present; the smoother and item updates stay in numpy (they touch
    ``N x T`` and ``K`` numbers, not the votes).
    """
    N, T, K = prob.n_states, prob.n_sessions, prob.n_items
    F = _Sweeper(prob, first=first, estimate_walk=omega2 is None, estimate_tau=tau2 is None, static=static,
                 prior_var=prior_var, a0=a0, b0=b0, kernels=make_kernels(prob, backend))
    k = prob.item
    # start: items fitted to pseudo-data (no -1, abstain 0.5, yes 2; binary yes 1)
    Ez0 = np.select([prob.y == 0, prob.y == 1], [-1.0, 0.5], np.where(prob.binary[k], 1.0, 2.0))
    st = _State(theta0.copy(), np.full((N, T), 0.1), np.zeros((N, T)), np.zeros(K), np.zeros(K), np.ones(K),
                1.0 if omega2 is None else omega2, _TAU2_START if tau2 is None else tau2,
                np.zeros(K), np.zeros(K), np.zeros(K))
    F.items(st, Ez0, np.zeros_like(Ez0))
    observed = F.observed
    loglik: list[float] = []
    changes: list[float] = []
    converged = False
    it = 0
    step_max = 4.0
    n_reflections = 0
    while it < max_iter:
        if repair and not static and n_reflections < T:
            flips = session_flips(st.theta, observed)
            if flips.any():
                st = _reflect(st, prob, flips)
                n_reflections += int(np.count_nonzero(np.diff(flips.astype(np.int8))))
                step_max = 4.0
        x0 = _flat(st)
        s1, l0 = F(st)
        it += 1
        progress_step("ideal points: EM sweeps (stops when converged)", it, max_iter)
        if not accelerate:
            change = float(np.abs(s1.theta - st.theta)[observed].max())
            st = s1
            loglik.append(l0)
            changes.append(change)
            if callback is not None:
                callback(it, change, l0)
            if change < tol:
                converged = True
                break
            continue
        # convergence is judged on the plain EM step from the current iterate (the
        # fixed-point residual), not on SQUAREM's extrapolated jumps
        change = float(np.abs(s1.theta - st.theta)[observed].max())
        loglik.append(l0)
        changes.append(change)
        if callback is not None:
            callback(it, change, l0)
        if change < tol:
            st = s1
            converged = True
            break
        s2, l1 = F(s1)
        it += 1
        x1, x2 = _flat(s1), _flat(s2)
        r = x1 - x0
        v = x2 - x1 - r
        nv = float(np.linalg.norm(v))
        a = -float(np.linalg.norm(r)) / nv if nv > 0 else -1.0
        a = max(min(a, -1.0), -step_max)
        if a < -1.0:
            xp = x0 - 2.0 * a * r + a * a * v
            sp = _unflat(xp, s2)
            s3, lp = F(sp)
            it += 1
            if np.isfinite(lp) and lp >= l1:
                new = s3
                if a == -step_max:
                    step_max *= 4.0
            else:
                new, _ = F(s2)
                it += 1
                step_max = max(1.0, step_max / 4.0)
        else:
            new, _ = F(s2)
            it += 1
        st = new
    return Fit(
        theta=st.theta,
        theta_var=st.theta_var,
        theta_lag=st.theta_lag,
        alpha=st.alpha,
        beta=st.beta,
        item_cov=_item_cov(st),
        sigma2=st.sigma2,
        omega2=float(st.omega2),
        tau2=float(st.tau2),
        loglik=loglik,
        max_change=changes,
        converged=converged,
        n_iter=it,
        n_reflections=n_reflections,
        device=F.kernels.device,
    )


def _item_cov(st: _State) -> F64:
    """(K, 3): Var(alpha), Cov(alpha, beta), Var(beta) on the z scale."""
    return np.stack([st.sigma2 * st.i00, st.sigma2 * st.i01, st.sigma2 * st.i11], axis=1)


_TAU2_START = 1.0  # the value Bailey, Strezhnev & Voeten fix; estimated from there


def _discrimination_variance(st: _State) -> float:
    """ML update of tau^2, the prior variance of the discriminations d = beta / sigma shared by
    every roll call: the mean over items of E[beta^2] / sigma^2 under q."""
    return max(float(np.mean(st.beta * st.beta / st.sigma2 + st.i11)), 1e-6)


def _walk_variance(
    ms: F64, vs: F64, lag: F64, first: I64, observed: NDArray[np.bool_], gaps: F64
) -> float:
    """ML update of the random-walk variance from smoothed moments of each state's steps."""
    N, T = ms.shape
    last = T - 1 - np.argmax(observed[:, ::-1], axis=1)
    t = np.arange(1, T)
    inside = (t[None, :] > first[:, None]) & (t[None, :] <= last[:, None])
    d2 = (ms[:, 1:] - ms[:, :-1]) ** 2 + vs[:, 1:] + vs[:, :-1] - 2.0 * lag[:, 1:]
    num = float(d2[inside].sum())
    den = float(np.broadcast_to(gaps[1:], (N, T - 1))[inside].sum())
    return max(num / den, 1e-6) if den > 0 else 1.0
