"""One file of a source, declared with its checksum: a leaf module.

Kept apart from :mod:`bilateral.sources.base` so that
:mod:`bilateral.sources.fetch`, which ``base`` calls to get files onto disk,
can name the type without importing ``base`` back (issue 11: no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFile:
    """One file of a source: where it lives in a mirror, where it comes from,
    and the sha256 it must have."""

    path: str  # relative to the mirror root, e.g. "cow/cow_trade_ndy.rda"
    sha256: str
    url: str | None  # None: no byte-identical origin exists; mirror only

    @property
    def upstream(self) -> dict[str, str] | None:
        """The upstream repository, commit and path, read from the GitHub
        address the declaration gives (one place, not typed twice); None when
        the file has no such origin."""
        from bilateral.sources._github import parse_raw_url

        return parse_raw_url(self.url)
