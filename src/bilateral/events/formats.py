"""The raw layouts of the event datasets, and how each maps onto one
normalised event row.

Every format is read with all columns as text (so that a malformed value is a
quarantine record rather than a failed run) and then typed by the SQL
expressions below. The normalised row is the same for every source:

=================  =========================================================
``event_id``       the source's event identifier (text)
``event_date``     the day the event happened
``actor1_code``    the source's country code or name for the actor (who acts)
``actor2_code``    the same for the target (whom the act is aimed at)
``cameo_code``     CAMEO event code (NULL for POLECAT, which codes PLOVER)
``plover``         PLOVER event type (mapped from CAMEO, or POLECAT's own)
``quad_class``     1 verbal cooperation … 4 material conflict
``goldstein``      Goldstein score, −10 … +10 (NULL for POLECAT)
``is_root``        GDELT's IsRootEvent (NULL where the source has no such flag)
``num_mentions``, ``num_sources``, ``num_articles``  GDELT's coverage counts
``added``          when the source emitted the row (GDELT's DATEADDED), used
                   to keep the latest emission of a re-emitted event
=================  =========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

_GDELT_HEAD = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone"
).split()


def _geo(prefix: str, adm2: bool) -> list[str]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{name}" for name in names]


#: GDELT 1.0 daily files from 1 April 2013 (58 columns); the historical
#: backfile before that date lacks the last one, SOURCEURL (57 columns).
GDELT1_COLUMNS = tuple(_GDELT_HEAD + _geo("Actor1", False) + _geo("Actor2", False) + _geo("Action", False) + ["DATEADDED", "SOURCEURL"])
#: GDELT 2.0 15-minute export files (61 columns): ADM2 codes added to each geography.
GDELT2_COLUMNS = tuple(_GDELT_HEAD + _geo("Actor1", True) + _geo("Actor2", True) + _geo("Action", True) + ["DATEADDED", "SOURCEURL"])
#: ICEWS yearly/weekly files (20 columns, with a header row).
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)
#: The POLECAT columns the reader uses. POLECAT files carry a header row and
#: more columns than these; they are selected by name, so their order and the
#: extra columns do not matter.
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Actor Country", "Recipient Country",
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_GDELT_SQL = {
    "event_id": "GLOBALEVENTID",
    "event_date": "try_strptime(SQLDATE, '%Y%m%d')::DATE",
    "actor1_code": "Actor1CountryCode",
    "actor2_code": "Actor2CountryCode",
    "cameo_code": "EventCode",
    "quad_class": "TRY_CAST(QuadClass AS TINYINT)",
    "goldstein": "TRY_CAST(GoldsteinScale AS DOUBLE)",
    "is_root": "CASE IsRootEvent WHEN '1' THEN TRUE WHEN '0' THEN FALSE END",
    "num_mentions": "TRY_CAST(NumMentions AS INTEGER)",
    "num_sources": "TRY_CAST(NumSources AS INTEGER)",
    "num_articles": "TRY_CAST(NumArticles AS INTEGER)",
    "added": "TRY_CAST(DATEADDED AS BIGINT)",
}
_GDELT_CHECKS = (
    ("SQLDATE IS NOT NULL AND event_date IS NULL", "'unparseable SQLDATE ' || SQLDATE"),
    ("QuadClass IS NOT NULL AND quad_class NOT BETWEEN 1 AND 4 OR quad_class IS NULL", "'QuadClass is not 1-4: ' || coalesce(QuadClass, 'empty')"),
    ("goldstein IS NULL OR goldstein NOT BETWEEN -10 AND 10", "'GoldsteinScale is not a number in [-10, 10]: ' || coalesce(GoldsteinScale, 'empty')"),
    ("is_root IS NULL", "'IsRootEvent is not 0 or 1: ' || coalesce(IsRootEvent, 'empty')"),
    ("num_mentions IS NULL OR num_sources IS NULL OR num_articles IS NULL", "'NumMentions, NumSources or NumArticles is not a whole number'"),
)

_ICEWS_NA = "NULLIF(NULLIF({}, 'NA'), '')"
_ICEWS_SQL = {
    "event_id": _q("Event ID"),
    "event_date": "try_strptime(" + _q("Event Date") + ", '%Y-%m-%d')::DATE",
    "actor1_code": _ICEWS_NA.format(_q("Source Country")),
    "actor2_code": _ICEWS_NA.format(_q("Target Country")),
    "cameo_code": _q("CAMEO Code"),
    "quad_class": "NULL::TINYINT",  # from the CAMEO lookup
    "goldstein": "TRY_CAST(Intensity AS DOUBLE)",  # ICEWS's intensity is its own CAMEO→Goldstein scale
    "is_root": "NULL::BOOLEAN",
    "num_mentions": "NULL::INTEGER",
    "num_sources": "NULL::INTEGER",
    "num_articles": "NULL::INTEGER",
    "added": "NULL::BIGINT",
}
_ICEWS_CHECKS = (
    (_q("Event Date") + " IS NOT NULL AND event_date IS NULL", "'unparseable Event Date ' || " + _q("Event Date")),
    ("goldstein IS NULL OR goldstein NOT BETWEEN -10 AND 10", "'Intensity is not a number in [-10, 10]: ' || coalesce(Intensity, 'empty')"),
)

_POLECAT_SQL = {
    "event_id": _q("Event ID"),
    "event_date": "try_strptime(left(" + _q("Event Date") + ", 10), '%Y-%m-%d')::DATE",
    # NGEC, the coder that writes POLECAT, prints a missing value as the text "None"
    "actor1_code": "NULLIF(NULLIF(" + _q("Actor Country") + ", ''), 'None')",
    "actor2_code": "NULLIF(NULLIF(" + _q("Recipient Country") + ", ''), 'None')",
    "cameo_code": "NULL::VARCHAR",
    "quad_class": "NULL::TINYINT",  # from PLOVER_QUAD
    "goldstein": "NULL::DOUBLE",  # POLECAT's intensity is not the Goldstein scale
    "is_root": "NULL::BOOLEAN",
    "num_mentions": "NULL::INTEGER",
    "num_sources": "NULL::INTEGER",
    "num_articles": "NULL::INTEGER",
    "added": "NULL::BIGINT",
}
_POLECAT_CHECKS = (
    (_q("Event Date") + " IS NOT NULL AND event_date IS NULL", "'unparseable Event Date ' || " + _q("Event Date")),
)


@dataclass(frozen=True)
class Format:
    """One raw event layout: its columns, whether files have a header, the SQL
    that normalises a row, and the checks that send a row to quarantine."""

    name: str
    description: str
    columns: tuple[str, ...]
    header: bool
    select: dict[str, str]
    checks: tuple[tuple[str, str], ...]
    codes: str  # "cameo" or "plover": which event taxonomy the rows use
    alt_columns: tuple[tuple[str, ...], ...] = ()  # other accepted layouts (by field count)
    by_name: bool = False  # pick columns by header name (extra columns allowed)


FORMATS = {
    "gdelt1": Format("gdelt1", "GDELT 1.0 daily or historical event file (58 or 57 tab-separated columns, no header)",
                     GDELT1_COLUMNS, False, _GDELT_SQL, _GDELT_CHECKS, "cameo", alt_columns=(GDELT1_COLUMNS[:-1],)),
    "gdelt2": Format("gdelt2", "GDELT 2.0 15-minute export file (61 tab-separated columns, no header, zipped)",
                     GDELT2_COLUMNS, False, _GDELT_SQL, _GDELT_CHECKS, "cameo"),
    "icews": Format("icews", "ICEWS event file (20 tab-separated columns, header row)",
                    ICEWS_COLUMNS, True, _ICEWS_SQL, _ICEWS_CHECKS, "cameo"),
    "polecat": Format("polecat", "POLECAT weekly file (tab-separated, header row, PLOVER event types)",
                      POLECAT_COLUMNS, True, _POLECAT_SQL, _POLECAT_CHECKS, "plover", by_name=True),
}

#: The normalised columns, in order.
NORMALISED = tuple(_GDELT_SQL)


def get_format(name: str) -> Format:
    """The format called ``name``, or an error that lists the known ones."""
    from bilateral.errors import BilateralError

    try:
        return FORMATS[name]
    except KeyError:
        raise BilateralError(f"unknown event format {name!r}; use one of {', '.join(FORMATS)}.") from None


def quote(name: str) -> str:
    """A column name quoted for SQL."""
    return _q(name)
