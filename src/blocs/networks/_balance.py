"""Structural balance: the frustration index, solved exactly, and k-camp partitions.

A signed graph is *balanced* (Heider 1946; Cartwright & Harary 1956) when its nodes split
into two camps with every positive edge inside a camp and every negative edge between
them.  The frustration index (line index of balance) is the least number — or total
weight — of edges whose sign must change to reach balance:

.. math::

    L(G) = \\min_{x \\in \\{0,1\\}^V} \\sum_{(i,j) \\in E} w_{ij} f_{ij}(x), \\qquad
    f_{ij}(x) = \\begin{cases} |x_i - x_j| & s_{ij} = +1 \\\\ 1 - |x_i - x_j| & s_{ij} = -1 \\end{cases}

solved as the binary linear program of Aref, Mason & Wilson (2018, 2020)::

    min  sum_e w_e f_e
    s.t. f_e >= x_i - x_j,  f_e >= x_j - x_i              (positive e = ij)
         f_e >= x_i + x_j - 1,  f_e >= 1 - x_i - x_j      (negative e = ij)
         f_a + f_b + f_c >= 1                             (each unbalanced triangle abc)
         x binary, 0 <= f <= 1, x_r = 0 for one node r per block

with HiGHS (through :func:`scipy.optimize.milp`).  The frustration index is additive over
the biconnected components (blocks) of the graph — an edge outside every cycle is never
frustrated, and blocks meet only in cut vertices, whose camps can be matched by switching
a whole block — so each block is solved on its own: balanced blocks by a 2-colouring,
blocks of at most 16 nodes by enumeration, larger ones by local search whose value is
certified by an edge-disjoint packing of unbalanced triangles when the two agree, and by
the integer program otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._validation import check_choice, check_random_state
from blocs.data import cites
from blocs.networks._input import SignedArrays, SignedGraphLike, as_arrays

__all__ = [
    "BalanceResult",
    "KCampsResult",
    "structural_balance",
    "frustration_index",
    "k_camps",
    "triangle_counts",
]

Method = Literal["exact", "mip", "enumerate", "heuristic"]
_METHODS = ("exact", "mip", "enumerate", "heuristic")
ENUM_MAX = 16  # blocks up to this many nodes are enumerated (2**15 partitions)
ENUM_LIMIT = 22  # method="enumerate" refuses larger blocks
_TOL = 1e-9


@dataclass
class BalanceResult:
    """Outcome of :func:`structural_balance`.

    Attributes
    ----------
    frustration : float
        Frustration index of the returned partition (an upper bound; the optimum when
        ``gap == 0``).  A count of edges, or total weight when ``weighted=True``.
    lower_bound : float
        Proven lower bound on the frustration index.
    gap : float
        ``(frustration - lower_bound) / frustration`` (0 when frustration is 0): the
        certificate; 0 means proven optimal.
    partition : dict
        Node -> camp (0 or 1).  Within each connected component the camp of the smallest
        node is 0; across components camps are not comparable.
    frustrated : DataFrame
        The edges whose sign disagrees with the partition (``source, target, sign, weight``).
    blocks : DataFrame
        One row per biconnected component with a cycle: ``nodes, edges, frustration,
        lower_bound, how`` (``balanced``, ``enumerate``, ``bound``, ``mip``, ``heuristic``).
    """

    frustration: float
    lower_bound: float
    gap: float
    partition: dict[Hashable, int]
    frustrated: pd.DataFrame
    blocks: pd.DataFrame
    weighted: bool
    method: str
    n_nodes: int
    n_edges: int
    n_negative: int
    seconds: float = 0.0
    components: dict[Hashable, int] = field(default_factory=dict)

    @property
    def optimal(self) -> bool:
        """True when the gap is 0 (the frustration index is proven)."""
        return self.gap <= 1e-9

    @property
    def normalized_balance(self) -> float:
        """Aref & Wilson's normalised line index of balance ``1 - 2 L / m`` (1 = balanced)."""
        total = self.n_edges if not self.weighted else float(self.frustrated.attrs.get("total_weight", 0.0))
        return 1.0 - 2.0 * self.frustration / total if total else 1.0

    def camps(self) -> tuple[list[Hashable], list[Hashable]]:
        """The two camps as sorted node lists."""
        a = [v for v, c in self.partition.items() if c == 0]
        b = [v for v, c in self.partition.items() if c == 1]
        return a, b


