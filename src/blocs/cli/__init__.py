"""The ``blocs`` command line: parse input, call the library, render.

Each command family lives in its own module and registers itself on the shared app.  The
console script imports a command's module only when that command runs (fast start-up);
``from blocs.cli import app`` gives the app with every command loaded.
"""

import os
import sys
from typing import Any

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from blocs.cli._app import app, load_all

        load_all()
        return app
    raise AttributeError(f"module 'blocs.cli' has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``blocs`` console script.

    The process leaves with ``os._exit`` once the command is done and its output flushed: the
    C++ thread pools of compiled dependencies (Arrow, numba, HiGHS) can hit ``std::terminate``
    in their static destructors during interpreter teardown on a loaded machine, which would
    turn a finished command into a SIGABRT.
    """
    from blocs.cli._app import app, run

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
