"""How long alliances last, and what the model says of given partnerships: one query for CLI and web."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from blocs._validation import check_choice
from blocs.query._result import QueryResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_PARTNERSHIPS", "DurabilityStudy", "Partnership", "durability_study"]

#: A partnership to predict: (label, members as names or COW codes, formation year or None for
#: the data's last year, era: "auto" or an era to set counterfactually).
Partnership = tuple[str, Sequence[str | int], int | None, str]

#: The seeds' partnerships: the 1950 treaty, and a China-Russia pact formed today (with its own
#: era, and as if formed in the Cold War, which isolates the era term).
DEFAULT_PARTNERSHIPS: tuple[Partnership, ...] = (
    ("Sino-Soviet 1950", (710, 365), 1950, "auto"),
    ("China-Russia today", (710, 365), None, "auto"),
    ("China-Russia today, Cold War era", (710, 365), None, "cold-war"),
)


@dataclass(frozen=True)
class DurabilityStudy(QueryResult):
    """A fitted alliance-durability model, its predictions and what ATOP records of each partnership.

    Attributes
    ----------
    model : AllianceDurability
        The fitted Cox / Kaplan-Meier model (hazard ratios, KM medians, log-rank test).
    predictions : DataFrame
        One row per partnership: covariates, median survival and P(10 y), P(30 y).
    atop_record : tuple of str
        For each partnership's members, the ATOP 4.01 alliances they formed (a prediction for a
        pact the data do not record is a hypothetical, and says so).
    sources : tuple of Source
    """

    model: Any
    predictions: pd.DataFrame
    atop_record: tuple[str, ...]
    sources: tuple[Any, ...]

    def _frame(self) -> pd.DataFrame:
        return self.predictions


def _atop_record(spells: pd.DataFrame, member_sets: set[tuple[int, ...]]) -> tuple[str, ...]:
    notes = []
    for members in sorted(member_sets):
        pair = spells[spells["members"].map(lambda m, want=members: tuple(sorted(m)) == want)]
        parts = [
            f"{r['start'].year} {'defence pact' if r['defense'] == 1 else 'non-defence pact'}, atopid {r['atopid']}, "
            + ("in force at the end of the data" if r["censored"] else f"ended {r['end'].year}")
            for _, r in pair.iterrows()
        ]
        notes.append(
            f"ATOP 4.01 for members {', '.join(map(str, members))}: "
            + ("; ".join(parts) if parts else "no alliance")
            + ". A prediction for a pact these data do not record is a hypothetical, not a forecast."
        )
    return tuple(notes)


def durability_study(
    *,
    by: str = "asymmetry",
    capability: str = "cinc",
    events: str = "all",
    partnerships: Sequence[Partnership] = DEFAULT_PARTNERSHIPS,
    horizons: tuple[int, ...] = (10, 30),
) -> DurabilityStudy:
    """Fit alliance durability on ATOP 4.01 and predict the survival of given partnerships.

    Parameters
    ----------
    by : {"asymmetry", "era", "shared_rival", "bilateral", "defense"}, default "asymmetry"
        Kaplan-Meier groups.
    capability : {"cinc", "milex", "irst"}, default "cinc"
        NMC measure of capability asymmetry.
    events : {"all", "excluding_replacement"}, default "all"
        Which terminations count (renewals as survival with "excluding_replacement").
    partnerships : sequence of (label, members, year, era), default :data:`DEFAULT_PARTNERSHIPS`
        What to predict: members as names or COW codes, a formation year (None: the data's last
        year), and "auto" or an era to set counterfactually.
    horizons : tuple of int, default (10, 30)
        Years at which survival probabilities are reported.

    Returns
    -------
    DurabilityStudy
        The fitted model, one prediction row per partnership, and the ATOP record of each.

    Raises
    ------
    InvalidParameterError
        An unknown grouping, capability measure, event rule or era; no partnership.

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002). Alliance Treaty
    Obligations and Provisions, 1815-1944. International Interactions 28: 237-60.
    Leeds, B. A. and Savun, B. (2007). Terminating alliances: Why do states abrogate
    agreements? Journal of Politics 69(4): 1118-32.

    Examples
    --------
    >>> study = durability_study(partnerships=[("China-Russia 1950", ("China", "Russia"), 1950, "auto")])
    >>> study.predictions["label"].tolist()
    ['China-Russia 1950']
    """
    import pandas as pd

    from blocs._errors import InvalidParameterError
    from blocs.models import AllianceDurability, create_alliance_spells, partnership_covariates
    from blocs.models._durability import CAPABILITIES, EVENTS, GROUPINGS

    check_choice(by, GROUPINGS, param="by")
    check_choice(capability, CAPABILITIES, param="capability")
    check_choice(events, EVENTS, param="events")
    if not partnerships:
        raise InvalidParameterError(
            "The 'partnerships' parameter of durability_study must name at least one partnership; got none. "
            "Give e.g. [('China-Russia today', ('China', 'Russia'), None, 'auto')]"
        )
    spells = create_alliance_spells(capability=capability)  # type: ignore[arg-type]
    model = AllianceDurability(groups=by, events=events).fit(spells)  # type: ignore[arg-type]
    rows = [
        partnership_covariates(list(members), year=year, capability=capability, era=era, label=label)  # type: ignore[arg-type]
        for label, members, year, era in partnerships
    ]
    covariates = pd.concat(rows, ignore_index=True)
    predictions = model.survival_summary(covariates, horizons=horizons)
    member_sets = {tuple(sorted(int(c) for c in m)) for m in covariates["members"]}
    return DurabilityStudy(
        model=model,
        predictions=predictions,
        atop_record=_atop_record(spells, member_sets),
        sources=tuple(model.sources_),
    )
