"""Actor country codes and names → COW state number and ISO3, by year.

GDELT writes CAMEO country codes, which are ISO3 except for a few (``ROM``,
``ZAR``, ``TMP``, ``KSV``) and regional codes (``EUR``, ``AFR``, ``WST``…);
ICEWS writes country names in ISO 3166's "Name, Republic of" form; POLECAT
writes codes or names. Each distinct (code, year) is resolved once with the
project's resolver (``bilateral.countries``), after the exceptions in
``events/data/actor_countries.tsv``. A code that is not a state (a region, a
territory) stays NULL: the event then has no state on that side and is not
dyadic, which is kept, not quarantined.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pandas as pd

from bilateral.countries import get_resolver
from bilateral.errors import AmbiguousCountryError, CountryNotFoundError

NOT_A_STATE = "-"


@cache
def exceptions() -> dict[tuple[str, str], str]:
    """(scheme, code) → ISO3, COW number or "-" (not a state)."""
    text = (resources.files("bilateral.events") / "data" / "actor_countries.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {(r["scheme"], r["code"]): r["target"] for r in csv.DictReader(lines, delimiter="\t")}


def scheme_of(format_name: str) -> str:
    """Which exception list applies: GDELT's two formats share CAMEO codes."""
    return "gdelt" if format_name.startswith("gdelt") else format_name


def resolve_actors(pairs: pd.DataFrame, format_name: str, mirror=None) -> pd.DataFrame:
    """``pairs`` (columns ``code``, ``year``) with ``ccode`` and ``iso3`` added;
    NULL where the code names no state in that year."""
    resolver = get_resolver(mirror)
    scheme = scheme_of(format_name)
    table = exceptions()
    out = []
    for code, year in zip(pairs["code"], pairs["year"]):
        target = table.get((scheme, code), code)
        found = (None, None)
        if target != NOT_A_STATE:
            try:
                if target.isdigit():
                    state = resolver.state(int(target), int(year))
                else:
                    as_scheme = "iso3" if scheme == "gdelt" or target != code else None
                    state = resolver.resolve(target, year=int(year), scheme=as_scheme, suggest=False)
                found = (state.ccode, state.iso3)
            except (CountryNotFoundError, AmbiguousCountryError):
                pass
        out.append(found)
    result = pairs[["code", "year"]].copy()
    result["ccode"] = pd.array([c for c, _ in out], dtype="Int32")
    result["iso3"] = pd.array([i for _, i in out], dtype="string")
    return result