# --------------------------------------------------------------------------- kernels


def _cost(i: np.ndarray, j: np.ndarray, sgn: np.ndarray, w: np.ndarray, x: np.ndarray) -> float:
    """Total weight of frustrated edges under labels ``x`` (0/1)."""
    same = x[i] == x[j]
    frustrated = np.where(sgn > 0, ~same, same)
    return float(w[frustrated].sum())


def _enumerate(n: int, i: np.ndarray, j: np.ndarray, sgn: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray]:
    """Brute force over the 2**(n-1) partitions with node 0 in camp 0."""
    if n <= 1:
        return 0.0, np.zeros(n, dtype=np.int64)
    best_cost, best_code = np.inf, 0
    total = 1 << (n - 1)
    chunk = 1 << 15
    shifts = np.arange(n - 1, dtype=np.int64)
    neg = sgn < 0
    for start in range(0, total, chunk):
        codes = np.arange(start, min(total, start + chunk), dtype=np.int64)
        bits = np.zeros((codes.size, n), dtype=bool)
        bits[:, 1:] = (codes[:, None] >> shifts) & 1
        differ = bits[:, i] != bits[:, j]
        frustrated = differ ^ neg  # positive edge frustrated when camps differ, negative when equal
        cost = frustrated.astype(float) @ w
        k = int(np.argmin(cost))
        if cost[k] < best_cost - _TOL:
            best_cost, best_code = float(cost[k]), int(codes[k])
    x = np.zeros(n, dtype=np.int64)
    x[1:] = (best_code >> np.arange(n - 1)) & 1
    return best_cost, x


