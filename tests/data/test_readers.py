from __future__ import annotations

import pandas as pd
import pytest

from blocs import DataNotFoundError, MalformedFileError, meta_of
from blocs.data import catalog, load, read_raw


def test_catalog_entries_complete() -> None:
    for ds in catalog().values():
        assert len(ds.sha256) == 64
        assert ds.version and ds.cite and ds.licence
        assert ds.url.startswith("https://raw.githubusercontent.com/")
        assert " " not in ds.url


def test_load_types_and_provenance() -> None:
    states = load("cow_states")
    assert states["ccode"].dtype == "int64"
    assert len(states) == 243
    assert [s.name for s in meta_of(states).sources] == ["cow_states"]
    system = load("cw_system")
    assert pd.api.types.is_datetime64_any_dtype(system["start"])


def test_missing_codes_become_missing() -> None:
    mida = load("cow_mid_a")
    assert not (mida.select_dtypes("number") == -9).any().any()
    assert mida["fatality"].isna().any()


def test_unknown_dataset_suggests() -> None:
    with pytest.raises(DataNotFoundError, match="cow_nmc"):
        load("cow_nmcc")


def test_malformed_file(tmp_path) -> None:
    bad = tmp_path / "cow_states.rda"
    bad.write_bytes(b"not an R file at all")
    with pytest.raises(MalformedFileError, match="could not read R data file"):
        read_raw(bad, "cow_states")
