"""Progress of long steps, reported to whoever is listening (the CLI draws bars).

Library loops that can run for more than a few seconds (EM sweeps of the ideal-point fit,
bootstrap refits, Monte Carlo draws, years of a balance timeline) call :func:`step`; it costs
a context-variable lookup when nobody listens.  An interface listens with :func:`reporting`::

    with reporting(lambda label, done, total: print(label, done, total)):
        IdealPoints().fit(votes)

``total`` is the real number of steps when it is known (years, draws, replicates) and the
upper bound otherwise (``max_iter`` for an iterative fit, which usually stops earlier).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Hook", "reporting", "step"]

Hook = Callable[[str, int, "int | None"], None]
_HOOK: ContextVar[Hook | None] = ContextVar("blocs_progress_hook", default=None)


@contextmanager
def reporting(hook: Hook) -> Iterator[None]:
    """Send every :func:`step` inside the block to ``hook(label, done, total)``."""
    token = _HOOK.set(hook)
    try:
        yield
    finally:
        _HOOK.reset(token)


def step(label: str, done: int, total: int | None = None) -> None:
    """Report that ``done`` of ``total`` units of the step ``label`` are finished."""
    hook = _HOOK.get()
    if hook is not None:
        hook(label, done, total)
