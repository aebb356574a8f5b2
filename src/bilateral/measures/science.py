"""Scientific cooperation: works co-authored by researchers in both states.

Offline, from the warehouse: :mod:`bilateral.sources.openalex` (Batagelj's
country networks from OpenAlex, 1990–2023). :data:`COAUTHORSHIP_VIEW` gives
every pair of states present in a year's network a row, so a pair without a
line is a measured 0 and a year outside 1990–2023 stays NULL:

- ``coauthored_works`` = w_ab, works with authors in both states;
- ``coauthor_share1`` = w_ab / L_a with L_a = Σ_c w_ac, the sum of a's line
  weights (``coauthor_share2`` likewise for b). The files do not hold the
  number of a's works with any foreign author, I_a; since a work with k
  foreign countries counts k times in L_a, L_a ≥ I_a and the share is a
  lower bound of w_ab / I_a (shares over all partners sum to 1);
- ``coauthor_salton`` = w_ab / √(n_a · n_b), Salton's cosine, with n the
  works with at least one author in the country: size-corrected, in [0, 1].

Online, a live connector asks OpenAlex for one pair's co-authored works per
year. The query asks the works endpoint for works with at least one
institution in each country (two ``institutions.country_code`` filters are
combined with AND) and groups them by publication year:

    /works?filter=institutions.country_code:CN,institutions.country_code:BY,
           publication_year:2000-2024&group_by=publication_year

When the request fails, callers get a :class:`ScienceDataError`, never 0.
"""

from __future__ import annotations

import pandas as pd

from bilateral.dyads import Join
from bilateral.errors import BilateralError

OPENALEX_WORKS = "https://api.openalex.org/works"
COLUMNS = ("year", "coauthored_works")

COAUTHORSHIP_VIEW = """
    CREATE TEMP VIEW coauthorship_dyad_year AS
    WITH v AS (
        SELECT ccode, year, CAST(works AS DOUBLE) AS works, CAST(coauthor_links AS DOUBLE) AS links
        FROM core_openalex__country_year WHERE ccode IS NOT NULL
    )
    SELECT a.ccode AS ccode1, b.ccode AS ccode2, a.year,
           coalesce(p.coauthored_works, 0) AS coauthored_works,
           coalesce(p.coauthored_works, 0) / nullif(a.links, 0) AS coauthor_share1,
           coalesce(p.coauthored_works, 0) / nullif(b.links, 0) AS coauthor_share2,
           coalesce(p.coauthored_works, 0) / nullif(sqrt(a.works * b.works), 0) AS coauthor_salton
    FROM v a JOIN v b ON a.year = b.year AND a.ccode < b.ccode
    LEFT JOIN core_openalex__pairs p ON p.ccode1 = a.ccode AND p.ccode2 = b.ccode AND p.year = a.year
"""
COAUTHORSHIP = Join(
    table="coauthorship_dyad_year",
    columns={name: f"s.{name}" for name in ("coauthored_works", "coauthor_share1", "coauthor_share2", "coauthor_salton")},
    pairs=(("coauthor_share1", "coauthor_share2"),),
)
VIEWS = (COAUTHORSHIP_VIEW,)
JOINS = (COAUTHORSHIP,)


class ScienceDataError(BilateralError):
    """OpenAlex could not be reached or answered in an unexpected shape."""


def coauthorship_url(iso2_a: str, iso2_b: str, years: tuple[int, int], base: str = OPENALEX_WORKS) -> str:
    """The OpenAlex request for the dyad's co-authored works, grouped by year."""
    first, last = years
    filters = f"institutions.country_code:{iso2_a.upper()},institutions.country_code:{iso2_b.upper()},publication_year:{first}-{last}"
    return f"{base}?filter={filters}&group_by=publication_year"


def parse_group_by(payload: dict) -> pd.DataFrame:
    """Year counts from an OpenAlex ``group_by=publication_year`` response."""
    if not isinstance(payload, dict):
        raise ScienceDataError(f"OpenAlex answered with {type(payload).__name__}, not a JSON object; the API may have changed.")
    groups = payload.get("group_by")
    if not isinstance(groups, list):
        raise ScienceDataError("OpenAlex answered without a 'group_by' list; the API may have changed.")
    rows = []
    for group in groups:
        try:
            rows.append((int(group["key"]), int(group["count"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise ScienceDataError(f"unexpected OpenAlex group {group!r}: {exc}") from exc
    frame = pd.DataFrame(rows, columns=list(COLUMNS)).sort_values("year", ignore_index=True)
    return frame


def fetch_coauthorship(iso2_a: str, iso2_b: str, years: tuple[int, int], base: str = OPENALEX_WORKS, timeout: float = 20.0) -> pd.DataFrame:
    """Works co-authored by the two countries, per year (years with none are 0
    inside the requested range, because OpenAlex then returns no group)."""
    import requests  # only when OpenAlex is asked

    url = coauthorship_url(iso2_a, iso2_b, years, base)
    try:
        response = requests.get(url, timeout=timeout, headers={"User-Agent": "bilateral (open-source research toolkit)"})
        response.raise_for_status()
        payload = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ScienceDataError(f"could not read OpenAlex ({url}): {exc}. Without a network the science dimension has no data.") from exc
    counts = parse_group_by(payload).set_index("year")["coauthored_works"]
    full = pd.RangeIndex(years[0], years[1] + 1, name="year")
    return counts.reindex(full, fill_value=0).rename("coauthored_works").reset_index()
