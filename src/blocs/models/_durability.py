"""Alliance durability: how long do alliances last, and do unequal ones end sooner?

The unit is the *alliance* (one ATOP 4.01 treaty, ``atopid``), observed from the day it
enters into force to the day ATOP records its end, or right-censored at the end of ATOP
4.01's coverage (2016-12-31) when it is still in effect.  Covariates are measured at
formation.  :class:`AllianceDurability` fits a Cox proportional hazards model and
Kaplan–Meier curves with ``lifelines`` and predicts the survival of a given partnership
(e.g. the 1950 Sino-Soviet treaty; a hypothetical alliance formed today).  What the fit
means for one case, and the figures, live with the case report (``blocs.report``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import CoverageError, InvalidParameterError, UnknownCountryError
from blocs._estimator import Estimator
from blocs._meta import TableMeta, meta_of, with_meta
from blocs._validation import Interval, Options, check_choice, dataset_coverage
from blocs.data import cites, get_dataset, load
from blocs.system import country_code

__all__ = [
    "ALLIANCE_COVARIATES",
    "AllianceDurability",
    "create_alliance_spells",
    "partnership_covariates",
]

Capability = Literal["cinc", "milex", "irst"]
GroupBy = Literal["asymmetry", "era", "shared_rival", "bilateral", "defense"]
Events = Literal["all", "excluding_replacement"]
EraChoice = Literal["auto", "pre-1945", "cold-war", "post-1989"]

CAPABILITIES: tuple[str, ...] = ("cinc", "milex", "irst")
GROUPINGS: tuple[str, ...] = ("asymmetry", "era", "shared_rival", "bilateral", "defense")
EVENTS: tuple[str, ...] = ("all", "excluding_replacement")
ERAS: tuple[str, ...] = ("auto", "pre-1945", "cold-war", "post-1989")

#: ATOP 4.01 codes alliances through the end of 2016: still-in-force alliances are censored here.
CENSOR_DATE = pd.Timestamp(f"{dataset_coverage('atop4_alliances')[1]}-12-31")
#: Successor window: a treaty with the same members starting within this many days of the end.
REPLACEMENT_WINDOW_DAYS = 365
#: V-Dem electoral democracy index at or above which a member counts as a democracy.
DEMOCRACY_THRESHOLD = 0.5
_YEAR_DAYS = 365.25

#: Default Cox covariates with their plain-language labels.
ALLIANCE_COVARIATES: dict[str, str] = {
    "log_cap_ratio": "capability ratio (log max/min)",
    "regime_gap": "regime gap (polyarchy max-min)",
    "shared_rival": "shared strategic rival",
    "log2_members": "members (per doubling)",
    "defense": "defence obligation",
    "era_pre1945": "formed before 1945",
    "era_post1989": "formed after 1989",
}

_SPELL_SOURCES = ("atop4_alliances", "atop4_members", "cow_nmc", "cw_democracy", "td_rivalries", "cow_majors")


# --------------------------------------------------------------------------- dates


def _dates(year: pd.Series, month: pd.Series, day: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Calendar dates from ATOP year/month/day; unknown month -> 1 July, unknown day -> the 15th.

    Returns the dates and a flag for the rows where a part had to be imputed.
    """
    mo_raw = pd.to_numeric(month, errors="coerce").astype("Float64")
    dy_raw = pd.to_numeric(day, errors="coerce").astype("Float64")
    no_month = mo_raw.isna() | (mo_raw <= 0)
    no_day = dy_raw.isna() | (dy_raw <= 0)
    mo = mo_raw.mask(no_month, 7).to_numpy(dtype="int64")
    dy = dy_raw.mask(no_day, 15).mask(no_month, 1).to_numpy(dtype="int64")
    yr = year.to_numpy(dtype="int64")
    # Clip days past the month's end (none in ATOP 4.01, but a typo must not become NaT).
    last = pd.to_datetime(pd.DataFrame({"year": yr, "month": mo, "day": 1})) + pd.offsets.MonthEnd(0)
    dy = np.minimum(dy, last.dt.day.to_numpy())
    out = pd.to_datetime(pd.DataFrame({"year": yr, "month": mo, "day": dy}))
    out.index = year.index
    return out, (no_month | no_day).astype(bool)


_ERA_NAMES = {"pre-1945": "pre-1945", "cold-war": "Cold War 1945-1989", "post-1989": "post-1989"}


def _era(year: pd.Series) -> pd.Series:
    cats = np.where(year < 1945, "pre-1945", np.where(year <= 1989, "Cold War 1945-1989", "post-1989"))
    return pd.Series(pd.Categorical(cats, categories=["pre-1945", "Cold War 1945-1989", "post-1989"]), index=year.index)


# ------------------------------------------------------------------ covariates


def _capability_table(capability: str) -> pd.DataFrame:
    nmc = load("cow_nmc")
    return nmc.loc[nmc[capability].notna() & (nmc[capability] > 0), ["ccode", "year", capability]].rename(
        columns={capability: "cap"}
    )


