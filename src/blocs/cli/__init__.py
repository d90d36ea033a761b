"""The ``blocs`` command line: parse input, call the library, render.

Each command family lives in its own module and registers itself on the shared app.
"""

import os
import sys

from blocs.cli import (  # noqa: F401  (importing a module registers its commands)
    _case,
    _countries,
    _data,
    _durability,
    _idealpoints,
    _landscape,
    _measures,
    _networks,
    _serve,
    _tables,
)
from blocs.cli._app import app, run

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``blocs`` console script.

    The process leaves with ``os._exit`` once the command is done and its output flushed: the
    C++ thread pools of compiled dependencies (Arrow, numba, HiGHS) can hit ``std::terminate``
    in their static destructors during interpreter teardown on a loaded machine, which would
    turn a finished command into a SIGABRT.
    """
    try:
        run(app)
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
