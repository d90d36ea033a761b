"""Landscape theory of aggregation (Axelrod & Bennett 1993): model, counterfactuals, robustness.

Actors ``i`` with sizes ``s_i > 0`` and pairwise propensities ``p_ij`` (positive = affinity,
negative = antagonism) settle into a configuration ``X`` (a partition into at most ``k``
coalitions) of low energy

    E(X) = sum_{i<j} s_i s_j p_ij d_ij(X),   d_ij(X) = 1 if i, j are in different coalitions, else 0.

Sign convention (Axelrod & Bennett 1993): a friendly pair (``p_ij > 0``) kept apart raises
the energy; an antagonistic pair (``p_ij < 0``) kept apart lowers it.  The frustration of
actor ``i`` is ``F_i(X) = sum_{j != i} s_j p_ij d_ij(X)`` and ``E = 1/2 sum_i s_i F_i``.
Equivalently, up to the constant ``C = sum_{i<j, p_ij<0} s_i s_j |p_ij|``, the energy counts
friendly pairs apart plus antagonistic pairs together:

    frustration(X) = E(X) + C = sum_{apart, p>0} s_i s_j p_ij + sum_{together, p<0} s_i s_j |p_ij| >= 0,

which is zero exactly when every pair is satisfied.  Summing over ordered pairs ``i != j``
instead (``sum_i s_i F_i``) doubles every energy and changes no minimum, basin or ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import (
    DuplicateKeysError,
    InfeasibleOptionError,
    InvalidParameterError,
    MalformedFileError,
)
from blocs._estimator import Estimator
from blocs._meta import Source, TableMeta, add_sources, meta_of, with_meta
from blocs._progress import step as progress_step
from blocs._validation import ABSURD, RANDOM_STATE, InstanceOf, Interval, Options, check_random_state
from blocs.data import cites
from blocs.models import _landscape_solvers as solvers

__all__ = [
    "Counterfactual",
    "Landscape",
    "Robustness",
    "counterfactual",
    "read_landscape_inputs",
    "set_propensities",
    "set_sizes",
    "weight_robustness",
]

Method = Literal["auto", "enumerate", "ip", "heuristic"]
_METHOD_SOURCE = Source("landscape (Axelrod & Bennett 1993)", "")


# ----------------------------------------------------------------------------- validation


def _check_inputs(actors: pd.DataFrame, propensities: pd.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Validate the two tables; return actor names, sizes and the symmetric propensity matrix."""
    for name, table, cols in (
        ("actors", actors, ("actor", "size")),
        ("propensities", propensities, ("actor1", "actor2", "propensity")),
    ):
        if not isinstance(table, pd.DataFrame):
            raise InvalidParameterError(f"{name} must be a pandas DataFrame; got {type(table).__name__}")
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise InvalidParameterError(
                f"{name} table lacks column(s) {', '.join(missing)}; it needs {', '.join(cols)} "
                f"(has {', '.join(map(str, table.columns))})"
            )
    names = [str(a) for a in actors["actor"].tolist()]
    if len(names) < 2:
        raise InvalidParameterError(f"actors has {len(names)} actor(s); a landscape needs at least 2")
    dup = sorted({a for a in names if names.count(a) > 1})
    if dup:
        raise DuplicateKeysError(f"actors lists actor(s) more than once: {', '.join(dup)}; give each actor one row")
    sizes = pd.to_numeric(actors["size"], errors="coerce").to_numpy(dtype=np.float64)
    bad = [f"{a}={s}" for a, s in zip(names, sizes, strict=True) if not 0 < s <= ABSURD]
    if bad:
        raise InvalidParameterError(
            f"The 'size' column of actors must hold finite numbers in (0, {ABSURD:g}]; got {', '.join(bad[:5])} "
            "instead. Drop those actors or fix them (only ratios of sizes matter: rescale huge ones)"
        )
    index = {a: i for i, a in enumerate(names)}
    a1 = [str(a) for a in propensities["actor1"].tolist()]
    a2 = [str(a) for a in propensities["actor2"].tolist()]
    unknown = sorted({a for a in a1 + a2 if a not in index})
    if unknown:
        raise InvalidParameterError(
            f"propensities name actor(s) not in the actors table: {', '.join(unknown[:10])}; "
            "add them to actors or drop those pairs"
        )
    selfpairs = sorted({a for a, b in zip(a1, a2, strict=True) if a == b})
    if selfpairs:
        raise InvalidParameterError(
            f"propensities pair actor(s) with themselves: {', '.join(selfpairs)}; drop those rows"
        )
    keys = [tuple(sorted((a, b))) for a, b in zip(a1, a2, strict=True)]
    seen: set[tuple[str, ...]] = set()
    dups = sorted({k for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
    if dups:
        shown = ", ".join(f"{a}-{b}" for a, b in dups[:10])
        raise DuplicateKeysError(
            f"propensities give pair(s) more than once (in either order): {shown}; keep one row per pair"
        )
    p = pd.to_numeric(propensities["propensity"], errors="coerce").to_numpy(dtype=np.float64)
    if np.any(np.abs(p) > ABSURD):
        huge = [f"{a}-{b}={v:g}" for a, b, v in zip(a1, a2, p, strict=True) if abs(v) > ABSURD]
        raise InvalidParameterError(
            f"The 'propensity' column must hold finite numbers in [-{ABSURD:g}, {ABSURD:g}]; got {', '.join(huge[:5])} "
            "instead. Rescale the propensities (only their ratios matter)"
        )
    if not np.all(np.isfinite(p)):
        bad_rows = [f"{a}-{b}" for a, b, v in zip(a1, a2, p, strict=True) if not np.isfinite(v)]
        raise InvalidParameterError(
            f"propensity must be a finite number; missing or invalid for {', '.join(bad_rows[:10])}"
        )
    n = len(names)
    P = np.zeros((n, n))
    ii = np.array([index[a] for a in a1], dtype=np.int64)
    jj = np.array([index[b] for b in a2], dtype=np.int64)
    P[ii, jj] = p
    P[jj, ii] = p
    return names, sizes, P


def _check_k(k: int, n: int) -> None:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 2:
        raise InvalidParameterError(f"k (number of coalitions) must be an integer >= 2; got {k!r}")
    if k > n:
        raise InfeasibleOptionError(f"k={k} coalitions cannot be formed by {n} actors; choose k <= {n}")


def read_landscape_inputs(actors: str | Path, propensities: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a user model from CSV or Parquet files.

    Parameters
    ----------
    actors : path
        Table with columns ``actor`` (any label) and ``size`` (> 0).
    propensities : path
        Table with columns ``actor1``, ``actor2`` and ``propensity``; pairs not listed have
        propensity 0; each unordered pair at most once.

    Returns
    -------
    (actors, propensities) : tuple of DataFrame

    Raises
    ------
    DataNotFoundError
        A file does not exist.
    MalformedFileError
        A file is not CSV/Parquet or cannot be parsed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text("actor,size\\nA,1\\nB,2\\n")
    >>> _ = (d / "p.csv").write_text("actor1,actor2,propensity\\nA,B,-1\\n")
    >>> a, p = read_landscape_inputs(d / "a.csv", d / "p.csv")
    >>> list(a.actor), float(p.propensity[0])
    (['A', 'B'], -1.0)
    """
    from blocs._errors import DataNotFoundError

    out = []
    for label, path in (("actors", Path(actors)), ("propensities", Path(propensities))):
        if not path.exists():
            raise DataNotFoundError(f"--{label} file {str(path)!r} does not exist")
        suffix = path.suffix.lower()
        try:
            if suffix == ".csv":
                df = pd.read_csv(path, dtype={"actor": str, "actor1": str, "actor2": str})
            elif suffix in (".parquet", ".pq"):
                df = pd.read_parquet(path)
            else:
                raise MalformedFileError(f"--{label} file {str(path)!r} must be .csv or .parquet; got {suffix!r}")
        except MalformedFileError:
            raise
        except Exception as exc:  # parser errors of pandas/pyarrow
            raise MalformedFileError(f"--{label} file {str(path)!r} could not be read: {exc}") from None
        if df.empty and label == "propensities":  # (an empty actors file fails fit's "at least 2 actors")
            raise MalformedFileError(
                f"--{label} file {str(path)!r} has 0 rows (only a header or nothing); add one row per pair of actors"
            )
        out.append(df)
    return out[0], out[1]


# ----------------------------------------------------------------------------- the estimator


def _describe(names: Sequence[str], labels: Sequence[int]) -> str:
    groups: dict[int, list[str]] = {}
    for a, c in zip(names, labels, strict=True):
        groups.setdefault(int(c), []).append(a)
    return " | ".join(", ".join(groups[c]) for c in sorted(groups))


@cites("Axelrod1993landscape", "Axelrod1995standards")
class Landscape(Estimator):
    """Landscape theory of aggregation: optimum, local minima, basins and per-actor costs.

    Minimises ``E(X) = sum_{i<j} s_i s_j p_ij d_ij(X)`` over partitions ``X`` of the actors
    into at most ``k`` coalitions (``d_ij = 1`` when ``i`` and ``j`` are apart).  Positive
    propensity is affinity; see the module notes for the sign convention and ``frustration``.

    Parameters
    ----------
    k : int, default 2
        Maximum number of coalitions (empty coalitions allowed, so an actor may always move to
        a coalition of its own when ``k`` exceeds the coalitions in use).  Two is the paper's case.
    method : {"auto", "enumerate", "ip", "heuristic"}, default "auto"
        ``enumerate``: exhaustive Gray-code enumeration of all ``k**(n-1)`` configurations,
        exact optimum and *all* local minima with basins (``k**(n-1) <= max_configurations``).
        ``ip``: exact optimum by mixed-integer programming (HiGHS), gap reported; local minima
        are not enumerated.  ``heuristic``: multi-start steepest descent with a lower bound.
        ``auto`` picks enumeration when it fits, else the integer program up to
        ``ip_max_actors`` actors, else the heuristic.
    max_configurations : int, default 2**25
        Largest enumeration allowed (memory: 8 bytes per configuration).
    ip_max_actors : int, default 60
        Largest ``n`` that ``auto`` sends to the integer program.
    time_limit : float, default 60
        Seconds allowed to each integer program.
    n_starts : int, default 1000
        Random starts of the heuristic.
    costs : bool, default True
        Compute ``forced_cost`` per actor (``k = 2``): one extra enumeration pass, or one
        integer program per actor.
    seed : int, Generator or None
        Randomness of the heuristic.

    Attributes
    ----------
    actors_ : list of str
    sizes_ : ndarray of shape (n,)
    propensity_ : ndarray of shape (n, n)
        Symmetric propensities (0 for unlisted pairs).
    weights_ : ndarray of shape (n, n)
        ``s_i s_j p_ij``.
    energy_ : float
        Energy of the best configuration found.
    frustration_ : float
        ``energy_ + sum_{p_ij<0} s_i s_j |p_ij|`` (non-negative).
    bound_ : float
        Lower bound on the minimum energy (equals ``energy_`` when solved exactly).
    gap_ : float
        ``|energy_ - bound_| / |energy_|`` (0 when exact).
    exact_ : bool
        Whether ``energy_`` is proven optimal.
    method_ : str
        Solver used.
    global_minimum_ : DataFrame
        One row per actor: ``actor``, ``size``, ``coalition`` (0 = coalition of the first
        actor, then in order of first appearance), ``frustration`` (``F_i``).
    local_minima_ : DataFrame
        One row per local minimum under single-actor moves: ``minimum`` (0 = lowest),
        ``energy``, ``frustration``, ``basin_size``, ``basin_share``, ``is_global``,
        ``coalitions`` (members listed per coalition) and ``labels`` (tuple aligned with
        ``actors_``).  Exact for ``enumerate``; for ``heuristic`` the minima reached by the
        random starts, with ``basin_size`` = starts that reached them; for ``ip`` only the optimum.
    actor_costs_ : DataFrame
        ``actor``, ``coalition``, ``size``, ``frustration``, ``defection_cost`` (energy rise
        when the actor alone moves to its best other coalition, everyone else fixed) and
        ``forced_cost`` (``k = 2``: energy of the best configuration in which the actor is on
        the other side, minus the optimum; "how over-determined was its choice").  Sides are
        matched to the optimum by size-weighted majority of the *other* actors, so relabelling
        the two coalitions does not count as a change.  Exact for enumeration and IP; an upper
        bound (local descent) for the heuristic.

    Raises
    ------
    InvalidParameterError, DuplicateKeysError, InfeasibleOptionError
        Bad tables (missing columns, unknown or duplicated actors, non-positive sizes,
        duplicated pairs) or options (``k > n``, enumeration too large).

    Notes
    -----
    Descent rule for basins: from each configuration, repeatedly apply the single-actor move
    with the largest energy decrease (ties: lowest actor index, then lowest coalition) until
    no move lowers the energy.  Configurations ``X`` and ``X`` with coalitions renamed are the
    same configuration (for ``k = 2``: ``X`` and its complement), so actor 0 is fixed in
    coalition 0 and the basins of all local minima sum to the number of distinct
    configurations, ``2**(n-1)`` for ``k = 2``.

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal
    of Political Science* 23(2): 211-233.
    Axelrod, R., Mitchell, W., Thomas, R. E., Bennett, D. S. and Bruderer, E. (1995). Coalition
    formation in standard-setting alliances. *Management Science* 41(9): 1493-1508.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 2.0]})
    >>> props = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -1.0]})
    >>> m = Landscape().fit(actors, props)
    >>> m.global_minimum_.coalition.tolist(), m.energy_
    ([0, 0, 1], -4.0)
    """

    _parameter_constraints = {
        "k": Interval(int, 2, None),
        "method": Options.from_literal(Method),
        "max_configurations": Interval(int, 1, 2**40),
        "ip_max_actors": Interval(int, 2, None),
        "time_limit": Interval(float, 0, None, closed="neither"),
        "n_starts": Interval(int, 1, 10**7),
        "costs": InstanceOf((bool,), "True or False"),
        "seed": RANDOM_STATE,
    }

    def __init__(
        self,
        *,
        k: int = 2,
        method: Method = "auto",
        max_configurations: int = 2**25,
        ip_max_actors: int = 60,
        time_limit: float = 60.0,
        n_starts: int = 1000,
        costs: bool = True,
        seed: int | np.random.Generator | None = None,
    ) -> None:
        self.k = k
        self.method = method
        self.max_configurations = max_configurations
        self.ip_max_actors = ip_max_actors
        self.time_limit = time_limit
        self.n_starts = n_starts
        self.costs = costs
        self.seed = seed

    # -- helpers
    def _choose(self, n: int) -> str:
        size = solvers.n_configurations(n, self.k)
        if self.method == "enumerate":
            if size > self.max_configurations:
                raise InfeasibleOptionError(
                    f"method='enumerate' needs {self.k}**{n - 1} = {size:,} configurations, above "
                    f"max_configurations={self.max_configurations:,}; use method='ip' or 'heuristic', "
                    "or raise max_configurations"
                )
            return "enumerate"
        if self.method != "auto":
            return str(self.method)
        if size <= self.max_configurations:
            return "enumerate"
        return "ip" if n <= self.ip_max_actors else "heuristic"

    def fit(self, actors: pd.DataFrame, propensities: pd.DataFrame) -> Landscape:
        """Find the optimum (and, by enumeration, all local minima) of the landscape.

        Parameters
        ----------
        actors : DataFrame
            Columns ``actor`` and ``size`` (> 0), one row per actor.
        propensities : DataFrame
            Columns ``actor1``, ``actor2``, ``propensity``; unlisted pairs have propensity 0.

        Returns
        -------
        self
        """
        self._validate_params()
        names, sizes, P = _check_inputs(actors, propensities)
        n = len(names)
        _check_k(self.k, n)
        for name, val in (("n_starts", self.n_starts), ("max_configurations", self.max_configurations)):
            if isinstance(val, bool) or not isinstance(val, (int, np.integer)) or val < 1:
                raise InvalidParameterError(f"{name} must be a positive integer; got {val!r}")
        if not (isinstance(self.time_limit, (int, float)) and self.time_limit > 0):
            raise InvalidParameterError(f"time_limit must be a positive number of seconds; got {self.time_limit!r}")
        rng = check_random_state(self.seed)
        method = self._choose(n)
        W = np.outer(sizes, sizes) * P
        np.fill_diagonal(W, 0.0)
        k = int(self.k)
        self.actors_, self.sizes_, self.propensity_, self.weights_ = names, sizes, P, W
        self.method_ = method
        triangles = n <= self.ip_max_actors
        if method == "enumerate":
            res = solvers.enumerate_landscape(W, k)
            best, best_e = res.best, res.best_energy
            minima, energies = res.minima, res.energies
            basins: list[float] = [float(b) for b in res.basins]
            self.bound_, self.exact_, self.n_configurations_ = best_e, True, res.n_configurations
            total = float(sum(basins))
        elif method == "ip":
            ip = solvers.solve_ip(W, k, time_limit=self.time_limit, triangles=triangles)
            best, best_e = ip.best, ip.best_energy
            minima, energies, basins = [best], [best_e], [np.nan]
            self.bound_, self.exact_ = ip.bound, ip.optimal and ip.gap <= 1e-6
            self.ip_status_ = ip.status
            total = np.nan
        else:
            minima, energies, basins_i = solvers.local_search(W, k, n_starts=int(self.n_starts), rng=rng)
            basins = [float(b) for b in basins_i]
            best, best_e = minima[0], energies[0]
            self.bound_, self.bound_kind_ = solvers.lower_bound(W, k, triangles=triangles, time_limit=self.time_limit)
            self.exact_ = abs(best_e - self.bound_) <= 1e-9 * max(1.0, abs(best_e))
            total = float(self.n_starts)
        self.energy_ = best_e
        self.gap_ = 0.0 if self.exact_ else abs(best_e - self.bound_) / max(abs(best_e), 1e-300)
        offset = float(np.triu(np.abs(np.minimum(W, 0.0)), 1).sum())
        self.frustration_ = best_e + offset
        self.labels_ = np.asarray(best, dtype=np.int64)
        meta = TableMeta(unit="other", sources=tuple(sorted(set(meta_of(actors).sources) | {_METHOD_SOURCE})))
        F = self._actor_frustration(self.labels_)
        self.global_minimum_ = with_meta(
            pd.DataFrame({"actor": names, "size": sizes, "coalition": self.labels_, "frustration": F}), meta
        )
        self.local_minima_ = with_meta(
            pd.DataFrame(
                {
                    "minimum": np.arange(len(minima)),
                    "energy": energies,
                    "frustration": [e + offset for e in energies],
                    "basin_size": basins,
                    "basin_share": [b / total for b in basins],
                    "is_global": [abs(e - best_e) <= 1e-9 * max(1.0, abs(best_e)) for e in energies],
                    "coalitions": [_describe(names, m) for m in minima],
                    "labels": [tuple(int(v) for v in m) for m in minima],
                }
            ),
            meta,
        )
        self.actor_costs_ = with_meta(self._costs(method, triangles), meta)
        return self

    def _actor_frustration(self, labels: np.ndarray) -> np.ndarray:
        apart = labels[:, None] != labels[None, :]
        return np.asarray((self.propensity_ * self.sizes_[None, :] * apart).sum(axis=1), dtype=np.float64)

    def _costs(self, method: str, triangles: bool) -> pd.DataFrame:
        W, lab, k = self.weights_, self.labels_, int(self.k)
        n = len(lab)
        # h[i, c] = sum_j W_ij [x_j = c]; moving i from a to c changes E by h[i, a] - h[i, c]
        h = np.zeros((n, k))
        for c in range(k):
            h[:, c] = W[:, lab == c].sum(axis=1)
        own = h[np.arange(n), lab]
        other = np.where(np.arange(k)[None, :] == lab[:, None], np.inf, -h)
        defection = own + other.min(axis=1)
        forced = np.full(n, np.nan)
        if self.costs and k == 2:
            best = tuple(int(v) for v in lab)
            if method == "enumerate":
                forced = solvers.forced_costs_enumeration(W, self.sizes_, best)
            elif method == "ip":
                for i in range(n):
                    r = solvers.solve_forced_ip(
                        W, self.sizes_, best, i, time_limit=self.time_limit, triangles=triangles
                    )
                    forced[i] = r.best_energy - self.energy_
            else:
                others = self.sizes_.sum() - self.sizes_
                for i in range(n):
                    start = lab.copy()
                    start[i] = 1 - start[i]
                    e = solvers.descend(W, start, 2, pinned=i)
                    agree = float(self.sizes_[start == lab].sum())
                    # feasible only if the others still match the optimum's sides by size-weighted
                    # majority; the lone defection always is
                    aligned = 2.0 * agree >= others[i]
                    forced[i] = min(e - self.energy_, defection[i]) if aligned else defection[i]
        return pd.DataFrame(
            {
                "actor": self.actors_,
                "coalition": lab,
                "size": self.sizes_,
                "frustration": self._actor_frustration(lab),
                "defection_cost": defection,
                "forced_cost": forced,
            }
        )

    def energy(self, labels: Sequence[int] | Mapping[str, int]) -> float:
        """Energy of any configuration of the fitted actors (labels by position or by actor name)."""
        if isinstance(labels, Mapping):
            missing = [a for a in self.actors_ if a not in labels]
            if missing:
                raise InvalidParameterError(f"labels lack actor(s) {', '.join(missing)}")
            labels = [int(labels[a]) for a in self.actors_]
        if len(labels) != len(self.actors_):
            raise InvalidParameterError(
                f"labels must give one coalition per actor ({len(self.actors_)}); got {len(labels)}"
            )
        return solvers.energy(self.weights_, labels)


# ----------------------------------------------------------------------------- counterfactuals


def set_propensities(propensities: pd.DataFrame, changes: Mapping[tuple[str, str], float]) -> pd.DataFrame:
    """Return a copy of ``propensities`` with the given pairs set (added if absent).

    Parameters
    ----------
    propensities : DataFrame
        ``actor1, actor2, propensity`` (as :class:`Landscape` takes); not modified.
    changes : mapping {(actor1, actor2): float}
        New propensities; a pair matches in either order.

    Returns
    -------
    DataFrame
        A copy with those propensities set.

    Examples
    --------
    >>> p = pd.DataFrame({"actor1": ["A"], "actor2": ["B"], "propensity": [-1.0]})
    >>> set_propensities(p, {("B", "A"): 1.0}).propensity.tolist()
    [1.0]
    """
    out = propensities.copy()
    keys = [tuple(sorted((str(a), str(b)))) for a, b in zip(out["actor1"], out["actor2"], strict=True)]
    for (a, b), v in changes.items():
        if str(a) == str(b):
            raise InvalidParameterError(f"cannot set the propensity of {a} with itself")
        if not np.isfinite(float(v)):
            raise InvalidParameterError(f"propensity for {a}-{b} must be finite; got {v!r}")
        key = tuple(sorted((str(a), str(b))))
        hits = [i for i, kk in enumerate(keys) if kk == key]
        if hits:
            out.loc[out.index[hits], "propensity"] = float(v)
        else:
            row: dict[str, object] = {c: np.nan for c in out.columns}
            row.update({"actor1": str(a), "actor2": str(b), "propensity": float(v)})
            out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
            keys.append(key)
    out.attrs = dict(propensities.attrs)
    return out


def set_sizes(actors: pd.DataFrame, changes: Mapping[str, float]) -> pd.DataFrame:
    """Return a copy of ``actors`` with the given sizes replaced.

    Parameters
    ----------
    actors : DataFrame
        ``actor, size`` (as :class:`Landscape` takes); not modified.
    changes : mapping {actor: float}
        New sizes.

    Returns
    -------
    DataFrame
        A copy with those sizes replaced.

    Examples
    --------
    >>> a = pd.DataFrame({"actor": ["A", "B"], "size": [1.0, 2.0]})
    >>> set_sizes(a, {"A": 5})["size"].tolist()
    [5.0, 2.0]
    """
    out = actors.copy()
    out["size"] = out["size"].astype(float)
    names = out["actor"].astype(str)
    for a, v in changes.items():
        mask = names == str(a)
        if not mask.any():
            raise InvalidParameterError(f"cannot resize unknown actor {a!r}; actors are {', '.join(names)}")
        out.loc[mask, "size"] = float(v)
    out.attrs = dict(actors.attrs)
    return out


def _align(base: np.ndarray, other: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray:
    """Rename ``other``'s coalitions to best match ``base`` (maximum size-weighted overlap)."""
    from scipy.optimize import linear_sum_assignment

    overlap = np.zeros((k, k))
    np.add.at(overlap, (other, base), sizes)
    rows, cols = linear_sum_assignment(-overlap)
    mapping = np.empty(k, dtype=np.int64)
    mapping[rows] = cols
    return np.asarray(mapping[other], dtype=np.int64)