def _two_colour(n: int, i: np.ndarray, j: np.ndarray, sgn: np.ndarray) -> np.ndarray | None:
    """Labels satisfying every edge if the (connected) graph is balanced, else None."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for a, b, s in zip(i.tolist(), j.tolist(), sgn.tolist(), strict=True):
        adj[a].append((b, s))
        adj[b].append((a, s))
    x = np.full(n, -1, dtype=np.int64)
    for root in range(n):
        if x[root] >= 0:
            continue
        x[root] = 0
        stack = [root]
        while stack:
            u = stack.pop()
            for v, s in adj[u]:
                want = x[u] if s > 0 else 1 - x[u]
                if x[v] < 0:
                    x[v] = want
                    stack.append(v)
                elif x[v] != want:
                    return None
    return x


def _local_search(
    n: int, i: np.ndarray, j: np.ndarray, sgn: np.ndarray, w: np.ndarray, rng: np.random.Generator, starts: int
) -> tuple[float, np.ndarray]:
    """Best single-node-flip local optimum from a spectral start and ``starts`` random ones.

    With signed weights ``S_ij = s_ij w_ij`` and spins ``z = 1 - 2x``, flipping node v
    changes the frustration by ``z_v (S z)_v``; we flip the most improving node until none
    improves.
    """
    S = np.zeros((n, n))
    S[i, j] = sgn * w
    S[j, i] = sgn * w
    inits = [np.where(_leading_eigenvector(S) >= 0, 1.0, -1.0)]
    inits.extend(rng.choice([-1.0, 1.0], size=n) for _ in range(starts))
    best_cost, best_z = np.inf, np.ones(n)
    for z in inits:
        z = z.copy()
        h = S @ z
        for _ in range(20 * n + 100):
            gain = z * h
            v = int(np.argmin(gain))
            if gain[v] >= -_TOL:
                break
            h -= 2.0 * z[v] * S[:, v]
            z[v] = -z[v]
        x = (z < 0).astype(np.int64)
        c = _cost(i, j, sgn, w, x)
        if c < best_cost - _TOL:
            best_cost, best_z = c, z
    x = (best_z < 0).astype(np.int64)
    if x[0] == 1:
        x = 1 - x
    return best_cost, x


_DENSE_EIGEN_MAX = 400


def _leading_eigenvector(S: np.ndarray) -> np.ndarray:
    """Eigenvector of the largest eigenvalue of symmetric ``S`` (Lanczos; a balanced graph's camps
    are the signs of its entries, Cartwright & Harary's structure theorem in spectral form)."""
    n = S.shape[0]
    if n < 3:
        return np.ones(n)
    if n <= _DENSE_EIGEN_MAX:  # exact and cheap; Lanczos can fail on degenerate small matrices
        return np.asarray(np.linalg.eigh(S)[1][:, -1])
    # a start vector with distinct entries, so it cannot sit in a symmetric null space as ones can
    v0 = 1.0 + np.arange(n, dtype=float) / n
    try:
        _, vec = eigsh(S, k=1, which="LA", v0=v0, maxiter=50 * n, tol=1e-6)
        return np.asarray(vec[:, 0])
    except (ArpackNoConvergence, ArpackError):  # fall back to the dense solver
        return np.asarray(np.linalg.eigh(S)[1][:, -1])


def _unbalanced_triangles(n: int, i: np.ndarray, j: np.ndarray, sgn: np.ndarray, limit: int) -> np.ndarray:
    """Edge-index triples of unbalanced triangles (product of signs negative), at most ``limit``."""
    eid: dict[tuple[int, int], int] = {}
    nbrs: list[set[int]] = [set() for _ in range(n)]
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        eid[(a, b) if a < b else (b, a)] = k
        nbrs[a].add(b)
        nbrs[b].add(a)
    out: list[tuple[int, int, int]] = []
    for (a, b), e_ab in eid.items():
        for c in nbrs[a] & nbrs[b]:
            if c <= b:
                continue
            e_ac = eid[(a, c)]
            e_bc = eid[(b, c)]
            if sgn[e_ab] * sgn[e_ac] * sgn[e_bc] < 0:
                out.append((e_ab, e_ac, e_bc))
                if len(out) >= limit:
                    return np.array(out, dtype=np.int64)
    return np.array(out, dtype=np.int64).reshape(-1, 3)


def _triangle_bound(tris: np.ndarray, w: np.ndarray, m: int) -> float:
    """Lower bound from a greedy packing of unbalanced triangles, fractional in weights.

    Each unbalanced triangle needs at least one frustrated edge.  Greedily, each triangle
    (those on rarely shared edges first) takes the smallest residual weight ``r`` of its
    edges and charges ``r`` to all three; the charges sum to a valid lower bound (a feasible
    solution of the LP dual of the triangle covering problem).
    """
    if tris.size == 0:
        return 0.0
    load = np.bincount(tris.ravel(), minlength=m)
    order = np.argsort(load[tris].sum(axis=1), kind="stable")
    resid = w.astype(float).copy()
    bound = 0.0
    for t in order:
        a, b, c = tris[t]
        r = min(resid[a], resid[b], resid[c])
        if r > _TOL:
            bound += r
            resid[a] -= r
            resid[b] -= r
            resid[c] -= r
    return bound


def _mip(
    n: int, i: np.ndarray, j: np.ndarray, sgn: np.ndarray, w: np.ndarray, tris: np.ndarray, time_limit: float
) -> tuple[float, float, np.ndarray]:
    """Solve the binary linear model with HiGHS; returns (objective, dual bound, labels)."""
    m = i.size
    e = np.arange(m)
    pos = sgn > 0
    rows, cols, vals, lo = [], [], [], []
    # two rows per edge: r0 = 2e, r1 = 2e + 1
    r0, r1 = 2 * e, 2 * e + 1
    # f_e coefficient +1 in both rows
    rows += [r0, r1]
    cols += [n + e, n + e]
    vals += [np.ones(m), np.ones(m)]
    # x_i, x_j coefficients
    xi0 = np.where(pos, -1.0, -1.0)
    xj0 = np.where(pos, 1.0, -1.0)
    xi1 = np.where(pos, 1.0, 1.0)
    xj1 = np.where(pos, -1.0, 1.0)
    rows += [r0, r0, r1, r1]
    cols += [i, j, i, j]
    vals += [xi0, xj0, xi1, xj1]
    lo.append(np.where(pos, 0.0, -1.0))
    lo.append(np.where(pos, 0.0, 1.0))
    lower = np.empty(2 * m)
    lower[0::2] = lo[0]
    lower[1::2] = lo[1]
    nrows = 2 * m
    if tris.size:
        t = tris.shape[0]
        tr = nrows + np.repeat(np.arange(t), 3)
        rows.append(tr)
        cols.append(n + tris.ravel())
        vals.append(np.ones(3 * t))
        lower = np.concatenate([lower, np.ones(t)])
        nrows += t
    A = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(nrows, n + m)
    )
    c = np.concatenate([np.zeros(n), w])
    lb = np.zeros(n + m)
    ub = np.ones(n + m)
    degree = np.bincount(np.concatenate([i, j]), minlength=n)
    ub[int(np.argmax(degree))] = 0.0  # switching symmetry: fix one node's camp
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    res = milp(
        c,
        constraints=LinearConstraint(A, lower, np.inf),
        integrality=integrality,
        bounds=Bounds(lb, ub),
        options={"time_limit": float(time_limit), "mip_rel_gap": 0.0, "presolve": True},
    )
    if res.x is None:  # pragma: no cover - the model is always feasible
        raise InfeasibleOptionError(f"HiGHS returned no solution ({res.message}); raise time_limit")
    x = np.round(res.x[:n]).astype(np.int64)
    dual = float(getattr(res, "mip_dual_bound", res.fun) or 0.0)
    return _cost(i, j, sgn, w, x), dual, x


