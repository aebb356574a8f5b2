"""Strict checks on everything a client sends, before it reaches the API.

A country identifier is a name, alias or code of at most :data:`MAX_NAME`
characters drawn from letters, digits, spaces and the punctuation real
names use (``Côte d'Ivoire``, ``Bosnia-Herzegovina``, ``St. Lucia``); it
must then resolve to exactly one state. Years lie in :data:`YEARS`, the
span of the COW state system up to a horizon no source reaches. Every
failure is a :class:`InvalidInput`, which the app answers with a 400 whose
message says what was wrong, where, and what to send instead.

None of these values is ever formatted into SQL: identifiers are resolved
to COW numbers by the resolver, a dictionary lookup, and the API below
binds or casts them (``int``) before any query sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.countries import State, get_resolver
from bilateral.errors import AmbiguousCountryError, CountryNotFoundError

MAX_NAME = 64
#: The COW state system begins in 1816; no source reaches past this horizon.
YEARS = (1816, 2100)
_NAME = re.compile(r"[^\W_](?:[\w .,'’()&-]*[\w.)])?")


class InvalidInput(ValueError):
    """A parameter that fails validation; ``param`` names it for the client."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


def check_name(value: str, param: str) -> str:
    """The identifier, trimmed, if it has the shape of a name or code; else InvalidInput."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput(param, f"{param} is empty; give a state's name, ISO3 code (e.g. BLR) or COW number (e.g. 370).")
    if len(text) > MAX_NAME:
        raise InvalidInput(param, f"{param} is {len(text)} characters long; a state's name or code has at most {MAX_NAME}.")
    if not _NAME.fullmatch(text) or "_" in text:
        raise InvalidInput(param, f"{param} contains characters no state's name or code has; use letters, digits, spaces "
                                  "and . , ' ( ) & - only, e.g. BLR, 370 or Belarus.")
    return text


def resolve_state(con, value: str, param: str, year: int | None = None) -> State:
    """The one state ``value`` names (as of ``year``), or InvalidInput with the resolver's explanation."""
    text = check_name(value, param)
    try:
        return get_resolver(con=con).resolve(text, year=year)
    except (CountryNotFoundError, AmbiguousCountryError) as exc:
        raise InvalidInput(param, f"{param}: {exc}") from None


def check_year(value: int | None, param: str) -> int | None:
    if value is None:
        return None
    if not YEARS[0] <= value <= YEARS[1]:
        raise InvalidInput(param, f"{param} {value} is outside {YEARS[0]}–{YEARS[1]}; give a year in that range.")
    return value


def year_span(start: int | None, end: int | None) -> tuple[int, int] | None:
    """(start, end) when both are given and in order, None when neither is."""
    start, end = check_year(start, "start"), check_year(end, "end")
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise InvalidInput("start" if start is None else "end", "give both start and end (e.g. start=1992&end=2020), or neither for every year with data.")
    if start > end:
        raise InvalidInput("start", f"start {start} is after end {end}; give the first year first.")
    return start, end


def name_list(value: str | None, param: str, limit: int = 40) -> list[str] | None:
    """'POL,HUN,SRB' → ['POL', 'HUN', 'SRB'], each checked as a name."""
    if value is None or not value.strip():
        return None
    items = [check_name(part, param) for part in value.split(",") if part.strip()]
    if len(items) > limit:
        raise InvalidInput(param, f"{param} lists {len(items)} states; give at most {limit}.")
    return items


@dataclass(frozen=True)
class TextLimits:
    """Size limits on text sent to the claim checker."""

    chars: int = 100_000  # about 15,000 words: a long article
    upload_bytes: int = 1_000_000


LIMITS = TextLimits()


def check_text(text: str | None, param: str = "text") -> str:
    body = (text or "").strip()
    if not body:
        raise InvalidInput(param, "the text is empty; paste an article or upload a plain-text file.")
    if len(body) > LIMITS.chars:
        raise InvalidInput(param, f"the text has {len(body):,} characters; the checker takes at most {LIMITS.chars:,}. Split it.")
    return body


def decode_upload(data: bytes, filename: str | None) -> str:
    """An uploaded file's text (UTF-8, else Latin-1), within the size limit."""
    if len(data) > LIMITS.upload_bytes:
        raise InvalidInput("file", f"the file has {len(data):,} bytes; the checker takes at most {LIMITS.upload_bytes:,}.")
    if b"\x00" in data[:4096]:
        raise InvalidInput("file", f"{filename or 'the file'} looks binary; upload plain text (.txt or .md).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
