"""Reading event files: file/list/folder/glob, compression, and the documented-column checks."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from blocs._errors import DataNotFoundError, InfeasibleOptionError, InvalidParameterError, MalformedFileError
from blocs.events import FORMATS, aggregate_events, read_events, sample_icews_path, synthesize_events


def test_documented_column_counts() -> None:
    assert len(FORMATS["icews"].columns) == 20
    assert len(FORMATS["gdelt1"].columns) == 58 and len(FORMATS["gdelt1"].alternatives[0]) == 57
    assert len(FORMATS["gdelt2"].columns) == 61
    assert len(FORMATS["polecat"].columns) == 40
    assert FORMATS["gdelt2"].columns[:2] == ("GLOBALEVENTID", "SQLDATE")
    assert FORMATS["gdelt2"].columns[-2:] == ("DATEADDED", "SOURCEURL")


def test_real_icews_day_reads_as_published() -> None:
    ev = read_events(sample_icews_path(), format="icews", columns="all")
    assert ev.shape == (3705, 20)
    assert list(ev.columns) == list(FORMATS["icews"].columns)
    assert ev["Event Date"].value_counts().to_dict() == {"2018-06-01": 2359, "2018-06-02": 1346}
    # CAMEO codes keep their leading zeros; "NA" is kept as published text here
    assert ev["CAMEO Code"].str.fullmatch(r"\d{3,4}").all()
    assert (ev["Source Country"] == "NA").sum() == 147


def test_file_list_folder_glob_and_compression_agree(tmp_path: Path) -> None:
    src = sample_icews_path()
    (tmp_path / "d").mkdir()
    plain = tmp_path / "d" / "a.tab"
    shutil.copy(src, plain)
    with open(src, "rb") as f, gzip.open(tmp_path / "b.tab.gz", "wb") as g:
        g.write(f.read())
    with zipfile.ZipFile(tmp_path / "c.tab.zip", "w") as z:
        z.write(src, "c.tab")
    base = aggregate_events(src, format="icews", dedup="none").table
    for files in (plain, [str(tmp_path / "b.tab.gz")], tmp_path / "d", str(tmp_path / "c.tab.*")):
        got = aggregate_events(files, format="icews", dedup="none").table
        pd.testing.assert_frame_equal(got, base)
    # the same day three times over: ids de-duplicate back to one copy
    both = aggregate_events([plain, tmp_path / "b.tab.gz", tmp_path / "c.tab.zip"], format="icews")
    pd.testing.assert_frame_equal(both.table, base)
    assert both.report.rows == 3 * 3705 and both.report.events == 3705


def test_wrong_format_is_named(synthetic: dict[str, Path]) -> None:
    with pytest.raises(MalformedFileError, match=r"61 tab-separated fields.*--format gdelt2"):
        read_events(synthetic["gdelt2"], format="gdelt1")
    with pytest.raises(MalformedFileError, match=r"header is that of --format polecat"):
        read_events(synthetic["polecat"], format="icews")


def test_damaged_files_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "x.tab"
    lines = sample_icews_path().read_text().splitlines()
    bad.write_text("\n".join([lines[0].replace("Intensity", "Goldstein"), *lines[1:3]]) + "\n")
    with pytest.raises(MalformedFileError, match=r"missing \['Intensity'\]; unexpected \['Goldstein'\]"):
        read_events(bad, format="icews")
    g = tmp_path / "g.export.CSV"
    row = ["1"] * 61
    row[1] = "2018-06-01"
    g.write_text("\t".join(row) + "\n")
    with pytest.raises(MalformedFileError, match=r"SQLDATE is '2018-06-01', not YYYYMMDD"):
        read_events(g, format="gdelt2")


def test_missing_inputs_and_bad_options(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="no such event file"):
        read_events(tmp_path / "nope.tab", format="icews")
    with pytest.raises(DataNotFoundError, match="matches no file"):
        read_events(str(tmp_path / "*.tab"), format="icews")
    with pytest.raises(DataNotFoundError, match="holds no icews file"):
        read_events(tmp_path, format="icews")
    with pytest.raises(InvalidParameterError, match="format"):
        read_events(sample_icews_path(), format="acled")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="rows must be a positive integer"):
        synthesize_events(tmp_path, format="icews", rows=0)
    # a request larger than the disk is refused before anything is written (it once filled 8.7 GB)
    with pytest.raises(InfeasibleOptionError, match=r"rows=100,000,000,000,000 of gdelt2 would take about .* GB free"):
        synthesize_events(tmp_path / "huge", format="gdelt2", rows=10**14)
    assert not (tmp_path / "huge").exists()


def test_synthetic_files_keep_the_published_layout(synthetic: dict[str, Path]) -> None:
    for fmt, folder in synthetic.items():
        ev = read_events(folder, format=fmt, columns="all")  # type: ignore[arg-type]
        assert len(ev) == 6000 and list(ev.columns) == list(FORMATS[fmt].columns)
    g = read_events(synthetic["gdelt2"], format="gdelt2", columns="all")
    assert g["SQLDATE"].str.fullmatch(r"\d{8}").all() and g["DATEADDED"].str.fullmatch(r"\d{14}").all()
    assert g["GLOBALEVENTID"].is_unique
    # codes drawn from the CAMEO table, the real day's codes most often
    assert g["EventCode"].nunique() > 150 and g["EventCode"].value_counts().index[0] in {"010", "040", "042", "043"}


def test_gdelt1_back_files_have_57_columns(synthetic: dict[str, Path], tmp_path: Path) -> None:
    """GDELT 1.0 back-files (1979 to March 2013) lack SOURCEURL; they read like the daily files."""
    daily = sorted(synthetic["gdelt1"].glob("*.CSV"))[0]
    back = tmp_path / "197901.csv"
    back.write_text("".join("\t".join(line.split("\t")[:57]) + "\n" for line in daily.read_text().splitlines()))
    a = aggregate_events(back, format="gdelt1")
    b = aggregate_events(daily, format="gdelt1")
    pd.testing.assert_frame_equal(a.table, b.table)
    assert read_events(back, format="gdelt1", columns="all")["SOURCEURL"].isna().all()
