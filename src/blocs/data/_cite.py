"""BibTeX for datasets, methods and tables (``blocs cite``).

The ``bib/`` folder beside this module holds every entry, one ``.bib`` file per topic
(``datasets.bib`` for the data, one file per method family).  :func:`cite` accepts dataset
names, BibTeX keys, names of blocs functions registered with :func:`cites`, or a table
(whose metadata lists its sources), and returns the BibTeX of everything they rest on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from blocs._errors import DataNotFoundError
from blocs._meta import meta_of
from blocs.data._catalog import catalog

__all__ = ["cite", "cites", "bibliography", "keys_for"]

F = TypeVar("F", bound=Callable[..., Any])
_METHOD_KEYS: dict[str, tuple[str, ...]] = {}
_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,", re.M)


@cache
def bibliography() -> dict[str, str]:
    """All BibTeX entries shipped with blocs, keyed by citation key.

    Returns
    -------
    dict of str to str
        Citation key to the entry's BibTeX text, from every ``blocs/data/bib/*.bib`` file.
    """
    folder = resources.files("blocs.data").joinpath("bib")
    text = "\n".join(
        f.read_text("utf-8") for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".bib")
    )
    starts = [(m.start(), m.group(1)) for m in _ENTRY.finditer(text)]
    out: dict[str, str] = {}
    for i, (pos, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out[key] = text[pos:end].strip()
    return out


def cites(*keys: str) -> Callable[[F], F]:
    """Decorator: register the BibTeX keys a public function's method rests on.

    Parameters
    ----------
    *keys : str
        Citation keys present in ``blocs/data/bib/*.bib``.

    Returns
    -------
    callable
        A decorator that returns the function unchanged, registered for :func:`cite`.

    Examples
    --------
    >>> @cites("Singer1972")
    ... def concentration(table): ...
    >>> cite(concentration).startswith("@incollection{Singer1972")
    True
    """

    def wrap(func: F) -> F:
        _METHOD_KEYS[func.__name__] = tuple(keys)
        func.__blocs_cites__ = tuple(keys)  # type: ignore[attr-defined]
        return func

    return wrap


def keys_for(item: Any) -> list[str]:
    """BibTeX keys behind one item: a table, a dataset, a function, or a key."""
    bib = bibliography()
    if hasattr(item, "attrs"):
        keys: list[str] = []
        for src in meta_of(item).sources:
            keys.extend(keys_for(src.name))
        if not keys:
            raise DataNotFoundError(
                "this table carries no blocs sources; build it with blocs or tag it with blocs.declare()"
            )
        return keys
    if callable(item):
        return list(getattr(item, "__blocs_cites__", ()) or _METHOD_KEYS.get(item.__name__, ()))
    name = str(item)
    entries = catalog()
    if name in entries:
        return list(entries[name].cite)
    if name in bib:
        return [name]
    if name in _METHOD_KEYS:
        return list(_METHOD_KEYS[name])
    raise DataNotFoundError(
        f"nothing to cite for {name!r}: it is neither a dataset (see `blocs data list`), a BibTeX key, "
        "nor a blocs function"
    )


def cite(*items: Any) -> str:
    """Return BibTeX for the given datasets, keys, functions or tables (deduplicated).

    Parameters
    ----------
    *items : str, callable or DataFrame
        Dataset names, BibTeX keys, blocs functions (registered with :func:`cites`), or
        tables built by blocs (their metadata lists their sources).

    Returns
    -------
    str
        The BibTeX entries, separated by blank lines.

    Examples
    --------
    >>> print(cite("cow_nmc").splitlines()[0])
    @incollection{Singer1972,
    """
    seen: dict[str, None] = {}
    for item in items:
        for key in keys_for(item):
            seen.setdefault(key, None)
    bib = bibliography()
    missing = [k for k in seen if k not in bib]
    if missing:
        raise DataNotFoundError(f"no BibTeX entry for key(s) {', '.join(missing)} in blocs/data/bib/*.bib")
    return "\n\n".join(bib[k] for k in seen) + "\n"
