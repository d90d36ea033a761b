"""Tables by month and year roll up days without a membership change together: the same tables.

Events are drawn around the days on which states entered or left the COW system from 1985 to
2012 (South Sudan 2011-07-09, Montenegro 2006-06-12, Kosovo 2008-02-20, East Timor 2002-09-27,
the end of Czechoslovakia and of the GDR, the successors of the USSR and Yugoslavia …), so
that months and years with a change hold events both before and after it.  The month and year tables must equal the
day table summed to months and years (the day table resolves every event on its own day),
and the reports must be equal, from text files and from their Parquet copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from blocs.events import aggregate_events, convert_events
from blocs.events._actors import change_days
from blocs.system import membership_changes


def _summed(day_table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    cols = ["events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
    out = day_table.groupby(keys, as_index=False)[[*cols, "goldstein_sum"]].sum()
    out["goldstein_sum"] = out["goldstein_sum"].round(1)
    return out


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("copy", [False, True])
def test_months_and_years_across_membership_changes(
    membership_change_events: Callable[[Path, int], Path], tmp_path: Path, seed: int, copy: bool
) -> None:
    path = membership_change_events(tmp_path / "changes.export.CSV", seed)
    if copy:
        path = convert_events(path, tmp_path / "changes.parquet", format="gdelt2")
    day = aggregate_events(path, format="gdelt2", by="day")
    assert day.report.outside_system > 0 and day.report.aggregated > 1000  # both sides of changes
    for by, keys in (("month", ["ccode1", "ccode2", "year", "month"]), ("year", ["ccode1", "ccode2", "year"])):
        got = aggregate_events(path, format="gdelt2", by=by)  # type: ignore[arg-type]
        assert got.report == day.report
        table = got.table.drop(columns=["goldstein_mean", "net_coop"]).assign(
            goldstein_sum=lambda t: t["goldstein_sum"].round(1)
        )
        pd.testing.assert_frame_equal(table, _summed(day.table, keys), check_dtype=False)


def test_change_days_are_membership_changes() -> None:
    days = change_days("cow")
    assert 20110709 in days and 20060612 in days  # South Sudan; Montenegro (COW's dates)
    assert 20110710 not in days
    assert len(days) == len(membership_changes("cow"))
