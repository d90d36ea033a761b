"""Build a case report: run the sections, render the HTML, write ``numbers.json``."""

from __future__ import annotations

import datetime as _dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

import blocs
from blocs._errors import InvalidParameterError
from blocs.report._bipolarity import build_bipolarity
from blocs.report._capability import build_capability
from blocs.report._durability import build_durability
from blocs.report._events import build_events
from blocs.report._landscape import build_landscape_section
from blocs.report._sections import Context, SectionResult, SectionSpec, Unavailable
from blocs.report._sources import build_sources
from blocs.report._timeline import build_timeline
from blocs.report._today import build_today
from blocs.report._triangle import build_triangle

__all__ = ["CASES", "CaseReport", "build_case"]

SINO_SOVIET: tuple[SectionSpec, ...] = (
    SectionSpec("bipolarity", "Bipolarity in 1949", build_bipolarity),
    SectionSpec("landscape", "Did Mao have a choice?", build_landscape_section),
    SectionSpec("capability", "The unequal partnership", build_capability),
    SectionSpec("timeline", "The alignment timeline", build_timeline),
    SectionSpec("triangle", "The US–China–USSR/Russia triangle", build_triangle),
    SectionSpec("durability", "Durability of unequal alliances", build_durability),
    SectionSpec("today", "Roles reversed, 1991–2024", build_today),
    SectionSpec("events", "Month by month: cooperation and conflict in event data", build_events, requires="events"),
    SectionSpec("sources", "Sources and citations", build_sources),
)

#: Registered case reports: name -> (title, sections in page order).
CASES: dict[str, tuple[str, tuple[SectionSpec, ...]]] = {
    "sino-soviet": ("The Sino-Soviet alliance and today's China–Russia alignment, in data", SINO_SOVIET),
}

Progress = Callable[[str, str, str], None]


@dataclass(frozen=True)
class CaseReport:
    """A built report: where it is, its sections and its numbers."""

    name: str
    out: Path
    index: Path
    numbers_json: Path
    sections: tuple[SectionResult, ...]
    numbers: dict[str, Any]
    seconds: float


def _run_section(spec: SectionSpec, ctx: Context) -> SectionResult:
    try:
        res = spec.build(ctx)
    except Unavailable as exc:
        return SectionResult(spec.id, spec.title, missing=[exc.needs])
    if res.id != spec.id:
        raise InvalidParameterError(f"section builder for {spec.id!r} returned section {res.id!r}")
    res.title = spec.title
    return res


def build_case(
    name: str = "sino-soviet",
    *,
    out: str | Path = "blocs-sino-soviet",
    figure_format: Literal["png", "svg"] = "png",
    progress: Progress | None = None,
    events: Any = None,
    events_format: str | None = None,
) -> CaseReport:
    """Build the case report ``name`` into the folder ``out``.

    Writes ``out/index.html``, ``out/figures/*.png`` (or ``.svg``) and ``out/numbers.json``
    (every number shown, with its datasets, versions and the function or formula behind it).

    Parameters
    ----------
    name : str, default "sino-soviet"
        A key of :data:`CASES`.
    out : path, default "blocs-sino-soviet"
        Output folder (created if missing; files of an earlier build are overwritten).
    figure_format : {"png", "svg"}, default "png"
    progress : callable, optional
        Called as ``progress(section_id, title, state)`` with state ``"start"``, then
        ``progress(section_id, message, "step")`` before each long step of the section (a
        model fit, a measure over many years), and last ``"complete"``, ``"partial"`` or
        ``"unavailable"``.
    events : path, folder, glob or list, optional
        Event files (ICEWS, GDELT 1.0/2.0, POLECAT, or Parquet copies; or a
        :class:`blocs.query.EventSource`): the report gains a section on monthly China–Russia
        (–US) cooperation and conflict from them.  Checked before any section runs.
    events_format : {"icews", "gdelt1", "gdelt2", "polecat"}, optional
        Their layout (required with ``events`` unless it is an ``EventSource``).

    Returns
    -------
    CaseReport

    Raises
    ------
    InvalidParameterError
        Unknown case name or figure format, or event files without their format.
    DataNotFoundError, MalformedFileError
        Event files that do not exist or are not in the format given.

    Examples
    --------
    >>> report = build_case("sino-soviet", out="/tmp/blocs-case")  # doctest: +SKIP
    >>> report.numbers["capability.reversal_year"]["value"]  # doctest: +SKIP
    1991
    """
    if name not in CASES:
        raise InvalidParameterError(f"case {name!r} is not known; choose one of {', '.join(sorted(CASES))}")
    if figure_format not in ("png", "svg"):
        raise InvalidParameterError(f"figure_format must be 'png' or 'svg'; got {figure_format!r}")
    source = None
    if events is not None:
        from blocs.query import event_source

        source = event_source(events, events_format=events_format)  # before any section runs
    t_start = time.perf_counter()
    title, specs = CASES[name]
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    ctx = Context(out=out_dir, figure_format=figure_format, events=source)
    specs = tuple(s for s in specs if not s.requires or getattr(ctx, s.requires) is not None)
    results: list[SectionResult] = []
    for spec in specs:
        if progress:
            progress(spec.id, spec.title, "start")
            ctx.on_step = lambda message, sid=spec.id: progress(sid, message, "step")
        res = _run_section(spec, ctx)
        results.append(res)
        if progress:
            progress(spec.id, spec.title, res.status)

    env = Environment(
        loader=PackageLoader("blocs.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    generated = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = env.get_template("index.html.j2").render(
        title=title,
        case=name,
        sections=results,
        version=blocs.__version__,
        generated=generated,
        css=env.get_template("report.css").render(),
    )
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    numbers = {n.key: n.to_json() for n in ctx.numbers}
    payload = {
        "case": name,
        "title": title,
        "blocs_version": blocs.__version__,
        "generated": generated,
        "sections": [
            {
                "id": r.id,
                "title": r.title,
                "status": r.status,
                "missing": r.missing,
                "numbers": [k for k, v in numbers.items() if v["section"] == r.id],
            }
            for r in results
        ],
        "numbers": list(numbers.values()),
        "figures": [
            {
                "path": f.path,
                "caption": f.caption,
                "method": f.method,
                "sources": [{"name": s.name, "version": s.version} for s in f.sources],
            }
            for f in ctx.figures
        ],
    }
    numbers_json = out_dir / "numbers.json"
    numbers_json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return CaseReport(name, out_dir, index, numbers_json, tuple(results), numbers, time.perf_counter() - t_start)
