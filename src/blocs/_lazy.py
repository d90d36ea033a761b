"""Deferred imports: a module object that imports the real module on first attribute access.

Used where a heavy dependency (pandas, numpy) is needed by some paths of a module but not by
its fast path (``blocs resolve`` reads a cached index and never touches pandas).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

__all__ = ["LazyModule", "lazy_exports"]


class LazyModule:
    """Stands in for ``import name``; the import happens when an attribute is first read."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") or attr in ("_name", "_module"):
            raise AttributeError(attr)
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def lazy_exports(
    package: str, table: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's module-level ``__getattr__`` and ``__dir__`` that import each name on first use.

    ``table`` maps a public name to the module that defines it: a full dotted path
    (``"blocs.data"``) or one relative to ``package`` (``"_catalog"``).  The value is stored in
    ``namespace`` (the package's ``globals()``), so the import happens once.
    """

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        path = f"{package}.{module}" if module.startswith("_") else module
        value = getattr(importlib.import_module(path), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *table})

    return __getattr__, __dir__