# --------------------------------------------------------------------------- driver


def _solve_block(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    sgn: np.ndarray,
    w: np.ndarray,
    *,
    method: str,
    integral: bool,
    rng: np.random.Generator,
    time_limit: float,
) -> tuple[float, float, np.ndarray, str]:
    """Frustration (upper), lower bound, labels and how, for one biconnected block."""
    x = _two_colour(n, i, j, sgn)
    if x is not None:
        return 0.0, 0.0, x, "balanced"
    if method == "enumerate":
        if n > ENUM_LIMIT:
            raise InfeasibleOptionError(
                f"method='enumerate' cannot handle a block of {n} nodes (limit {ENUM_LIMIT}); use method='exact'"
            )
        cost, x = _enumerate(n, i, j, sgn, w)
        return cost, cost, x, "enumerate"
    if method == "exact" and n <= ENUM_MAX:
        cost, x = _enumerate(n, i, j, sgn, w)
        return cost, cost, x, "enumerate"
    tris = _unbalanced_triangles(n, i, j, sgn, limit=max(20000, 4 * i.size))
    ub, x = _local_search(n, i, j, sgn, w, rng, starts=10 if method == "heuristic" else 20)
    lb = _triangle_bound(tris, w, i.size)
    if integral:
        lb = float(np.ceil(lb - 1e-6))
    if method == "heuristic":
        return ub, min(lb, ub), x, "heuristic"
    if method == "exact" and ub - lb <= _TOL * max(1.0, ub):
        return ub, lb, x, "bound"
    cost, dual, xm = _mip(n, i, j, sgn, w, tris, time_limit)
    if integral:
        dual = float(np.ceil(dual - 1e-6))
    if cost < ub - _TOL:
        ub, x = cost, xm
    return ub, max(lb, min(dual, ub)), x, "mip"


def _solve(
    g: SignedArrays, *, weighted: bool, method: str, time_limit: float, seed: int | np.random.Generator | None
) -> tuple[float, float, np.ndarray, np.ndarray, pd.DataFrame]:
    rng = check_random_state(seed)
    n = g.n
    w = g.weight if weighted else np.ones(g.m)
    integral = bool(np.all(np.abs(w - np.round(w)) < 1e-12))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for k, (a, b) in enumerate(zip(g.i.tolist(), g.j.tolist(), strict=True)):
        graph.add_edge(a, b, k=k)
    labels = np.full(n, -1, dtype=np.int64)
    comp = np.full(n, -1, dtype=np.int64)
    ub_total = 0.0
    lb_total = 0.0
    rows = []
    for c_id, cnodes in enumerate(sorted(nx.connected_components(graph), key=min)):
        cnodes_sorted = sorted(cnodes)
        comp[cnodes_sorted] = c_id
        sub = graph.subgraph(cnodes)
        blocks = [sorted(b) for b in nx.biconnected_components(sub)] if len(cnodes) > 1 else [cnodes_sorted]
        blocks.sort(key=min)
        block_labels: list[np.ndarray] = []
        for bnodes in blocks:
            if len(bnodes) <= 2:
                block_labels.append(_bridge_labels(bnodes, sub, g.sign))
                continue
            loc = {v: k for k, v in enumerate(bnodes)}
            eids = np.array([d["k"] for _, _, d in sub.subgraph(bnodes).edges(data=True)], dtype=np.int64)
            bi = np.array([loc[v] for v in g.i[eids].tolist()], dtype=np.int64)
            bj = np.array([loc[v] for v in g.j[eids].tolist()], dtype=np.int64)
            ub, lb, x, how = _solve_block(
                len(bnodes), bi, bj, g.sign[eids], w[eids],
                method=method, integral=integral, rng=rng, time_limit=time_limit,
            )
            ub_total += ub
            lb_total += lb
            block_labels.append(x)
            rows.append(
                {"nodes": len(bnodes), "edges": int(eids.size), "frustration": ub, "lower_bound": lb, "how": how}
            )
        _merge_blocks(blocks, block_labels, labels)
        root = cnodes_sorted[0]
        if labels[root] == 1:
            labels[cnodes_sorted] = 1 - labels[cnodes_sorted]
    labels[labels < 0] = 0
    info = pd.DataFrame(rows, columns=["nodes", "edges", "frustration", "lower_bound", "how"])
    return ub_total, lb_total, labels, comp, info


