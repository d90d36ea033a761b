"""Playwright driving Debian's Chromium against a live server on loopback.

Each page loads without console errors; picking two states renders a chart; a permalink
restores the view; a chart's CSV download equals the API's data.  Screenshots go to
``$BLOCS_WEB_SHOTS`` (default: the test's tmp folder).
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.report.test_render import CHROMIUM_ARGS, _chromium

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(app: Any) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = _chromium()
    if exe is None:
        pytest.skip("no chromium binary found")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = Path(os.environ.get("BLOCS_WEB_SHOTS") or tmp_path_factory.mktemp("shots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors: list[str] = []
    host = url.split("/", 3)[2]
    page.on("request", lambda req: errors.append(f"off-host request {req.url}") if host not in req.url else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-charts-ready=true]", timeout=30_000)
    return page, errors


PAGES = [
    ("index", "/"),
    ("dyad", "/dyad?a=CHN&b=RUS&years=1985-1991"),
    ("triangle", "/triangle?states=USA,CHN,RUS&years=1960-1975"),
    ("balance", "/balance?year=1962"),
    ("idealpoints", "/idealpoints?years=1985-1991&states=USA,RUS,CHN"),
    ("map", "/map?state=USA&year=1985&measure=un_agree"),
    ("landscape", "/landscape?states=USA,CHN,RUS,UKG&year=1970&set=USA-CHN:1"),
    ("case", "/case"),
    ("events", "/events?a=CHN&b=RUS&states=USA,CHN,RUS"),
    ("apidocs", "/docs"),
]


@pytest.mark.parametrize("name, path", PAGES, ids=[p[0] for p in PAGES])
def test_page_loads_without_console_errors(
    browser: Any, server: str, shots: Path, name: str, path: str, request: pytest.FixtureRequest
) -> None:
    if name == "map":
        request.getfixturevalue("shapes")
    page, errors = _open(browser, server + path)
    assert errors == []
    figs = page.locator("figure.chart")
    for i in range(figs.count()):
        assert figs.nth(i).get_attribute("data-rendered") == "true"
        assert figs.nth(i).locator("svg").count() >= 1
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.close()


def test_pick_two_states_renders_a_chart_and_the_permalink_restores_it(browser: Any, server: str) -> None:
    page, errors = _open(browser, server + "/dyad")
    page.fill("input[name=a]", "China")
    page.fill("input[name=b]", "Russia")
    page.fill("input[name=years]", "1985-1991")
    page.click("form.controls button[type=submit]")
    page.wait_for_selector("body[data-charts-ready=true]", timeout=30_000)
    assert "a=China" in page.url and "b=Russia" in page.url
    assert page.locator("#chart-un svg").count() >= 1
    title = page.locator("#chart-un .title").inner_text()
    assert "CHN–RUS" in title
    permalink = page.url
    page.close()
    again, errors2 = _open(browser, permalink)
    assert again.locator("#chart-un .title").inner_text() == title
    assert again.input_value("input[name=b]") == "Russia"
    assert errors == [] and errors2 == []
    again.close()


def test_download_equals_the_api_data(browser: Any, server: str, client: Any) -> None:
    page, _ = _open(browser, server + "/dyad?a=CHN&b=RUS&years=1985-1991")
    href = page.locator("#chart-un a.dl-csv").get_attribute("href")
    with page.expect_download() as info:
        page.click("#chart-un a.dl-csv")
    text = Path(info.value.path()).read_text()
    with page.expect_download() as svg:
        page.click("#chart-un button.export[data-format=svg]")
    assert Path(svg.value.path()).read_text().lstrip().startswith("<svg")
    with page.expect_download() as png:
        page.click("#chart-un button.export[data-format=png]")
    assert Path(png.value.path()).read_bytes()[:4] == b"\x89PNG"
    assert '<iframe src="/embed/dyad?' in page.locator("#chart-un details.embed-code textarea").input_value()
    page.close()
    shown = pd.read_csv(io.StringIO(text), comment="#")
    api = client.get("/api/v1/dyad?a=CHN&b=RUS&years=1985-1991").json()["rows"]
    assert href is not None and "columns=year%2Cun_agree%2Cun_kappa_sq" in href
    assert shown["year"].tolist() == [r["year"] for r in api]
    assert shown["un_agree"].tolist() == pytest.approx([r["un_agree"] for r in api], nan_ok=True)
    assert shown["un_kappa_sq"].tolist() == pytest.approx([r["un_kappa_sq"] for r in api], nan_ok=True)
