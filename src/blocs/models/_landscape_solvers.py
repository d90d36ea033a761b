"""Solvers for landscape energies: enumeration, integer programming, local search.

All solvers work on the symmetric weight matrix ``W[i, j] = s_i s_j p_ij`` (zero diagonal) and
minimise the energy

    E(x) = sum_{i<j} W[i, j] * [x_i != x_j]

over labellings ``x`` of ``n`` actors with ``k`` labels (coalitions).  Labels are
interchangeable, so every solver fixes actor 0 in coalition 0 (or reports configurations in
canonical form: coalitions numbered in order of first appearance).

* :func:`enumerate_landscape` visits all ``k**(n-1)`` labellings with actor 0 in coalition 0 in
  reflected ``k``-ary Gray-code order; each step moves one actor, and the energy and the
  "fields" ``h[i, c] = sum_j W[i, j] [x_j = c]`` are updated in O(n).  It records the steepest
  single-actor descent move of every configuration, so that local minima and their basins of
  attraction follow by pointer jumping.
* :func:`solve_ip` solves the problem exactly as a mixed-integer program with HiGHS
  (``scipy.optimize.milp``): for ``k = 2`` a weighted max-cut formulation strengthened by the
  triangle (metric polytope) inequalities, for ``k > 2`` an assignment formulation.
* :func:`local_search` runs seeded multi-start steepest descent; :func:`lower_bound` gives the
  bound reported with it (triangle LP relaxation for ``k = 2``, else the trivial bound).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import numpy.typing as npt
from numba import njit

__all__ = [
    "EnumerationResult",
    "IPResult",
    "canonical",
    "energy",
    "descend",
    "enumerate_landscape",
    "enumerate_minimum",
    "forced_costs_enumeration",
    "local_search",
    "lower_bound",
    "solve_forced_ip",
    "solve_ip",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def energy(W: FloatArray, labels: npt.ArrayLike) -> float:
    """Energy ``sum_{i<j} W[i, j] [x_i != x_j]`` of one labelling (exact, O(n^2))."""
    x = np.asarray(labels)
    apart = x[:, None] != x[None, :]
    return float(np.triu(W * apart, 1).sum())


def canonical(labels: npt.ArrayLike) -> tuple[int, ...]:
    """Relabel coalitions in order of first appearance (actor 0 is in coalition 0)."""
    seen: dict[int, int] = {}
    out = []
    for v in np.asarray(labels).tolist():
        if v not in seen:
            seen[v] = len(seen)
        out.append(seen[v])
    return tuple(out)


def decode(idx: int, n: int, k: int) -> IntArray:
    """Labels of the configuration with index ``idx`` (actor 0 in coalition 0)."""
    lab = np.zeros(n, dtype=np.int64)
    for a in range(1, n):
        lab[a] = idx % k
        idx //= k
    return lab


# ----------------------------------------------------------------------------- enumeration


@njit(cache=True)
def _gray_digit(t: int, k: int) -> int:
    """Which digit changes at step ``t`` (>= 1) of the reflected k-ary Gray code."""
    j = 0
    while t % k == 0:
        t //= k
        j += 1
    return j


@njit(cache=True)
def _enumerate(W: FloatArray, k: int, tol: float, with_moves: bool) -> tuple[int, float, IntArray]:
    n = W.shape[0]
    m = n - 1
    N = 1
    for _ in range(m):
        N *= k
    powers = np.ones(max(m, 1), dtype=np.int64)
    for j in range(1, m):
        powers[j] = powers[j - 1] * k
    lab = np.zeros(n, dtype=np.int64)
    direction = np.ones(max(m, 1), dtype=np.int64)
    h = np.zeros((n, k))
    for i in range(n):
        for j in range(n):
            if j != i:
                h[i, 0] += W[i, j]
    moves = np.empty(N if with_moves else 1, dtype=np.int64)
    idx = 0
    e = 0.0
    best_idx = 0
    best_e = 0.0
    for t in range(N):
        if with_moves:
            # steepest single-actor move; ties go to the lowest (actor, coalition)
            best_d = -tol
            bi = -1
            bc = -1
            for i in range(n):
                a = lab[i]
                for c in range(k):
                    if c != a:
                        d = h[i, a] - h[i, c]
                        if d < best_d:
                            best_d = d
                            bi = i
                            bc = c
            if bi < 0:
                moves[idx] = idx
            elif bi > 0:
                moves[idx] = idx + (bc - lab[bi]) * powers[bi - 1]
            else:
                # actor 0 moves to bc; swap labels 0 <-> bc so that actor 0 stays in coalition 0
                nxt = 0
                for a2 in range(1, n):
                    v = lab[a2]
                    if v == bc:
                        v = 0
                    elif v == 0:
                        v = bc
                    nxt += v * powers[a2 - 1]
                moves[idx] = nxt
        if e < best_e - tol:
            best_e = e
            best_idx = idx
        if t == N - 1:
            break
        j = _gray_digit(t + 1, k)
        a = j + 1
        old = lab[a]
        new = old + direction[j]
        e += h[a, old] - h[a, new]
        for i in range(n):
            if i != a:
                h[i, old] -= W[i, a]
                h[i, new] += W[i, a]
        lab[a] = new
        idx += direction[j] * powers[j]
        if new == 0 or new == k - 1:
            direction[j] = -direction[j]
    return best_idx, best_e, moves


@njit(cache=True)
def _enumerate2(W: FloatArray, tol: float) -> tuple[int, float, IntArray]:
    """k = 2 specialisation of :func:`_enumerate`: one field per actor, ``g_i = h[i, 0] - h[i, 1]``."""
    n = W.shape[0]
    m = n - 1
    N = 1 << m
    full = N - 1
    lab = np.zeros(n, dtype=np.int64)
    g = np.zeros(n)
    for i in range(n):
        for j in range(n):
            if j != i:
                g[i] += W[i, j]
    moves = np.empty(N, dtype=np.int64)
    idx = 0
    e = 0.0
    best_idx = 0
    best_e = 0.0
    for t in range(N):
        # flipping actor i changes the energy by g_i (label 0) or -g_i (label 1)
        best_d = -tol
        bi = -1
        for i in range(n):
            d = g[i] if lab[i] == 0 else -g[i]
            if d < best_d:
                best_d = d
                bi = i
        if bi < 0:
            moves[idx] = idx
        elif bi > 0:
            moves[idx] = idx ^ (1 << (bi - 1))
        else:
            moves[idx] = idx ^ full  # actor 0 flips = everyone else flips, relabelled
        if e < best_e - tol:
            best_e = e
            best_idx = idx
        if t == N - 1:
            break
        tt = t + 1
        j = 0
        while tt & 1 == 0:
            tt >>= 1
            j += 1
        a = j + 1
        if lab[a] == 0:
            e += g[a]
            for i in range(n):
                g[i] -= 2.0 * W[i, a]
            lab[a] = 1
        else:
            e -= g[a]
            for i in range(n):
                g[i] += 2.0 * W[i, a]
            lab[a] = 0
        idx ^= 1 << j
    return best_idx, best_e, moves


@njit(cache=True)
def _basins(moves: IntArray, n: int, k: int) -> tuple[IntArray, IntArray]:
    """Follow every descent path once (path compression); return minima and their basin sizes.

    On return ``moves[x] = -(m + 1)`` where ``m`` is the number of the local minimum reached
    from ``x``.  Basins count each distinct configuration (restricted-growth labelling) once.
    """
    N = moves.shape[0]
    minima = np.empty(1024, dtype=np.int64)
    nmin = 0
    stack = np.empty(1 << 12, dtype=np.int64)
    for x in range(N):
        if moves[x] == x:
            if nmin == minima.shape[0]:
                grown = np.empty(2 * nmin, dtype=np.int64)
                grown[:nmin] = minima
                minima = grown
            minima[nmin] = x
            moves[x] = -(nmin + 1)
            nmin += 1
    for x in range(N):
        top = 0
        y = x
        while moves[y] >= 0:
            if top == stack.shape[0]:
                grown = np.empty(2 * top, dtype=np.int64)
                grown[:top] = stack
                stack = grown
            stack[top] = y
            top += 1
            y = moves[y]
        root = moves[y]
        for q in range(top):
            moves[stack[q]] = root
    counts = np.zeros(nmin, dtype=np.int64)
    for x in range(N):
        if k > 2:
            # canonical iff each label is at most one more than the largest label before it
            y = x
            top = 0
            ok = True
            for _ in range(1, n):
                v = y % k
                y //= k
                if v > top + 1:
                    ok = False
                    break
                if v > top:
                    top = v
            if not ok:
                continue
        counts[-moves[x] - 1] += 1
    return minima[:nmin], counts


@dataclass
class EnumerationResult:
    """Exact landscape: the global minimum, all local minima and their basins."""

    best: tuple[int, ...]
    best_energy: float
    minima: list[tuple[int, ...]]
    energies: list[float]
    basins: list[int]
    n_configurations: int
    descent: str = "steepest"
    extra: dict[str, object] = field(default_factory=dict)


def n_configurations(n: int, k: int) -> int:
    """Labellings visited by enumeration: ``k**(n-1)`` (actor 0 fixed in coalition 0)."""
    return int(k ** max(n - 1, 0))


def enumerate_landscape(W: FloatArray, k: int, *, tol: float | None = None) -> EnumerationResult:
    """All local minima under single-actor moves, with basins of attraction, by enumeration.

    Descent rule: from every configuration, repeatedly make the single-actor move (one actor
    to another coalition, possibly an empty one when ``k > 2``) that lowers the energy most;
    ties go to the lowest actor index, then the lowest coalition.  A configuration is a local
    minimum when no single-actor move lowers the energy by more than ``tol``.  Its basin is
    the number of distinct configurations (labellings up to renaming coalitions) whose descent
    ends there, so for ``k = 2`` the basins sum to ``2**(n-1)``.
    """
    W = np.ascontiguousarray(W, dtype=np.float64)
    n = W.shape[0]
    if tol is None:
        tol = _default_tol(W)
    if n == 1:
        return EnumerationResult((0,), 0.0, [(0,)], [0.0], [1], 1)
    _, _, moves = _enumerate2(W, tol) if k == 2 else _enumerate(W, k, tol, True)
    minima, counts = _basins(moves, n, k)
    del moves
    agg: dict[tuple[int, ...], int] = {}
    for mi, cnt in zip(minima.tolist(), counts.tolist(), strict=True):
        key = canonical(decode(mi, n, k))
        agg[key] = agg.get(key, 0) + int(cnt)
    configs = list(agg)
    energies = [energy(W, c) for c in configs]
    order = sorted(range(len(configs)), key=lambda i: (energies[i], configs[i]))
    configs = [configs[i] for i in order]
    energies = [energies[i] for i in order]
    basins = [agg[c] for c in configs]
    return EnumerationResult(configs[0], energies[0], configs, energies, basins, n_configurations(n, k))


def enumerate_minimum(W: FloatArray, k: int, *, tol: float | None = None) -> tuple[tuple[int, ...], float]:
    """Global minimum only, by Gray-code enumeration (no memory beyond O(nk))."""
    W = np.ascontiguousarray(W, dtype=np.float64)
    n = W.shape[0]
    if n == 1:
        return (0,), 0.0
    if tol is None:
        tol = _default_tol(W)
    idx, _, _ = _enumerate(W, k, tol, False)
    best = canonical(decode(idx, n, k))
    return best, energy(W, best)


def _default_tol(W: FloatArray) -> float:
    scale = float(np.abs(W).sum()) / 2.0
    return 1e-9 * scale if scale > 0 else 1e-12


@njit(cache=True)
def _forced_enum(W: FloatArray, s: FloatArray, xstar: IntArray) -> FloatArray:
    """For k = 2: min energy with actor i on the other side (sides matched by size-weighted majority)."""
    n = W.shape[0]
    m = n - 1
    N = 1 << m
    best = np.full(n, np.inf)
    lab = np.zeros(n, dtype=np.int64)
    g = np.zeros(n)  # h[i, 0] - h[i, 1]
    for i in range(n):
        for j in range(n):
            if j != i:
                g[i] += W[i, j]
    total = s.sum()
    agree = 0.0
    for i in range(n):
        if xstar[i] == 0:
            agree += s[i]
    e = 0.0
    for t in range(N):
        for i in range(n):
            same = lab[i] == xstar[i]
            ai = agree - (s[i] if same else 0.0)
            si = total - s[i]
            if ((2.0 * ai >= si and not same) or (2.0 * ai <= si and same)) and e < best[i]:
                best[i] = e
        if t == N - 1:
            break
        j = _gray_digit(t + 1, 2)
        a = j + 1
        old = lab[a]
        # moving a from old to new: delta = h[a, old] - h[a, new]
        e += g[a] if old == 0 else -g[a]
        sign = 1.0 if old == 0 else -1.0  # h[i,0] loses W[i,a], h[i,1] gains it (or reverse)
        for i in range(n):
            if i != a:
                g[i] -= 2.0 * sign * W[i, a]
        if old == xstar[a]:
            agree -= s[a]
        else:
            agree += s[a]
        lab[a] = 1 - old
    return best


def forced_costs_enumeration(W: FloatArray, sizes: FloatArray, best: tuple[int, ...]) -> FloatArray:
    """Energy of the best configuration with each actor forced to the other side, minus the optimum."""
    xstar = np.asarray(best, dtype=np.int64)
    out = _forced_enum(np.ascontiguousarray(W, dtype=np.float64), np.asarray(sizes, dtype=np.float64), xstar)
    return out - energy(W, best)


# ----------------------------------------------------------------------------- local search


@njit(cache=True)
def _descend(W: FloatArray, lab: IntArray, k: int, tol: float, fixed: int) -> float:
    """Steepest single-actor descent in place; actor ``fixed`` (if >= 0) never moves. Returns energy."""
    n = W.shape[0]
    h = np.zeros((n, k))
    e = 0.0
    for i in range(n):
        for j in range(n):
            if j != i:
                h[i, lab[j]] += W[i, j]
                if j > i and lab[j] != lab[i]:
                    e += W[i, j]
    while True:
        best_d = -tol
        bi = -1
        bc = -1
        for i in range(n):
            if i == fixed:
                continue
            a = lab[i]
            for c in range(k):
                if c != a:
                    d = h[i, a] - h[i, c]
                    if d < best_d:
                        best_d = d
                        bi = i
                        bc = c
        if bi < 0:
            return e
        old = lab[bi]
        for i in range(n):
            if i != bi:
                h[i, old] -= W[i, bi]
                h[i, bc] += W[i, bi]
        lab[bi] = bc
        e += best_d


def descend(W: FloatArray, labels: IntArray, k: int, *, pinned: int = -1) -> float:
    """Steepest descent from ``labels`` (modified in place) with actor ``pinned`` held; returns the energy."""
    W = np.ascontiguousarray(W, dtype=np.float64)
    return float(_descend(W, labels, k, _default_tol(W), pinned))


def local_search(
    W: FloatArray,
    k: int,
    *,
    n_starts: int,
    rng: np.random.Generator,
    tol: float | None = None,
    fixed: dict[int, int] | None = None,
) -> tuple[list[tuple[int, ...]], list[float], list[int]]:
    """Multi-start steepest descent from uniformly random configurations.

    Returns the distinct local minima reached (canonical form), their energies and how many
    starts reached each (an estimate of basin shares), sorted by energy.  ``fixed`` pins at
    most one actor to a coalition (used for forced-side costs).
    """
    W = np.ascontiguousarray(W, dtype=np.float64)
    n = W.shape[0]
    if tol is None:
        tol = _default_tol(W)
    pin, pin_label = -1, 0
    if fixed:
        ((pin, pin_label),) = fixed.items()
    hits: dict[tuple[int, ...], int] = {}
    for _ in range(n_starts):
        lab = np.asarray(rng.integers(0, k, size=n), dtype=np.int64)
        if pin >= 0:
            lab[pin] = pin_label
        _descend(W, lab, k, tol, pin)
        key = tuple(lab.tolist()) if pin >= 0 else canonical(lab)
        hits[key] = hits.get(key, 0) + 1
    configs = list(hits)
    energies = [energy(W, c) for c in configs]
    order = sorted(range(len(configs)), key=lambda i: (energies[i], configs[i]))
    return [configs[i] for i in order], [energies[i] for i in order], [hits[configs[i]] for i in order]


# ----------------------------------------------------------------------------- integer programming


@dataclass
class IPResult:
    """Result of the integer program: best labelling, its energy, the dual bound and the gap."""

    best: tuple[int, ...]
    best_energy: float
    bound: float
    gap: float
    optimal: bool
    status: str


def _pairs(n: int) -> tuple[IntArray, IntArray]:
    iu, ju = np.triu_indices(n, 1)
    return iu.astype(np.int64), ju.astype(np.int64)


def _triangle_rows(n: int, pair_index: IntArray) -> tuple[list[int], list[int], list[float], int]:
    """Rows of the triangle inequalities on pair variables (offset handled by caller)."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    r = 0
    for i, j, m3 in combinations(range(n), 3):
        a, b, c = pair_index[i, j], pair_index[i, m3], pair_index[j, m3]
        # d_ab <= d_ac + d_bc (three rotations) and d_ab + d_ac + d_bc <= 2
        for p, q, u in ((a, b, c), (b, a, c), (c, a, b)):
            rows += [r, r, r]
            cols += [int(p), int(q), int(u)]
            vals += [1.0, -1.0, -1.0]
            r += 1
        rows += [r, r, r]
        cols += [int(a), int(b), int(c)]
        vals += [1.0, 1.0, 1.0]
        r += 1
    return rows, cols, vals, r


