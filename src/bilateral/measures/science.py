"""Scientific cooperation: works co-authored by researchers in both states,
per year, from OpenAlex (a live connector; there is no open file of
co-publication by country pair to mirror).

The query asks the works endpoint for works with at least one institution in
each country (two ``institutions.country_code`` filters are combined with
AND) and groups them by publication year:

    /works?filter=institutions.country_code:CN,institutions.country_code:BY,
           publication_year:2000-2024&group_by=publication_year

Offline, or when the request fails, the dimension has no data: callers get an
empty frame and show "no data", never 0.
"""

from __future__ import annotations

import requests
import pandas as pd

from bilateral.errors import BilateralError

OPENALEX_WORKS = "https://api.openalex.org/works"
COLUMNS = ("year", "coauthored_works")


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
