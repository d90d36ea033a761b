"""Small helpers shared by the report sections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from blocs.data import load

__all__ = ["as_float", "as_int", "state_names", "spans"]


def as_float(value: Any) -> float:
    """A scalar read from a table (``.loc``/``.at``/``.iloc``) as a Python float."""
    return float(value)


def as_int(value: Any) -> int:
    """A scalar read from a table as a Python int."""
    return int(value)

# Names used where COW's own name would mislead in this case (one code, two regimes).
_RENAME = {365: "USSR/Russia", 710: "China"}


def state_names(*, year: int | None = None) -> dict[int, str]:
    """COW state names from ``cw_system`` (the spell covering ``year``, else the latest)."""
    sys_ = load("cw_system")
    if year is not None:
        stamp = pd.Timestamp(year=year, month=12, day=31)
        cur = sys_[(sys_["start"] <= stamp) & (sys_["end"] >= pd.Timestamp(year=year, month=1, day=1))]
        sys_ = pd.concat([sys_[~sys_["ccode"].isin(cur["ccode"])], cur])
    names = {int(c): str(n) for c, n in zip(sys_["ccode"], sys_["cw_name"], strict=True)}
    names.update(_RENAME)
    return names


def spans(years: Iterable[int]) -> list[tuple[int, int]]:
    """Collapse a set of years into inclusive runs of consecutive years."""
    ys = sorted({int(y) for y in years})
    out: list[tuple[int, int]] = []
    for y in ys:
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out
