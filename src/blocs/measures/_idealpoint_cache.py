"""Fit-or-load: fitted UN ideal points cached on disk under the blocs data home.

A dynamic fit of every General Assembly session takes tens of seconds; the positions are a
deterministic function of the votes, the estimator's settings and the estimator's code.  This
module keys a Parquet file by a hash of exactly those, so a second call (another process, the
report, the test suite) reads the file instead of refitting.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from blocs._errors import InvalidParameterError
from blocs._meta import Source, TableMeta, meta_of, with_meta
from blocs.data import get_dataset, home
from blocs.data._store import discard, read_checked, write_checked  # checksummed temp-file-then-rename
from blocs.measures._idealpoints import IdealPoints, default_un_votes

__all__ = ["fit_ideal_points"]

#: Modules whose code determines the fitted positions (``_irt*.py`` matches every estimator
#: module, present and future): a change to any of them is a new key.
_ESTIMATOR_MODULES = ("_idealpoints.py", "_irt*.py", "_idealpoint_cache.py")
_VOTE_COLUMNS = ("ccode", "actor", "session", "rcid", "vote", "descr")
_FORMAT = 1  # bump when the file layout changes


def _code_hash() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    for pattern in _ESTIMATOR_MODULES:
        for path in sorted(here.glob(pattern)):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _frame_hash(df: pd.DataFrame, columns: tuple[str, ...]) -> str:
    cols = [c for c in columns if c in df.columns]
    h = hashlib.sha256(",".join(cols).encode())
    if cols:
        h.update(pd.util.hash_pandas_object(df[cols], index=False).to_numpy().tobytes())
    h.update(str(len(df)).encode())
    return h.hexdigest()


def _dataset_checksums(sources: tuple[Source, ...]) -> list[str]:
    """``name version sha256`` of each catalog source (the version alone for non-catalog sources)."""
    out = []
    for s in sorted(set(sources), key=lambda s: (s.name, s.version)):
        try:
            sha = get_dataset(s.name).sha256
        except LookupError:
            sha = ""
        out.append(f"{s.name} {s.version} {sha}")
    return out


def _cache_key(votes: pd.DataFrame, estimator: IdealPoints, roll_calls: pd.DataFrame | None) -> str | None:
    params = estimator.get_params()
    if isinstance(params.get("seed"), np.random.Generator):
        return None  # a Generator's state is not a reproducible key
    import blocs

    # bridging texts come from the catalog's un_roll_calls when neither table carries them
    catalog_texts = _dataset_checksums((Source("un_roll_calls"),))
    parts = {
        "format": _FORMAT,
        "blocs": blocs.__version__,
        "code": _code_hash(),
        "settings": repr(sorted(params.items())),
        "datasets": _dataset_checksums(meta_of(votes).sources),
        "votes": _frame_hash(votes, _VOTE_COLUMNS),
        "roll_calls": _frame_hash(roll_calls, ("rcid", "descr")) if roll_calls is not None else None,
        "catalog_texts": catalog_texts,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _cache_path(key: str) -> Path:
    """Where the fitted positions with cache key ``key`` live: ``home()/results/ideal_points-<key>.parquet``."""
    return home() / "results" / f"ideal_points-{key[:24]}.parquet"


def _read(path: Path) -> pd.DataFrame | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data, status = read_checked(path)
    if data is None:
        if status != "missing":  # altered or unrecorded: refit and replace, never use
            if status != "no checksum recorded":  # (unrecorded: written by an older blocs)
                warnings.warn(
                    f"ideal-point cache {str(path)!r} does not match the checksum recorded when it was written "
                    f"({status}); refitting",
                    stacklevel=3,
                )
            discard(path)
        return None
    try:
        tab = pq.read_table(pa.BufferReader(data))
        info = json.loads((tab.schema.metadata or {})[b"blocs"])
        df = tab.to_pandas()
        meta = TableMeta(
            unit=info["unit"],
            system=info["system"],
            sources=tuple(Source(n, v) for n, v in info["sources"]),
        )
    except Exception:  # a damaged or foreign file is refitted and replaced
        return None
    return with_meta(df, meta)


def _write(path: Path, table: pd.DataFrame) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = meta_of(table)
    info = {"unit": meta.unit, "system": meta.system, "sources": [[s.name, s.version] for s in meta.sources]}
    plain = pd.DataFrame(table)
    plain.attrs = {}
    tab = pa.Table.from_pandas(plain, preserve_index=False)
    tab = tab.replace_schema_metadata({**(tab.schema.metadata or {}), b"blocs": json.dumps(info).encode()})
    try:
        write_checked(path, lambda tmp: pq.write_table(tab, tmp))
    except OSError as exc:  # the cache is an optimisation only
        warnings.warn(f"could not write the ideal-point cache {path}: {exc}", stacklevel=3)


def fit_ideal_points(
    votes: pd.DataFrame | None = None,
    *,
    estimator: IdealPoints | None = None,
    roll_calls: pd.DataFrame | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """Fitted UN ideal points, read from the on-disk cache when this exact fit was done before.

    Returns ``estimator.fit(votes, roll_calls=roll_calls).ideal_points_`` computed on a copy
    of ``estimator`` (the argument is never fitted or changed).  With ``cache=True`` the
    table is stored as Parquet under the blocs data home,
    ``blocs.data.home()/results/ideal_points-<key>.parquet``, written atomically (temporary
    file, then rename), and read back on later calls with the same key.  The key is a
    SHA-256 over

    * the SHA-256 checksums of the catalog datasets the votes come from (their metadata
      sources) and of ``un_roll_calls`` (the bridging texts),
    * a content hash of the votes' ``ccode``/``actor``, ``session``, ``rcid``, ``vote`` and
      ``descr`` columns (a filtered or edited table is a different fit), and of ``roll_calls``,
    * the estimator's settings (``get_params()``),
    * the blocs version and a hash of the estimator's source modules (a changed estimator
      never reads an old fit).

    Parameters
    ----------
    votes : DataFrame, optional
        Votes as :meth:`IdealPoints.fit` takes them.  Default: :func:`default_un_votes`.
    estimator : IdealPoints, optional
        Settings of the fit.  Default ``IdealPoints(seed=0)``, the fit
        ``add_ideal_points(ideal_points=None)`` uses.
    roll_calls : DataFrame, optional
        ``rcid, descr`` bridging texts, as in :meth:`IdealPoints.fit`.
    cache : bool, default True
        Read and write the on-disk cache.  ``False`` always fits and writes nothing.  An
        estimator whose ``seed`` is a ``numpy.random.Generator`` is never cached (its state
        is not a reproducible key).

    Returns
    -------
    DataFrame
        ``ccode`` (or ``actor``), ``session``, ``year``, ``ideal_point``, ``se``, ``n_votes``
        with the fit's metadata (unit ``state_year``, sources with versions).  Pass it to
        :func:`add_ideal_points` / :func:`add_ideal_point_distance` as ``ideal_points=``.

    Raises
    ------
    InvalidParameterError
        ``votes`` is not a DataFrame, ``estimator`` is not an :class:`IdealPoints`, or
        ``cache`` is not a bool; and whatever :meth:`IdealPoints.fit` raises.

    Notes
    -----
    A damaged cache file is refitted and replaced; a cache folder that cannot be written
    gives a warning, not an error.  Delete ``home()/results/`` to clear the cache.

    References
    ----------
    Bailey, Strezhnev & Voeten (2017), *Journal of Conflict Resolution* 61(2): 430–456.

    Examples
    --------
    >>> from blocs.measures import IdealPoints, add_ideal_points, fit_ideal_points
    >>> ip = fit_ideal_points(estimator=IdealPoints(seed=0, sessions="26-74"))  # doctest: +SKIP
    >>> ip.columns.tolist()  # doctest: +SKIP
    ['ccode', 'session', 'year', 'ideal_point', 'se', 'n_votes']
    """
    if votes is not None and not isinstance(votes, pd.DataFrame):
        raise InvalidParameterError(f"votes must be a pandas DataFrame or None; got {type(votes).__name__}")
    if estimator is not None and not isinstance(estimator, IdealPoints):
        raise InvalidParameterError(
            f"estimator must be an IdealPoints (e.g. IdealPoints(seed=0)) or None; got {type(estimator).__name__}"
        )
    if not isinstance(cache, bool):
        raise InvalidParameterError(f"cache must be True or False; got {cache!r}")
    settings: dict[str, Any] = (estimator or IdealPoints(seed=0)).get_params()
    model = IdealPoints(**settings)
    data = default_un_votes() if votes is None else votes
    key = _cache_key(data, model, roll_calls) if cache else None
    path = _cache_path(key) if key else None
    if path is not None and path.exists():
        hit = _read(path)
        if hit is not None:
            return hit
    table: pd.DataFrame = model.fit(data, roll_calls=roll_calls).ideal_points_
    if path is not None:
        _write(path, table)
    return table
