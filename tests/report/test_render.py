"""The built page in headless Chromium: every section present, no NaN/None/error shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from blocs.report import CASES, CaseReport

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_BAD_ANY_CASE = re.compile(r"\bnan\b|\binf\b|\bNaT\b|traceback|undefined|\berror\b|exception", re.I)
_BAD_EXACT = re.compile(r"\bNone\b|\bnull\b|<NA>")


class _Bad:
    """Text a report must never show: missing-value spellings, errors, tracebacks."""

    @staticmethod
    def search(text: str) -> re.Match[str] | None:
        return _BAD_ANY_CASE.search(text) or _BAD_EXACT.search(text)


BAD = _Bad()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def page(report: CaseReport):  # type: ignore[no-untyped-def]
    exe = _chromium()
    if exe is None:
        pytest.skip("no chromium binary found (looked for chromium, chromium-browser, /usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1100, "height": 900})
        pg.goto(report.index.resolve().as_uri())
        pg.wait_for_load_state("load")
        yield pg
        browser.close()


def test_screenshot_and_every_section_heading(page, report: CaseReport) -> None:  # type: ignore[no-untyped-def]
    shot = report.out / "screenshot.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    headings = page.locator("section > h2").all_inner_texts()
    _, all_specs = CASES["sino-soviet"]
    specs = [s for s in all_specs if not s.requires]  # built without --events: no event section
    assert len(headings) == len(specs)
    for spec, heading in zip(specs, headings, strict=True):
        assert spec.title in heading
        assert page.locator(f"section#{spec.id}").count() == 1


def test_no_nan_none_or_error_in_text_or_numbers(page) -> None:  # type: ignore[no-untyped-def]
    body = page.locator("main").inner_text()
    assert not BAD.search(body), BAD.search(body)
    nums = page.locator("span.num").all_inner_texts()
    assert nums, "the page shows no registered numbers"
    for text in nums:
        assert text.strip() and not BAD.search(text), text


def test_every_figure_loads(page, report: CaseReport) -> None:  # type: ignore[no-untyped-def]
    imgs = page.locator("figure img")
    assert imgs.count() >= 3
    for i in range(imgs.count()):
        img = imgs.nth(i)
        width = img.evaluate("el => el.complete ? el.naturalWidth : 0")
        assert width > 100, img.get_attribute("src")
        for attr in ("alt", "src"):
            assert not BAD.search(img.get_attribute(attr) or ""), attr
    for cap in page.locator("figcaption").all_inner_texts():
        assert not BAD.search(cap), cap


def test_unavailable_parts_are_declared_not_faked(page, report: CaseReport) -> None:  # type: ignore[no-untyped-def]
    for sec in report.sections:
        box = page.locator(f"section#{sec.id} .missing")
        if sec.missing:
            text = box.inner_text()
            assert "Not yet available" in text
            for need in sec.missing:
                assert need.split(" ")[0] in text
        else:
            assert box.count() == 0
        if sec.status == "unavailable":
            assert page.locator(f"section#{sec.id} span.num").count() == 0
