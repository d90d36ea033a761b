"""Signed networks of states per year, built from alliances, disputes, wars and rivalries.

A *recipe* is a tuple of tie sources plus a rule that combines their evidence into one
sign per dyad-year.  Each tie source turns one dataset into evidence rows (a dyad-year, a
sign, a weight and a human-readable note saying which record created it); the recipe
combines the evidence; :func:`create_signed_network` returns the edge table, and
:func:`to_networkx` turns one year of it into a graph.

The default recipe (:data:`DEFAULT_RECIPE`)::

    +1  ATOP v5.1 defence, offence, neutrality or non-aggression obligation
    -1  COW MID v5.0 dispute with hostility level >= 4 (use of force or war)
    -1  COW inter-state war (states on opposite sides)
    -1  Thompson, Sakuwa & Suhas strategic rivalry in effect (start..end; to 2020)
    -1  UCDP/PRIO inter-state armed conflict v25.1, states on opposite sides (primary
        parties or secondary supporters; to 2024)
    negative evidence wins over positive evidence in the same dyad-year

Each source covers its own years (ATOP to 2018, MID to 2014, COW wars to 2007, TSS to
2020, UCDP to 2024); :func:`recipe_coverage` says, year by year, which still do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

import networkx as nx
import numpy as np
import pandas as pd

from blocs._errors import CoverageError, InvalidParameterError
from blocs._meta import Source, TableMeta, meta_of, with_meta
from blocs._validation import YearsLike, dataset_coverage, parse_years
from blocs.data import get_dataset, load

__all__ = [
    "AllianceTies",
    "DisputeTies",
    "WarTies",
    "RivalryTies",
    "ConflictTies",
    "ScoreTies",
    "Recipe",
    "DEFAULT_RECIPE",
    "TieSource",
    "create_signed_network",
    "recipe_coverage",
    "signed_evidence",
    "to_networkx",
]

AllianceType = Literal["defense", "offense", "neutral", "nonagg", "consul"]
Combine = Literal["negative_wins", "sum", "positive_wins"]
_ALLIANCE_TYPES: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")
_COMBINES: tuple[str, ...] = ("negative_wins", "sum", "positive_wins")
EVIDENCE_COLUMNS = ["year", "source", "target", "sign", "weight", "dataset", "evidence"]


@runtime_checkable
class TieSource(Protocol):
    """What every tie source provides: evidence rows, its datasets and its coverage."""

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        """Rows ``year, source, target, sign, weight, dataset, evidence`` (source < target)."""
        ...

    def sources(self) -> tuple[Source, ...]:
        """Datasets (name, version) the evidence comes from."""
        ...

    def coverage(self) -> tuple[int, int]:
        """First and last year the underlying data cover."""
        ...


def _check_weight(weight: float, who: str) -> None:
    if not (isinstance(weight, (int, float)) and np.isfinite(weight) and weight > 0):
        raise InvalidParameterError(f"{who}: weight must be a positive finite number; got {weight!r}")


def _undirected(df: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Keep the requested years and put each dyad in (low, high) order."""
    df = df[df["year"].isin(list(years))]
    a = df["ccode1"].to_numpy(dtype=np.int64)
    b = df["ccode2"].to_numpy(dtype=np.int64)
    out = df.assign(source=np.minimum(a, b), target=np.maximum(a, b))
    return out[out["source"] != out["target"]]


def _frame(df: pd.DataFrame, sign: int, weight: float, dataset: str, evidence: pd.Series | str) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "year": df["year"].to_numpy(dtype=np.int64),
            "source": df["source"].to_numpy(dtype=np.int64),
            "target": df["target"].to_numpy(dtype=np.int64),
        }
    )
    out["sign"] = np.int64(sign)
    out["weight"] = float(weight)
    out["dataset"] = dataset
    out["evidence"] = evidence.to_numpy() if isinstance(evidence, pd.Series) else evidence
    return out


