"""`blocs case NAME [--out DIR]`: build a case report (HTML, figures, numbers.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from blocs._errors import InvalidParameterError
from blocs._progress import reporting
from blocs._validation import OutputPath, check_param
from blocs.cli._app import app, console
from blocs.query import SETTINGS

# The summary names these numbers when the report has them (keys of numbers.json).
_SUMMARY = (
    ("capability.ratio_1950", "China/USSR capability ratio, 1950"),
    ("capability.reversal_year", "China overtakes the USSR/Russia for good in"),
    ("capability.ratio_last", "China/Russia capability ratio, latest year"),
    ("timeline.treaty_dates", "1950 treaty in force"),
    ("timeline.rivalry_start", "Strategic rivalry from"),
    ("timeline.rivalry_end", "Strategic rivalry until"),
    ("timeline.disputes_during_alliance", "Disputes between the allies that began during the treaty"),
)
_EVENT_FLAGS = ("--events", "--events-format")
_MARK = {"complete": "[green]✓[/]", "partial": "[yellow]◐[/]", "unavailable": "[dim]○[/]"}


@app.command("case")
def case(
    name: Annotated[str, typer.Argument(help="Case report to build: sino-soviet.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: blocs-NAME in the current folder).")
    ] = None,
    figures: Annotated[str, typer.Option("--figures", help="Figure format: png or svg.")] = "png",
    events: Annotated[
        list[str] | None,
        SETTINGS["events"].option(
            help="Event files (ICEWS, GDELT 1.0/2.0, POLECAT, or Parquet copies): a file, folder or glob, repeatable; "
            "the report gains a section on monthly China–Russia–US cooperation and conflict."
        ),
    ] = None,
    events_format: Annotated[str | None, SETTINGS["events_format"].option()] = None,
) -> None:
    """Build a case report: index.html, figures and numbers.json (every number with its sources)."""
    from blocs.report import CASES, build_case

    if name not in CASES:
        raise InvalidParameterError(f"case {name!r} is not known; choose one of {', '.join(sorted(CASES))}")
    if figures not in ("png", "svg"):
        raise InvalidParameterError(f"--figures {figures!r} is not a figure format; use png or svg")
    fmt: Literal["png", "svg"] = "svg" if figures == "svg" else "png"
    out_dir = out if out is not None else Path(f"blocs-{name}")
    check_param(out_dir, OutputPath(directory=True), param="--out")  # before any work
    source = None
    if events:
        from blocs.query import event_source

        # files and layout, before any section
        source = event_source(events, events_format=events_format, where="blocs case", names=_EVENT_FLAGS)
    elif events_format is not None:
        raise InvalidParameterError("--events-format is given without --events; name the event files with --events")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def on_step(label: str, done: int, total: int | None) -> None:
            # long steps inside a section (the ideal-point fit's EM sweeps) get their own bar
            if label not in tasks:
                tasks[label] = progress.add_task(f"  {label}", total=total)
            progress.update(tasks[label], completed=done, total=total)

        def on_section(section_id: str, title: str, state: str) -> None:
            if state == "start":
                tasks[section_id] = progress.add_task(f"building: {title}", total=1)
            elif state == "step":
                progress.update(tasks[section_id], description=f"building: {title}")
            else:
                progress.update(tasks[section_id], completed=1, description=f"{title}: {state}")
                console.print(f"{_MARK.get(state, '?')} {title} [dim]({state})[/]")

        with reporting(on_step):
            report = build_case(name, out=out_dir, figure_format=fmt, progress=on_section, events=source)
    lines = []
    for key, label in _SUMMARY:
        if key in report.numbers:
            lines.append(f"{label}: [bold]{report.numbers[key]['display']}[/]")
    missing = [m for s in report.sections for m in s.missing]
    if missing:
        lines.append(f"[yellow]{len(missing)} part(s) not yet available[/] (see the report)")
    lines.append(f"{len(report.numbers)} numbers with sources in {report.numbers_json}")
    console.print(Panel("\n".join(lines), title=f"blocs case {name}", subtitle=f"{report.seconds:.1f} s", expand=False))
    console.print(f"Open [bold]{report.index}[/]")
