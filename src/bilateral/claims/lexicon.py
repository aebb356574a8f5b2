"""Words the extractor looks for, as data: adjectives, capitals and leaders
that stand for a state, the words that mark each kind of event, and the
markers of opinion and forecast.

Each state is named here by a name the country resolver knows; the resolver
turns it into a COW code, so no code is typed twice.
"""

from __future__ import annotations

#: Words that stand for a state without naming it (adjective, capital, leader).
STAND_INS: dict[str, str] = {
    "Chinese": "China", "Sino": "China", "Beijing": "China", "PRC": "China",
    "Xi Jinping": "China", "Xi": "China", "Li Qiang": "China", "Li Keqiang": "China", "Wen Jiabao": "China", "Hu Jintao": "China", "Wang Yi": "China", "Li Shangfu": "China",
    "Belarusian": "Belarus", "Belarussian": "Belarus", "Minsk": "Belarus", "Lukashenko": "Belarus",
    "Russian": "Russia", "Moscow": "Russia", "Kremlin": "Russia", "Putin": "Russia",
    "Hungarian": "Hungary", "Budapest": "Hungary", "Orbán": "Hungary", "Orban": "Hungary",
    "Serbian": "Serbia", "Belgrade": "Serbia", "Vučić": "Serbia", "Vucic": "Serbia",
    "Polish": "Poland", "Warsaw": "Poland",
    "Ukrainian": "Ukraine", "Kyiv": "Ukraine", "Kiev": "Ukraine",
    "American": "United States", "Washington": "United States",
    "Kazakh": "Kazakhstan", "Astana": "Kazakhstan",
    "German": "Germany", "Berlin": "Germany", "French": "France", "Paris": "France",
    "British": "United Kingdom", "London": "United Kingdom", "Japanese": "Japan", "Tokyo": "Japan",
    "Indian": "India", "Iranian": "Iran", "Turkish": "Turkey", "Lithuanian": "Lithuania",
}
#: Stand-ins that are also places where meetings happen: not an actor when
#: the text says "in Astana" or "in Beijing".
PLACES = {"Beijing", "Minsk", "Moscow", "Budapest", "Belgrade", "Warsaw", "Kyiv", "Kiev", "Washington", "Astana", "Berlin", "Paris", "London", "Tokyo"}
#: Leaders whose name identifies an event in the ledger's titles.
PERSONS = ("Xi", "Li Qiang", "Li Keqiang", "Wen Jiabao", "Hu Jintao", "Wang Yi", "Li Shangfu", "Lukashenko", "Putin", "Orban", "Orbán", "Vucic", "Vučić", "Kochanova")
#: Capitalised words that resolve to a state but do not mean one in prose.
NOT_STATES = {"Union", "Chad", "Jordan", "Georgia", "Guinea", "Congo", "China-Belarus", "Republic", "Asia", "Europe", "Africa", "America"}

#: Event words → the ledger's event types they may be recorded as.
EVENT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"joint statement", ("joint_statement",)),
    (r"(?:military )?(?:exercises?|drills?|manoeuvres)", ("joint_exercise",)),
    (r"strategic partnership", ("partnership_upgrade",)),
    (r"diplomatic (?:ties|relations)", ("diplomatic_ties_established",)),
    (r"(?:signed|signing of)\b.*?\b(?:agreements?|treaty|treaties|memorand(?:um|a)|documents?|declarations?)", ("agreement_signed",)),
    (r"(?:agreements?|treaty|memorandum) (?:was |were )?signed", ("agreement_signed",)),
    (r"(?:state |official |working )?visit(?:ed|s)?\b|\btrip\b", ("state_visit", "official_visit", "leader_meeting")),
    (r"\bmet\b|\bmeets?\b|\bmeetings?\b|\btalks\b|sidelines", ("leader_meeting", "state_visit", "official_visit")),
    (r"phone call|telephone", ("phone_call",)),
    (r"(?:full )?member(?:ship)?\b|accession|admitted|joined", ("membership",)),
)

#: Markers of an opinion, a forecast or an interpretation: not checkable.
OPINION_MARKERS = (
    "model of", "may ", "might ", "likely", "in the long run", "is expected to", "are expected to", "expected to drive", "will ", "would ", "could be used", "can be understood",
    "aims to", "seeks to", "is betting", "key partner", "crucial", "significant moment", "gateway to", "flagship",
    "symboliz", "demonstrating", "underscored", "highlight", "point to potential", "indicates a", "mean a ", "making belarus",
    "are working to", "aims", "important participant", "significant driver", "view ", "viewing", "in conclusion",
    "common interest", "key regions", "key factors", "shared views", "strong relations", "significant political",
    "major player", "focal point", "deepening ties", "strategic alignment", "is linked to", "complex",
)

#: Vague alignment wording with no measure behind it.
UNMEASURED_ALIGNMENT = ("core interests", "one china", "domestic and foreign policies", "internal affairs", "sovereignty")
