"""One estimator contract: get_params/set_params, clone, repr, NotFittedError, validated settings."""

from __future__ import annotations

import pandas as pd
import pytest

from blocs._errors import BlocsError, InvalidParameterError, NotFittedError
from blocs._estimator import Estimator, check_is_fitted, clone
from blocs.measures import IdealPoints
from blocs.models import AllianceDurability, Landscape

ESTIMATORS = [IdealPoints, Landscape, AllianceDurability]


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_contract(cls: type[Estimator]) -> None:
    est = cls()
    params = est.get_params()
    assert params and all(not k.startswith("_") for k in params)
    assert repr(est) == f"{cls.__name__}()"
    twin = clone(est)
    assert twin is not est and twin.get_params() == params
    with pytest.raises(InvalidParameterError, match=f"{cls.__name__} has no setting"):
        est.set_params(nope=1)
    fitted_attr = {"IdealPoints": "ideal_points_", "Landscape": "energy_", "AllianceDurability": "hazard_ratios_"}
    name = fitted_attr[cls.__name__]
    with pytest.raises(NotFittedError, match="not fitted yet") as info:
        getattr(est, name)
    assert isinstance(info.value, BlocsError) and isinstance(info.value, AttributeError)
    assert not hasattr(est, name)
    with pytest.raises(NotFittedError):
        check_is_fitted(est, name)


@pytest.mark.parametrize(
    ("cls", "bad", "match"),
    [
        (IdealPoints, {"tol": -1}, "'tol' parameter must be a positive number"),
        (IdealPoints, {"max_iter": 0}, "'max_iter' parameter must be an integer >= 1"),
        (IdealPoints, {"seed": -3}, "'seed' parameter must be None, a non-negative int"),
        (Landscape, {"k": 1}, "'k' parameter must be an integer >= 2"),
        (Landscape, {"method": "magic"}, "'method' parameter must be one of 'auto'"),
        (Landscape, {"time_limit": float("inf")}, "'time_limit' parameter must be a positive number"),
        (Landscape, {"costs": "yes"}, "'costs' parameter must be True or False"),
        (AllianceDurability, {"alpha": 1.5}, r"'alpha' parameter must be a finite number in \(0, 1\)"),
        (AllianceDurability, {"groups": "size"}, "'groups' parameter must be one of"),
    ],
)
def test_settings_are_validated_at_construction_and_set_params(
    cls: type[Estimator], bad: dict[str, object], match: str
) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        cls(**bad)
    est = cls()
    before = est.get_params()
    with pytest.raises(InvalidParameterError, match=match):
        est.set_params(**bad)
    assert est.get_params() == before  # a refused change leaves the estimator as it was


def test_repr_set_params_and_clone_of_a_fitted_model() -> None:
    a = pd.DataFrame({"actor": ["A", "B", "C"], "size": [1.0, 1.0, 2.0]})
    p = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", "C", "C"], "propensity": [1.0, -1.0, -1.0]})
    m = Landscape(k=3, seed=1).fit(a, p)
    assert repr(m) == "Landscape(k=3, seed=1)"
    assert m.set_params(k=2) is m and m.k == 2
    fresh = clone(m)
    assert not hasattr(fresh, "energy_") and fresh.get_params() == m.get_params()
    with pytest.raises(InvalidParameterError, match="must be a blocs estimator"):
        clone("Landscape")  # type: ignore[type-var]
