"""Strategic triangles (Dittmer 1981): classify three states' relations year by year.

Given the three signed relations of a triad, Dittmer's types are::

    +++  menage_a_trois    all three friendly
    ++-  romantic          a "pivot" friendly with two "wings" hostile to each other
    +--  stable_marriage   two friends, both hostile to a "pariah"
    ---  unit_veto         all three hostile
    (a relation without evidence, or whose evidence cancels) -> incomplete

A neutral or missing relation is never forced into a sign: the triangle is
``incomplete`` and the neutral pairs are listed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import TableMeta, meta_of, with_meta
from blocs._validation import YearsLike
from blocs.data import cites
from blocs.networks._signed import DEFAULT_RECIPE, Recipe, _check_network_years, _combine, _evidence

__all__ = ["TriangleType", "classify_triangle", "strategic_triangle", "triangle_spells"]

TriangleType = Literal["menage_a_trois", "romantic", "stable_marriage", "unit_veto", "incomplete"]


def _sign(v: Any) -> int:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return 0
    if v in (1, -1, 0):
        return int(v)
    raise InvalidParameterError(f"a triangle relation must be +1, -1, or 0/None (neutral); got {v!r}")


@cites("Dittmer1981")
def classify_triangle(
    ab: int | None, ac: int | None, bc: int | None, *, names: tuple[Hashable, Hashable, Hashable] = ("a", "b", "c")
) -> dict[str, Any]:
    """Classify a triad from its three signed relations (Dittmer 1981).

    Parameters
    ----------
    ab, ac, bc : {+1, -1, 0, None}
        Relations between the pairs; 0 or None means neutral / no evidence.
    names : tuple of three labels, default ("a", "b", "c")
        Names of the three states, used for pivot, pariah and neutral pairs.

    Returns
    -------
    dict
        ``type`` (menage_a_trois, romantic, stable_marriage, unit_veto, incomplete),
        ``pivot`` (romantic triangle: the state friendly with both others), ``pariah``
        (stable marriage: the state both others are hostile to), ``neutral`` (pairs
        without a sign, e.g. ``[("a", "c")]``).

    References
    ----------
    Dittmer, L. (1981). The strategic triangle: An elementary game-theoretical analysis.
    *World Politics* 33(4): 485–515.

    Examples
    --------
    >>> classify_triangle(1, 1, -1, names=("USA", "CHN", "RUS"))["pivot"]
    'USA'
    >>> classify_triangle(-1, -1, 1, names=("USA", "CHN", "RUS"))["pariah"]
    'USA'
    >>> classify_triangle(-1, None, -1)["neutral"]
    [('a', 'c')]
    """
    a, b, c = names
    pairs = {(a, b): _sign(ab), (a, c): _sign(ac), (b, c): _sign(bc)}
    neutral = [p for p, s in pairs.items() if s == 0]
    out: dict[str, Any] = {"type": "incomplete", "pivot": None, "pariah": None, "neutral": neutral}
    if neutral:
        return out
    positives = [p for p, s in pairs.items() if s > 0]
    if len(positives) == 3:
        out["type"] = "menage_a_trois"
    elif len(positives) == 2:
        out["type"] = "romantic"
        (neg,) = [p for p, s in pairs.items() if s < 0]
        (out["pivot"],) = [v for v in names if v not in neg]
    elif len(positives) == 1:
        out["type"] = "stable_marriage"
        (out["pariah"],) = [v for v in names if v not in positives[0]]
    else:
        out["type"] = "unit_veto"
    return out


@cites("Dittmer1981")
def strategic_triangle(
    a: int, b: int, c: int, *, years: YearsLike = None, recipe: Recipe = DEFAULT_RECIPE
) -> pd.DataFrame:
    """Year-by-year Dittmer type of the triangle of states ``a, b, c`` (COW codes), with evidence.

    Each relation is the recipe's combined sign for the dyad-year (see
    :func:`create_signed_network`); a dyad-year without evidence — or whose evidence
    cancels under ``combine="sum"`` — is neutral and makes the triangle ``incomplete``.

    Parameters
    ----------
    a, b, c : int
        Three distinct COW state codes (resolve names first with
        ``blocs.system.country_code``).
    years : int, "first-last", (first, last), list or None
        Years (default: the recipe's coverage).
    recipe : Recipe, default DEFAULT_RECIPE
        How relations are signed.

    Returns
    -------
    DataFrame
        ``year, a, b, c, type, pivot, pariah, sign_ab, sign_ac, sign_bc`` (+1, -1, 0 =
        neutral), ``evidence_ab, evidence_ac, evidence_bc`` (the records behind each sign,
        positive then negative, e.g. ``"+ ATOP alliance: defense+nonagg | - T&D rivalry …"``),
        ``neutral`` (pairs without a sign, "a-c"), ``not_covered`` (tie sources whose data
        do not reach that year: absence of evidence there is not evidence of neutrality).

    Raises
    ------
    InvalidParameterError
        The three codes are not distinct integers.
    CoverageError
        Years outside the recipe's coverage.

    References
    ----------
    Dittmer, L. (1981). The strategic triangle. *World Politics* 33(4): 485–515.

    Examples
    --------
    >>> t = strategic_triangle(2, 710, 365, years=1955)
    >>> t.loc[0, "type"], int(t.loc[0, "pariah"])
    ('stable_marriage', 2)
    """
    codes = []
    for name, v in (("a", a), ("b", b), ("c", c)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidParameterError(f"{name} must be a COW state code (int); got {v!r}")
        codes.append(int(v))
    if len(set(codes)) < 3:
        raise InvalidParameterError(f"a triangle needs three distinct states; got {codes}")
    from blocs.system import resolve  # unknown codes fail here, not as a silently empty triangle

    for code in codes:
        resolve(code, system="cow")
    ys = _check_network_years(years, recipe)
    ev = _evidence(ys, recipe)
    s = set(codes)
    ev = ev[ev["source"].isin(s) & ev["target"].isin(s)]
    comb = _combine(ev, recipe.combine).set_index(["year", "source", "target"])
    notes = ev.assign(
        note=np.where(ev["sign"] > 0, "+ ", "- ") + ev["evidence"].astype(str)
    ).groupby(["year", "source", "target"])["note"].agg(" | ".join)
    pairs = {"ab": (codes[0], codes[1]), "ac": (codes[0], codes[2]), "bc": (codes[1], codes[2])}
    rows = []
    for y in ys:
        row: dict[str, Any] = {"year": y, "a": codes[0], "b": codes[1], "c": codes[2]}
        signs = {}
        for key, (u, v) in pairs.items():
            k = (y, min(u, v), max(u, v))
            signs[key] = int(comb.loc[k, "sign"]) if k in comb.index else 0  # type: ignore[arg-type]
            row[f"sign_{key}"] = signs[key]
            row[f"evidence_{key}"] = notes.get(k, "")
        cls = classify_triangle(signs["ab"], signs["ac"], signs["bc"], names=tuple(codes))  # type: ignore[arg-type]
        row["type"] = cls["type"]
        row["pivot"] = cls["pivot"]
        row["pariah"] = cls["pariah"]
        row["neutral"] = ", ".join(f"{p}-{q}" for p, q in cls["neutral"])
        row["not_covered"] = ", ".join(recipe.uncovered(y))
        rows.append(row)
    cols = [
        "year", "a", "b", "c", "type", "pivot", "pariah", "sign_ab", "sign_ac", "sign_bc",
        "evidence_ab", "evidence_ac", "evidence_bc", "neutral", "not_covered",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["pivot"] = out["pivot"].astype("Int64")
    out["pariah"] = out["pariah"].astype("Int64")
    return with_meta(out, TableMeta(unit="other", system="cow", directed=False, sources=meta_of(ev).sources))


def triangle_spells(timeline: pd.DataFrame) -> pd.DataFrame:
    """Collapse a :func:`strategic_triangle` timeline into spells: the year each type begins and ends.

    A new spell starts whenever the type, the pivot, the pariah or any relation's sign
    changes, or when years are not consecutive.

    Parameters
    ----------
    timeline : DataFrame
        The output of :func:`strategic_triangle` (one row per year).

    Returns
    -------
    DataFrame
        ``type, pivot, pariah, sign_ab, sign_ac, sign_bc, start, end, years, neutral``.

    References
    ----------
    Dittmer, L. (1981). The strategic triangle. *World Politics* 33(4): 485–515.

    Examples
    --------
    >>> t = strategic_triangle(2, 710, 365, years="1955-1956")
    >>> triangle_spells(t)[["type", "start", "end"]].values.tolist()
    [['stable_marriage', 1955, 1956]]
    """
    need = ["year", "type", "pivot", "pariah", "sign_ab", "sign_ac", "sign_bc", "neutral"]
    missing = [c for c in need if c not in timeline.columns]
    if missing:
        raise InvalidParameterError(f"timeline lacks column(s) {missing}; pass the output of strategic_triangle()")
    t = timeline.sort_values("year").reset_index(drop=True)
    key = t[["type", "pivot", "pariah", "sign_ab", "sign_ac", "sign_bc"]].astype(str).agg("|".join, axis=1)
    new = (key != key.shift()) | (t["year"].diff() != 1)
    spell = new.cumsum()
    g = t.groupby(spell)
    out = pd.DataFrame(
        {
            "type": g["type"].first(),
            "pivot": g["pivot"].first(),
            "pariah": g["pariah"].first(),
            "sign_ab": g["sign_ab"].first(),
            "sign_ac": g["sign_ac"].first(),
            "sign_bc": g["sign_bc"].first(),
            "start": g["year"].min(),
            "end": g["year"].max(),
            "years": g["year"].size(),
            "neutral": g["neutral"].first(),
        }
    ).reset_index(drop=True)
    return with_meta(out, meta_of(timeline))
