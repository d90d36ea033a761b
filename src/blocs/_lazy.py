"""Deferred imports: a module object that imports the real module on first attribute access.

Used where a heavy dependency (pandas, numpy) is needed by some paths of a module but not by
its fast path (``blocs resolve`` reads a cached index and never touches pandas).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["LazyModule"]


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
