"""Years asked for against the years that exist: a range in which the two
states never coexisted, or which no source covers, is an error that says
when each state existed and what the data cover, instead of an empty table
or a brief about a state that did not exist yet.
"""

from __future__ import annotations

from bilateral.errors import BilateralError


class YearsOutOfRangeError(BilateralError, ValueError):
    """A year range with no year in which both states exist and the data say anything."""


def data_years(con) -> tuple[int, int]:
    """The first and last year of the dyad-year table (the measures' universe)."""
    first, last = con.execute("SELECT min(year), max(year) FROM out_dyad_year").fetchone()
    return int(first), int(last)


def check_years(con, first, second, years: tuple[int, int] | None) -> None:
    """Raise :class:`YearsOutOfRangeError` when no year of ``years`` has both
    states (:class:`~bilateral.countries.State`) in the state system within
    the data's coverage. ``years`` None (all years) is always fine."""
    if years is None:
        return
    from bilateral.countries import get_resolver

    resolver = get_resolver(con=con)
    start, end = data_years(con)
    lo, hi = max(years[0], start), min(years[1], end)
    if any(resolver.in_system(first.ccode, y) and resolver.in_system(second.ccode, y) for y in range(lo, hi + 1)):
        return
    asked = f"{years[0]}" if years[0] == years[1] else f"{years[0]}-{years[1]}"
    lives = "; ".join(f"{s.label()} is a state in {_spell_text(resolver.spells(s.ccode))}" for s in (first, second))
    raise YearsOutOfRangeError(
        f"nothing to show for {asked}: {lives}; the data cover {start}-{end}. "
        "Choose --years within the years both states exist and the data cover."
    )


def _spell_text(spells: list[tuple[int, int | None]]) -> str:
    return ", ".join(f"{s}-{'' if e is None else e}" if e != s else str(s) for s, e in spells) or "no year"
