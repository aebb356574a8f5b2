"""The OpenAlex co-authorship connector, offline: a local HTTP server answers
with payloads written here in the API's documented ``group_by`` format."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from bilateral.measures.science import ScienceDataError, coauthorship_url, fetch_coauthorship, parse_group_by

#: An OpenAlex /works?group_by=publication_year answer, in the documented shape (keys are strings).
OPENALEX_ANSWER = {
    "meta": {"count": 57, "db_response_time_ms": 31, "page": None, "per_page": 200, "groups_count": 3},
    "results": [],
    "group_by": [
        {"key": "2021", "key_display_name": "2021", "count": 30},
        {"key": "2019", "key_display_name": "2019", "count": 12},
        {"key": "2020", "key_display_name": "2020", "count": 15},
    ],
}


class _Server:
    """A local server that answers every GET with a fixed status and body, and records the paths asked for."""

    def __init__(self):
        self.status, self.body, self.content_type, self.paths = 200, b"{}", "application/json", []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                owner.paths.append(self.path)
                self.send_response(owner.status)
                self.send_header("Content-Type", owner.content_type)
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/works"

    def answer(self, payload=None, *, status: int = 200, raw: bytes | None = None) -> None:
        self.status = status
        self.body = raw if raw is not None else json.dumps(payload).encode()


@pytest.fixture()
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # never send the local request through a proxy
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srv = _Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    thread.join(timeout=5)


def test_counts_per_year_with_zero_for_years_without_a_group(server):
    server.answer(OPENALEX_ANSWER)
    frame = fetch_coauthorship("CN", "BY", (2017, 2022), base=server.base, timeout=5)
    assert list(frame.columns) == ["year", "coauthored_works"]
    assert frame["year"].tolist() == list(range(2017, 2023))
    assert frame["coauthored_works"].tolist() == [0, 0, 12, 15, 30, 0]
    assert frame["coauthored_works"].sum() == sum(g["count"] for g in OPENALEX_ANSWER["group_by"])


def test_the_request_filters_on_both_countries_and_the_year_range(server):
    server.answer(OPENALEX_ANSWER)
    fetch_coauthorship("cn", "by", (2000, 2024), base=server.base, timeout=5)
    assert len(server.paths) == 1
    url = urlsplit(server.paths[0])
    assert url.path == "/works"
    query = parse_qs(url.query)
    assert query["group_by"] == ["publication_year"]
    filters = query["filter"][0].split(",")
    assert "institutions.country_code:CN" in filters and "institutions.country_code:BY" in filters
    assert "publication_year:2000-2024" in filters
    assert coauthorship_url("CN", "BY", (2000, 2024)).startswith("https://api.openalex.org/works?")


def test_an_empty_group_by_is_all_zeros_not_missing(server):
    server.answer({"meta": {"count": 0}, "results": [], "group_by": []})
    frame = fetch_coauthorship("CN", "BY", (2010, 2012), base=server.base, timeout=5)
    assert frame["coauthored_works"].tolist() == [0, 0, 0]


def test_years_outside_the_range_are_dropped(server):
    server.answer({"meta": {}, "results": [], "group_by": [{"key": "2005", "key_display_name": "2005", "count": 4}, {"key": "2019", "key_display_name": "2019", "count": 1}]})
    frame = fetch_coauthorship("CN", "BY", (2018, 2019), base=server.base, timeout=5)
    assert frame.set_index("year")["coauthored_works"].to_dict() == {2018: 0, 2019: 1}


@pytest.mark.parametrize(
    "payload",
    [
        {"meta": {}, "results": []},  # no group_by at all
        {"meta": {}, "results": [], "group_by": {"2019": 12}},  # not a list
        {"meta": {}, "results": [], "group_by": [{"key_display_name": "2019", "count": 12}]},  # no key
        {"meta": {}, "results": [], "group_by": [{"key": "unknown", "key_display_name": "unknown", "count": 3}]},
        {"meta": {}, "results": [], "group_by": [{"key": "2019", "key_display_name": "2019", "count": None}]},
    ],
    ids=["no-group-by", "dict-group-by", "no-key", "non-year-key", "null-count"],
)
def test_malformed_payloads_raise_science_data_error(server, payload):
    server.answer(payload)
    with pytest.raises(ScienceDataError):
        fetch_coauthorship("CN", "BY", (2018, 2020), base=server.base, timeout=5)


def test_a_body_that_is_not_json_raises(server):
    server.answer(raw=b"<html>rate limited</html>")
    with pytest.raises(ScienceDataError, match="could not read OpenAlex"):
        fetch_coauthorship("CN", "BY", (2018, 2020), base=server.base, timeout=5)


@pytest.mark.parametrize("body", [b"[]", b'"busy"'])
def test_a_json_body_that_is_not_an_object_raises_science_data_error(server, body):
    server.answer(raw=body)
    with pytest.raises(ScienceDataError):
        fetch_coauthorship("CN", "BY", (2018, 2020), base=server.base, timeout=5)


@pytest.mark.parametrize("status", [403, 429, 500])
def test_an_error_status_raises(server, status):
    server.answer({"error": "nope"}, status=status)
    with pytest.raises(ScienceDataError):
        fetch_coauthorship("CN", "BY", (2018, 2020), base=server.base, timeout=5)


def test_an_unreachable_server_raises(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ScienceDataError, match="Without a network"):
        fetch_coauthorship("CN", "BY", (2018, 2020), base=f"http://127.0.0.1:{port}/works", timeout=2)


def test_parse_group_by_sorts_by_year():
    frame = parse_group_by(OPENALEX_ANSWER)
    assert frame["year"].tolist() == [2019, 2020, 2021]
    assert frame["coauthored_works"].tolist() == [12, 15, 30]
