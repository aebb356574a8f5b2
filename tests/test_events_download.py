"""Downloading GDELT files from the official lists: size and MD5 checks, a
sha256 record, and resuming an interrupted download — offline, against a
local HTTP server that honours Range requests."""

from __future__ import annotations

import hashlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bilateral.errors import ChecksumMismatchError
from bilateral.events.download import download, fetch_text, parse_gdelt1_lists, parse_master_list, select


class RangeHandler(SimpleHTTPRequestHandler):
    """Serves files, with ``Range: bytes=N-``; counts the bytes it sends."""

    sent: list[int] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        if "Range" in self.headers:
            start = int(self.headers["Range"].split("=")[1].rstrip("-"))
            if start >= len(data):
                self.send_response(416)
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        RangeHandler.sent.append(len(body))  # before the body: once the client has it, the count is there
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server(tmp_path):
    served = tmp_path / "served"
    (served / "gdeltv2").mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    RangeHandler.sent = []
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _publish(served: Path, base: str, files: dict[str, bytes], lie_about: str | None = None) -> None:
    lines = []
    for name, data in files.items():
        (served / "gdeltv2" / name).write_bytes(data)
        md5 = hashlib.md5(data if name != lie_about else b"something else").hexdigest()
        lines.append(f"{len(data)} {md5} {base}/gdeltv2/{name}")
    lines.insert(1, "12345 http://broken.line/without-md5")  # the real list has a few of these
    (served / "gdeltv2" / "masterfilelist.txt").write_text("\n".join(lines) + "\n")


FILES = {
    "20240101000000.export.CSV.zip": b"a" * 5000,
    "20240101000000.mentions.CSV.zip": b"m" * 300,
    "20240101001500.export.CSV.zip": b"b" * 7000,
    "20240102000000.export.CSV.zip": b"c" * 100,
}


def test_master_list_parse_and_select(server):
    served, base = server
    _publish(served, base, FILES)
    entries = parse_master_list(fetch_text(f"{base}/gdeltv2/masterfilelist.txt"))
    assert len(entries) == 4  # the broken line is skipped
    chosen = select(entries, kind="export", start="2024-01-01", end="2024-01-01")
    assert [e.name for e in chosen] == ["20240101000000.export.CSV.zip", "20240101001500.export.CSV.zip"]


def test_download_verifies_records_sha256_and_skips_what_it_has(server, tmp_path):
    served, base = server
    _publish(served, base, FILES)
    entries = select(parse_master_list(fetch_text(f"{base}/gdeltv2/masterfilelist.txt")), start="20240101", end="20240101")
    paths = download(entries, tmp_path / "dl")
    assert [p.read_bytes() for p in paths] == [FILES[e.name] for e in entries]
    sums = (tmp_path / "dl" / "SHA256SUMS").read_text().splitlines()
    assert sums == [f"{hashlib.sha256(FILES[e.name]).hexdigest()}  {e.name}" for e in sorted(entries, key=lambda e: e.name)]
    RangeHandler.sent = []
    download(entries, tmp_path / "dl")
    assert RangeHandler.sent == []  # nothing fetched again


def test_download_resumes_a_partial_file(server, tmp_path):
    served, base = server
    _publish(served, base, FILES)
    entry = [e for e in parse_master_list(fetch_text(f"{base}/gdeltv2/masterfilelist.txt")) if e.name.startswith("20240101001500")]
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / (entry[0].name + ".part")).write_bytes(FILES[entry[0].name][:3000])  # an interrupted download
    RangeHandler.sent = []
    [path] = download(entry, folder)
    assert path.read_bytes() == FILES[entry[0].name]
    assert RangeHandler.sent == [4000]  # only the missing bytes were sent
    assert not (folder / (entry[0].name + ".part")).exists()


def test_a_file_that_does_not_match_the_list_is_refused(server, tmp_path):
    served, base = server
    _publish(served, base, FILES, lie_about="20240102000000.export.CSV.zip")
    entries = select(parse_master_list(fetch_text(f"{base}/gdeltv2/masterfilelist.txt")), start="20240102")
    with pytest.raises(ChecksumMismatchError, match="20240102000000.export.CSV.zip.*MD5"):
        download(entries, tmp_path / "dl")
    assert not any((tmp_path / "dl").glob("20240102*"))


def test_gdelt1_lists():
    md5sums = "0123456789abcdef0123456789abcdef  20130401.export.CSV.zip\nfedcba9876543210fedcba9876543210  GDELT.MASTERREDUCEDV2.1979-2013.zip\n"
    sizes = "1500 20130401.export.CSV.zip\n99 GDELT.MASTERREDUCEDV2.1979-2013.zip\n"
    entries = parse_gdelt1_lists(md5sums, sizes, base="http://x/events/")
    assert [(e.url, e.size) for e in select(entries)] == [("http://x/events/20130401.export.CSV.zip", 1500)]
