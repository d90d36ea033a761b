"""National capabilities, dyadic power balance and the polarity of the system."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from blocs._meta import TableMeta, meta_of, with_meta
from blocs._validation import YearsLike, check_choice, check_years, dataset_coverage, parse_years
from blocs.data import cites, get_dataset, load
from blocs.measures._similarity import _check_dyad_table

__all__ = ["COMPONENTS", "add_capability_ratio", "compute_cinc", "system_polarity"]

#: The six NMC components (military expenditure and personnel, iron and steel production,
#: primary energy consumption, total and urban population).
COMPONENTS: tuple[str, ...] = ("milex", "milper", "irst", "pec", "tpop", "upop")


@cites("Singer1972")
def compute_cinc(*, years: YearsLike = None) -> pd.DataFrame:
    """Recompute the Composite Index of National Capability from the NMC 7.0 components.

    For each year and component c, a state's share is ``x_ic / sum_j x_jc`` over the
    states with a value; ``CINC_i`` is the mean of the shares state i has::

        CINC_i = (1 / |C_i|) * sum_{c in C_i} x_ic / sum_j x_jc

    where ``C_i`` is the set of components not missing for state i that year.  This
    missing-component rule (average over the available components, not a zero) is the
    one that reproduces the published ``cinc`` (to within 3e-8 for every state-year).

    Parameters
    ----------
    years : int, "first-last", (first, last) or list, optional
        Years to return (default: all of NMC 7.0, 1816–2022).  Shares are always computed
        against the whole system of the year.

    Returns
    -------
    DataFrame
        State-year table: ``ccode, year``, ``<component>_share`` for the six components,
        ``n_components`` (components available), ``cinc`` (recomputed; missing when no
        component is available) and ``cinc_published``.

    Raises
    ------
    CoverageError
        Years outside NMC 7.0 coverage.

    References
    ----------
    Singer, J. D., Bremer, S. & Stuckey, J. (1972). Capability distribution, uncertainty,
    and major power war, 1820–1965. In Russett (ed.), *Peace, War, and Numbers*.

    Examples
    --------
    >>> c = compute_cinc(years=1950)
    >>> bool((c["cinc"] - c["cinc_published"]).abs().max() < 1e-6)
    True
    """
    ds = get_dataset("cow_nmc")
    coverage = dataset_coverage(ds.name)
    ys = parse_years(years, default=coverage)
    check_years(ys, coverage=coverage, dataset=f"cow_nmc {ds.version}")
    nmc = load("cow_nmc")
    totals = nmc.groupby("year")[list(COMPONENTS)].transform("sum")
    shares = nmc[list(COMPONENTS)] / totals.where(totals > 0)
    out = nmc[["ccode", "year"]].copy()
    for c in COMPONENTS:
        out[f"{c}_share"] = shares[c]
    out["n_components"] = shares.notna().sum(axis=1).astype("int64")
    out["cinc"] = shares.mean(axis=1, skipna=True)
    out["cinc_published"] = nmc["cinc"]
    out = out[out["year"].isin(ys)].reset_index(drop=True)
    return with_meta(out, TableMeta(unit="state_year", system="cow", sources=(ds.source,)))


@cites("Singer1972")
def add_capability_ratio(
    table: pd.DataFrame, *, cinc: Literal["published", "recomputed"] = "published"
) -> pd.DataFrame:
    """Add the dyad's balance of capabilities (NMC 7.0 CINC).

    ``cap_share1 = CINC_1 / (CINC_1 + CINC_2)`` is ccode1's share of the pair's combined
    capabilities (0.5 = parity); ``cap_ratio = max(CINC) / min(CINC)`` is the stronger
    state's capabilities as a multiple of the weaker's (1 = parity; undirected).

    Parameters
    ----------
    table : DataFrame
        Dyad-year table (unit ``"dyad_year"``, COW codes).
    cinc : {"published", "recomputed"}
        The published CINC (default, what the literature uses) or :func:`compute_cinc`.

    Returns
    -------
    DataFrame
        ``table`` plus ``cap_share1`` and ``cap_ratio``; missing where either state has no
        CINC that year (outside 1816–2022, or not in NMC), and ``cap_ratio`` missing when
        the weaker state's CINC is 0.  Row count unchanged.

    Raises
    ------
    InvalidParameterError
        Not a COW dyad-year table, or unknown ``cinc``.
    DuplicateKeysError
        Duplicated (ccode1, ccode2, year) rows.

    References
    ----------
    Singer, Bremer & Stuckey (1972).

    Examples
    --------
    >>> import pandas as pd
    >>> from blocs import declare
    >>> t = declare(pd.DataFrame({"ccode1": [2], "ccode2": [365], "year": [1950]}),
    ...             unit="dyad_year", system="cow")
    >>> round(float(add_capability_ratio(t)["cap_share1"].iloc[0]), 2)  # NMC 7.0: 0.284 vs 0.181
    0.61
    """
    check_choice(cinc, ("published", "recomputed"), param="cinc")
    _check_dyad_table(table, "add_capability_ratio")
    if cinc == "published":
        nmc = load("cow_nmc")[["ccode", "year", "cinc"]]
    else:
        nmc = compute_cinc()[["ccode", "year", "cinc"]]
    lookup = nmc.set_index(["ccode", "year"])["cinc"]
    y = table["year"].to_numpy()
    c1 = lookup.reindex(pd.MultiIndex.from_arrays([table["ccode1"].to_numpy(), y])).to_numpy(np.float64)
    c2 = lookup.reindex(pd.MultiIndex.from_arrays([table["ccode2"].to_numpy(), y])).to_numpy(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = c1 + c2
        share = np.where(total > 0, c1 / np.where(total > 0, total, 1.0), np.nan)
        lo, hi = np.fmin(c1, c2), np.fmax(c1, c2)
        ratio = np.where(lo > 0, hi / np.where(lo > 0, lo, 1.0), np.nan)
    ratio[np.isnan(c1) | np.isnan(c2)] = np.nan
    share[np.isnan(c1) | np.isnan(c2)] = np.nan
    out = table.copy()
    out["cap_share1"] = share
    out["cap_ratio"] = ratio
    return with_meta(out, meta_of(table).with_sources(get_dataset("cow_nmc").source))


def _con(shares: np.ndarray) -> float:
    """Singer–Bremer–Stuckey concentration of shares that sum to 1 (NaN for N < 2)."""
    n = len(shares)
    if n < 2:
        return float("nan")
    return float(np.sqrt(max((np.sum(shares**2) - 1.0 / n) / (1.0 - 1.0 / n), 0.0)))


def _majors(years: list[int]) -> dict[int, list[int]]:
    majors = load("cow_majors")
    out: dict[int, list[int]] = {}
    for y in years:
        live = majors[(majors["styear"] <= y) & (majors["endyear"] >= y)]
        out[y] = sorted(int(c) for c in live["ccode"].unique())
    return out


@cites("Singer1972", "Laakso1979")
def system_polarity(*, years: YearsLike = None, n_leading: int = 3) -> pd.DataFrame:
    """Polarity of the international system per year, from NMC 7.0 CINC.

    * Concentration (Singer, Bremer & Stuckey 1972), for N states with capability shares
      ``S_i`` (renormalised to sum to 1 within the group)::

          CON = sqrt( (sum_i S_i^2 - 1/N) / (1 - 1/N) )

      0 = capabilities spread equally, 1 = one state holds everything.  SBS computed it
      over the major powers (``con_majors``, the default reading); ``con_all`` uses every
      state in NMC that year.
    * Effective number of poles (Laakso & Taagepera 1979): ``1 / sum_i S_i^2`` over the
      major powers (``enp_majors``) and over all states (``enp_all``).
    * The ``n_leading`` largest states' shares of system capabilities (CINC as
      published, renormalised to sum to 1 over all states) and the major powers' combined
      share; the COW major powers of the year (``majors``, comma-separated ccodes).

    Parameters
    ----------
    years : int, "first-last", (first, last) or list, optional
        Default: all of NMC 7.0 (1816–2022).
    n_leading : int, default 3
        How many leading states to list.

    Returns
    -------
    DataFrame
        One row per year: ``year, n_states, n_majors, majors, majors_share, con_majors,
        con_all, enp_majors, enp_all`` and ``top<k>_ccode``, ``top<k>_share`` for
        k = 1..n_leading.  Major-power columns are missing after 2016 (end of the COW major
        powers list v2016).

    Raises
    ------
    CoverageError
        Years outside NMC 7.0 coverage.
    InvalidParameterError
        ``n_leading`` < 1.

    References
    ----------
    Singer, Bremer & Stuckey (1972); Laakso, M. & Taagepera, R. (1979). "Effective"
    number of parties. *Comparative Political Studies* 12(1), 3–27.

    Examples
    --------
    >>> p = system_polarity(years=1950)
    >>> int(p["top1_ccode"].iloc[0])
    2
    """
    from blocs._errors import InvalidParameterError

    if not isinstance(n_leading, int) or n_leading < 1:
        raise InvalidParameterError(f"n_leading must be a positive integer; got {n_leading!r}")
    ds = get_dataset("cow_nmc")
    coverage = dataset_coverage(ds.name)
    ys = parse_years(years, default=coverage)
    check_years(ys, coverage=coverage, dataset=f"cow_nmc {ds.version}")
    nmc = load("cow_nmc")
    nmc = nmc[nmc["year"].isin(ys) & nmc["cinc"].notna()]
    maj_ds = get_dataset("cow_majors")
    majors = _majors(ys)
    rows = []
    maj_first, maj_last = dataset_coverage(maj_ds.name)
    for key, g in nmc.groupby("year", sort=True):
        year = int(str(key))
        cc = g["ccode"].to_numpy(np.int64)
        cap = g["cinc"].to_numpy(np.float64)
        s = cap / cap.sum()
        row: dict[str, object] = {"year": year, "n_states": len(cc)}
        known = maj_first <= year <= maj_last
        mj = majors.get(year, []) if known else []
        in_mj = np.isin(cc, mj)
        if known and in_mj.any():
            sm = cap[in_mj] / cap[in_mj].sum()
            row.update(
                n_majors=int(in_mj.sum()),
                majors=",".join(str(c) for c in cc[in_mj][np.argsort(-cap[in_mj])]),
                majors_share=float(s[in_mj].sum()),
                con_majors=_con(sm),
                enp_majors=float(1.0 / np.sum(sm**2)),
            )
        else:
            row.update(n_majors=pd.NA, majors=pd.NA, majors_share=np.nan, con_majors=np.nan, enp_majors=np.nan)
        row.update(con_all=_con(s), enp_all=float(1.0 / np.sum(s**2)))
        order = np.argsort(-s, kind="stable")
        for k in range(n_leading):
            if k < len(order):
                row[f"top{k + 1}_ccode"], row[f"top{k + 1}_share"] = int(cc[order[k]]), float(s[order[k]])
            else:
                row[f"top{k + 1}_ccode"], row[f"top{k + 1}_share"] = pd.NA, np.nan
        rows.append(row)
    out = pd.DataFrame(rows)
    out["n_majors"] = out["n_majors"].astype("Int64")
    out["majors"] = out["majors"].astype("string")
    for k in range(n_leading):
        out[f"top{k + 1}_ccode"] = out[f"top{k + 1}_ccode"].astype("Int64")
    return with_meta(out, TableMeta(unit="other", system="cow", sources=(ds.source, maj_ds.source)))
