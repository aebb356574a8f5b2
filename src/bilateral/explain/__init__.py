"""Explanations of a relationship, tested with data rather than asserted.

Essays say China and Belarus grew closer because both are close to Russia,
because both are under Western pressure, and because China is expanding in
Eastern Europe. :func:`explain` turns each reason into a test, for any dyad:

- ``trajectory`` (:mod:`.trajectory`): trend, turning points and labelled
  phases of the composite and each dimension, and a milestones timeline;
- ``triad`` (:mod:`.triads`): A–C and B–C beside A–B for the third state
  both are jointly closest to (or one given), and whether A–B moves with it;
- ``blocs`` (:mod:`.blocs`): each side's distance to the USA, the EU and
  NATO, and whether they drift from them together; sanctions in the ledger;
- ``peers`` (:mod:`.peers`): A's relations with B's region, B's rank in it;
- ``determinants`` (:mod:`.determinants`): a panel model across all dyads,
  and what each determinant adds to A–B's level.

Each part holds ``statements`` (:class:`bilateral.evidence.Statement`: text
plus the evidence behind every number: source, measure, year or span, value,
unit) and the data they come from. The brief files the statements as they
are; JSON is written at the edges (``Statement.to_dict()``, or
``json.dumps(..., default=bilateral.claims.model.json_default)``).
"""

from __future__ import annotations

from bilateral.countries import get_resolver
from bilateral.errors import BilateralError
from bilateral.span import check_years
from bilateral.explain import blocs, determinants, frames, trajectory, triads
from bilateral.explain import peers as peer_module

PARTS = ("trajectory", "triad", "blocs", "peers", "determinants")
#: Default first year: UN votes (the alignment dimension) begin in 1946, so all five dimensions can exist from then.
DEFAULT_FIRST_YEAR = 1946


class ExplainError(BilateralError):
    """An explanation that cannot be given as asked (the same state twice, no data)."""


def explain(con, a, b, third=None, peers=None, years: tuple[int, int] | None = None, parts=PARTS) -> dict:
    """Every explanation of the A–B relationship, as a dict with the
    keys ``trajectory``, ``triad``, ``blocs``, ``peers`` and ``determinants``
    (plus ``dyad`` and ``years``). ``a``, ``b`` and ``third`` are names or
    codes in any scheme; ``peers`` a list of them; ``years`` defaults to the
    years with an A–B composite from 1946 on (:func:`default_years`)."""
    from bilateral import arguments

    arguments.connection(con)
    years = arguments.year_range(years)
    resolver = get_resolver(con=con)
    first, second = resolver.resolve(a, year=years[1] if years else None), resolver.resolve(b, year=years[1] if years else None)
    if first.ccode == second.ccode:
        raise ExplainError(f"{a!r} and {b!r} are the same state ({first.label()}); a dyad needs two.")
    check_years(con, first, second, years)
    span = years or default_years(con, first.ccode, second.ccode)
    if span is None:
        raise ExplainError(f"{first.label()} and {second.label()} have no composite score in any year; nothing to explain.")
    c = resolver.resolve(third, year=span[1]) if third is not None else None
    if c is not None and c.ccode in (first.ccode, second.ccode):
        raise ExplainError(f"the third state {c.label()} is one of the pair; choose another.")
    peer_states = [resolver.resolve(p, year=span[1]) for p in peers] if peers else None
    out = {"dyad": {"a": _party(first), "b": _party(second)}, "years": list(span)}
    scores = frames.directed_scores(con, [first.ccode, second.ccode], span, columns=frames.ALL_COLUMNS)  # read once, shared
    runs = {
        "trajectory": lambda: trajectory.trajectory(con, first, second, span, scores),
        "triad": lambda: triads.triad(con, first, second, third=c, years=span, scores=scores),
        "blocs": lambda: blocs.blocs(con, first, second, span, scores),
        "peers": lambda: peer_module.peers(con, first, second, peer_states, span, scores),
        "determinants": lambda: determinants.determinants(con, first, second, span),
    }
    for part in parts:
        out[part] = runs[part]()
    return out


def default_years(con, a: int, b: int) -> tuple[int, int] | None:
    """The years with an A–B composite, from DEFAULT_FIRST_YEAR on when the pair has any after it."""
    found = frames.score_years(con, a, b)
    if found is None or found[1] < DEFAULT_FIRST_YEAR:
        return found
    return (max(found[0], DEFAULT_FIRST_YEAR), found[1])


def _party(state) -> dict:
    return {"iso3": state.iso3, "name": state.name, "ccode": state.ccode}


__all__ = ["ExplainError", "PARTS", "explain"]
