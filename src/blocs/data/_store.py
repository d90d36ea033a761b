"""Where data live on disk: the user cache, the optional mirror, and verified access.

Raw files are fetched with pooch's HTTP downloader into ``<home>/raw/<catalog path>``
(``home`` is ``$BLOCS_HOME`` or the platform's user cache directory).  Every write, from
the network or from a mirror, goes to a temporary ``.part`` file beside the target, is
verified against the catalog checksum, and only then replaces the target with an atomic
``os.replace``.  So an interrupted or corrupted transfer never leaves a partial file, and
the cache keeps the last good file.  A mirror (``$BLOCS_MIRROR`` or ``--mirror``) holds the
same relative paths; a file read from it is verified and copied into the cache, so data once
read stay usable offline after the mirror is gone (or ``BLOCS_MIRROR`` is no longer set).  A
damaged cache entry is repaired from the mirror (or the network) the next time it is needed.

Derived caches (the Parquet tables the readers build, fitted models) are written with
:func:`write_checked`: their SHA-256 is recorded in a ``<file>.sha256`` sidecar when written and
:func:`read_checked` refuses a file that no longer matches it, so an altered or truncated cache
is rebuilt instead of used.  Temporary ``.part`` files carry the writer's process id; those of
dead processes (a ``kill -9`` mid-write) are removed the next time the folder is written to.
Files get the ordinary permissions of the user's umask (``0644`` by default), never ``0600``.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from blocs._errors import DataIntegrityError, DataNotFoundError
from blocs.data._catalog import Dataset, get_dataset

__all__ = [
    "home",
    "mirror_dir",
    "locate",
    "fetch_one",
    "sha256_of",
    "atomic_write",
    "cached_path",
    "verify_cache",
    "verify_derived",
    "write_checked",
    "read_checked",
    "remove_orphans",
    "cached_object",
]

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


def _file_mode() -> int:
    """``0666`` less the process umask: the mode ``open()`` would give a new file."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.part$")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but someone else's
        return True
    return True


def remove_orphans(folder: Path) -> list[Path]:
    """Delete ``.part`` files in ``folder`` left by writers that died (``kill -9``, power loss).

    A part file names its writer's process id; one whose process is gone can never be
    completed.  Parts of live processes (a concurrent run) are left alone.

    Parameters
    ----------
    folder : Path
        A cache folder (``raw/...``, ``tables``, ``results``).

    Returns
    -------
    list of Path
        The files removed.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        m = _PART.match(p.name)
        if m and not _pid_alive(int(m["pid"])):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


@contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place only on success.

    The temporary name is ``.<target name>.<pid>.<random>.part`` so that an orphan of a killed
    process can be told from a concurrent writer's file (:func:`remove_orphans`), and the file
    is given the umask's ordinary permissions before it is renamed into place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(target.parent)
    tmp_path = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    tmp_path.touch()
    try:
        yield tmp_path
        os.chmod(tmp_path, _file_mode())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write_checked(target: Path, write: Callable[[Path], object]) -> str:
    """Write a derived cache file atomically and record its SHA-256 beside it.

    ``write(tmp)`` writes the content to a temporary file; its checksum goes to
    ``<target>.sha256`` (itself written atomically) before the file is renamed into place, so
    a crash at any point leaves either no file, or a file whose checksum does not match (and
    is rebuilt), never a wrong file that passes.

    Parameters
    ----------
    target : Path
        The cache file to create or replace.
    write : callable
        Writes the content to the path it is given.

    Returns
    -------
    str
        The SHA-256 of what was written.
    """
    with atomic_write(target) as tmp:
        write(tmp)
        digest = sha256_of(tmp, fresh=True)
        with atomic_write(_sidecar(target)) as side:
            side.write_text(f"{digest}  {target.name}\n")
    return digest


def read_checked(target: Path) -> tuple[bytes | None, str]:
    """The bytes of a derived cache file if they match the checksum recorded when it was written.

    Parameters
    ----------
    target : Path
        A file written by :func:`write_checked`.

    Returns
    -------
    (bytes or None, str)
        The content and ``"ok"``, or None and why it cannot be used: ``"missing"``,
        ``"no checksum recorded"`` or ``"altered: expected sha256 ..., got ..."``.
    """
    if not target.is_file():
        return None, "missing"
    side = _sidecar(target)
    try:
        recorded = side.read_text().split()[0]
    except (OSError, IndexError):
        return None, "no checksum recorded"
    data = target.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != recorded:
        return None, f"altered: expected sha256 {recorded}, got {actual}"
    return data, "ok"


def discard(target: Path) -> None:
    """Remove a derived cache file and its checksum sidecar (missing ones are fine)."""
    target.unlink(missing_ok=True)
    _sidecar(target).unlink(missing_ok=True)


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


def _copy_with_progress(src: Path, dst: Path, progressbar: Any) -> None:
    """Copy ``src`` to ``dst`` in blocks, telling a pooch-style bar the real total first."""
    size = src.stat().st_size
    if progressbar:
        progressbar.total = size
        progressbar.reset()
    with src.open("rb") as fin, dst.open("wb") as fout:
        for block in iter(lambda: fin.read(1 << 20), b""):
            fout.write(block)
            if progressbar:
                progressbar.update(len(block))
    if progressbar:
        progressbar.close()


def _copy_from_mirror(ds: Dataset, src: Path, target: Path, progressbar: Any = False) -> Path:
    with atomic_write(target) as tmp:
        _copy_with_progress(src, tmp, progressbar)
        _verify(ds, tmp)
    return target


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
        A pooch-style progress bar (``total``, ``update``, ``reset``, ``close``) or False; a
        mirror copy sets ``total`` to the file's size before the first update.

    Returns
    -------
    Path
        The verified file in the cache.

    Raises
    ------
    UnknownDatasetError, DataNotFoundError, DataIntegrityError
        Unknown name; not in the mirror or not downloadable; checksum mismatch (nothing is
        written to the cache then).  When a cached copy was corrupt and could not be
        replaced, the message says so.
    """
    ds = get_dataset(name)
    target = cached_path(ds)
    damaged: str | None = None
    if target.exists() and not force:
        try:
            _verify(ds, target)
            if progressbar:  # already here: the bar shows the file complete, with its size
                progressbar.total = target.stat().st_size
                progressbar.reset()
                progressbar.update(progressbar.total)
                progressbar.close()
            return target
        except DataIntegrityError:
            damaged = sha256_of(target, fresh=True)  # replaced below, atomically
    try:
        src = _mirror_file(ds, mirror)
        if src is not None:
            return _copy_from_mirror(ds, src, target, progressbar)
        try:
            _download(ds, target, progressbar)
        except DataIntegrityError:
            raise
        except Exception as exc:  # network errors, interrupted transfers
            raise DataNotFoundError(
                f"could not download dataset {name!r} from {ds.url}: {exc}. Without internet, set "
                "BLOCS_MIRROR (or --mirror) to a local mirror directory."
            ) from None
    except (DataNotFoundError, DataIntegrityError) as exc:
        if damaged is None:
            raise
        raise type(exc)(
            f"the cached copy of {name!r} at {str(target)!r} is corrupt (sha256 {damaged}, expected "
            f"{ds.sha256}) and could not be replaced: {exc}"
        ) from None
    return target


