"""The HTML brief in a real browser: headless Chromium (Debian's ``chromium``).

A copy of the page gets a small probe script: it records load failures,
uncaught errors and ``console.error`` calls, and, once the page has loaded
and its charts are drawn (an interactive brief draws them with Vega after
loading and then sets ``<body data-charts>``; a static one has them as SVG
already), each chart's size on screen and how many marks it drew, and the
page's width. Chromium's ``--dump-dom`` hands the probe's
findings back. A second run saves a full-page screenshot of the brief as a
test artefact, in ``out/test-artifacts/`` (ignored by git), or in
``$BILATERAL_ARTEFACTS`` when set, for a person to look at.

Skips only when no Chromium is installed (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from artefacts import artefacts
from test_report import RENDERED, STATIC, _json, briefs  # noqa: F401

pytestmark = pytest.mark.slow  # a browser renders every chart: `pytest -m "not slow"` skips it

WIDTH = 1366  # a laptop screen
MAX_SHOT_HEIGHT = 32_000  # pixels; beyond this the screenshot is cut, not the check
PROBE = """<script>
window.__problems = [];
window.addEventListener("error", (e) => {
  const t = e.target;
  __problems.push(t && t !== window ? "failed to load " + (t.src || t.href || t.tagName) : "error: " + e.message);
}, true);
window.addEventListener("unhandledrejection", (e) => __problems.push("unhandled rejection: " + e.reason));
const __consoleError = console.error;
console.error = (...args) => { __problems.push("console.error: " + args.join(" ")); __consoleError.apply(console, args); };
function __report() {
  const drawing = document.querySelector(".vega-chart");
  if (drawing && !document.body.dataset.charts) { setTimeout(__report, 50); return; }  // Vega still drawing
  const charts = [...document.querySelectorAll("figure[id^='chart-']")].map((figure) => {
    const svg = figure.querySelector("svg.marks");
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {id: figure.id.slice(6), width: box.width, height: box.height, room: figure.clientWidth,
            marks: svg ? svg.querySelectorAll("g.role-mark > *").length : 0, texts: svg ? svg.querySelectorAll("text").length : 0};
  });
  const out = document.createElement("pre");
  out.id = "bilateral-probe";
  out.hidden = true;
  out.textContent = JSON.stringify({charts, problems: __problems, width: document.documentElement.scrollWidth,
                                    height: document.documentElement.scrollHeight, drawn: document.body.dataset.charts || null,
                                    scripts: document.querySelectorAll("script").length});
  document.body.appendChild(out);
}
window.addEventListener("load", __report);
</script>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    return found


def run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium, offline and quiet, with its console messages on stderr."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run([chromium, *flags, *args], capture_output=True, text=True, timeout=180)


def probe(chromium: str, page: Path, tmp_path: Path) -> tuple[dict, str]:
    """The probe's findings for ``page``, and Chromium's log."""
    copy = tmp_path / "probed.html"
    copy.write_text(page.read_text(encoding="utf-8").replace("<head>", "<head>\n" + PROBE, 1), encoding="utf-8")
    done = run(chromium, tmp_path / "profile", f"--window-size={WIDTH},900", "--virtual-time-budget=10000", "--dump-dom",
               copy.as_uri())
    found = re.search(r'<pre id="bilateral-probe"[^>]*>(.*?)</pre>', done.stdout, re.S)
    assert found, f"the probe reported nothing; Chromium said: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1))), done.stderr


@pytest.mark.parametrize("name", RENDERED)
def test_every_chart_renders_without_console_errors(chromium, briefs, name, tmp_path):
    page = briefs[name] / "report.html"
    found, log = probe(chromium, page, tmp_path)
    assert found["problems"] == []
    if name in STATIC:  # inline SVG: nothing to draw, and no script but the probe
        assert found["drawn"] is None and found["scripts"] == 1
    else:
        assert found["drawn"] == "drawn"
    assert not [line for line in log.splitlines() if "CONSOLE" in line and re.search(r"Uncaught|Error", line)]
    expected = [c["id"] for s in _json(briefs, name)["sections"] for c in s["charts"]]
    assert [c["id"] for c in found["charts"]] == expected
    for chart in found["charts"]:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["marks"] > 0 and chart["texts"] > 3, chart  # data drawn, and a title, axes and labels
        assert chart["width"] <= chart["room"] + 1, chart  # fits its column: no sideways scrolling
    assert found["width"] <= WIDTH, "the page scrolls sideways on a laptop screen"
    if name == "china-belarus":
        shot = artefacts() / f"report-{name}.png"
        height = min(int(found["height"]) + 40, MAX_SHOT_HEIGHT)
        done = run(chromium, tmp_path / "profile", f"--window-size={WIDTH},{height}", f"--screenshot={shot}", page.as_uri())
        assert shot.is_file() and shot.stat().st_size > 50_000, done.stderr[-2000:]


def test_a_script_slipped_into_the_page_does_not_run(chromium, briefs, tmp_path):
    """The brief's Content-Security-Policy allows its own scripts by hash:
    one added after the policy (as injected markup would be) is refused,
    while the charts are still drawn."""
    page = (briefs["china-belarus"] / "report.html").read_text(encoding="utf-8")
    planted = tmp_path / "planted.html"
    planted.write_text(page.replace("</header>", "</header><script>document.body.dataset.planted = 'ran';</script>", 1),
                       encoding="utf-8")
    done = run(chromium, tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom", planted.as_uri())
    body = re.search(r"<body[^>]*>", done.stdout).group(0)
    assert 'data-charts="drawn"' in body and "planted" not in body
