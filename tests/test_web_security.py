"""The web app's defences: XSS and SQL-injection probes through every
parameter are refused (400, or 404 where a probe breaks the path) and never
echoed unescaped; the warehouse connection cannot write; security headers
on every response; no inline script; size limits; no stack traces."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "<svg/onload=alert(1)>",
       "';alert(String.fromCharCode(88))//"]
SQL = ["' OR '1'='1", "CHN'; DROP TABLE out_index; --", "1 OR 1=1", "710) UNION SELECT * FROM _sources --",
       "BLR\" OR \"\"=\"", "1; SELECT 1"]
PROBES = XSS + SQL

#: Every query parameter of every route that takes one, with valid values for the others.
QUERY_PARAMS = [
    ("/api/countries", {"q": "CHN"}, "q"),
    ("/api/countries/CHN", {"year": 2000}, "year"),
    ("/api/measures/CHN/BLR", {"start": 2000, "end": 2010}, "start"),
    ("/api/measures/CHN/BLR", {"start": 2000, "end": 2010}, "end"),
    ("/api/partners/BLR", {"dimension": "economic", "year": 2010, "top": 5}, "dimension"),
    ("/api/partners/BLR", {"dimension": "economic", "year": 2010, "top": 5}, "year"),
    ("/api/partners/BLR", {"dimension": "economic", "year": 2010, "top": 5}, "top"),
    ("/api/explain/CHN/BLR", {"third": "RUS"}, "third"),
    ("/api/explain/CHN/BLR", {"peers": "POL,HUN"}, "peers"),
    ("/api/report/CHN/BLR", {"start": 2000, "end": 2010}, "start"),
    ("/api/region/CHN", {"region": "Eastern Europe", "dimension": "composite"}, "region"),
    ("/api/region/CHN", {"region": "Eastern Europe", "dimension": "composite"}, "dimension"),
    ("/dyad", {"a": "CHN", "b": "BLR"}, "a"),
    ("/dyad", {"a": "CHN", "b": "BLR"}, "b"),
    ("/dyad/CHN/BLR", {"start": 2000, "end": 2010}, "end"),
    ("/compare", {"a": "CHN", "b": "BLR"}, "a"),
    ("/compare", {"a": "CHN", "b": "BLR"}, "b"),
    ("/compare", {"a": "CHN", "b": "BLR", "peers": "POL"}, "peers"),
    ("/compare", {"a": "CHN", "region": "Eastern Europe"}, "region"),
    ("/compare", {"a": "CHN", "region": "Eastern Europe"}, "dimension"),
    ("/partners", {"a": "BLR"}, "a"),
    ("/partners", {"a": "BLR"}, "dimension"),
    ("/partners", {"a": "BLR"}, "year"),
]
#: Every path parameter: the route with {} where the probe goes.
PATHS = ["/api/countries/{}", "/api/measures/{}/BLR", "/api/measures/CHN/{}", "/api/partners/{}", "/api/explain/{}/BLR",
         "/api/explain/CHN/{}", "/api/report/{}/BLR", "/api/report/CHN/{}", "/api/region/{}?region=Eastern%20Europe",
         "/dyad/{}/BLR", "/dyad/CHN/{}"]
PAGES = ["/", "/dyad/CHN/BLR", "/compare", "/compare?a=CHN&b=BLR", "/compare?a=CHN&region=Eastern+Europe", "/partners",
         "/partners?a=BLR", "/check", "/sources", "/api/docs"]


def _not_echoed(response, probe: str) -> None:
    assert probe not in response.text or response.headers["content-type"].startswith("application/json") and "<" not in probe
    assert "<script>alert" not in response.text and "onerror=alert" not in response.text and "onload=alert" not in response.text


@pytest.mark.parametrize("probe", PROBES)
@pytest.mark.parametrize("path, params, param", QUERY_PARAMS, ids=[f"{p}:{q}" for p, _, q in QUERY_PARAMS])
def test_probes_in_query_parameters_are_refused(client, path, params, param, probe):
    got = client.get(path, params={**params, param: probe}, follow_redirects=False)
    assert got.status_code == 400, (got.status_code, got.text[:300])
    _not_echoed(got, probe)


@pytest.mark.parametrize("probe", PROBES)
@pytest.mark.parametrize("route", PATHS)
def test_probes_in_path_parameters_are_refused(client, route, probe):
    from urllib.parse import quote

    got = client.get(route.format(quote(probe, safe="")), follow_redirects=False)
    assert got.status_code in (400, 404), (got.status_code, got.text[:300])  # 404: a probe with '/' is no route
    _not_echoed(got, probe)


def test_the_warehouse_connection_is_read_only(web_app):
    import duckdb

    with pytest.raises(duckdb.Error, match="read-only"):
        web_app.state.con.cursor().execute("CREATE TABLE probe (x INTEGER)")


def test_tables_survive_the_injection_probes(client, con):
    for probe in SQL:
        client.get("/api/countries", params={"q": probe})
        client.get(f"/api/partners/{probe}")
    assert con.execute("SELECT count(*) FROM out_index").fetchone()[0] > 0


@pytest.mark.parametrize("page", PAGES)
def test_every_page_sends_security_headers(client, page):
    got = client.get(page)
    assert got.status_code == 200, got.text[:300]
    csp = got.headers["content-security-policy"]
    script = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script.split() == ["'self'"]  # no inline script, no eval, no other host
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["referrer-policy"] == "no-referrer"
    assert got.headers["x-frame-options"] == "DENY"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline, self.sources, self.handlers = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            if "src" in attrs:
                self.sources.append(attrs["src"])
            elif attrs.get("type") != "application/json":
                self.inline.append(tag)
        if tag == "link" and "href" in attrs:
            self.sources.append(attrs["href"])


@pytest.mark.parametrize("page", PAGES)
def test_pages_have_no_inline_script_and_load_nothing_from_other_hosts(client, page):
    parser = _Scripts()
    parser.feed(client.get(page).text)
    assert parser.inline == [] and parser.handlers == []
    assert all(src.startswith("/") and not src.startswith("//") for src in parser.sources), parser.sources


def test_chart_specs_cannot_close_their_script_block(client):
    page = client.get("/dyad/CHN/BLR").text
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S):
        assert "<" not in block  # Jinja's tojson writes < as \\u003c, so no text in a spec can end the block


def test_an_unexpected_error_is_a_plain_500_without_a_traceback(client, monkeypatch):
    from bilateral.measures import api as measures_api
    from bilateral.web import data

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail in /srv/bilateral/web/data.py line 42")

    monkeypatch.setattr(data, "complete", broken)
    monkeypatch.setattr(measures_api, "partners", broken)
    for path in ("/api/countries?q=bel", "/partners?a=BLR"):
        got = client.get(path)
        assert got.status_code == 500
        assert "secret" not in got.text and "Traceback" not in got.text and ".py" not in got.text
        assert got.headers["x-content-type-options"] == "nosniff"  # headers on errors too


def test_a_body_larger_than_the_limit_is_refused(client):
    from bilateral.web.security import MAX_BODY

    got = client.post("/api/check", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/json"})
    assert got.status_code == 413 and "bytes" in got.json()["error"]


def test_a_text_longer_than_the_checker_takes_is_refused(client):
    from bilateral.web.validation import LIMITS

    got = client.post("/api/check", json={"text": "a" * (LIMITS.chars + 1)})
    assert got.status_code == 400 and got.json()["param"] == "text"
    page = client.post("/check", data={"text": "a" * (LIMITS.chars + 1)})
    assert page.status_code == 400


def test_a_binary_upload_is_refused(client):
    got = client.post("/check", files={"file": ("x.bin", b"\x00\x01\x02" * 100, "application/octet-stream")})
    assert got.status_code == 400 and "plain text" in got.text


def test_errors_are_json_under_api_and_pages_elsewhere(client):
    api = client.get("/api/measures/CHN/Narnia")
    assert api.headers["content-type"].startswith("application/json") and "Did you mean" in api.json()["error"] or "No state" in api.json()["error"]
    page = client.get("/dyad/CHN/Narnia")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html") and "Narnia" in page.text
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "home page" in missing.text


def test_pasted_script_comes_back_as_text(client):
    from bilateral.web.check import available

    if not available():
        pytest.skip("this build has no claim checker (bilateral.claims)")
    text = ("China and Belarus traded USD 2 billion in 2014 <script>alert(1)</script>. "
            "Belarus voted with China <img src=x onerror=alert(1)> at the UN in 2015.")
    for response in (client.post("/check", data={"text": text}),
                     client.post("/check", files={"file": ("a.txt", text.encode(), "text/plain")})):
        assert response.status_code == 200, response.text[:300]
        assert "<script>alert" not in response.text and "<img" not in response.text  # shown escaped, if at all
        assert "check-result" in response.text


def test_serve_listens_on_loopback_unless_told_otherwise(warehouse_db, monkeypatch):
    import uvicorn
    from fastapi import FastAPI
    from typer.testing import CliRunner

    from bilateral.cli import app

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kwargs: seen.update(kwargs, app=web))
    result = CliRunner().invoke(app, ["serve", "--db", str(warehouse_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123) and isinstance(seen["app"], FastAPI)
    seen["app"].state.con.close()
    refused = CliRunner().invoke(app, ["serve", "--db", str(warehouse_db), "--port", "70000"])
    assert refused.exit_code != 0
