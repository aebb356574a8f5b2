"""SIPRI Arms Transfers Database: the trade register (one row per deal, orders
1950–2023, deliveries to 2023) and the yearly import volumes by recipient,
both in SIPRI trend-indicator values (TIV, millions; a volume index, not
money). Deals enter the register by deliveries or orders from 1950, so a few
orders date back to 1940.

Reading caveats. The exports open with a free-text preamble and are latin-1.
Two register rows are broken across lines by a line break inside the
comment; their TIV fields sit on a line of their own, which ``read`` joins
back, so the register has 27,951 deals, not the 27,953 data lines.
SIPRI names states as they are now, so names are resolved with the order
year, and a few names get SIPRI's own reading ("Germany" is West Germany
until 1990, "Congo" the Republic of the Congo). Names ending in ``*`` are
non-state armed groups and ``**`` international organisations: they keep
their name with a NULL code, as do "unknown recipient(s)"/"supplier(s)",
Aruba, Biafra, Katanga, Northern Cyprus, Palestine, Western Sahara and the
rival Libyan GNC government. In the import file an empty cell means no
deliveries identified (NULL) and "0" means 0 to 0.5 million TIV (kept as 0);
its totals row and total/percentage columns are dropped.
"""

from __future__ import annotations

import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.errors import SourceFileError
from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import read_csv_after

_REPO, _COMMIT = "MJHofmann/SIPRI_BRICS", "bfc9be19b1e3f6ede1ff89e4b3a2c1536485a423"
REGISTER = DataFile(
    "sipri/trade-register_1950-2024.csv",
    "bb5fca6953f7cf2cfbcc66daf4f6880e77db5eea9a79f596c86c1260f99748d3",
    raw_url(_REPO, _COMMIT, "trade-register.csv"),
)
VALUES = DataFile(
    "sipri/import-export-values_1950-2024.csv",
    "77f25767db512c49e9132bb2a2f2dbd34f8455afd22bf62d50670a0a872f248d",
    raw_url(_REPO, _COMMIT, "import-export-values_1950-2024.csv"),
)
#: The register's columns in file order; three blank-headed ones hold SIPRI's "?" marks.
REGISTER_COLUMNS = {
    "Recipient": "recipient", "Supplier": "supplier", "Year of order": "order_year",
    " ": "order_year_uncertain", "Number ordered": "number_ordered", " .1": "number_ordered_uncertain",
    "Weapon designation": "weapon_designation", "Weapon description": "weapon_description",
    "Number delivered": "number_delivered", " .2": "number_delivered_uncertain",
    "Year(s) of delivery": "delivery_years", "status": "status", "Comments": "comments",
    "SIPRI TIV per unit": "tiv_per_unit", "SIPRI TIV for total order": "tiv_order",
    "SIPRI TIV of delivered weapons": "tiv_delivered",
}  # fmt: skip
#: SIPRI names whose COW number is fixed by SIPRI's usage rather than by the name.
SIPRI_CCODES = {
    "East Germany (GDR)": 265, "Yemen Arab Republic (North Yemen)": 678, "Congo": 484,
    "Viet Nam": 816, "Bosnia-Herzegovina": 346, "Saint Vincent": 57,
}  # fmt: skip
NOT_STATES = ("unknown recipient(s)", "unknown supplier(s)")
#: Years the register covers, by year of order and by year of delivery. The
#: export was generated in October 2024: no delivery is listed for 2024 in the
#: register, and the import file's 2024 column is empty, so both end in 2023.
ORDER_YEARS = (1950, 2023)
DELIVERY_YEARS = (1950, 2023)


def sipri_ccode(name: str, year: int) -> int | None:
    """The COW number SIPRI's usage fixes for ``name`` in ``year``, if any."""
    if name == "Germany":
        return 260 if year <= 1990 else 255  # SIPRI lists the GDR apart
    if name == "Yemen":
        return 679 if year >= 1990 else 678
    return SIPRI_CCODES.get(name)


def resolve(names: pd.Series, years: pd.Series) -> pd.DataFrame:
    """``ccode`` and ``iso3`` for SIPRI names: SIPRI's fixed readings first, then the resolver."""
    fixed = [sipri_ccode(n, int(y)) for n, y in zip(names, years)]
    state = ~(names.str.endswith("*") | names.isin(NOT_STATES))
    by_code = lookup(fixed, years, scheme="cown")
    by_name = lookup([n if s and f is None else None for n, s, f in zip(names, state, fixed)], years)
    out = by_code.where(by_code["ccode"].notna(), by_name)
    return out.astype({"ccode": "Int64", "iso3": "string"}).set_axis(names.index)


def read_register(paths):
    frame = read_csv_after(paths[REGISTER.path], "Recipient,", dtype=str, keep_default_na=False)
    if list(frame.columns) != list(REGISTER_COLUMNS):
        raise SourceFileError(f"{REGISTER.path}: columns {list(frame.columns)} are not SIPRI's register layout")
    broken = frame.index[frame["Recipient"] == ""]
    for index in broken:  # the line holds: rest of comment, TIV per unit, TIV order, TIV delivered
        rest = frame.loc[index, ["Recipient", "Supplier", "Year of order", " "]].tolist()
        frame.loc[index - 1, "Comments"] = (frame.loc[index - 1, "Comments"] + " " + rest[0]).strip()
        frame.loc[index - 1, list(REGISTER_COLUMNS)[-3:]] = rest[1:]
    return frame.drop(index=broken).reset_index(drop=True)


