"""Country-by-country scientific co-authorship, 1990–2023, from OpenAlex.

V. Batagelj asked OpenAlex, for each of 251 ISO 3166-1 alpha-2 codes ``cy``
and each year, ``/works?filter=authorships.countries:cy,publication_year:Y
&group-by=authorships.countries`` (27 August 2024), and saved per year:

- ``WrldCo{Y}.net``: a Pajek network; the weight of the line between two
  codes is the number of works with authors in both; the loop of a code is
  its own count. The group-by answers at most 200 groups, so a large
  producer's own answer misses its smallest partners; the producer filled
  those cells from the partner's answer (the matrix is symmetric).
- ``WrldCo{Y}T.vec``: the number of works with at least one author in the
  country (``meta.count``: all its works, domestic ones included; equal to
  the loop weight).
- ``WrldCo{Y}G.clu``: ``meta.groups_count``, the number of codes in the
  answer, the country itself included, capped at 200.

The files are read from the zip in memory. The Pajek parser is our own and
minimal (a vertex list, then ``i j weight`` lines): networkx's
``parse_pajek`` took 0.4 s per year (13 s for the 34 years), pandas 0.2 s
for all of them. Codes become COW states with the year-aware resolver, by
ISO2 and else by the producer's name (the code list lacks Namibia's "NA"
and Kosovo's "XK"); territories (Hong Kong, Puerto Rico, Palestine, …) stay
unmatched, so they count among a country's partners but are never a dyad.
OpenAlex files every work under present-day countries: the USSR (COW 365)
in 1990–1991 is Russia's works only, Yugoslavia (345) to 2005 Serbia's.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

import numpy as np
import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.errors import SourceFileError, SourceSchemaError
from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import read_csv

_REPO, _COMMIT, _DIR = "bavla/OpenAlex", "98ca3dc9bdef19fdaa7fbb4d4bad1c32b49cb382", "Countries/27aug24"
NETWORKS = DataFile(
    "openalex/WrldCo_years.zip",
    "192d22be3a27ba4321ce07e6c4cd8ebc331724a95f45821a10b50b3839bd3945",
    raw_url(_REPO, _COMMIT, f"{_DIR}/WrldCo_years.zip"),
)
CODES = DataFile(
    "openalex/ISO2codes.csv",
    "50557fa168c40d35d240cb477949ab12ce555b48d3adc1ba197c32dd05200762",
    raw_url(_REPO, _COMMIT, f"{_DIR}/ISO2codes.csv"),
)
README = DataFile(
    "openalex/README.md",
    "e36dafa1383923a99134612b800fe1315c02f6133f98e48f98cb2a589a35b0bf",
    raw_url(_REPO, _COMMIT, f"{_DIR}/README.md"),
)
YEARS = (1990, 2023)
_VERTEX = re.compile(r'^\s*(\d+)\s+"([^"]*)"')


def _pajek_lines(archive: zipfile.ZipFile, member: str) -> list[str]:
    try:
        return archive.read(member).decode("utf-8-sig").splitlines()
    except KeyError:
        raise SourceFileError(f"{member} is missing from {archive.filename}; the zip should hold one per year {YEARS[0]}–{YEARS[1]}") from None


def _section(lines: list[str], member: str, starts: tuple[str, ...]) -> int:
    for index, line in enumerate(lines):
        if line.strip().lower().startswith(starts):
            return index
    raise SourceFileError(f"{member}: no line starting with {' or '.join(starts)}; is it a Pajek file?")


def parse_network(lines: list[str], member: str) -> tuple[list[str], pd.DataFrame]:
    """The vertex labels and the lines (``i < j`` once, with weight) of a Pajek
    network; the loops are dropped, and ``*arcs`` must be symmetric."""
    start = _section(lines, member, ("*vertices",))
    body = _section(lines, member, ("*arcs", "*edges"))
    labels = [m.group(2) for m in map(_VERTEX.match, lines[start + 1 : body]) if m]
    if len(labels) != int(lines[start].split()[1]):
        raise SourceFileError(f"{member}: {len(labels)} vertex labels where {lines[start].strip()} announces")
    lines_ = pd.read_csv(io.StringIO("\n".join(lines[body + 1 :])), sep=r"\s+", header=None, names=["i", "j", "w"])
    lines_ = lines_[lines_["i"] != lines_["j"]]
    if lines[body].strip().lower().startswith("*arcs"):
        forward = lines_[lines_["i"] < lines_["j"]].set_index(["i", "j"])["w"]
        backward = lines_[lines_["i"] > lines_["j"]].rename(columns={"i": "j", "j": "i"}).set_index(["i", "j"])["w"]
        both = pd.concat([forward, backward], axis=1, keys=["ij", "ji"])
        gap = (both["ij"] - both["ji"]).abs()
        if both.isna().any(axis=None) or (gap > np.maximum(2, 0.01 * both.max(axis=1))).any():
            raise SourceSchemaError(f"{member}: the arcs are not symmetric; co-authorship counts must be the same both ways")
        lines_ = both.max(axis=1).rename("w").reset_index()  # six cells (2004, 2019) differ by one work between the two answers
    else:
        lines_ = lines_.assign(i=np.minimum(lines_["i"], lines_["j"]), j=np.maximum(lines_["i"], lines_["j"]))
    return labels, lines_


def parse_vector(lines: list[str], member: str) -> list[float]:
    """The values of a Pajek ``.vec`` or ``.clu`` file, in vertex order."""
    start = _section(lines, member, ("*vertices",))
    return [float(v) for v in lines[start + 1 :] if v.strip()]


@lru_cache(maxsize=2)
def _read_zip(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(lines, vertices) of every year's network, parsed once for both tables."""
    edges, vertices = [], []
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise SourceFileError(f"cannot read {path}: {exc}; restore it from the mirror or delete it from the cache") from exc
    with archive:
        for year in range(YEARS[0], YEARS[1] + 1):
            labels, lines = parse_network(_pajek_lines(archive, f"WrldCo{year}.net"), f"WrldCo{year}.net")
            works = parse_vector(_pajek_lines(archive, f"WrldCo{year}T.vec"), f"WrldCo{year}T.vec")
            groups = parse_vector(_pajek_lines(archive, f"WrldCo{year}G.clu"), f"WrldCo{year}G.clu")
            if not len(labels) == len(works) == len(groups):
                raise SourceSchemaError(f"{year}: {len(labels)} vertices, {len(works)} work counts, {len(groups)} group counts")
            code = np.array(labels, dtype=object)
            links = np.bincount(lines["i"] - 1, lines["w"], len(labels)) + np.bincount(lines["j"] - 1, lines["w"], len(labels))
            edges.append(pd.DataFrame({"year": year, "iso2_1": code[lines["i"] - 1], "iso2_2": code[lines["j"] - 1], "works": lines["w"].to_numpy()}))
            vertices.append(pd.DataFrame({"year": year, "iso2": code, "works": works, "groups": groups, "coauthor_links": links}))
    return pd.concat(edges, ignore_index=True), pd.concat(vertices, ignore_index=True)


