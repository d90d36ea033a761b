"""Benchmark: event aggregation rows/s on synthetic GDELT 2.0 files, raw and Parquet, DuckDB vs pandas vs Spark.

For each size (default 10^6 and 10^7 rows; add 10^8 with --rows when disk allows: about
330 bytes a row raw, so 33 GB), the script writes synthetic GDELT 2.0 exports
(`blocs events synthesize`, fitted to the real ICEWS day and the CAMEO table), copies them
to Parquet (`blocs events convert`: sorted by event id, sealed when ids are unique), and
times the same dyad-month aggregation (directed, dedup by event id):

* DuckDB from the raw files (blocs' compiled splitter streaming Arrow into DuckDB) and from
  the Parquet copy (`--threads`, default 2: the targets are >= 2M rows/s raw and >= 10M rows/s
  Parquet on 2 cores);
* DuckDB from the raw files through DuckDB's own CSV reader (the reference, and what files the
  splitter declines get), up to --reader-max rows;
* pandas, streaming the raw files in chunks (never every row at once): the baseline, up to
  --pandas-max rows;
* Spark local (`local[threads]`) from the raw files and from Parquet, up to --spark-max rows
  (its start-up alone takes tens of seconds), unless --no-spark.

Each measurement runs in a fresh subprocess after a warm-up on the real ICEWS day, so its
peak memory (VmHWM, plus the Spark JVM's) is its own; wall time and CPU time (the process's,
plus the JVM's for Spark) are both printed: on a shared machine wall time understates what 2
free cores do, and 2 x rows per CPU-second estimates it for DuckDB, which keeps both threads
busy.  pandas' result is checked against DuckDB's, and DuckDB's from raw files against
DuckDB's own reader's, DuckDB's from Parquet and Spark's.

With --dir DIR the synthetic files and Parquet copies are kept there and reused by later
runs (so 10^8 rows can be prepared once with --prepare-only and timed later).

Run:  BLOCS_MIRROR=../shared/data/mirror PYTHONPATH=src python benchmarks/events.py --rows 1e6 1e7
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

TARGET_RAW = 2e6
TARGET_PARQUET = 10e6
BYTES_PER_ROW = 330  # raw GDELT 2.0 (measured 320) plus its Parquet copy (8)


def _hwm_mb(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM) of a live process; 0 where /proc cannot tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def _children() -> list[tuple[str, list[str]]]:
    """(pid, /proc stat fields after the name) of this process's live children (the Spark JVM)."""
    me, out = str(os.getpid()), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            out.append((stat.parent.name, fields))
    return out


