"""Monthly signed networks from event data: signs, balance and the US-China-Russia triangle by month."""

from __future__ import annotations

import pandas as pd
import pytest

from blocs._errors import InvalidParameterError
from blocs.events import aggregate_events, sample_icews_path, synthesize_events
from blocs.networks import event_balance_timeline, event_signed_network, event_triangle


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Three synthetic months of ICEWS-format events (fitted to the real day), aggregated by month."""
    folder = tmp_path_factory.mktemp("ev")
    synthesize_events(folder, format="icews", rows=12_000, seed=11, start="2018-01-01", days=90)
    return aggregate_events(folder, format="icews", by="month").table


def test_signs_follow_net_cooperation(months: pd.DataFrame) -> None:
    net = event_signed_network(months)
    assert (net.source < net.target).all() and set(net.sign) <= {-1, 1}
    # directed rows are summed over both directions before signing
    d = months.assign(s=months[["ccode1", "ccode2"]].min(axis=1), t=months[["ccode1", "ccode2"]].max(axis=1))
    nc = d.groupby(["year", "month", "s", "t"])["net_coop"].sum()
    for row in net.itertuples():
        assert row.sign * row.weight == nc[(row.year, row.month, row.source, row.target)]
    assert (nc == 0).sum() == len(nc) - len(net)  # a zero balance is no tie, never a sign
    strict = event_signed_network(months, threshold=2, min_events=3)
    assert len(strict) < len(net) and (strict.weight > 2).all() and (strict.events >= 3).all()


def test_balance_and_triangle_run_monthly(months: pd.DataFrame) -> None:
    bal = event_balance_timeline(months)
    assert bal[["year", "month"]].values.tolist() == [[2018, 1], [2018, 2], [2018, 3]]
    assert ((bal.balance >= 0) & (bal.balance <= 1)).all() and (bal.gap == 0).all()
    tri = event_triangle(months, 2, 710, 365)
    assert len(tri) == 3 and set(tri.type) <= {
        "menage_a_trois",
        "romantic",
        "stable_marriage",
        "unit_veto",
        "incomplete",
    }
    net = event_signed_network(months).set_index(["year", "month", "source", "target"])
    for row in tri.itertuples():
        key = (row.year, row.month, 2, 710)
        assert row.sign_ab == (int(net.loc[key, "sign"]) if key in net.index else 0)


def test_real_day_triangle() -> None:
    day = aggregate_events(sample_icews_path(), format="icews", by="month").table
    tri = event_triangle(day, 2, 710, 365)
    assert tri[["year", "month"]].values.tolist() == [[2018, 6]]
    assert tri.loc[0, "net_coop_ab"] == int(
        day[
            (day[["ccode1", "ccode2"]].min(axis=1) == 2) & (day[["ccode1", "ccode2"]].max(axis=1) == 710)
        ].net_coop.sum()
    )


def test_errors(months: pd.DataFrame) -> None:
    with pytest.raises(InvalidParameterError, match="aggregate_events"):
        event_signed_network(pd.DataFrame({"a": [1]}))
    with pytest.raises(InvalidParameterError, match="by='month'"):
        event_signed_network(months.drop(columns="month"))
    with pytest.raises(InvalidParameterError, match="threshold must be a number >= 0"):
        event_signed_network(months, threshold=-1)
    with pytest.raises(InvalidParameterError, match="three distinct states"):
        event_triangle(months, 2, 2, 365)
