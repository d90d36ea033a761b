from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from blocs import CoverageError, InvalidParameterError, declare
from blocs.measures import add_un_agreement
from blocs.system import load_un_votes


def _dyads(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    return declare(pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"]), unit="dyad_year", system="cow")


def _naive(a: int, b: int, year: int, votes: pd.DataFrame) -> tuple[float, int]:
    v = votes[votes["year"] == year]
    m = v[v.ccode == a][["rcid", "vote"]].merge(v[v.ccode == b][["rcid", "vote"]], on="rcid")
    agree = [1.0 if x == y else (0.0 if abs(x - y) == 2 else 0.5) for x, y in zip(m.vote_x, m.vote_y, strict=True)]
    return float(np.mean(agree)), len(m)


def test_agreement_matches_vote_by_vote_count() -> None:
    votes = load_un_votes()
    pairs = [(710, 365, 1975), (710, 2, 1975), (2, 200, 1962), (260, 265, 1980)]
    out = add_un_agreement(_dyads(pairs))
    for k, (a, b, y) in enumerate(pairs):
        ref, n = _naive(a, b, y, votes)
        assert out.loc[k, "un_agree"] == pytest.approx(ref)
        assert out.loc[k, "un_n_votes"] == n


def test_filters_and_suffixes() -> None:
    votes = load_un_votes()
    out = add_un_agreement(_dyads([(2, 365, 1985), (2, 365, 1960)]), issues=["hr"], important_only=True)
    hr = votes[(votes["hr"] == 1) & (votes["importantvote"] == 1)]
    ref, n = _naive(2, 365, 1985, hr)
    assert out.loc[0, "un_agree_imp_hr"] == pytest.approx(ref) and out.loc[0, "un_n_votes_imp_hr"] == n
    assert pd.isna(out.loc[1, "un_agree_imp_hr"])  # important votes are coded from the mid-1980s
    assert out.loc[1, "un_agree_note_imp_hr"] == "not_in_universe"


def test_china_ussr_vs_china_usa_1970s() -> None:
    rows = [(710, c, y) for y in range(1971, 1980) for c in (365, 2)]
    out = add_un_agreement(_dyads(rows)).pivot(index="year", columns="ccode2", values="un_agree")
    assert (out[365] > out[2] + 0.2).all()


def test_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    t = _dyads([(2, 365, 1985)])
    with pytest.raises(InvalidParameterError, match="'issues' parameter"):
        add_un_agreement(t, issues=["xx"])  # type: ignore[list-item]
    with pytest.raises(InvalidParameterError, match="dyad-year table"):
        add_un_agreement(declare(t, unit="other"))
    import blocs.system._unvotes

    empty = load_un_votes(sessions=1).iloc[:0]
    # add_un_agreement reads the process-level memo of load_un_votes (shared, read-only)
    monkeypatch.setattr(blocs.system._unvotes, "_shared_un_votes", lambda *_, **__: empty)
    with pytest.raises(CoverageError, match="relax the filters"):
        add_un_agreement(t, issues=["me"])
