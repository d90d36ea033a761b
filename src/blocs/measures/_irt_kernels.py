"""Compiled inner loops of the ideal-point EM: one pass over the observed votes each.

The E-step for the latent propensities and the per-item sums of the M-step touch every
vote; numba fuses them into single loops (no temporaries), which is what makes a sweep
over ~750,000 UN votes take a few tens of milliseconds.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numpy.typing import NDArray

__all__ = ["log_ndtr_scalar", "estep_accumulate", "item_sums"]

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_INV_SQRT2 = 1.0 / math.sqrt(2.0)


@numba.njit(cache=True, inline="always")
def _log_mills_tail(x: float) -> float:
    """log of the Mills ratio (1 - Phi(x)) / phi(x) for x >= 5 (continued fraction)."""
    f = x
    for j in range(40, 0, -1):
        f = x + j / f
    return -math.log(f)


@numba.njit(cache=True)
def log_ndtr_scalar(u: float) -> float:
    """log Phi(u), accurate in the lower tail."""
    if u > -5.0:
        return math.log(0.5 * math.erfc(-u * _INV_SQRT2))
    return -0.5 * u * u - _LOG_SQRT_2PI + _log_mills_tail(-u)


@numba.njit(cache=True, inline="always")
def _one_sided(u: float) -> tuple[float, float, float]:
    """For N(0,1) truncated to (-inf, u]: lambda = phi(u)/Phi(u), var, log Phi(u)."""
    lp = log_ndtr_scalar(u)
    lam = math.exp(-0.5 * u * u - _LOG_SQRT_2PI - lp)
    var = 1.0 - u * lam - lam * lam
    if var < 1e-12:
        var = 1e-12
    return lam, var, lp


@numba.njit(cache=True, inline="always")
def _two_sided(a: float, b: float) -> tuple[float, float, float]:
    """Mean, variance and log Z of N(0,1) truncated to [a, b), a < b finite."""
    flip = a + b > 0.0
    if flip:
        a, b = -b, -a
    la = log_ndtr_scalar(a)
    lb = log_ndtr_scalar(b)
    logz = lb + math.log(-math.expm1(la - lb))
    pa = math.exp(-0.5 * a * a - _LOG_SQRT_2PI - logz)
    pb = math.exp(-0.5 * b * b - _LOG_SQRT_2PI - logz)
    lam = pa - pb
    var = 1.0 + a * pa - b * pb - lam * lam
    if var < 1e-12:
        var = 1e-12
    elif var > 1.0:
        var = 1.0
    return (-lam if flip else lam), var, logz


@numba.njit(cache=True, parallel=True)
def estep_accumulate(
    seg: NDArray[np.int64],
    k: NDArray[np.int64],
    y: NDArray[np.int8],
    binary: NDArray[np.bool_],
    theta: NDArray[np.float64],
    alpha: NDArray[np.float64],
    beta: NDArray[np.float64],
    sigma2: NDArray[np.float64],
    eb2_w: NDArray[np.float64],
    eab_w: NDArray[np.float64],
    Ez: NDArray[np.float64],
    Vz: NDArray[np.float64],
    P: NDArray[np.float64],
    h: NDArray[np.float64],
) -> float:
    """E-step for every vote; accumulate the state-session pseudo-observations.

    Votes are sorted by state-session ``s``; those of ``s`` are ``seg[s]:seg[s+1]``, so
    state-sessions run in parallel without write conflicts.  Fills ``Ez``, ``Vz``
    (moments of the truncated latent z), sets ``P[s]`` to the precision
    ``sum E[beta^2]/sigma^2`` and ``h[s]`` to the information
    ``sum (E[beta] Ez - E[alpha beta]) / sigma^2``.  Returns the log-likelihood of the votes.
    """
    ll = 0.0
    for si in numba.prange(seg.shape[0] - 1):
        th = theta[si]
        p_acc = 0.0
        h_acc = 0.0
        l_acc = 0.0
        for v in range(seg[si], seg[si + 1]):
            kk = k[v]
            s2 = sigma2[kk]
            sd = math.sqrt(s2)
            m = alpha[kk] + beta[kk] * th
            yv = y[v]
            if yv == 1:  # abstain: [0, 1)
                mu, var, lz = _two_sided(-m / sd, (1.0 - m) / sd)
                ez = m + sd * mu
            elif yv == 0:  # no: (-inf, 0)
                lam, var, lz = _one_sided(-m / sd)
                ez = m - sd * lam
            else:  # yes: [1, inf), or [0, inf) on an item without abstentions
                cut = 0.0 if binary[kk] else 1.0
                lam, var, lz = _one_sided((m - cut) / sd)
                ez = m + sd * lam
            Ez[v] = ez
            Vz[v] = s2 * var
            l_acc += lz
            p_acc += eb2_w[kk]
            h_acc += beta[kk] / s2 * ez - eab_w[kk]
        P[si] = p_acc
        h[si] = h_acc
        ll += l_acc
    return ll


@numba.njit(cache=True, parallel=True)
def item_sums(
    seg_k: NDArray[np.int64],
    perm_k: NDArray[np.int64],
    s: NDArray[np.int64],
    theta: NDArray[np.float64],
    theta_var: NDArray[np.float64],
    Ez: NDArray[np.float64],
    Vz: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Per-item sums (n_items, 5): E[theta], E[theta^2], Ez, E[theta] Ez, E[z^2].

    ``perm_k`` orders the votes by item; item ``k``'s votes are ``perm_k[seg_k[k]:seg_k[k+1]]``.
    """
    n_items = seg_k.shape[0] - 1
    out = np.zeros((n_items, 5))
    for kk in numba.prange(n_items):
        a0 = a1 = a2 = a3 = a4 = 0.0
        for j in range(seg_k[kk], seg_k[kk + 1]):
            v = perm_k[j]
            t = theta[s[v]]
            ez = Ez[v]
            a0 += t
            a1 += t * t + theta_var[s[v]]
            a2 += ez
            a3 += t * ez
            a4 += ez * ez + Vz[v]
        out[kk, 0] = a0
        out[kk, 1] = a1
        out[kk, 2] = a2
        out[kk, 3] = a3
        out[kk, 4] = a4
    return out
