"""Read peacesciencer 1.2.9 reference tables (shared/data/peers) and compare blocs tables to them.

The peers are test oracles only (see peers/README.txt): written by R's ``write.csv`` with
NA as an empty field.  Each file is read once per test session.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

PEERS = Path(os.environ["BLOCS_MIRROR"]).parent / "peers"


@cache
def peer(name: str) -> pd.DataFrame:
    """The peer table ``name`` (file name without ``.csv.gz``); skip if the folder is absent."""
    path = PEERS / f"{name}.csv.gz"
    if not path.is_file():
        pytest.skip(f"peacesciencer reference table {path} not found")
    return pd.read_csv(path, keep_default_na=False, na_values=[""], low_memory=False)


def assert_same_values(ours: pd.DataFrame, theirs: pd.DataFrame, *, keys: list[str], columns: list[str]) -> None:
    """Equal row sets on ``keys`` and equal values (missing = missing) in ``columns``."""
    assert len(ours) == len(theirs), f"rows: blocs {len(ours)}, peacesciencer {len(theirs)}"
    a = ours[keys + columns].sort_values(keys, kind="stable").reset_index(drop=True)
    b = theirs[keys + columns].sort_values(keys, kind="stable").reset_index(drop=True)
    for k in keys:
        np.testing.assert_array_equal(a[k].astype(str).to_numpy(), b[k].astype(str).to_numpy(), err_msg=k)
    for c in columns:
        x, y = a[c], b[c]
        assert (x.isna().to_numpy() == y.isna().to_numpy()).all(), f"{c}: missing values differ"
        ok = x.notna().to_numpy()
        xv, yv = x[ok].to_numpy(), y[ok].to_numpy()
        if pd.api.types.is_numeric_dtype(y) and pd.api.types.is_numeric_dtype(x):
            np.testing.assert_allclose(xv.astype(float), yv.astype(float), rtol=1e-12, atol=0, err_msg=c)
        else:
            np.testing.assert_array_equal(xv.astype(str), yv.astype(str), err_msg=c)
