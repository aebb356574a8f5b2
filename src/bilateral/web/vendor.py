"""Third-party browser code the web app serves: Vega, Vega-Lite, vega-embed
and Swagger UI, fetched from the npm registry at set-up time.

None of it is committed: :data:`ASSETS` declares each file (package,
version, path inside the package and sha256), and :func:`fetch` gets it
with ``npm pack`` and writes it to ``static/vendor/`` only when its sha256
matches. The app serves the files from there, so pages work offline and
load nothing from a CDN. ``make setup`` and ``.ci/run`` call::

    python -m bilateral.web.vendor

Vega-Lite is pinned to the version of the schema the chart specs are
written for (:data:`bilateral.report.charts.SCHEMA`), so that vega-embed
renders them as vl-convert does for the HTML brief.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bilateral.errors import BilateralError
from bilateral.paths import write_atomically

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"


@dataclass(frozen=True)
class Asset:
    """One file of one npm package, served as ``/static/vendor/<name>``."""

    package: str
    version: str
    path: str  # inside the package (the tarball's ``package/`` folder)
    sha256: str

    @property
    def name(self) -> str:
        return Path(self.path).name


ASSETS = (
    Asset("vega", "6.4.0", "build/vega.min.js", "8f6a3587cf8d4f42c7e08120e3eb05d067e746d554e39d2dcf52acc0bd5ba28f"),
    Asset("vega-lite", "6.4.1", "build/vega-lite.min.js", "6d5035fdd429b4bc6f91f3754426c3f516f3dbd8e08b105cfc2496bed4ebd254"),
    Asset("vega-embed", "7.3.0", "build/vega-embed.min.js", "b1455caba2fb1a72fb46025ba0ba1316e2dbc7f0dd40a3f6040172bf9c08ba91"),
    Asset("swagger-ui-dist", "5.35.0", "swagger-ui-bundle.js", "e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2"),
    Asset("swagger-ui-dist", "5.35.0", "swagger-ui.css", "5ed08757e53da3e026d6cbecc61fe5d43585c9560b302d534ad56692519a273d"),
)


class VendorError(BilateralError):
    """A third-party asset that cannot be fetched or fails its checksum."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def missing(folder: Path = VENDOR_DIR) -> list[Asset]:
    """The assets absent from ``folder`` or whose sha256 is not the declared one."""
    return [a for a in ASSETS if not (folder / a.name).is_file() or _sha256(folder / a.name) != a.sha256]


def fetch(folder: Path = VENDOR_DIR, npm: str = "npm") -> list[Path]:
    """Fetch every missing asset with ``npm pack``, check its sha256 and write
    it (and the package's licence) into ``folder``; return the files written."""
    todo = missing(folder)
    if not todo:
        return []
    if shutil.which(npm) is None:
        raise VendorError(f"`{npm}` is not installed; install Node.js and npm (Debian: apt-get install npm), then run "
                          "`python -m bilateral.web.vendor`.")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for spec in dict.fromkeys(f"{a.package}@{a.version}" for a in todo):
        with tempfile.TemporaryDirectory() as tmp:
            tarball = _pack(npm, spec, Path(tmp))
            with tarfile.open(tarball) as tar:
                for asset in (a for a in todo if f"{a.package}@{a.version}" == spec):
                    written.append(_extract(tar, asset, folder))
                written.append(_licence(tar, spec.rpartition("@")[0], folder))
    return written


def _pack(npm: str, spec: str, into: Path) -> Path:
    done = subprocess.run([npm, "pack", spec, "--pack-destination", str(into), "--json", "--silent"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise VendorError(f"`npm pack {spec}` failed: {done.stderr.strip()[-500:] or done.stdout.strip()[-500:]}")
    filename = json.loads(done.stdout)[0]["filename"]
    return into / filename


def _extract(tar: tarfile.TarFile, asset: Asset, folder: Path) -> Path:
    member = tar.extractfile(f"package/{asset.path}")
    if member is None:
        raise VendorError(f"{asset.package}@{asset.version} has no file {asset.path}")
    data = member.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != asset.sha256:
        raise VendorError(f"{asset.package}@{asset.version} {asset.path}: sha256 {digest}, expected {asset.sha256}; "
                          "the registry served a different file, so it was not installed.")
    return _write(folder / asset.name, data)


def _licence(tar: tarfile.TarFile, package: str, folder: Path) -> Path:
    member = tar.extractfile("package/LICENSE")
    return _write(folder / f"{package}.LICENSE.txt", member.read() if member else b"")


def _write(path: Path, data: bytes) -> Path:
    return write_atomically(path, data)


def main() -> int:
    try:
        written = fetch()
    except (VendorError, OSError, subprocess.SubprocessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"vendor assets: {len(written)} file(s) written to {VENDOR_DIR}" if written else f"vendor assets up to date in {VENDOR_DIR}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
