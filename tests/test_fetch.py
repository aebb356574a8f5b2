"""Getting source files: mirror, cache and download, each verified by sha256;
bad files fail with an error that names the file."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading

import pandas as pd
import pytest

from bilateral.checks import check_columns
from bilateral.errors import ChecksumMismatchError, SourceFileError, SourceSchemaError
from bilateral.sources.base import DataFile
from bilateral.sources.cow_trade import SOURCE as COW_TRADE
from bilateral.sources.fetch import fetch
from bilateral.sources.readers import read_r
from bilateral.sources.states import COW_STATES

MAJORS = "peacesciencer/cow_majors.rda"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_mirror_file_is_verified(mirror):
    path = fetch(COW_STATES, mirror=mirror)
    assert path == (mirror / COW_STATES.path).resolve()


def test_checksum_mismatch_names_the_file_and_both_hashes(mirror, tmp_path):
    (tmp_path / "cow").mkdir()
    data = (mirror / COW_STATES.path).read_bytes()
    (tmp_path / COW_STATES.path).write_bytes(data[:-10] + b"0123456789")
    with pytest.raises(ChecksumMismatchError) as error:
        fetch(COW_STATES, mirror=tmp_path)
    message = str(error.value)
    assert COW_STATES.path in message
    assert COW_STATES.sha256 in message
    assert _sha((tmp_path / COW_STATES.path).read_bytes()) in message


def test_missing_mirror_file_says_which(tmp_path):
    with pytest.raises(SourceFileError, match="cow/cow_states.rda is missing from the mirror"):
        fetch(COW_STATES, mirror=tmp_path)


def test_truncated_file_is_reported_as_corrupt(mirror, tmp_path):
    truncated = tmp_path / "cow_states.rda"
    truncated.write_bytes((mirror / COW_STATES.path).read_bytes()[:500])
    with pytest.raises(SourceFileError, match="truncated or corrupt"):
        read_r(truncated, "cow_states")


def test_garbage_file_is_reported_as_corrupt(tmp_path):
    garbage = tmp_path / "garbage.rda"
    garbage.write_bytes(b"this is not an R data file")
    with pytest.raises(SourceFileError, match="garbage.rda"):
        read_r(garbage)


def test_missing_column_is_named(mirror):
    spec = COW_TRADE.table()
    frame = spec.clean(spec.read(COW_TRADE.paths(mirror))).drop(columns=["imports2_musd"])
    with pytest.raises(SourceSchemaError, match="imports2_musd"):
        check_columns(frame, spec, where="cow_trade.dyad_year")


@pytest.fixture()
def file_server(mirror, tmp_path):
    """A local HTTP server holding one mirror file, standing in for the origin."""
    root = tmp_path / "origin"
    (root / "peacesciencer").mkdir(parents=True)
    shutil.copy(mirror / MAJORS, root / MAJORS)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_into_cache_then_reuse(file_server, mirror, tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BILATERAL_MIRROR", raising=False)
    sha = _sha((mirror / MAJORS).read_bytes())
    file = DataFile(MAJORS, sha, f"{file_server}/{MAJORS}")
    path = fetch(file, progress=False)
    assert path == tmp_path / "cache" / MAJORS
    assert len(read_r(path, "cow_majors")) == 14
    # a second fetch uses the cache: it works with the origin gone
    offline = DataFile(MAJORS, sha, "http://127.0.0.1:9/unreachable")
    assert fetch(offline, progress=False) == path


def test_download_with_wrong_checksum_keeps_nothing(file_server, tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BILATERAL_MIRROR", raising=False)
    file = DataFile(MAJORS, "0" * 64, f"{file_server}/{MAJORS}")
    with pytest.raises(ChecksumMismatchError):
        fetch(file, progress=False)


def test_unreachable_origin_says_to_use_a_mirror(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BILATERAL_MIRROR", raising=False)
    file = DataFile("x/none.rda", "0" * 64, "http://127.0.0.1:9/none.rda")
    with pytest.raises(SourceFileError, match="--mirror"):
        fetch(file, progress=False)
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_file_without_origin_needs_a_mirror(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BILATERAL_MIRROR", raising=False)
    with pytest.raises(SourceFileError, match="no public download address"):
        fetch(DataFile("codes/x.csv", "0" * 64, None), progress=False)


def test_download_urls_match_the_manifest(mirror):
    """Every declared file's sha256 and origin agree with the mirror's MANIFEST."""
    from bilateral.warehouse import registered

    manifest = pd.read_csv(mirror / "MANIFEST.tsv", sep="\t").set_index("file")
    for _, source in registered():
        for file in source.files:
            row = manifest.loc[file.path]
            assert file.sha256 == row["sha256"], file.path
            if file.url is not None:
                assert file.url.endswith(f"{row['repository']}/{row['commit']}/{row['path_in_repository']}"), file.path
