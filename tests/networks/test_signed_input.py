"""Validation of user-supplied signed networks: files, tables and graphs."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from blocs._errors import DuplicateKeysError, InvalidParameterError, MalformedFileError
from blocs.networks import read_signed_network, structural_balance


def _df(**kw: list) -> pd.DataFrame:
    base = {"source": ["a", "b", "a"], "target": ["b", "c", "c"], "sign": [1, 1, -1]}
    base.update(kw)
    return pd.DataFrame(base)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_files_round_trip(tmp_path: Path, suffix: str) -> None:
    df = _df(weight=[1.0, 2.0, 0.5])
    path = tmp_path / f"edges{suffix}"
    df.to_csv(path, index=False) if suffix == ".csv" else df.to_parquet(path)
    got = read_signed_network(path)
    assert got[["source", "target", "sign", "weight"]].values.tolist() == df.values.tolist()
    r = structural_balance(str(path), weighted=True)
    assert r.frustration == 0.5 and r.gap == 0


@pytest.mark.parametrize(
    ("table", "error", "match"),
    [
        (_df(sign=[1, 0, -1]), MalformedFileError, r"sign value\(s\) 0 in 1 row\(s\); signs must be \+1 or -1"),
        (_df(sign=[1, 2, "x"]), MalformedFileError, r"sign value\(s\) 2, x"),
        (_df(weight=[1, -2, 1]), MalformedFileError, r"weight\(s\) -2; weights must be positive"),
        (_df(target=["b", "b", "c"]), MalformedFileError, r"self-loop\(s\) at node\(s\) b"),
        (_df(source=["a", "c", "a"], target=["b", "b", "b"]), DuplicateKeysError, r"\('a', 'b'\) more than once"),
        (_df(source=["a", None, "a"]), MalformedFileError, r"missing node ids in row\(s\) 1"),
        (pd.DataFrame({"from": [1], "to": [2], "sign": [1]}), MalformedFileError,
         r"lacks column\(s\) \['source', 'target'\]"),
    ],
)
def test_invalid_tables(table: pd.DataFrame, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        read_signed_network(table)
    with pytest.raises(error, match=match):
        structural_balance(table)


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="does not exist"):
        read_signed_network(tmp_path / "nope.csv")
    bad = tmp_path / "edges.txt"
    bad.write_text("source,target,sign\n1,2,1\n")
    with pytest.raises(InvalidParameterError, match="has suffix '.txt'; use .csv or .parquet"):
        read_signed_network(bad)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    with pytest.raises(MalformedFileError, match="could not be read as parquet"):
        read_signed_network(broken)
    with pytest.raises(InvalidParameterError, match="must be a networkx graph, a DataFrame or a CSV/Parquet path"):
        read_signed_network(42)  # type: ignore[arg-type]


def test_years_in_a_table() -> None:
    df = pd.concat([_df().assign(year=1990), _df().assign(year=1991)])
    with pytest.raises(InvalidParameterError, match="holds 2 years"):
        read_signed_network(df)
    assert len(read_signed_network(df, year=1991)) == 3
    with pytest.raises(InvalidParameterError, match="year 1800 is not in the edge table"):
        read_signed_network(df, year=1800)


def test_graph_errors() -> None:
    g = nx.Graph()
    g.add_edge(1, 2)
    with pytest.raises(MalformedFileError, match=r"graph edge \(1, 2\) has no 'sign' attribute"):
        read_signed_network(g)
    mg = nx.MultiGraph()
    mg.add_edge(1, 2, sign=1)
    mg.add_edge(1, 2, sign=-1)
    with pytest.raises(DuplicateKeysError, match=r"parallel edges \(1, 2\)"):
        read_signed_network(mg)
    dg = nx.DiGraph()
    dg.add_edge(1, 2, sign=1)
    dg.add_edge(2, 1, sign=-1)
    with pytest.raises(DuplicateKeysError, match="more than once"):
        read_signed_network(dg)
    loop = nx.Graph()
    loop.add_edge(1, 1, sign=1)
    with pytest.raises(MalformedFileError, match="self-loop"):
        read_signed_network(loop)