def solve_ip(
    W: FloatArray,
    k: int,
    *,
    time_limit: float = 60.0,
    triangles: bool = True,
    force: tuple[int, IntArray, FloatArray] | None = None,
    relax: bool = False,
) -> IPResult:
    """Exact minimum energy by mixed-integer programming (HiGHS through ``scipy.optimize.milp``).

    For ``k = 2``: binary side ``x_i`` (actor 0 fixed to 0) and ``d_ij in [0, 1]`` for each pair,
    with ``d_ij >= |x_i - x_j|`` where ``W_ij > 0`` and ``d_ij <= x_i + x_j``,
    ``d_ij <= 2 - x_i - x_j`` where ``W_ij < 0``; minimising ``sum W_ij d_ij`` then makes
    ``d`` the cut indicator.  Triangle inequalities (valid for every cut) tighten the LP bound.
    For ``k > 2``: binary assignment ``x_ic`` (``x_ic = 0`` for ``c > i`` breaks label symmetry)
    and a together-indicator ``z_ij``.  ``force = (i, reference, sizes)`` (k = 2) puts actor i on
    the other side from ``reference`` and requires the other actors to agree with ``reference``
    by at least half their total size (see :func:`forced_costs_enumeration`); ``relax`` solves the LP relaxation.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    W = np.asarray(W, dtype=np.float64)
    n = W.shape[0]
    if n == 1:
        return IPResult((0,), 0.0, 0.0, 0.0, True, "trivial")
    scale = float(np.abs(W).max()) or 1.0
    Ws = W / scale
    iu, ju = _pairs(n)
    npairs = iu.shape[0]
    pair_index = np.full((n, n), -1, dtype=np.int64)
    pair_index[iu, ju] = np.arange(npairs)
    pair_index[ju, iu] = np.arange(npairs)
    w = Ws[iu, ju]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lo: list[float] = []
    hi: list[float] = []
    r = 0

    def add(coefs: list[tuple[int, float]], lb: float, ub: float) -> None:
        nonlocal r
        for c, v in coefs:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        lo.append(lb)
        hi.append(ub)
        r += 1

    if k == 2:
        nx = n
        nvar = nx + npairs
        c = np.concatenate([np.zeros(nx), w])
        const = 0.0
        for p in range(npairs):
            i, j, dv = int(iu[p]), int(ju[p]), nx + p
            if w[p] > 0:
                add([(dv, 1.0), (i, -1.0), (j, 1.0)], 0.0, np.inf)
                add([(dv, 1.0), (i, 1.0), (j, -1.0)], 0.0, np.inf)
            elif w[p] < 0:
                add([(dv, 1.0), (i, -1.0), (j, -1.0)], -np.inf, 0.0)
                add([(dv, 1.0), (i, 1.0), (j, 1.0)], -np.inf, 2.0)
        lb = np.zeros(nvar)
        ub = np.ones(nvar)
        if force is None:
            ub[0] = 0.0  # label symmetry
        else:
            fi, ref, sizes = force
            lb[fi] = ub[fi] = float(1 - ref[fi])
            # sum_{j != i} s_j agree_j >= S_i / 2, agree_j = x_j (ref 1) or 1 - x_j (ref 0)
            coefs = []
            rhs = (float(sizes.sum()) - float(sizes[fi])) / 2.0
            for j in range(n):
                if j == fi:
                    continue
                if ref[j] == 1:
                    coefs.append((j, float(sizes[j])))
                else:
                    coefs.append((j, -float(sizes[j])))
                    rhs -= float(sizes[j])
            add(coefs, rhs, np.inf)
        integrality = np.concatenate([np.ones(nx), np.zeros(npairs)])
        tri_offset = nx
    else:
        nx = n * k
        nvar = nx + npairs
        # E = sum w_ij (1 - z_ij) = const - sum w_ij z_ij
        c = np.concatenate([np.zeros(nx), -w])
        const = float(w.sum())
        for i in range(n):
            add([(i * k + cc, 1.0) for cc in range(k)], 1.0, 1.0)
        for p in range(npairs):
            i, j, zv = int(iu[p]), int(ju[p]), nx + p
            for cc in range(k):
                if w[p] > 0:  # z_ij <= 1 - x_ic + x_jc
                    add([(zv, 1.0), (i * k + cc, 1.0), (j * k + cc, -1.0)], -np.inf, 1.0)
                elif w[p] < 0:  # z_ij >= x_ic + x_jc - 1
                    add([(zv, 1.0), (i * k + cc, -1.0), (j * k + cc, -1.0)], -1.0, np.inf)
        lb = np.zeros(nvar)
        ub = np.ones(nvar)
        for i in range(n):
            for cc in range(i + 1, k):
                ub[i * k + cc] = 0.0
        integrality = np.concatenate([np.ones(nx), np.zeros(npairs)])
        tri_offset = nx
        for i, j, m3 in combinations(range(n), 3) if triangles else ():
            a, b, cpair = pair_index[i, j], pair_index[i, m3], pair_index[j, m3]
            for p, q, u in ((a, b, cpair), (b, a, cpair), (cpair, a, b)):
                add([(nx + int(q), 1.0), (nx + int(u), 1.0), (nx + int(p), -1.0)], -np.inf, 1.0)
    if triangles and k == 2 and n >= 3:
        trows, tcols, tvals, nt = _triangle_rows(n, pair_index)
        rows += [r + x for x in trows]
        cols += [tri_offset + x for x in tcols]
        vals += tvals
        lo += [-np.inf] * nt
        hi += [0.0, 0.0, 0.0, 2.0] * (nt // 4)
        r += nt
    if relax:
        integrality = np.zeros(nvar)
    constraints = []
    if r:
        A = coo_matrix((vals, (rows, cols)), shape=(r, nvar)).tocsr()
        constraints = [LinearConstraint(A, np.array(lo), np.array(hi))]
    res = milp(
        c,
        integrality=integrality,
        bounds=Bounds(lb, ub),
        constraints=constraints,
        options={"time_limit": float(time_limit), "disp": False},
    )
    if res.x is None:
        from blocs._errors import InfeasibleOptionError

        raise InfeasibleOptionError(
            f"The integer program found no configuration within time_limit={time_limit:g} s ({res.message}); "
            "raise time_limit or use method='heuristic'"
        )
    if relax:
        val = (float(res.fun) + const) * scale
        return IPResult((), np.nan, val, np.nan, res.status == 0, str(res.message))
    xv = np.round(res.x[:nx]).astype(np.int64)
    labels = xv if k == 2 else xv.reshape(n, k).argmax(axis=1)
    best = tuple(int(v) for v in labels) if force is not None else canonical(labels)
    e = energy(W, best)
    dual = getattr(res, "mip_dual_bound", None)
    bound = (float(dual) + const) * scale if dual is not None and np.isfinite(dual) else -np.inf
    bound = min(bound, e)
    gap = 0.0 if e == bound else abs(e - bound) / max(abs(e), 1e-300)
    return IPResult(best, e, bound, gap, res.status == 0, str(res.message))


def solve_forced_ip(
    W: FloatArray, sizes: FloatArray, best: tuple[int, ...], i: int, *, time_limit: float, triangles: bool
) -> IPResult:
    """k = 2: best configuration with actor ``i`` on the other side from ``best`` (majority-matched)."""
    force = (i, np.asarray(best, dtype=np.int64), np.asarray(sizes, dtype=np.float64))
    return solve_ip(W, 2, time_limit=time_limit, triangles=triangles, force=force)


def lower_bound(W: FloatArray, k: int, *, triangles: bool, time_limit: float = 60.0) -> tuple[float, str]:
    """A lower bound on the minimum energy and its name.

    ``k = 2`` with ``triangles``: the LP relaxation of the max-cut program over the metric
    polytope (triangle inequalities).  Otherwise the trivial bound ``sum_{i<j} min(W_ij, 0)``
    (every antagonistic pair apart and every friendly pair together), which is also what the
    plain LP relaxation gives.
    """
    trivial = float(np.triu(np.minimum(W, 0.0), 1).sum())
    if k == 2 and triangles and W.shape[0] >= 3:
        from blocs._errors import InfeasibleOptionError

        try:
            res = solve_ip(W, 2, time_limit=time_limit, triangles=True, relax=True)
        except InfeasibleOptionError:  # the relaxation did not finish: only the trivial bound is proven
            return trivial, "trivial bound (sum of negative weights; the LP relaxation ran out of time)"
        if not res.optimal:  # an unfinished LP's value bounds nothing
            return trivial, "trivial bound (sum of negative weights; the LP relaxation ran out of time)"
        return max(res.bound, trivial), "triangle LP relaxation"
    return trivial, "trivial bound (sum of negative weights)"
