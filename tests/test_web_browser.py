"""The web app end to end in real Chromium (Debian's ``chromium``), driven
by Playwright for Python over a uvicorn server on loopback.

A person's path: pick China and Belarus through the autocomplete, see
every chart drawn with no console error, open a sentence's evidence, narrow
the years, look at a region, and check the seed essay (when the build has
the claim checker). Every page load is watched for console errors,
uncaught exceptions, Content-Security-Policy violations (Chromium reports
them as console errors) and failed requests.

Skips only when Chromium or Playwright is missing (Debian: ``apt-get
install chromium``; ``pip install -e '.[test]'``). Playwright downloads no
browser here: it is given Chromium's path.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from artefacts import artefacts

pytestmark = pytest.mark.slow  # a browser drives the web app: `pytest -m "not slow"` skips it

REPO = Path(__file__).resolve().parents[1]
SEED = Path(os.environ.get("BILATERAL_SEED_ARTICLE", REPO.parent / "shared" / "examples" / "seed-article.txt"))
#: Offline and quiet: without the background-networking flags Chromium keeps trying to reach Google's hosts.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=FLAGS)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_app):
    """The app served by uvicorn in a thread on a free loopback port."""
    import uvicorn

    port = _free_port()
    running = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


class Watched:
    """A page with every console error, uncaught exception and failed request recorded in ``problems``."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))


@pytest.fixture()
def watched(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield Watched(context)
    context.close()


def _pick(page, field: str, typed: str, name: str) -> None:
    page.locator(f"#pick-{field}").press_sequentially(typed, delay=40)
    option = page.locator(f"#pick-{field}-list [role=option]", has_text=name).first
    option.wait_for(state="visible", timeout=10_000)
    option.click()
    assert page.locator(f"#pick-{field}").input_value() == name


def _charts_drawn(page) -> list[dict]:
    """Wait until every chart is drawn (or failed); each chart's state and how many marks its SVG holds."""
    expected = page.locator("script[type='application/json'][id^=spec-]").count()
    page.wait_for_function(f"document.querySelectorAll('div.vega[data-rendered]').length === {expected}", timeout=90_000)
    return page.eval_on_selector_all(
        "div.vega", "divs => divs.map(d => ({id: d.dataset.spec, state: d.dataset.rendered, "
                    "marks: d.querySelectorAll('svg g.role-mark > *').length, width: (d.querySelector('svg.marks') || {clientWidth: 0}).clientWidth}))")


def test_pick_china_and_belarus_and_every_chart_renders(server, watched):
    page = watched.page
    page.goto(server + "/")
    _pick(page, "a", "Chin", "China")
    _pick(page, "b", "Byel", "Belarus")  # an alias: the suggestion names the state
    page.click("#pair-form button[type=submit]")
    page.wait_for_url("**/dyad/CHN/BLR", timeout=90_000)
    assert page.locator("h1").inner_text().startswith("China and Belarus")
    charts = _charts_drawn(page)
    assert len(charts) >= 5, charts
    for chart in charts:
        assert chart["state"] == "true" and chart["marks"] > 0 and chart["width"] > 100, chart
    assert watched.problems == []
    page.screenshot(path=str(artefacts() / "web-china-belarus.png"))  # the top of the page, for a person to look at


def test_a_sentence_opens_its_evidence(server, watched):
    page = watched.page
    page.goto(server + "/dyad/CHN/BLR")
    first = page.locator("details.sentence").first
    assert first.locator("table.evidence").is_hidden()
    first.locator("summary").click()
    evidence = first.locator("table.evidence")
    assert evidence.is_visible()
    rows = evidence.locator("tbody tr")
    assert rows.count() >= 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[0] and cells[1] and (cells[2].isdigit() or "-" in cells[2] or "/" in cells[2])  # source, measure, year or date
    _charts_drawn(page)
    assert watched.problems == []


def test_the_year_range_control_narrows_the_brief(server, watched):
    page = watched.page
    page.goto(server + "/dyad/CHN/BLR")
    page.fill("#start", "2000")
    page.fill("#end", "2010")
    page.click("#year-range button[type=submit]")
    page.wait_for_url("**/dyad/CHN/BLR?start=2000&end=2010", timeout=90_000)
    assert "2000–2010" in page.locator("h1").inner_text()
    assert all(c["state"] == "true" for c in _charts_drawn(page))
    assert watched.problems == []


def test_china_across_eastern_europe(server, watched):
    page = watched.page
    page.goto(server + "/compare")
    _pick(page, "region-a", "PRC", "China")
    page.select_option("#region", "Eastern Europe")
    page.click("#region-form button[type=submit]")
    page.wait_for_selector("#region-result table.ranked tbody tr")
    names = page.locator("#region-result table.ranked tbody tr td:nth-child(2)").all_inner_texts()
    assert "Belarus" in names and "Poland" in names
    assert all(c["state"] == "true" and c["marks"] > 0 for c in _charts_drawn(page))
    assert watched.problems == []


def test_check_the_seed_essay(server, watched):
    from bilateral.web.check import available

    if not available():
        pytest.skip("this build has no claim checker (bilateral.claims); the Check page says so")
    if not SEED.is_file():
        pytest.skip(f"no seed essay at {SEED}")
    page = watched.page
    page.goto(server + "/check")
    page.set_input_files("#file", str(SEED))
    page.click("#check-form button[type=submit]")
    page.wait_for_selector("#check-result", timeout=120_000)
    claims = page.locator("ol.claims > li")
    assert claims.count() > 0
    assert page.locator(".annotated a.claim").count() > 0
    claims.first.locator("summary").click()
    assert claims.first.locator("p").first.is_visible()  # the reason
    assert watched.problems == []
    page.locator("#check-result").screenshot(path=str(artefacts() / "web-check-seed-essay.png"))


def test_the_check_page_without_a_checker_says_so(server, watched):
    from bilateral.web.check import available

    if available():
        pytest.skip("this build has the claim checker")
    page = watched.page
    page.goto(server + "/check")
    assert "not available in this build" in page.locator("#check-unavailable").inner_text()
    assert watched.problems == []