@dataclass(frozen=True)
class AllianceTies:
    """Positive ties from ATOP v5.1 alliance obligations (``atop_alliance``).

    A dyad-year is a positive tie when the two states share at least one of the chosen
    obligation ``types`` (``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul``).
    """

    types: tuple[AllianceType, ...] = ("defense", "offense", "neutral", "nonagg")
    weight: float = 1.0

    def __post_init__(self) -> None:
        if not self.types:
            raise InvalidParameterError("AllianceTies: types is empty; choose from " + ", ".join(_ALLIANCE_TYPES))
        bad = [t for t in self.types if t not in _ALLIANCE_TYPES]
        if bad:
            raise InvalidParameterError(
                f"AllianceTies: unknown alliance type(s) {bad}; choose from {', '.join(_ALLIANCE_TYPES)}"
            )
        _check_weight(self.weight, "AllianceTies")

    def sources(self) -> tuple[Source, ...]:
        return (get_dataset("atop_alliance").source,)

    def coverage(self) -> tuple[int, int]:
        return dataset_coverage("atop_alliance")

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        df = _undirected(load("atop_alliance"), years).drop_duplicates(["year", "source", "target"])
        cols = [f"atop_{t}" for t in self.types]
        flags = df[cols].to_numpy() == 1
        df = df[flags.any(axis=1)]
        flags = flags[flags.any(axis=1)]
        # one label per distinct combination of obligations, not per row
        code = flags.astype(np.int64) @ (1 << np.arange(len(self.types), dtype=np.int64))
        names = {c: "+".join(t for b, t in enumerate(self.types) if c >> b & 1) for c in np.unique(code).tolist()}
        labels = pd.Series(code, index=df.index).map(names).astype(str)  # str also when no row is left
        return _frame(df, +1, self.weight, "atop_alliance", "ATOP alliance: " + labels)


@dataclass(frozen=True)
class DisputeTies:
    """Negative ties from militarized interstate disputes with hostility ``>= min_hostlev``.

    ``dataset="cow"`` uses COW MID v5.0 (``cow_mid_ddydisps``, 1816–2014), ``"gml"`` the
    Gibler–Miller–Little corrections (``gml_mid_ddydisps``, 1816–2010).  Hostility levels:
    2 threat, 3 display, 4 use of force, 5 war.  ``level="participants"`` takes the higher
    of the two states' own highest hostility in the dispute (``max(hostlev1, hostlev2)``);
    ``level="dispute"`` the dispute's overall level (which may come from other participants).
    Both datasets keep one dispute per dyad-year (peacesciencer's whittling).
    """

    dataset: Literal["cow", "gml"] = "cow"
    min_hostlev: int = 4
    level: Literal["participants", "dispute"] = "participants"
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.dataset not in ("cow", "gml"):
            raise InvalidParameterError(f"DisputeTies: dataset must be 'cow' or 'gml'; got {self.dataset!r}")
        if self.level not in ("participants", "dispute"):
            raise InvalidParameterError(
                f"DisputeTies: level must be 'participants' or 'dispute'; got {self.level!r}"
            )
        if not (isinstance(self.min_hostlev, (int, np.integer)) and 1 <= self.min_hostlev <= 5):
            raise InvalidParameterError(
                f"DisputeTies: min_hostlev must be an integer 1–5 (2 threat, 3 display, 4 force, 5 war); "
                f"got {self.min_hostlev!r}"
            )
        _check_weight(self.weight, "DisputeTies")

    @property
    def _name(self) -> str:
        return f"{self.dataset}_mid_ddydisps"

    def sources(self) -> tuple[Source, ...]:
        return (get_dataset(self._name).source,)

    def coverage(self) -> tuple[int, int]:
        return dataset_coverage(self._name)

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        df = _undirected(load(self._name), years)
        if self.level == "participants":
            lev = np.maximum(df["hostlev1"].to_numpy(), df["hostlev2"].to_numpy())
        else:
            lev = df["hostlev"].to_numpy()
        df = df.assign(_lev=lev)
        df = df[df["_lev"] >= self.min_hostlev].sort_values(["year", "source", "target", "_lev"])
        df = df.drop_duplicates(["year", "source", "target"], keep="last")
        tag = "COW MID" if self.dataset == "cow" else "GML MID"
        note = tag + " #" + df["dispnum"].astype(str) + " hostlev " + df["_lev"].astype(str)
        return _frame(df, -1, self.weight, self._name, note)


@dataclass(frozen=True)
class WarTies:
    """Negative ties between states on opposite sides of a COW inter-state war (v4.0)."""

    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_weight(self.weight, "WarTies")

    def sources(self) -> tuple[Source, ...]:
        return (get_dataset("cow_war_inter").source,)

    def coverage(self) -> tuple[int, int]:
        return dataset_coverage("cow_war_inter")

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        df = load("cow_war_inter")
        df = _undirected(df[df["sidea1"] != df["sidea2"]], years)
        df = df.sort_values(["year", "source", "target", "warnum"]).drop_duplicates(["year", "source", "target"])
        return _frame(df, -1, self.weight, "cow_war_inter", "COW war #" + df["warnum"].astype(str))


