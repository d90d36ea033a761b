"""Monthly signed networks from aggregated event data: a tie recipe on net cooperation.

Alliances, disputes and rivalries are yearly; event data reach today at monthly
resolution.  A dyad-month is signed by its net cooperation (cooperative minus conflictual
events, :func:`blocs.events.aggregate_events`) or its Goldstein sum:

    sign = +1 if measure > threshold, -1 if measure < -threshold, else no tie,

and only dyad-months with at least ``min_events`` events are signed (a month with one
report is weak evidence).  The weight is ``|measure|``.  Directed tables are made
undirected first by summing both directions.  The monthly networks feed the same balance
and triangle code as the yearly ones.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import TableMeta, meta_of, with_meta
from blocs._validation import check_choice
from blocs.data import cites
from blocs.events._coding import ADDITIVE_COLUMNS
from blocs.networks._balance import structural_balance
from blocs.networks._triangles import classify_triangle

__all__ = ["event_signed_network", "event_balance_timeline", "event_triangle"]

Measure = Literal["net_coop", "goldstein_sum"]


def _code_columns(events: pd.DataFrame) -> tuple[str, str]:
    for pair in (("ccode1", "ccode2"), ("gwcode1", "gwcode2")):
        if all(c in events.columns for c in pair):
            return pair
    raise InvalidParameterError(
        f"events must be a dyad table from blocs.events.aggregate_events (ccode1, ccode2, year, month, …); "
        f"it has {list(events.columns)[:10]}"
    )


def event_signed_network(
    events: pd.DataFrame,
    *,
    measure: Measure = "net_coop",
    threshold: float = 0.0,
    min_events: int = 1,
) -> pd.DataFrame:
    """Signed dyad-month ties from an aggregated event table (dyad-month or dyad-day).

    Parameters
    ----------
    events : DataFrame
        Output of :func:`blocs.events.aggregate_events` with ``by="month"`` (or ``"day"``,
        summed to months), directed or not; its metadata says which.
    measure : {"net_coop", "goldstein_sum"}, default "net_coop"
        Net cooperation (cooperative minus conflictual event counts; recommended: it does
        not let one violent report outweigh many cooperative ones) or the Goldstein sum.
    threshold : float, default 0
        Ties need ``|measure| > threshold``.
    min_events : int, default 1
        Dyad-months with fewer events are not signed.

    Returns
    -------
    DataFrame
        ``year, month, source, target`` (``source < target``), ``sign`` (+1/-1),
        ``weight`` (``|measure|``), ``events``, ``net_coop``, ``goldstein_sum``. Metadata:
        undirected, the event table's system and sources.

    Raises
    ------
    InvalidParameterError
        Not an event dyad table with a month, or a bad option.

    References
    ----------
    Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. Journal of
    Conflict Resolution 36(2): 369-385.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"ccode1": [2, 365], "ccode2": [365, 2], "year": [2018, 2018], "month": [6, 6],
    ...                    "events": [3, 2], "verbal_coop": [1, 0], "material_coop": [0, 0],
    ...                    "verbal_conflict": [2, 2], "material_conflict": [0, 0],
    ...                    "goldstein_sum": [-2.0, -4.0], "net_coop": [-1, -2]})
    >>> event_signed_network(ev)[["source", "target", "sign", "weight"]].values.tolist()
    [[2.0, 365.0, -1.0, 3.0]]
    """
    check_choice(measure, ("net_coop", "goldstein_sum"), param="measure")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not threshold >= 0:
        raise InvalidParameterError(f"threshold must be a number >= 0; got {threshold!r}")
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise InvalidParameterError(f"min_events must be a positive integer; got {min_events!r}")
    k1, k2 = _code_columns(events)
    need = ["year", "month", *ADDITIVE_COLUMNS]
    missing = [c for c in need if c not in events.columns]
    if missing:
        raise InvalidParameterError(
            f"events lacks {missing}; aggregate with by='month' (or 'day'), e.g. "
            "aggregate_events(files, format=..., by='month').table"
        )
    meta = meta_of(events)
    t = events.assign(source=np.minimum(events[k1], events[k2]), target=np.maximum(events[k1], events[k2]))
    t = t[t["source"] != t["target"]]
    g = t.groupby(["year", "month", "source", "target"], as_index=False)[list(ADDITIVE_COLUMNS)].sum()
    value = g[measure].astype(float)
    keep = (g["events"] >= min_events) & (value.abs() > threshold)
    out = g[keep].assign(sign=np.sign(value[keep]).astype("int64"), weight=value[keep].abs())
    out = out[["year", "month", "source", "target", "sign", "weight", "events", "net_coop", "goldstein_sum"]]
    out = out.sort_values(["year", "month", "source", "target"]).reset_index(drop=True)
    system = meta.system if meta.system is not None else ("cow" if k1 == "ccode1" else "gw")
    return with_meta(out, TableMeta(unit="dyad", system=system, directed=False, sources=meta.sources))


def _months(net: pd.DataFrame) -> list[tuple[int, int]]:
    return [(int(y), int(m)) for y, m in net[["year", "month"]].drop_duplicates().sort_values(["year", "month"]).values]


def event_balance_timeline(
    events: pd.DataFrame,
    *,
    measure: Measure = "net_coop",
    threshold: float = 0.0,
    min_events: int = 1,
    weighted: bool = False,
    method: Literal["exact", "mip", "heuristic"] = "exact",
) -> pd.DataFrame:
    """Structural balance month by month of the event-signed network.

    Parameters
    ----------
    events : DataFrame
        Dyad-month (or dyad-day) table from :func:`blocs.events.aggregate_events`.
    measure, threshold, min_events
        As for :func:`event_signed_network`.
    weighted : bool, default False
        Frustration as total ``|measure|`` instead of a count of edges.
    method : {"exact", "mip", "heuristic"}, default "exact"
        As for :func:`blocs.networks.structural_balance`.

    Returns
    -------
    DataFrame
        ``year, month, nodes, edges, negative, frustration, lower_bound, gap`` and
        ``balance`` (1 - frustration / edges).

    References
    ----------
    Aref, S., Mason, A. J. and Wilson, M. C. (2020). A modeling and computational study of
    the frustration index in signed networks. Networks 75(1): 95-110.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"ccode1": [2, 2, 710], "ccode2": [710, 365, 365], "year": 2018, "month": 6,
    ...                    "events": 1, "verbal_coop": 0, "material_coop": 0, "verbal_conflict": 1,
    ...                    "material_conflict": 0, "goldstein_sum": -2.0, "net_coop": -1})
    >>> event_balance_timeline(ev)[["edges", "frustration"]].values.tolist()
    [[3.0, 1.0]]
    """
    net = event_signed_network(events, measure=measure, threshold=threshold, min_events=min_events)
    rows: list[dict[str, Any]] = []
    for y, m in _months(net):
        month = net[(net["year"] == y) & (net["month"] == m)][["source", "target", "sign", "weight"]]
        res = structural_balance(month, weighted=weighted, method=method)
        edges = len(month)
        rows.append({
            "year": y, "month": m, "nodes": len(pd.unique(month[["source", "target"]].values.ravel())),
            "edges": edges, "negative": int((month["sign"] < 0).sum()), "frustration": res.frustration,
            "lower_bound": res.lower_bound, "gap": res.gap,
            "balance": 1.0 - res.frustration / (month["weight"].sum() if weighted else edges),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=["year", "month", "nodes", "edges", "negative", "frustration", "lower_bound",
                                      "gap", "balance"])  # fmt: skip
    return with_meta(out, TableMeta(unit="other", system=meta_of(net).system, sources=meta_of(net).sources))


@cites("Dittmer1981")
def event_triangle(
    events: pd.DataFrame,
    a: int,
    b: int,
    c: int,
    *,
    measure: Measure = "net_coop",
    threshold: float = 0.0,
    min_events: int = 1,
) -> pd.DataFrame:
    """Month-by-month Dittmer type of the triangle of states ``a, b, c`` from event data.

    A pair without a signed tie in a month (no events, or ``|measure| <= threshold``) is
    neutral and the triangle is ``incomplete`` that month.

    Parameters
    ----------
    events : DataFrame
        Dyad-month (or dyad-day) table from :func:`blocs.events.aggregate_events`.
    a, b, c : int
        Three distinct state codes of the table's system (e.g. 2, 710, 365).
    measure, threshold, min_events
        As for :func:`event_signed_network`.

    Returns
    -------
    DataFrame
        ``year, month, a, b, c, type, pivot, pariah, sign_ab, sign_ac, sign_bc,
        net_coop_ab, net_coop_ac, net_coop_bc, neutral`` for every month of the table.

    References
    ----------
    Dittmer, L. (1981). The strategic triangle. World Politics 33(4): 485-515.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"ccode1": [2, 2, 365], "ccode2": [710, 365, 710], "year": 2018, "month": 6,
    ...                    "events": 2, "verbal_coop": [0, 0, 2], "material_coop": 0,
    ...                    "verbal_conflict": [2, 2, 0], "material_conflict": 0,
    ...                    "goldstein_sum": 0.0, "net_coop": [-2, -2, 2]})
    >>> event_triangle(ev, 2, 710, 365)[["type", "pariah"]].values.tolist()
    [['stable_marriage', 2]]
    """
    codes = []
    for name, v in (("a", a), ("b", b), ("c", c)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidParameterError(f"{name} must be a state code (int); got {v!r}")
        codes.append(int(v))
    if len(set(codes)) < 3:
        raise InvalidParameterError(f"a triangle needs three distinct states; got {codes}")
    net = event_signed_network(events, measure=measure, threshold=threshold, min_events=min_events)
    k1, k2 = _code_columns(events)
    months = sorted({(int(y), int(m)) for y, m in events[["year", "month"]].drop_duplicates().values})
    ties = net.set_index(["year", "month", "source", "target"])
    pairs = {"ab": (codes[0], codes[1]), "ac": (codes[0], codes[2]), "bc": (codes[1], codes[2])}
    rows = []
    for y, m in months:
        row: dict[str, Any] = {"year": y, "month": m, "a": codes[0], "b": codes[1], "c": codes[2]}
        signs = {}
        for key, (u, v) in pairs.items():
            k = (y, m, min(u, v), max(u, v))
            hit = k in ties.index
            signs[key] = int(ties.loc[k, "sign"]) if hit else 0  # type: ignore[arg-type]
            row[f"sign_{key}"] = signs[key]
            row[f"net_coop_{key}"] = int(ties.loc[k, "net_coop"]) if hit else 0  # type: ignore[arg-type]
        cls = classify_triangle(signs["ab"], signs["ac"], signs["bc"], names=tuple(codes))  # type: ignore[arg-type]
        row.update(type=cls["type"], pivot=cls["pivot"], pariah=cls["pariah"],
                   neutral=", ".join(f"{p}-{q}" for p, q in cls["neutral"]))  # fmt: skip
        rows.append(row)
    cols = ["year", "month", "a", "b", "c", "type", "pivot", "pariah", "sign_ab", "sign_ac", "sign_bc",
            "net_coop_ab", "net_coop_ac", "net_coop_bc", "neutral"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out["pivot"] = out["pivot"].astype("Int64")
    out["pariah"] = out["pariah"].astype("Int64")
    return with_meta(out, TableMeta(unit="other", system=meta_of(net).system, sources=meta_of(net).sources))
