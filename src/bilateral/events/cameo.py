"""CAMEO event codes, the Goldstein scale, quad classes, the CAMEO→PLOVER
mapping and the code sets the dyad-month indicators count.

The code list and the Goldstein scale are GDELT's official lookup files
(``gdelt/CAMEO.eventcodes.txt`` and ``gdelt/CAMEO.goldsteinscale.txt`` in the
mirror), fetched and sha256-checked like every other source file. The
CAMEO→PLOVER mapping is ours, a TSV in ``events/data/cameo_plover.tsv`` with a
note on each line; docs/method.md explains it.

Every indicator's code set is declared here once and read by the aggregation
SQL, the docs and the tests.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile

_UNDP = ("mpiccirilli/UNDP-BCPR-Project", "e009a802f0e801526a6ff9a70d452b5cecd7ccb6")
EVENT_CODES_FILE = DataFile(
    "gdelt/CAMEO.eventcodes.txt",
    "d7da9a9e20d81805a7e8849317f24c953f75fbed2f96cff4edb8df90ffcb3065",
    raw_url(*_UNDP, "CAMEO.eventcodes.txt"),
)
GOLDSTEIN_FILE = DataFile(
    "gdelt/CAMEO.goldsteinscale.txt",
    "22ae69794e081b8cc9bb87a15f59fabdaa6e9ba00b1d08990b46cd75291c0ca8",
    raw_url(*_UNDP, "CAMEO.goldsteinscale.txt"),
)

#: GDELT's QuadClass, by CAMEO root code: 01–05 verbal cooperation, 06–09
#: material cooperation, 10–14 verbal conflict, 15–20 material conflict. (Not
#: the split by CAMEO's chapter titles: GDELT counts "investigate" (09) as
#: material cooperation and "protest" (14) as verbal conflict; the rule here
#: reproduces GDELT's own QuadClass on every row of the mirror's extract.)
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}

#: Visits and meetings: express intent to meet or negotiate (036), make a
#: visit (042), host a visit (043), meet at a third location (044).
VISIT_CODES = ("036", "042", "043", "044")
#: Sign formal agreement.
AGREEMENT_CODES = ("057",)
#: Military cooperation: express intent to cooperate militarily (0312),
#: cooperate militarily (062), provide military aid (072), provide military
#: protection or peacekeeping (074).
MILCOOP_CODES = ("0312", "062", "072", "074")
#: Force posture (CAMEO root 15) aimed at the other state, military codes only:
#: the root itself (15), demonstrate military or police power (150), increase
#: military alert status (152), mobilise or increase armed forces (154). The
#: police codes 151 and 153 are left out: they describe domestic policing.
FORCE_POSTURE_CODES = ("15", "150", "152", "154")


def quad_class(code: str) -> int:
    """The quad class of a CAMEO code, from its two-digit root."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"{code!r} is not a CAMEO event code (its root must be 01–20)")
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _read_pairs(file: DataFile, mirror) -> dict[str, str]:
    from bilateral.sources.fetch import fetch

    path = fetch(file, mirror=mirror, progress=False)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return {row[0].strip(): row[1].strip() for row in rows[1:] if row and row[0].strip()}


@cache
def _codes(mirror: str | None) -> dict[str, tuple[str, float]]:
    names = _read_pairs(EVENT_CODES_FILE, mirror)
    scale = _read_pairs(GOLDSTEIN_FILE, mirror)
    if set(names) != set(scale):
        raise ValueError("the CAMEO code list and the Goldstein scale list different codes")
    return {code: (names[code], float(scale[code])) for code in names}


def event_codes(mirror=None) -> dict[str, tuple[str, float]]:
    """Every official CAMEO event code → (description, Goldstein score)."""
    from bilateral.config import mirror_dir

    root = mirror_dir(mirror)
    return _codes(str(root) if root else None)


@cache
def plover_rules() -> tuple[tuple[str, str], ...]:
    """(CAMEO prefix, PLOVER event type) pairs, longest prefix first."""
    text = (resources.files("bilateral.events") / "data" / "cameo_plover.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return tuple(sorted(((r["cameo_prefix"], r["plover"]) for r in rows), key=lambda r: -len(r[0])))


def to_plover(code: str) -> str | None:
    """The PLOVER event type of a CAMEO code (None for public statements, 01x,
    which PLOVER does not code)."""
    for prefix, plover in plover_rules():
        if code.startswith(prefix):
            return plover or None
    raise ValueError(f"{code!r} has no PLOVER mapping; add its prefix to events/data/cameo_plover.tsv")


#: PLOVER event type → quad class, for sources (POLECAT) that code PLOVER only.
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def lookup_rows(mirror=None) -> list[tuple[str, str, float, int, str | None]]:
    """(code, description, goldstein, quad_class, plover) for every CAMEO code:
    the lookup table the ingest joins on."""
    return [(code, name, score, quad_class(code), to_plover(code)) for code, (name, score) in sorted(event_codes(mirror).items())]