@dataclass
class Counterfactual:
    """Baseline and altered landscapes and the per-actor comparison of their optima."""

    baseline: Landscape
    altered: Landscape
    comparison: pd.DataFrame


@cites("Axelrod1993landscape")
def counterfactual(
    actors: pd.DataFrame,
    propensities: pd.DataFrame,
    *,
    propensity: Mapping[tuple[str, str], float] | None = None,
    size: Mapping[str, float] | None = None,
    model: Landscape | None = None,
) -> Counterfactual:
    """Change sizes or propensities and compare the optimal configurations.

    Parameters
    ----------
    actors, propensities : DataFrame
        The baseline model (see :class:`Landscape`).
    propensity : mapping {(actor1, actor2): value}, optional
        Pairs whose propensity is set to ``value`` (e.g. ``{("USA", "CHN"): 1.0}``).
    size : mapping {actor: value}, optional
        New sizes.
    model : Landscape, optional
        Unfitted estimator holding the solver settings (default ``Landscape()``).

    Returns
    -------
    Counterfactual
        ``baseline`` and ``altered`` fitted models and ``comparison`` with columns ``actor``,
        ``baseline`` (coalition in the baseline optimum), ``counterfactual`` (coalition in the
        altered optimum, renamed to match the baseline by size-weighted overlap) and ``moved``;
        ``comparison.attrs`` holds both energies.

    References
    ----------
    Axelrod and Bennett (1993).

    Examples
    --------
    >>> a = pd.DataFrame({"actor": ["A", "B", "C"], "size": [2.0, 1.0, 1.0]})
    >>> p = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -3.0]})
    >>> cf = counterfactual(a, p, propensity={("A", "C"): 2.0})
    >>> cf.comparison.moved.tolist()
    [False, True, True]
    """
    if not propensity and not size:
        raise InvalidParameterError("counterfactual needs at least one change: give propensity= or size=")
    template = model if model is not None else Landscape()
    params = {
        k: getattr(template, k)
        for k in ("k", "method", "max_configurations", "ip_max_actors", "time_limit", "n_starts", "costs", "seed")
    }
    base = Landscape(**params).fit(actors, propensities)
    a2 = set_sizes(actors, size) if size else actors
    p2 = set_propensities(propensities, propensity) if propensity else propensities
    alt = Landscape(**params).fit(a2, p2)
    aligned = _align(base.labels_, alt.labels_, base.sizes_, int(base.k))
    comp = pd.DataFrame(
        {
            "actor": base.actors_,
            "baseline": base.labels_,
            "counterfactual": aligned,
            "moved": base.labels_ != aligned,
        }
    )
    comp.attrs["energy_baseline"] = base.energy_
    comp.attrs["energy_counterfactual"] = alt.energy_
    return Counterfactual(base, alt, add_sources(comp, meta_of(actors).sources))


