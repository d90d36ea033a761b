"""Load test of `blocs serve` on loopback: p50/p99 of a cached and an uncached dyad view.

Starts `blocs serve` in a child process on a free loopback port, then 50 concurrent clients send 20
requests each for one dyad view (after one warm-up request: the cached path, target p99 <
200 ms), and times first requests for dyads not yet seen (the uncached path, target < 2 s).
Stops by itself.  Figures depend on the machine's load; compare runs on one machine.

The 50 clients are keep-alive HTTP/1.1 connections driven by a minimal asyncio client (``--client
raw``, the default: a request line, then the body read by its Content-Length, like wrk or hey), so
the figure is the server's.  ``--client httpx`` uses httpx.AsyncClient instead: it spends about
5 ms of CPU per request in the benchmark's own process, ten times the server's, and on a shared
2-CPU machine its p99 is the client's event loop, not the server.  Both runs print the CPU time
per request of the server process and of the client process.

    PYTHONPATH=src python benchmarks/serve.py [--clients 50] [--requests 20] [--uncached 5] [--client raw|httpx]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def _server_ms(r: object) -> float:
    """The app's own time from its ``Server-Timing: app;dur=<ms>`` header."""
    value = r.headers.get("server-timing", "app;dur=nan")  # type: ignore[attr-defined]
    return float(value.split("dur=")[1])


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


async def _load_raw(port: int, url: str, clients: int, requests: int) -> tuple[list[float], list[float]]:
    """``clients`` keep-alive connections, each sending ``requests`` GETs in turn (plain HTTP/1.1)."""
    times: list[float] = []
    server: list[float] = []
    request = f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n".encode()

    async def one_client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)

        async def get() -> float:
            writer.write(request)
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower().split("\r\n")
            assert head[0].split()[1] == "200", head[0]
            fields = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
            await reader.readexactly(int(fields["content-length"]))
            return float(fields.get("server-timing", "app;dur=nan").split("dur=")[1])

        await get()  # the connection is open: steady-state latency is what is timed
        for _ in range(requests):
            t0 = time.perf_counter()
            ms = await get()
            times.append(time.perf_counter() - t0)
            server.append(ms)
        writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return times, server


async def _load(base: str, url: str, clients: int, requests: int) -> tuple[list[float], list[float]]:
    import httpx

    times: list[float] = []
    server: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:

        async def one_client() -> None:
            await http.get(url)  # open this client's connection first: steady-state latency is what is timed
            for _ in range(requests):
                t0 = time.perf_counter()
                r = await http.get(url)
                times.append(time.perf_counter() - t0)
                server.append(_server_ms(r))
                assert r.status_code == 200, r.text[:200]

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return times, server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--uncached", type=int, default=5, help="distinct uncached dyad views to time")
    ap.add_argument("--sessions", default="40-46", help="UN sessions of the ideal-point fit (small: quick start)")
    ap.add_argument("--client", choices=["raw", "httpx"], default="raw", help="load generator (see above)")
    args = ap.parse_args()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The server runs in its own process (as `blocs serve` does), so the clients do not share its GIL.
    cmd = [sys.executable, "-m", "blocs", "serve", "--port", str(port), "--idealpoint-sessions", args.sessions]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _run(args, port, server)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _run(args: argparse.Namespace, port: int, server: subprocess.Popen[bytes]) -> None:
    import httpx

    t0 = time.perf_counter()
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.perf_counter() - t0 > 120:
            raise SystemExit("the server did not start")
        time.sleep(0.2)
    print(
        f"server ready in {time.perf_counter() - t0:.1f} s; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} (figures on a loaded machine are queueing, not the server)"
    )
    base = f"http://127.0.0.1:{port}"
    cached_url = "/api/v1/dyad?a=CHN&b=RUS&years=1946-2016"
    t0 = time.perf_counter()
    httpx.get(base + cached_url, timeout=600)
    print(f"warm-up (first dyad view, data loaded): {time.perf_counter() - t0:.2f} s")

    with httpx.Client(base_url=base, timeout=60) as http:
        seq = []
        for _ in range(200):
            t1 = time.perf_counter()
            http.get(cached_url)
            seq.append(time.perf_counter() - t1)
    print(
        f"cached dyad view, one client, 200 requests in turn: p50 {_pct(seq, 0.5) * 1e3:.1f} ms, "
        f"p99 {_pct(seq, 0.99) * 1e3:.1f} ms"
    )

    cpu0, srv0, wall0 = time.process_time(), _cpu_seconds(server.pid), time.perf_counter()
    if args.client == "raw":
        times, server_ms = asyncio.run(_load_raw(port, cached_url, args.clients, args.requests))
    else:
        times, server_ms = asyncio.run(_load(base, cached_url, args.clients, args.requests))
    cpu1, srv1, wall1 = time.process_time(), _cpu_seconds(server.pid), time.perf_counter()
    n = len(times)
    p50, p99 = _pct(times, 0.5) * 1e3, _pct(times, 0.99) * 1e3
    print(
        f"cached dyad view, {args.clients} clients ({args.client}) x {args.requests} requests = {n}: "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < 200 ms: {'met' if p99 < 200 else 'MISSED'}); "
        f"time inside the app (Server-Timing) p50 {_pct(server_ms, 0.5):.2f} ms, p99 {_pct(server_ms, 0.99):.2f} ms"
    )
    print(
        f"  {n / (wall1 - wall0):.0f} requests/s; CPU per request: server {(srv1 - srv0) / n * 1e3:.2f} ms, "
        f"client {(cpu1 - cpu0) / n * 1e3:.2f} ms; load average {os.getloadavg()[0]:.1f}"
    )

    pairs = [
        ("USA", "CUB"),
        ("IND", "PAK"),
        ("FRN", "GMY"),
        ("JPN", "ROK"),
        ("BRA", "ARG"),
        ("ISR", "EGY"),
        ("UKG", "IRE"),
        ("GRC", "TUR"),
    ][: args.uncached]
    if not pairs:
        return
    un: list[float] = []
    for a, b in pairs:
        t0 = time.perf_counter()
        r = httpx.get(f"{base}/api/v1/dyad?a={a}&b={b}&years=1946-2016", timeout=600)
        un.append(time.perf_counter() - t0)
        assert r.status_code == 200, r.text[:200]
    print(
        f"uncached dyad view (1946-2016), {len(un)} pairs: p50 {statistics.median(un):.2f} s, "
        f"max {max(un):.2f} s (target < 2 s: {'met' if max(un) < 2 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
