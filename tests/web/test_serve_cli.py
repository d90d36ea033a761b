"""`blocs serve` as a real process: bound to loopback, /healthz answers within seconds, Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def test_blocs_serve_starts_and_answers_healthz(tmp_path: Path) -> None:
    # run where the README's first command left its report: /case shows it without --case-dir
    report = tmp_path / "blocs-sino-soviet"
    report.mkdir()
    (report / "index.html").write_text("<html><body>the built case study</body></html>", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "blocs", "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        t0 = time.perf_counter()
        status = None
        while time.perf_counter() - t0 < 60 and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert status == 200, proc.stderr.read().decode() if proc.poll() is not None else "no answer in 60 s"
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/nope", timeout=5).json()["error"]["code"] == "not_found"
        assert "Open the full case-study report" in httpx.get(f"http://127.0.0.1:{port}/case", timeout=10).text
        assert "the built case study" in httpx.get(f"http://127.0.0.1:{port}/case/report/index.html", timeout=10).text
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, -signal.SIGINT, 130)
