"""UN General Assembly ideal points by country-year (Bailey, Strezhnev & Voeten
2017), the July 2025 release: each state's estimated position on one
dimension of UNGA voting, comparable across years.

Three estimates are published: ``all`` (every roll call), ``fp`` (foreign
policy votes only) and ``legacy`` (the original 2017 method). The 2024 rows
hold only ``fp``, so the main ``all`` series ends in 2023. Each estimate
comes with quantiles of its posterior; the 5th and 95th (a 90% interval) are
kept for ``all`` and ``fp``, so that a gap between two states can be judged
against the estimates' uncertainty. The file's own
ISO3 column is not reliable (South Yemen is coded YAR, West Germany DEU,
Yugoslavia YUG, and 17 rows are blank), so ``iso3`` comes from the country
resolver, keyed on the file's COW number and year.
"""

from __future__ import annotations

from bilateral.sources.keys import lookup
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources._github import raw_url
from bilateral.sources.readers import as_int, read_stata

FILE = DataFile(
    "voeten/IdealpointsJuly2025.dta",
    "fea7fa9414e3643586dbdf95baa1100ceb418e56684d79d801a146cad79443ce",
    raw_url("lucasbuildsapps/Masterthesis", "5298218d5b57e5b09223b124b25c03dc37ed646e", "IdealpointsJuly2025.dta"),
)

RENAMES = {
    "countryname": "country",
    "idealpointall": "idealpoint_all",
    "idealpointfp": "idealpoint_fp",
    "idealpointlegacy": "idealpoint_legacy",
    "q5all": "idealpoint_all_q5",
    "q95all": "idealpoint_all_q95",
    "q5fp": "idealpoint_fp_q5",
    "q95fp": "idealpoint_fp_q95",
    "nvotesall": "nvotes_all",
    "nvotesfp": "nvotes_fp",
    "nvotesLegacy": "nvotes_legacy",
}


def read(paths):
    return read_stata(paths[FILE.path])


def clean(raw):
    frame = as_int(raw.copy(), "ccode", "year", "nvotesall", "nvotesfp", "nvotesLegacy").rename(columns=RENAMES)
    frame["iso3"] = lookup(frame["ccode"], frame["year"], scheme="cown")["iso3"].set_axis(frame.index)
    frame["country"] = frame["country"].replace("", None)
    for column in [c for c in RENAMES.values() if c.startswith("idealpoint_")]:
        frame[column] = frame[column].astype("float64")
    return frame[["ccode", "iso3", "year", "country", *list(RENAMES.values())[1:]]]


SOURCE = Source(
    name="voeten_idealpoints",
    description="UNGA ideal points by country-year (all votes, foreign-policy votes, legacy method).",
    provenance=Provenance(
        producer="Michael A. Bailey, Anton Strezhnev & Erik Voeten",
        title="United Nations General Assembly Voting Data: ideal point estimates",
        version="July 2025",
        licence="CC0 1.0 waiver (Harvard Dataverse); cite as the producers ask",
        homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
        citation="""@article{baileyetal2017edsp,
  author = {Bailey, Michael A. and Strezhnev, Anton and Voeten, Erik},
  title = {Estimating Dynamic State Preferences from {U}nited {N}ations Voting Data},
  journal = {Journal of Conflict Resolution}, volume = {61}, number = {2}, pages = {430--456}, year = {2017}}
@misc{voetenetal2009ungavd,
  author = {Voeten, Erik and Strezhnev, Anton and Bailey, Michael},
  title = {United Nations General Assembly Voting Data},
  publisher = {Harvard Dataverse}, year = {2009}, note = {hdl:1902.1/12379}}""",
        coverage=(1946, 2024),
        gaps=(
            "The all-votes ideal point ends 2023 (2024 rows hold only the foreign-policy estimate, which the dyad-years "
            "then use for both sides, flagged in ideal_point_measure). Each point is an estimate: its 5th-95th "
            "percentile interval is published and carried along."
        ),
    ),
    files=(FILE,),
    tables=(
        Table(
            name="country_year",
            read=read,
            clean=clean,
            columns={
                "ccode": "COW state number (as in the file; the ROC seat before 1971 is 713)",
                "iso3": "ISO3 code from the country resolver",
                "year": "calendar year",
                "country": "country name as given (NULL on 17 legacy-only rows)",
                "idealpoint_all": "ideal point from all roll calls (higher: closer to the US-led Western position)",
                "idealpoint_fp": "ideal point from foreign-policy roll calls only",
                "idealpoint_legacy": "ideal point by the original 2017 method",
                "idealpoint_all_q5": "5th percentile of idealpoint_all's posterior",
                "idealpoint_all_q95": "95th percentile of idealpoint_all's posterior",
                "idealpoint_fp_q5": "5th percentile of idealpoint_fp's posterior",
                "idealpoint_fp_q95": "95th percentile of idealpoint_fp's posterior",
                "nvotes_all": "roll calls the state voted in (all)",
                "nvotes_fp": "foreign-policy roll calls the state voted in",
                "nvotes_legacy": "roll calls used by the legacy estimate",
            },
            key=("ccode", "year"),
            ranges={"year": (1946, 2024), "nvotes_all": (0, None), "idealpoint_all": (-5, 5)},
            golden_rows=11440,
        ),
    ),
)
