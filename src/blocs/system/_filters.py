"""Filters: verbs that drop rows (politically relevant dyads)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import meta_of, with_meta
from blocs._validation import check_choice
from blocs.data import cites
from blocs.system._enrich_geography import CONTIGUITY_RULES, ContiguityRule, add_contiguity
from blocs.system._enrich_monadic import add_cow_majors
from blocs.system._join import attach, keys_of

__all__ = ["filter_prd"]


@cites("Weede1976", "Lemke2001", "Stinnett2002", "COW2017states")
def filter_prd(table: pd.DataFrame, *, contiguity: ContiguityRule = "closest") -> pd.DataFrame:
    """Keep only politically relevant dyad-years: contiguous pairs, or pairs with a major power.

    ``prd = 1`` if ``conttype ≥ 1`` (land or up to 400 miles of water), or if
    ``conttype = 0`` and either state is a COW major power (``cowmaj1 = 1`` or
    ``cowmaj2 = 1``); rows with ``prd = 0`` or unknown inputs are dropped.

    Parameters
    ----------
    table : DataFrame
        A blocs dyad-year table (directed or not). If it lacks ``conttype`` or
        ``cowmaj1``/``cowmaj2``, they are added first with :func:`add_contiguity` and
        :func:`add_cow_majors` (as peacesciencer's ``filter_prd()`` does); columns already
        present are used as they are.
    contiguity : {"closest", "first", "last"}, default "closest"
        The within-year rule passed to :func:`add_contiguity` when ``conttype`` is added
        here (``"first"`` reproduces peacesciencer 1.2.9).

    Returns
    -------
    DataFrame
        The politically relevant rows of ``table`` (original order and index), with
        ``conttype``, ``cowmaj1``, ``cowmaj2`` and ``prd`` (Int64, always 1).

    Raises
    ------
    InfeasibleOptionError
        ``table`` is not a dyad-year table.
    InvalidParameterError
        ``table`` already has a ``prd`` column, or ``contiguity`` is not a rule.

    Notes
    -----
    Dyad-years outside contiguity's and major-power status' coverage (after 2016) have
    unknown relevance and are dropped, as in peacesciencer. With ``contiguity="first"``
    the result equals peacesciencer 1.2.9's ``create_dyadyears(directed = FALSE,
    subset_years = 1816:2014) %>% filter_prd()`` row for row.

    References
    ----------
    Weede (1976), Overwhelming Preponderance as a Pacifying Condition among Contiguous
    Asian Dyads; Lemke & Reed (2001), The Relevance of Politically Relevant Dyads.

    Examples
    --------
    >>> from blocs.system import create_dyad_years
    >>> prd = filter_prd(create_dyad_years(directed=False, years=1970))
    >>> bool(((prd.ccode1 == 2) & (prd.ccode2 == 710)).any())  # a major power
    True
    >>> bool(((prd.ccode1 == 95) & (prd.ccode2 == 835)).any())  # Panama–Brunei: neither
    False
    """
    check_choice(contiguity, CONTIGUITY_RULES, param="contiguity")
    keys_of(table, function="filter_prd", dyadic_only=True)
    if "prd" in table.columns:
        raise InvalidParameterError("filter_prd(): the table already has a 'prd' column; drop it first")
    out = table
    if "conttype" not in out.columns:
        out = add_contiguity(out, rule=contiguity)
    if "cowmaj1" not in out.columns or "cowmaj2" not in out.columns:
        if "cowmaj1" in out.columns or "cowmaj2" in out.columns:
            raise InvalidParameterError(
                "filter_prd(): the table has only one of cowmaj1/cowmaj2; drop it or add both with add_cow_majors()"
            )
        out = add_cow_majors(out)
    cont, maj1, maj2 = (out[c].astype("Int64") for c in ("conttype", "cowmaj1", "cowmaj2"))
    relevant = (cont >= 1) | ((cont == 0) & ((maj1 == 1) | (maj2 == 1)))
    keep = relevant.fillna(False).to_numpy(dtype=bool)
    ones = pd.arrays.IntegerArray(np.ones(len(out), dtype=np.int64), np.zeros(len(out), dtype=bool))
    flagged = attach(out, {"prd": ones}, (), function="filter_prd")
    result = flagged[keep]
    return with_meta(result, meta_of(flagged))
