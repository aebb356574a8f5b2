"""One UN General Assembly roll-call table from two sources: unvotes (1946 to
14 January 2020) and the UN's machine-readable resolutions (unxml, September
2019 to June 2026).

- ``out_un_roll_calls``: one row per recorded vote, with ``source``
  ('unvotes' or 'unxml'), the resolution symbol, date, year and title.
- ``out_un_votes``: one row per state and recorded vote.

Where the two overlap (session 74, to January 2020), a resolution both hold
is taken from unvotes, so nothing is counted twice; unxml adds only the
resolutions unvotes lacks. unxml roll calls get ids from
:data:`UNXML_RCID_BASE` up, in order of date and symbol, so that they never
collide with unvotes' ``rcid``. The scopes differ: unxml holds adopted
resolutions only (no votes on amendments, paragraphs or failed drafts).

:func:`overlap_agreement` compares the two sources state by state on the
resolutions both hold; the build fails if they agree on fewer than
:data:`MIN_OVERLAP_AGREEMENT` of the shared state votes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bilateral.errors import SourceSchemaError

UNXML_RCID_BASE = 100_000
#: Share of shared state votes on which unvotes and unxml must agree.
MIN_OVERLAP_AGREEMENT = 0.99

ROLL_CALLS_SQL = f"""
CREATE TABLE out_un_roll_calls AS
SELECT rcid, 'unvotes' AS source, unres AS symbol, CAST(session AS VARCHAR) AS session, date, year,
       short AS title, amend, para
FROM core_unvotes__roll_calls
UNION ALL
SELECT {UNXML_RCID_BASE} + row_number() OVER (ORDER BY date, symbol) AS rcid, 'unxml' AS source, symbol, session,
       date, year, title, 0 AS amend, 0 AS para
FROM core_unxml__resolutions
WHERE recorded AND states_listed > 0
  AND symbol NOT IN (SELECT unres FROM core_unvotes__roll_calls WHERE unres IS NOT NULL)
ORDER BY rcid
"""

VOTES_SQL = """
CREATE TABLE out_un_votes AS
SELECT v.rcid, 'unvotes' AS source, r.unres AS symbol, coalesce(r.short, r.descr) AS title, v.ccode, v.iso3, v.date, v.year, v.vote
FROM core_unvotes__votes v JOIN core_unvotes__roll_calls r USING (rcid)
WHERE v.ccode IS NOT NULL
UNION ALL
SELECT r.rcid, 'unxml' AS source, x.symbol, r.title, x.ccode, x.iso3, x.date, x.year, x.vote
FROM core_unxml__votes x JOIN out_un_roll_calls r ON r.source = 'unxml' AND r.symbol = x.symbol
ORDER BY rcid, ccode
"""

OVERLAP_SQL = """
SELECT r.unres AS symbol, v.ccode, v.vote AS vote_unvotes, x.vote AS vote_unxml
FROM core_unvotes__votes v
JOIN core_unvotes__roll_calls r USING (rcid)
JOIN core_unxml__votes x ON x.symbol = r.unres AND x.ccode = v.ccode
"""

#: What each column of the two tables holds.
COLUMNS = {
    "out_un_roll_calls": {
        "rcid": "roll-call id: unvotes' own, or 100000 + n for unxml resolutions",
        "source": "'unvotes' or 'unxml'",
        "symbol": "resolution symbol (NULL for some unvotes roll calls)",
        "session": "General Assembly session (74, ES-11, …)",
        "date": "date of the vote",
        "year": "year of the vote",
        "title": "short title",
        "amend": "1 if a vote on an amendment (unxml: 0, it holds adopted resolutions only)",
        "para": "1 if a vote on a paragraph (unxml: 0)",
    },
    "out_un_votes": {
        "rcid": "roll-call id (joins out_un_roll_calls)",
        "source": "'unvotes' or 'unxml'",
        "symbol": "resolution symbol",
        "title": "short title of the roll call (unvotes: short description, else the long one)",
        "ccode": "COW state number",
        "iso3": "ISO3 code",
        "date": "date of the vote",
        "year": "year of the vote",
        "vote": "yes, no or abstain",
    },
}


@dataclass(frozen=True)
class Overlap:
    """How unvotes and unxml compare on the resolutions both hold."""

    resolutions: int
    shared_votes: int
    agreeing: int

    @property
    def rate(self) -> float | None:
        return self.agreeing / self.shared_votes if self.shared_votes else None


def overlap_agreement(pairs: pd.DataFrame) -> Overlap:
    """From (symbol, ccode, vote_unvotes, vote_unxml) rows: how often they agree."""
    return Overlap(
        resolutions=int(pairs["symbol"].nunique()),
        shared_votes=len(pairs),
        agreeing=int((pairs["vote_unvotes"] == pairs["vote_unxml"]).sum()),
    )


def check_overlap(overlap: Overlap, minimum: float = MIN_OVERLAP_AGREEMENT) -> Overlap:
    """Fail if the two sources disagree on more than a sliver of shared votes."""
    if overlap.rate is None or overlap.rate < minimum:
        raise SourceSchemaError(
            f"UN votes: unvotes and unxml agree on {overlap.agreeing} of {overlap.shared_votes} state votes on the "
            f"{overlap.resolutions} resolutions both hold (need ≥ {minimum:.0%}); a name may be mapped to the wrong "
            "state in bilateral/data/un_names.tsv, or the resolutions may be matched wrongly"
        )
    return overlap


def build_un_votes(con) -> Overlap:
    """Create out_un_roll_calls and out_un_votes on ``con``; check the overlap."""
    overlap = check_overlap(overlap_agreement(con.sql(OVERLAP_SQL).df()))
    con.execute(ROLL_CALLS_SQL)
    con.execute(VOTES_SQL)
    dup = con.execute("SELECT count(*) FROM (SELECT rcid, ccode FROM out_un_votes GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
    if dup:
        raise SourceSchemaError(f"out_un_votes: {dup} (rcid, ccode) pairs appear twice; the merge counted a vote twice")
    return overlap