def _names(paths) -> pd.DataFrame:
    return read_csv(paths[CODES.path], sep=";", keep_default_na=False, dtype=str).rename(columns={"code": "iso2"})


def read_pairs(paths):
    """Every line between two codes, ``iso2_1`` before ``iso2_2`` in the file's vertex order, with the producer's names."""
    names = _names(paths).set_index("iso2")["name"]
    pairs = _read_zip(str(paths[NETWORKS.path]))[0]
    return pairs.assign(name_1=pairs["iso2_1"].map(names), name_2=pairs["iso2_2"].map(names))


def read_countries(paths):
    return _read_zip(str(paths[NETWORKS.path]))[1].merge(_names(paths), on="iso2", how="left")


def state_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """COW number per distinct (iso2, name, year): by ISO2, else by the producer's
    country name; fails if two codes would become one state in a year (double counting)."""
    keys = codes[["iso2", "name", "year"]].drop_duplicates(ignore_index=True)
    by_code = lookup(keys["iso2"], keys["year"], scheme="iso2")["ccode"]
    by_name = lookup(keys["name"].where(by_code.isna().to_numpy()), keys["year"], scheme="name")["ccode"]
    keys["ccode"] = by_code.fillna(by_name)
    mapped = keys.dropna(subset=["ccode"])
    clash = mapped.duplicated(["ccode", "year"], keep=False)
    if clash.any():
        rows = mapped[clash].head(6).to_dict("records")
        raise SourceSchemaError(f"openalex: two codes resolve to one state in a year, which would double count: {rows}")
    return keys


def clean_countries(raw):
    frame = raw.assign(year=raw["year"].astype("Int64"))
    frame = frame.merge(state_codes(frame), on=["iso2", "name", "year"], how="left")
    for column in ("works", "groups", "coauthor_links"):
        frame[column] = frame[column].round().astype("Int64")
    return frame[["year", "iso2", "name", "ccode", "works", "coauthor_links", "groups"]]


