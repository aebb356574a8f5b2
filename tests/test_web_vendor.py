"""The third-party browser code: declared with versions and sha256, pinned
to the Vega-Lite the chart specs are written for, and never installed when
its checksum is wrong (checked offline with a stand-in for npm)."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile
from pathlib import Path

import pytest

from bilateral.report.charts import SCHEMA
from bilateral.web import vendor


def test_vega_lite_is_the_version_the_specs_declare():
    pinned = next(a.version for a in vendor.ASSETS if a.package == "vega-lite")
    assert SCHEMA.endswith(f"/v{pinned}.json"), (SCHEMA, pinned)


def test_every_asset_has_a_sha256():
    for asset in vendor.ASSETS:
        assert len(asset.sha256) == 64 and int(asset.sha256, 16) >= 0


def _fake_npm(tmp_path: Path, files: dict[str, bytes]) -> str:
    """A stand-in for `npm pack` that writes a tarball holding ``files`` (paths inside package/)."""
    tarball = tmp_path / "pkg.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name, data in {**files, "LICENSE": b"licence text"}.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    script = tmp_path / "npm"
    script.write_text(f"""#!/bin/sh
# args: pack SPEC --pack-destination DIR --json --silent
cp {tarball} "$4/pkg.tgz"
echo '{json.dumps([{"filename": "pkg.tgz"}])}'
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_file_with_the_wrong_checksum_is_not_installed(tmp_path, monkeypatch):
    asset = vendor.Asset("example", "1.0.0", "build/example.min.js", hashlib.sha256(b"the real file").hexdigest())
    monkeypatch.setattr(vendor, "ASSETS", (asset,))
    npm = _fake_npm(tmp_path, {"build/example.min.js": b"a tampered file"})
    folder = tmp_path / "vendor"
    with pytest.raises(vendor.VendorError, match="sha256"):
        vendor.fetch(folder, npm=npm)
    assert not (folder / "example.min.js").exists()
    assert vendor.missing(folder) == [asset]


def test_a_file_with_the_right_checksum_is_installed_once(tmp_path, monkeypatch):
    asset = vendor.Asset("example", "1.0.0", "build/example.min.js", hashlib.sha256(b"the real file").hexdigest())
    monkeypatch.setattr(vendor, "ASSETS", (asset,))
    npm = _fake_npm(tmp_path, {"build/example.min.js": b"the real file"})
    folder = tmp_path / "vendor"
    written = vendor.fetch(folder, npm=npm)
    assert (folder / "example.min.js").read_bytes() == b"the real file"
    assert folder / "example.LICENSE.txt" in written
    assert vendor.missing(folder) == [] and vendor.fetch(folder, npm=npm) == []


def test_without_npm_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(vendor, "ASSETS", (vendor.Asset("example", "1", "x.js", "0" * 64),))
    with pytest.raises(vendor.VendorError, match="apt-get install npm"):
        vendor.fetch(tmp_path, npm="no-such-npm-here")


def test_pages_say_so_when_the_chart_libraries_are_missing(web_app, client):
    found = web_app.state.vendor_missing  # (pytest's monkeypatch would delete, not restore, a Starlette State attribute)
    web_app.state.vendor_missing = ["vega.min.js"]
    try:
        page = client.get("/compare?a=CHN&region=Eastern+Europe").text
    finally:
        web_app.state.vendor_missing = found
    assert "python -m bilateral.web.vendor" in page and "/static/vendor/vega.min.js" not in page
