"""The bad-input corpus, web entry point: every row of bad_inputs.csv behaves as the table says.

Same columns as the CLI/API corpus (``id, entry, args, expect, fragment, note, xfail``): ``args``
is ``[METHOD ]URL``; ``error`` rows must answer 4xx with the one JSON error shape (pages: the
HTML page with the message), the message containing every ``&&``-separated fragment; ``result``
rows answer 200 with the fragment in the body.  Never a 5xx, a traceback or a hang.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import pytest

CASES = list(csv.DictReader((Path(__file__).parent / "bad_inputs.csv").open(newline="", encoding="utf-8")))
LIMIT_S = 20.0


def test_corpus_is_large_and_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)
    assert {c["expect"] for c in CASES} <= {"error", "result"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, str], client: Any) -> None:
    args = case["args"].replace("{long}", "x" * 300)
    method, _, url = args.partition(" ") if args.startswith(("POST ", "PUT ", "DELETE ")) else ("GET", "", args)
    t0 = time.perf_counter()
    r = client.request(method, url, headers={"accept": "text/html" if not url.startswith("/api/") else "*/*"})
    took = time.perf_counter() - t0
    assert took < LIMIT_S, f"{case['id']} took {took:.1f} s"
    assert r.status_code < 500, r.text[:500]
    assert "Traceback" not in r.text
    frags = [f for f in case["fragment"].split("&&") if f]
    if case["expect"] == "result":
        assert r.status_code == 200, r.text[:300]
        for f in frags:
            assert f in r.text
        return
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    if r.headers["content-type"].startswith("application/json"):
        body = r.json()
        assert set(body) == {"error"}
        err = body["error"]
        assert {"code", "message", "param"} <= set(err)
        assert isinstance(err["message"], str) and err["message"]
        text = err["message"] + " " + str(err["param"])
    else:
        assert r.headers["content-type"].startswith("text/html")
        text = r.text
    for f in frags:
        assert f.lower() in text.lower(), (f, text[:400])
