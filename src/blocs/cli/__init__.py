"""The ``blocs`` command line: parse input, call the library, render.

Each command family lives in its own module and registers itself on the shared app.
"""

from blocs.cli import _data  # noqa: F401  (registers commands)
from blocs.cli import _networks  # noqa: F401
from blocs.cli._app import app, run

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``blocs`` console script."""
    run(app)
