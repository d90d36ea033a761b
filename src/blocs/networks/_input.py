"""Reading and validating a user's signed network (edge list file, DataFrame or networkx graph)."""

from __future__ import annotations

import os
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import pandas as pd

from blocs._errors import DuplicateKeysError, InvalidParameterError, MalformedFileError
from blocs._meta import meta_of, with_meta

__all__ = ["SignedGraphLike", "read_signed_network"]

SignedGraphLike: TypeAlias = nx.Graph | pd.DataFrame | str | os.PathLike[str]


@dataclass(frozen=True)
class SignedArrays:
    """A validated signed graph as integer-indexed arrays (internal)."""

    nodes: list[Hashable]
    i: np.ndarray  # int64, i < j is not required
    j: np.ndarray
    sign: np.ndarray  # int64, +1/-1
    weight: np.ndarray  # float64 > 0
    evidence: pd.DataFrame | None = None  # evidence columns aligned with the edges, if any

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.i.size)


def _show(items: list[Any], limit: int = 5) -> str:
    shown = ", ".join(map(str, items[:limit]))
    return shown + (f" … ({len(items)} in all)" if len(items) > limit else "")


def _read_file(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise InvalidParameterError(f"edges file {str(path)!r} does not exist; give a CSV or Parquet edge list")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path)
        if suffix == ".parquet":
            return pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a malformed file
        raise MalformedFileError(f"edges file {str(path)!r} could not be read as {suffix[1:]}: {exc}") from None
    raise InvalidParameterError(
        f"edges file {str(path)!r} has suffix {suffix!r}; use .csv or .parquet with columns source,target,sign[,weight]"
    )


