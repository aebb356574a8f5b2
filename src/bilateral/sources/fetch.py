"""Getting a source file onto the local disk, verified.

A file is read from a mirror folder when one is given (``--mirror`` or
``$BILATERAL_MIRROR``); otherwise it is downloaded from its origin into the
user cache, with a progress bar. Either way its sha256 must match the
declaration, so that every number traces back to a known version of the data.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from bilateral.config import cache_dir, mirror_dir
from bilateral.errors import ChecksumMismatchError, SourceFileError
from bilateral.sources.datafile import DataFile

CHUNK = 1 << 16
#: Seconds to wait for a connection, and then for each read: an unreachable
#: host fails in seconds rather than minutes.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path: Path, expected: str) -> Path:
    """Return ``path`` if its sha256 is ``expected``; raise otherwise."""
    actual = sha256_of(path)
    if actual != expected:
        raise ChecksumMismatchError(
            f"checksum mismatch for {path}: expected sha256 {expected}, got {actual}. "
            "The file is not the version this release of bilateral was verified against; "
            "restore the original file (or delete it from the cache to download it again)."
        )
    return path


def fetch(file: DataFile, mirror: Path | str | None = None, progress: bool = True) -> Path:
    """A verified local copy of ``file``: from the mirror, the cache, or its URL."""
    root = mirror_dir(mirror)
    if root is not None:
        path = root / file.path
        if not path.is_file():
            raise SourceFileError(
                f"{file.path} is missing from the mirror {root}. "
                "Check the --mirror folder (it should hold MANIFEST.tsv), or omit --mirror to download."
            )
        return verify(path, file.sha256)

    cached = cache_dir() / file.path
    if cached.is_file() and sha256_of(cached) == file.sha256:
        return cached
    if file.url is None:
        raise SourceFileError(
            f"{file.path} has no public download address (it is a converted file); "
            "pass --mirror DIR or set BILATERAL_MIRROR to a folder that holds it."
        )
    download(file.url, cached, progress=progress)
    return verify(cached, file.sha256)


def download(url: str, dest: Path, progress: bool = True, timeout: float | tuple[float, float] | None = None) -> Path:
    """Download ``url`` to ``dest`` atomically (a partial file never stays at ``dest``),
    saying on stderr what is fetched, so a slow network is never silent."""
    import requests  # only to download

    timeout = timeout if timeout is not None else (CONNECT_TIMEOUT, READ_TIMEOUT)
    if progress:
        print(f"fetching {url} -> {dest}", file=sys.stderr, flush=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=dest.name + ".", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, requests.get(url, stream=True, timeout=timeout) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length") or 0) or None
            with Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                disable=not progress,
                transient=True,
            ) as bar:
                task = bar.add_task(f"download {dest.name}", total=total)
                for chunk in response.iter_content(CHUNK):
                    out.write(chunk)
                    bar.update(task, advance=len(chunk))
        os.replace(tmp, dest)
    except requests.RequestException as exc:
        raise SourceFileError(
            f"could not download {url}: {exc}. Without a network, pass --mirror DIR "
            "(or set BILATERAL_MIRROR) to a folder holding the source files."
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return dest
