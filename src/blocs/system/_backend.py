"""Return tables as pandas (with metadata) or polars (without: polars has no attrs)."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from blocs._validation import check_choice

__all__ = ["Backend", "check_backend", "to_backend"]

Backend = Literal["pandas", "polars"]
_BACKENDS = ("pandas", "polars")


def check_backend(backend: str) -> None:
    check_choice(backend, _BACKENDS, param="backend")


def to_backend(table: pd.DataFrame, backend: Backend) -> Any:
    """``table`` itself for pandas; a polars DataFrame (metadata dropped) for polars."""
    if backend == "pandas":
        return table
    import polars as pl

    return pl.from_pandas(table)
