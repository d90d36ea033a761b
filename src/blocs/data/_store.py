"""Where data live on disk: the user cache, the optional mirror, and verified access.

Raw files are fetched with pooch's HTTP downloader into ``<home>/raw/<catalog path>``
(``home`` is ``$BLOCS_HOME`` or the platform's user cache directory).  Every write, from
the network or from a mirror, goes to a temporary ``.part`` file beside the target, is
verified against the catalog checksum, and only then replaces the target with an atomic
``os.replace``.  So an interrupted or corrupted transfer never leaves a partial file, and
the cache keeps the last good file.  A mirror (``$BLOCS_MIRROR`` or ``--mirror``) holds the
same relative paths and is read in place, after the same checksum check; a damaged cache
entry is repaired from the mirror (or the network) the next time it is needed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from blocs._errors import DataIntegrityError, DataNotFoundError
from blocs.data._catalog import Dataset, get_dataset

__all__ = ["home", "mirror_dir", "locate", "fetch_one", "sha256_of", "atomic_write", "cached_path", "verify_cache"]

_HASHES: dict[tuple[str, int, int], str] = {}


def home() -> Path:
    """The blocs data home: ``$BLOCS_HOME`` if set, else the user cache directory.

    Returns
    -------
    Path
        Folder holding ``raw/`` (verified original files), ``tables/`` (Parquet caches of what
        was read) and ``results/`` (cached model fits).
    """
    env = os.environ.get("BLOCS_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("blocs"))


def mirror_dir(mirror: str | os.PathLike[str] | None = None) -> Path | None:
    """The mirror directory in force: the argument, else ``$BLOCS_MIRROR``, else none.

    Parameters
    ----------
    mirror : str or PathLike, optional
        A local folder with the catalog's relative paths; overrides ``$BLOCS_MIRROR``.

    Returns
    -------
    Path or None
        The mirror folder, or None when neither the argument nor the variable is set.

    Raises
    ------
    DataNotFoundError
        If the folder named does not exist.
    """
    value = mirror if mirror is not None else os.environ.get("BLOCS_MIRROR")
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise DataNotFoundError(
            f"mirror directory {str(path)!r} does not exist; point --mirror or BLOCS_MIRROR at a "
            "folder holding the catalog's relative paths (e.g. ../shared/data/mirror)"
        )
    return path


def sha256_of(path: Path, *, fresh: bool = False) -> str:
    """SHA-256 of a file, memoised on (path, size, mtime) so repeated loads stay cheap.

    ``fresh=True`` re-reads the bytes whatever the memo says (``blocs data verify``).
    """
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if fresh or key not in _HASHES:
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()
    return _HASHES[key]


def cached_path(ds: Dataset) -> Path:
    return home() / "raw" / ds.path


def _verify(ds: Dataset, path: Path) -> None:
    actual = sha256_of(path)
    if actual != ds.sha256:
        raise DataIntegrityError(
            f"checksum mismatch for dataset {ds.name!r} at {str(path)!r}: expected sha256 "
            f"{ds.sha256}, got {actual}. The file is corrupt or a different version; replace it "
            f"with the pinned file from {ds.url} (or run `blocs data fetch {ds.name} --force`)."
        )


@contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _download(ds: Dataset, target: Path, progressbar: Any) -> None:
    """Download ``ds`` into ``target``: temporary file, checksum, then atomic replace.

    pooch's downloader does the HTTP transfer (streaming, progress bar); the temporary
    file and the checksum are ours, so a forced re-fetch really downloads, and a failure
    at any point leaves ``target`` (the last good file, if any) untouched.
    """
    import pooch

    downloader = pooch.HTTPDownloader(progressbar=progressbar, timeout=60)
    with atomic_write(target) as tmp:
        downloader(ds.url, str(tmp), None)
        actual = sha256_of(tmp, fresh=True)
        if actual != ds.sha256:
            raise DataIntegrityError(
                f"download of {ds.name!r} from {ds.url} does not match the catalog checksum: expected sha256 "
                f"{ds.sha256}, got {actual}. The remote file changed or the transfer was corrupted; nothing was "
                "written to the cache."
            )


def _mirror_file(ds: Dataset, mirror: str | os.PathLike[str] | None) -> Path | None:
    """The verified mirror copy of ``ds``, or None when no mirror is in force."""
    root = mirror_dir(mirror)
    if root is None:
        return None
    src = root / ds.path
    if not src.is_file():
        raise DataNotFoundError(
            f"dataset {ds.name!r} is not in mirror {str(root)!r} (looked for {ds.path!r}); "
            "check the mirror path, or unset BLOCS_MIRROR / drop --mirror to download it"
        )
    _verify(ds, src)
    return src


def fetch_one(
    name: str,
    *,
    mirror: str | os.PathLike[str] | None = None,
    force: bool = False,
    progressbar: Any = False,
) -> Path:
    """Put the verified file for ``name`` in the cache and return its path.

    With a mirror, the file is copied from it (checksum verified before the copy lands);
    otherwise it is downloaded from the canonical address with pooch.  A file already in
    the cache with the right checksum is kept unless ``force``.

    Parameters
    ----------
    name : str
        Catalog name of the dataset (see ``blocs data list``).
    mirror : str or PathLike, optional
        Local mirror folder; default ``$BLOCS_MIRROR``, else the network.
    force : bool, default False
        Fetch again even when a verified copy is cached.
    progressbar : object, default False
        A pooch-style progress bar (``total``, ``update``, ``reset``, ``close``) or False.

    Returns
    -------
    Path
        The verified file in the cache.

    Raises
    ------
    UnknownDatasetError, DataNotFoundError, DataIntegrityError
        Unknown name; not in the mirror or not downloadable; checksum mismatch (nothing is
        written to the cache then).
    """
    ds = get_dataset(name)
    target = cached_path(ds)
    if target.exists() and not force:
        try:
            _verify(ds, target)
            return target
        except DataIntegrityError:
            pass  # a damaged cache entry is replaced below, atomically
    src = _mirror_file(ds, mirror)
    if src is not None:
        with atomic_write(target) as tmp:
            shutil.copyfile(src, tmp)
            _verify(ds, tmp)
        return target
    try:
        _download(ds, target, progressbar)
    except DataIntegrityError:
        raise
    except Exception as exc:  # network errors, interrupted transfers
        raise DataNotFoundError(
            f"could not download dataset {name!r} from {ds.url}: {exc}. Without internet, set "
            "BLOCS_MIRROR (or --mirror) to a local mirror directory."
        ) from None
    return target


def locate(name: str, *, mirror: str | os.PathLike[str] | None = None) -> Path:
    """Return a verified local path for dataset ``name``.

    Order: a valid file in the cache; else the mirror file, read in place; else a download
    into the cache.

    Parameters
    ----------
    name : str
        Catalog name of the dataset.
    mirror : str or PathLike, optional
        Local mirror folder; default ``$BLOCS_MIRROR``.

    Returns
    -------
    Path
        A file whose SHA-256 matches the catalog.
    """
    ds = get_dataset(name)
    target = cached_path(ds)
    if target.exists():
        try:
            _verify(ds, target)
            return target
        except DataIntegrityError:
            # a damaged cache entry is replaced (atomically) from the mirror or the network
            return fetch_one(name, mirror=mirror, force=True)
    src = _mirror_file(ds, mirror)
    return src if src is not None else fetch_one(name)


def verify_cache(names: list[str] | None = None) -> dict[str, str]:
    """Re-hash cached raw files (ignoring the memo): ``{name: "ok" | "missing" | "mismatch: <sha>"}``."""
    from blocs.data._catalog import catalog

    out: dict[str, str] = {}
    for name in names or list(catalog()):
        ds = get_dataset(name)
        path = cached_path(ds)
        if not path.is_file():
            out[name] = "missing"
            continue
        actual = sha256_of(path, fresh=True)
        out[name] = "ok" if actual == ds.sha256 else f"mismatch: {actual}"
    return out
