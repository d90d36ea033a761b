"""The settings registry: every user-facing setting declared once.

Each :class:`Setting` has a name, a Python type, a default, a help text and a constraint (a
:mod:`blocs._validation` object).  The same declaration feeds the library's checks
(:meth:`Setting.check`), the CLI options (:meth:`Setting.option`, typer), the web API's
parameters (:meth:`Setting.describe`, JSON-able) and the generated docs (:func:`settings_table`).
Defaults that depend on data (year ranges) are ``None`` here and resolved from the catalog by
the query functions, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from blocs._validation import (
    OUTPUT_SUFFIXES,
    Constraint,
    EventFiles,
    InstanceOf,
    Interval,
    Options,
    OutputPath,
    StateToken,
    Years,
    check_param,
)

__all__ = ["SETTINGS", "Setting", "setting", "settings_markdown", "settings_table"]


@dataclass(frozen=True)
class Setting:
    """One setting: how the library checks it and how each interface presents it.

    Attributes
    ----------
    name : str
        Parameter name in the library (``time_limit``).
    type : type
        Python type of a given value.
    default : object
        Default value (``None`` where the default comes from the catalog; ``help`` says which).
    help : str
        One sentence for users.
    constraint : Constraint or None
        What is allowed (None: anything of ``type``).
    flag : str
        CLI option name (``--time-limit``); derived from ``name`` when empty.
    """

    name: str
    type: type
    default: Any
    help: str
    constraint: Constraint | None = None
    flag: str = ""

    @property
    def cli_flag(self) -> str:
        """The CLI option, e.g. ``--time-limit``."""
        return self.flag or "--" + self.name.replace("_", "-")

    def full_help(self) -> str:
        """Help text with what is allowed (from the constraint)."""
        allowed = f" Allowed: {self.constraint.describe()}." if self.constraint is not None else ""
        return f"{self.help}{allowed}"

    def check(self, value: Any, *, where: str = "", param: str | None = None) -> Any:
        """Check ``value`` against the constraint (None passes when the default is None).

        ``param`` names the parameter in the message when the function calls it differently
        (``landscape_method`` is ``method`` in :func:`landscape_scenario`).
        """
        if value is None and self.default is None:
            return None
        if self.constraint is None:
            return value
        return check_param(value, self.constraint, param=param or self.name, where=where)

    def option(self, *extra: str, **kwargs: Any) -> Any:
        """A ``typer.Option`` for this setting (imported lazily: the library does not need typer)."""
        import typer

        if isinstance(self.constraint, (Options, Interval)) and "parser" not in kwargs and self.type is not bool:
            kwargs["parser"] = self.parse
        return typer.Option(self.cli_flag, *extra, help=kwargs.pop("help", self.full_help()), **kwargs)

    def parse(self, text: Any) -> Any:
        """Convert a CLI string to :attr:`type` and check it (a ``ValueError`` becomes click's usage error)."""
        if text is None or not isinstance(text, str):
            return self.check(text)
        try:
            value = self.type(text) if self.type in (int, float) else text
        except ValueError:
            raise ValueError(
                f"The {self.name!r} parameter must be {self.constraint.describe() if self.constraint else 'valid'}; "
                f"got {text!r} instead"
            ) from None
        return self.check(value)

    def describe(self) -> dict[str, Any]:
        """A JSON-able description (web API parameters, generated docs)."""
        default = self.default if isinstance(self.default, (str, int, float, bool, type(None))) else str(self.default)
        return {
            "name": self.name,
            "type": self.type.__name__,
            "default": default,
            "help": self.help,
            "allowed": self.constraint.describe() if self.constraint is not None else None,
            "cli": self.cli_flag,
        }


def _declare(*items: Setting) -> dict[str, Setting]:
    out: dict[str, Setting] = {}
    for s in items:
        if s.name in out:
            raise ValueError(f"setting {s.name!r} declared twice")
        out[s.name] = s
    return out


#: Every user-facing setting, by name.
SETTINGS: dict[str, Setting] = _declare(
    Setting("system", str, "cow", "State system: cow (Correlates of War) or gw (Gleditsch–Ward).",
            Options(("cow", "gw"))),
    Setting("year", int, None, "One year.", Years(single=True)),
    Setting("years", str, None, "Years, e.g. 1946-2014, 1962 or 1950,1960 (default: the data's whole coverage, "
            "from the catalog).", Years()),
    Setting("date", str, None, "One day, e.g. 1990-10-03 (not with --year)."),
    Setting("state", str, None, "A state: name, abbreviation (CHN) or COW code (710).", StateToken()),
    Setting("extend_to", int, None, "Carry states alive at the list's end forward through this year (at most "
            "the current year).", Years(single=True, extend=True, dataset="cw_system")),
    Setting("out", str, None, f"Write the table here ({', '.join(OUTPUT_SUFFIXES)}); a .sources.json sidecar "
            "records its sources. Checked before any work.", OutputPath()),
    Setting("ties", str, None, "Recipe for the signed network, e.g. 'alliance=defense+nonagg,mid=4,war,rivalry,"
            "combine=sum' (default: alliance,mid=4,war,rivalry with negative evidence winning)."),
    Setting("weighted", bool, False, "Minimise total weight, not the edge count.",
            InstanceOf((bool,), "True or False")),
    Setting("balance_method", str, "exact", "Structural balance solver: exact, mip or heuristic.",
            Options(("exact", "mip", "heuristic")), flag="--method"),
    Setting("time_limit", float, 60.0, "Seconds a solver may spend per block or program.",
            Interval(float, 0, 3600, closed="right")),
    Setting("k", int, 2, "Number of camps or coalitions.", Interval(int, 2, 20)),
    Setting("alpha", float, 0.5, "Doreian–Mrvar weight of negative ties within camps.",
            Interval(float, 0, 1)),
    Setting("weights", str, "default", "'default', 'axelrod-bennett' or NAME=W,... landscape component weights."),
    Setting("regime_measure", str, "v2x_polyarchy", "Democracy score for the government/regime components.",
            Options(("v2x_polyarchy", "polity2"))),
    Setting("war_half_life", float, None, "Half-life in years of the landscape war component (default: no decay).",
            Interval(float, 0, 1000, closed="right")),
    Setting("counterfactuals", str, None, "Counterfactual propensity A,B=VALUE (repeatable), e.g. USA,CHN=+1.",
            flag="--set"),
    Setting("sizes", str, None, "Counterfactual size A=VALUE (repeatable), e.g. USA=0.3.", flag="--size"),
    Setting("samples", int, 0, "Monte Carlo draws over landscape component weights (0 = none).",
            Interval(int, 0, 100_000)),
    Setting("spread", float, 0.5, "Relative half-width of the weight perturbation.", Interval(float, 0, 1)),
    Setting("landscape_method", str, "auto", "Landscape solver: auto, enumerate, ip or heuristic.",
            Options(("auto", "enumerate", "ip", "heuristic")), flag="--method"),
    Setting("landscape_time_limit", float, 20.0, "Seconds per landscape integer program.",
            Interval(float, 0, 3600, closed="right"), flag="--time-limit"),
    Setting("seed", int, None, "Seed for random starts and Monte Carlo draws.", Interval(int, 0, 2**32 - 1)),
    Setting("top", int, 10, "How many rows (minima, leading states) to print.", Interval(int, 1, 1000)),
    Setting("limit", int, 10, "Most suggestions returned.", Interval(int, 1, 100)),
    Setting("similarity_source", str, None, "Portfolios: atop (alliances) or un (UN votes).",
            Options(("atop", "un")), flag="--source"),
    Setting("coding", str, "ordinal3", "ATOP coding of alliance portfolios.",
            Options(("ordinal3", "binary", "ordinal4"))),  # = AtopCoding (tested)
    Setting("events", str, None, "Event files (ICEWS, GDELT 1.0/2.0, POLECAT as published, or their Parquet "
            "copies): a file, folder or glob, repeatable; adds the monthly event views. Checked before any work.",
            EventFiles()),
    Setting("events_format", str, None, "Layout of the --events files (required with --events; nothing is "
            "guessed).", Options(("icews", "gdelt1", "gdelt2", "polecat"))),  # = blocs.events.FORMATS (tested)
    Setting("event_measure", str, "net_coop", "What signs a dyad-month: net_coop (cooperative minus conflictual "
            "events) or goldstein_sum.", Options(("net_coop", "goldstein_sum"))),
    Setting("event_threshold", float, 0.0, "A dyad-month is signed only when |measure| exceeds this.",
            Interval(float, 0, 1e6)),
    Setting("event_min_events", int, 1, "Dyad-months with fewer events are not signed.",
            Interval(int, 1, 1_000_000)),
)


def setting(name: str) -> Setting:
    """The declared setting ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`SETTINGS`.

    Returns
    -------
    Setting

    Raises
    ------
    KeyError
        An undeclared name (the message lists the declared ones).
    """
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(f"no setting {name!r}; declared: {', '.join(SETTINGS)}") from None


def settings_table() -> list[dict[str, Any]]:
    """Every setting described (name, type, default, help, allowed, CLI flag), for docs and the web API.

    Returns
    -------
    list of dict
        One JSON-able row per setting, in declaration order.
    """
    return [s.describe() for s in SETTINGS.values()]


def settings_markdown() -> str:
    """The settings as a Markdown table (docs/query.md embeds it; a test keeps the two equal).

    Returns
    -------
    str
        One row per setting: name, CLI flag, default, allowed values, help.  The current year
        is written "this year" so the text does not change on 1 January.
    """
    from blocs._validation import current_year

    this = str(current_year())
    lines = ["| setting | CLI | default | allowed | help |", "|---|---|---|---|---|"]
    for s in SETTINGS.values():
        d = s.describe()
        allowed = (d["allowed"] or "").replace(this, "this year")
        default = "" if d["default"] is None else f"`{d['default']}`"
        lines.append(f"| `{d['name']}` | `{d['cli']}` | {default} | {allowed} | {d['help']} |")
    return "\n".join(lines) + "\n"
