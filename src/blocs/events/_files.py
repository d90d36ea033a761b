"""Event files: expand what the user names, check each against its format, decompress.

Inputs may be a file, a list of files, a directory (its files with the format's suffixes)
or a glob.  Files may be plain or compressed (``.gz``, ``.bz2``, ``.xz``, ``.zst``,
``.zip`` as GDELT and Dataverse publish them); an engine reads the compressions it knows
natively, others are streamed once into a temporary folder.  Every file is checked against
its format's documented columns before any computation: a header must match name for name;
a headerless GDELT line must have the documented number of fields, an 8-digit ``SQLDATE``,
an integer ``GLOBALEVENTID``, a CAMEO root code and a Goldstein score in [-10, 10].
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import lzma
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from blocs._errors import DataNotFoundError, InvalidParameterError, MalformedFileError
from blocs.events._formats import FORMATS, EventFormat

__all__ = ["check_events", "expand_paths", "check_file", "prepared"]

PathsLike = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]

_COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst", ".zip")
_NATIVE = {"duckdb": (".gz", ".zst"), "spark": (".gz", ".bz2")}
_CHECK_LINES = 50


def _compression(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if suffix in _COMPRESSIONS else ""


def is_parquet(path: Path) -> bool:
    """Whether ``path`` is a Parquet copy of event files (see :func:`blocs.events.convert_events`)."""
    return path.suffix.lower() == ".parquet"


def check_parquet(path: Path, fmt: EventFormat) -> bool:
    """Check that a Parquet copy holds the columns of ``fmt`` the pipeline uses."""
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise MalformedFileError(f"could not read {str(path)!r} as Parquet: {exc}") from None
    missing = [c for c in fmt.used if c not in schema.names]
    if missing:
        raise MalformedFileError(
            f"{str(path)!r} lacks the {fmt.name} column(s) {missing}; a Parquet copy keeps the documented "
            f"names of {fmt.title} (write one with `blocs events convert`)"
        )
    return True


def _stem_suffix(path: Path) -> str:
    name = path.name.lower()
    comp = _compression(path)
    if comp:
        name = name[: -len(comp)]
    return os.path.splitext(name)[1]


def expand_paths(files: PathsLike, fmt: EventFormat) -> list[Path]:
    """Every file named by ``files`` (paths, directories, globs), sorted within each item."""
    items = [files] if isinstance(files, (str, os.PathLike)) else list(files)
    if not items:
        raise InvalidParameterError("files is empty; give at least one event file, directory or glob")
    out: list[Path] = []
    for item in items:
        text = os.fspath(item)
        if any(ch in text for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not found:
                raise DataNotFoundError(f"the glob {text!r} matches no file; check the pattern and the folder")
            out += found
        elif Path(text).is_dir():
            found = sorted(
                p for p in Path(text).rglob("*") if p.is_file() and not p.name.startswith(".")
                and (_stem_suffix(p) in fmt.suffixes or is_parquet(p))
            )  # fmt: skip
            if not found:
                raise DataNotFoundError(
                    f"the folder {text!r} holds no {fmt.name} file (names ending in {', '.join(fmt.suffixes)}, "
                    f"optionally compressed: {', '.join(_COMPRESSIONS)}); name the files themselves or a glob"
                )
            out += found
        elif Path(text).is_file():
            out.append(Path(text))
        else:
            raise DataNotFoundError(f"no such event file or folder: {text!r}")
    return list(dict.fromkeys(out))


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    comp = _compression(path)
    if comp == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise MalformedFileError(
                    f"{str(path)!r} holds {len(members)} files; an event archive holds one (as GDELT and "
                    "Dataverse publish them); unzip it and pass the files"
                )
            with zf.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    if comp == ".zst":
        try:
            import zstandard  # optional: only to check and decompress .zst files
        except ImportError:
            raise InvalidParameterError(
                f"{str(path)!r} is zstd-compressed; reading it needs the zstandard package: pip install zstandard"
            ) from None
        with open(path, "rb") as fb, zstandard.ZstdDecompressor().stream_reader(fb) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    if comp == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fgz:
            yield fgz
    elif comp == ".bz2":
        with bz2.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fbz:
            yield fbz
    elif comp == ".xz":
        with lzma.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fxz:
            yield fxz
    else:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield fh


def _fields(line: str) -> list[str]:
    return line.rstrip("\r\n").split("\t")


def _other_format(n_fields: int, header: list[str] | None) -> str:
    for name, other in FORMATS.items():
        if header is not None and other.header and tuple(header) == other.columns:
            return f"; the header is that of --format {name}"
        if header is None and not other.header and n_fields in (len(c) for c in (other.columns, *other.alternatives)):
            return f"; {n_fields} fields is the layout of --format {name}"
    return ""


def check_file(path: Path, fmt: EventFormat) -> bool:
    """Check ``path`` against ``fmt``'s documented columns; False for an empty file.

    Raises
    ------
    MalformedFileError
        Naming the file, the line, what was found and what the format documents.
    """
    try:
        with _open_text(path) as fh:
            lines = []
            for _ in range(_CHECK_LINES + 1):
                line = fh.readline()
                if not line:
                    break
                lines.append(line)
    except (OSError, EOFError, zipfile.BadZipFile, lzma.LZMAError, UnicodeError) as exc:
        raise MalformedFileError(f"could not read {str(path)!r} as a {fmt.name} file: {exc}") from None
    if not lines:
        return False
    if fmt.header:
        header = [h.strip().lstrip("\ufeff") for h in _fields(lines[0])]
        if tuple(header) != fmt.columns:
            missing = [c for c in fmt.columns if c not in header]
            extra = [c for c in header if c not in fmt.columns]
            what = []
            if missing:
                what.append(f"missing {missing[:8]}")
            if extra:
                what.append(f"unexpected {extra[:8]}")
            if not what:
                what.append("the columns are in another order")
            raise MalformedFileError(
                f"{str(path)!r} does not have the {len(fmt.columns)} documented columns of {fmt.title}: "
                f"{'; '.join(what)}{_other_format(len(header), header)}. Check --format, or that the file is "
                "an original, unedited export"
            )
        return len(lines) > 1
    allowed = {len(c) for c in (fmt.columns, *fmt.alternatives)}
    pos = {c: i for i, c in enumerate(fmt.columns)}
    for lineno, line in enumerate(lines[:_CHECK_LINES], start=1):
        f = _fields(line)
        if len(f) not in allowed:
            raise MalformedFileError(
                f"{str(path)!r} line {lineno} has {len(f)} tab-separated fields; {fmt.title} has "
                f"{' or '.join(map(str, sorted(allowed)))}{_other_format(len(f), None)}. Check --format"
            )
        bad = _bad_gdelt_field(f, pos)
        if bad:
            raise MalformedFileError(
                f"{str(path)!r} line {lineno}: {bad}, which {fmt.title} does not allow; the file is not an "
                "original GDELT export (or is damaged)"
            )
    return True


def _bad_gdelt_field(f: list[str], pos: dict[str, int]) -> str:
    gid, day, root, gold = (f[pos[c]] for c in ("GLOBALEVENTID", "SQLDATE", "EventRootCode", "GoldsteinScale"))
    if not gid.isdigit():
        return f"GLOBALEVENTID is {gid!r}, not an integer"
    if not (len(day) == 8 and day.isdigit()):
        return f"SQLDATE is {day!r}, not YYYYMMDD"
    if not (root.isdigit() and 1 <= int(root) <= 20):
        return f"EventRootCode is {root!r}, not a CAMEO root code 01-20"
    try:
        g = float(gold)
    except ValueError:
        return f"GoldsteinScale is {gold!r}, not a number"
    if not -10 <= g <= 10:
        return f"GoldsteinScale is {gold!r}, outside [-10, 10]"
    return ""


def check_events(files: PathsLike, *, format: str) -> list[Path]:
    """Check event files against a format's documented layout without aggregating them.

    The same checks as :func:`blocs.events.aggregate_events` runs before any computation:
    every file named (paths, folders, globs) exists, a header matches the documented
    columns name for name, a GDELT line has the documented number of fields and valid
    id, date, root code and score (the first 50 lines), a Parquet copy holds the used
    columns.  Meant for interfaces that take event files and start work later (a report, a
    web server): the error comes at once.

    Parameters
    ----------
    files : path, sequence of paths, folder or glob
        Event files, plain or compressed, or Parquet copies.
    format : {"icews", "gdelt1", "gdelt2", "polecat"}
        The published layout.

    Returns
    -------
    list of Path
        The files, expanded and checked (empty files left out).

    Raises
    ------
    InvalidParameterError
        An unknown format.
    DataNotFoundError
        Nothing to read, or every file is empty.
    MalformedFileError
        A file that is not in the documented layout (the message names the file and line).

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.

    Examples
    --------
    >>> from blocs.events import check_events, sample_icews_path
    >>> [p.name for p in check_events(sample_icews_path(), format="icews")]
    ['events.2018.sample.tab']
    """
    from blocs._validation import check_choice

    check_choice(format, tuple(FORMATS), param="format")
    fmt = FORMATS[format]
    named = expand_paths(files, fmt)
    if len({is_parquet(p) for p in named}) > 1:
        raise InvalidParameterError("files mixes Parquet copies and raw event files; aggregate one kind at a time")
    paths = [p for p in named if (check_parquet(p, fmt) if is_parquet(p) else check_file(p, fmt))]
    if not paths:
        raise DataNotFoundError(f"every {fmt.name} file given is empty; nothing to aggregate")
    return paths


@contextmanager
def prepared(files: PathsLike, fmt_name: str, engine: str) -> Iterator[list[str]]:
    """Checked, readable paths for ``engine``; non-native compressions go to a temporary folder."""
    paths = check_events(files, format=fmt_name)
    native = _NATIVE[engine]
    tmp: tempfile.TemporaryDirectory[str] | None = None
    out: list[str] = []
    try:
        for i, p in enumerate(paths):
            comp = _compression(p)
            if not comp or comp in native or is_parquet(p):
                out.append(str(p.resolve()))
                continue
            if tmp is None:
                tmp = tempfile.TemporaryDirectory(prefix="blocs-events-")
            target = Path(tmp.name) / f"{i:06d}-{p.name[: -len(comp)]}"
            with _open_text(p) as src, open(target, "w", encoding="utf-8", newline="") as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)
            out.append(str(target))
        yield out
    finally:
        if tmp is not None:
            tmp.cleanup()