@dataclass(frozen=True)
class RivalryTies:
    """Negative ties from strategic rivalries, every year of a rivalry's spell.

    ``dataset="tss"`` (default) reads Thompson, Sakuwa & Suhas (2021; ``tss_rivalries``,
    to 2020), ``"td"`` Thompson & Dreyer (2012; ``td_rivalries``, to 2010). TSS covers
    every year T&D does and ten more, so it is the default. A rivalry running
    ``start``–``end`` gives a negative tie in each year of that closed interval; rivalries
    still running at the data's last year are right-censored there.
    """

    dataset: Literal["tss", "td"] = "tss"
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.dataset not in ("tss", "td"):
            raise InvalidParameterError(f"RivalryTies: dataset must be 'tss' or 'td'; got {self.dataset!r}")
        _check_weight(self.weight, "RivalryTies")

    @property
    def _name(self) -> str:
        return f"{self.dataset}_rivalries"

    def sources(self) -> tuple[Source, ...]:
        return (get_dataset(self._name).source,)

    def coverage(self) -> tuple[int, int]:
        return dataset_coverage(self._name)

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        from blocs.system import rivalry_years  # the one home of rivalry-years (Austria 300 -> 305 from 1919)

        ry = rivalry_years(source=self.dataset)
        ident = "tssr_id" if self.dataset == "tss" else "rivalryno"
        raw = load(self._name)
        if self.dataset == "tss":
            raw = raw.rename(columns={"rivalry": "rivalryname", "start": "styear", "end": "endyear"})
        names = raw.set_index(ident if ident in raw.columns else "rivalryno")[["rivalryname", "styear", "endyear"]]
        df = _undirected(ry, years)
        df = df.sort_values(["year", "source", "target", ident]).drop_duplicates(["year", "source", "target"])
        info = names.reindex(df[ident].to_numpy())
        tag = "TSS rivalry " if self.dataset == "tss" else "T&D rivalry "
        note = pd.Series(
            tag + info["rivalryname"].astype(str).to_numpy() + " (" + info["styear"].astype(str).to_numpy() + "–"
            + info["endyear"].astype(str).to_numpy() + ")",
            index=df.index,
        )
        return _frame(df, -1, self.weight, self._name, note)


UcdpTieType = Literal["extrasystemic", "interstate", "intrastate", "II"]


@dataclass(frozen=True)
class ConflictTies:
    """Negative ties between states on opposite sides of a UCDP/PRIO armed conflict (v25.1).

    ``types`` (default inter-state only) chooses the conflict types; ``supporters=True``
    (default) also counts secondary supporters that sent troops (the United States and
    China on opposite sides in Korea, 1950–1953). UCDP's G–W codes are translated to COW
    codes year by year through isard's ``gw_cw_panel``; covers the years of ``ucdp_acd`` in the catalog.
    """

    types: tuple[UcdpTieType, ...] = ("interstate",)
    supporters: bool = True
    weight: float = 1.0

    def __post_init__(self) -> None:
        from blocs.system import UCDP_TYPES

        bad = [t for t in self.types if t not in UCDP_TYPES]
        if bad or not self.types:
            raise InvalidParameterError(
                f"ConflictTies: types={self.types!r} is not allowed; choose one or more of {', '.join(UCDP_TYPES)}"
            )
        if not isinstance(self.supporters, bool):
            raise InvalidParameterError(f"ConflictTies: supporters must be True or False; got {self.supporters!r}")
        _check_weight(self.weight, "ConflictTies")

    def sources(self) -> tuple[Source, ...]:
        return (get_dataset("ucdp_acd").source, get_dataset("gw_cw_panel").source)

    def coverage(self) -> tuple[int, int]:
        return dataset_coverage("ucdp_acd")

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        from blocs.system import ucdp_parties
        from blocs.system._join import _translate

        p = ucdp_parties(types=self.types)
        p = p[p["year"].isin(list(years))]
        left, right = (("a", "a_2nd"), ("b", "b_2nd")) if self.supporters else (("a",), ("b",))
        a = p[p["role"].isin(left)]
        b = p[p["role"].isin(right)][["conflict_id", "year", "gwcode"]]
        m = a.merge(b, on=["conflict_id", "year"], suffixes=("1", "2"))
        year = m["year"].to_numpy(np.int64)
        m = m.assign(
            ccode1=_translate(m["gwcode1"].to_numpy(np.int64), year, "gw", "cow"),
            ccode2=_translate(m["gwcode2"].to_numpy(np.int64), year, "gw", "cow"),
        )
        m = m[(m["ccode1"] >= 0) & (m["ccode2"] >= 0)]
        df = _undirected(m, years)
        df = df.sort_values(
            ["year", "source", "target", "intensity", "conflict_id"], ascending=[True, True, True, False, True]
        )
        df = df.drop_duplicates(["year", "source", "target"])
        note = "UCDP conflict #" + df["conflict_id"].astype(str) + " intensity " + df["intensity"].astype(str)
        return _frame(df, -1, self.weight, "ucdp_acd", note)