def _bridge_labels(bnodes: list[int], sub: nx.Graph, sign: np.ndarray) -> np.ndarray:
    if len(bnodes) < 2:
        return np.zeros(len(bnodes), dtype=np.int64)
    k = sub.edges[bnodes[0], bnodes[1]]["k"]
    return np.array([0, 0 if sign[k] > 0 else 1], dtype=np.int64)


def _merge_blocks(blocks: list[list[int]], block_labels: list[np.ndarray], labels: np.ndarray) -> None:
    """Switch whole blocks so that their camps agree at shared cut vertices (block-cut tree BFS)."""
    node_blocks: dict[int, list[int]] = {}
    for b, bnodes in enumerate(blocks):
        for v in bnodes:
            node_blocks.setdefault(v, []).append(b)
    done = [False] * len(blocks)
    for start in range(len(blocks)):
        if done[start]:
            continue
        queue = [start]
        done[start] = True
        while queue:
            b = queue.pop()
            bnodes = blocks[b]
            x = block_labels[b]
            anchor = next((k for k, v in enumerate(bnodes) if labels[v] >= 0), None)
            if anchor is not None and labels[bnodes[anchor]] != x[anchor]:
                x = 1 - x
            labels[bnodes] = x
            for v in bnodes:
                for nb in node_blocks[v]:
                    if not done[nb]:
                        done[nb] = True
                        queue.append(nb)