def clean_register(raw):
    frame = raw.rename(columns=REGISTER_COLUMNS)
    frame.insert(0, "deal_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["order_year"] = pd.to_numeric(frame["order_year"]).astype("Int64")
    for column in ("number_ordered", "number_delivered"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    for column in ("tiv_per_unit", "tiv_order", "tiv_delivered"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Float64")
    for column in ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"):
        frame[column] = frame[column].eq("?")
    for side in ("recipient", "supplier"):
        codes = resolve(frame[side], frame["order_year"])
        frame[f"{side}_ccode"], frame[f"{side}_iso3"] = codes["ccode"], codes["iso3"]
    first = ["deal_id", "recipient", "supplier", "recipient_ccode", "supplier_ccode", "recipient_iso3", "supplier_iso3"]
    return frame[first + [c for c in REGISTER_COLUMNS.values() if c not in first]]


def read_values(paths):
    frame = read_csv_after(paths[VALUES.path], "Recipient,", dtype=str, keep_default_na=False)
    years = [c for c in frame.columns if c.isdigit()]
    return frame.loc[frame["Recipient"] != "Total world import", ["Recipient", *years]]


def clean_values(raw):
    frame = raw.melt(id_vars="Recipient", var_name="year", value_name="tiv_imports")
    frame = frame.rename(columns={"Recipient": "recipient"})
    frame["year"] = frame["year"].astype("Int64")
    frame["tiv_imports"] = pd.to_numeric(frame["tiv_imports"].str.strip().replace("", None)).astype("Float64")
    codes = resolve(frame["recipient"], frame["year"])
    frame["ccode"], frame["iso3"] = codes["ccode"], codes["iso3"]
    return frame[["recipient", "ccode", "iso3", "year", "tiv_imports"]]


_TIV = "SIPRI trend-indicator value, millions"
SOURCE = Source(
    name="sipri",
    description="SIPRI arms transfers: the deal-by-deal trade register and yearly import volumes (TIV).",
    provenance=Provenance(
        producer="Stockholm International Peace Research Institute (SIPRI)",
        title="SIPRI Arms Transfers Database: trade register and TIV import values",
        version="data generated 13 Oct 2024",
        licence="© SIPRI; free to use with citation",
        homepage="https://www.sipri.org/databases/armstransfers",
        citation="""@misc{sipri2024arms,
  author = {{Stockholm International Peace Research Institute}},
  title = {{SIPRI} Arms Transfers Database},
  year = {2024}, note = {Data generated 13 October 2024},
  url = {https://www.sipri.org/databases/armstransfers}}""",
        coverage=(1940, 2023),
        gaps=(
            "Deals with orders or deliveries in 1950-2024 (a few orders date from 1940); orders and deliveries to 2023 "
            "(the export of October 2024 lists no 2024 delivery); only major conventional arms; TIV is a volume index, "
            "not a price. The register gives a deal's delivery years but not the number delivered in each, so TIV by "
            "year of delivery splits a deal evenly over its delivery years (yearly sums by recipient stay within about "
            "12% of SIPRI's own yearly import values in aggregate; totals over all years agree to rounding)."
        ),
    ),
    files=(REGISTER, VALUES),
    tables=(
        Table(
            name="register",
            read=read_register,
            clean=clean_register,
            columns={
                "deal_id": "row number of the deal in the file (1-based, after rejoining broken lines)",
                "recipient": "recipient as SIPRI names it", "supplier": "supplier as SIPRI names it",
                "recipient_ccode": "recipient's COW number in the order year (NULL: not a state, or unmatched)",
                "supplier_ccode": "supplier's COW number in the order year (NULL: not a state, or unmatched)",
                "recipient_iso3": "recipient's ISO3 code", "supplier_iso3": "supplier's ISO3 code",
                "order_year": "year of order", "order_year_uncertain": "SIPRI marks the order year with '?'",
                "number_ordered": "number ordered (NULL: not yet known)",
                "number_ordered_uncertain": "SIPRI marks the number ordered with '?'",
                "weapon_designation": "weapon designation", "weapon_description": "weapon type",
                "number_delivered": "number delivered", "number_delivered_uncertain": "SIPRI marks the number delivered with '?'",
                "delivery_years": "year(s) of delivery in 1950-2024 as given, '; '-separated (no per-year numbers)",
                "status": "New, Second hand, or Second hand but modernized",
                "comments": "SIPRI's comments", "tiv_per_unit": f"TIV per unit, {_TIV}",
                "tiv_order": f"TIV of the whole order, {_TIV} (NULL: number or unit TIV unknown)",
                "tiv_delivered": f"TIV of the weapons delivered, {_TIV} (0: under 0.5; NULL: none identified)",
            },  # fmt: skip
            key=("deal_id",),
            ranges={"order_year": (1940, 2024), "tiv_order": (0, None), "tiv_delivered": (0, None)},
            golden_rows=27951,
        ),
        Table(
            name="tiv",
            read=read_values,
            clean=clean_values,
            columns={
                "recipient": "recipient as SIPRI names it",
                "ccode": "recipient's COW number that year (NULL: not a state, or unmatched)",
                "iso3": "recipient's ISO3 code",
                "year": "year of delivery",
                "tiv_imports": f"volume of major arms imported, {_TIV} (0: under 0.5; NULL: no deliveries identified)",
            },
            key=("recipient", "year"),
            ranges={"year": (1950, 2024), "tiv_imports": (0, None)},
            golden_rows=19575,  # 261 recipients x 75 years
        ),
    ),
)