def _peak_mb() -> float:
    """This process's peak plus its live children's (the Spark JVM) — ru_maxrss would carry the
    parent's peak across exec."""
    return _hwm_mb() + sum(_hwm_mb(pid) for pid, _ in _children())


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _children_cpu_s() -> float:
    """CPU seconds (user + system) of this process's live children (the Spark JVM), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    return sum((int(f[11]) + int(f[12])) / tick for _, f in _children())


def _pandas_aggregate(folder: Path) -> pd.DataFrame:
    """The baseline: chunked pandas, the same rules (ids de-duplicated, labels resolved by date)."""
    from blocs.events import FORMATS
    from blocs.events._actors import actor_intervals

    fmt = FORMATS["gdelt2"]
    cols = [fmt.event_id, fmt.date, fmt.actor1, fmt.actor2, "QuadClass", fmt.score]
    idx = [fmt.columns.index(c) for c in cols]
    parts = []
    if not folder.exists():
        return pd.DataFrame()
    for path in sorted(folder.glob("*.CSV")):
        for chunk in pd.read_csv(path, sep="\t", header=None, usecols=idx, dtype=str, quoting=3, chunksize=1_000_000,
                                 keep_default_na=False):  # fmt: skip
            chunk.columns = ["eid", "day", "a1", "a2", "quad", "score"]
            parts.append(chunk.drop_duplicates())
    ev = pd.concat(parts).drop_duplicates()
    ev = ev[(ev.a1 != "") & (ev.a2 != "")]
    ev["day"] = ev["day"].astype("int64")
    iv, _ = actor_intervals(sorted(set(ev.a1) | set(ev.a2)), kind="cameo", system="cow")
    iv = iv[iv.code.notna()]
    for side in ("1", "2"):
        m = ev.merge(iv, left_on=f"a{side}", right_on="label")
        ev = m[(m.day >= m.start) & (m.day <= m.end)].drop(columns=["label", "start", "end", "ambiguous"])
        ev = ev.rename(columns={"code": f"c{side}"})
    ev = ev[ev.c1 != ev.c2]
    ev["year"], ev["month"] = ev.day // 10000, ev.day // 100 % 100
    ev["quad"] = ev["quad"].astype(int)
    ev["g10"] = (ev["score"].astype(float) * 10).round().astype("int64")
    g = ev.groupby(["c1", "c2", "year", "month"])
    out = g.size().rename("events").to_frame()
    for q, name in ((1, "verbal_coop"), (2, "material_coop"), (3, "verbal_conflict"), (4, "material_conflict")):
        out[name] = ev.assign(x=(ev.quad == q).astype(int)).groupby(["c1", "c2", "year", "month"])["x"].sum()
    out["goldstein_sum"] = g["g10"].sum() / 10.0
    return out.reset_index().rename(columns={"c1": "ccode1", "c2": "ccode2"})


def one(task: str, path: str, threads: int, out: str) -> None:
    """Run one measurement (in this subprocess) and write seconds and peak memory as JSON.

    A warm-up on the real ICEWS day first loads the libraries and the state-system index,
    so the figure is the aggregation's own rate (for Spark the session start is excluded too).
    """
    from blocs.events import aggregate_events, sample_icews_path

    if task == "duckdb-reader":  # the reference: DuckDB's own CSV reader (what declined files get)
        import blocs.events._aggregate as agg

        agg.streamable = lambda paths: False  # type: ignore[assignment]
    if task != "pandas":
        engine = "spark" if task == "spark" else "duckdb"
        conf = {"spark.driver.memory": "6g", "spark.sql.shuffle.partitions": str(4 * threads)}
        aggregate_events(sample_icews_path(), format="icews", engine=engine, spark_master=f"local[{threads}]",
                         spark_conf=conf)  # fmt: skip
    else:
        _pandas_aggregate(Path(path).with_name("__none__"))  # imports only
    t0, c0, j0 = time.perf_counter(), _cpu_s(), _children_cpu_s()
    if task == "pandas":
        table = _pandas_aggregate(Path(path))
    else:
        engine = "spark" if task == "spark" else "duckdb"
        conf = {"spark.driver.memory": "6g", "spark.sql.shuffle.partitions": str(4 * threads)}
        res = aggregate_events(path, format="gdelt2", by="month", engine=engine, threads=threads if engine == "duckdb"
                               else None, spark_master=f"local[{threads}]", spark_conf=conf)  # fmt: skip
        table = res.table
    seconds, cpu = time.perf_counter() - t0, _cpu_s() - c0 + (_children_cpu_s() - j0)
    table.attrs.clear()
    table.to_parquet(out + ".table.parquet")
    Path(out).write_text(json.dumps({"seconds": seconds, "cpu_s": cpu, "peak_mb": _peak_mb()}))


def _measure(task: str, path: Path, threads: int, work: Path) -> dict[str, float]:
    out = work / f"{task}-{path.suffix.lstrip('.') or 'raw'}.json"
    cmd = [sys.executable, __file__, "--one", task, str(path), "--threads", str(threads), "--result", str(out)]
    subprocess.run(cmd, check=True)
    return dict(json.loads(out.read_text()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=float, nargs="+", default=[1e6, 1e7])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temporary one, removed).")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--spark-max", type=float, default=1e6, help="Skip Spark above this size.")
    ap.add_argument("--pandas-max", type=float, default=1e7, help="Skip the pandas baseline above this size.")
    ap.add_argument("--reader-max", type=float, default=1e7, help="Skip DuckDB's own CSV reader above this size.")
    ap.add_argument("--prepare-only", action="store_true", help="Write the files (with --dir) and time nothing.")
    ap.add_argument(
        "--only", nargs="+", default=None, help="Time only these: duckdb-raw duckdb-reader duckdb-parquet pandas spark."
    )
    ap.add_argument("--one", nargs=2, metavar=("TASK", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one(args.one[0], args.one[1], args.threads, args.result)
        return
    from blocs.events import convert_events, synthesize_events
    from blocs.events._parquet import read_seal

    work = args.dir or Path(tempfile.mkdtemp(prefix="blocs-events-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores visible, DuckDB threads={args.threads}; load average "
          f"{os.getloadavg()[0]:.1f} (figures on a shared, loaded machine are lower bounds)")  # fmt: skip
    want = set(args.only or ["duckdb-raw", "duckdb-reader", "duckdb-parquet", "pandas", "spark"])
    for n in [int(r) for r in args.rows]:
        raw, parquet = work / f"gdelt2-{n}", work / f"gdelt2-{n}.parquet"
        free = shutil.disk_usage(work).free
        if not raw.exists() and n * BYTES_PER_ROW * 1.3 > free:
            print(f"{n:>11,} rows: skipped, needs ~{n * BYTES_PER_ROW * 1.3 / 1e9:.0f} GB, {free / 1e9:.0f} GB free")
            continue
        if not raw.exists():
            t0, c0 = time.perf_counter(), _cpu_s()
            synthesize_events(raw, format="gdelt2", rows=n, seed=1, rows_per_file=min(n, 2_000_000))
            print(f"{n:>11,} rows: synthesized in {time.perf_counter() - t0:.0f} s ({_cpu_s() - c0:.0f} CPU-s)")
        if not parquet.exists():
            t0, c0 = time.perf_counter(), _cpu_s()
            convert_events(raw, parquet, format="gdelt2")
            print(f"{n:>11,} rows: Parquet copy in {time.perf_counter() - t0:.0f} s ({_cpu_s() - c0:.0f} CPU-s)")
        size = sum(p.stat().st_size for p in raw.iterdir())
        sealed = "sealed" if read_seal(parquet) else "NOT sealed"
        print(f"{n:>11,} rows: raw {size / 1e9:.2f} GB in {len(list(raw.iterdir()))} files; Parquet "
              f"{parquet.stat().st_size / 1e9:.2f} GB ({sealed})")  # fmt: skip
        if args.prepare_only:
            continue
        results = {}
        if "duckdb-raw" in want:
            results["duckdb raw"] = _measure("duckdb", raw, args.threads, work)
        if "duckdb-reader" in want and n <= args.reader_max:
            results["duckdb raw, its reader"] = _measure("duckdb-reader", raw, args.threads, work)
        if "duckdb-parquet" in want:
            results["duckdb parquet"] = _measure("duckdb", parquet, args.threads, work)
        if "pandas" in want and n <= args.pandas_max:
            results["pandas raw (chunked)"] = _measure("pandas", raw, args.threads, work)
        if "spark" in want and not args.no_spark and n <= args.spark_max:
            results[f"spark local[{args.threads}] raw"] = _measure("spark", raw, args.threads, work)
            results[f"spark local[{args.threads}] parquet"] = _measure("spark", parquet, args.threads, work)
        print(f"    {'':<24} {'wall':>8} {'rows/s':>10} {'CPU':>8} {'rows/CPU-s':>11} {'peak':>9}")
        for name, r in results.items():
            rate = n / r["seconds"]
            target = {"duckdb raw": TARGET_RAW, "duckdb parquet": TARGET_PARQUET}.get(name)
            verdict = "" if target is None else (" target met" if rate >= target else f" target {target / 1e6:.0f}M")
            cpu = f"{r['cpu_s']:7.1f}s {n / r['cpu_s'] / 1e6:10.2f}M"
            print(f"    {name:<24} {r['seconds']:7.1f}s {rate / 1e6:9.2f}M {cpu} {r['peak_mb']:7.0f}MB{verdict}")
        spark = f"spark local[{args.threads}]"
        stem = {"duckdb raw": "duckdb-raw", "duckdb raw, its reader": "duckdb-reader-raw",
                "duckdb parquet": "duckdb-parquet", "pandas raw (chunked)": "pandas-raw",
                f"{spark} raw": "spark-raw", f"{spark} parquet": "spark-parquet"}  # fmt: skip
        tables = {name: pd.read_parquet(work / f"{stem[name]}.json.table.parquet") for name in results}
        base = tables.get("duckdb raw")
        for k, t in tables.items():
            if base is None or k in ("duckdb raw", "pandas raw (chunked)"):
                continue
            print(f"    DuckDB raw and {k} tables are {'identical' if base.equals(t) else 'DIFFERENT'}")
        if base is not None and "pandas raw (chunked)" in tables:
            cols = ["ccode1", "ccode2", "year", "month", "events", "verbal_coop", "material_coop", "verbal_conflict",
                    "material_conflict", "goldstein_sum"]  # fmt: skip
            a = base[cols].sort_values(cols[:4]).reset_index(drop=True)
            b = tables["pandas raw (chunked)"][cols].sort_values(cols[:4]).reset_index(drop=True)
            pd.testing.assert_frame_equal(a, b, check_dtype=False)
            print("    pandas and DuckDB tables are identical")
        if args.dir is None:
            shutil.rmtree(raw)
            parquet.unlink()
    if args.dir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
