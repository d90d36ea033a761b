"""Output for people and pipes: full tab-separated tables when piped, progress with real totals."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from blocs._progress import reporting
from blocs.cli import app
from blocs.cli._app import OutputConsole, ProgressBars, table_to_tsv

NARROW = {"COLUMNS": "40"}


def test_piped_tables_are_full_tab_separated_text() -> None:
    result = CliRunner().invoke(app, ["resolve", "Germany"], env=NARROW)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# 'Germany' (COW)"
    assert lines[1].split("\t") == ["code", "abb", "name", "spells", "iso2", "iso3"]
    rows = {ln.split("\t")[0]: ln.split("\t") for ln in lines[2:]}
    assert rows["265"][2] == "German Democratic Republic"  # never cut at the terminal width
    assert rows["255"][3] == "1816-01-01 – 1945-05-08; 1990-10-03 – 2016-12-31 (ongoing)"


def test_piped_dataset_list_keeps_every_name() -> None:
    result = CliRunner().invoke(app, ["data", "list"], env=NARROW)
    assert result.exit_code == 0
    names = [ln.split("\t")[0] for ln in result.output.splitlines()[2:]]
    assert "un_roll_call_issues" in names and "gml_mid_ddydisps" in names
    assert all("…" not in ln for ln in result.output.splitlines())


def test_rich_tables_can_be_forced_and_are_drawn_on_a_terminal() -> None:
    result = CliRunner().invoke(app, ["resolve", "Germany"], env={"BLOCS_TABLES": "rich", "COLUMNS": "200"})
    assert "┃ code" in result.output
    buf = io.StringIO()
    OutputConsole(file=buf, force_terminal=True, width=200).print(_table())
    assert "┃" in buf.getvalue()


def _table():  # type: ignore[no-untyped-def]
    from rich.table import Table

    t = Table(title="[bold]t[/]")
    t.add_column("a")
    t.add_column("b c")
    t.add_row("x\ny", "[red]z[/]")
    return t


def test_table_to_tsv_strips_markup_and_newlines() -> None:
    assert table_to_tsv(_table()) == "# t\na\tb c\nx; y\tz\n"


def test_balance_timeline_reports_every_year() -> None:
    from blocs.networks import balance_timeline

    seen: list[tuple[str, int, int | None]] = []
    with reporting(lambda label, done, total: seen.append((label, done, total))):
        balance_timeline(years=(1950, 1952))
    assert [(d, t) for _, d, t in seen] == [(0, 3), (1, 3), (2, 3)]


def test_ideal_point_fit_reports_em_sweeps_with_the_cap_as_total() -> None:
    from blocs.measures import IdealPoints, simulate_ideal_point_votes

    votes, _, _ = simulate_ideal_point_votes(n_states=12, n_sessions=3, n_roll_calls=10, seed=1)
    seen: list[tuple[int, int | None]] = []
    with reporting(lambda label, done, total: seen.append((done, total)) if "EM" in label else None):
        IdealPoints(max_iter=40, seed=1, bridge="none").fit(votes)
    assert seen and seen[0] == (1, 40)
    done = [d for d, _ in seen]  # SQUAREM may spend several sweeps per step
    assert done == sorted(set(done)) and done[-1] <= 40 and all(t == 40 for _, t in seen)


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bars_draw_real_totals(terminal: bool) -> None:
    buf = io.StringIO()
    bars = ProgressBars()
    import blocs.cli._app as app_module

    old = app_module.err_console
    app_module.err_console = Console(file=buf, force_terminal=terminal, width=100)
    try:
        bars("balance: years", 1, 3)
        bars("balance: years", 3, 3)
        bars.progress.refresh()
        assert bars.progress.tasks[0].total == 3 and bars.progress.tasks[0].completed == 3
    finally:
        bars.stop()
        app_module.err_console = old
    if terminal:
        assert "3/3" in buf.getvalue()
