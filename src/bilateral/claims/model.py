"""The claim checker's data: a claim found in a text, the evidence read for
it, its verdict, and the result of checking a whole text.

Plain dataclasses with ``to_dict`` so that the JSON output, the HTML output
and the web page all read the same fields.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from bilateral.claims.verdicts import VERDICTS  # re-exported: the four verdicts, in the order the outputs list them

#: The kinds of claim the extractor finds (a dated event is an "event": its
#: date is checked with it).
KINDS = ("quantity", "duration", "event", "ranking", "trend", "alignment", "opinion")


@dataclass
class Evidence:
    """One value read from the warehouse (or the ledger) for a claim."""

    description: str
    value: object
    source: str
    year: int | None = None
    tolerance: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Claim:
    """A check-worthy statement: its text and character offsets in the
    checked text, its kind, the normalised reading, and (once verified) a
    verdict with its reason and evidence."""

    text: str
    start: int
    end: int
    kind: str
    normalized: dict = field(default_factory=dict)
    verdict: str = "not_checkable"
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "normalized": self.normalized,
            "verdict": self.verdict,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class CheckResult:
    """Every claim found in ``text``, verified as of ``as_of``."""

    text: str
    as_of: date
    as_of_basis: str
    dyad: tuple[str, ...]
    claims: list[Claim]
    origin: str = "<text>"

    def counts(self) -> dict[str, int]:
        """How many claims got each verdict."""
        return {v: sum(c.verdict == v for c in self.claims) for v in VERDICTS}

    def to_dict(self) -> dict:
        return {
            "origin": self.origin,
            "as_of": self.as_of.isoformat(),
            "as_of_basis": self.as_of_basis,
            "dyad": list(self.dyad),
            "counts": self.counts(),
            "claims": [c.to_dict() for c in self.claims],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=json_default)

    def to_html(self) -> str:
        from bilateral.claims.render_html import render_html

        return render_html(self)


def json_default(value):
    """JSON for the values DuckDB and NumPy hand back (dates, numpy numbers),
    and for statements and evidence (their ``to_dict()``)."""
    from bilateral.evidence import Evidence, Statement

    if isinstance(value, (Statement, Evidence)):
        return value.to_dict()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)
