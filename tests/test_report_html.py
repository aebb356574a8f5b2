"""The brief's HTML comes from Jinja2 templates with autoescaping (issue 11,
architecture): text from the data is escaped by the template engine wherever
it lands (element text, attribute values), a link from a data file is
followed only when it is http(s), and the renderer holds no markup of its own.

Built from a hand-made brief; its one chart, in the tests that add it, is
never drawn here (the bundle and the SVGs are stubbed). The real briefs are
rendered by test_report and test_report_browser.
"""

from __future__ import annotations

import inspect
import json
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.evidence import Evidence
from bilateral.report import render_html
from bilateral.report.model import Brief, Party, Section, Statement, SourceRef, Table

HOSTILE = "<script>alert('x')</script> & \"quoted\" <b onmouseover=\"steal()\">"


class _Page(HTMLParser):
    """Tags with their attributes, and the text, as a browser's parser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def _brief(text: str, url: str = "https://example.org/row") -> Brief:
    evidence = Evidence(source="ledger", measure=text, value=text, unit=text, date="2024-01-02", table=text, reporter=text,
                        url=url, note=text)
    listing = Table(id="events", title=text, columns=(text, "value"), rows=((text, 1.5), ("plain", None)), source="ledger",
                    links=(url, None), flags=(text, None))
    section = Section(id="timeline", title=text, sentences=[Statement(text, (evidence,), topic=text)], tables=[listing])
    source = SourceRef(id="ledger", title=text, citation=text, version=text, coverage=(1992, 2024), gaps=text,
                       homepage="https://example.org")
    return Brief(a=Party("CHN", text, 710), b=Party("BLR", "Belarus", 370), years=(1992, 2024), sections=[section],
                 sources=[source], meta={"generated": text, "method": text})


def test_data_text_is_escaped_wherever_it_lands():
    page = render_html.render_html(_brief(HOSTILE))
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags if tag in ("script", "b")] == []  # no element came from the data
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    text = "".join(parsed.text)
    assert text.count(HOSTILE) >= 10  # title, heading, topic, sentence, evidence cells, listing, source, footer ...
    titles = [attrs["title"] for tag, attrs in parsed.tags if "title" in attrs]
    assert f"Source: {HOSTILE}" in titles and HOSTILE in titles  # attribute values hold the text whole
    assert ("tr", {"class": HOSTILE}) in parsed.tags  # a row flag stays inside its attribute


def test_a_link_from_a_data_file_is_followed_only_when_http():
    page = _parse(render_html.render_html(_brief("a sentence", url="javascript:alert(1)")))
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    assert hrefs.count("#") == 2  # the evidence row's source link and the listing's first cell, defused
    good = _parse(render_html.render_html(_brief("a sentence")))
    assert [attrs["href"] for tag, attrs in good.tags if tag == "a"].count("https://example.org/row") == 2


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and "\r" not in t and "\x00" not in t))
def test_any_text_comes_back_unchanged_from_the_page(text):
    parsed = _parse(render_html.render_html(_brief(text)))
    assert text in "".join(parsed.text)
    assert all(tag not in ("script", "iframe", "img", "object") for tag, _ in parsed.tags)


def test_the_renderer_writes_no_markup_of_its_own():
    """Markup lives in the templates; the module only formats values."""
    source = inspect.getsource(render_html)
    assert not re.findall(r"<(?:li|tr|td|th|table|section|details|a|dt|dd|figure)\b", source.split('"""', 2)[2])
    assert render_html._templates().autoescape is True


def _charted(text: str) -> Brief:
    """The hand-made brief with one chart whose spec carries ``text`` in its title and data."""
    from bilateral.report.model import Chart

    brief = _brief(text)
    spec = {"title": text, "data": {"values": [{"label": text, "value": 1}, {"label": "two\u2028lines", "value": 2}]},
            "mark": "bar", "encoding": {"x": {"field": "label", "type": "nominal"}, "y": {"field": "value", "type": "quantitative"}}}
    brief.sections[0].charts.append(Chart(id="hostile", title=text, spec=spec, source_note=text))
    return brief


def _policy(page: str) -> str:
    """The page's Content-Security-Policy, as a browser reads the meta element."""
    [(tag, attrs)] = [(t, a) for t, a in _parse(page).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    return attrs["content"]


def _digest(text: str) -> str:
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _scripts(page: str) -> list[tuple[str, str]]:
    """Each script element's opening-tag attributes and text, as a browser's parser splits them."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S | re.I)


def test_an_interactive_chart_carries_its_spec_whole_and_no_markup_from_the_data(monkeypatch):
    """The spec is the only place data text meets a script element: written as
    JSON with every < > & escaped, it cannot end the element or open another,
    and parses back to the very spec; the code is the bundle and the drawing script."""
    from bilateral.report import vega_bundle

    monkeypatch.setattr(vega_bundle, "bundle", lambda: "window.vegaEmbed = function () {};")
    brief = _charted(HOSTILE + "</script><script>steal()</script>")
    page = render_html.render_html(brief)
    scripts = _scripts(page)
    assert [attrs for attrs, _ in scripts] == [' type="application/json" id="spec-hostile"', "", ""]
    assert json.loads(scripts[0][1]) == brief.sections[0].charts[0].spec
    assert not re.search(r"[<>&\u2028]", scripts[0][1])
    assert scripts[1][1] == "window.vegaEmbed = function () {};" and "vegaEmbed(box, spec" in scripts[2][1]
    policy = _policy(page)  # each script runs because its hash is listed, and nothing else can
    assert [f"'sha256-{_digest(text)}'" for _, text in scripts[1:]] == re.findall(r"'sha256-[^']+'", policy)
    assert "connect-src 'none'" in policy and "default-src 'none'" in policy
    assert [tag for tag, _ in _parse(page).tags if tag in ("script", "b")] == ["script"] * 3
    assert 'class="vega-chart" data-spec="spec-hostile"' in page and "<noscript>" in page


def test_a_static_chart_is_inline_svg_and_the_page_has_no_script(monkeypatch):
    from bilateral.report import render_html as module
    from bilateral.report import svg

    monkeypatch.setattr(svg, "to_svgs", lambda charts: {c.id: f'<svg role="img" aria-label="{c.id}"></svg>' for c in charts})
    page = module.render_html(_charted(HOSTILE), charts="static")
    assert _scripts(page) == [] and '<figure id="chart-hostile"><svg role="img" aria-label="hostile"></svg>' in page
    assert "script-src 'none'" in _policy(page)
    assert "vega-chart" not in page


def test_an_unknown_way_to_draw_charts_is_refused():
    import pytest

    with pytest.raises(ValueError, match="choose one of interactive, static"):
        render_html.render_html(_brief("x"), charts="pretty")