def _member_covariates(pairs: pd.DataFrame, *, capability: str) -> pd.DataFrame:
    """Covariates of groups of states at a year.

    ``pairs`` has columns ``key`` (a group id), ``ccode``, ``cap_year``, ``regime_year``,
    ``rival_year``; returns one row per key.
    """
    cap = _capability_table(capability)
    dem = load("cw_democracy")[["ccode", "year", "v2x_polyarchy"]].dropna()
    x = pairs.merge(cap, left_on=["ccode", "cap_year"], right_on=["ccode", "year"], how="left").drop(columns="year")
    x = x.merge(dem, left_on=["ccode", "regime_year"], right_on=["ccode", "year"], how="left").drop(columns="year")
    g = x.groupby("key", sort=True)
    out = pd.DataFrame(
        {
            "cap_max": g["cap"].max(),
            "cap_min": g["cap"].min(),
            "cap_sum": g["cap"].sum(min_count=1),
            "n_cap": g["cap"].count().astype("int64"),
            "polyarchy_max": g["v2x_polyarchy"].max(),
            "polyarchy_min": g["v2x_polyarchy"].min(),
            "n_regime": g["v2x_polyarchy"].count().astype("int64"),
        }
    )
    ok_cap = out["n_cap"] >= 2
    out["log_cap_ratio"] = np.where(ok_cap, np.log(out["cap_max"] / out["cap_min"]), np.nan)
    out["top_share"] = np.where(ok_cap, out["cap_max"] / out["cap_sum"], np.nan)
    ok_reg = out["n_regime"] >= 2
    out["regime_gap"] = np.where(ok_reg, out["polyarchy_max"] - out["polyarchy_min"], np.nan)
    all_dem = (out["polyarchy_min"] >= DEMOCRACY_THRESHOLD).astype("float64")
    out["all_democratic"] = all_dem.where(out["n_regime"] == g.size(), np.nan)
    out["shared_rival"] = _shared_rival(pairs)
    out["n_major_powers"] = _major_powers(pairs)
    return out.drop(columns=["cap_sum", "polyarchy_max", "polyarchy_min"])


def _shared_rival(pairs: pd.DataFrame) -> pd.Series:
    """1 if two or more members have an active strategic rivalry with the same non-member state."""
    riv = load("td_rivalries")[["ccode1", "ccode2", "styear", "endyear"]]
    both = pd.concat(
        [
            riv.rename(columns={"ccode1": "ccode", "ccode2": "rival"}),
            riv.rename(columns={"ccode2": "ccode", "ccode1": "rival"}),
        ]
    )
    x = pairs[["key", "ccode", "rival_year"]].merge(both, on="ccode", how="left")
    x = x[(x["styear"] <= x["rival_year"]) & (x["rival_year"] <= x["endyear"])]
    members = pairs.groupby("key")["ccode"].agg(frozenset)
    x = x[[r not in members[k] for k, r in zip(x["key"], x["rival"], strict=True)]]
    counts = x.drop_duplicates(["key", "ccode", "rival"]).groupby(["key", "rival"]).size()
    shared = counts[counts >= 2].reset_index()["key"].unique()
    return pd.Series(members.index.isin(shared).astype("int64"), index=members.index)


def _major_powers(pairs: pd.DataFrame) -> pd.Series:
    """Number of members that were COW major powers at some point of ``major_year``."""
    maj = load("cow_majors")[["ccode", "styear", "endyear"]]
    x = pairs[["key", "ccode", "major_year"]].merge(maj, on="ccode", how="left")
    x["major"] = (x["styear"] <= x["major_year"]) & (x["major_year"] <= x["endyear"])
    per_member = x.groupby(["key", "ccode"])["major"].any()
    return per_member.groupby(level="key").sum().astype("int64")


def _source_years() -> dict[str, tuple[int, int]]:
    """Coverage years of the covariate sources (capability, regime, rivalry)."""
    nmc = get_dataset("cow_nmc").coverage
    dem = load("cw_democracy").dropna(subset=["v2x_polyarchy"])["year"]
    riv = get_dataset("td_rivalries").coverage
    maj = get_dataset("cow_majors").coverage
    assert nmc is not None and riv is not None and maj is not None
    return {
        "cow_majors": (int(maj[0]), int(maj[1])),
        "cow_nmc": (int(nmc[0]), int(nmc[1])),
        "cw_democracy": (int(dem.min()), int(dem.max())),
        "td_rivalries": (int(riv[0]), int(riv[1])),
    }


# --------------------------------------------------------------------- spells