@dataclass(frozen=True, eq=False)
class ScoreTies:
    """Ties from any dyad-year table with a score column (the hook for UN agreement, similarity).

    Rows with ``score >= threshold`` (``above=True``) or ``score <= threshold``
    (``above=False``) become ties of the given ``sign``.  The table needs columns
    ``ccode1, ccode2, year`` and ``column``; a directed table is made undirected by
    averaging the two directions.  Its provenance (``df.attrs["blocs"]`` sources) is kept.

    Examples
    --------
    >>> import pandas as pd
    >>> agree = pd.DataFrame({"ccode1": [2], "ccode2": [200], "year": [1962], "agree": [0.9]})
    >>> ties = ScoreTies(agree, column="agree", threshold=0.8, label="UN agreement")
    >>> ties.evidence([1962])[["source", "target", "sign", "evidence"]].to_dict("records")
    [{'source': 2, 'target': 200, 'sign': 1, 'evidence': 'UN agreement: agree=0.900 >= 0.8'}]
    """

    table: pd.DataFrame
    column: str
    threshold: float
    above: bool = True
    sign: Literal[1, -1] = 1
    weight: float = 1.0
    label: str | None = None
    _span: tuple[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        missing = [c for c in ("ccode1", "ccode2", "year", self.column) if c not in self.table.columns]
        if missing:
            raise InvalidParameterError(
                f"ScoreTies: table lacks column(s) {missing}; it needs ccode1, ccode2, year and {self.column!r}"
            )
        if self.sign not in (1, -1):
            raise InvalidParameterError(f"ScoreTies: sign must be 1 or -1; got {self.sign!r}")
        if not np.isfinite(self.threshold):
            raise InvalidParameterError(f"ScoreTies: threshold must be a finite number; got {self.threshold!r}")
        _check_weight(self.weight, "ScoreTies")
        years = self.table["year"].dropna()
        if years.empty:
            raise InvalidParameterError("ScoreTies: the table has no rows with a year")
        object.__setattr__(self, "_span", (int(years.min()), int(years.max())))

    def sources(self) -> tuple[Source, ...]:
        return meta_of(self.table).sources

    def coverage(self) -> tuple[int, int]:
        return self._span

    def evidence(self, years: Sequence[int]) -> pd.DataFrame:
        df = _undirected(self.table[["ccode1", "ccode2", "year", self.column]].dropna(), years)
        df = df.groupby(["year", "source", "target"], as_index=False).agg({self.column: "mean"})
        score = df[self.column].to_numpy(dtype=float)
        df = df[score >= self.threshold] if self.above else df[score <= self.threshold]
        op = ">=" if self.above else "<="
        label = self.label or self.column
        note = df[self.column].map(lambda v: f"{label}: {self.column}={v:.3f} {op} {self.threshold:g}")
        name = label if not self.sources() else ",".join(s.name for s in self.sources())
        return _frame(df, self.sign, self.weight, name, note)


@dataclass(frozen=True)
class Recipe:
    """How to build a signed network: tie sources and the rule that combines their evidence.

    ``combine``:

    * ``"negative_wins"`` (default): any negative evidence makes the dyad-year negative; the
      weight is the summed weight of the negative evidence.  Hostility observed in a year
      (force, war, rivalry) is taken to override a treaty still formally in force.
    * ``"positive_wins"``: the mirror rule.
    * ``"sum"``: signed weights add up; the sign of the sum wins, its absolute value is the
      weight; a sum of exactly zero leaves the dyad without a tie (neutral).

    Examples
    --------
    >>> r = Recipe.from_spec("alliance=defense+nonagg,mid=5,rivalry,combine=sum")
    >>> [type(t).__name__ for t in r.ties], r.combine
    (['AllianceTies', 'DisputeTies', 'RivalryTies'], 'sum')
    """

    ties: tuple[TieSource, ...]
    combine: Combine = "negative_wins"

    def __post_init__(self) -> None:
        if not self.ties:
            raise InvalidParameterError("Recipe: ties is empty; give at least one tie source")
        bad = [t for t in self.ties if not isinstance(t, TieSource)]
        if bad:
            raise InvalidParameterError(
                f"Recipe: {bad[0]!r} is not a tie source; use AllianceTies, DisputeTies, WarTies, "
                "RivalryTies, ScoreTies or an object with evidence(), sources() and coverage()"
            )
        if self.combine not in _COMBINES:
            raise InvalidParameterError(
                f"Recipe: combine must be one of {', '.join(_COMBINES)}; got {self.combine!r}"
            )

    @property
    def coverage(self) -> tuple[int, int]:
        """Years the recipe can build: the span covered by at least one tie source, from the
        COW state system's first year (1816). After the COW list's last year (2016) a node
        is any state code a tie source names in that year."""
        spans = [t.coverage() for t in self.ties]
        system = dataset_coverage("cow_states")
        return max(system[0], min(s[0] for s in spans)), max(s[1] for s in spans)

    def covered(self, year: int) -> list[str]:
        """Names of the tie sources whose data cover ``year``."""
        return [_describe(t) for t in self.ties if t.coverage()[0] <= year <= t.coverage()[1]]

    def uncovered(self, year: int) -> list[str]:
        """Names of the tie sources whose data do not cover ``year`` (they add nothing then)."""
        return [_describe(t) for t in self.ties if not (t.coverage()[0] <= year <= t.coverage()[1])]

    def describe(self) -> str:
        """One line naming each tie source and the combine rule."""
        return "; ".join(_describe(t) for t in self.ties) + f"; combine={self.combine}"

    @classmethod
    def from_spec(cls, spec: str) -> Recipe:
        """Build a recipe from a compact string (used by ``blocs balance --ties``).

        Comma-separated items: ``alliance[=defense+offense+neutral+nonagg+consul]``,
        ``mid[=MIN_HOSTLEV]`` (COW MIDs, default 4), ``gml[=MIN_HOSTLEV]`` (GML MIDs),
        ``war``, ``rivalry[=tss|td]`` (default TSS), ``ucdp[=interstate+II+intrastate+extrasystemic]``
        (default inter-state, with secondary supporters),
        ``combine=negative_wins|sum|positive_wins``; any item may end
        in ``*WEIGHT`` (e.g. ``war*3``).  ``default`` stands for the default recipe's ties.
        """
        ties: list[TieSource] = []
        combine = "negative_wins"
        items = [s.strip() for s in spec.split(",") if s.strip()]
        if not items:
            raise InvalidParameterError("--ties is empty; write e.g. 'alliance,mid=4,war,rivalry'")
        for item in items:
            m = re.fullmatch(r"([a-z_]+)(?:=([A-Za-z0-9_+]+))?(?:\*([0-9.]+))?", item)
            if not m:
                raise InvalidParameterError(f"--ties item {item!r} is not understood; {_SPEC_HELP}")
            key, val, w = m.group(1), m.group(2), m.group(3)
            weight = float(w) if w else 1.0
            if key == "combine":
                if val not in _COMBINES:
                    raise InvalidParameterError(
                        f"--ties combine={val!r} is not allowed; choose from {', '.join(_COMBINES)}"
                    )
                combine = val
            elif key == "default":
                ties.extend(DEFAULT_RECIPE.ties)
            elif key == "alliance":
                types: tuple[AllianceType, ...] = (
                    tuple(val.split("+")) if val else AllianceTies().types  # type: ignore[arg-type]
                )
                ties.append(AllianceTies(types=types, weight=weight))
            elif key in ("mid", "gml"):
                lev = _int_or_fail(val, item) if val else 4
                ties.append(DisputeTies(dataset="cow" if key == "mid" else "gml", min_hostlev=lev, weight=weight))
            elif key == "war":
                ties.append(WarTies(weight=weight))
            elif key == "rivalry":
                if val not in (None, "tss", "td"):
                    raise InvalidParameterError(f"--ties item {item!r}: the rivalry dataset must be tss or td")
                ties.append(RivalryTies(dataset=val or "tss", weight=weight))  # type: ignore[arg-type]
            elif key == "ucdp":
                kinds = tuple(val.split("+")) if val else ("interstate",)
                ties.append(ConflictTies(types=kinds, weight=weight))
            else:
                raise InvalidParameterError(f"--ties item {item!r} names an unknown tie source; {_SPEC_HELP}")
        return cls(ties=tuple(ties), combine=combine)  # type: ignore[arg-type]


_SPEC_HELP = (
    "use alliance[=defense+offense+neutral+nonagg+consul], mid[=HOSTLEV], gml[=HOSTLEV], war, rivalry[=tss|td], "
    "ucdp[=interstate+II+intrastate+extrasystemic], "
    "default, combine=negative_wins|sum|positive_wins, each optionally *WEIGHT"
)


def _int_or_fail(val: str, item: str) -> int:
    if not val.isdigit():
        raise InvalidParameterError(f"--ties item {item!r}: the hostility level must be an integer 1–5")
    return int(val)


def _describe(t: TieSource) -> str:
    if isinstance(t, AllianceTies):
        return "alliance(" + "+".join(t.types) + ")"
    if isinstance(t, DisputeTies):
        return f"{t.dataset} MID hostlev>={t.min_hostlev}"
    if isinstance(t, WarTies):
        return "COW war"
    if isinstance(t, RivalryTies):
        return "TSS rivalry" if t.dataset == "tss" else "T&D rivalry"
    if isinstance(t, ConflictTies):
        return "UCDP " + "+".join(t.types) + (" (with supporters)" if t.supporters else "")
    if isinstance(t, ScoreTies):
        return f"{t.label or t.column} {'>=' if t.above else '<='} {t.threshold:g}"
    return type(t).__name__


DEFAULT_RECIPE = Recipe(ties=(AllianceTies(), DisputeTies(), WarTies(), RivalryTies(), ConflictTies()))
"""Alliances (defence/offence/neutrality/non-aggression) +1; COW MID hostlev >= 4, war,
TSS rivalry, UCDP inter-state conflict -1; negative evidence wins."""


def recipe_coverage(years: YearsLike = None, *, recipe: Recipe = DEFAULT_RECIPE) -> pd.DataFrame:
    """Which of a recipe's tie sources cover each year: what a year's network can and cannot say.

    Parameters
    ----------
    years : int, "first-last", (first, last), list of ints or None
        Years (default: the recipe's coverage).
    recipe : Recipe, default DEFAULT_RECIPE

    Returns
    -------
    DataFrame
        ``year``, ``n_sources`` (how many tie sources cover it), ``covered`` and
        ``not_covered`` (the sources' names, ", "-separated). In a year a source does not
        cover, the absence of its kind of evidence is unknown, not "no tie".

    Raises
    ------
    CoverageError
        A year outside every tie source's coverage.

    References
    ----------
    The coverage of each tie source is its catalog entry's: Leeds et al. (2002) ATOP 5.1;
    Palmer et al. (2022) MID 5.0; Sarkees & Wayman (2010) COW wars; Thompson, Sakuwa & Suhas
    (2021) rivalries; Davies et al. (2025) UCDP/PRIO 25.1.

    Examples
    --------
    >>> c = recipe_coverage([2014, 2024]).set_index("year")
    >>> c.loc[2024, "covered"]
    'UCDP interstate (with supporters)'
    >>> int(c.loc[2014, "n_sources"])
    4
    """
    ys = _check_network_years(years, recipe)
    rows = [
        {
            "year": y,
            "n_sources": len(recipe.covered(y)),
            "covered": ", ".join(recipe.covered(y)),
            "not_covered": ", ".join(recipe.uncovered(y)),
        }
        for y in ys
    ]
    out = pd.DataFrame(rows, columns=["year", "n_sources", "covered", "not_covered"])
    sources = tuple(sorted({s for t in recipe.ties for s in t.sources()}))
    return with_meta(out, TableMeta(unit="other", sources=sources))


def _check_network_years(years: YearsLike, recipe: Recipe) -> list[int]:
    if not isinstance(recipe, Recipe):
        raise InvalidParameterError(f"recipe must be a blocs.networks.Recipe; got {type(recipe).__name__}")
    ys = parse_years(years, default=recipe.coverage)
    first, last = recipe.coverage
    bad = [y for y in ys if y < first or y > last]
    if bad:
        raise CoverageError(
            f"years {bad[0]}{'…' + str(bad[-1]) if len(bad) > 1 else ''} outside the coverage of the recipe's "
            f"tie sources ({first}–{last}); choose years in that range"
        )
    return ys


def signed_evidence(years: YearsLike = None, *, recipe: Recipe = DEFAULT_RECIPE) -> pd.DataFrame:
    """Every piece of evidence behind a signed network, one row per dataset record and dyad-year.

    Parameters
    ----------
    years : int, "first-last", (first, last), list of ints or None
        Years to cover, as for :func:`create_signed_network`.
    recipe : Recipe, default DEFAULT_RECIPE
        The tie sources; as for :func:`create_signed_network`.

    Returns
    -------
    DataFrame
        ``year, source, target, sign, weight, dataset, evidence`` with ``source < target``
        (COW codes), before the recipe's combine rule is applied.

    References
    ----------
    Leeds et al. (2002) for ATOP; Palmer et al. (2022) for MID 5; Sarkees & Wayman (2010) for
    COW wars; Thompson & Dreyer (2012) for strategic rivalries.
    """
    ys = _check_network_years(years, recipe)
    return _evidence(ys, recipe)


def _evidence(ys: list[int], recipe: Recipe) -> pd.DataFrame:
    parts = [t.evidence(ys) for t in recipe.ties]
    ev = pd.concat([p[EVIDENCE_COLUMNS] for p in parts], ignore_index=True)
    ev = ev.sort_values(["year", "source", "target", "sign"], ascending=[True, True, True, False], kind="stable")
    out = ev.reset_index(drop=True)
    sources: set[Source] = set()
    for t in recipe.ties:
        sources.update(t.sources())
    return with_meta(out, TableMeta(unit="dyad_year", system="cow", directed=False, sources=tuple(sorted(sources))))


def _joined(ev: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Evidence notes joined by "; " per dyad-year; the (common) single-note groups skip the Python join."""
    dup = ev.duplicated(keys, keep=False).to_numpy()
    single = ev.loc[~dup].set_index(keys)["evidence"]
    multi = ev.loc[dup].groupby(keys)["evidence"].agg("; ".join)
    out: pd.Series = pd.concat([single, multi]).sort_index()
    return out


def _combine(ev: pd.DataFrame, combine: str) -> pd.DataFrame:
    keys = ["year", "source", "target"]
    if ev.empty:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="int64"),
                "source": pd.Series(dtype="int64"),
                "target": pd.Series(dtype="int64"),
                "sign": pd.Series(dtype="int64"),
                "weight": pd.Series(dtype="float64"),
                "evidence_pos": pd.Series(dtype=object),
                "evidence_neg": pd.Series(dtype=object),
                "conflict": pd.Series(dtype=bool),
            }
        )
    pos = ev[ev["sign"] > 0]
    neg = ev[ev["sign"] < 0]
    pg = pd.DataFrame({"w_pos": pos.groupby(keys)["weight"].sum(), "evidence_pos": _joined(pos, keys)})
    ng = pd.DataFrame({"w_neg": neg.groupby(keys)["weight"].sum(), "evidence_neg": _joined(neg, keys)})
    df = pg.join(ng, how="outer").reset_index()
    wp = df["w_pos"].fillna(0.0).to_numpy()
    wn = df["w_neg"].fillna(0.0).to_numpy()
    if combine == "negative_wins":
        sign = np.where(wn > 0, -1, 1)
        weight = np.where(wn > 0, wn, wp)
    elif combine == "positive_wins":
        sign = np.where(wp > 0, 1, -1)
        weight = np.where(wp > 0, wp, wn)
    else:
        net = wp - wn
        sign = np.sign(net).astype(np.int64)
        weight = np.abs(net)
    df["sign"] = sign.astype(np.int64)
    df["weight"] = weight.astype(float)
    df["conflict"] = (wp > 0) & (wn > 0)
    df["evidence_pos"] = df["evidence_pos"].fillna("")
    df["evidence_neg"] = df["evidence_neg"].fillna("")
    df = df[df["sign"] != 0]
    cols = ["year", "source", "target", "sign", "weight", "evidence_pos", "evidence_neg", "conflict"]
    return df[cols].reset_index(drop=True)


def create_signed_network(years: YearsLike = None, *, recipe: Recipe = DEFAULT_RECIPE) -> pd.DataFrame:
    """Build the signed network of states for each year from a recipe of tie sources.

    For each dyad-year the recipe's evidence is combined into one sign
    :math:`s_{ij} \\in \\{+1, -1\\}` and a weight :math:`w_{ij} > 0`; under the default
    ``negative_wins`` rule :math:`s_{ij} = -1` if any negative evidence exists, and
    :math:`w_{ij}` is the summed weight of the evidence of the winning sign.

    Parameters
    ----------
    years : int, "first-last", (first, last), list of ints or None
        Years to build (default: the recipe's coverage).  Each must lie in the span covered
        by at least one tie source; a source adds nothing in years it does not cover
        (see :meth:`Recipe.uncovered`).
    recipe : Recipe, default DEFAULT_RECIPE
        Tie sources and combine rule.  The default: ATOP defence, offence, neutrality and
        non-aggression obligations +1; COW MID with hostility >= 4, COW inter-state war,
        Thompson–Sakuwa–Suhas strategic rivalry and UCDP inter-state conflict -1; negative
        evidence wins.

    Returns
    -------
    DataFrame
        One row per dyad-year with a tie: ``year, source, target`` (COW codes,
        ``source < target``), ``sign`` (+1/-1), ``weight``, ``evidence_pos`` and
        ``evidence_neg`` (the records behind the tie, "; "-separated), ``conflict`` (both
        signs had evidence).  Metadata: unit ``dyad_year``, system ``cow``, undirected,
        the recipe's datasets as sources.

    Raises
    ------
    CoverageError
        A year lies outside every tie source's coverage.
    InvalidParameterError
        ``recipe`` is not a :class:`Recipe`, or ``years`` cannot be parsed.

    Notes
    -----
    Nodes are the states with at least one tie in the year; states without any tie are
    not part of the network (they cannot be frustrated and no camp can be inferred).

    References
    ----------
    Leeds et al. (2002) for ATOP; Palmer et al. (2022) for MID 5; Sarkees & Wayman (2010) for
    COW wars; Thompson, Sakuwa & Suhas (2021) for strategic rivalries; Gleditsch et al.
    (2002) and Davies et al. (2025) for UCDP/PRIO conflicts.

    Examples
    --------
    >>> net = create_signed_network(1962)
    >>> net.loc[(net.source == 2) & (net.target == 365), "sign"].item()
    -1
    """
    ys = _check_network_years(years, recipe)
    ev = _evidence(ys, recipe)
    out = _combine(ev, recipe.combine)
    return with_meta(out, meta_of(ev))


def to_networkx(edges: pd.DataFrame, *, year: int | None = None) -> nx.Graph:
    """One year of a signed edge table as an undirected :class:`networkx.Graph`.

    Edge attributes: ``sign``, ``weight`` and, when present, the evidence columns.
    ``year`` is required when the table holds several years.

    Parameters
    ----------
    edges : DataFrame
        A signed edge table (:func:`create_signed_network`, :func:`read_signed_network`).
    year : int, optional
        The year to take when the table holds several.

    Returns
    -------
    networkx.Graph
        Nodes are state codes; edges carry ``sign``, ``weight`` and the evidence columns.

    Examples
    --------
    >>> import pandas as pd
    >>> g = to_networkx(pd.DataFrame({"source": [1, 2], "target": [2, 3], "sign": [1, -1]}))
    >>> g.edges[2, 3]["sign"]
    -1
    """
    df = edges
    if "year" in df.columns:
        years = sorted(df["year"].unique().tolist())
        if year is None:
            if len(years) > 1:
                raise InvalidParameterError(
                    f"the edge table holds {len(years)} years ({years[0]}–{years[-1]}); pass year=…"
                )
        else:
            if year not in years:
                raise InvalidParameterError(f"year {year} is not in the edge table; it holds {years[0]}–{years[-1]}")
            df = df[df["year"] == year]
    missing = [c for c in ("source", "target", "sign") if c not in df.columns]
    if missing:
        raise InvalidParameterError(f"the edge table lacks column(s) {missing}; it needs source, target, sign")
    g = nx.Graph()
    attrs = [c for c in ("sign", "weight", "evidence_pos", "evidence_neg", "conflict") if c in df.columns]
    for row in df[["source", "target", *attrs]].itertuples(index=False):
        d = dict(zip(attrs, row[2:], strict=True))
        d["sign"] = int(d["sign"])
        d["weight"] = float(d.get("weight", 1.0))
        g.add_edge(_py(row[0]), _py(row[1]), **d)
    return g


def _py(v: object) -> object:
    return v.item() if isinstance(v, np.generic) else v
