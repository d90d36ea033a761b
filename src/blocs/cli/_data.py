"""`blocs data list|fetch|verify` and `blocs cite`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn
from rich.table import Table

from blocs._errors import DataIntegrityError
from blocs.cli._app import app, console, data_app
from blocs.data import catalog, cite, fetch_one, get_dataset, mirror_dir
from blocs.data._store import cached_path, discard, home, verify_cache, verify_derived

MirrorOpt = Annotated[
    Path | None,
    typer.Option("--mirror", help="Local mirror directory with the catalog's relative paths (else $BLOCS_MIRROR)."),
]


@data_app.command("list")
def data_list(mirror: MirrorOpt = None) -> None:
    """Show every dataset: whether it is present, its version, coverage and size."""
    root = mirror_dir(mirror)
    table = Table(title="blocs datasets")
    for col in ("name", "present", "version", "coverage", "rows", "size"):
        table.add_column(col)
    for ds in catalog().values():
        cached = cached_path(ds)
        where, size = "no", ""
        if cached.exists():
            where, size = "cache", f"{cached.stat().st_size / 1e6:.1f} MB"
        elif root is not None and (root / ds.path).exists():
            where, size = "mirror", f"{(root / ds.path).stat().st_size / 1e6:.1f} MB"
        cov = f"{ds.coverage[0]}–{ds.coverage[1]}" if ds.coverage else "n/a"
        table.add_row(ds.name, where, ds.version, cov, f"{ds.rows:,}", size)
    console.print(table)


class _RichBar:
    """The progress-bar protocol pooch expects (total, update, reset, close), drawn by rich."""

    def __init__(self, progress: Progress, label: str):
        self._progress = progress
        self._task = progress.add_task(label, total=None)
        self.total: int | None = None

    def update(self, n: int) -> None:
        self._progress.update(self._task, advance=n, total=self.total)

    def reset(self) -> None:
        self._progress.reset(self._task, total=self.total)

    def close(self) -> None:
        self._progress.update(self._task, completed=self.total or 0)


@data_app.command("fetch")
def data_fetch(
    names: Annotated[list[str] | None, typer.Argument(help="Dataset names (default: all).")] = None,
    mirror: MirrorOpt = None,
    force: Annotated[bool, typer.Option(help="Fetch again even if a verified copy is cached.")] = False,
) -> None:
    """Download (or copy from a mirror) and verify datasets into the user cache."""
    wanted = names or list(catalog())
    for n in wanted:
        get_dataset(n)  # fail on a bad name before any work
    mirror_dir(mirror)  # and on a mirror that does not exist, even when everything is cached
    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(), console=console
    ) as progress:
        overall = progress.add_task("datasets", total=len(wanted))
        for n in wanted:
            fetch_one(n, mirror=mirror, force=force, progressbar=_RichBar(progress, n))
            progress.advance(overall)
    console.print(f"{len(wanted)} dataset(s) verified in {home() / 'raw'}")


@data_app.command("verify")
def data_verify(
    names: Annotated[list[str] | None, typer.Argument(help="Dataset names (default: all).")] = None,
) -> None:
    """Re-hash cached raw files against the catalog and parsed caches against their recorded checksums.

    An altered or unrecorded parsed cache (``tables/``, ``results/``) is removed, so it is
    rebuilt from the verified raw file the next time it is needed; orphaned partial files of
    killed processes are removed.  Exit 1 when anything did not match.
    """
    wanted = names or list(catalog())
    for n in wanted:
        get_dataset(n)
    status = verify_cache(wanted)
    table = Table(title=f"cached files in {home() / 'raw'}")
    table.add_column("name")
    table.add_column("status")
    for n, st in status.items():
        table.add_row(n, st)
    console.print(table)
    derived = verify_derived() if not names else {}
    if derived:
        dtable = Table(title=f"parsed caches in {home()}")
        dtable.add_column("file")
        dtable.add_column("status")
        for f, st in derived.items():
            dtable.add_row(f, st if st == "ok" else f"{st} (removed; rebuilt on next use)")
        console.print(dtable)
    bad = [n for n, st in status.items() if st.startswith("mismatch")]
    bad_derived = [f for f, st in derived.items() if st != "ok"]
    for f in bad_derived:
        discard(home() / f)
    problems = []
    if bad:
        problems.append(
            f"{len(bad)} cached file(s) do not match the catalog checksum: {', '.join(bad)}; "
            f"run `blocs data fetch {' '.join(bad)} --force` to replace them"
        )
    if bad_derived:
        problems.append(
            f"{len(bad_derived)} parsed cache file(s) do not match the checksum recorded when they were written: "
            f"{', '.join(bad_derived)}; they were removed and are rebuilt from the verified raw files on next use"
        )
    if problems:
        raise DataIntegrityError("; ".join(problems))


@app.command("cite")
def cite_cmd(
    names: Annotated[list[str], typer.Argument(help="Dataset names, BibTeX keys, blocs functions or table files.")],
) -> None:
    """Print BibTeX for datasets, methods, or a table file written by blocs (its sources)."""
    items: list[object] = []
    for n in names:
        p = Path(n)
        if p.suffix in (".parquet", ".json", ".csv") and p.exists():
            items.extend(_sources_of_file(p))
        else:
            items.append(n)
    console.print(cite(*items), highlight=False, markup=False, soft_wrap=True)


def _sources_of_file(path: Path) -> list[str]:
    """Dataset names recorded in a table file's sidecar ``<file>.sources.json``."""
    import json

    sidecar = path.with_name(path.name + ".sources.json")
    if not sidecar.exists():
        from blocs._errors import DataNotFoundError

        raise DataNotFoundError(
            f"{str(path)!r} has no sources sidecar ({sidecar.name}); blocs writes one next to every --out file"
        )
    return [s["name"] for s in json.loads(sidecar.read_text())["sources"]]