@cites("Leeds2007", "Morrow1991")
def create_alliance_spells(*, capability: Capability = "cinc") -> pd.DataFrame:
    """Build the alliance-duration table from ATOP 4.01, with covariates at formation.

    One row per ATOP alliance (treaty, ``atopid``).  Duration runs from the alliance's entry
    into force to its end, both inclusive:

    .. math:: T = (\\text{end} - \\text{start})_{\\text{days}} + 1, \\quad \\text{in years} = T / 365.25

    An alliance ATOP lists as still in effect (``endyr == 0``) is right-censored at
    2016-12-31, the end of ATOP 4.01's coverage.

    Parameters
    ----------
    capability : {"cinc", "milex", "irst"}, default "cinc"
        NMC v7.0 measure for capability asymmetry: the Composite Index of National Capability
        (recommended: the measure of the asymmetric-alliance literature), military
        expenditure, or iron and steel production.

    Returns
    -------
    pandas.DataFrame
        ``atopid``; ``start``, ``end`` (NaT while in effect), ``stop`` (end or censoring date);
        ``duration_years``; ``terminated`` (event) and ``censored``; ``date_imputed`` (a month
        or day was unknown); ``replaced`` (a treaty with the same members began within 365
        days of the end); ``members`` (tuple of founding COW codes), ``n_members``,
        ``n_members_ever``, ``log2_members``, ``bilateral``; obligations ``defense``,
        ``offense``, ``neutral``, ``nonagg``, ``consul``; ``era`` and dummies
        ``era_pre1945``, ``era_post1989``; ``cap_year``, ``cap_max``, ``cap_min``,
        ``n_cap``, ``log_cap_ratio`` = log(max/min capability of founding members),
        ``top_share`` = strongest member's share of the members' total; ``regime_year``,
        ``n_regime``, ``regime_gap`` = max−min ``v2x_polyarchy``, ``all_democratic``
        (every member ≥ 0.5); ``rival_year``, ``shared_rival``; ``major_year``,
        ``n_major_powers`` (founding members that were COW major powers that year).

    Notes
    -----
    *Termination* is ATOP's end date of the treaty as a whole: a member leaving (or a new
    phase, when membership or obligations change) does not end the alliance.  Every cause
    counts (expiry, abrogation, violation, loss of independence, replacement by a new
    treaty); ``replaced`` flags the last case so models can treat it apart.
    *Founding members* are the members whose entry date equals the alliance's start.
    Capability needs NMC data for at least two founding members, else ``log_cap_ratio`` is
    NA (founding year 1815 precedes NMC; ATOP's non-system members have no NMC row; a member
    missing from NMC makes the ratio an underestimate when it is the weakest).  Rivalries
    (Thompson & Dreyer, to 2010) are taken at ``min(start year, 2010)``: alliances formed
    2011–2016 are assigned the rivalries in force in 2010.

    References
    ----------
    Leeds, B. A., et al. (2002). Alliance Treaty Obligations and Provisions, 1815–1944.
    *International Interactions* 28: 237–260.
    Leeds, B. A., & Savun, B. (2007). Terminating alliances: why do states abrogate agreements?
    *Journal of Politics* 69: 1118–1132.
    Morrow, J. D. (1991). Alliances and asymmetry: an alternative to the capability aggregation
    model of alliances. *American Journal of Political Science* 35: 904–933.

    Examples
    --------
    >>> spells = create_alliance_spells()
    >>> row = spells.loc[spells["atopid"] == 3200].iloc[0]
    >>> (row["start"].year, row["end"].year, row["members"])
    (1950, 1980, (365, 710))
    """
    check_choice(capability, CAPABILITIES, param="capability")
    return _create_alliance_spells(capability)


