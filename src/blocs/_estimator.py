"""One estimator contract for the models that learn from data (scikit-learn's ``BaseEstimator``).

A blocs estimator's ``__init__`` only stores keyword settings; ``fit`` validates and learns,
and learned results end in ``_``.  :class:`Estimator` gives every such class:

* ``get_params()`` / ``set_params(**params)`` introspected from ``__init__``'s signature;
* a ``repr`` listing the settings that differ from their defaults;
* validation of the settings against the class's ``_parameter_constraints`` (the constraint
  objects of :mod:`blocs._validation`, one message template) at construction, at
  ``set_params`` and again when ``fit`` calls :meth:`Estimator._validate_params`;
* :class:`~blocs._errors.NotFittedError` (a ``BlocsError`` and an ``AttributeError``) when a
  learned attribute is read before ``fit``, so ``hasattr(model, "energy_")`` is ``False``.

:func:`clone` returns an unfitted copy with the same settings.
"""

from __future__ import annotations

import copy
import functools
import inspect
from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from blocs._errors import InvalidParameterError, NotFittedError
from blocs._validation import Constraint, check_param

__all__ = ["Estimator", "clone", "check_is_fitted"]

E = TypeVar("E", bound="Estimator")

_EMPTY = inspect.Parameter.empty


class Estimator:
    """Base class of blocs estimators (``IdealPoints``, ``Landscape``, ``AllianceDurability``)."""

    #: {setting: constraint or list of constraints (``None`` in a list allows None)}
    _parameter_constraints: ClassVar[dict[str, Constraint | Sequence[Constraint | None]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "_blocs_validating", False):
            return

        @functools.wraps(init)
        def __init__(self: Estimator, *args: Any, **kw: Any) -> None:
            init(self, *args, **kw)
            if type(self) is cls:
                self._validate_params()

        __init__._blocs_validating = True  # type: ignore[attr-defined]
        setattr(cls, "__init__", __init__)  # noqa: B010 (mypy refuses a direct method assignment)

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [
            p.name
            for p in sig.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        sig = inspect.signature(cls.__init__)
        return {p.name: p.default for p in sig.parameters.values() if p.name != "self" and p.default is not _EMPTY}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's settings, as given to ``__init__``.

        Parameters
        ----------
        deep : bool, default True
            Kept for scikit-learn compatibility; blocs estimators hold no nested estimators.

        Returns
        -------
        dict
            {setting name: value}.
        """
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self: E, **params: Any) -> E:
        """Change settings (validated with the same constraints as ``__init__``); returns ``self``.

        Raises
        ------
        InvalidParameterError
            An unknown setting, or a value its constraint refuses.
        """
        names = self._get_param_names()
        unknown = [k for k in params if k not in names]
        if unknown:
            raise InvalidParameterError(
                f"{type(self).__name__} has no setting(s) {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(names)}"
            )
        old = {k: getattr(self, k) for k in params}
        for k, v in params.items():
            setattr(self, k, v)
        try:
            self._validate_params()
        except Exception:
            for k, v in old.items():
                setattr(self, k, v)
            raise
        return self

    def _validate_params(self) -> None:
        """Check every declared setting against its constraint (one message template).

        Messages read "The 'tol' parameter must be …" without the class name, as the
        estimators' own messages always have.
        """
        for name, cons in self._parameter_constraints.items():
            check_param(getattr(self, name), cons, param=name)

    def __repr__(self) -> str:
        defaults = self._defaults()
        shown = []
        for k, v in self.get_params().items():
            d = defaults.get(k, _EMPTY)
            try:
                same = d is not _EMPTY and bool(d == v) and type(d) is type(v)
            except Exception:
                same = False
            if not same:
                shown.append(f"{k}={v!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: a learned attribute before fit.
        if name.endswith("_") and not name.startswith("_"):
            raise NotFittedError(
                f"This {type(self).__name__} is not fitted yet: {name!r} exists after fit(); call fit() first"
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def check_is_fitted(estimator: Estimator, attribute: str) -> None:
    """Raise :class:`NotFittedError` unless ``estimator`` has the learned ``attribute``."""
    if attribute not in vars(estimator):
        raise NotFittedError(
            f"This {type(estimator).__name__} is not fitted yet: {attribute!r} exists after fit(); call fit() first"
        )


def clone(estimator: E) -> E:
    """An unfitted copy of ``estimator`` with (deep copies of) the same settings.

    Parameters
    ----------
    estimator : Estimator
        Fitted or not.

    Returns
    -------
    Estimator
        A new instance of the same class; no learned attribute is copied.

    Examples
    --------
    >>> from blocs.models import Landscape
    >>> clone(Landscape(k=3))
    Landscape(k=3)
    """
    if not isinstance(estimator, Estimator):
        raise InvalidParameterError(
            f"The 'estimator' parameter of clone must be a blocs estimator; got {type(estimator).__name__} instead"
        )
    params = {k: copy.deepcopy(v) for k, v in estimator.get_params().items()}
    return type(estimator)(**params)