# ----------------------------------------------------------------------------- robustness


@dataclass
class Robustness:
    """Monte Carlo over propensity weights: per-actor side frequencies and distinct optima."""

    actors: pd.DataFrame
    configurations: pd.DataFrame


@cites("Axelrod1993landscape")
def weight_robustness(
    actors: pd.DataFrame,
    propensities: pd.DataFrame,
    *,
    weights: Mapping[str, float],
    samples: int = 1000,
    spread: float = 0.5,
    model: Landscape | None = None,
    seed: int | np.random.Generator | None = None,
) -> Robustness:
    """How often each actor ends on each side when the component weights vary.

    Each sample draws every weight independently as ``w_c * U(1 - spread, 1 + spread)``
    (``spread = 1`` lets a component vanish), rebuilds ``p_ij = sum_c w_c component_c(i, j)``
    from the component columns of ``propensities``, and finds the global minimum.  The sample
    optimum's coalitions are renamed to best match the baseline optimum (maximum size-weighted
    overlap), so "side" means the baseline's coalition.

    Parameters
    ----------
    actors, propensities : DataFrame
        As for :class:`Landscape`; ``propensities`` must hold one column per weighted component
        (as :func:`build_landscape` returns).
    weights : mapping {component: weight}
        Baseline weights; the baseline propensity is recomputed from them.
    samples : int, default 1000
    spread : float, default 0.5
        Relative half-width of the uniform perturbation, in [0, 1].
    model : Landscape, optional
        Solver settings (``costs`` is switched off for the samples).
    seed : int, Generator or None

    Returns
    -------
    Robustness
        ``actors``: ``actor``, ``coalition`` (baseline), ``share_same`` (share of samples on the
        baseline side) and ``share_<c>`` for each coalition ``c``.  ``configurations``: each
        distinct optimum (``coalitions``, ``labels``) with ``count`` and ``share``.

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science* 23: 211–233 (the weighted propensity whose weights are varied here).

    Examples
    --------
    >>> a = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 1.0]})
    >>> p = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"],
    ...                   "x": [1.0, -1.0, -1.0], "propensity": [1.0, -1.0, -1.0]})
    >>> r = weight_robustness(a, p, weights={"x": 1.0}, samples=20, seed=1)
    >>> r.actors.share_same.tolist()
    [1.0, 1.0, 1.0]
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise InvalidParameterError(f"samples must be a positive integer; got {samples!r}")
    if not (0.0 <= float(spread) <= 1.0):
        raise InvalidParameterError(f"spread must lie in [0, 1]; got {spread!r}")
    if not weights:
        raise InvalidParameterError("weights is empty; name at least one component column with its weight")
    missing = [c for c in weights if c not in propensities.columns]
    if missing:
        raise InvalidParameterError(
            f"propensities lack component column(s) {', '.join(missing)} named in weights; "
            "build them with build_landscape or add the columns"
        )
    rng = check_random_state(seed)
    comps = list(weights)
    base_w = np.array([float(weights[c]) for c in comps])
    C = propensities[comps].apply(pd.to_numeric, errors="coerce").fillna(0.0).to_numpy(dtype=np.float64)
    props = propensities.copy()
    props["propensity"] = C @ base_w
    template = model if model is not None else Landscape()
    params = {
        k: getattr(template, k)
        for k in ("k", "method", "max_configurations", "ip_max_actors", "time_limit", "n_starts", "seed")
    }
    params["costs"] = False
    base = Landscape(**params).fit(actors, props)
    names, sizes, k = base.actors_, base.sizes_, int(base.k)
    index = {a: i for i, a in enumerate(names)}
    ii = np.array([index[str(a)] for a in props["actor1"]], dtype=np.int64)
    jj = np.array([index[str(b)] for b in props["actor2"]], dtype=np.int64)
    S = np.outer(sizes, sizes)
    n = len(names)
    method = base.method_
    counts = np.zeros((n, k))
    configs: dict[tuple[int, ...], int] = {}
    for draw in range(int(samples)):
        progress_step("landscape: Monte Carlo draws", draw, int(samples))
        w = base_w * rng.uniform(1.0 - spread, 1.0 + spread, size=base_w.shape[0])
        P = np.zeros((n, n))
        v = C @ w
        P[ii, jj] = v
        P[jj, ii] = v
        W = S * P
        np.fill_diagonal(W, 0.0)
        if method == "enumerate":
            best, _ = solvers.enumerate_minimum(W, k)
        elif method == "ip":
            best = solvers.solve_ip(W, k, time_limit=base.time_limit, triangles=n <= base.ip_max_actors).best
        else:
            best = solvers.local_search(W, k, n_starts=int(base.n_starts), rng=rng)[0][0]
        lab = _align(base.labels_, np.asarray(best, dtype=np.int64), sizes, k)
        counts[np.arange(n), lab] += 1
        key = tuple(int(x) for x in lab)
        configs[key] = configs.get(key, 0) + 1
    share = counts / samples
    out = pd.DataFrame({"actor": names, "coalition": base.labels_})
    out["share_same"] = share[np.arange(n), base.labels_]
    for c in range(k):
        out[f"share_{c}"] = share[:, c]
    rows = sorted(configs.items(), key=lambda kv: -kv[1])
    conf = pd.DataFrame(
        {
            "coalitions": [_describe(names, key) for key, _ in rows],
            "labels": [key for key, _ in rows],
            "count": [cnt for _, cnt in rows],
            "share": [cnt / samples for _, cnt in rows],
            "is_baseline": [key == tuple(int(x) for x in base.labels_) for key, _ in rows],
        }
    )
    src = meta_of(propensities).sources
    return Robustness(add_sources(out, src), add_sources(conf, src))
