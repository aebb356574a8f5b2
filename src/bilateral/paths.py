"""Checks on the folders a command writes into, made before the work starts,
so that a report that cannot be written fails in a second with a message
naming the path, not after the brief is built or with a traceback."""

from __future__ import annotations

import os
import threading
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


def write_atomically(path: Path, text: str) -> Path:
    """Write ``text`` through a temporary file beside ``path``, so that a
    reader never sees half a file; on any failure (a full disk, a folder in
    the way) the temporary file is removed and the error raised."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def keep_in_cache(path: Path, text: str) -> None:
    """Store a cache file atomically; a cache folder that cannot be written
    (read-only, full) is skipped, since a cache is never worth an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError:
        pass