def locate(name: str, *, mirror: str | os.PathLike[str] | None = None) -> Path:
    """Return a verified local path for dataset ``name``.

    Order: a valid file in the cache; else the mirror file, verified and copied into the
    cache (so it stays available without the mirror); else a download into the cache.  A
    damaged cache entry is replaced the same way.

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
            return fetch_one(name, mirror=mirror, force=False)
    src = _mirror_file(ds, mirror)
    if src is None:
        return fetch_one(name)
    try:
        return _copy_from_mirror(ds, src, target)
    except OSError:  # a read-only or full cache: read the verified mirror file in place
        return src


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


def verify_derived() -> dict[str, str]:
    """Check every derived cache file (``tables/``, ``results/``) against its recorded checksum.

    Orphaned ``.part`` files of dead writers are removed on the way.

    Returns
    -------
    dict
        ``{"tables/<file>": "ok" | "no checksum recorded" | "altered: ..."}`` for every
        Parquet file under the data home.
    """
    out: dict[str, str] = {}
    root = home()
    if root.is_dir():  # partial files of killed writers, anywhere under the data home
        for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
            remove_orphans(folder)
    for sub in ("tables", "results"):
        folder = root / sub
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.parquet"), *folder.glob("*.pickle")]):
            _, status = read_checked(path)
            out[f"{sub}/{path.name}"] = status
    return out


def cached_object(name: str, key: str, build: Callable[[], Any]) -> Any:
    """A picklable object built once and kept under ``<home>/tables/<name>-<key>.pickle``.

    The file is written with :func:`write_checked` and read back only when it matches its
    recorded checksum (a damaged or altered file is rebuilt).  ``key`` must change whenever
    what ``build`` would return changes (data checksums, code version).

    Parameters
    ----------
    name : str
        File stem, e.g. ``"resolver-cow"``.
    key : str
        A digest of everything the object depends on.
    build : callable
        Builds the object when no valid file exists.

    Returns
    -------
    object
        The cached or freshly built object.
    """
    import pickle

    target = home() / "tables" / f"{name}-{key[:16]}.pickle"
    data, status = read_checked(target)
    if data is not None:
        try:
            return pickle.loads(data)
        except Exception:  # written by another version of a class: rebuild
            pass
    if status != "missing":
        discard(target)
    obj = build()
    try:
        payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        write_checked(target, lambda tmp: tmp.write_bytes(payload))
        for old in target.parent.glob(f"{name}-*.pickle"):
            if old != target:
                discard(old)
    except (OSError, pickle.PicklingError):  # the cache is an optimisation only
        pass
    return obj
