"""Strategic triangles: Dittmer's truth table, incomplete relations, the US-China-USSR timeline."""

from __future__ import annotations

import itertools

import pytest

from blocs._errors import InvalidParameterError
from blocs.networks import classify_triangle, strategic_triangle, triangle_spells

TRUTH = {
    (1, 1, 1): ("menage_a_trois", None, None),
    (1, 1, -1): ("romantic", "a", None),  # a friendly with b and c; b-c hostile
    (1, -1, 1): ("romantic", "b", None),
    (-1, 1, 1): ("romantic", "c", None),
    (1, -1, -1): ("stable_marriage", None, "c"),  # a-b friends, both hostile to c
    (-1, 1, -1): ("stable_marriage", None, "b"),
    (-1, -1, 1): ("stable_marriage", None, "a"),
    (-1, -1, -1): ("unit_veto", None, None),
}


@pytest.mark.parametrize(("signs", "expected"), list(TRUTH.items()))
def test_truth_table(signs: tuple[int, int, int], expected: tuple) -> None:
    got = classify_triangle(*signs)
    assert (got["type"], got["pivot"], got["pariah"]) == expected
    assert got["neutral"] == []


@pytest.mark.parametrize("signs", list(itertools.product([1, -1, 0, None], repeat=3)))
def test_incomplete_relations_are_never_forced(signs: tuple) -> None:
    got = classify_triangle(*signs, names=("x", "y", "z"))
    neutral = [p for p, s in zip([("x", "y"), ("x", "z"), ("y", "z")], signs, strict=True) if not s]
    assert got["neutral"] == neutral
    if neutral:
        assert got["type"] == "incomplete" and got["pivot"] is None and got["pariah"] is None


def test_classification_does_not_depend_on_the_order_of_states() -> None:
    names = ("USA", "CHN", "RUS")
    for signs in itertools.product([1, -1], repeat=3):
        rel = {frozenset(p): s for p, s in zip(itertools.combinations(names, 2), signs, strict=True)}
        base = classify_triangle(*signs, names=names)
        for perm in itertools.permutations(names):
            s = [rel[frozenset(p)] for p in itertools.combinations(perm, 2)]
            got = classify_triangle(*s, names=perm)
            assert (got["type"], got["pivot"], got["pariah"]) == (base["type"], base["pivot"], base["pariah"])


def test_bad_relation_value() -> None:
    with pytest.raises(InvalidParameterError, match=r"must be \+1, -1, or 0/None \(neutral\); got 2"):
        classify_triangle(1, 2, 1)


def test_us_china_ussr_timeline() -> None:
    t = strategic_triangle(2, 710, 365, years="1946-2014").set_index("year")
    # 1950s: China and the USSR allied (1950 treaty) against the US, both its rivals
    for y in range(1950, 1958):
        assert t.at[y, "type"] == "stable_marriage" and t.at[y, "pariah"] == 2
    assert "defense" in t.at[1955, "evidence_bc"] and "rivalry" in t.at[1955, "evidence_ab"]
    # Sino-Soviet split: rivalry from 1958 overrides the treaty; US-China rivalry to 1972
    for y in range(1958, 1973):
        assert t.at[y, "type"] == "unit_veto"
    # after 1972 no evidence links the US and China until the 1990s: incomplete, not forced
    for y in range(1973, 1990):
        assert t.at[y, "type"] == "incomplete" and t.at[y, "neutral"] == "2-710"
    # later alignment: non-aggression/consultation pacts of China and Russia from 1992
    assert (t.loc[1995:2008, "sign_bc"] == 1).all()
    assert t.at[1993, "sign_bc"] == -1 and "COW MID" in t.at[1993, "evidence_bc"]  # border incidents
    assert t.at[2012, "not_covered"] == "COW war"


def test_triangle_to_2024_says_what_is_not_covered() -> None:
    t = strategic_triangle(2, 710, 365, years="2018-2024").set_index("year")
    # TSS: US-China (1996-) and Russia-US (2007-) rivalries run to 2020
    assert t.at[2020, "sign_ab"] == -1 and "TSS rivalry" in t.at[2020, "evidence_ab"]
    # after 2020 only UCDP covers the years, and it records no conflict among the three
    for y in range(2021, 2025):
        assert t.at[y, "type"] == "incomplete" and t.at[y, "neutral"] == "2-710, 2-365, 710-365"
        assert "TSS rivalry" in t.at[y, "not_covered"] and "UCDP" not in t.at[y, "not_covered"]


def test_spells_record_begin_and_end() -> None:
    t = strategic_triangle(2, 710, 365, years="1946-1975")
    spells = triangle_spells(t)
    sm = spells[spells.type == "stable_marriage"].iloc[0]
    assert (sm.start, sm.end, sm.years, sm.pariah) == (1950, 1957, 8, 2)
    uv = spells[(spells.type == "unit_veto") & (spells.start == 1958)].iloc[0]
    assert uv.end == 1972
    assert spells.years.sum() == 30
    with pytest.raises(InvalidParameterError, match="timeline lacks column"):
        triangle_spells(t.drop(columns="type"))


def test_triangle_argument_errors() -> None:
    with pytest.raises(InvalidParameterError, match="three distinct states"):
        strategic_triangle(2, 2, 365, years=1960)
    with pytest.raises(InvalidParameterError, match="must be a COW state code"):
        strategic_triangle("USA", 710, 365, years=1960)  # type: ignore[arg-type]
