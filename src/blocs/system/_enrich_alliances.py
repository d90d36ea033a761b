"""Alliance obligations from ATOP 5.1 (directed dyad-year flags)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from blocs.data import cites, load
from blocs.system._join import Prepared, attach, join_dyadic, keys_of, prepare_dyadic

__all__ = ["add_atop_alliance"]

ATOP_COLUMNS = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]


@cache
def _atop() -> Prepared:
    return prepare_dyadic(
        load("atop_alliance"), name="atop_alliance", code1="ccode1", code2="ccode2", columns=ATOP_COLUMNS
    )


@cites("Leeds2002")
def add_atop_alliance(table: pd.DataFrame) -> pd.DataFrame:
    """Add ATOP 5.1 alliance obligations (defence, offence, neutrality, non-aggression, consultation).

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not).

    Returns
    -------
    DataFrame
        ``table`` plus ``atop_defense, atop_offense, atop_neutral, atop_nonagg,
        atop_consul`` (Int64). Directed tables: 1 if ATOP records that obligation of
        ccode1 towards ccode2 in the year (ATOP's directed flags can be asymmetric, e.g.
        a one-sided guarantee). Undirected tables: 1 if the obligation exists in either
        direction. 0 inside ATOP's coverage (1815–2018) when there is none; <NA> outside.

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.

    Notes
    -----
    ATOP codes states with COW codes, so code 710 is "China" across regimes: the
    Nationalist government's treaties with the USSR (1942–1945, including the August
    1945 Treaty of Friendship and Alliance) and the PRC's 1950 treaty appear as one
    unbroken run of ``atop_defense = 1`` for 710–365 from 1942 to 1980 (the 1950 treaty
    lapsed in 1980). blocs shows the flags as ATOP codes them and does not split 710 at
    1949; split by year yourself if the regime matters for your question.

    References
    ----------
    Leeds, Ritter, Mitchell & Long (2002), ATOP 1815–1944. ATOP v5.1 dyad-year file
    (atop5_1ddyr) via peacesciencer.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> dy = add_atop_alliance(create_dyad_years(years="1979-1981"))
    >>> dy.loc[(dy.ccode1 == 710) & (dy.ccode2 == 365), "atop_defense"].tolist()
    [1, 1, 0]
    """
    keys = keys_of(table, function="add_atop_alliance", dyadic_only=True)
    prep = _atop()
    cols = join_dyadic(keys, prep, system="cow", fill_zero=tuple(ATOP_COLUMNS), either_direction=True)
    return attach(table, cols, prep.sources + keys.sources_for("cow"), function="add_atop_alliance")
