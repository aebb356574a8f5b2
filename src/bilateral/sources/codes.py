"""The countrycode code list: one row per country or territory with its code
in each scheme (ISO2/ISO3/ISO numeric, UN M49, COW, Gleditsch–Ward, IMF,
World Bank) and its regions.

The mirror's file is a CSV conversion of the list shipped in the PyPI package
countrycode 0.6.0, so it has no byte-identical download address: it is read
from the mirror (or a cache that holds it).
"""

from __future__ import annotations

from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_csv

FILE = DataFile(
    "codes/countrycode_codelist_slim.csv",
    "c406b97f8dfc38c62f3c3a93d8cd0ae9e1223ab9fc1429e5c046d2ba8ae8f613",
    None,
)

RENAMES = {
    "country.name.en": "name",
    "iso2c": "iso2",
    "iso3c": "iso3",
    "iso3n": "iso_numeric",
    "un": "un_m49",
    "cown": "ccode",
    "cowc": "cow_abb",
    "gwn": "gwcode",
    "gwc": "gw_abb",
    "un.region.name": "un_region",
    "un.regionsub.name": "un_subregion",
}


def read(paths):
    return read_csv(paths[FILE.path], keep_default_na=False, na_values=[""])


def clean(raw):
    frame = raw.rename(columns=RENAMES)
    frame = as_int(frame, "iso_numeric", "un_m49", "ccode", "gwcode")
    return frame[[*RENAMES.values(), "continent", "region"]]


SOURCE = Source(
    name="codes",
    description="Country codes in every common scheme, with regions.",
    provenance=Provenance(
        producer="Vincent Arel-Bundock et al. (countrycode)",
        title="countrycode: code list",
        version="0.6.0 (PyPI package)",
        licence="GPL-3",
        homepage="https://vincentarelbundock.github.io/countrycode/",
        citation="""@article{arelbundock2018countrycode,
  author = {Arel-Bundock, Vincent and Enevoldsen, Nils and Yetman, CJ},
  title = {countrycode: An R package to convert country names and country codes},
  journal = {Journal of Open Source Software}, volume = {3}, number = {28}, pages = {848}, year = {2018}}""",
        coverage=(1816, 2024),
        gaps="The list leaves Serbia's COW code blank; bilateral maps Serbia to COW 345 (Yugoslavia's successor).",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="codelist",
            read=read,
            clean=clean,
            columns={
                "name": "English short name",
                "iso2": "ISO 3166-1 alpha-2",
                "iso3": "ISO 3166-1 alpha-3",
                "iso_numeric": "ISO 3166-1 numeric",
                "un_m49": "UN M49 code",
                "ccode": "COW state number",
                "cow_abb": "COW abbreviation",
                "gwcode": "Gleditsch–Ward number",
                "gw_abb": "Gleditsch–Ward abbreviation",
                "un_region": "UN region",
                "un_subregion": "UN sub-region",
                "continent": "continent",
                "region": "World Bank region",
            },
            key=("name",),
            golden_rows=291,
        ),
    ),
)