def _create_alliance_spells(capability: str) -> pd.DataFrame:
    alli = load("atop4_alliances")
    mem = load("atop4_members")
    a = alli[["atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "bilat"]].copy()
    start, start_imp = _dates(a["begyr"], a["begmo"], a["begday"])
    in_effect = a["endyr"] == 0
    end, end_imp = _dates(a["endyr"].where(~in_effect, CENSOR_DATE.year), a["endmo"], a["endday"])
    end = end.where(~in_effect)
    stop = end.fillna(CENSOR_DATE)
    out = pd.DataFrame({"atopid": a["atopid"].astype("int64"), "start": start, "end": end, "stop": stop})
    out["duration_years"] = ((stop - start).dt.days + 1) / _YEAR_DAYS
    out["terminated"] = (~in_effect).to_numpy()
    out["censored"] = in_effect.to_numpy()
    out["date_imputed"] = (start_imp | (end_imp & ~in_effect)).to_numpy()

    m = mem[["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"]].copy()
    m["entry"], _ = _dates(m["yrent"], m["moent"], m["dayent"])
    m = m.merge(out[["atopid", "start", "end"]], on="atopid")
    founders = m[m["entry"] == m["start"]].groupby("atopid")["member"].agg(_code_tuple)
    ever = m.groupby("atopid")["member"].nunique()
    out["members"] = out["atopid"].map(founders)
    out["n_members"] = out["members"].map(len).astype("int64")
    out["n_members_ever"] = out["atopid"].map(ever).astype("int64")
    out["log2_members"] = np.log2(out["n_members"].astype("float64"))
    out["bilateral"] = (out["n_members"] == 2).astype("int64")
    obligations = alli[["atopid", "defense", "offense", "neutral", "nonagg", "consul"]].astype("int64")
    out = out.merge(obligations, on="atopid", how="left")
    out["replaced"] = _replaced(out, m)

    year = out["start"].dt.year.astype("int64")
    out["era"] = _era(year)
    out["era_pre1945"] = (year < 1945).astype("int64")
    out["era_post1989"] = (year > 1989).astype("int64")
    yrs = _source_years()
    out["cap_year"] = year
    out["regime_year"] = year
    out["rival_year"] = year.clip(upper=yrs["td_rivalries"][1])
    out["major_year"] = year.clip(upper=yrs["cow_majors"][1])

    pairs = out[["atopid", "members", "cap_year", "regime_year", "rival_year", "major_year"]].explode("members")
    pairs = pairs.rename(columns={"atopid": "key", "members": "ccode"}).astype({"ccode": "int64"})
    cov = _member_covariates(pairs, capability=capability)
    out = out.merge(cov, left_on="atopid", right_index=True, how="left")
    out["shared_rival"] = out["shared_rival"].astype("int64")
    out = out.sort_values(["start", "atopid"], ignore_index=True)
    out.attrs["capability"] = capability
    sources = tuple(get_dataset(n).source for n in _SPELL_SOURCES)
    return with_meta(out, TableMeta(unit="other", system="cow", directed=False, sources=tuple(sorted(set(sources)))))


def _code_tuple(codes: pd.Series) -> tuple[int, ...]:
    return tuple(sorted({int(c) for c in codes}))


def _replaced(spells: pd.DataFrame, members: pd.DataFrame) -> pd.Series:
    """True where a different alliance with the same member set began within the window of the end."""
    at_end = members[members["end"].notna()].copy()
    exit_date, _ = _dates(
        at_end["yrexit"].where(at_end["yrexit"] > 0, at_end["yrent"]), at_end["moexit"], at_end["dayexit"]
    )
    at_end = at_end[(at_end["yrexit"] > 0) & (exit_date == at_end["end"])]
    end_sets = at_end.groupby("atopid")["member"].agg(_code_tuple)
    ended = spells.loc[spells["terminated"], ["atopid", "end"]].copy()
    ended["set"] = ended["atopid"].map(end_sets)
    starts = spells[["atopid", "start", "members"]].rename(columns={"atopid": "succ", "members": "set"})
    cand = ended.dropna(subset=["set"]).merge(starts, on="set")
    gap = (cand["start"] - cand["end"]).dt.days.abs()
    hit = cand[(cand["succ"] != cand["atopid"]) & (gap <= REPLACEMENT_WINDOW_DAYS)]["atopid"].unique()
    return spells["atopid"].isin(hit)


# ---------------------------------------------------------------- partnerships


def _resolve_members(members: Sequence[int | str], *, year: int) -> tuple[int, ...]:
    if isinstance(members, (str, bytes)) or len(members) < 2:
        raise InvalidParameterError(
            f"members must list at least two states (COW codes such as 710, 365); got {members!r}"
        )
    known = set(load("cow_states")["ccode"].astype("int64"))
    codes: list[int] = []
    for m in members:
        if isinstance(m, str):
            m = int(country_code(m, year=year))
        if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or int(m) not in known:
            raise UnknownCountryError(
                f"member {m!r} is not a COW state code; use codes from cow_states, e.g. 710 (China), 365 (Russia)"
            )
        codes.append(int(m))
    if len(set(codes)) < len(codes):
        raise InvalidParameterError(f"members {members!r} lists a state twice; give each member once")
    return tuple(sorted(codes))


def partnership_covariates(
    members: Sequence[int | str],
    *,
    year: int | None = None,
    defense: bool = True,
    capability: Capability = "cinc",
    era: EraChoice = "auto",
    label: str | None = None,
) -> pd.DataFrame:
    """Covariates of a (real or hypothetical) alliance among ``members`` formed in ``year``.

    Each source is read at ``year`` or at its last year if ``year`` lies beyond it
    (NMC v7.0 to 2022, V-Dem polyarchy to its last year with data, Thompson–Dreyer
    rivalries to 2010); the years used are returned in ``cap_year``, ``regime_year``
    and ``rival_year``.

    Parameters
    ----------
    members : sequence of int or str
        At least two distinct COW codes (names when ``blocs.system.country_code`` is available).
    year : int, optional
        Formation year, between the first year of NMC (1816) and the last year of the
        democracy data; None (default) means that last year, i.e. "today" (2025 for
        cw_democracy isard 0.2.0).
    defense : bool, default True
        Whether the alliance carries a defence obligation.
    capability : {"cinc", "milex", "irst"}, default "cinc"
        NMC measure for ``log_cap_ratio``, as in :func:`create_alliance_spells`.
    era : {"auto", "pre-1945", "cold-war", "post-1989"}, default "auto"
        Era dummies: "auto" takes the era of ``year``; another value sets them as if the
        alliance had formed in that era (a counterfactual that isolates the era effect).
    label : str, optional
        Row label (default: the codes joined by "-" and the year).

    Returns
    -------
    pandas.DataFrame
        One row with ``label``, ``members``, ``year`` and the covariate columns of
        :func:`create_alliance_spells`.

    Raises
    ------
    UnknownCountryError
        A member is not a COW state code.
    CoverageError
        ``year`` is outside the covered years, or a member has no capability data.

    References
    ----------
    Morrow (1991) for capability asymmetry; Leeds & Savun (2007) for the covariates of alliance
    termination (see :func:`create_alliance_spells`).

    Examples
    --------
    >>> row = partnership_covariates([710, 365], year=1950)
    >>> int(row["shared_rival"].iloc[0])   # both were rivals of the United States in 1950
    1
    """
    check_choice(capability, CAPABILITIES, param="capability")
    check_choice(era, ERAS, param="era")
    yrs = _source_years()
    first, last = yrs["cow_nmc"][0], yrs["cw_democracy"][1]
    if year is None:
        year = last
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or not first <= int(year) <= last:
        raise CoverageError(
            f"year {year!r} is outside the covariate data (cow_nmc from {first}, cw_democracy to {last}); "
            f"choose a year in {first}–{last}"
        )
    year = int(year)
    codes = _resolve_members(members, year=year)
    row = {
        "cap_year": min(year, yrs["cow_nmc"][1]),
        "regime_year": min(year, yrs["cw_democracy"][1]),
        "rival_year": min(year, yrs["td_rivalries"][1]),
        "major_year": min(year, yrs["cow_majors"][1]),
    }
    pairs = pd.DataFrame({"key": 0, "ccode": list(codes), **row})
    cov = _member_covariates(pairs, capability=capability)
    if int(cov["n_cap"].iloc[0]) < len(codes):
        cap = _capability_table(capability)
        have = set(cap.loc[cap["year"] == row["cap_year"], "ccode"])
        missing = [c for c in codes if c not in have]
        raise CoverageError(
            f"no cow_nmc {capability} for member(s) {missing} in {row['cap_year']}; "
            "choose a year in which every member is a state with NMC data"
        )
    out = pd.DataFrame(
        {
            "label": [label or f"{'-'.join(map(str, codes))} {year}"],
            "members": [codes],
            "year": [year],
            "n_members": [len(codes)],
            "log2_members": [math.log2(len(codes))],
            "bilateral": [int(len(codes) == 2)],
            "defense": [int(defense)],
            "era": [_era(pd.Series([year])).iloc[0] if era == "auto" else _ERA_NAMES[era]],
            "era_pre1945": [int(year < 1945) if era == "auto" else int(era == "pre-1945")],
            "era_post1989": [int(year > 1989) if era == "auto" else int(era == "post-1989")],
            **{k: [v] for k, v in row.items()},
        }
    )
    cov = cov.reset_index(drop=True)
    out = pd.concat([out, cov], axis=1)
    sources = tuple(
        get_dataset(n).source for n in ("cow_nmc", "cw_democracy", "td_rivalries", "cow_majors", "cow_states")
    )
    return with_meta(out, TableMeta(unit="other", system="cow", sources=tuple(sorted(set(sources)))))


# ---------------------------------------------------------------------- model


def _require_lifelines() -> Any:
    try:
        import lifelines
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("alliance durability needs lifelines: pip install 'blocs[models]'") from None
    return lifelines


def _asymmetry_groups(x: pd.Series) -> tuple[pd.Series, tuple[float, float]]:
    q1, q2 = (float(v) for v in x.quantile([1 / 3, 2 / 3]))
    labels = np.where(x <= q1, "symmetric", np.where(x <= q2, "intermediate", "asymmetric"))
    cat = pd.Categorical(labels, categories=["symmetric", "intermediate", "asymmetric"])
    return pd.Series(cat, index=x.index), (q1, q2)


@cites("Cox1972", "KaplanMeier1958", "GrambschTherneau1994", "DavidsonPilon2019", "Leeds2007", "Morrow1991")
class AllianceDurability(Estimator):
    """Cox proportional hazards and Kaplan–Meier analysis of alliance duration.

    The hazard of termination at time :math:`t` for an alliance with covariates :math:`x` is

    .. math:: h(t \\mid x) = h_0(t) \\exp(\\beta^\\top x),

    estimated by Cox's partial likelihood (Breslow ties, lifelines); the hazard ratio of a
    covariate is :math:`e^{\\beta}`.  Kaplan–Meier curves are drawn by group, and the
    groups compared with a log-rank test.

    Parameters
    ----------
    covariates : sequence of str, optional
        Columns of :func:`create_alliance_spells` entering the Cox model (default: the keys
        of :data:`ALLIANCE_COVARIATES`).  Alliances with a missing covariate are dropped
        (complete cases), and the number dropped is reported in ``n_dropped_``.
    groups : {"asymmetry", "era", "shared_rival", "bilateral", "defense"}, default "asymmetry"
        Grouping for the Kaplan–Meier curves; "asymmetry" splits ``log_cap_ratio`` at its
        terciles into symmetric / intermediate / asymmetric.
    events : {"all", "excluding_replacement"}, default "all"
        "all" counts every termination; "excluding_replacement" treats an alliance replaced
        by a treaty among the same members as censored at its end (it did not break up).
    penalizer : float, default 0.0
        Ridge penalty passed to ``lifelines.CoxPHFitter``.
    alpha : float, default 0.05
        1 − confidence level of the intervals.

    Attributes
    ----------
    hazard_ratios_ : DataFrame
        ``covariate``, ``label``, ``hr``, ``hr_lower``, ``hr_upper``, ``coef``, ``se``, ``p``,
        ``ph_p`` (proportional-hazards test p-value).
    summary_ : DataFrame
        lifelines' coefficient summary.
    ph_test_ : DataFrame
        Schoenfeld-residual test per covariate (``statistic``, ``p``; rank time transform).
    km_curves_ : DataFrame
        ``group``, ``time``, ``survival``, ``lower``, ``upper``, ``at_risk``.
    km_medians_ : DataFrame
        ``group``, ``n``, ``events``, ``median_years`` (inf when the curve stays above 0.5).
    logrank_ : dict
        ``statistic``, ``df``, ``p`` of the log-rank test across groups.
    group_cuts_ : tuple of float or None
        Tercile cut points of ``log_cap_ratio`` when ``groups="asymmetry"``.
    n_, n_events_, n_dropped_, concordance_, capability_, sources_

    References
    ----------
    Cox (1972); Kaplan & Meier (1958); Leeds & Savun (2007); Davidson-Pilon (2019).

    Examples
    --------
    >>> model = AllianceDurability().fit(create_alliance_spells())
    >>> bool((model.hazard_ratios_["hr_lower"] < model.hazard_ratios_["hr"]).all())
    True
    """

    _parameter_constraints = {
        "groups": Options.from_literal(GroupBy),
        "events": Options.from_literal(Events),
        "penalizer": Interval(float, 0, None),
        "alpha": Interval(float, 0, 1, closed="neither"),
    }

    def __init__(
        self,
        *,
        covariates: Sequence[str] | None = None,
        groups: GroupBy = "asymmetry",
        events: Events = "all",
        penalizer: float = 0.0,
        alpha: float = 0.05,
    ) -> None:
        self.covariates = covariates
        self.groups = groups
        self.events = events
        self.penalizer = penalizer
        self.alpha = alpha

    # ------------------------------------------------------------------ fit
    def _validate(self, spells: pd.DataFrame) -> list[str]:
        self._validate_params()
        check_choice(self.groups, GROUPINGS, param="groups")
        check_choice(self.events, EVENTS, param="events")
        if not (0.0 < float(self.alpha) < 1.0):
            raise InvalidParameterError(f"alpha must lie strictly between 0 and 1; got {self.alpha!r}")
        if float(self.penalizer) < 0:
            raise InvalidParameterError(f"penalizer must be >= 0; got {self.penalizer!r}")
        names = {s.name for s in meta_of(spells).sources}
        if not isinstance(spells, pd.DataFrame) or "atop4_alliances" not in names:
            raise InvalidParameterError(
                "spells must be the table returned by create_alliance_spells() (its metadata lists atop4_alliances)"
            )
        covs = list(self.covariates) if self.covariates is not None else list(ALLIANCE_COVARIATES)
        if not covs:
            raise InvalidParameterError("covariates is empty; give at least one column of the spells table")
        unknown = [c for c in covs if c not in spells.columns]
        if unknown:
            raise InvalidParameterError(
                f"covariates {unknown} are not columns of the spells table; choose from {list(ALLIANCE_COVARIATES)}"
            )
        return covs

    def fit(self, spells: pd.DataFrame) -> AllianceDurability:
        """Fit the Cox model and Kaplan–Meier curves on ``spells``; returns ``self``."""
        covs = self._validate(spells)
        ll = _require_lifelines()
        from lifelines.statistics import multivariate_logrank_test, proportional_hazard_test

        event = spells["terminated"].astype(bool)
        if self.events == "excluding_replacement":
            event = event & ~spells["replaced"].astype(bool)
        data = spells[covs].astype("float64").assign(duration=spells["duration_years"], event=event.astype(int))
        complete = data.dropna()
        self.n_dropped_ = int(len(data) - len(complete))
        self.n_ = int(len(complete))
        self.n_events_ = int(complete["event"].sum())
        self.covariates_ = covs
        self.capability_ = str(spells.attrs.get("capability", "cinc"))
        self.sources_ = meta_of(spells).sources

        cph = ll.CoxPHFitter(penalizer=float(self.penalizer), alpha=float(self.alpha))
        cph.fit(complete, duration_col="duration", event_col="event")
        self.cox_ = cph
        self.summary_ = cph.summary.copy()
        self.concordance_ = float(cph.concordance_index_)
        ph = proportional_hazard_test(cph, complete, time_transform="rank")
        self.ph_test_ = ph.summary[["test_statistic", "p"]].rename(columns={"test_statistic": "statistic"})
        self.ph_test_.index.name = "covariate"
        s = self.summary_
        lo_col = [c for c in s.columns if c.startswith("exp(coef) lower")][0]
        hi_col = [c for c in s.columns if c.startswith("exp(coef) upper")][0]
        self.hazard_ratios_ = pd.DataFrame(
            {
                "covariate": s.index.astype(str),
                "label": [ALLIANCE_COVARIATES.get(c, c) for c in s.index],
                "hr": s["exp(coef)"].to_numpy(),
                "hr_lower": s[lo_col].to_numpy(),
                "hr_upper": s[hi_col].to_numpy(),
                "coef": s["coef"].to_numpy(),
                "se": s["se(coef)"].to_numpy(),
                "p": s["p"].to_numpy(),
                "ph_p": self.ph_test_["p"].reindex(s.index).to_numpy(),
            }
        )

        # Kaplan–Meier by group, on every alliance with a group value (not only complete cases).
        km_data = spells.assign(event=event.astype(int))
        self.group_cuts_: tuple[float, float] | None = None
        if self.groups == "asymmetry":
            km_data = km_data.dropna(subset=["log_cap_ratio"])
            grp, self.group_cuts_ = _asymmetry_groups(km_data["log_cap_ratio"])
        elif self.groups == "era":
            grp = km_data["era"]
        else:
            grp = km_data[self.groups].map({0: f"no {self.groups}", 1: self.groups})
        curves, medians = [], []
        for name in grp.cat.categories if hasattr(grp, "cat") else sorted(grp.unique()):
            sub = km_data[grp == name]
            if sub.empty:
                continue
            kmf = ll.KaplanMeierFitter(alpha=float(self.alpha)).fit(
                sub["duration_years"], sub["event"], label=str(name)
            )
            ci = kmf.confidence_interval_survival_function_
            curves.append(
                pd.DataFrame(
                    {
                        "group": str(name),
                        "time": kmf.survival_function_.index.to_numpy(),
                        "survival": kmf.survival_function_.iloc[:, 0].to_numpy(),
                        "lower": ci.iloc[:, 0].to_numpy(),
                        "upper": ci.iloc[:, 1].to_numpy(),
                        "at_risk": kmf.event_table["at_risk"].reindex(kmf.survival_function_.index).to_numpy(),
                    }
                )
            )
            medians.append(
                {
                    "group": str(name),
                    "n": len(sub),
                    "events": int(sub["event"].sum()),
                    "median_years": float(kmf.median_survival_time_),
                }
            )
        self.km_curves_ = pd.concat(curves, ignore_index=True)
        self.km_medians_ = pd.DataFrame(medians)
        lr = multivariate_logrank_test(km_data["duration_years"], grp.astype(str), km_data["event"])
        self.logrank_ = {
            "statistic": float(lr.test_statistic),
            "df": int(lr.degrees_of_freedom),
            "p": float(lr.p_value),
        }
        self.km_groups_ = grp.astype(str)
        self.spells_ = spells
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "cox_"):
            raise InvalidParameterError("this AllianceDurability is not fitted yet; call fit(create_alliance_spells())")

    # ------------------------------------------------------------ predict
    def _as_covariates(self, partnership: pd.DataFrame | Sequence[int | str], year: int | None) -> pd.DataFrame:
        if isinstance(partnership, pd.DataFrame):
            table = partnership
        else:
            if year is None:
                raise InvalidParameterError("year is required when partnership is a list of members, e.g. year=1950")
            table = partnership_covariates(partnership, year=year, capability=self.capability_)  # type: ignore[arg-type]
        missing = [c for c in self.covariates_ if c not in table.columns]
        if missing:
            raise InvalidParameterError(
                f"partnership lacks covariate column(s) {missing}; build it with partnership_covariates()"
            )
        nan = table[self.covariates_].isna().any(axis=1)
        if nan.any():
            bad = [c for c in self.covariates_ if table[c].isna().any()]
            raise CoverageError(f"partnership has missing covariate(s) {bad}; cannot predict its survival")
        return table.reset_index(drop=True)

    def predict_survival(
        self,
        partnership: pd.DataFrame | Sequence[int | str],
        *,
        year: int | None = None,
        times: Sequence[float] | np.ndarray | None = None,
    ) -> pd.DataFrame:
        """Predicted survival curve(s) :math:`S(t \\mid x) = S_0(t)^{\\exp(\\beta^\\top x)}`.

        Parameters
        ----------
        partnership : DataFrame or sequence of members
            Rows from :func:`partnership_covariates` (or the spells table), or a list of
            members, in which case ``year`` is required.
        year : int, optional
            Formation year when ``partnership`` is a list of members.
        times : sequence of float, optional
            Years since formation (default: 0 to 100 by 0.5).

        Returns
        -------
        pandas.DataFrame
            Index ``time`` (years); one column per partnership (its ``label``, else its row index).
            The curve is the Breslow step function: 1 before the first termination in the data,
            and flat after the last observed time (about 106 years).
        """
        self._check_fitted()
        table = self._as_covariates(partnership, year)
        t = np.arange(0.0, 100.5, 0.5) if times is None else np.asarray(times, dtype="float64")
        if t.ndim != 1 or t.size == 0 or (t < 0).any() or not np.isfinite(t).all():
            raise InvalidParameterError(f"times must be a non-empty list of finite years >= 0; got {times!r}")
        sf = self._step_survival(table, t)
        labels = table["label"].astype(str).tolist() if "label" in table.columns else [str(i) for i in table.index]
        sf.columns = labels
        sf.index.name = "time"
        return sf

    def _step_survival(self, table: pd.DataFrame, t: np.ndarray) -> pd.DataFrame:
        """Breslow step function: S(t|x) = exp(-H0(t) * exp(beta'(x - mean))), H0 = 0 before the first event."""
        h0 = self.cox_.baseline_cumulative_hazard_
        idx = np.searchsorted(h0.index.to_numpy(), t, side="right") - 1
        cum = np.where(idx >= 0, h0.iloc[:, 0].to_numpy()[np.maximum(idx, 0)], 0.0)
        partial = np.asarray(self.cox_.predict_partial_hazard(table[self.covariates_].astype("float64")), dtype=float)
        return pd.DataFrame(np.exp(-np.outer(cum, partial)), index=pd.Index(t, name="time"))

    def survival_summary(
        self,
        partnership: pd.DataFrame | Sequence[int | str],
        *,
        year: int | None = None,
        horizons: Sequence[float] = (10.0, 30.0),
    ) -> pd.DataFrame:
        """Median predicted survival and P(survive h years) for each partnership.

        Returns
        -------
        pandas.DataFrame
            ``label``, ``median_years`` (inf if the curve stays above 0.5 within the observed
            follow-up), ``p_survive_<h>`` for each horizon, and the covariates used.
        """
        self._check_fitted()
        table = self._as_covariates(partnership, year)
        hs = [float(h) for h in horizons]
        # The step function changes only at event times: evaluating there gives the exact median.
        grid = np.union1d(self.cox_.baseline_cumulative_hazard_.index.to_numpy(dtype=float), hs)
        sf = self.predict_survival(table, times=grid)
        rows = []
        for col in sf.columns:
            s = sf[col]
            below = s[s <= 0.5]
            row: dict[str, Any] = {"label": col, "median_years": float(below.index[0]) if len(below) else math.inf}
            for h in hs:
                row[f"p_survive_{h:g}"] = float(s.loc[h])
            rows.append(row)
        out = pd.DataFrame(rows)
        keep = [
            c
            for c in ("members", "year", "cap_year", "regime_year", "rival_year", "cap_max", "cap_min")
            if c in table.columns
        ]
        out = pd.concat([out, table[keep + self.covariates_].reset_index(drop=True)], axis=1)
        return with_meta(
            out, TableMeta(unit="other", sources=tuple(sorted(set(self.sources_) | set(meta_of(table).sources))))
        )

    # ---------------------------------------------------------- interpret
    def interpretation(self) -> str:
        """Plain-language account of what this fit can and cannot say about unequal alliances.

        Every number in the text comes from the fitted model and its spells table.
        """
        self._check_fitted()
        hr = self.hazard_ratios_.set_index("covariate")
        sp = self.spells_
        level = int(round(100 * (1 - self.alpha)))
        lines = [
            f"Sample: {self.n_} ATOP 4.01 alliances with complete covariates ({self.n_dropped_} dropped for missing "
            f"data), {self.n_events_} terminations. {int(sp['censored'].sum())} of {len(sp)} alliances were still in "
            "force at the end of ATOP 4.01 (2016-12-31) and count as right-censored: we know only that they "
            "lasted at least that long.",
        ]
        if "log_cap_ratio" in hr.index:
            r = hr.loc["log_cap_ratio"]
            head = (
                f"Asymmetry ({self.capability_}): doubling the strongest-to-weakest capability ratio multiplies the "
                f"hazard of termination by {r['hr'] ** math.log(2):.2f} (hazard ratio per log unit {r['hr']:.2f}, "
                f"{level}% CI {r['hr_lower']:.2f}-{r['hr_upper']:.2f}, p={r['p']:.3f}). "
            )
            if r["hr_lower"] > 1:
                head += "Holding the other covariates fixed, unequal alliances end sooner."
            elif r["hr_upper"] < 1:
                head += "Holding the other covariates fixed, unequal alliances last longer."
            else:
                head += "The data cannot tell this apart from no effect once era, obligations and size are held fixed."
            lines.append(head)
        if self.groups == "asymmetry" and self.group_cuts_ is not None:
            med = self.km_medians_.set_index("group")["median_years"]
            lines.append(
                "Kaplan-Meier by asymmetry terciles (log ratio cut at "
                f"{self.group_cuts_[0]:.2f} and {self.group_cuts_[1]:.2f}): median survival "
                + ", ".join(f"{g} {_years(v)}" for g, v in med.items())
                + f"; log-rank p={self.logrank_['p']:.3f} (no adjustment for era or obligations)."
            )
        viol = self.hazard_ratios_[self.hazard_ratios_["ph_p"] < self.alpha]["covariate"].tolist()
        lines.append(
            "Proportional hazards (Schoenfeld residual test): "
            + (
                f"rejected for {', '.join(viol)}; those hazard ratios average an effect that changes with alliance age."
                if viol
                else "not rejected for any covariate."
            )
        )
        gp = sp[(sp["bilateral"] == 1) & (sp["n_major_powers"] == 2)]
        cut = self.group_cuts_[1] if self.group_cuts_ is not None else float(sp["log_cap_ratio"].quantile(2 / 3))
        gp_asym = gp[gp["log_cap_ratio"] > cut]
        lines += [
            f"Unequal great-power friendships are rare: {len(gp)} bilateral alliances between two COW major powers "
            f"in 1815-2016, of which {len(gp_asym)} fall in the top asymmetry tercile. The model pools them with "
            "non-aggression pacts, wartime coalitions and multilateral treaties such as NATO, so it speaks about "
            "alliances in general, not about any one pair.",
            "Measurement: CINC counts population, which makes populous but poor states look strong; military "
            "spending or iron and steel (capability='milex' or 'irst') can show a far more unequal pair.",
            "Confounding: era, obligations and the Cold War's bloc structure move with asymmetry. Hazard ratios are "
            "associations at formation, not causal effects; covariates stay fixed at formation, so a power shift "
            "during the alliance (one partner's rise) is not modelled.",
            "Data vintage: ATOP 4.01 ends in 2016 and Thompson-Dreyer rivalries in 2010. ATOP's termination mixes "
            "expiry, abrogation, violation and replacement by a new treaty among the same members "
            "(events='excluding_replacement' counts the last as survival).",
        ]
        return "\n".join(lines)


def _years(v: float) -> str:
    return "not reached (above 0.5 throughout)" if math.isinf(v) else f"{v:.1f} years"
