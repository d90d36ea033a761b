"""The ``blocs`` command line: parse input, call the library, render.

Each command family lives in its own module and registers itself on the shared app.
"""

from blocs.cli import (  # noqa: F401  (importing a module registers its commands)
    _case,
    _countries,
    _data,
    _durability,
    _idealpoints,
    _landscape,
    _measures,
    _networks,
    _tables,
)
from blocs.cli._app import app, run

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``blocs`` console script."""
    run(app)
