"""fit_ideal_points: fit once, read back from home()/results, never a stale or foreign fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from blocs import InvalidParameterError, Source
from blocs._meta import TableMeta, meta_of, with_meta
from blocs.measures import IdealPoints, fit_ideal_points, simulate_ideal_point_votes


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    v, _, rc = simulate_ideal_point_votes(n_states=30, n_sessions=4, n_roll_calls=25, seed=3)
    v = v.merge(rc[["rcid", "descr"]], on="rcid", how="left")
    return with_meta(v, TableMeta(unit="other", sources=(Source("un_votes", "2021-02-21"),)))


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLOCS_HOME", str(tmp_path))
    return tmp_path


def _files(home: Path) -> list[Path]:
    return sorted((home / "results").glob("ideal_points-*.parquet"))


def _no_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: IdealPoints, *a: object, **k: object) -> IdealPoints:
        raise AssertionError("fit() called although the cache holds this fit")

    monkeypatch.setattr(IdealPoints, "fit", boom)


EST = IdealPoints(seed=0, tol=1e-3)


def test_second_call_reads_the_cache(votes: pd.DataFrame, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = fit_ideal_points(votes, estimator=EST)
    files = _files(home)
    assert len(files) == 1
    direct = IdealPoints(seed=0, tol=1e-3).fit(votes).ideal_points_
    pd.testing.assert_frame_equal(first.reset_index(drop=True), direct.reset_index(drop=True))
    _no_fit(monkeypatch)
    again = fit_ideal_points(votes, estimator=EST)
    pd.testing.assert_frame_equal(again, first)
    assert meta_of(again) == meta_of(first)
    assert Source("un_votes", "2021-02-21") in meta_of(again).sources
    assert not hasattr(EST, "ideal_points_"), "the estimator passed in must not be fitted"


def test_settings_and_votes_are_part_of_the_key(votes: pd.DataFrame, home: Path) -> None:
    fit_ideal_points(votes, estimator=EST)
    fit_ideal_points(votes, estimator=IdealPoints(seed=0, tol=2e-3))
    assert len(_files(home)) == 2
    edited = votes.copy()
    i = edited.index[edited["vote"] == 1][0]
    edited.loc[i, "vote"] = 3  # one vote differs: a different fit, never the cached one
    out = fit_ideal_points(edited, estimator=EST)
    assert len(_files(home)) == 3
    assert np.isfinite(out["ideal_point"]).all()


def test_cache_false_writes_nothing(votes: pd.DataFrame, home: Path) -> None:
    fit_ideal_points(votes, estimator=EST, cache=False)
    assert _files(home) == []


def test_generator_seed_is_never_cached(votes: pd.DataFrame, home: Path) -> None:
    fit_ideal_points(votes, estimator=IdealPoints(seed=np.random.default_rng(1), tol=1e-3))
    assert _files(home) == []


def test_damaged_file_is_refitted(votes: pd.DataFrame, home: Path) -> None:
    good = fit_ideal_points(votes, estimator=EST)
    (path,) = _files(home)
    path.write_bytes(b"not parquet")
    again = fit_ideal_points(votes, estimator=EST)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), good.reset_index(drop=True))
    assert path.read_bytes()[:4] == b"PAR1"
    assert not list((home / "results").glob(".*.part")), "temporary files must not be left behind"


def test_errors_name_the_parameter(votes: pd.DataFrame, home: Path) -> None:
    with pytest.raises(InvalidParameterError, match="votes must be a pandas DataFrame"):
        fit_ideal_points([1, 2], estimator=EST)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="estimator must be an IdealPoints"):
        fit_ideal_points(votes, estimator={"tol": 1e-3})  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="cache must be True or False"):
        fit_ideal_points(votes, estimator=EST, cache="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="tol"):
        fit_ideal_points(votes, estimator=IdealPoints(tol=-1.0))
    assert _files(home) == []


def test_changed_estimator_code_is_a_new_key(votes: pd.DataFrame, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import blocs.measures._idealpoint_cache as cache_module

    fit_ideal_points(votes, estimator=EST)
    monkeypatch.setattr(cache_module, "_code_hash", lambda: "an edited estimator")
    fit_ideal_points(votes, estimator=EST)
    assert len(_files(home)) == 2
