"""Who a state is: the identity a name or code resolves to, and the rules
for reading names and codes, with no data and no library behind them.

The identity is the COW state number (``ccode``), because every dyadic source
we join is keyed on it; ISO3 and the other schemes ride alongside
(:class:`State`). This module is neutral ground: the sources key their rows
with it (through :mod:`bilateral.sources.keys`), and every layer above names
states with it, so it imports no layer.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from bilateral.errors import CountryNotFoundError

#: The last year of a spell still open when the COW list ended (see Resolver.list_end).
OPEN_END = 9999
SCHEMES = ("iso2", "iso3", "cown", "cow_abb", "gw", "iso_numeric", "un_m49", "name")
#: The longest name or code accepted; the longest real state name is under 60.
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class State:
    """One state as bilateral identifies it, in a given year."""

    ccode: int
    iso3: str | None
    name: str
    cow_abb: str | None = None
    gwcode: int | None = None
    iso2: str | None = None
    un_m49: int | None = None

    def label(self) -> str:
        """'Belarus (BLR, COW 370)': the form used in messages."""
        code = f"{self.iso3}, " if self.iso3 else ""
        return f"{self.name} ({code}COW {self.ccode})"


class NameSpell(NamedTuple):
    """Years ``first``–``last`` in which a state carried one name."""

    first: int
    last: int
    name: str


def normalise(text: str) -> str:
    """Lower case, no accents or punctuation, single spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def plain_row(row: dict) -> dict:
    """A code-list row with missing values as None and numbers as Python
    numbers, so the resolver pickles and loads without pandas or numpy."""
    out = {}
    for key, value in row.items():
        if value is None or (not isinstance(value, str) and value != value) or type(value).__name__ in ("NAType", "NaTType"):
            out[key] = None
        elif hasattr(value, "item") and not isinstance(value, str):
            out[key] = value.item()
        else:
            out[key] = value
    return out


def trigrams(text: str) -> set[str]:
    """The three-letter pieces of ``text`` (padded), for the suggestion index."""
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def check_length(value: object) -> None:
    """Refuse a name too long to be one, before any search runs on it."""
    text = str(value)
    if len(text) > MAX_NAME_LENGTH:
        raise CountryNotFoundError(
            f"a name or code of {len(text):,} characters ({text[:20]!r}...) is too long to be a state; "
            f"names and codes have at most {MAX_NAME_LENGTH} characters. Give a name, an ISO3 code (BLR) or a COW number (370).")


def package_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a reference table shipped in ``bilateral/data`` (``#`` lines are comments)."""
    text = (resources.files("bilateral") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
