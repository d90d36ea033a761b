"""Signed networks from recipes: real-data ties, evidence, combine rules, recipe specs."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import Source, declare, meta_of
from blocs.networks import (
    DEFAULT_RECIPE,
    AllianceTies,
    ConflictTies,
    DisputeTies,
    Recipe,
    RivalryTies,
    ScoreTies,
    WarTies,
    create_signed_network,
    recipe_coverage,
    signed_evidence,
    to_networkx,
)


def _edge(net: pd.DataFrame, a: int, b: int) -> pd.Series:
    row = net[(net.source == min(a, b)) & (net.target == max(a, b))]
    assert len(row) == 1, (a, b)
    return row.iloc[0]


def test_default_network_1955_china_ussr_allied_usa_hostile_to_both() -> None:
    net = create_signed_network(1955)
    sino_soviet = _edge(net, 365, 710)
    assert sino_soviet.sign == 1
    assert "defense" in sino_soviet.evidence_pos and sino_soviet.evidence_neg == ""
    us_ussr = _edge(net, 2, 365)
    assert us_ussr.sign == -1 and "TSS rivalry United States-USSR 2 (1945–1989)" in us_ussr.evidence_neg
    assert _edge(net, 2, 710).sign == -1


def test_negative_evidence_wins_and_conflict_is_flagged() -> None:
    # 1960: the 1950 Sino-Soviet treaty is in force, but TSS (like T&D) code the rivalry from 1958
    row = _edge(create_signed_network(1960), 365, 710)
    assert row.sign == -1 and row.conflict
    assert "defense" in row.evidence_pos and "TSS rivalry China-USSR (1958–1989)" in row.evidence_neg
    td = _edge(create_signed_network(1960, recipe=Recipe.from_spec("alliance,rivalry=td")), 365, 710)
    assert "T&D rivalry China-Russia 2" in td.evidence_neg


def test_table_shape_sources_and_keys() -> None:
    net = create_signed_network("1962-1963")
    assert list(net.columns) == [
        "year", "source", "target", "sign", "weight", "evidence_pos", "evidence_neg", "conflict",
    ]
    assert (net.source < net.target).all()
    assert not net.duplicated(["year", "source", "target"]).any()
    assert set(net.sign) == {1, -1}
    meta = meta_of(net)
    assert meta.unit == "dyad_year" and meta.system == "cow" and meta.directed is False
    assert {s.name for s in meta.sources} == {
        "atop_alliance", "cow_mid_ddydisps", "cow_war_inter", "tss_rivalries", "ucdp_acd", "gw_cw_panel"
    }


def test_participant_hostility_is_the_default_level() -> None:
    # 2013 US-Russia dispute: dispute-level hostlev 4, both states' own level 3
    ev = signed_evidence(2013, recipe=Recipe(ties=(DisputeTies(),)))
    assert ev[(ev.source == 2) & (ev.target == 365)].empty
    ev2 = signed_evidence(2013, recipe=Recipe(ties=(DisputeTies(level="dispute"),)))
    assert "hostlev 4" in ev2[(ev2.source == 2) & (ev2.target == 365)].evidence.item()


def test_war_ties_link_opposite_sides_only() -> None:
    ev = signed_evidence(1951, recipe=Recipe(ties=(WarTies(),)))
    us_china = ev[(ev.source == 2) & (ev.target == 710)]
    assert us_china.evidence.item() == "COW war #151"
    us_uk = ev[(ev.source == 2) & (ev.target == 200)]
    assert us_uk.empty


def _score(rows: list[tuple[int, int, int, float]], col: str = "score") -> pd.DataFrame:
    t = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year", col])
    return declare(t, unit="dyad_year", system="cow", directed=False, sources=[Source("un_votes", "2021")])


def test_score_ties_hook_thresholds_and_keeps_provenance() -> None:
    t = _score([(2, 20, 1980, 0.9), (20, 2, 1980, 0.7), (2, 200, 1980, 0.5)])
    r = Recipe(ties=(ScoreTies(t, column="score", threshold=0.75, label="UN agreement"),))
    net = create_signed_network(1980, recipe=r)
    # the two directions of 2-20 average to 0.8 >= 0.75; 2-200 stays below
    assert net[["source", "target", "sign"]].values.tolist() == [[2, 20, 1]]
    assert net.evidence_pos.item() == "UN agreement: score=0.800 >= 0.75"
    assert Source("un_votes", "2021") in meta_of(net).sources


@pytest.mark.parametrize(
    ("combine", "sign", "weight"),
    [("negative_wins", -1, 1.0), ("positive_wins", 1, 3.0), ("sum", 1, 2.0)],
)
def test_combine_rules(combine: str, sign: int, weight: float) -> None:
    pos = ScoreTies(_score([(2, 20, 1980, 1.0)]), column="score", threshold=0.5, weight=3.0)
    neg = ScoreTies(_score([(2, 20, 1980, 0.0)]), column="score", threshold=0.5, above=False, sign=-1)
    net = create_signed_network(1980, recipe=Recipe(ties=(pos, neg), combine=combine))  # type: ignore[arg-type]
    assert net.sign.item() == sign and net.weight.item() == weight and net.conflict.item()


def test_sum_rule_drops_ties_that_cancel() -> None:
    pos = ScoreTies(_score([(2, 20, 1980, 1.0)]), column="score", threshold=0.5)
    neg = ScoreTies(_score([(2, 20, 1980, 0.0)]), column="score", threshold=0.5, above=False, sign=-1)
    assert create_signed_network(1980, recipe=Recipe(ties=(pos, neg), combine="sum")).empty


def test_recipe_from_spec() -> None:
    r = Recipe.from_spec("alliance=defense+offense,gml=5,war*2,combine=sum")
    assert r.ties == (AllianceTies(types=("defense", "offense")), DisputeTies(dataset="gml", min_hostlev=5),
                      WarTies(weight=2.0))
    assert r.combine == "sum"
    assert Recipe.from_spec("default").ties == DEFAULT_RECIPE.ties
    assert Recipe.from_spec("rivalry").ties == (RivalryTies(),)
    assert Recipe.from_spec("rivalry=td,ucdp=interstate+II").ties == (
        RivalryTies(dataset="td"), ConflictTies(types=("interstate", "II"))
    )


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ("", "--ties is empty"),
        ("friends", "names an unknown tie source"),
        ("alliance=marriage", r"unknown alliance type\(s\) \['marriage'\]"),
        ("mid=high", "the hostility level must be an integer 1–5"),
        ("mid=7", "min_hostlev must be an integer 1–5"),
        ("combine=max", "combine='max' is not allowed"),
        ("war!", "is not understood"),
        ("rivalry=klein", "the rivalry dataset must be tss or td"),
        ("ucdp=civil", "ConflictTies: types=\\('civil',\\) is not allowed"),
    ],
)
def test_recipe_spec_errors(spec: str, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        Recipe.from_spec(spec)


def test_constructor_errors() -> None:
    with pytest.raises(InvalidParameterError, match="weight must be a positive finite number"):
        WarTies(weight=0)
    with pytest.raises(InvalidParameterError, match="ties is empty"):
        Recipe(ties=())
    with pytest.raises(InvalidParameterError, match="is not a tie source"):
        Recipe(ties=("alliance",))  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="combine must be one of"):
        Recipe(ties=(WarTies(),), combine="max")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"table lacks column\(s\) \['agree'\]"):
        ScoreTies(_score([(2, 20, 1980, 1.0)]), column="agree", threshold=0.5)
    with pytest.raises(InvalidParameterError, match="level must be 'participants' or 'dispute'"):
        DisputeTies(level="dyad")  # type: ignore[arg-type]


def test_year_errors() -> None:
    with pytest.raises(CoverageError, match=r"outside the coverage of the recipe's tie sources \(1816–2024\)"):
        create_signed_network(1700)
    with pytest.raises(InvalidParameterError, match="must be a blocs.networks.Recipe"):
        create_signed_network(1962, recipe="default")  # type: ignore[arg-type]


def test_uncovered_sources_are_named() -> None:
    assert DEFAULT_RECIPE.uncovered(2012) == ["COW war"]
    assert DEFAULT_RECIPE.uncovered(1962) == []
    assert DEFAULT_RECIPE.covered(2022) == ["UCDP interstate (with supporters)"]


def test_recipe_coverage_per_year() -> None:
    cov = recipe_coverage("2006-2024").set_index("year")
    assert cov["n_sources"].tolist() == [5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1]
    assert cov.at[2019, "not_covered"] == "alliance(defense+offense+neutral+nonagg), cow MID hostlev>=4, COW war"
    with pytest.raises(CoverageError, match="outside the coverage"):
        recipe_coverage(2025)


def test_ucdp_conflict_ties() -> None:
    ev = signed_evidence(2022, recipe=Recipe(ties=(ConflictTies(),)))
    ru_ua = ev[(ev.source == 365) & (ev.target == 369)]
    assert ru_ua["evidence"].tolist() == ["UCDP conflict #13243 intensity 2"]
    # Korea 1951: the US and China were secondary supporters on opposite sides
    korea = signed_evidence(1951, recipe=Recipe(ties=(ConflictTies(),)))
    assert ((korea.source == 2) & (korea.target == 710)).any()
    primary = signed_evidence(1951, recipe=Recipe(ties=(ConflictTies(supporters=False),)))
    assert not ((primary.source == 2) & (primary.target == 710)).any()
    assert ConflictTies().coverage() == (1946, 2024)


def test_to_networkx() -> None:
    net = create_signed_network("1962-1963")
    g = to_networkx(net, year=1962)
    assert isinstance(g, nx.Graph) and g.number_of_edges() == (net.year == 1962).sum()
    assert g.edges[2, 365]["sign"] == -1 and "rivalry" in g.edges[2, 365]["evidence_neg"]
    with pytest.raises(InvalidParameterError, match="holds 2 years"):
        to_networkx(net)
    with pytest.raises(InvalidParameterError, match="year 1970 is not in the edge table"):
        to_networkx(net, year=1970)


def test_alliance_evidence_past_atop_coverage_is_empty_not_an_error() -> None:
    # found by schemathesis through /api/v1/balance?year=2019: ATOP 5.1 ends in 2018
    from blocs.networks import AllianceTies

    ev = AllianceTies().evidence([2019])
    assert len(ev) == 0
