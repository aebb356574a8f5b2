"""Where files are written: checks on the folders a command writes into, made
before the work starts (a report that cannot be written fails in a second
with a message naming the path, not after the brief is built or with a
traceback); atomic writes; and the private folders of the user cache, whose
files are loaded as code or inlined into pages, so only our own are read."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from bilateral.errors import BilateralError


class OutputPathError(BilateralError):
    """An output folder or file that cannot be written."""


def check_out_folder(out: Path | str, names: list[str]) -> None:
    """Refuse ``out`` when it is a file (``/dev/null`` included), lies under a
    file, cannot be created or written, or when one of ``names`` inside it is
    a folder. Nothing is created here."""
    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise OutputPathError(f"--out {out} is a file, not a folder; give a folder to write {', '.join(names)} into.")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputPathError(f"--out {out}: {existing} is a file, so no folder can be made under it; choose another --out.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputPathError(f"--out {out}: cannot write in {existing} (permission denied or a read-only file system); choose another --out.")
    for name in names:
        target = out / name
        if target.is_dir():
            raise OutputPathError(f"{target} is a folder, so {name} cannot be written there; move it away or choose another --out.")
        if target.exists() and not os.access(target, os.W_OK):
            raise OutputPathError(f"{target} is read-only; choose another --out or make it writable.")


def write_atomically(path: Path, data: str | bytes, mode: int = 0o644) -> Path:
    """Write ``data`` through a temporary file beside ``path``, so that a
    reader never sees half a file; the temporary file is created exclusively
    under an unpredictable name, and on any failure (a full disk, a folder in
    the way) it is removed and the error raised. ``mode``: the file's
    permissions (0600 for a private cache file)."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def private_folder(folder: Path) -> bool:
    """Whether ``folder`` is ours alone: created (mode 0700, with its parents)
    when missing, then owned by this user and writable by no one else. A cache
    file outside such a folder is neither read nor written, since another user
    could have planted it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cached(path: Path, binary: bool = False) -> str | bytes | None:
    """A cache file's content, or None when it is missing, unreadable, not
    text, or not in a :func:`private_folder`."""
    if not private_folder(path.parent):
        return None
    try:
        return path.read_bytes() if binary else path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def keep_in_cache(path: Path, data: str | bytes) -> None:
    """Store a cache file atomically in a private folder; a cache folder that
    cannot be written (read-only, full, not ours) is skipped, since a cache is
    never worth an error."""
    if not private_folder(path.parent):
        return
    try:
        write_atomically(path, data, mode=0o600)
    except OSError:
        pass
