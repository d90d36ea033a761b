"""Aggregation: known values from the real ICEWS day, cross-format identity, invariants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from blocs._errors import InvalidParameterError
from blocs._meta import meta_of
from blocs.data import load
from blocs.events import CAMEO_QUAD_BOUNDS, aggregate_events, read_events, sample_icews_path
from blocs.events._actors import actor_intervals


@pytest.fixture(scope="module")
def icews_day() -> pd.DataFrame:
    return aggregate_events(sample_icews_path(), format="icews", by="day").table


def _quad_of_root_from_table() -> dict[int, int]:
    """The quad class of each CAMEO root as GDELT's lookup table files it (the catalog's copy)."""
    quad, out = 0, {}
    for code in load("cameo_eventcodes")["CAMEOEVENTCODE"]:
        if len(code) == 1:
            quad = int(code)
        elif len(code) == 2:
            out[int(code)] = quad
    return out


def test_quad_bounds_are_the_cameo_tables() -> None:
    table = _quad_of_root_from_table()
    assert len(table) == 20
    assert table == {r: q for lo, hi, q in CAMEO_QUAD_BOUNDS for r in range(lo, hi + 1)}


@pytest.mark.parametrize(("src", "tgt", "c1", "c2"), [("United States", "Russian Federation", 2, 365),
                                                     ("China", "United States", 710, 2),
                                                     ("India", "Pakistan", 750, 770)])  # fmt: skip
def test_known_dyads_of_the_real_day(icews_day: pd.DataFrame, src: str, tgt: str, c1: int, c2: int) -> None:
    """An independent pandas count on the raw file agrees with the engine, dyad by dyad."""
    ev = read_events(sample_icews_path(), format="icews")
    sel = ev[(ev["Source Country"] == src) & (ev["Target Country"] == tgt) & (ev["Event Date"] == "2018-06-01")]
    quads = sel["CAMEO Code"].str[:2].astype(int).map(_quad_of_root_from_table())
    row = icews_day[(icews_day.ccode1 == c1) & (icews_day.ccode2 == c2)].iloc[0]
    assert (row.year, row.month, row.day) == (2018, 6, 1)
    assert row.events == len(sel) > 0
    assert [row.verbal_coop, row.material_coop, row.verbal_conflict, row.material_conflict] == [
        int((quads == q).sum()) for q in (1, 2, 3, 4)
    ]
    assert row.goldstein_sum == pytest.approx(sel["Intensity"].astype(float).sum())
    assert row.net_coop == int((quads <= 2).sum() - (quads >= 3).sum())


def test_report_accounts_for_every_row(icews_day: pd.DataFrame) -> None:
    r = aggregate_events(sample_icews_path(), format="icews", by="day").report
    left_out = r.bad_date + r.no_country + r.same_state + r.unmatched + r.outside_system + r.ambiguous
    assert r.rows == r.events == 3705
    assert r.aggregated + left_out == r.events
    assert int(icews_day["events"].sum()) == r.aggregated
    assert r.no_country == 368  # 'NA' on either side, never resolved to Namibia
    assert r.unmatched_labels["Occupied Palestinian Territory"] == 75 and "Hong Kong" in r.unmatched_labels
    assert meta_of(icews_day).unit == "dyad" and meta_of(icews_day).directed is True
    assert {s.name for s in meta_of(icews_day).sources} >= {"ICEWS", "cw_system"}


def test_strict_icews_dedup_merges_story_sentence_repeats() -> None:
    r = aggregate_events(sample_icews_path(), format="icews", dedup="strict").report
    ev = read_events(sample_icews_path(), format="icews")
    keys = ["Story ID", "Sentence Number", "Source Country", "Target Country", "CAMEO Code", "Event Date"]
    assert r.events == len(ev.drop_duplicates(keys)) == 3705 - 175


def test_undirected_sums_both_directions(icews_day: pd.DataFrame) -> None:
    und = aggregate_events(sample_icews_path(), format="icews", by="day", directed=False).table
    assert (und.ccode1 < und.ccode2).all()
    d = icews_day.assign(a=icews_day[["ccode1", "ccode2"]].min(axis=1), b=icews_day[["ccode1", "ccode2"]].max(axis=1))
    summed = d.groupby(["a", "b", "year", "month", "day"])[["events", "net_coop"]].sum().reset_index()
    pd.testing.assert_frame_equal(
        und[["events", "net_coop"]].reset_index(drop=True), summed[["events", "net_coop"]], check_dtype=False
    )


def test_gw_system_keys() -> None:
    t = aggregate_events(sample_icews_path(), format="icews", by="year", system="gw").table
    assert list(t.columns[:3]) == ["gwcode1", "gwcode2", "year"]
    assert meta_of(t).system == "gw" and meta_of(t).unit == "dyad_year"


def test_actor_intervals_follow_state_spells() -> None:
    iv, unknown = actor_intervals(["Germany", "Yemen", "Hong Kong"], kind="name", system="cow")
    g = iv[iv.label == "Germany"].set_index("start")
    assert g.loc[19901003, "code"] == 255 and bool(g.loc[19550505, "ambiguous"])  # two Germanies 1955-1990
    y = iv[iv.label == "Yemen"].set_index("start")
    assert y.loc[19900522, "code"] == 679
    assert "Hong Kong" in unknown
    iv2, unknown2 = actor_intervals(["ROM", "AFR", "RUS"], kind="cameo", system="cow")
    assert set(iv2.label) == {"ROM", "RUS"} and "AFR" in unknown2  # CAMEO's Romania; a region is no state


def test_same_events_in_every_format_give_the_same_table(synthetic: dict[str, Path]) -> None:
    tables = {f: aggregate_events(p, format=f, by="month", directed=False) for f, p in synthetic.items()}  # type: ignore[arg-type]
    base = tables["icews"]
    assert base.report.aggregated > 1000
    for f in ("gdelt1", "gdelt2", "polecat"):
        pd.testing.assert_frame_equal(tables[f].table, base.table)
        assert tables[f].report.aggregated == base.report.aggregated


def test_gdelt_strict_keeps_root_events(synthetic: dict[str, Path]) -> None:
    g = read_events(synthetic["gdelt2"], format="gdelt2")
    r = aggregate_events(synthetic["gdelt2"], format="gdelt2", dedup="strict").report
    assert r.rows == r.events == int((g["IsRootEvent"] == "1").sum()) < 6000


def test_bad_options() -> None:
    with pytest.raises(InvalidParameterError, match="by"):
        aggregate_events(sample_icews_path(), format="icews", by="week")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="engine"):
        aggregate_events(sample_icews_path(), format="icews", engine="polars")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="threads must be a positive integer"):
        aggregate_events(sample_icews_path(), format="icews", threads=0)


@pytest.mark.parametrize("dedup", ["ids", "strict"])
def test_skipping_dedup_for_unique_ids_changes_nothing(
    synthetic: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dedup: str
) -> None:
    import blocs.events._aggregate as agg
    from blocs.events import convert_events

    pq = convert_events(synthetic["gdelt2"], tmp_path / "g.parquet", format="gdelt2")
    proofs: list[bool] = []
    counts: list[bool] = []
    prove, check = agg.ids_proven_unique, agg._ids_unique

    def spy_proof(*args: Any) -> bool:
        proofs.append(prove(*args))
        return proofs[-1]

    def spy_count(*args: Any) -> bool:
        counts.append(check(*args))
        return counts[-1]

    monkeypatch.setattr(agg, "ids_proven_unique", spy_proof)
    monkeypatch.setattr(agg, "_ids_unique", spy_count)
    sealed = aggregate_events(pq, format="gdelt2", dedup=dedup)  # type: ignore[arg-type]
    assert proofs == [True] and counts == []  # the copy's seal proves the ids unique: no scan
    monkeypatch.setattr(agg, "ids_proven_unique", lambda *a: False)  # no proof: the exact count
    counted = aggregate_events(pq, format="gdelt2", dedup=dedup)  # type: ignore[arg-type]
    assert counts == [True]
    monkeypatch.setattr(agg, "_ids_unique", lambda *a: False)  # force the full de-duplication
    full = aggregate_events(pq, format="gdelt2", dedup=dedup)  # type: ignore[arg-type]
    for other in (counted, full):
        pd.testing.assert_frame_equal(sealed.table, other.table)
        assert sealed.report == other.report
    raw = aggregate_events(synthetic["gdelt2"], format="gdelt2", dedup=dedup)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(sealed.table, raw.table)
    assert proofs == [True] and counts == [True]  # text input: neither (a count would parse the files twice)


def test_repeated_ids_are_detected_and_merged(synthetic: dict[str, Path], tmp_path: Path) -> None:
    import shutil

    from blocs.events import convert_events

    once = convert_events(synthetic["gdelt2"], tmp_path / "once.parquet", format="gdelt2")
    twice = [once, shutil.copy(once, tmp_path / "again.parquet")]  # every id twice
    single = aggregate_events(once, format="gdelt2")
    double = aggregate_events(twice, format="gdelt2")
    pd.testing.assert_frame_equal(single.table, double.table)
    assert double.report.rows == 2 * single.report.rows and double.report.events == single.report.events
