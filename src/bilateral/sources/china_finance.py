"""Chinese money abroad from two public datasets, as a public research
repository saved them: the China Global Investment Tracker (AEI/Heritage;
investments of $100m or more, January 2005 to June 2018, with a Belt and Road
flag) and AidData's geocoded Chinese official finance 1.1.1 (2000–2014).

Reading caveats. The tracker CSV opens with a UTF-8 byte-order mark; its
amounts are USD millions, its "Congo" is the Republic of the Congo and one
deal sits in the British Virgin Islands (NULL code); a few share sizes are
lists, one per investor, kept as text. The AidData file has
one row per project location, so a project's ``usd_current`` (whole USD,
not millions) repeats on each of its rows: sum over distinct ``id``s, not
rows. Its regional projects list several countries in one field ("Tanzania;
Zambia"); those rows, and the Cook Islands, Niue and Palestine, keep the
name with a NULL code.
"""

from __future__ import annotations

import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import read_csv, read_r

_REPO, _COMMIT = "gbwalker/chinese-diplomacy-and-financing", "7b8fd3f6c0686ac95266f6d487b95816239fde48"
INVESTMENTS = DataFile(
    "china-finance/china_investments.csv",
    "c6cd08711b05b5ccb4863b740f1817766b14a720fb5785b527a8d19b7093d60c",
    raw_url(_REPO, _COMMIT, "data/china_investments.csv"),
)
AID = DataFile(
    "china-finance/aiddf.rds",
    "da5d38150590030123cc3dfe79f5228992820b2ca95d9b4393ceafbd1f869345",
    raw_url(_REPO, _COMMIT, "data/aiddf.rds"),
)
SPELLINGS = {
    "Congo": "Republic of the Congo",
    "Trinidad-Tobago": "Trinidad and Tobago",
    "Sao Tome": "Sao Tome and Principe",
    "Antigua": "Antigua and Barbuda",
}
MONTHS = {m: i for i, m in enumerate(pd.date_range("2000-01", periods=12, freq="MS").month_name(), start=1)}
INVESTMENT_COLUMNS = {
    "Year": "year", "Month": "month", "Chinese Entity": "chinese_entity", "Quantity in Millions": "usd_musd",
    "Share size": "share_size", "Transaction Party": "transaction_party", "Sector": "sector",
    "Subsector": "subsector", "Country": "country", "Region": "region", "BRI": "bri",
}  # fmt: skip