@cites("Heider1946", "Cartwright1956", "Aref2018", "Aref2020")
def structural_balance(
    network: SignedGraphLike,
    *,
    weighted: bool = False,
    method: Method = "exact",
    time_limit: float = 60.0,
    seed: int | np.random.Generator | None = 0,
    year: int | None = None,
) -> BalanceResult:
    """Frustration index and an optimal two-camp partition of a signed network, with a certificate.

    The frustration index :math:`L(G)` is the least number (``weighted=False``) or total
    weight (``weighted=True``) of edges whose sign must change so that the nodes split into
    two camps, positive edges inside and negative edges between (see the module docstring
    for the binary linear model of Aref, Mason & Wilson).

    Parameters
    ----------
    network : networkx.Graph, DataFrame or path
        Signed network: a graph with edge attribute ``sign`` (+1/-1, optional ``weight``),
        an edge table ``source, target, sign[, weight]`` (e.g. :func:`create_signed_network`),
        or a CSV/Parquet file with those columns.
    weighted : bool, default False
        Minimise total weight instead of the number of frustrated edges.
    method : {"exact", "mip", "enumerate", "heuristic"}, default "exact"
        ``exact``: per biconnected block, 2-colouring, enumeration (<= 16 nodes), local search
        certified by a triangle-packing bound, else HiGHS.  ``mip``: the integer program on
        every unbalanced block.  ``enumerate``: brute force (blocks <= 22 nodes).
        ``heuristic``: local search with the triangle-packing lower bound, no integer program.
    time_limit : float, default 60
        Seconds HiGHS may spend on one block; if it stops early the gap is positive.
    seed : int, Generator or None, default 0
        Random starts of the local search.
    year : int, optional
        The year to use when ``network`` holds several.

    Returns
    -------
    BalanceResult
        ``frustration``, ``lower_bound``, ``gap`` (0 = proven optimum), ``partition``,
        ``frustrated`` edges, per-block details.

    Raises
    ------
    MalformedFileError, DuplicateKeysError
        Invalid signed network (see :func:`read_signed_network`).
    InvalidParameterError
        Unknown ``method`` or a non-positive ``time_limit``.

    Notes
    -----
    The optimal partition is not unique in general; the one returned is deterministic for
    a given ``seed``.  Switching (flipping every tie of a node set) leaves the frustration
    index unchanged and only relabels camps.

    References
    ----------
    Heider, F. (1946). Attitudes and cognitive organization. *J. Psychology* 21: 107–112.
    Cartwright, D., & Harary, F. (1956). Structural balance. *Psychological Review* 63: 277–293.
    Aref, S., Mason, A. J., & Wilson, M. C. (2018). Computing the line index of balance using
    integer programming optimisation. In *Optimization Problems in Graph Theory*, Springer.
    Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
    frustration index in signed networks. *Networks* 75(1): 95–110.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", sign=1); g.add_edge("b", "c", sign=1); g.add_edge("a", "c", sign=-1)
    >>> r = structural_balance(g)
    >>> r.frustration, r.gap
    (1.0, 0.0)
    """
    check_choice(method, _METHODS, param="method")
    if not (isinstance(time_limit, (int, float)) and time_limit > 0):
        raise InvalidParameterError(f"time_limit must be a positive number of seconds; got {time_limit!r}")
    t0 = time.perf_counter()
    g = as_arrays(network, year=year)
    ub, lb, labels, comp, info = _solve(g, weighted=weighted, method=method, time_limit=time_limit, seed=seed)
    w = g.weight if weighted else np.ones(g.m)
    check = _cost(g.i, g.j, g.sign, w, labels)
    if abs(check - ub) > 1e-6 * max(1.0, ub):  # pragma: no cover - internal consistency
        raise RuntimeError(f"internal error: merged partition costs {check}, blocks sum to {ub}")
    gap = 0.0 if ub <= _TOL else max(0.0, (ub - lb) / ub)
    same = labels[g.i] == labels[g.j]
    fr = np.where(g.sign > 0, ~same, same)
    frustrated = pd.DataFrame(
        {
            "source": [g.nodes[k] for k in g.i[fr]],
            "target": [g.nodes[k] for k in g.j[fr]],
            "sign": g.sign[fr],
            "weight": g.weight[fr],
        }
    )
    frustrated.attrs["total_weight"] = float(w.sum())
    return BalanceResult(
        frustration=float(ub),
        lower_bound=float(lb),
        gap=float(gap),
        partition={v: int(labels[k]) for k, v in enumerate(g.nodes)},
        frustrated=frustrated,
        blocks=info,
        weighted=weighted,
        method=method,
        n_nodes=g.n,
        n_edges=g.m,
        n_negative=int((g.sign < 0).sum()),
        seconds=time.perf_counter() - t0,
        components={v: int(comp[k]) for k, v in enumerate(g.nodes)},
    )


def frustration_index(
    network: SignedGraphLike,
    *,
    weighted: bool = False,
    method: Method = "exact",
    time_limit: float = 60.0,
    year: int | None = None,
) -> float:
    """The frustration index alone (see :func:`structural_balance`).

    Parameters
    ----------
    network, weighted, method, time_limit, year
        As for :func:`structural_balance`.

    Returns
    -------
    float
        The frustration index: the least number (or, with ``weighted=True``, total weight) of
        edges whose removal makes the network balanced.

    References
    ----------
    Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
    frustration index in signed networks. *Networks* 75(1): 95–110.

    Examples
    --------
    >>> import pandas as pd
    >>> frustration_index(pd.DataFrame({"source": [1, 2, 1], "target": [2, 3, 3], "sign": [-1, -1, -1]}))
    1.0
    """
    return structural_balance(network, weighted=weighted, method=method, time_limit=time_limit, year=year).frustration


# --------------------------------------------------------------------------- k camps


@dataclass
class KCampsResult:
    """Outcome of :func:`k_camps`: the partition, its criterion value and its two parts."""

    partition: dict[Hashable, int]
    criterion: float
    negative_within: float
    positive_between: float
    k: int
    alpha: float


