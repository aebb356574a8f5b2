"""The claim checker: find the factual claims in an article and test each one
against the warehouse.

Python API (the CLI's ``bilateral check`` and the web app's Check page are
thin layers over it)::

    from bilateral.claims import check_text, check_source
    from bilateral.warehouse import connect

    with connect() as con:
        result = check_text(text, as_of=None, con=con)   # or check_source("article.html" | "-" | URL, con=con)
    result.claims        # [Claim(text, start, end, kind, normalized, verdict, reason, evidence)]
    result.to_json()     # {"claims": [{"text", "start", "end", "kind", "normalized", "verdict", "reason", "evidence": [...]}], ...}
    result.to_html()     # the article, claims highlighted, verdict badges, evidence on click (self-contained)

``as_of`` (a ``datetime.date``) is the date the article speaks from, so that
"32 years ago" and "last year" resolve; when None it is read from a dateline,
else the latest month the text mentions, else today.

The pieces, in the order data flows: ``inputs`` (file, stdin, URL, HTML or
Markdown → text), ``dates`` (dates and the as-of date), ``mentions`` (states
named, through the country resolver), ``extract`` and ``patterns`` (claims
with offsets), ``reads`` (warehouse queries), ``verify``, ``verify_events``
and ``verify_votes`` (verdicts), ``tolerance`` (the tolerance rules, also
rendered into docs/claims.md), ``render_html`` and ``render_terminal``.
Heavy libraries (dateparser, trafilatura, BeautifulSoup) are imported only
when needed, so that ``bilateral check`` starts fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bilateral.claims.model import VERDICTS, CheckResult, Claim, Evidence

__all__ = ["check_text", "check_source", "check_document", "CheckResult", "Claim", "Evidence", "VERDICTS"]


def check_text(text: str, as_of: date | None = None, con=None, origin: str = "<text>", format: str | None = None) -> CheckResult:
    """Check the claims of ``text`` (plain, Markdown or HTML) against the
    warehouse open on ``con`` (the default warehouse when None)."""
    from bilateral.claims.inputs import document_from_text

    return _check(document_from_text(text, origin, format), as_of, con)


def check_source(source: str | Path, as_of: date | None = None, con=None, allow_private: bool = False) -> CheckResult:
    """Check a file, '-' (standard input) or an http(s) URL (one on a
    loopback or private address only with ``allow_private``)."""
    from bilateral.claims.inputs import read_source

    return _check(read_source(source, allow_private), as_of, con)


def check_document(document, as_of: date | None = None, con=None) -> CheckResult:
    """Check a :class:`bilateral.claims.inputs.Document` already read."""
    return _check(document, as_of, con)


def _check(document, as_of: date | None, con) -> CheckResult:
    if con is None:
        from bilateral.warehouse import connect

        with connect() as own:
            return _check(document, as_of, own)
    from bilateral.claims.dates import infer_as_of
    from bilateral.claims.extract import Extractor
    from bilateral.claims.mentions import Gazetteer
    from bilateral.claims.verify import verify_all
    from bilateral.countries import resolver_from_warehouse

    day, basis = infer_as_of(document.text, as_of)
    gazetteer = Gazetteer(resolver_from_warehouse(con), day.year)
    extractor = Extractor(document.text, gazetteer, day)
    claims = extractor.claims()
    names = {m.ccode: m.name for m in extractor.mentions}
    verify_all(con, claims, day, names)
    return CheckResult(document.text, day, basis, tuple(m.name for m in extractor.dyad), claims, document.origin)
