from __future__ import annotations

import pandas as pd
import pytest

from blocs import InvalidParameterError, meta_of
from blocs.data import load
from blocs.system import UN_COUNTRY_TO_COW, UN_ISSUES, load_un_votes


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    return load_un_votes()


def test_shape_types_and_provenance(votes: pd.DataFrame) -> None:
    assert len(votes) == len(load("un_votes"))  # one row per source vote, none lost or added
    assert not votes.duplicated(["rcid", "ccode"]).any()
    assert set(votes["vote"].unique()) == {1, 2, 3}
    assert votes["session"].between(1, 74).all()
    assert (votes["year"] == votes["session"] + 1945).all()
    assert set(UN_ISSUES) <= set(votes.columns)
    meta = meta_of(votes)
    assert meta.system == "cow"
    assert {s.name for s in meta.sources} == {"un_votes", "un_roll_calls", "un_roll_call_issues"}


def test_every_source_country_is_mapped() -> None:
    assert set(load("un_votes")["country"].unique()) <= set(UN_COUNTRY_TO_COW)


def test_agrees_with_voeten_published_file(votes: pd.DataFrame) -> None:
    """Sessions 1–70 of Voeten's 2017 file carry COW codes: our mapping must reproduce them."""
    pub = load("un_votes_published")
    shared = set(pub["rcid"])
    ours = votes[votes["rcid"].isin(shared)][["rcid", "ccode", "vote"]]
    theirs = pub[pub["vote"].isin([1, 2, 3])][["rcid", "ccode", "vote"]]
    m = ours.merge(theirs, on=["rcid", "ccode"], how="outer", indicator=True, suffixes=("", "_pub"))
    both = m[m["_merge"] == "both"]
    assert len(both) > 730_000
    assert (both["vote"] == both["vote_pub"]).all()
    # Only difference: Yemen's 1990 votes after unification, 679 here (COW dates) vs 678 there.
    diff = m[m["_merge"] != "both"]
    assert set(diff.loc[diff["_merge"] == "left_only", "ccode"]) <= {679}
    assert set(diff.loc[diff["_merge"] == "right_only", "ccode"]) <= {678}
    # Absent (8) and non-member (9) in the published file are never turned into votes here.
    gone = pub[pub["vote"].isin([8, 9])][["rcid", "ccode"]]
    clash = gone.merge(ours, on=["rcid", "ccode"])
    assert clash["ccode"].isin([255, 678, 679]).all()  # only the succession cases above


@pytest.mark.parametrize(
    ("ccode", "first", "last"),
    [
        (260, "1973-09-18", "1990-10-02"),  # FRG admitted 1973
        (265, "1973-09-18", "1990-10-02"),  # GDR
        (255, "1990-10-03", "2020-12-31"),  # united Germany
        (678, "1947-09-30", "1990-05-21"),  # Yemen Arab Republic
        (680, "1967-11-30", "1990-05-21"),  # Yemen People's Republic (COW entry)
        (679, "1990-05-22", "2020-12-31"),  # united Yemen
        (315, "1945-10-24", "1992-12-31"),  # Czechoslovakia
        (316, "1993-01-19", "2020-12-31"),  # Czech Republic
        (713, "1945-10-24", "1971-10-25"),  # Republic of China seat
        (710, "1971-10-25", "2020-12-31"),  # PRC seat
    ],
)
def test_successor_states_vote_only_in_their_lifetime(
    votes: pd.DataFrame, ccode: int, first: str, last: str
) -> None:
    d = votes.loc[votes["ccode"] == ccode, "date"]
    assert len(d) > 0
    assert d.min() >= pd.Timestamp(first)
    assert d.max() <= pd.Timestamp(last)


def test_special_codes(votes: pd.DataFrame) -> None:
    assert set(votes.loc[votes["country"] == "Zanzibar", "ccode"]) == {511}
    assert set(votes.loc[votes["country"] == "Russia", "ccode"]) == {365}
    assert set(votes.loc[votes["country"] == "Yugoslavia", "ccode"]) == {345}
    fed = votes[votes["country"] == "Federal Republic of Germany"]
    assert set(fed["ccode"]) == {260, 255}


def test_sessions_filter_and_issue_flags() -> None:
    v = load_un_votes(sessions=(39, 40))
    assert set(v["session"]) == {39, 40}
    assert v["importantvote"].notna().all()
    issues = load("un_roll_call_issues")
    me_calls = set(issues.loc[issues["short_name"] == "me", "rcid"])
    flagged = set(v.loc[v["me"] == 1, "rcid"])
    assert flagged == me_calls & set(v["rcid"])


@pytest.mark.parametrize("bad", [0, 75, [1, 99], "x"])
def test_bad_sessions(bad: object) -> None:
    with pytest.raises(InvalidParameterError, match="sessions"):
        load_un_votes(sessions=bad)  # type: ignore[arg-type]
