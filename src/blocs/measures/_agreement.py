"""Dyadic UN General Assembly voting agreement (Voeten's agreement index)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from blocs._errors import CoverageError
from blocs._meta import meta_of, with_meta
from blocs._validation import check_choice
from blocs.data import cites
from blocs.measures._similarity import _check_dyad_table, _fill_from_matrices, _votes_of_named, un_portfolios

__all__ = ["add_un_agreement"]

Issue = Literal["me", "nu", "di", "hr", "co", "ec"]


@cites("Voeten2000")
def add_un_agreement(
    table: pd.DataFrame,
    *,
    issues: Sequence[Issue] | None = None,
    important_only: bool = False,
) -> pd.DataFrame:
    """Add the share of UN General Assembly votes on which the two states agree.

    For the roll calls of the session opening in ``year`` on which both states voted
    (yes = 1, abstain = 2, no = 3)::

        agree = mean_k ( 1 - |v_ik - v_jk| / 2 )

    so identical votes count 1, yes-vs-no 0, and a vote against an abstention 1/2:
    abstention is half agreement, as in Voeten (2000) and the agreement scores
    distributed with the Voeten UN voting data.  Equivalently ``agree = (1 + S) / 2`` with
    Signorino–Ritter S (absolute distance) on the vote portfolio.

    Parameters
    ----------
    table : DataFrame
        Dyad-year table (unit ``"dyad_year"``, COW codes), directed or not.
    issues : list of {"me", "nu", "di", "hr", "co", "ec"}, optional
        Keep only roll calls coded with at least one of these Voeten issues (Middle East,
        nuclear, disarmament, human rights, colonialism, economic development).
        Default: all roll calls.
    important_only : bool, default False
        Keep only the US State Department's "important votes" (coded from 1983, session
        38/39 on; earlier years then have no votes and come back missing).

    Returns
    -------
    DataFrame
        ``table`` plus ``un_agree<suffix>`` (in [0, 1]), ``un_n_votes<suffix>`` (roll calls
        both states voted on) and ``un_agree_note<suffix>`` (missing when the agreement is
        defined, else ``"not_in_universe"`` — a state cast no vote that session-year or the
        year has no roll calls after filtering — or ``"no_common_items"``).  The suffix
        names the filters: ``_imp`` for important votes, ``_<issue>`` for each issue, e.g.
        ``un_agree_imp_hr``; none without filters.  Row count unchanged.

    Raises
    ------
    InvalidParameterError
        Not a COW dyad-year table; unknown issue code.
    CoverageError
        No roll call passes the filters.
    DuplicateKeysError
        Duplicated (ccode1, ccode2, year) rows.

    Notes
    -----
    Members absent from a vote or not yet admitted are missing for that vote, never
    "no".  Years follow Voeten's session-year convention (``year = session + 1945``); the
    19th session (1964) held no recorded votes, so 1964 is missing.

    References
    ----------
    Voeten, E. (2000). Clashes in the Assembly. *International Organization* 54(2), 185–215.

    Examples
    --------
    >>> import pandas as pd
    >>> from blocs import declare
    >>> t = declare(pd.DataFrame({"ccode1": [2], "ccode2": [200], "year": [1985]}),
    ...             unit="dyad_year", system="cow")
    >>> float(add_un_agreement(t)["un_agree"].iloc[0]) > 0.6
    True
    """
    from blocs.system import UN_ISSUES
    from blocs.system._unvotes import _shared_un_votes

    _check_dyad_table(table, "add_un_agreement")
    chosen = list(dict.fromkeys(issues or []))
    for code in chosen:
        check_choice(code, tuple(UN_ISSUES), param="issues")
    votes = _shared_un_votes()  # read-only here: only filtered
    keep = np.ones(len(votes), dtype=bool)
    if chosen:
        keep &= votes[chosen].to_numpy().any(axis=1)
    if important_only:
        keep &= (votes["importantvote"] == 1).fillna(False).to_numpy()
    if not keep.all():
        votes = votes[keep]
    suffix = ("_imp" if important_only else "") + "".join(f"_{c}" for c in chosen)
    if votes.empty:
        raise CoverageError(
            f"no UN roll call passes issues={chosen} important_only={important_only}; relax the filters"
        )
    years = sorted(int(y) for y in pd.unique(table["year"]))
    cols = _fill_from_matrices(table, un_portfolios(_votes_of_named(votes, table), years), ["s_abs"], "un")
    out = table.copy()
    out[f"un_agree{suffix}"] = (1.0 + cols["un_s_abs"]) / 2.0
    out[f"un_n_votes{suffix}"] = cols["un_n_items"]
    out[f"un_agree_note{suffix}"] = pd.array(cols["un_sim_note"], dtype="string")
    return with_meta(out, meta_of(table).with_sources(*meta_of(votes).sources))
