"""Downloading GDELT's raw files from its official file lists, verified and
resumable.

GDELT publishes, next to its files, the list of every file with its size and
MD5 checksum: ``masterfilelist.txt`` for GDELT 2.0 (one ``size md5 url`` line
per file) and ``md5sums`` plus ``filesizes`` for GDELT 1.0's daily files.
:func:`download` fetches the chosen entries into a folder:

* an interrupted download resumes from its ``.part`` file with an HTTP Range
  request (a server that ignores Range sends the whole file, which replaces
  the part);
* a finished file must have the listed size and MD5, else it is deleted and
  the run stops with an error naming the file;
* each verified file's sha256 is recorded in ``SHA256SUMS`` in the folder, so a
  later run skips files that are present with the recorded size and checksum,
  and ``bilateral events ingest`` reads exactly what was verified.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import requests

from bilateral.errors import ChecksumMismatchError, SourceFileError

MASTER_LIST_V2 = "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
GDELT1_BASE = "http://data.gdeltproject.org/events/"
CHUNK = 1 << 16
_STAMP = re.compile(r"(\d{8})(\d{6})?\.")


@dataclass(frozen=True)
class FileEntry:
    """One file in an official list: where it is, its size and MD5."""

    url: str
    size: int
    md5: str

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    @property
    def date(self) -> str | None:
        """YYYYMMDD from the file name, if it has one."""
        match = _STAMP.match(self.name)
        return match.group(1) if match else None


def parse_master_list(text: str) -> list[FileEntry]:
    """GDELT 2.0's ``masterfilelist.txt``: ``size md5 url`` per line. The
    published list has a few incomplete lines; they are skipped."""
    entries = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isdigit() and re.fullmatch(r"[0-9a-f]{32}", parts[1]):
            entries.append(FileEntry(parts[2], int(parts[0]), parts[1]))
    return entries


def parse_gdelt1_lists(md5sums: str, filesizes: str, base: str = GDELT1_BASE) -> list[FileEntry]:
    """GDELT 1.0's ``md5sums`` (``md5  name``) and ``filesizes`` (``size name``)."""
    sizes = {}
    for line in filesizes.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            sizes[parts[1]] = int(parts[0])
    entries = []
    for line in md5sums.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] in sizes:
            entries.append(FileEntry(base + parts[1], sizes[parts[1]], parts[0]))
    return entries


def fetch_text(url: str, session: requests.Session | None = None, timeout: float = 60.0) -> str:
    """The body of ``url`` as text, or an error that says what to do offline."""
    try:
        response = (session or requests).get(url, timeout=timeout)
        response.raise_for_status()
    except requests.RequestException as exc:
        raise SourceFileError(f"could not fetch the file list {url}: {exc}. Without a network, copy the files by hand and ingest them.") from exc
    return response.text


def select(entries: list[FileEntry], kind: str = "export", start: str | None = None, end: str | None = None) -> list[FileEntry]:
    """Entries of one kind (``export``, ``mentions``, ``gkg``; GDELT 1.0's
    daily files are ``export``) dated from ``start`` to ``end`` (YYYYMMDD or
    YYYY-MM-DD, inclusive)."""
    lo = (start or "").replace("-", "") or "00000000"
    hi = (end or "").replace("-", "") or "99999999"
    return [e for e in entries if f".{kind}." in e.name.lower() and e.date and lo <= e.date <= hi]


def _digest(path: Path, name: str) -> str:
    digest = hashlib.new(name)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _recorded(folder: Path) -> dict[str, str]:
    path = folder / "SHA256SUMS"
    if not path.is_file():
        return {}
    return {name: sha for sha, name in (line.split("  ", 1) for line in path.read_text().splitlines() if "  " in line)}


def _record(folder: Path, name: str, sha: str) -> None:
    recorded = _recorded(folder)
    recorded[name] = sha
    tmp = folder / "SHA256SUMS.tmp"
    tmp.write_text("".join(f"{s}  {n}\n" for n, s in sorted(recorded.items())))
    os.replace(tmp, folder / "SHA256SUMS")


def download(entries: list[FileEntry], folder: Path, session: requests.Session | None = None, timeout: float = 60.0) -> list[Path]:
    """Each entry downloaded into ``folder``, verified; see the module docstring."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    session = session or requests.Session()
    out = []
    for entry in entries:
        target = folder / entry.name
        recorded = _recorded(folder).get(entry.name)
        if target.is_file() and target.stat().st_size == entry.size and recorded and _digest(target, "sha256") == recorded:
            out.append(target)
            continue
        part = folder / (entry.name + ".part")
        _fetch_resuming(entry, part, session, timeout)
        size, md5 = part.stat().st_size, _digest(part, "md5")
        if size != entry.size or md5 != entry.md5:
            part.unlink()
            raise ChecksumMismatchError(
                f"{entry.url}: got {size:,} bytes with MD5 {md5}, but GDELT's list says {entry.size:,} bytes with MD5 {entry.md5}. "
                "The partial file was deleted; run the download again (the file may have been replaced upstream)."
            )
        os.replace(part, target)
        _record(folder, entry.name, _digest(target, "sha256"))
        out.append(target)
    return out


def _fetch_resuming(entry: FileEntry, part: Path, session: requests.Session, timeout: float) -> None:
    have = part.stat().st_size if part.is_file() else 0
    if have > entry.size:
        part.unlink()
        have = 0
    if have == entry.size:
        return
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with session.get(entry.url, headers=headers, stream=True, timeout=timeout) as response:
            if response.status_code == 416:  # nothing left to send: the part is complete
                return
            response.raise_for_status()
            mode = "ab" if have and response.status_code == 206 else "wb"
            with open(part, mode) as sink:
                for chunk in response.iter_content(CHUNK):
                    sink.write(chunk)
    except requests.RequestException as exc:
        raise SourceFileError(f"could not download {entry.url}: {exc}. Run again to resume from {part.name}.") from exc
