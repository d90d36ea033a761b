"""State-days: equal to peacesciencer 1.2.9 (peer c09), and consistent with state-years."""

from __future__ import annotations

import pandas as pd
import pytest
from _peer_tables import peer

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import meta_of
from blocs.system import create_state_days, create_state_years


def test_cow_1989_1992_equals_peacesciencer() -> None:
    ours = create_state_days(years="1989-1992")
    theirs = peer("c09_cow_statedays_1989_1992")
    assert len(ours) == len(theirs) == 243061
    assert (ours["ccode"].to_numpy() == theirs["ccode"].to_numpy()).all()
    assert (ours["date"].to_numpy() == pd.to_datetime(theirs["date"]).to_numpy()).all()
    assert meta_of(ours).unit == "state_day"


def test_state_days_agree_with_state_years() -> None:
    for system in ("cow", "gw"):
        sd = create_state_days(system=system, years="2000-2001")  # type: ignore[arg-type]
        sy = create_state_years(system=system, years="2000-2001")  # type: ignore[arg-type]
        code = "ccode" if system == "cow" else "gwcode"
        per_year = sd.assign(year=sd["date"].dt.year)[[code, "year"]].drop_duplicates()
        assert len(per_year) == len(sy)
        assert (sd.groupby(code).size() <= 731).all()
    gw = create_state_days(system="gw", years=2020)
    assert "microstate" in gw.columns


def test_extension_and_errors() -> None:
    sd = create_state_days(years=2020, extend_to=2020)
    assert sd["date"].max() == pd.Timestamp("2020-12-31") and sd["ccode"].nunique() == 195
    with pytest.raises(CoverageError, match="extend_to=2020"):
        create_state_days(years=2020)
    with pytest.raises(InvalidParameterError, match="'system' parameter"):
        create_state_days(system="un")  # type: ignore[arg-type]
