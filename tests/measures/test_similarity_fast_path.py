"""The fast path for few states gives bit for bit the numbers of the full computation.

A dyad's timeline (``blocs.query.dyad_timeline``) names two states a year.  For such tables
``add_similarity`` and ``add_un_agreement`` build only those states' portfolio rows and votes,
sum each pair's contingency table directly instead of through a sparse product, and run the
kernel on one thread; ``load_un_votes`` is memoised per process.  These tests check the result
against the whole dyad-year table (every state, the sparse product, the parallel kernel) on real
data, with exact equality, for pairs including states born or dead in the years chosen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import blocs.measures._similarity as sim
from blocs._meta import declare, meta_of
from blocs.measures import add_similarity, add_un_agreement
from blocs.system import create_dyad_years, load_un_votes
from blocs.system._unvotes import _shared_un_votes

# China–USSR/Russia, USA–USSR/Russia (both orders), the two Germanies and united Germany
# (GDR 265 and FRG 260 end in 1990, Germany 255 starts in 1990), Yugoslavia–USA.
PAIRS = [(710, 365), (2, 365), (365, 2), (260, 265), (265, 260), (255, 2), (345, 2)]
YEARS = [1950, 1964, 1971, 1989, 1990, 1991, 2016]
KEYS = ["ccode1", "ccode2", "year"]


@pytest.fixture(scope="module")
def full_table() -> pd.DataFrame:
    return create_dyad_years(system="cow", directed=True, years=YEARS)


@pytest.fixture(scope="module")
def pair_table() -> pd.DataFrame:
    frame = pd.DataFrame([(a, b, y) for a, b in PAIRS for y in YEARS], columns=KEYS)
    return declare(frame, unit="dyad_year", system="cow", directed=True)


def _exactly_equal(few: pd.DataFrame, full: pd.DataFrame, columns: list[str]) -> None:
    merged = few.merge(full, on=KEYS, how="left", suffixes=("", "_full"), validate="one_to_one")
    for col in columns:
        a, b = merged[col], merged[f"{col}_full"]
        if pd.api.types.is_float_dtype(a):
            np.testing.assert_array_equal(a.to_numpy(), b.to_numpy(), err_msg=col)  # NaN == NaN here
        else:
            assert (
                a.astype(object).where(a.notna(), None).tolist() == b.astype(object).where(b.notna(), None).tolist()
            ), col


def test_pairs_cover_birth_and_death(pair_table: pd.DataFrame, full_table: pd.DataFrame) -> None:
    """Some pair-years lie outside the system (a state dead or unborn): they must stay missing too."""
    present = pair_table.merge(full_table[KEYS], on=KEYS, how="left", indicator=True)["_merge"]
    assert (present == "left_only").any() and (present == "both").any()


@pytest.mark.parametrize("source", ["atop", "un"])
def test_similarity_fast_path_is_exact(source: str, pair_table: pd.DataFrame, full_table: pd.DataFrame) -> None:
    measures = list(sim.ALL_MEASURES if source == "atop" else sim._UNWEIGHTED)
    few = add_similarity(pair_table, source=source, measures=measures)  # type: ignore[arg-type]
    full = add_similarity(full_table, source=source, measures=measures)  # type: ignore[arg-type]
    cols = [f"{source}_{m}" for m in measures] + [f"{source}_n_items", f"{source}_sim_note"]
    # pair-years outside the system are not in the full table: compare the ones that are
    inside = pair_table.merge(full_table[KEYS], on=KEYS)
    _exactly_equal(few.merge(inside, on=KEYS), full, cols)
    assert few[f"{source}_s_abs"].notna().sum() >= 20
    assert set(meta_of(few).sources) | set(meta_of(full_table).sources) == set(meta_of(full).sources)


def test_un_agreement_fast_path_is_exact(pair_table: pd.DataFrame, full_table: pd.DataFrame) -> None:
    few = add_un_agreement(pair_table)
    full = add_un_agreement(full_table)
    inside = pair_table.merge(full_table[KEYS], on=KEYS)
    _exactly_equal(few.merge(inside, on=KEYS), full, ["un_agree", "un_n_votes", "un_agree_note"])
    # CHN–USSR 1971 (the PRC's first session) is defined
    row = few[(few.ccode1 == 710) & (few.ccode2 == 365) & (few.year == 1971)]
    assert row["un_agree"].notna().all()


def test_few_state_tables_equal_the_sparse_product() -> None:
    """Direct per-pair sums equal SciPy's sparse product bit for bit, weighted, with and without gaps."""
    rng = np.random.default_rng(12)
    for trial in range(200):
        n, m, levels = int(rng.integers(1, sim._FEW_STATES + 1)), int(rng.integers(1, 250)), int(rng.integers(2, 5))
        codes = rng.choice(levels, size=(n, m))
        if trial % 2:
            codes[rng.random((n, m)) < 0.3] = -1
        w = rng.random(m) ** 3 / 10
        fast = sim._compute(codes, levels, w, sim.ALL_MEASURES)
        saved = sim._FEW_STATES
        try:
            sim._FEW_STATES = 0  # force the sparse product and the parallel kernel
            slow = sim._compute(codes, levels, w, sim.ALL_MEASURES)
        finally:
            sim._FEW_STATES = saved
        for name in sim.ALL_MEASURES:
            np.testing.assert_array_equal(fast.measures[name], slow.measures[name], err_msg=name)
        np.testing.assert_array_equal(fast.n_items, slow.n_items)


def test_un_votes_memo_is_shared_but_callers_get_copies() -> None:
    first = load_un_votes(sessions=25)
    first.loc[:, "vote"] = 9  # a caller scribbling on its table ...
    first.drop(columns=["rcid"], inplace=True)
    again = load_un_votes(sessions=25)  # ... does not change what the next caller gets
    assert "rcid" in again.columns and set(again["vote"].unique()) <= {1, 2, 3}
    assert again is not load_un_votes(sessions=25)
    assert _shared_un_votes(25) is _shared_un_votes(25)
    pd.testing.assert_frame_equal(again, _shared_un_votes(25))
    assert meta_of(again).sources == meta_of(_shared_un_votes(25)).sources


def test_un_votes_memo_builds_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two server threads asking at once get the same table, built once."""
    import threading

    import blocs.system._unvotes as uv

    builds: list[object] = []
    real = uv._build_un_votes

    def counted(keep: list[int] | None) -> pd.DataFrame:
        builds.append(keep)
        return real(keep)

    monkeypatch.setattr(uv, "_UN_VOTES_MEMO", {})
    monkeypatch.setattr(uv, "_build_un_votes", counted)
    got: list[pd.DataFrame] = []
    threads = [threading.Thread(target=lambda: got.append(uv._shared_un_votes(30))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1 and len(got) == 3 and got[0] is got[1] is got[2]