def _k_criterion(
    i: np.ndarray, j: np.ndarray, sgn: np.ndarray, w: np.ndarray, x: np.ndarray, alpha: float
) -> tuple[float, float, float]:
    same = x[i] == x[j]
    nw = float(w[(sgn < 0) & same].sum())
    pb = float(w[(sgn > 0) & ~same].sum())
    return alpha * nw + (1 - alpha) * pb, nw, pb


@cites("Doreian1996")
def k_camps(
    network: SignedGraphLike,
    *,
    k: int = 2,
    alpha: float = 0.5,
    weighted: bool = False,
    n_starts: int = 50,
    seed: int | np.random.Generator | None = 0,
    year: int | None = None,
) -> KCampsResult:
    """Partition a signed network into ``k`` camps by Doreian & Mrvar's relocation algorithm.

    Minimises the criterion

    .. math:: P(C) = \\alpha N^{-}_{\\text{within}} + (1 - \\alpha) N^{+}_{\\text{between}}

    (counts, or weights when ``weighted=True``) by moving single nodes to another camp and
    swapping pairs of nodes across camps while ``P`` falls, from ``n_starts`` random
    partitions; the best local optimum is returned.  ``alpha = 0.5`` (the default, as in
    Doreian & Mrvar 1996) weighs both kinds of inconsistency equally; with ``k = 2`` and
    ``alpha = 0.5``, ``P`` is half the frustration of the partition.  The result is a
    heuristic optimum (no certificate); camps may be empty.

    Parameters
    ----------
    network : networkx.Graph, DataFrame or path
        Signed network (see :func:`structural_balance`).
    k : int, default 2
        Number of camps, 1 <= k <= number of nodes.
    alpha : float, default 0.5
        Weight of negative ties within camps, in [0, 1].
    weighted : bool, default False
        Count edge weights instead of edges.
    n_starts : int, default 50
        Random starting partitions.
    seed : int, Generator or None, default 0
        Randomness of the starts.
    year : int, optional
        The year when ``network`` holds several.

    Returns
    -------
    KCampsResult
        ``partition`` (node -> camp 0..k-1, relabelled in order of first appearance in the
        sorted nodes), ``criterion``, ``negative_within``, ``positive_between``.

    Raises
    ------
    InvalidParameterError
        ``alpha`` outside [0, 1], ``k`` or ``n_starts`` not positive integers.
    InfeasibleOptionError
        ``k`` larger than the number of nodes.

    References
    ----------
    Doreian, P., & Mrvar, A. (1996). A partitioning approach to structural balance.
    *Social Networks* 18(2): 149–168.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"source": [1, 2, 1], "target": [2, 3, 3], "sign": [-1, -1, -1]})
    >>> k_camps(e, k=3).criterion
    0.0
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidParameterError(f"k must be a positive integer number of camps; got {k!r}")
    if not (isinstance(alpha, (int, float)) and 0.0 <= alpha <= 1.0):
        raise InvalidParameterError(f"alpha must lie in [0, 1]; got {alpha!r}")
    if isinstance(n_starts, bool) or not isinstance(n_starts, (int, np.integer)) or n_starts < 1:
        raise InvalidParameterError(f"n_starts must be a positive integer; got {n_starts!r}")
    g = as_arrays(network, year=year)
    if k > g.n:
        raise InfeasibleOptionError(f"k={k} camps is more than the network's {g.n} nodes; choose k <= {g.n}")
    rng = check_random_state(seed)
    w = g.weight if weighted else np.ones(g.m)
    n = g.n
    Pm = np.zeros((n, n))
    Nm = np.zeros((n, n))
    pos = g.sign > 0
    Pm[g.i[pos], g.j[pos]] = w[pos]
    Pm[g.j[pos], g.i[pos]] = w[pos]
    Nm[g.i[~pos], g.j[~pos]] = w[~pos]
    Nm[g.j[~pos], g.i[~pos]] = w[~pos]
    best: tuple[float, np.ndarray] | None = None
    for _ in range(int(n_starts)):
        x = rng.integers(0, k, size=n)
        x = _relocate(x, Pm, Nm, k, alpha)
        crit = _k_criterion(g.i, g.j, g.sign, w, x, alpha)[0]
        if best is None or crit < best[0] - _TOL:
            best = (crit, x)
    assert best is not None
    x = best[1]
    relabel: dict[int, int] = {}
    for c in x.tolist():
        relabel.setdefault(c, len(relabel))
    x = np.array([relabel[c] for c in x.tolist()], dtype=np.int64)
    crit, nw, pb = _k_criterion(g.i, g.j, g.sign, w, x, alpha)
    return KCampsResult(
        partition={v: int(x[q]) for q, v in enumerate(g.nodes)},
        criterion=crit,
        negative_within=nw,
        positive_between=pb,
        k=int(k),
        alpha=float(alpha),
    )


def _relocate(x: np.ndarray, Pm: np.ndarray, Nm: np.ndarray, k: int, alpha: float) -> np.ndarray:
    """Moves and swaps that lower P, best first, until none does."""
    n = x.size
    x = x.copy()
    for _ in range(50 * n + 100):
        M = np.zeros((n, k))
        M[np.arange(n), x] = 1.0
        Pc = Pm @ M  # positive weight from node v to each camp
        Nc = Nm @ M
        own = np.arange(n)
        # cost of v sitting in camp c: alpha * Nc[v,c] + (1-alpha) * (Ptot[v] - Pc[v,c]); doubled contributions
        cost = alpha * Nc - (1 - alpha) * Pc
        delta_move = cost - cost[own, x][:, None]
        delta_move[own, x] = np.inf
        v, c = np.unravel_index(int(np.argmin(delta_move)), delta_move.shape)
        if delta_move[v, c] < -_TOL:
            x[v] = c
            continue
        # swaps u <-> v in different camps
        if k < 2:
            break
        dm = delta_move.copy()
        dm[own, x] = 0.0
        D = dm[:, x]  # D[u, v] = delta of moving u into v's camp
        pair = alpha * Nm - (1 - alpha) * Pm  # what each single move wrongly charges the u-v edge
        swap = D + D.T - 2.0 * pair  # the u-v edge stays between camps
        swap[x[:, None] == x[None, :]] = np.inf
        u, v = np.unravel_index(int(np.argmin(swap)), swap.shape)
        if swap[u, v] < -_TOL:
            x[u], x[v] = x[v], x[u]
            continue
        break
    return x


# --------------------------------------------------------------------------- triangles


@cites("Cartwright1956")
def triangle_counts(network: SignedGraphLike, *, year: int | None = None) -> dict[str, int]:
    """Count the signed triangles of a network: balanced (+++, +--) and unbalanced (++-, ---).

    With :math:`A^+` and :math:`A^-` the adjacency matrices of positive and negative edges,
    :math:`T_{+++} = \\operatorname{tr}(A^{+3})/6`, :math:`T_{++-} = \\operatorname{tr}(A^+A^+A^-)/2`,
    :math:`T_{+--} = \\operatorname{tr}(A^+A^-A^-)/2`, :math:`T_{---} = \\operatorname{tr}(A^{-3})/6`.

    Parameters
    ----------
    network : path, DataFrame or networkx.Graph
        A signed network, as for :func:`structural_balance`.
    year : int, optional
        The year to take when the table holds several.

    Returns
    -------
    dict
        ``"+++", "++-", "+--", "---", "balanced", "unbalanced", "total"``.

    References
    ----------
    Cartwright, D., & Harary, F. (1956). Structural balance. *Psychological Review* 63: 277–293.

    Examples
    --------
    >>> import pandas as pd
    >>> triangle_counts(pd.DataFrame({"source": [1, 2, 1], "target": [2, 3, 3], "sign": [1, 1, -1]}))["++-"]
    1
    """
    g = as_arrays(network, year=year)
    n = g.n
    pos = g.sign > 0

    def _adj(mask: np.ndarray) -> sp.csr_matrix:
        a = sp.coo_matrix((np.ones(int(mask.sum())), (g.i[mask], g.j[mask])), shape=(n, n))
        return (a + a.T).tocsr()

    P, N = _adj(pos), _adj(~pos)

    def _tr(a: sp.csr_matrix, b: sp.csr_matrix, c: sp.csr_matrix) -> int:
        return int(round((a @ b).multiply(c.T).sum()))

    ppp = _tr(P, P, P) // 6
    ppn = _tr(P, P, N) // 2
    pnn = _tr(P, N, N) // 2
    nnn = _tr(N, N, N) // 6
    return {
        "+++": ppp,
        "++-": ppn,
        "+--": pnn,
        "---": nnn,
        "balanced": ppp + pnn,
        "unbalanced": ppn + nnn,
        "total": ppp + ppn + pnn + nnn,
    }
