"""Tables a user asks for by name: state-/dyad-years with enrichments, similarity, polarity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import pandas as pd

from blocs._errors import InfeasibleOptionError, InvalidParameterError
from blocs._validation import Options, Years, YearsLike, check_param, dataset_coverage, message
from blocs.query._settings import SETTINGS

__all__ = ["build_table", "parse_adds", "polarity_table", "similarity_table"]

Unit = Literal["state_year", "dyad_year"]
_SPELLS = {"cow": "cw_system", "gw": "gw_system"}


def parse_adds(add: str | Sequence[str] | None, unit: Unit) -> list[str]:
    """Enrichment names checked against the registry (``blocs.system.ADDERS``) and the unit.

    Parameters
    ----------
    add : str or sequence of str, optional
        ``"nmc,atop"`` or ``["nmc", "atop"]``.
    unit : {"state_year", "dyad_year", "leader_year", "leader_dyad_year"}

    Returns
    -------
    list of str
        Names in order, without repeats.

    Raises
    ------
    InvalidParameterError
        An unknown name.
    InfeasibleOptionError
        An enrichment asked of a unit it does not apply to (a dyadic one of state-years, say).

    Examples
    --------
    >>> parse_adds("nmc, atop", "dyad_year")
    ['nmc', 'atop']
    """
    from blocs.system import ADDERS

    if add is None:
        return []
    items = add.split(",") if isinstance(add, str) else list(add)
    names = [str(n).strip().lower() for n in items if str(n).strip()]
    for n in names:
        check_param(n, Options(tuple(ADDERS)), param="add")
    wrong = [n for n in names if unit not in ADDERS[n].units]
    if wrong:
        # name the units those enrichments do take, and the table's own (not always state-years)
        units = sorted({u.replace("_", "-") for n in wrong for u in ADDERS[n].units})
        needs = "dyad-years" if units == ["dyad-year"] else " or ".join(units) + " tables"
        raise InfeasibleOptionError(
            f"The 'add' parameter names {', '.join(wrong)}, which need(s) {needs}; got a {unit.replace('_', '-')} "
            "table instead. Build such a table or drop them"
        )
    return list(dict.fromkeys(names))


def build_table(
    unit: Unit,
    *,
    system: str = "cow",
    years: YearsLike = None,
    extend_to: int | None = None,
    directed: bool = False,
    add: str | Sequence[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> pd.DataFrame:
    """State-years or dyad-years of a system, with enrichments from the registry.

    Parameters
    ----------
    unit : {"state_year", "dyad_year", "leader_year", "leader_dyad_year"}
    system : {"cow", "gw"}, default "cow"
    years : optional
        Default: the system list's coverage (catalog), or through ``extend_to``.
    extend_to : int, optional
        Carry the states alive at the list's end forward through this year (at most the
        current year).
    directed : bool, default False
        Dyad-years only: both (a, b) and (b, a).
    add : str or sequence of str, optional
        Enrichments (see :func:`parse_adds`).
    progress : callable(name, done, total), optional
        Called before each enrichment (the CLI shows a progress bar with it).

    Returns
    -------
    DataFrame
        The table with its metadata and sources.

    Examples
    --------
    >>> t = build_table("state_year", years=1990, add="majors")
    >>> int(t["cowmaj"].sum())
    5
    """
    from blocs.system import ADDERS, create_dyad_years, create_state_years

    check_param(unit, Options(("state_year", "dyad_year")), param="unit", where="build_table")
    sys_: str = SETTINGS["system"].check(system, where="build_table")
    if extend_to is not None:
        check_param(extend_to, Years(dataset=_SPELLS[sys_], single=True, extend=True), param="extend_to",
                    where="build_table")
    names = parse_adds(add, unit)
    if unit == "state_year":
        table = create_state_years(system=sys_, years=years, extend_to=extend_to)  # type: ignore[arg-type]
    else:
        table = create_dyad_years(system=sys_, directed=directed, years=years, extend_to=extend_to)  # type: ignore[arg-type]
    for i, name in enumerate(names):
        if progress is not None:
            progress(name, i, len(names))
        table = ADDERS[name].function(table)
    if progress is not None and names:
        progress("", len(names), len(names))
    out: pd.DataFrame = table
    return out


_SIM_DATASET = {"atop": "atop_alliance", "un": "un_votes"}


def similarity_table(
    source: Literal["atop", "un"],
    *,
    years: YearsLike = None,
    measures: str | Sequence[str] | None = None,
    coding: str = "ordinal3",
    directed: bool = True,
) -> pd.DataFrame:
    """Foreign-policy similarity of every dyad-year, with years checked against the source's coverage.

    Parameters
    ----------
    source : {"atop", "un"}
        Alliance portfolios (ATOP) or UN General Assembly votes.
    years : optional
        Default: the source's whole coverage (catalog ``atop_alliance`` or ``un_votes``).
        Years outside it are a :class:`~blocs.CoverageError`, never a table of empty values.
    measures : str or sequence of str, optional
        Names from :data:`blocs.measures.ALL_MEASURES` (default: all that apply).
    coding : {"ordinal3", "binary", "ordinal4"}, default "ordinal3"
        ATOP coding.
    directed : bool, default True

    Returns
    -------
    DataFrame
        COW dyad-years with the similarity columns and their sources.

    Examples
    --------
    >>> t = similarity_table("un", years=1990, measures="kappa_sq")
    >>> round(float(t.loc[(t.ccode1 == 2) & (t.ccode2 == 200), "un_kappa_sq"].iloc[0]), 2)
    0.48
    """
    from blocs.measures import ALL_MEASURES, add_similarity
    from blocs.system import create_dyad_years

    src: str = SETTINGS["similarity_source"].check(source, where="similarity_table", param="source")
    ys: list[int] = check_param(years, Years(dataset=_SIM_DATASET[src]), param="years", where="similarity_table")
    SETTINGS["coding"].check(coding, where="similarity_table")
    chosen: list[str] | None = None
    if measures is not None:
        items = measures.split(",") if isinstance(measures, str) else list(measures)
        chosen = [m.strip() for m in items if m.strip()]
        if not chosen:
            raise InvalidParameterError(
                message("measures", f"one or more of {', '.join(ALL_MEASURES)}", measures,
                        "name at least one measure, or leave it out for all", where="similarity_table")
            )
        for m in chosen:
            check_param(m, Options(tuple(ALL_MEASURES)), param="measures", where="similarity_table")
    list_end = dataset_coverage("cw_system")[1]
    last = max(ys)
    table = create_dyad_years(system="cow", directed=directed, years=ys, extend_to=last if last > list_end else None)
    out: pd.DataFrame = add_similarity(table, source=src, measures=chosen, coding=coding)  # type: ignore[arg-type]
    return out


def polarity_table(*, years: YearsLike = None, top: int = 3) -> pd.DataFrame:
    """System polarity per year (NMC CINC), years checked against the catalog's ``cow_nmc`` coverage.

    Parameters
    ----------
    years : optional
        Default: NMC's whole coverage.
    top : int, default 3
        Leading states listed (1–50).

    Returns
    -------
    DataFrame
        As :func:`blocs.measures.system_polarity`.

    Examples
    --------
    >>> polarity_table(years=1950, top=1)["top1_ccode"].tolist()
    [2]
    """
    from blocs.measures import system_polarity

    ys: list[int] = check_param(years, Years(dataset="cow_nmc"), param="years", where="polarity_table")
    n: int = SETTINGS["top"].check(top, where="polarity_table")
    out: pd.DataFrame = system_polarity(years=ys, n_leading=n)
    return out


