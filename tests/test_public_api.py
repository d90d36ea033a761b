"""Checks over the whole public surface: exports, numpydoc sections, keyword-only arguments.

Walks ``__all__`` of every public package (scikit-learn's estimator checks, datasette's
test_docs.py), so a new public function is checked the day it is exported.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

PACKAGES = [
    "blocs", "blocs.data", "blocs.system", "blocs.measures", "blocs.networks", "blocs.models", "blocs.query",
    "blocs.report",
]
PACKAGES.append("blocs.events")  # event data (issue 16)

# Plumbing and presentation implement no published method, so they need no References
# section: the data layer (catalog, cache, BibTeX), table metadata, and the report, whose
# numbers come from the scientific layers (where the References are).
NO_METHOD_MODULES = {"blocs", "blocs.data", "blocs.query", "blocs.report"}

# Plain utilities in the scientific layers: they implement no published method.
NO_REFERENCES = {
    "blocs.models.set_sizes": "copies a table with some sizes replaced",
    "blocs.models.set_propensities": "copies a table with some propensities replaced",
    "blocs.models.read_landscape_inputs": "reads and validates user files",
    "blocs.report.plot_km_curves": "draws a fitted model",
    "blocs.report.plot_hazard_ratios": "draws a fitted model",
    "blocs.networks.read_signed_network": "reads and validates user input",
    "blocs.networks.to_networkx": "converts a table to a networkx graph",
}

# Known debt: public names whose docstrings still lack a numpydoc section (the data layer's
# plumbing and the report's helpers; the scientific layers are complete).  The test below
# fails when one is fixed (remove the entry) and when a new one appears, so the list only shrinks.
PENDING: dict[str, set[str]] = {
    "blocs.measures.simulate_ideal_point_votes": {"References"},
    "blocs.report.capability_ratio": {'Parameters', 'Returns'},
    "blocs.report.dyad_disputes": {'Parameters', 'Returns'},
    "blocs.report.dyad_rivalries": {'Parameters', 'Returns'},
    "blocs.report.dyad_trade": {'Parameters', 'Returns'},
    "blocs.report.dyad_years": {'Parameters', 'Returns'},
    "blocs.report.reversal_year": {'Parameters', 'Returns'},
    "blocs.report.sino_soviet_treaty": {'Parameters', 'Returns'},
}

MAIN_ENTRY_PREFIXES = ("create_", "add_", "filter_", "load", "cite", "declare", "resolve", "build_")


def _public() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for pkg in PACKAGES:
        module = importlib.import_module(pkg)
        for name in module.__all__:
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj) or callable(getattr(obj, "__wrapped__", None))):
                continue  # constants and type aliases
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue  # the exception tree is documented in blocs._errors
            if id(obj) in seen:
                continue  # re-exported by a later package (e.g. blocs.load is blocs.data.load)
            seen.add(id(obj))
            yield f"{pkg}.{name}", obj


PUBLIC = list(_public())


def _sections(doc: str) -> set[str]:
    return set(re.findall(r"^([A-Z][A-Za-z ]+)\n-{3,}$", doc, flags=re.M))


def _is_container(obj: Any) -> bool:
    """Result records and recipe parts: dataclasses and named tuples hold data, no method."""
    return inspect.isclass(obj) and (
        dataclasses.is_dataclass(obj) or issubclass(obj, tuple) or getattr(obj, "_is_protocol", False)
    )


def _takes_parameters(obj: Any) -> bool:
    try:
        params = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name not in ("self", "cls") for p in params)


def missing_sections(qualname: str, obj: Any) -> set[str]:
    doc = inspect.getdoc(obj) or ""
    if not doc.strip():
        return {"docstring"}
    have = _sections(doc)
    need: set[str] = set()
    function = not inspect.isclass(obj)
    container = _is_container(obj)
    if container:
        return need  # typed fields, documented by the docstring and the functions returning them
    if _takes_parameters(obj) and not (have & {"Parameters", "Attributes"}):
        need.add("Parameters")
    if function and not (have & {"Returns", "Yields"}):
        need.add("Returns")
    package = qualname.rsplit(".", 1)[0]
    cited = bool(getattr(obj, "__blocs_cites__", ()))
    if "References" not in have and not container and (
        cited or (package not in NO_METHOD_MODULES and qualname not in NO_REFERENCES)
    ):
        need.add("References")
    name = qualname.rsplit(".", 1)[1]
    if "Examples" not in have and not container and (name.startswith(MAIN_ENTRY_PREFIXES) or cited):
        need.add("Examples")
    return need


@pytest.mark.parametrize(("qualname", "obj"), PUBLIC, ids=[q for q, _ in PUBLIC])
def test_numpydoc_sections(qualname: str, obj: Any) -> None:
    missing = missing_sections(qualname, obj)
    expected = PENDING.get(qualname, set())
    assert missing == expected, (
        f"{qualname}: docstring lacks {sorted(missing)}"
        if missing - expected
        else f"{qualname}: now has {sorted(expected - missing)}; remove it from PENDING"
    )


def test_the_walk_finds_the_api() -> None:
    names = {q for q, _ in PUBLIC}
    assert {"blocs.load", "blocs.create_dyad_years", "blocs.measures.add_similarity",
            "blocs.networks.structural_balance", "blocs.models.AllianceDurability"} <= names
    assert missing_sections("blocs.system.f", lambda table, *, x=1: None) == {"docstring"}


def _exported() -> set[int]:
    out: set[int] = set()
    for pkg in PACKAGES:
        module = importlib.import_module(pkg)
        out |= {id(getattr(module, n)) for n in module.__all__}
    return out


# names some modules import only under TYPE_CHECKING
# modules imported only under TYPE_CHECKING (lazy imports keep `import blocs` fast)
_TYPE_CHECKING_NAMES: dict[str, Any] = {"pd": importlib.import_module("pandas"), "np": importlib.import_module("numpy")}
try:
    from matplotlib.figure import Figure

    _TYPE_CHECKING_NAMES["Figure"] = Figure
except ImportError:  # the report extra is not installed; the plotting functions then fail to resolve
    pass


def _blocs_classes(hint: Any) -> Iterator[type]:
    if inspect.isclass(hint) and hint.__module__.startswith("blocs."):
        yield hint
    for arg in typing.get_args(hint):
        yield from _blocs_classes(arg)


@pytest.mark.parametrize(("qualname", "obj"), PUBLIC, ids=[q for q, _ in PUBLIC])
def test_returned_types_are_exported(qualname: str, obj: Any) -> None:
    """A user never has to import a type they are handed from an underscore module."""
    target: Callable[..., Any] = obj.__init__ if inspect.isclass(obj) else obj
    hints = typing.get_type_hints(target, localns=_TYPE_CHECKING_NAMES)
    exported = _exported()
    for cls in _blocs_classes(hints.get("return")):
        assert id(cls) in exported, f"{qualname} returns {cls.__module__}.{cls.__qualname__}, which no __all__ exports"


def _table_verbs() -> list[tuple[str, Any]]:
    return [(q, o) for q, o in PUBLIC if inspect.isfunction(o) and
            q.rsplit(".", 1)[1].startswith(("add_", "filter_", "create_"))]


@pytest.mark.parametrize(("qualname", "obj"), _table_verbs(), ids=[q for q, _ in _table_verbs()])
def test_table_verbs_take_keywords_after_the_table(qualname: str, obj: Any) -> None:
    params = list(inspect.signature(obj).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    # add_*/filter_* take the table first.  create_* take no table; create_signed_network
    # takes its years first (create_signed_network(1962)), so one positional is allowed there too.
    allowed = 1
    assert len(positional) <= allowed, (
        f"{qualname}: {', '.join(p.name for p in positional[allowed:])} must be keyword-only (put * after the table)"
    )
