"""China Vitae engagements, 2003–2018: the recorded meetings and trips of seven
top Chinese officials (Xi Jinping, Hu Jintao, Li Keqiang, Wen Jiabao, Wang Yi,
Yang Jiechi, Li Zhaoxing), one row per official, date and foreign country,
as scraped from China Vitae by a public research repository.

Reading caveats. Dates are US-style ``mm/dd/yy``. ``country`` is the foreign
country the engagement concerns, not where it happened: most rows are
meetings in Beijing ("was in Beijing Municipality and met ..."), and
"travelled to" can be a domestic trip (Qingdao for the SCO summit). So
``abroad`` is read from the place named in the text: true when it is outside
China, NULL when the text names no place. The same meeting appears once per
official present. "England" and "Wales" are the United Kingdom; the Cook
Islands keep a NULL code (not a state).
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import read_r

FILE = DataFile(
    "chinavitae/all_engagements_2003-2018.rds",
    "bc78134a7ca052aa2894c8ce653567e33d2bfdba46da7834548eb2c4a36785b9",
    raw_url(
        "gbwalker/chinese-diplomacy-and-financing",
        "7b8fd3f6c0686ac95266f6d487b95816239fde48",
        "data/all_engagements_2003-2018.rds",
    ),
)
SPELLINGS = {"England": "United Kingdom", "Wales": "United Kingdom", "Antigua": "Antigua and Barbuda"}
_PLACE = re.compile(r"(?:travelled to|was in) (.*?)(?:\s*\band met with|$)")
_TRAILING_PLACE = re.compile(r"\(([^()]*)\)\s*$")
_IN_CHINA = re.compile(r"Municipality|Province|Autonomous Region|\bSAR\b|Hong Kong|Macao|Macau|^Beijing|^Shanghai")


def place(text: str) -> str | None:
    """The place an engagement happened, as the text names it."""
    flat = " ".join(str(text).split())
    found = _PLACE.search(flat) or _TRAILING_PLACE.search(flat)
    return found.group(1).strip() or None if found else None


def read(paths):
    return read_r(paths[FILE.path])


def clean(raw):
    frame = raw.copy()
    frame.insert(0, "engagement_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["date"] = pd.to_datetime(frame["date"], format="%m/%d/%y").dt.date
    frame["year"] = pd.array([d.year for d in frame["date"]], dtype="Int64")
    codes = lookup(frame["country"].replace(SPELLINGS), frame["year"]).set_axis(frame.index)
    frame["ccode"], frame["iso3"] = codes["ccode"], codes["iso3"]
    frame["place"] = frame["text"].map(place)
    frame["abroad"] = pd.array([None if p is None else not _IN_CHINA.search(p) for p in frame["place"]], dtype="boolean")
    return frame[["engagement_id", "date", "year", "country", "ccode", "iso3", "leader", "place", "abroad", "text"]]


SOURCE = Source(
    name="chinavitae",
    description="Meetings and trips of seven top Chinese officials with foreign counterparts, 2003-2018 (China Vitae).",
    provenance=Provenance(
        producer="China Vitae (Carnegie Endowment for International Peace); scraped by Garrett Walker",
        title="China Vitae engagements of top Chinese leaders, 2003-2018",
        version="scrape at commit 7b8fd3f (gbwalker/chinese-diplomacy-and-financing)",
        licence="China Vitae content; research use with citation (no explicit licence in the scraping repository)",
        homepage="https://www.chinavitae.com/",
        citation="""@misc{chinavitae2018,
  author = {{China Vitae}},
  title = {China Vitae: Biographies and Appearances of Chinese Leaders},
  publisher = {Carnegie Endowment for International Peace}, year = {2018}, url = {https://www.chinavitae.com/}}
@misc{walker2019diplomacy,
  author = {Walker, Garrett},
  title = {chinese-diplomacy-and-financing},
  year = {2019}, url = {https://github.com/gbwalker/chinese-diplomacy-and-financing}}""",
        coverage=(2003, 2018),
        gaps="Engagements end 7 Dec 2018; only seven officials are covered; the scrape is not a complete diplomatic record.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="engagements",
            read=read,
            clean=clean,
            columns={
                "engagement_id": "row number in the file (no natural key: one meeting repeats per official)",
                "date": "date of the engagement",
                "year": "year of the engagement",
                "country": "foreign country concerned, as given",
                "ccode": "COW number of the country (NULL: not a state)",
                "iso3": "ISO3 code of the country",
                "leader": "Chinese official",
                "place": "place named in the text (city, province or country)",
                "abroad": "true if the place is outside China, false if in China, NULL if no place is named",
                "text": "China Vitae's description, as given",
            },
            key=("engagement_id",),
            ranges={"year": (2003, 2018)},
            golden_rows=5705,
        ),
    ),
)
