"""Every bad input issue 11 lists (items 2-5), refused with one clear message, in the library and the CLI."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs._errors import (
    BlocsError,
    CoverageError,
    DuplicateKeysError,
    InvalidParameterError,
    MalformedFileError,
    UnknownCountryError,
)
from blocs.measures import IdealPoints
from blocs.models import Landscape
from blocs.networks import read_signed_network, strategic_triangle
from blocs.query import (
    build_table,
    check_output,
    landscape_from_tables,
    landscape_scenario,
    resolve_state,
    similarity_table,
    triangle_timeline,
)
from blocs.query._landscape import MAX_ACTORS, parse_weights
from blocs.system import add_nmc, create_dyad_years, create_state_years


def _cli(*args: str) -> tuple[int, str]:
    """Exit code and output as the console script gives them (blocs errors become run()'s clean message)."""
    from blocs.cli import app
    from blocs.cli._app import exit_code_for

    res = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})
    out = res.output
    if isinstance(res.exception, BlocsError):
        return exit_code_for(res.exception), " ".join(f"{out} Error: {res.exception}".split())
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, " ".join(out.split())


def _user_model(n: int, *, size: float = 1.0, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    actors = pd.DataFrame({"actor": [f"A{i}" for i in range(n)], "size": np.full(n, size)})
    rows = [(f"A{i}", f"A{j}", float(rng.uniform(-1, 1))) for i in range(n) for j in range(i + 1, n)]
    return actors, pd.DataFrame(rows, columns=["actor1", "actor2", "propensity"])


def test_resolve_year_minus_5() -> None:
    with pytest.raises(CoverageError, match=r"'year' parameter of resolve_state must be a year in 1–20\d\d; got -5"):
        resolve_state("USA", year=-5)
    code, out = _cli("resolve", "USA", "--year", "-5")
    assert code == 2 and "'year' parameter" in out and "Traceback" not in out


def test_similarity_2100_is_a_coverage_error() -> None:
    with pytest.raises(CoverageError, match=r"within atop_alliance 5\.1 coverage \(1815–2018\); got 2100"):
        similarity_table("atop", years=2100)
    code, out = _cli("similarity", "--source", "atop", "--years", "2100")
    assert code == 2 and "coverage" in out


def test_un_similarity_1900_is_a_coverage_error_not_zeros() -> None:
    with pytest.raises(CoverageError, match=r"within un_votes .* coverage \(1946–"):
        similarity_table("un", years=1900)


def test_header_only_edges_file(tmp_path: Path) -> None:
    path = tmp_path / "edges.csv"
    path.write_text("source,target,sign\n")
    with pytest.raises(MalformedFileError, match="has no edges"):
        read_signed_network(path)
    code, out = _cli("balance", "--edges", str(path))
    assert code == 1 and "has no edges" in out


@pytest.mark.parametrize("kind", ["proc", "under_file", "directory", "suffix"])
def test_odd_out_paths_checked_before_any_work(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    regular = tmp_path / "regular"
    regular.write_text("x")
    out = {
        "proc": "/proc/nope/x.csv",
        "under_file": str(regular / "x.csv"),
        "directory": str(tmp_path),
        "suffix": str(tmp_path / "x.txt"),
    }[kind]
    with pytest.raises(InvalidParameterError, match="'path' parameter must be a writable file path"):
        check_output(out)

    import blocs.models as models

    def no_fit(*a: object, **k: object) -> None:
        raise AssertionError("the model was fitted before --out was checked")

    monkeypatch.setattr(models, "create_alliance_spells", no_fit)
    folder = {"proc": "/proc/nope", "under_file": str(regular / "sub"), "directory": str(regular), "suffix": None}
    if folder[kind] is not None:
        start = time.perf_counter()
        code, text = _cli("durability", "--out", str(folder[kind]))
        assert code == 2 and "'--out' parameter must be a writable folder" in text, text
        assert time.perf_counter() - start < 30
    code, text = _cli("polarity", "--years", "1950", "--out", out)
    assert code == 2 and "'--out' parameter" in text


def test_idealpoints_out_extension_checked_before_fitting(monkeypatch: pytest.MonkeyPatch) -> None:
    import blocs.cli._idealpoints as cmd

    def no_votes() -> None:
        raise AssertionError("votes were loaded before --out was checked")

    monkeypatch.setattr(cmd, "default_un_votes", no_votes)
    code, out = _cli("idealpoints", "--out", "ip.txt")
    assert code == 2 and "got 'ip.txt' instead. End the name with one of .parquet" in out


def test_landscape_with_many_user_actors_is_bounded() -> None:
    a, p = _user_model(30)
    start = time.perf_counter()
    s = landscape_from_tables(a, p, time_limit=2.0, seed=0)
    assert time.perf_counter() - start < 60
    assert s.method == "heuristic" and s.bound <= s.energy
    assert any("too many to enumerate" in n for n in s.notes)
    assert s.costs["forced_cost"].isna().all() and s.costs["defection_cost"].notna().all()
    big_a, big_p = _user_model(MAX_ACTORS + 1)
    with pytest.raises(InvalidParameterError, match=r"'number of actors' parameter of landscape_from_tables"):
        landscape_from_tables(big_a, big_p)


def test_huge_sizes_and_propensities_refused() -> None:
    a, p = _user_model(4, size=1e308)
    with pytest.raises(InvalidParameterError, match=r"'size' column of actors must hold finite numbers in \(0, 1e\+12"):
        Landscape().fit(a, p)
    a, p = _user_model(4)
    with pytest.raises(InvalidParameterError, match=r"'propensity' column must hold finite numbers"):
        Landscape().fit(a, p.assign(propensity=1e308))
    with pytest.raises(InvalidParameterError, match=r"'sizes\[A0\]' parameter must be a finite number"):
        landscape_from_tables(a, p, sizes={"A0": 1e308})


def test_fractional_years_refused() -> None:
    with pytest.raises(InvalidParameterError, match=r"'years' parameter must be whole years .*got 1990\.5"):
        create_dyad_years(years=[1990.5])  # type: ignore[list-item]


def test_strategic_triangle_unknown_code() -> None:
    with pytest.raises(UnknownCountryError, match="9999 is not a COW state code"):
        strategic_triangle(2, 710, 9999)


def test_nan_weight_refused() -> None:
    with pytest.raises(InvalidParameterError, match=r"'weights\[government\]' parameter must be a finite number"):
        parse_weights({"government": float("nan")})
    with pytest.raises(InvalidParameterError, match=r"'weights\[war\]' parameter must be a finite number"):
        landscape_scenario(["USA", "RUS"], year=1962, weights="war=nan")
    from blocs.models import build_landscape

    with pytest.raises(InvalidParameterError, match=r"'weights\[government\]' parameter must be a finite number"):
        build_landscape([2, 365], year=1962, weights={"government": float("nan")})


def test_spread_2_refused() -> None:
    with pytest.raises(InvalidParameterError, match=r"'spread' parameter of landscape_scenario must be .*\[0, 1\]"):
        landscape_scenario(["USA", "RUS"], year=1962, spread=2)
    code, out = _cli("landscape", "--year", "1962", "--states", "USA,RUS", "--spread", "2")
    assert code == 2 and "Invalid value for '--spread'" in out and "[0, 1]" in out


def test_extend_to_99999_refused() -> None:
    with pytest.raises(InvalidParameterError, match="'extend_to' parameter must be a year from 2016 to"):
        create_dyad_years(extend_to=99999)
    with pytest.raises(CoverageError, match="'extend_to' parameter of build_table"):
        build_table("dyad_year", extend_to=99999)


def test_idealpoints_negative_tol() -> None:
    with pytest.raises(InvalidParameterError, match="'tol' parameter must be a positive number"):
        IdealPoints(tol=-1)
    with pytest.raises(InvalidParameterError, match="'tol' parameter must be a positive number"):
        IdealPoints().set_params(tol=float("nan"))


def test_add_nmc_on_duplicated_keys_raises() -> None:
    t = create_state_years(years=1990)
    dup = pd.concat([t, t.head(2)])
    dup.attrs = t.attrs
    with pytest.raises(DuplicateKeysError, match=r"add_nmc\(\) has 2 duplicated key\(s\) \(2, 1990\), \(20, 1990\)"):
        add_nmc(dup)


def test_ussr_in_2000_is_never_silent() -> None:
    r = resolve_state("USSR", year=2000)
    assert r.code == 365 and r.note is not None and "successor Russia" in r.note
    code, out = _cli("resolve", "USSR", "--year", "2000")
    assert code == 0 and "note: 'USSR' names the Soviet Union, which ended on 1991-12-26" in out


def test_blank_tokens_empty_measures_and_header_only_propensities(tmp_path: Path) -> None:
    """Found by the bad-input corpus: each refused with the one template."""
    for call in (lambda: resolve_state(" ", year=1960), lambda: triangle_timeline(["USA", "CHN", " "], years=1950)):
        with pytest.raises(InvalidParameterError, match=r"'token' parameter of resolve_state must be a state name"):
            call()
    with pytest.raises(InvalidParameterError, match="'measures' parameter of similarity_table must be one or more"):
        similarity_table("atop", years=1950, measures="")
    from blocs.models import read_landscape_inputs

    actors, props = tmp_path / "a.csv", tmp_path / "p.csv"
    actors.write_text("actor,size\nA,1\nB,2\n")
    props.write_text("actor1,actor2,propensity\n")
    with pytest.raises(MalformedFileError, match="--propensities file .* has 0 rows"):
        read_landscape_inputs(actors, props)