def _require_rows(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    if df.empty:
        raise MalformedFileError(
            f"edges file {str(path)!r} has no edges (only a header or nothing); add rows source,target,sign[,weight]"
        )
    return df


def _from_graph(g: nx.Graph) -> tuple[pd.DataFrame, list[Hashable]]:
    if g.is_multigraph():
        seen: set[frozenset[Hashable]] = set()
        dups = []
        for u, v in g.edges():
            key = frozenset((u, v))
            if key in seen:
                dups.append((u, v))
            seen.add(key)
        if dups:
            raise DuplicateKeysError(
                f"the graph has parallel edges {_show(dups)}; keep one edge per pair (one sign each)"
            )
    rows = []
    for u, v, d in g.edges(data=True):
        if "sign" not in d:
            raise MalformedFileError(
                f"graph edge ({u!r}, {v!r}) has no 'sign' attribute; give every edge sign=+1 or -1"
            )
        rows.append((u, v, d["sign"], d.get("weight", 1.0)))
    df = pd.DataFrame(rows, columns=["source", "target", "sign", "weight"])
    return df, list(g.nodes())


def read_signed_network(data: SignedGraphLike, *, year: int | None = None) -> pd.DataFrame:
    """Read and validate a signed network given as a file, a DataFrame or a networkx graph.

    Parameters
    ----------
    data : path, DataFrame or networkx.Graph
        An edge list with columns ``source, target, sign`` and optionally ``weight``
        (CSV or Parquet file, or a DataFrame, e.g. from :func:`create_signed_network`), or
        a graph whose edges carry a ``sign`` attribute (and optionally ``weight``).
    year : int, optional
        Pick one year when the table has a ``year`` column holding several years.

    Returns
    -------
    DataFrame
        ``source, target, sign, weight`` (plus evidence columns if the input had them).

    Raises
    ------
    MalformedFileError
        Missing columns, signs other than +1/-1, non-positive or missing weights, missing
        node ids, self-loops, or an unreadable file.
    DuplicateKeysError
        The same pair appears more than once (in either direction).
    InvalidParameterError
        The file does not exist or has an unsupported suffix, or several years without ``year``.

    Examples
    --------
    >>> import pandas as pd
    >>> read_signed_network(pd.DataFrame({"source": ["a"], "target": ["b"], "sign": [-1]})).weight.tolist()
    [1.0]
    """
    return _validate(data, year=year)[0]


def _validate(data: SignedGraphLike, *, year: int | None) -> tuple[pd.DataFrame, list[Hashable]]:
    isolates: list[Hashable] = []
    if isinstance(data, nx.Graph):
        df, isolates = _from_graph(data)
        what = "graph"
    elif isinstance(data, pd.DataFrame):
        df, what = data, "edge table"
    elif isinstance(data, (str, os.PathLike)):
        df, what = _require_rows(_read_file(Path(data)), Path(data)), f"edges file {str(data)!r}"
    else:
        raise InvalidParameterError(
            f"a signed network must be a networkx graph, a DataFrame or a CSV/Parquet path; got {type(data).__name__}"
        )
    missing = [c for c in ("source", "target", "sign") if c not in df.columns]
    if missing:
        raise MalformedFileError(
            f"{what} lacks column(s) {missing}; a signed edge list needs source,target,sign[,weight] "
            f"(it has {list(df.columns)})"
        )
    if "year" in df.columns:
        years = sorted(pd.unique(df["year"]).tolist())
        if year is not None:
            if year not in years:
                raise InvalidParameterError(f"year {year} is not in the {what}; it holds {_show(years)}")
            df = df[df["year"] == year]
        elif len(years) > 1:
            raise InvalidParameterError(f"the {what} holds {len(years)} years ({_show(years)}); pick one with year=…")
    meta = meta_of(df)
    df = df.reset_index(drop=True)
    if df[["source", "target"]].isna().any().any():
        bad = df.index[df[["source", "target"]].isna().any(axis=1)].tolist()
        raise MalformedFileError(f"{what} has missing node ids in row(s) {_show(bad)}; every edge needs two nodes")
    sign = pd.to_numeric(df["sign"], errors="coerce")
    badsign = ~sign.isin([1, -1])
    if badsign.any():
        vals = df.loc[badsign, "sign"].drop_duplicates().tolist()
        raise MalformedFileError(
            f"{what} has sign value(s) {_show(vals)} in {int(badsign.sum())} row(s); signs must be +1 or -1 "
            "(drop neutral ties instead of coding them 0)"
        )
    if "weight" in df.columns:
        weight = pd.to_numeric(df["weight"], errors="coerce")
        badw = ~(np.isfinite(weight.to_numpy(dtype=float)) & (weight.to_numpy(dtype=float) > 0))
        if badw.any():
            vals = df.loc[badw, "weight"].drop_duplicates().tolist()
            raise MalformedFileError(f"{what} has weight(s) {_show(vals)}; weights must be positive finite numbers")
    else:
        weight = pd.Series(1.0, index=df.index)
    loops = df["source"] == df["target"]
    if loops.any():
        nodes = df.loc[loops, "source"].drop_duplicates().tolist()
        raise MalformedFileError(
            f"{what} has self-loop(s) at node(s) {_show(nodes)}; remove edges from a node to itself"
        )
    key = [frozenset((a, b)) for a, b in zip(df["source"].tolist(), df["target"].tolist(), strict=True)]
    dup = pd.Series(key).duplicated(keep=False).to_numpy()
    if dup.any():
        pairs = sorted({tuple(sorted(k, key=str)) for k, d in zip(key, dup, strict=True) if d}, key=str)
        raise DuplicateKeysError(
            f"{what} lists the pair(s) {_show(pairs)} more than once (in either direction); keep one edge per pair"
        )
    out = df.assign(sign=sign.astype(np.int64), weight=weight.astype(float))
    extra = [c for c in ("evidence_pos", "evidence_neg", "conflict") if c in out.columns]
    out = out[["source", "target", "sign", "weight", *extra]].reset_index(drop=True)
    return with_meta(out, meta), isolates


def as_arrays(data: SignedGraphLike, *, year: int | None = None) -> SignedArrays:
    """Validate ``data`` and index its nodes (internal)."""
    df, isolates = _validate(data, year=year)
    src = df["source"].tolist()
    tgt = df["target"].tolist()
    nodes: dict[Hashable, int] = {}
    for v in [*src, *tgt, *isolates]:
        v = v.item() if isinstance(v, np.generic) else v
        if v not in nodes:
            nodes[v] = len(nodes)
    order = sorted(nodes, key=lambda v: (not isinstance(v, (int, np.integer)), v if isinstance(v, int) else str(v)))
    index = {v: k for k, v in enumerate(order)}

    def _idx(vals: list[Any]) -> np.ndarray:
        return np.array([index[v.item() if isinstance(v, np.generic) else v] for v in vals], dtype=np.int64)

    ev_cols = [c for c in ("evidence_pos", "evidence_neg", "conflict") if c in df.columns]
    return SignedArrays(
        nodes=order,
        i=_idx(src),
        j=_idx(tgt),
        sign=df["sign"].to_numpy(dtype=np.int64),
        weight=df["weight"].to_numpy(dtype=float),
        evidence=df[ev_cols].reset_index(drop=True) if ev_cols else None,
    )
