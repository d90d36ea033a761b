"""A dyad's timeline: alignment, power and conflict of one pair of states, year by year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from blocs._errors import InvalidParameterError, UnknownCountryError
from blocs._meta import Source, meta_of
from blocs._validation import Options, Years, YearsLike, check_param
from blocs.query._result import QueryResult
from blocs.query._states import Resolution, resolve_state

__all__ = ["DyadTimeline", "dyad_timeline", "obligation"]

System = Literal["cow", "gw"]

#: ATOP obligation columns and their short labels, in display order.
OBLIGATIONS: dict[str, str] = {"defense": "def", "offense": "off", "neutral": "neu", "nonagg": "nag", "consul": "con"}

#: Columns of a dyad timeline, what each means, and (for docs and renderers) a short label.
DYAD_COLUMNS: dict[str, tuple[str, str]] = {
    "obligation": ("ATOP", "ATOP obligations in force (def/off/neu/nag/con; '-' none; 'n/a' outside ATOP)"),
    "atop_s_abs": ("S", "alliance-portfolio S (absolute distances), Signorino & Ritter 1999"),
    "atop_s_wt_abs": ("Swt", "CINC-weighted alliance S"),
    "atop_kappa_sq": ("kap", "alliance-portfolio Cohen's kappa (squared distances), Häge 2011"),
    "un_agree": ("UNag", "UN General Assembly vote agreement"),
    "un_kappa_sq": ("UNkap", "UN vote kappa (squared distances)"),
    "ideal_point1": ("ip1", "UN ideal point of state 1 (Bailey, Strezhnev & Voeten 2017)"),
    "ideal_point2": ("ip2", "UN ideal point of state 2"),
    "ideal_point_distance": ("ipd", "distance between the two ideal points"),
    "cap_share1": ("shr1", "state 1's share of the pair's CINC"),
    "cap_ratio": ("ratio", "stronger / weaker CINC"),
    "cowmidongoing": ("MID", "a COW militarised dispute ongoing"),
    "ongoingrivalry": ("riv", "a Thompson-Sakuwa-Suhas strategic rivalry ongoing"),
    "cowinterongoing": ("war", "a COW inter-state war ongoing"),
    "ucdpongoing": ("ucdp", "primary parties on opposite sides of a UCDP/PRIO armed conflict"),
    "ucdpongoing_2nd": ("ucdp2", "on opposite sides of a UCDP/PRIO armed conflict, one as a secondary supporter"),
}


def obligation(row: pd.Series | dict[str, Any]) -> str:
    """The ATOP obligations of a dyad-year as a short label ("def+nag"), "-" or "n/a" (no data)."""
    flags = {k: row.get(f"atop_{k}") for k in OBLIGATIONS}
    if any(v is None or pd.isna(v) for v in flags.values()):
        return "n/a"
    kinds = [v for k, v in OBLIGATIONS.items() if flags[k] == 1]
    return "+".join(kinds) if kinds else "-"


@dataclass(frozen=True)
class DyadTimeline(QueryResult):
    """One directed dyad's year-by-year alignment, power and conflict.

    Attributes
    ----------
    a, b : Resolution
        The two states (with notes when a name was dated).
    years : tuple of int
        The years asked for.
    table : DataFrame
        One row per year both states were in the system: ``ccode1, ccode2, year``,
        ``obligation`` and ATOP flags, ``atop_s_abs, atop_s_wt_abs, atop_kappa_sq``,
        ``un_agree, un_kappa_sq``, ideal points when given, ``cap_share1, cap_ratio``, MID,
        rivalry and war columns.  Missing where a source does not cover the year.
    notes : tuple of str
    sources : tuple of Source
    """

    a: Resolution
    b: Resolution
    years: tuple[int, ...]
    table: pd.DataFrame
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def _frame(self) -> pd.DataFrame:
        return self.table.copy()


_DYAD_YEARS = Years(dataset="cw_system", extend=True)


def _resolve_in(token: str | int, years: list[int], system: System) -> Resolution:
    """The state as of the last year, else the one state the token means over time (West Germany to 2000)."""
    try:
        return resolve_state(token, year=years[-1], system=system)
    except UnknownCountryError:
        r = resolve_state(token, system=system)
        if not any(int(s[:4]) <= years[-1] and int(e[:4]) >= years[0] for s, e in r.spells):
            raise
        return r


def dyad_timeline(
    a: str | int,
    b: str | int,
    *,
    years: YearsLike = None,
    system: System = "cow",
    ideal_points: pd.DataFrame | None = None,
) -> DyadTimeline:
    """One dyad's timeline: alliances, similarity, UN agreement, power, disputes, rivalry, wars.

    Parameters
    ----------
    a, b : str or int
        The two states: names, abbreviations or COW codes, resolved as of the last year.
    years : int, "first-last", (first, last) or list, optional
        Default: the whole COW state list (``cw_system`` coverage in the catalog); years after
        its end carry the states forward to the current year.
    system : {"cow"}, default "cow"
        The measures use COW codes.
    ideal_points : DataFrame, optional
        Fitted ideal points (``blocs.measures.fit_ideal_points()``); when given, the timeline
        adds ``ideal_point1``, ``ideal_point2`` and ``ideal_point_distance``.

    Returns
    -------
    DyadTimeline
        The table (one row per year) with its sources and any notes.

    Raises
    ------
    CoverageError
        Years outside the state list (or beyond this year).
    InvalidParameterError
        The same state twice, or two states that never coexist in those years.
    UnknownCountryError, AmbiguousCountryError
        As :func:`resolve_state`.

    References
    ----------
    Signorino & Ritter (1999); Häge (2011); Leeds et al. (2002); Singer, Bremer & Stuckey
    (1972); Palmer et al. (2022); Thompson & Dreyer (2012); Sarkees & Wayman (2010).

    Examples
    --------
    >>> t = dyad_timeline("USA", "USSR", years="1962-1963")
    >>> t.table[["year", "obligation", "cowmidongoing"]].values.tolist()
    [[1962, 'con', 1], [1963, 'con', 1]]
    """
    from blocs.measures import (
        add_capability_ratio,
        add_ideal_point_distance,
        add_ideal_points,
        add_similarity,
        add_un_agreement,
    )
    from blocs.system import (
        add_atop_alliance,
        add_cow_mids,
        add_cow_wars,
        add_strategic_rivalries,
        add_ucdp_acd,
        create_dyad_years,
    )

    check_param(system, Options(("cow",)), param="system", where="dyad_timeline")
    ys: list[int] = check_param(years, _DYAD_YEARS, param="years", where="dyad_timeline")
    ra, rb = _resolve_in(a, ys, system), _resolve_in(b, ys, system)
    if ra.code == rb.code:
        raise InvalidParameterError(
            f"The 'b' parameter of dyad_timeline must be a state other than a; got {b!r} ({rb.code}) for both. "
            "Name two different states"
        )
    last = max(ys)
    from blocs._validation import dataset_coverage

    list_end = dataset_coverage("cw_system")[1]
    table = create_dyad_years(system="cow", directed=True, years=ys, extend_to=last if last > list_end else None)
    table = table[(table["ccode1"] == ra.code) & (table["ccode2"] == rb.code)].reset_index(drop=True)
    if table.empty:
        raise InvalidParameterError(
            f"{ra.name} ({ra.code}) and {rb.name} ({rb.code}) are never both in the COW system in "
            f"{ys[0]}–{ys[-1]}; choose years when both exist"
        )
    table = add_atop_alliance(table)
    table = add_similarity(table, source="atop", measures=["s_abs", "s_wt_abs", "kappa_sq"])
    table = add_similarity(table, source="un", measures=["kappa_sq"])
    table = add_un_agreement(table)
    notes: list[str] = [n for n in (ra.note, rb.note) if n]
    if ideal_points is not None:
        table = add_ideal_points(table, ideal_points=ideal_points)
        table = add_ideal_point_distance(table, ideal_points=ideal_points)
    else:
        notes.append("ideal points not included: pass ideal_points=blocs.measures.fit_ideal_points()")
    table = add_capability_ratio(table)
    table = add_cow_mids(table)
    table = add_strategic_rivalries(table)
    table = add_cow_wars(table)
    table = add_ucdp_acd(table)
    meta = meta_of(table)
    table.insert(3, "obligation", [obligation(r) for _, r in table.iterrows()])
    table.attrs["blocs"] = meta
    return DyadTimeline(
        a=ra, b=rb, years=tuple(ys), table=table, notes=tuple(notes), sources=tuple(meta.sources)
    )