def clean_pairs(raw):
    frame = raw.assign(year=raw["year"].astype("Int64"))
    ends = pd.concat([frame[[f"iso2_{k}", f"name_{k}", "year"]].set_axis(["iso2", "name", "year"], axis=1) for k in (1, 2)])
    codes = state_codes(ends).drop(columns="name")
    for k in (1, 2):
        frame = frame.merge(codes.rename(columns={"iso2": f"iso2_{k}", "ccode": f"state_{k}"}), on=[f"iso2_{k}", "year"], how="left")
    frame = frame.dropna(subset=["state_1", "state_2"])
    swap = (frame["state_1"] > frame["state_2"]).to_numpy()
    out = pd.DataFrame({
        "ccode1": np.where(swap, frame["state_2"], frame["state_1"]),
        "ccode2": np.where(swap, frame["state_1"], frame["state_2"]),
        "year": frame["year"].to_numpy(),
        "iso2_1": np.where(swap, frame["iso2_2"], frame["iso2_1"]),
        "iso2_2": np.where(swap, frame["iso2_1"], frame["iso2_2"]),
        "coauthored_works": frame["works"].round().to_numpy(),
    })  # fmt: skip
    for column in ("ccode1", "ccode2", "year", "coauthored_works"):
        out[column] = out[column].astype("Int64")
    return out.sort_values(["year", "ccode1", "ccode2"], ignore_index=True)


SOURCE = Source(
    name="openalex",
    description="Works co-authored by researchers in two countries, per year, and each country's works (OpenAlex, via Batagelj's networks).",
    provenance=Provenance(
        producer="Vladimir Batagelj (repository bavla/OpenAlex), from OpenAlex group-by queries of 27 August 2024",
        title="World co-authorship networks between countries, by year (OpenAlex)",
        version="Countries/27aug24, commit 98ca3dc (OpenAlex snapshot of 27 August 2024)",
        licence="OpenAlex data: CC0; the bavla/OpenAlex repository has no licence file",
        homepage="https://github.com/bavla/OpenAlex/tree/main/Countries",
        citation="""@misc{batagelj2024worldco,
  author = {Batagelj, Vladimir}, title = {World co-authorship networks between countries, 1990--2023, from {OpenAlex}},
  year = {2024}, howpublished = {GitHub repository bavla/OpenAlex, Countries/27aug24},
  url = {https://github.com/bavla/OpenAlex/tree/main/Countries}}
@article{priem2022openalex,
  author = {Priem, Jason and Piwowar, Heather and Orr, Richard},
  title = {{OpenAlex}: A fully-open index of scholarly works, authors, venues, institutions, and concepts},
  journal = {arXiv}, eprint = {2205.01833}, year = {2022}}""",
        coverage=YEARS,
        gaps=(
            "Ends in 2023 (the 2024 count was still growing when queried). Levels depend on OpenAlex's snapshot and "
            "affiliation coverage (older works often lack one), so trends and shares are safer than counts. Works are filed "
            "under present-day countries: the USSR in 1990–1991 is Russia's works, Yugoslavia to 2005 Serbia's; Germany "
            "and Yemen in 1990 (two COW states that year) and Czechoslovakia (1990–1992; its works are filed under the Czech "
            "Republic and Slovakia) are left NULL. The works with any foreign co-author are not in the "
            "files, so shares use the sum of a country's co-authorship links. No licence file in the producer's repository."
        ),
    ),
    files=(NETWORKS, CODES, README),
    tables=(
        Table(
            name="pairs",
            read=read_pairs,
            clean=clean_pairs,
            columns={
                "ccode1": "COW code of the first state (lower code)",
                "ccode2": "COW code of the second state",
                "year": "publication year",
                "iso2_1": "OpenAlex country code of ccode1",
                "iso2_2": "OpenAlex country code of ccode2",
                "coauthored_works": "works with authors in both states (a line of the network; absent: none)",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={"coauthored_works": (1, None), "year": YEARS},
        ),
        Table(
            name="country_year",
            read=read_countries,
            clean=clean_countries,
            columns={
                "year": "publication year",
                "iso2": "OpenAlex country code (ISO 3166-1 alpha-2)",
                "name": "the producer's country name",
                "ccode": "COW number (NULL: a territory, not a state, or two COW states that year)",
                "works": "works with at least one author in the country (domestic ones included)",
                "coauthor_links": "sum of the country's co-authorship line weights (a work with k foreign countries counts k times)",
                "groups": "countries in OpenAlex's group-by answer, the country itself included, capped at 200",
            },
            key=("iso2", "year"),
            ranges={"works": (0, None), "coauthor_links": (0, None), "groups": (0, 200), "year": YEARS},
            golden_rows=251 * (YEARS[1] - YEARS[0] + 1),
        ),
    ),
)