def _codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Attach ``ccode``/``iso3``; multi-country fields stay NULL rather than match one of their names."""
    single = ~frame["country"].str.contains(";")
    names = frame["country"].replace(SPELLINGS).where(single, None)
    codes = lookup(names, frame["year"]).set_axis(frame.index)
    frame["ccode"], frame["iso3"] = codes["ccode"], codes["iso3"]
    return frame


def read_investments(paths):
    return read_csv(paths[INVESTMENTS.path], encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""])


def clean_investments(raw):
    frame = raw.rename(columns=INVESTMENT_COLUMNS)
    frame.insert(0, "deal_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["month"] = frame["month"].map(MONTHS).astype("Int64")
    frame["usd_musd"] = pd.to_numeric(frame["usd_musd"]).astype("Float64")
    frame["share_size_text"] = frame["share_size"]
    frame["share_size"] = pd.to_numeric(frame["share_size"], errors="coerce").astype("Float64")
    frame["bri"] = frame["bri"].map({"1": True, "0": False}).astype("boolean")
    frame = _codes(frame)
    return frame[["deal_id", "year", "month", "chinese_entity", "usd_musd", "share_size", "share_size_text", "transaction_party",
                  "sector", "subsector", "country", "ccode", "iso3", "region", "bri"]]  # fmt: skip


def read_aid(paths):
    return read_r(paths[AID.path])


def clean_aid(raw):
    frame = raw.copy()
    frame.insert(0, "row_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["id"] = frame["id"].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    frame = _codes(frame)
    return frame[["row_id", "id", "year", "country", "ccode", "iso3", "place", "sector", "title", "funder",
                  "flow", "flow_class", "intent", "usd_current", "latitude", "longitude"]]  # fmt: skip


SOURCE = Source(
    name="china_finance",
    description="Chinese investment abroad (CGIT, 2005-2018) and Chinese official finance by project location (AidData, 2000-2014).",
    provenance=Provenance(
        producer="American Enterprise Institute & Heritage Foundation (CGIT); AidData at William & Mary; saved by Garrett Walker",
        title="China Global Investment Tracker; Geocoded Global Chinese Official Finance",
        version="CGIT to June 2018; AidData geocoded 1.1.1",
        licence="CGIT: free to use with attribution; AidData: CC BY 4.0",
        homepage="https://www.aei.org/china-global-investment-tracker/",
        citation="""@misc{aei2018cgit,
  author = {{American Enterprise Institute and The Heritage Foundation}},
  title = {China Global Investment Tracker}, year = {2018},
  url = {https://www.aei.org/china-global-investment-tracker/}}
@techreport{bluhmetal2018connective,
  author = {Bluhm, Richard and Dreher, Axel and Fuchs, Andreas and Parks, Bradley and Strange, Austin and Tierney, Michael J.},
  title = {Connective Financing: {C}hinese Infrastructure Projects and the Diffusion of Economic Activity in Developing Countries},
  institution = {AidData at William \\& Mary}, type = {AidData Working Paper}, number = {64}, year = {2018}}
@article{dreheretal2021aid,
  author = {Dreher, Axel and Fuchs, Andreas and Parks, Bradley and Strange, Austin and Tierney, Michael J.},
  title = {Aid, {C}hina, and Growth: Evidence from a New Global Development Finance Dataset},
  journal = {American Economic Journal: Economic Policy}, volume = {13}, number = {2}, pages = {135--174}, year = {2021}}""",
        coverage=(2000, 2018),
        gaps="Investments end June 2018 and only deals of $100m or more; official finance ends 2014.",
    ),
    files=(INVESTMENTS, AID),
    tables=(
        Table(
            name="investments",
            read=read_investments,
            clean=clean_investments,
            columns={
                "deal_id": "row number in the file (1-based)",
                "year": "year of the deal",
                "month": "month of the deal, 1-12",
                "chinese_entity": "Chinese investor",
                "usd_musd": "value, USD millions",
                "share_size": "share acquired, 0-1 (NULL: not given, or one share per investor as in share_size_text)",
                "share_size_text": "share as given; 18 deals list one share per Chinese investor ('45%, 35%, 20%')",
                "transaction_party": "counterpart (NULL: not given)",
                "sector": "sector",
                "subsector": "subsector (NULL: not given)",
                "country": "host country as given",
                "ccode": "COW number of the host country (NULL: not a state)",
                "iso3": "ISO3 code of the host country",
                "region": "the tracker's region",
                "bri": "the tracker counts the deal as Belt and Road",
            },
            key=("deal_id",),
            ranges={"usd_musd": (100, None), "share_size": (0, 1), "month": (1, 12), "year": (2005, 2018)},
            golden_rows=2908,
        ),
        Table(
            name="aid",
            read=read_aid,
            clean=clean_aid,
            columns={
                "row_id": "row number in the file (a project repeats once per location)",
                "id": "AidData project id",
                "year": "commitment year",
                "country": "recipient as given ('A; B' for regional projects)",
                "ccode": "COW number of the recipient (NULL: several countries, or not a state)",
                "iso3": "ISO3 code of the recipient",
                "place": "location name",
                "sector": "OECD sector",
                "title": "project title",
                "funder": "Chinese funding agencies",
                "flow": "type of flow (grant, loan, export credit, ...)",
                "flow_class": "ODA-like, OOF-like or vague official finance",
                "intent": "development, commercial, representational or mixed",
                "usd_current": "project amount, current USD (whole project, repeated per location; NULL: unknown)",
                "latitude": "latitude of the location (NULL: not geocoded)",
                "longitude": "longitude of the location",
            },
            key=("row_id",),
            ranges={"usd_current": (0, None), "latitude": (-90, 90), "longitude": (-180, 180), "year": (2000, 2014)},
            golden_rows=6116,
        ),
    ),
)
