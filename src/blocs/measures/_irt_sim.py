"""Simulated UN-style roll-call votes with known ideal points (for recovery checks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr

from blocs._errors import InvalidParameterError
from blocs._meta import declare
from blocs._validation import check_random_state

__all__ = ["simulate_ideal_point_votes"]


def simulate_ideal_point_votes(
    *,
    n_states: int = 190,
    n_sessions: int = 75,
    n_roll_calls: int = 80,
    walk_variance: float = 0.05,
    recurring_share: float = 0.3,
    absence_rate: float = 0.1,
    seed: int | np.random.Generator | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Simulate votes from the dynamic ordinal probit model that :class:`IdealPoints` fits.

    States join over time (half are members in session 1, the rest enter at uniformly
    drawn sessions), start at ``N(0, 1)`` and move by a Gaussian random walk of variance
    ``walk_variance`` per session.  Each session has ``n_roll_calls`` roll calls; a share
    ``recurring_share`` of them are resolutions drawn from a pool of recurring texts whose
    parameters are the same every time they recur.  Votes follow
    ``P(vote <= m) = Phi(c_m - d * theta)`` with categories no < abstain < yes; a member
    is absent from a roll call with probability ``absence_rate``.

    Parameters
    ----------
    n_states, n_sessions, n_roll_calls : int
        Size of the problem (default: about the real UN).
    walk_variance : float, default 0.05
        Variance of each session-to-session step of the true positions.
    recurring_share : float, default 0.3
        Share of roll calls that are recurring resolutions (identical ``descr``).
    absence_rate : float, default 0.1
        Probability that a member casts no vote on a roll call (missing, not "no").
    seed : int, Generator or None
        Random seed.

    Returns
    -------
    votes : DataFrame
        ``ccode, session, year, rcid, vote`` (1 yes, 2 abstain, 3 no); ``ccode`` runs 1..N
        and state 1 is a member throughout.
    truth : DataFrame
        ``ccode, session, theta`` true positions of members.
    roll_calls : DataFrame
        ``rcid, session, descr, discrimination, cut1, cut2``.

    Examples
    --------
    >>> votes, truth, rc = simulate_ideal_point_votes(n_states=20, n_sessions=3, n_roll_calls=10, seed=1)
    >>> sorted(votes["vote"].unique().tolist())
    [1, 2, 3]
    """
    for name, val in (("n_states", n_states), ("n_sessions", n_sessions), ("n_roll_calls", n_roll_calls)):
        if not isinstance(val, (int, np.integer)) or val < 1:
            raise InvalidParameterError(f"{name} must be a positive integer; got {val!r}")
    if n_states < 2:
        raise InvalidParameterError(f"n_states must be at least 2; got {n_states}")
    for share_name, share in (("recurring_share", recurring_share), ("absence_rate", absence_rate)):
        if not 0.0 <= share < 1.0:
            raise InvalidParameterError(f"{share_name} must lie in [0, 1); got {share!r}")
    if walk_variance < 0:
        raise InvalidParameterError(f"walk_variance must be >= 0; got {walk_variance!r}")
    rng = check_random_state(seed)
    N, T, J = n_states, n_sessions, n_roll_calls
    entry = np.where(rng.random(N) < 0.5, 0, rng.integers(0, T, N))
    entry[0] = 0
    steps = rng.normal(0.0, np.sqrt(walk_variance), (N, T))
    steps[:, 0] = rng.standard_normal(N)
    theta = np.cumsum(steps, axis=1)
    member = np.arange(T)[None, :] >= entry[:, None]

    def draw_items(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        d = rng.uniform(0.5, 2.5, n) * rng.choice([-1.0, 1.0], n)
        c1 = rng.normal(-1.0, 1.0, n)
        c2 = c1 + rng.uniform(0.2, 1.0, n)
        return d, c1, c2

    n_pool = max(1, int(recurring_share * J * 2))
    pool = draw_items(n_pool)
    votes, rcs = [], []
    rcid = 0
    for t in range(T):
        n_rec = int(round(recurring_share * J))
        rec_ids = rng.choice(n_pool, size=min(n_rec, n_pool), replace=False)
        fresh = draw_items(J - len(rec_ids))
        d = np.concatenate([pool[0][rec_ids], fresh[0]])
        c1 = np.concatenate([pool[1][rec_ids], fresh[1]])
        c2 = np.concatenate([pool[2][rec_ids], fresh[2]])
        descr = [f"RECURRING RESOLUTION {r}" for r in rec_ids] + [
            f"SESSION {t + 1} ROLL CALL {j}" for j in range(len(fresh[0]))
        ]
        ids = np.arange(rcid + 1, rcid + J + 1)
        rcid += J
        rcs.append(pd.DataFrame({"rcid": ids, "session": t + 1, "descr": descr,
                                 "discrimination": d, "cut1": c1, "cut2": c2}))
        states = np.flatnonzero(member[:, t])
        eta = d[None, :] * theta[states, t][:, None]
        u = rng.random((len(states), J))
        p_no = ndtr(c1[None, :] - eta)
        p_le_abst = ndtr(c2[None, :] - eta)
        vote = np.where(u < p_no, 3, np.where(u < p_le_abst, 2, 1))
        present = rng.random((len(states), J)) >= absence_rate
        si, ji = np.nonzero(present)
        votes.append(pd.DataFrame({"ccode": states[si] + 1, "session": t + 1, "rcid": ids[ji],
                                   "vote": vote[si, ji]}))
    v = pd.concat(votes, ignore_index=True)
    v.insert(2, "year", v["session"] + 1945)
    v = v.astype({"ccode": "int64", "session": "int64", "year": "int64", "rcid": "int64", "vote": "int64"})
    ii, tt = np.nonzero(member)
    truth = pd.DataFrame({"ccode": ii + 1, "session": tt + 1, "theta": theta[ii, tt]})
    return declare(v, unit="other", system="cow"), truth, pd.concat(rcs, ignore_index=True)


def simulate_drift_scenario(
    *,
    n_states: int = 120,
    n_sessions: int = 40,
    n_roll_calls: int = 50,
    spread: tuple[float, float, float] = (1.3, 1.0, 0.7),
    lopsided: tuple[float, float] = (0.0, 1.5),
    bridge_from: float = 0.4,
    bridge_share: float = 0.4,
    walk_variance: float = 0.02,
    absence_rate: float = 0.1,
    late_entry: float = 0.5,
    format_break: float | None = None,
    seed: int | np.random.Generator | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Votes whose cross-time scale is hard to recover: the failure issue 15 describes.

    The true positions are ``theta_it = s_t * u_it``, ``u`` a random walk (variance
    ``walk_variance`` per session, ``N(0, 1)`` at entry), so the spread across states
    ``s_t`` changes over time (**polarisation**): it runs piecewise-linearly through the
    three values of ``spread`` (first, middle, last session).  The **agenda changes**: the
    roll calls' cut-points drift so that votes grow lopsided (the mean of ``c1`` runs
    from ``-lopsided[0]`` to ``-lopsided[1]``: late sessions vote yes by large majorities
    and only the extreme states vote no, as in the UN after the 1970s).  **Bridges** are
    as in the real data: no recurring texts before the share ``bridge_from`` of sessions
    (the UN descriptions yield none before 1978), then a share ``bridge_share`` of each
    session's roll calls drawn from a pool of recurring resolutions with fixed parameters
    (identical ``descr``).  Half the states are members from the first session, the rest
    enter at random sessions (``late_entry`` is their share); a member is absent with
    probability ``absence_rate``.  ``format_break`` (a share of the sessions, or None)
    mimics the change in Voeten's roll-call descriptions at session 71: from there on
    ``descr`` is an agenda-item citation (``"A/72/251 5 - ..."``) and the resolution
    title is in ``short`` (before, ``short`` is a topic label).

    Returns ``votes, truth, roll_calls`` as :func:`simulate_ideal_point_votes`;
    ``roll_calls`` also has ``short``.
    """
    rng = check_random_state(seed)
    N, T, J = n_states, n_sessions, n_roll_calls
    entry = np.where(rng.random(N) < 1.0 - late_entry, 0, rng.integers(0, T, N))
    entry[0] = 0
    steps = rng.normal(0.0, np.sqrt(walk_variance), (N, T))
    steps[:, 0] = rng.standard_normal(N)
    u = np.cumsum(steps, axis=1)
    pos = np.linspace(0.0, 1.0, T)
    s = np.interp(pos, [0.0, 0.5, 1.0], list(spread))
    theta = u * s[None, :]
    member = np.arange(T)[None, :] >= entry[:, None]
    shift = np.interp(pos, [0.0, 1.0], list(lopsided))

    def draw_items(n: int, mean_c1: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        d = rng.uniform(0.5, 2.5, n) * rng.choice([-1.0, 1.0], n)
        c1 = rng.normal(-mean_c1, 1.0, n)
        c2 = c1 + rng.uniform(0.2, 1.0, n)
        return d, c1, c2

    first_bridge = int(np.ceil(bridge_from * T))
    n_rec = int(round(bridge_share * J))
    n_pool = max(1, 2 * n_rec)
    # the pool is introduced when bridging starts: its lopsidedness is that of the bridged era
    pool = draw_items(n_pool, float(shift[first_bridge:].mean()) if first_bridge < T else 0.0)
    votes, rcs = [], []
    rcid = 0
    for t in range(T):
        rec_ids = rng.choice(n_pool, size=min(n_rec, n_pool), replace=False) if t >= first_bridge else np.array([], int)
        fresh = draw_items(J - len(rec_ids), float(shift[t]))
        d = np.concatenate([pool[0][rec_ids], fresh[0]])
        c1 = np.concatenate([pool[1][rec_ids], fresh[1]])
        c2 = np.concatenate([pool[2][rec_ids], fresh[2]])
        title = [f"RECURRING RESOLUTION {r}" for r in rec_ids] + [
            f"SESSION {t + 1} ROLL CALL {j}" for j in range(len(fresh[0]))
        ]
        ids = np.arange(rcid + 1, rcid + J + 1)
        rcid += J
        if format_break is not None and pos[t] >= format_break:
            descr = [f"A/{t + 1}/251 {j} - AGENDA ITEM {j}. - TOPIC" for j in range(J)]
            short = title
        else:
            descr, short = title, ["TOPIC"] * J
        rcs.append(pd.DataFrame({"rcid": ids, "session": t + 1, "descr": descr, "short": short,
                                 "discrimination": d, "cut1": c1, "cut2": c2}))
        states = np.flatnonzero(member[:, t])
        eta = d[None, :] * theta[states, t][:, None]
        uu = rng.random((len(states), J))
        vote = np.where(uu < ndtr(c1[None, :] - eta), 3, np.where(uu < ndtr(c2[None, :] - eta), 2, 1))
        present = rng.random((len(states), J)) >= absence_rate
        si, ji = np.nonzero(present)
        votes.append(pd.DataFrame({"ccode": states[si] + 1, "session": t + 1, "rcid": ids[ji],
                                   "vote": vote[si, ji]}))
    v = pd.concat(votes, ignore_index=True)
    v.insert(2, "year", v["session"] + 1945)
    v = v.astype({"ccode": "int64", "session": "int64", "year": "int64", "rcid": "int64", "vote": "int64"})
    ii, tt = np.nonzero(member)
    truth = pd.DataFrame({"ccode": ii + 1, "session": tt + 1, "theta": theta[ii, tt]})
    return declare(v, unit="other", system="cow"), truth, pd.concat(rcs, ignore_index=True)


def simulate_skeleton_votes(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    *,
    spread: tuple[float, float, float] = (1.4, 1.1, 0.85),
    walk_variance: float = 0.03,
    discrimination_scale: float = 1.5,
    seed: int | np.random.Generator | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Votes with known positions on the skeleton of a real vote table (issue 15's failure).

    Everything but the positions comes from the real data, so the estimator meets what it
    meets on the UN: the same states present in the same sessions (55 members in 1946, 193
    in 2019), the same roll calls per session (2 in session 19, 30-200 elsewhere), the same
    bridging groups (roll calls whose titles :func:`blocs.measures._idealpoints.bridge_keys`
    links share one set of item parameters, so the bridges are as sparse or dense as in the
    real data: none before 1975) and the same **agenda**: each item's cut-points are set so
    that its share of no / abstain / yes votes equals the real one (late sessions pass by
    large majorities, with a few states voting no).

    True positions: ``theta_it = s_t * u_it``, ``u`` a random walk per state (``N(0, 1)`` at
    its first session, steps of variance ``walk_variance`` per session elapsed), ``s_t``
    the **polarisation** path, piecewise linear through the three values of ``spread``
    (first, middle and last session).  Discriminations are exchangeable across sessions:
    ``d = ±discrimination_scale * (|N(0, 1)| + 0.25)`` per item.

    Parameters
    ----------
    votes : DataFrame
        ``ccode, session, rcid, vote``: the skeleton (votes 8/9 and missing values dropped).
    roll_calls : DataFrame
        ``rcid, session, descr`` (and ``short``): the texts that decide the bridging groups.
    spread, walk_variance, discrimination_scale : see above.
    seed : int, Generator or None

    Returns
    -------
    votes : DataFrame
        The skeleton's ``ccode, session, year, rcid`` with simulated ``vote`` (1 yes, 2
        abstain, 3 no); fit it with ``roll_calls=`` the same roll calls.
    truth : DataFrame
        ``ccode, session, theta``.
    """
    from blocs.measures._idealpoints import bridge_keys  # the estimator's own rule decides the groups

    rng = check_random_state(seed)
    v = votes[["ccode", "session", "rcid", "vote"]].copy()
    v = v[v["vote"].isin([1, 2, 3])].astype({"ccode": "int64", "session": "int64", "rcid": "int64"})
    cols = ["rcid", "session", "descr"] + (["short"] if "short" in roll_calls.columns else [])
    keyed = bridge_keys(roll_calls[cols])
    group = np.where(keyed["bridged"], "T:" + keyed["text"].fillna(""), "R:" + keyed["rcid"].astype(str))
    v["item"] = v["rcid"].map(pd.Series(group, index=keyed["rcid"].to_numpy()))
    if v["item"].isna().any():
        missing = v.loc[v["item"].isna(), "rcid"].unique()[:5].tolist()
        raise InvalidParameterError(f"roll_calls lacks rcid(s) {missing} that the votes use; pass their texts")

    cells = v[["ccode", "session"]].drop_duplicates().sort_values(["ccode", "session"]).reset_index(drop=True)
    lo, hi = int(cells["session"].min()), int(cells["session"].max())
    gap = cells.groupby("ccode")["session"].diff().to_numpy()
    entry = np.isnan(gap)
    step = np.where(entry, rng.standard_normal(len(cells)),
                    rng.standard_normal(len(cells)) * np.sqrt(walk_variance * np.nan_to_num(gap, nan=1.0)))
    u = pd.Series(step).groupby(cells["ccode"].to_numpy()).cumsum().to_numpy()
    pos = (cells["session"].to_numpy() - lo) / max(hi - lo, 1)
    cells["theta"] = u * np.interp(pos, [0.0, 0.5, 1.0], list(spread))
    v = v.merge(cells, on=["ccode", "session"], how="left")

    items = pd.unique(v["item"])
    d = rng.standard_normal(len(items))
    d = np.sign(d) * (np.abs(d) + 0.25) * discrimination_scale
    latent = v["item"].map(pd.Series(d, index=items)).to_numpy() * v["theta"].to_numpy()
    latent = latent + rng.standard_normal(len(v))
    # the agenda: each item's real no / abstain shares, reproduced by cutting its latent votes at
    # those quantiles (one pair of cut-points per item, shared across a bridging group's sessions)
    g = v.groupby("item", sort=False)["vote"]
    n = g.transform("size").to_numpy()
    n_no = np.rint(g.transform(lambda x: (x == 3).mean()).to_numpy() * n)
    n_abst = np.rint(g.transform(lambda x: (x == 2).mean()).to_numpy() * n)
    rank = pd.Series(latent).groupby(v["item"].to_numpy()).rank(method="first").to_numpy()
    v["vote"] = np.where(rank <= n_no, 3, np.where(rank <= n_no + n_abst, 2, 1)).astype("int64")
    v.insert(2, "year", v["session"] + 1945)
    out = v[["ccode", "session", "year", "rcid", "vote"]]
    return declare(out, unit="other", system="cow"), cells[["ccode", "session", "theta"]]


def scale_recovery(ideal_points: pd.DataFrame, truth: pd.DataFrame) -> dict[str, object]:
    """How well fitted positions recover the truth's cross-time scale.

    The model identifies positions up to one shift, one stretch and one sign for the whole
    panel, so the fit is compared with the truth after the one linear map ``truth -> fit``
    (least squares over all state-sessions).  Returns ``pooled_r`` (Pearson r over all
    state-sessions), ``within_r`` (median over sessions of the within-session r) and
    ``spread_ratio``: per session, the fitted spread over the truth's spread times the
    map's slope (1 when the session's stretch is right; below 1 too narrow).
    """
    m = ideal_points[["ccode", "session", "ideal_point"]].merge(truth, on=["ccode", "session"])
    pooled = float(np.corrcoef(m["ideal_point"], m["theta"])[0, 1])
    slope = float(np.polyfit(m["theta"], m["ideal_point"], 1)[0])
    per = m.groupby("session")
    within = float(per[["ideal_point", "theta"]].corr().xs("theta", level=1)["ideal_point"].median())
    sd = per.agg(fit=("ideal_point", "std"), true=("theta", "std"))
    ratio = (sd["fit"] / (sd["true"] * abs(slope))).rename("spread_ratio")
    return {"pooled_r": pooled, "within_r": within, "spread_ratio": ratio}
