"""blocs.query on real data: known values, sources, renderings (table and JSON)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from blocs import meta_of
from blocs._errors import AmbiguousCountryError, CoverageError, InvalidParameterError, UnknownCountryError
from blocs.data import catalog
from blocs.query import (
    SETTINGS,
    balance_snapshot,
    build_table,
    check_output,
    coverage,
    dyad_timeline,
    landscape_from_tables,
    landscape_scenario,
    polarity_table,
    resolve_state,
    search_states,
    settings_table,
    similarity_table,
    triangle_timeline,
    write_table,
)


def _names(sources: tuple[object, ...]) -> set[str]:
    return {s.name for s in sources}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- states


def test_resolve_state_known_codes_and_sources() -> None:
    r = resolve_state("China", year=1960)
    assert (r.code, r.abbreviation, r.note) == (710, "CHN", None)
    assert _names(r.sources) == {"cw_system"}
    assert resolve_state("Germany", year=2000, system="gw").code == 260
    assert resolve_state("710").code == 710
    assert resolve_state("Russia", year=1960).to_dict()["ccode"] == 365
    assert resolve_state("Germany", year=2000, system="gw").to_dict()["gwcode"] == 260


def test_resolve_state_names_the_successor_of_a_dated_name() -> None:
    r = resolve_state("USSR", year=2000)
    assert r.code == 365
    assert r.note is not None and "Soviet Union" in r.note and "1991-12-26" in r.note and "Russia" in r.note
    assert resolve_state("USSR", year=1960).note is None
    assert "Myanmar" in (resolve_state("Burma", year=2000).note or "")
    # a year after the end of the state list is carried forward, and says so
    assert "carried forward" in (resolve_state("Russia", year=2020).note or "")


def test_resolve_state_errors() -> None:
    with pytest.raises(AmbiguousCountryError, match="ambiguous"):
        resolve_state("Germany", year=1960)
    with pytest.raises(UnknownCountryError, match="unknown country 'Narnia'"):
        resolve_state("Narnia")
    with pytest.raises(CoverageError, match=r"'year' parameter of resolve_state must be a year in 1–20\d\d; got -5"):
        resolve_state("USA", year=-5)
    with pytest.raises(InvalidParameterError, match="'system' parameter of resolve_state must be one of 'cow', 'gw'"):
        resolve_state("USA", system="cw")  # type: ignore[arg-type]


def test_search_states_suggests_by_prefix_and_year() -> None:
    found = search_states("germ", year=1960)
    assert [m.code for m in found.matches][:2] == [260, 265]
    assert all(m.code != 255 for m in found.matches)  # 255 is not in the system in 1960
    assert search_states("united st").matches[0].code == 2
    assert len(search_states("a", limit=3).matches) == 3
    with pytest.raises(InvalidParameterError, match="'limit' parameter of search_states"):
        search_states("a", limit=0)


# --------------------------------------------------------------------------- dyad


def test_dyad_timeline_usa_ussr_cuban_missile_crisis() -> None:
    t = dyad_timeline("USA", "USSR", years="1962-1963")
    row = t.table.set_index("year").loc[1962]
    assert (t.a.code, t.b.code) == (2, 365)
    assert row["obligation"] == "con"  # ATOP 5.1: consultation only
    assert int(row["cowmidongoing"]) == 1 and int(row["ongoingrivalry"]) == 1 and int(row["cowinterongoing"]) == 0
    assert row["atop_s_abs"] == pytest.approx(0.094017, abs=1e-6)
    assert row["un_agree"] == pytest.approx(0.26087, abs=1e-5)
    assert row["cap_ratio"] == pytest.approx(1.190398, abs=1e-6)
    assert {"atop_alliance", "un_votes", "cow_nmc", "cow_mid_ddydisps", "tss_rivalries", "cow_war_inter"} <= _names(
        t.sources
    )
    frame = t.to_frame()
    assert _names(meta_of(frame).sources) == _names(t.sources)
    doc = json.loads(json.dumps(t.to_dict()))
    assert doc["a"]["code"] == 2 and len(doc["table"]) == 2


def test_dyad_timeline_years_default_from_catalog_and_errors() -> None:
    t = dyad_timeline("West Germany", "USSR", years="1989-1992")
    assert t.a.code == 260 and t.table["year"].tolist() == [1989, 1990]
    with pytest.raises(InvalidParameterError, match="must be a state other than a"):
        dyad_timeline("USA", "United States", years=1990)
    with pytest.raises(CoverageError, match=r"cw_system .* coverage \(1816–"):
        dyad_timeline("USA", "UKG", years=1700)
    with pytest.raises(UnknownCountryError, match="260 matches no state in the COW system"):
        dyad_timeline("USA", 260, years="1946-1948")


# --------------------------------------------------------------------------- networks


def test_triangle_timeline_1955_stable_marriage() -> None:
    t = triangle_timeline(["USA", "China", "Russia"], years="1955-1956")
    assert t.table["type"].tolist() == ["stable_marriage", "stable_marriage"]
    assert int(t.table.loc[0, "pariah"]) == 2
    assert "evidence_ab" in t.table.columns and t.table.loc[0, "evidence_ab"]
    assert "atop_alliance" in _names(t.sources)
    json.dumps(t.to_dict())
    with pytest.raises(InvalidParameterError, match="must be three states"):
        triangle_timeline(["USA", "China"])
    with pytest.raises(InvalidParameterError, match="three different states"):
        triangle_timeline(["USA", "China", "PRC"], years=1990)


def test_balance_snapshot_1962_proven_optimal() -> None:
    s = balance_snapshot(1962)
    # default recipe: ATOP alliances +, MIDs, wars, TSS rivalries and UCDP inter-state conflict -
    assert (s.frustration, s.lower_bound, s.gap, s.optimal) == (35.0, 35.0, 0.0, True)
    assert len(s.frustrated) == 35
    usa, ussr = (int(s.camps.loc[s.camps.ccode == c, "camp"].iloc[0]) for c in (2, 365))
    assert usa != ussr
    assert s.triangles["balanced"] > s.triangles["unbalanced"]
    doc = json.loads(json.dumps(s.to_dict()))
    assert doc["gap"] == 0.0 and len(doc["camps"]) == s.n_nodes
    with pytest.raises(CoverageError, match="coverage of the recipe's tie sources"):
        balance_snapshot(1700)
    with pytest.raises(InvalidParameterError, match="'method' parameter of balance_snapshot must be one of 'exact'"):
        balance_snapshot(1962, method="nope")  # type: ignore[arg-type]
    assert balance_snapshot.__blocs_constraints__["method"] is SETTINGS["balance_method"].constraint  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- landscape


def test_landscape_scenario_counterfactual_and_monte_carlo() -> None:
    s = landscape_scenario(
        ["USA", "USSR", "UKG", "FRN", "CHN"], year=1962, counterfactuals=["USA,USSR=+1"], samples=5, seed=1
    )
    assert s.method == "enumerate" and s.exact and s.gap == 0.0
    assert s.actors == ("USA", "RUS", "UKG", "FRN", "CHN")
    sides = dict(zip(s.costs["actor"], s.costs["coalition"], strict=True))
    assert sides["USA"] == sides["UKG"] == sides["FRN"] != sides["RUS"] == sides["CHN"]
    assert s.costs["forced_cost"].notna().all()
    assert s.counterfactual is not None and s.counterfactual["moved"]
    assert s.robustness is not None and s.baseline_share is not None
    assert "cow_nmc" in _names(s.sources)
    json.dumps(s.to_dict())


def test_landscape_from_tables_matches_the_estimator() -> None:
    a = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 2.0]})
    p = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -1.0]})
    s = landscape_from_tables(a, p, counterfactuals={("A", "C"): 5.0})
    assert s.energy == -4.0 and s.method == "enumerate"
    assert s.counterfactual is not None and s.counterfactual["energy"] < 0


# --------------------------------------------------------------------------- tables


def test_similarity_polarity_and_build_table() -> None:
    t = similarity_table("un", years=1990, measures="kappa_sq")
    assert t["un_kappa_sq"].notna().any() and "un_votes" in _names(meta_of(t).sources)
    pol = polarity_table(years=1950, top=1)
    assert pol["top1_ccode"].tolist() == [2]
    st = build_table("state_year", years=1990, add="majors")
    assert int(st["cowmaj"].sum()) == 5
    seen: list[tuple[str, int, int]] = []
    build_table("dyad_year", years=1990, add=["atop", "mids"], progress=lambda n, d, tot: seen.append((n, d, tot)))
    assert seen[0] == ("atop", 0, 2) and seen[-1] == ("", 2, 2)


def test_write_table_sidecar_and_formats(tmp_path: Path) -> None:
    t = build_table("state_year", years=1990, add="nmc")
    for suffix in (".csv", ".parquet", ".json", ".dta"):
        out = write_table(t, tmp_path / "sub" / f"t{suffix}")
        assert out.exists()
        side = json.loads(out.with_name(out.name + ".sources.json").read_text())
        assert {s["name"] for s in side["sources"]} == {"cow_nmc", "cw_system"}
        assert side["unit"] == "state_year"
    back = pd.read_csv(tmp_path / "sub" / "t.csv")
    assert len(back) == len(t)


def test_coverage_reads_the_catalog() -> None:
    for name, ds in catalog().items():
        if ds.coverage is not None:
            assert coverage(name) == ds.coverage


# --------------------------------------------------------------------------- settings


def test_settings_registry_is_complete_and_json_able() -> None:
    rows = settings_table()
    assert len(rows) == len(SETTINGS)
    json.dumps(rows)
    for s in SETTINGS.values():
        assert s.help and s.cli_flag.startswith("--")
        if s.default is not None and s.constraint is not None and not isinstance(s.default, bool):
            assert s.check(s.default) == s.default or isinstance(s.default, str)
    assert SETTINGS["spread"].check(0.25) == 0.25
    with pytest.raises(InvalidParameterError, match=r"'spread' parameter must be a finite number in \[0, 1\]"):
        SETTINGS["spread"].check(2.0)
    assert SETTINGS["spread"].parse("0.5") == 0.5
    with pytest.raises(ValueError, match="'k' parameter must be an integer"):
        SETTINGS["k"].parse("two")


def test_coding_setting_matches_the_literal() -> None:
    from typing import get_args

    from blocs.measures._similarity import AtopCoding

    assert SETTINGS["coding"].constraint.values == get_args(AtopCoding)  # type: ignore[union-attr]


def test_check_output_refuses_before_work(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert check_output(tmp_path / "new" / "t.csv") == tmp_path / "new" / "t.csv"
    assert not (tmp_path / "new").exists()  # checking creates nothing
    for bad, match in (
        (tmp_path / "t.txt", "ending in .parquet, .csv, .dta, .json"),
        (tmp_path, "existing folder"),
        (tmp_path / "file" / "t.csv", "is a file, not a folder"),
        ("/proc/nope/x.csv", "not writable"),
    ):
        with pytest.raises(InvalidParameterError, match=match):
            check_output(bad)
    assert math.isfinite(0.0)


def test_docs_cover_every_query_function_and_setting() -> None:
    import blocs.query as q

    text = (Path(__file__).resolve().parents[2] / "docs" / "query.md").read_text(encoding="utf-8")
    missing = [n for n in q.__all__ if f"`{n}" not in text and n not in text]
    assert not missing, missing
    assert not [n for n in SETTINGS if f"`{n}`" not in text]


def test_docs_settings_table_is_the_generated_one() -> None:
    from blocs.query import settings_markdown

    text = (Path(__file__).resolve().parents[2] / "docs" / "query.md").read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- settings:start")) + 4
    end = text.index("<!-- settings:end -->")
    assert text[start:end] == settings_markdown(), "regenerate the table with blocs.query.settings_markdown()"


# --------------------------------------------------------------------------- durability


def test_durability_study_the_seeds_partnerships() -> None:
    from blocs.query import durability_study

    study = durability_study()
    preds = study.predictions.set_index("label")
    assert list(preds.index) == ["Sino-Soviet 1950", "China-Russia today", "China-Russia today, Cold War era"]
    assert preds.loc["Sino-Soviet 1950", "median_years"] == pytest.approx(10.9, abs=0.05)  # the README's figure
    assert any("atopid 3200" in note and "ended 1980" in note for note in study.atop_record)
    assert "atop4_alliances" in _names(study.sources)
    json.dumps(study.to_dict()["predictions"])
    with pytest.raises(InvalidParameterError, match="must name at least one partnership"):
        durability_study(partnerships=[])
    with pytest.raises(InvalidParameterError, match="'by' parameter must be one of"):
        durability_study(by="size")
