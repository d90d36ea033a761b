"""Dynamic ordinal ideal points from UN General Assembly roll calls.

The public edge: :class:`IdealPoints` (fit), :func:`add_ideal_points` and
:func:`add_ideal_point_distance` (join to state-year and dyad-year tables).  Validation
happens here; the numerical work is in :mod:`blocs.measures._irt_em`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import (
    CoverageError,
    DuplicateKeysError,
    InfeasibleOptionError,
    InvalidParameterError,
)
from blocs._estimator import Estimator
from blocs._meta import Source, TableMeta, meta_of, with_meta
from blocs._progress import step as progress_step
from blocs._validation import RANDOM_STATE, Interval, Options, check_choice, check_random_state
from blocs.data import cites, get_dataset, load
from blocs.measures._irt_em import Fit, Problem, fit_em, pca_start, sample_paths
from blocs.measures._irt_torch import import_torch
from blocs.system import load_un_votes

__all__ = [
    "IdealPoints",
    "SessionsLike",
    "add_ideal_points",
    "add_ideal_point_distance",
    "default_un_votes",
    "parse_sessions",
]

SessionsLike = int | str | range | Sequence[int] | tuple[int, int] | None

_VOTE_TEXT = {"yes": 1, "abstain": 2, "no": 3}
_MISSING_CODES = (8, 9)  # absent, not a member: missing, never "no"
_FIRST_SESSION_YEAR = 1945  # session s opened in year 1945 + s (session 1: 1946)
_SESSION_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|:|–|\.\.)\s*(\d+)\s*$")
_RES_SUFFIX = re.compile(r"\s*:\s*RESOLUTION\s*/\s*ADOPTED BY THE GENERAL ASSEMBLY\s*$")
_AGENDA_CITATION = re.compile(r"^\s*A/\d+/\d+\b")  # "A/72/251 42 - ...": an agenda item, not a title


def parse_sessions(sessions: SessionsLike, *, param: str = "sessions") -> list[int] | None:
    """Normalise a sessions argument (``"1-74"``, ``30``, ``"1,5,9"``, ``(1, 74)``, a list).

    ``None`` means every session present.  Sessions are positive integers.

    Examples
    --------
    >>> parse_sessions("3-5")
    [3, 4, 5]
    """
    if sessions is None:
        return None
    if isinstance(sessions, bool):
        raise InvalidParameterError(f"{param} must be a session number, a range or a list; got {sessions!r}")
    out: list[int]
    if isinstance(sessions, (int, np.integer)):
        out = [int(sessions)]
    elif isinstance(sessions, str):
        m = _SESSION_RANGE.match(sessions)
        parts = [p.strip() for p in sessions.split(",")]
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                raise InvalidParameterError(f"{param}={sessions!r} runs backwards; write the first session first")
            out = list(range(a, b + 1))
        elif parts and all(p.isdigit() for p in parts):
            out = sorted({int(p) for p in parts})
        else:
            raise InvalidParameterError(
                f"{param}={sessions!r} is not a session range; write e.g. '1-74', '30' or '1,5,9'"
            )
    elif isinstance(sessions, tuple) and len(sessions) == 2 and all(
        isinstance(x, (int, np.integer)) for x in sessions
    ):
        a, b = int(sessions[0]), int(sessions[1])
        if a > b:
            raise InvalidParameterError(f"{param}={sessions!r} runs backwards; write the first session first")
        out = list(range(a, b + 1))
    else:
        try:
            out = sorted({int(x) for x in sessions})
        except (TypeError, ValueError):
            raise InvalidParameterError(
                f"{param} must be a session number, a 'first-last' string, a (first, last) tuple or a "
                f"list of sessions; got {sessions!r}"
            ) from None
    if not out:
        raise InvalidParameterError(f"{param} is empty; give at least one session")
    if out[0] < 1:
        raise InvalidParameterError(f"{param} must be positive UN General Assembly sessions; got {out[0]}")
    return out


def default_un_votes() -> pd.DataFrame:
    """The UN votes blocs fits by default: ``blocs.system.load_un_votes()``, sessions 1–74.

    Returns
    -------
    DataFrame
        One row per (roll call, COW state): ``rcid, session, year, ccode, vote`` (1 yes,
        2 abstain, 3 no) and the roll-call attributes; absences and non-members have no row.

    References
    ----------
    Voeten, E., Strezhnev, A. and Bailey, M. (2009). United Nations General Assembly Voting
    Data. Harvard Dataverse, hdl:1902.1/12379.
    """
    return load_un_votes()


def _normalise_text(text: pd.Series) -> pd.Series:
    """Upper case, whitespace collapsed, library-catalogue suffix and end punctuation removed."""
    t = text.astype("string").str.upper().str.replace(r"\s+", " ", regex=True).str.strip()
    t = t.str.replace(_RES_SUFFIX, "", regex=True).str.rstrip(" .;,")
    return t.where(t.str.len() > 0)


def _title_text(descr: pd.Series, short: pd.Series | None) -> pd.Series:
    """The text a roll call bridges on: its resolution title, normalised.

    Voeten's ``descr`` holds the resolution title in sessions 39-70, but from session 71
    (2016) it holds the agenda-item citation (``"A/72/251 42 - Necessity of ending the
    ... - CUBA--UNITED STATES"``) and the title moved to ``short``.  Where ``descr`` is
    such a citation and ``short`` is given, ``short`` is used; otherwise ``descr``.
    """
    raw = descr.astype("string")
    text = _normalise_text(raw)
    if short is not None:
        agenda = raw.str.match(_AGENDA_CITATION).fillna(False).astype(bool)
        text = text.where(~agenda, _normalise_text(short.reindex(descr.index)))
    return text


def bridge_keys(texts: pd.DataFrame) -> pd.DataFrame:
    """Which roll calls bridge sessions, and through which text (the bridging rule).

    A roll call bridges when its normalised title (:func:`_title_text`) occurs in two or
    more sessions and at most once in each: a title repeated within one session is a
    generic label (parts A, B, ... of one agenda item, "Report of the ..."), not one
    recurring resolution, so all its occurrences stay unbridged.

    Parameters
    ----------
    texts : DataFrame
        ``rcid``, ``session``, ``descr`` and optionally ``short``.

    Returns
    -------
    DataFrame
        ``rcid``, ``session``, ``text`` (normalised title, missing when there is none) and
        ``bridged`` (bool), in the input's order.
    """
    short = texts["short"] if "short" in texts.columns else None
    out = pd.DataFrame({"rcid": texts["rcid"].to_numpy(), "session": texts["session"].to_numpy()})
    out["text"] = _title_text(texts["descr"], short).to_numpy()
    per_session = out.groupby(["text", "session"]).size()
    repeated = per_session[per_session > 1].index.get_level_values(0).unique()
    n_sess = out.groupby("text")["session"].nunique()
    good = n_sess[(n_sess > 1) & ~n_sess.index.isin(repeated)].index
    out["bridged"] = out["text"].isin(good).fillna(False).astype(bool)
    return out


@dataclass
class _Prepared:
    prob: Problem
    first: np.ndarray
    keys: np.ndarray  # state codes, by state index
    sessions: np.ndarray  # session numbers, by session position
    rc: pd.DataFrame  # rcid, session, item, bridged, n_votes (used roll calls)
    dropped: np.ndarray  # rcids dropped as uninformative
    key_col: str
    sources: tuple[Source, ...]


class IdealPoints(Estimator):
    r"""Dynamic ordinal ideal points of states from UN General Assembly votes.

    Each state ``i`` has a position :math:`\theta_{it}` in session ``t``; each roll call ``j``
    a discrimination :math:`d_j` and two cut-points :math:`c_{1j} \le c_{2j}`, with

    .. math::

        P(\text{vote}_{ijt} \le m) = \Phi(c_{mj} - d_j\,\theta_{it}),
        \qquad \text{no} < \text{abstain} < \text{yes},

    and :math:`\theta_{it} = \theta_{i,t-1} + \eta_{it}`, :math:`\eta_{it} \sim
    N(0, \omega^2)` (a random walk across sessions; :math:`\theta` at a state's first
    session is :math:`N(0, 1)`).  Resolutions that recur with identical text in several
    sessions share :math:`(d_j, c_{1j}, c_{2j})` ("bridging", Bailey, Strezhnev & Voeten
    2017), and every roll call of every session draws its discrimination from one prior,
    :math:`d_j \sim N(0, \tau^2)`: together they make positions comparable across time (the
    prior carries the scale through the sessions no bridge reaches).  Absences and
    non-membership are missing data, never "no".

    Fitting is mean-field variational EM for the ordinal probit with data augmentation
    (Imai, Lo & Olmsted 2016): truncated-normal latent propensities, closed-form Gaussian
    updates for each roll call, and a Kalman/RTS smoother for each state's path, accelerated
    by SQUAREM.

    Parameters
    ----------
    walk_variance : float or "estimate", default "estimate"
        :math:`\omega^2`, variance of a state's move between consecutive sessions, in units
        of the pooled cross-sectional spread (positions are scaled to pooled sd 1).
        ``"estimate"`` (recommended) fits it by maximum likelihood inside the EM from the
        smoothed moments of every state's steps; on sessions 1–70 it comes out near 0.01
        (a typical state moves 0.1 sd a year).  A number fixes it: larger values follow
        year-to-year swings more closely, smaller ones smooth more.  Bailey, Strezhnev &
        Voeten's code uses about 0.25; in simulation a loose fixed walk lets each unbridged
        session take its stretch from the discrimination prior alone (docs/idealpoints.md).
    discrimination_prior : float or "estimate", default "estimate"
        :math:`\tau^2`, the variance of the normal prior of every roll call's discrimination
        (one for all sessions, on the scale where positions have pooled sd 1).  It is what
        identifies the stretch of a session that no bridge reaches: its discriminations are
        taken to come from the same distribution as every other session's.  ``"estimate"``
        (recommended) fits it by maximum likelihood inside the EM (3.5 on sessions 1-74).
        A number fixes it: Bailey, Strezhnev & Voeten fix 1, which on the real votes pulls
        the discriminations in and, with their loose walk, stretches the sessions with fewer
        states; ``discrimination_prior=1, walk_variance=0.25`` reproduces their published
        scale (pooled r 0.98).  25 is the weak prior blocs used before.
    bridge : {"text", "none"}, default "text"
        ``"text"``: roll calls whose resolution titles are identical share item parameters;
        ``"none"``: every roll call has its own.  The title is the roll call's ``descr``
        (from the votes table, ``roll_calls=`` in :meth:`fit`, or the catalog's
        ``un_roll_calls`` for Voeten votes), or its ``short`` where ``descr`` is an
        agenda-item citation (``"A/72/251 42 - ..."``, sessions 71-73 of Voeten's data),
        upper-cased, whitespace collapsed, the catalogue suffix ``": resolution / adopted by
        the General Assembly"`` and trailing punctuation removed.  A title bridges only if it
        occurs in two or more sessions and at most once in each (a title repeated within a
        session is a generic label, not one recurring resolution); see :func:`bridge_keys`.
    sessions : str, int, tuple, list or None, default None
        Sessions to fit, e.g. ``"1-74"``; ``None`` takes every session in the votes.
    anchor : int, default 2
        State (COW code, or actor value) whose mean position is placed above the pooled mean:
        the sign convention.  Default: the United States.
    init : {"pca", "random"}, default "pca"
        Starting positions: the first principal component of each session's vote matrix
        (signs chained across sessions), or standard normal draws from ``seed``.
    se : {"variational", "bootstrap"}, default "variational"
        ``"variational"``: posterior standard deviations of the smoother (fast, but too
        small: about 57-70% coverage of nominal 95% intervals on simulated data, see
        Notes).  ``"bootstrap"`` (recommended for inference): a parametric bootstrap of the
        whole estimator: ``n_bootstrap`` times, paths drawn from the fitted posterior,
        votes simulated from them and the fitted roll calls, a refit (walk and
        discrimination variances held at their estimates) and its error against the drawn
        paths; the reported ``se`` is :math:`\sqrt{v_\text{var} + \text{MSE}_\text{boot}}`,
        the variational variance plus the refits' mean squared error (which holds their
        variance and the shrinkage towards the walk and the prior): 94% coverage in
        simulation.  Costs ``n_bootstrap`` extra fits.
    n_bootstrap : int, default 40
        Bootstrap replicates when ``se="bootstrap"``.
    max_iter : int, default 2000
        Maximum number of EM sweeps.
    tol : float, default 1e-4
        Convergence: the largest change of any position between iterations (SQUAREM cycles),
        in pooled-sd units.
    seed : int, Generator or None, default None
        Seed for ``init="random"`` and the bootstrap.
    backend : {"numpy", "torch"}, default "numpy"
        Array backend for the per-vote passes of each sweep (E-step, item sums).
        ``"numpy"``: numba-compiled CPU kernels, always available.  ``"torch"``: the same
        algorithm on PyTorch tensors, on a CUDA GPU when torch sees one, else on the CPU;
        needs ``pip install blocs[gpu]`` (or ``pip install torch``).  Results agree with
        ``"numpy"`` to rounding (float64 on both).

    Attributes
    ----------
    ideal_points_ : DataFrame
        ``ccode`` (or ``actor``), ``session``, ``year``, ``ideal_point``, ``se``, ``n_votes``:
        one row per state and session in which it cast a vote on an informative roll call.
        ``year`` is the year the session opened (1945 + session).
    items_ : DataFrame
        ``rcid``, ``session``, ``item`` (shared by bridged roll calls), ``bridged``,
        ``discrimination`` :math:`d_j`, ``cut1`` (no | abstain), ``cut2`` (abstain | yes),
        ``n_votes``.  Roll calls without abstentions are binary: ``cut1 == cut2``.
    dropped_rcids_ : ndarray
        Roll calls left out because every observed vote fell in one category (they carry no
        information on positions).
    walk_variance_ : float
    discrimination_variance_ : float
        :math:`\tau^2` used (estimated or the fixed ``discrimination_prior``).
    device_ : str
        Where the per-vote passes ran: ``"cpu"`` (numpy) or the torch device (``"cuda"``, ``"cpu"``).
    converged_ : bool
    n_iter_ : int
        EM sweeps run.
    n_reflections_ : int
        Reflection walls repaired during the fit: blocks of sessions found mirrored
        relative to the sessions before them and flipped back (see Notes).
    history_ : DataFrame
        ``iteration``, ``loglik`` (log-likelihood of the votes), ``max_change``.
    n_bridged_ : int
        Bridging texts shared by more than one session.

    Raises
    ------
    InvalidParameterError
        Bad settings, columns, vote codes or sessions; anchor absent from the votes.
    CoverageError
        Requested sessions that the votes do not contain.
    DuplicateKeysError
        A state voting twice on one roll call.

    Notes
    -----
    Identification: after every sweep positions are re-scaled to mean 0 and standard
    deviation 1 over all observed state-sessions (parameter expansion), and the sign is
    chosen so that ``anchor`` lies above the mean.  Parametrisation: the latent
    :math:`z = \alpha_j + \beta_j\theta + \sigma_j\varepsilon` with cut-points 0 and 1
    (Imai, Lo & Olmsted's ordinal case), so :math:`d = \beta/\sigma`,
    :math:`c_1 = -\alpha/\sigma`, :math:`c_2 = (1 - \alpha)/\sigma`; priors
    :math:`\alpha \mid \sigma^2 \sim N(0, 100\sigma^2)` (cut-points nearly flat, as Bailey,
    Strezhnev & Voeten's), :math:`\beta \mid \sigma^2 \sim N(0, \tau^2\sigma^2)` and
    :math:`\sigma^2 \sim \text{InvGamma}(1, 1)`.  One prior for the discriminations of
    every session is what ties together sessions that no bridge reaches (before 1975 in
    Voeten's data): within one session the votes cannot tell a wide spread of states from
    sharp roll calls.  On votes simulated on the real UN skeleton with the true spread
    changing over time, the estimated :math:`\tau^2` recovers the cross-time scale (pooled
    r 0.991-0.995 with the truth); the weak prior used before (``discrimination_prior=25``)
    made the unbridged early sessions 0.4-0.8 times too narrow.
    States that leave and rejoin keep one random walk across the gap; a new state's
    position starts from the prior.

    Reflection walls: the random walk couples sessions only weakly, so EM from a start
    whose orientation differs between eras can converge with a block of sessions mirrored
    relative to the rest (on sessions 1-74, a random start did so with walls at sessions
    4, 10, 30 and 50; its log-likelihood was 7,350 lower and its walk variance 2.5 times
    that of the PCA start).  Before every SQUAREM cycle the sessions are therefore
    oriented in order: a session whose positions covary negatively with those of the five
    sessions before it is mirrored back, with the roll calls voted in it (the likelihood
    is unchanged by flipping :math:`\theta` and :math:`d` together), and EM continues.
    With this repair random starts agree with the PCA start (correlation above 0.99 on
    sessions 1-74); ``n_reflections_`` counts the repairs.

    Standard errors, with their coverage of nominal 95% intervals on simulated votes
    (100 states x 15 sessions x 60 roll calls, seeds 6-8): variational 0.70 (0.57 at
    190 x 75 x 80), they ignore the uncertainty of the item parameters and the dependence
    the mean-field factorisation drops; ``se="bootstrap"`` (40 replicates) 0.94: the
    refits' errors against paths drawn from the posterior carry both the sampling
    variance and the shrinkage towards the walk and the prior.  On votes simulated on the
    real skeleton coverage is 0.85: what remains is the error of the cross-time scale,
    which an interval for one state-session does not carry.  Use ``se="bootstrap"`` for
    inference.

    References
    ----------
    Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state preferences
    from United Nations voting data. *Journal of Conflict Resolution*, 61(2), 430–456.
    Imai, K., Lo, J., & Olmsted, J. (2016). Fast estimation of ideal points with massive
    data. *American Political Science Review*, 110(4), 631–656.
    Varadhan, R., & Roland, C. (2008). Simple and globally convergent methods for
    accelerating the convergence of any EM algorithm. *Scandinavian Journal of
    Statistics*, 35(2), 335–353.

    Examples
    --------
    >>> from blocs.measures import IdealPoints, simulate_ideal_point_votes
    >>> votes, truth, rc = simulate_ideal_point_votes(n_states=30, n_sessions=4,
    ...                                               n_roll_calls=30, seed=1)
    >>> ip = IdealPoints(anchor=1, seed=0).fit(votes, roll_calls=rc)
    >>> ip.converged_
    True
    >>> list(ip.ideal_points_.columns)
    ['ccode', 'session', 'year', 'ideal_point', 'se', 'n_votes']
    """

    _parameter_constraints = {
        "walk_variance": [Options(("estimate",)), Interval(float, 0, None, closed="neither")],
        "discrimination_prior": [Options(("estimate",)), Interval(float, 0, None, closed="neither")],
        "bridge": Options(("text", "none")),
        "anchor": Interval(int, 1, 9999),
        "init": Options(("pca", "random")),
        "se": Options(("variational", "bootstrap")),
        "n_bootstrap": Interval(int, 2, None),
        "max_iter": Interval(int, 1, None),
        "tol": Interval(float, 0, None, closed="neither"),
        "seed": RANDOM_STATE,
        "backend": Options(("numpy", "torch")),
    }

    def __init__(
        self,
        *,
        walk_variance: float | Literal["estimate"] = "estimate",
        discrimination_prior: float | Literal["estimate"] = "estimate",
        bridge: Literal["text", "none"] = "text",
        sessions: SessionsLike = None,
        anchor: int = 2,
        init: Literal["pca", "random"] = "pca",
        se: Literal["variational", "bootstrap"] = "variational",
        n_bootstrap: int = 40,
        max_iter: int = 2000,
        tol: float = 1e-4,
        seed: int | np.random.Generator | None = None,
        backend: Literal["numpy", "torch"] = "numpy",
    ) -> None:
        self.walk_variance = walk_variance
        self.discrimination_prior = discrimination_prior
        self.bridge = bridge
        self.sessions = sessions
        self.anchor = anchor
        self.init = init
        self.se = se
        self.n_bootstrap = n_bootstrap
        self.max_iter = max_iter
        self.tol = tol
        self.seed = seed
        self.backend = backend

    def _check_params(self) -> None:
        self._validate_params()
        for name in ("walk_variance", "discrimination_prior"):
            val = getattr(self, name)
            if isinstance(val, str):
                check_choice(val, ("estimate",), param=name)
            elif isinstance(val, bool) or not isinstance(val, (int, float, np.floating)) or not (
                np.isfinite(val) and val > 0
            ):
                raise InvalidParameterError(
                    f"The {name!r} parameter must be a positive number or 'estimate'; got {val!r} instead"
                )
        check_choice(self.bridge, ("text", "none"), param="bridge")
        check_choice(self.init, ("pca", "random"), param="init")
        check_choice(self.se, ("variational", "bootstrap"), param="se")
        for name, lo in (("max_iter", 1), ("n_bootstrap", 2)):
            val = getattr(self, name)
            if isinstance(val, bool) or not isinstance(val, (int, np.integer)) or val < lo:
                raise InvalidParameterError(
                    f"The {name!r} parameter must be an integer >= {lo}; got {val!r} instead"
                )
        if not isinstance(self.tol, (int, float)) or not self.tol > 0:
            raise InvalidParameterError(f"The 'tol' parameter must be a positive number; got {self.tol!r} instead")
        check_random_state(self.seed)
        check_choice(self.backend, ("numpy", "torch"), param="backend")
        if self.backend == "torch":
            import_torch()  # fail now, with the install hint, if torch is missing

    @cites("Bailey2017", "Imai2016", "Varadhan2008")
    def fit(
        self,
        votes: pd.DataFrame,
        *,
        roll_calls: pd.DataFrame | None = None,
        progress: Callable[[int, float, float], None] | None = None,
    ) -> IdealPoints:
        """Fit ideal points to a long table of votes.

        Parameters
        ----------
        votes : DataFrame
            One row per state and roll call: ``ccode`` (or ``actor``), ``session``,
            ``rcid``, ``vote`` (1 yes, 2 abstain, 3 no, or the strings ``"yes"``,
            ``"abstain"``, ``"no"``; 8 absent, 9 not a member and missing values are
            dropped as missing).  An optional ``descr`` column supplies roll-call texts.
        roll_calls : DataFrame, optional
            ``rcid, descr`` texts for bridging, when ``votes`` has no ``descr``.  For
            tables built from ``un_votes`` or ``un_votes_published`` the catalog's
            ``un_roll_calls`` is used automatically.
        progress : callable, optional
            Called as ``progress(sweeps, max_change, loglik)`` once per SQUAREM cycle while
            the EM runs: sweeps done so far, the largest position change of the last plain
            EM sweep (the fit stops when it falls below ``tol``) and the vote
            log-likelihood.  ``blocs idealpoints`` draws it as a progress line.

        Returns
        -------
        IdealPoints
            ``self``, fitted.
        """
        self._check_params()
        rng = check_random_state(self.seed)
        prep = _prepare(
            votes, roll_calls=roll_calls, bridge=self.bridge, sessions=parse_sessions(self.sessions),
            anchor=self.anchor,
        )
        prob = prep.prob
        omega2 = None if self.walk_variance == "estimate" else float(self.walk_variance)
        tau2 = None if self.discrimination_prior == "estimate" else float(self.discrimination_prior)
        theta0 = pca_start(prob, rng, self.init)
        fit = fit_em(prob, omega2=omega2, tau2=tau2, first=prep.first, theta0=theta0,
                     max_iter=int(self.max_iter), tol=float(self.tol), backend=self.backend,
                     callback=progress)
        var = fit.theta_var
        if self.se == "bootstrap":
            var = var + _bootstrap_se(prob, prep.first, fit, rng, int(self.n_bootstrap), float(self.tol),
                                      int(self.max_iter), self.backend) ** 2
        se = np.sqrt(var)
        self._store(prep, fit, se)
        return self

    def _store(self, prep: _Prepared, fit: Fit, se: np.ndarray) -> None:
        prob = prep.prob
        T = prob.n_sessions
        counts = np.bincount(prob.s, minlength=prob.n_states * T).reshape(prob.n_states, T)
        ii, tt = np.nonzero(counts)
        sess = prep.sessions[tt]
        table = pd.DataFrame({
            prep.key_col: prep.keys[ii],
            "session": sess.astype("int64"),
            "year": (sess + _FIRST_SESSION_YEAR).astype("int64"),
            "ideal_point": fit.theta[ii, tt],
            "se": se[ii, tt],
            "n_votes": counts[ii, tt].astype("int64"),
        })
        system: Literal["cow"] | None = "cow" if prep.key_col == "ccode" else None
        self.ideal_points_ = with_meta(table, TableMeta(unit="state_year", system=system, sources=prep.sources))
        sd = np.sqrt(fit.sigma2)
        rc = prep.rc.copy()
        k = rc["item"].to_numpy()
        rc["discrimination"] = fit.beta[k] / sd[k]
        rc["cut1"] = -fit.alpha[k] / sd[k]
        rc["cut2"] = np.where(prob.binary[k], rc["cut1"], (1.0 - fit.alpha[k]) / sd[k])
        self.items_ = with_meta(rc, TableMeta(unit="other", sources=prep.sources))
        self.dropped_rcids_ = prep.dropped
        self.walk_variance_ = fit.omega2
        self.discrimination_variance_ = fit.tau2
        self.device_ = fit.device
        self.converged_ = fit.converged
        self.n_iter_ = fit.n_iter
        self.n_reflections_ = fit.n_reflections
        self.history_ = pd.DataFrame({
            "iteration": np.arange(1, len(fit.loglik) + 1),
            "loglik": fit.loglik,
            "max_change": fit.max_change,
        })
        self.n_bridged_ = int(rc.loc[rc["bridged"], "item"].nunique())


def _bootstrap_se(
    prob: Problem, first: np.ndarray, fit: Fit, rng: np.random.Generator, B: int, tol: float,
    max_iter: int, backend: str,
) -> np.ndarray:
    """Root mean squared estimation error by a parametric bootstrap of the whole estimator.

    Each replicate draws true paths from the fitted posterior (:func:`sample_paths`, on the
    fit's standardised scale), votes from those paths and the fitted roll calls, refits
    (walk and discrimination variances held at their estimates) and records the refit's
    error against the paths it was simulated from.  The error contains the sampling
    variance, the shrinkage towards the walk and the prior (a truth drawn around the fit is
    more dispersed than the fit, as the real one is) and the posterior spread.
    """
    N, T = fit.theta.shape
    observed = np.bincount(prob.s, minlength=N * T).reshape(N, T) > 0
    sd = np.sqrt(fit.sigma2)[prob.item]
    cut_yes = np.where(prob.binary[prob.item], 0.0, 1.0)
    squared = np.zeros((N, T))
    for b in range(B):
        progress_step("ideal points: bootstrap refits", b, B)
        truth = sample_paths(fit, first, rng)
        seen = truth[observed]
        truth = (truth - seen.mean()) / seen.std()
        z = fit.alpha[prob.item] + fit.beta[prob.item] * truth.ravel()[prob.s] + sd * rng.standard_normal(len(sd))
        y = np.where(z < 0, 0, np.where(z < cut_yes, 1, 2)).astype(np.int8)
        sim = Problem(state=prob.state, tpos=prob.tpos, item=prob.item, y=y, n_states=prob.n_states,
                      n_items=prob.n_items, gaps=prob.gaps, anchor=prob.anchor)
        refit = fit_em(sim, omega2=fit.omega2, tau2=fit.tau2, first=first,
                       theta0=fit.theta, max_iter=max_iter, tol=tol, backend=backend)
        squared += (refit.theta - truth) ** 2
    return np.asarray(np.sqrt(squared / B))


def _prepare(
    votes: pd.DataFrame,
    *,
    roll_calls: pd.DataFrame | None,
    bridge: str,
    sessions: list[int] | None,
    anchor: Any,
) -> _Prepared:
    if not isinstance(votes, pd.DataFrame):
        raise InvalidParameterError(f"votes must be a pandas DataFrame; got {type(votes).__name__}")
    if len(votes) == 0:
        raise InvalidParameterError("votes is empty; pass a table with one row per state and roll call")
    key_col = "ccode" if "ccode" in votes.columns else "actor"
    missing = [c for c in (key_col, "session", "rcid", "vote") if c not in votes.columns]
    if missing:
        raise InvalidParameterError(
            f"votes lacks column(s) {', '.join(map(repr, missing))}; it needs ccode (or actor), "
            "session, rcid and vote"
        )
    sources = set(meta_of(votes).sources)
    cols = [key_col, "session", "rcid", "vote"] + [c for c in ("descr", "short") if c in votes.columns]
    v = votes[cols].copy()
    v["vote"] = _vote_codes(v["vote"])
    v = v[v["vote"].notna() & v[key_col].notna()]
    for c in ("session", "rcid"):
        if v[c].isna().any():
            raise InvalidParameterError(f"votes has missing {c!r} values; every vote needs a session and rcid")
    v = v.astype({"session": "int64", "rcid": "int64", "vote": "int64"})
    present = np.sort(v["session"].unique())
    if sessions is not None:
        bad = sorted(set(sessions) - set(present.tolist()))
        if bad:
            shown = str(bad[0]) if len(bad) == 1 else f"{bad[0]}…{bad[-1]} ({len(bad)} sessions)"
            span = f"{present.min()}–{present.max()}" if len(present) else "none"
            raise CoverageError(
                f"sessions {shown} are not in the votes (sessions with votes: {span}); choose sessions in that range"
            )
        v = v[v["session"].isin(sessions)]
    if len(v) == 0:
        raise InvalidParameterError(
            "votes has no yes/abstain/no votes (after dropping absences and non-members); nothing to fit"
        )
    per_rc = v.groupby("rcid")["session"].nunique()
    if (per_rc > 1).any():
        bad_rc = per_rc[per_rc > 1].index[:5].tolist()
        raise InvalidParameterError(
            f"roll call(s) {bad_rc} appear in more than one session; each rcid must belong to one session"
        )
    dup = v.duplicated([key_col, "rcid"], keep=False)
    if dup.any():
        dups = v.loc[dup, [key_col, "rcid"]].drop_duplicates().head(5)
        pairs = ", ".join(f"({a}, {b})" for a, b in dups.itertuples(index=False))
        raise DuplicateKeysError(
            f"votes has several votes by one state on one roll call ({key_col}, rcid): {pairs}; "
            "keep one row per state and roll call"
        )

    rc = v.groupby("rcid", sort=True).agg(session=("session", "first")).reset_index()
    if bridge == "text":
        text, text_sources = _roll_call_text(v, roll_calls, sources)
        sources |= text_sources
        texts = text.reindex(rc["rcid"].to_numpy())
        texts.index = rc.index
        keyed = bridge_keys(pd.concat([rc[["rcid", "session"]], texts.drop(columns="rcid", errors="ignore")], axis=1))
        rc["bridged"] = keyed["bridged"].to_numpy()
        rc["key"] = np.where(rc["bridged"], "T:" + keyed["text"].fillna("").to_numpy(), "R:" + rc["rcid"].astype(str))
    else:
        rc["bridged"] = False
        rc["key"] = "R:" + rc["rcid"].astype(str)

    v = v.merge(rc[["rcid", "key"]], on="rcid", how="left")
    ncat = v.groupby("key")["vote"].nunique()
    informative = ncat[ncat > 1].index
    dropped_keys = ~rc["key"].isin(informative)
    dropped = rc.loc[dropped_keys, "rcid"].to_numpy()
    rc = rc[~dropped_keys].copy()
    v = v[v["key"].isin(informative)]
    if len(v) == 0:
        raise InvalidParameterError(
            "every roll call in votes is unanimous (one vote category), so positions cannot be estimated"
        )
    rc["item"], _ = pd.factorize(rc["key"], sort=True)
    v = v.merge(rc[["rcid", "item"]], on="rcid", how="left")
    state_idx, key_index = pd.factorize(v[key_col], sort=True)
    keys = np.asarray(key_index)
    sess = np.sort(v["session"].unique())
    tpos = np.searchsorted(sess, v["session"].to_numpy())
    where = np.flatnonzero(keys == anchor)
    if len(where) == 0:
        raise InvalidParameterError(
            f"anchor {anchor!r} casts no vote in the data; pass anchor= a {key_col} present in votes "
            "(the state put on the positive side; default 2, the United States)"
        )
    y = (3 - v["vote"].to_numpy()).astype(np.int8)  # 0 no, 1 abstain, 2 yes
    gaps = np.r_[0.0, np.diff(sess).astype(np.float64)]
    prob = Problem(
        state=state_idx.astype(np.int64), tpos=tpos.astype(np.int64),
        item=v["item"].to_numpy().astype(np.int64), y=y, n_states=len(keys),
        n_items=int(rc["item"].max()) + 1, gaps=gaps, anchor=int(where[0]),
    )
    first = np.full(len(keys), len(sess), dtype=np.int64)
    np.minimum.at(first, prob.state, prob.tpos)
    n_votes = v.groupby("rcid").size()
    rc["n_votes"] = rc["rcid"].map(n_votes).astype("int64")
    rc = rc[["rcid", "session", "item", "bridged", "n_votes"]].reset_index(drop=True)
    return _Prepared(prob, first, keys, sess, rc, dropped, key_col, tuple(sorted(sources)))


def _vote_codes(vote: pd.Series) -> pd.Series:
    """1/2/3 kept; 8, 9 and missing -> NA; yes/abstain/no strings mapped; others raise."""
    if vote.dtype == object or pd.api.types.is_string_dtype(vote) or isinstance(vote.dtype, pd.CategoricalDtype):
        as_str = vote.astype("string").str.strip().str.lower()
        mapped = as_str.map(_VOTE_TEXT)
        numeric = pd.to_numeric(as_str.where(mapped.isna()), errors="coerce")
        bad_mask = as_str.notna() & mapped.isna() & numeric.isna()
        if bad_mask.any():
            bad = sorted(as_str[bad_mask].unique().tolist())[:5]
            raise InvalidParameterError(
                f"vote has code(s) {bad} that are not allowed; use 1 yes, 2 abstain, 3 no "
                "(or 'yes', 'abstain', 'no'); 8 absent, 9 non-member and missing values count as missing"
            )
        vote = mapped.fillna(numeric)
    num = pd.to_numeric(vote, errors="coerce").astype("Float64")
    ok = num.isna() | num.isin([1, 2, 3, *_MISSING_CODES])
    if not ok.all():
        bad = sorted({float(x) for x in num[~ok].unique()})[:5]
        shown = [int(b) if float(b).is_integer() else b for b in bad]
        raise InvalidParameterError(
            f"vote has code(s) {shown} that are not allowed; use 1 yes, 2 abstain, 3 no; "
            "8 absent, 9 non-member and missing values count as missing"
        )
    return num.where(~num.isin(_MISSING_CODES))


def _roll_call_text(
    v: pd.DataFrame, roll_calls: pd.DataFrame | None, sources: set[Source]
) -> tuple[pd.DataFrame, set[Source]]:
    """rcid -> ``descr`` (and ``short`` where known) for bridging, from the votes,
    ``roll_calls`` or the catalog."""
    if "descr" in v.columns:
        cols = ["descr"] + (["short"] if "short" in v.columns else [])
        return v.drop_duplicates("rcid").set_index("rcid")[cols], set()
    if roll_calls is not None:
        if not isinstance(roll_calls, pd.DataFrame) or not {"rcid", "descr"} <= set(roll_calls.columns):
            raise InvalidParameterError("roll_calls must be a DataFrame with columns rcid and descr")
        if roll_calls["rcid"].duplicated().any():
            raise DuplicateKeysError("roll_calls has duplicated rcid values; give one text per roll call")
        cols = ["descr"] + (["short"] if "short" in roll_calls.columns else [])
        return roll_calls.set_index("rcid")[cols], set(meta_of(roll_calls).sources)
    names = {s.name for s in sources}
    if names & {"un_votes", "un_votes_published"}:
        rc = load("un_roll_calls")
        return rc.set_index("rcid")[["descr", "short"]], {get_dataset("un_roll_calls").source}
    raise InvalidParameterError(
        "bridge='text' needs roll-call texts: include a 'descr' column in votes, pass "
        "roll_calls=DataFrame(rcid, descr), or set bridge='none'"
    )


# --------------------------------------------------------------------------- joins


def _ideal_point_table(ideal_points: pd.DataFrame | IdealPoints | None) -> pd.DataFrame:
    if ideal_points is None:
        return _default_fit()
    if isinstance(ideal_points, IdealPoints):
        if not hasattr(ideal_points, "ideal_points_"):
            raise InvalidParameterError("ideal_points is an unfitted IdealPoints; call .fit(votes) first")
        return ideal_points.ideal_points_
    if isinstance(ideal_points, pd.DataFrame):
        need = {"ccode", "year", "ideal_point"}
        if not need <= set(ideal_points.columns):
            raise InvalidParameterError(
                "ideal_points must have columns ccode, year, ideal_point (IdealPoints().fit(...).ideal_points_)"
            )
        return ideal_points
    raise InvalidParameterError(
        f"ideal_points must be None, a fitted IdealPoints or its ideal_points_ table; got {type(ideal_points).__name__}"
    )


_DEFAULT_FIT: dict[str, pd.DataFrame] = {}


def _default_fit() -> pd.DataFrame:
    """Ideal points with default settings on :func:`default_un_votes`: memoised per process and
    cached on disk by :func:`fit_ideal_points`, so only the first call anywhere pays for the fit."""
    if "fit" not in _DEFAULT_FIT:
        # imported here: the cache module builds on this one
        from blocs.measures._idealpoint_cache import fit_ideal_points

        _DEFAULT_FIT["fit"] = fit_ideal_points(estimator=IdealPoints(seed=0))
    return _DEFAULT_FIT["fit"]


def _year_table(ip: pd.DataFrame) -> pd.DataFrame:
    cols = ["ccode", "year", "ideal_point"] + (["se"] if "se" in ip.columns else [])
    t = ip[cols]
    dup = t.duplicated(["ccode", "year"], keep=False)
    if dup.any():
        shown = t.loc[dup, ["ccode", "year"]].drop_duplicates().head(5)
        pairs = ", ".join(f"({a}, {b})" for a, b in shown.itertuples(index=False))
        raise DuplicateKeysError(f"ideal_points has several rows for (ccode, year): {pairs}; keep one per state-year")
    return t


def _check_table(table: pd.DataFrame, unit: str, func: str) -> TableMeta:
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(f"{func} takes a pandas DataFrame; got {type(table).__name__}")
    meta = meta_of(table)
    if meta.system == "gw":
        raise InfeasibleOptionError(
            f"{func}: ideal points are keyed by COW codes and the table uses Gleditsch-Ward codes; "
            "build the table with system='cow'"
        )
    return meta


def _join(table: pd.DataFrame, right: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    out = table.merge(right, on=on, how="left", validate="many_to_one")
    if len(out) != len(table):  # pragma: no cover - validate= guarantees this
        raise DuplicateKeysError("join changed the number of rows")
    out.index = table.index
    return out


@cites("Bailey2017", "Imai2016")
def add_ideal_points(
    table: pd.DataFrame,
    *,
    ideal_points: pd.DataFrame | IdealPoints | None = None,
) -> pd.DataFrame:
    """Add UN ideal points to a state-year or dyad-year table.

    State-years get ``ideal_point`` and ``ideal_point_se``; dyad-years get
    ``ideal_point1``, ``ideal_point2`` (and the ``_se`` columns) for ``ccode1``/``ccode2``.
    Years without a General Assembly session for that state (non-members, years
    outside the fitted sessions) are missing.  Session ``s`` is matched to year
    ``1945 + s``, the year it opened.

    Parameters
    ----------
    table : DataFrame
        A blocs state-year (``ccode, year``) or dyad-year (``ccode1, ccode2, year``) table,
        COW system.
    ideal_points : DataFrame, IdealPoints or None, default None
        Fitted positions (``IdealPoints().fit(...)`` or its ``ideal_points_``).  ``None``
        fits the default model to the default UN votes (about 10-20 s on 2 cores), once
        per process.

    Returns
    -------
    DataFrame
        ``table`` with the new columns; same rows, same order, sources extended.

    Raises
    ------
    InvalidParameterError
        The table is neither a state-year nor a dyad-year table, or ``ideal_points`` lacks columns.
    InfeasibleOptionError
        The table uses Gleditsch-Ward codes.
    DuplicateKeysError
        ``ideal_points`` has several rows for one state-year.

    References
    ----------
    Bailey, Strezhnev & Voeten (2017), *Journal of Conflict Resolution* 61(2): 430–456.

    Examples
    --------
    >>> import pandas as pd
    >>> from blocs import declare
    >>> ip = pd.DataFrame({"ccode": [2, 365], "year": [1960, 1960], "ideal_point": [1.5, -1.2]})
    >>> t = declare(pd.DataFrame({"ccode": [2, 365, 2], "year": [1960, 1960, 1961]}),
    ...             unit="state_year", system="cow")
    >>> add_ideal_points(t, ideal_points=ip)["ideal_point"].tolist()
    [1.5, -1.2, nan]
    """
    meta = _check_table(table, "state_year", "add_ideal_points")
    ip = _ideal_point_table(ideal_points)
    right = _year_table(ip).rename(columns={"se": "ideal_point_se"})
    if meta.unit == "state_year":
        out = _join(table, right, ["ccode", "year"])
    elif meta.unit == "dyad_year":
        out = table
        for side in ("1", "2"):
            r = right.rename(columns={c: f"{c}{side}" for c in right.columns if c != "year"})
            out = _join(out, r, [f"ccode{side}", "year"])
    else:
        raise InvalidParameterError(
            f"add_ideal_points needs a state_year or dyad_year table; this table's unit is {meta.unit!r}. "
            "Build it with create_state_years()/create_dyad_years() or tag it with declare()"
        )
    return with_meta(out, meta.with_sources(*meta_of(ip).sources))


@cites("Bailey2017", "Imai2016")
def add_ideal_point_distance(
    table: pd.DataFrame,
    *,
    ideal_points: pd.DataFrame | IdealPoints | None = None,
) -> pd.DataFrame:
    r"""Add the ideal-point distance :math:`|\theta_{1t} - \theta_{2t}|` to a dyad-year table.

    The absolute difference of the two states' positions in the session that opened in
    ``year`` (Bailey, Strezhnev & Voeten 2017 recommend it over vote-agreement scores:
    it is not moved by changes in the agenda).  Missing when either state has no position.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (``ccode1, ccode2, year``), COW system.
    ideal_points : DataFrame, IdealPoints or None, default None
        As in :func:`add_ideal_points`.

    Returns
    -------
    DataFrame
        ``table`` with ``ideal_point_distance``; same rows and order.

    Raises
    ------
    InvalidParameterError
        The table is not a dyad-year table.
    InfeasibleOptionError
        The table uses Gleditsch-Ward codes.

    References
    ----------
    Bailey, Strezhnev & Voeten (2017), *Journal of Conflict Resolution* 61(2): 430–456.

    Examples
    --------
    >>> import pandas as pd
    >>> from blocs import declare
    >>> ip = pd.DataFrame({"ccode": [2, 365], "year": [1960, 1960], "ideal_point": [1.5, -1.2]})
    >>> d = declare(pd.DataFrame({"ccode1": [2], "ccode2": [365], "year": [1960]}),
    ...             unit="dyad_year", system="cow", directed=False)
    >>> round(float(add_ideal_point_distance(d, ideal_points=ip)["ideal_point_distance"].iloc[0]), 2)
    2.7
    """
    meta = _check_table(table, "dyad_year", "add_ideal_point_distance")
    if meta.unit != "dyad_year":
        raise InvalidParameterError(
            f"add_ideal_point_distance needs a dyad_year table; this table's unit is {meta.unit!r}. "
            "Build it with create_dyad_years() or tag it with declare(unit='dyad_year')"
        )
    ip = _ideal_point_table(ideal_points)
    right = _year_table(ip)[["ccode", "year", "ideal_point"]]
    pos = table[["ccode1", "ccode2", "year"]]
    for side in ("1", "2"):
        pos = _join(pos, right.rename(columns={"ccode": f"ccode{side}", "ideal_point": f"p{side}"}),
                    [f"ccode{side}", "year"])
    out = table.copy()
    out["ideal_point_distance"] = (pos["p1"] - pos["p2"]).abs().to_numpy()
    return with_meta(out, meta.with_sources(*meta_of(ip).sources))
