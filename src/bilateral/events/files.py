"""Finding the raw files of an ingest run and making them readable by DuckDB.

DuckDB reads plain and gzip-compressed text itself. GDELT ships zip archives,
which DuckDB cannot open, so each archive member is streamed to a scratch
folder first (in 1 MiB chunks: memory stays flat whatever the file size) and
deleted with the folder when the run ends.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from bilateral.errors import SourceFileError

CHUNK = 1 << 20


def expand(paths) -> list[Path]:
    """Files named by ``paths``: files as given, folders by every file inside, sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            found.append(path)
        else:
            raise SourceFileError(f"{path} does not exist; give event files or folders that hold them.")
    if not found:
        raise SourceFileError(f"no event files in {', '.join(map(str, paths))}.")
    return found


def readable(path: Path, scratch: Path) -> list[tuple[Path, str]]:
    """(file DuckDB can read, name to report) for ``path``: itself, or each
    member of a zip archive unpacked into ``scratch``."""
    if path.suffix.lower() != ".zip":
        return [(path, str(path))]
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise SourceFileError(f"{path} is not a readable zip archive ({exc}); download it again.") from exc
    out = []
    with archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            target = scratch / f"{len(list(scratch.iterdir()))}_{Path(member.filename).name}"
            with archive.open(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, CHUNK)
            out.append((target, f"{path}!{member.filename}"))
    return out


def first_lines(path: Path, count: int = 2) -> list[str]:
    """The first ``count`` lines of a text file (gzip-aware), without line ends."""
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        return [line.rstrip("\r\n") for line, _ in zip(handle, range(count))]


def first_line(path: Path) -> str:
    """The first line of a text file (gzip-aware), without its line end."""
    lines = first_lines(path, 1)
    return lines[0] if lines else ""
