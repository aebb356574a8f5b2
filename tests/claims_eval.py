"""The claim checker's evaluation set: claims from four texts with the
verdict a careful reader gives them, labelled by hand from the sources
(ledger rows, COW trade, UN votes), not from the checker's output.

Each case: (text file, a snippet of the claim, the expected verdict, the truth
of the claim: true, false, or unknown for opinions and claims the data cannot
settle). ``python tests/claims_eval.py`` prints the precision/recall table
that docs/claims.md carries; a test keeps the two in sync.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "examples" / "seed-article.txt"
FIXTURES = HERE / "fixtures" / "claims"
#: The texts, each with the as-of date it is checked at (None: inferred).
TEXTS = {
    "seed": (SEED, None),
    "probes": (FIXTURES / "china-belarus-probes.txt", date(2024, 9, 1)),
    "russia-belarus": (FIXTURES / "russia-belarus.md", None),
    "china-hungary": (FIXTURES / "china-hungary.html", None),
    "china-russia": (FIXTURES / "china-russia.txt", None),
    "serbia-poland": (FIXTURES / "china-serbia-poland.md", None),
}

S, C, P, N = "supported", "contradicted", "partly_supported", "not_checkable"
CASES: list[tuple[str, str, str, str]] = [
    # -- the seed essay (China–Belarus, speaks from August 2024) --------------
    ("seed", "visit of Chinese Premier Li Qiang to Belarus in August 2024", S, "true"),  # ledger 2024-08-22
    ("seed", "Over the past three decades", S, "true"),  # ties 1992: 32 years
    ("seed", "frequent meetings between officials", S, "true"),  # ledger meetings 2023-24
    ("seed", "Xi Jinping met with his Belarusian counterpart in July 2024", S, "true"),  # ledger 2024-07-04 Astana
    ("seed", "recent visit of Premier Li Qiang", S, "true"),
    ("seed", "diplomatic ties 32 years ago", S, "true"),  # 2024 − 1992
    ("seed", "mutual support in international forums", P, "unknown"),  # about 3 in 4 UN votes identical
    ("seed", "alignment on major international issues", P, "unknown"),
    ("seed", "consistently supported China’s core interests", N, "unknown"),  # no measure
    ("seed", "has grown rapidly", S, "true"),  # 2018–2023 from both sides' figures
    ("seed", "largest trading partner in Asia", N, "unknown"),  # 'now' = 2024, ranks end 2014
    ("seed", "In 2023, bilateral trade exceeded $8.4 billion", S, "true"),  # 8.4 and 8.5 bn reported
    ("seed", "both sides signed agreements", S, "true"),  # ledger 2023-03-01 package of documents
    ("seed", "the latest of which took place in July 2024", S, "true"),  # ledger 2024-07-08
    ("seed", "joint statement issued during Premier Li Qiang", S, "true"),  # ledger 2024-08-23
    ("seed", "same narrative regarding the Ukrainian conflict", P, "unknown"),  # BLR–RUS 7/7, CHN with them 2/7
    ("seed", "Falcon Attack 2024", S, "true"),
    ("seed", "model of pragmatic cooperation", N, "unknown"),
    ("seed", "is expected to influence", N, "unknown"),
    ("seed", "China aims to expand its influence", N, "unknown"),
    # -- China–Belarus probes: false variants --------------------------------
    ("probes", "exceeded $9.5 billion", C, "false"),  # 8.4–8.5 bn
    ("probes", "In 2014, bilateral trade between China and Belarus exceeded $3 billion", S, "true"),  # COW 3,124m
    ("probes", "was about $5 billion", C, "false"),  # COW 3,124m
    ("probes", "was about $2.7 billion", S, "true"),  # PRC MFA 2,714m (Belarus says 4.5bn)
    ("probes", "grew by 12%", S, "true"),  # COW 3,044 → 3,421m: +12.4%
    ("probes", "grew by 25%", C, "false"),
    ("probes", "fell by about 9%", S, "true"),  # COW 3,421 → 3,124m: −8.7%
    ("probes", "In 2023, China was Belarus’s largest trading partner in Asia", N, "unknown"),  # 2023 vs 2014 data
    ("probes", "In 2010, China was Belarus’s largest trading partner in Asia", S, "true"),  # region rank 1
    ("probes", "In 2010, China was Belarus’s largest trading partner.", C, "false"),  # rank 4
    ("probes", "diplomatic ties 25 years ago", C, "false"),  # 32 years
    ("probes", "diplomatic relations since 1992", S, "true"),
    ("probes", "diplomatic relations in 1995", C, "false"),  # January 1992
    ("probes", "Xi Jinping visited Belarus in August 2024", C, "false"),  # it was Li Qiang
    ("probes", "state visit to Belarus in May 2015", S, "true"),
    ("probes", "Xi Jinping visited Belarus in 2017", C, "false"),  # China Vitae: 2015 only
    ("probes", "“Falcon Attack 2024” in July 2023", C, "false"),  # July 2024
    ("probes", "full member of the Shanghai Cooperation Organisation in July 2024", S, "true"),
    ("probes", "signed 26 agreements on investment and trade", S, "true"),  # ledger 2016-09-29
    ("probes", "signed 30 cooperation agreements", C, "false"),  # 26
    ("probes", "signed a free trade agreement", N, "false"),  # the 2016 documents are on investment, trade…: no FTA named
    ("probes", "visa-exemption agreement", S, "true"),  # ledger 2018-06-10
    ("probes", "voted the same way on 0 of 2", S, "true"),  # ES-11/1, /2: China abstained, Belarus no
    ("probes", "voted the same way on 1 of 1", S, "true"),  # ES-11/5: both no
    ("probes", "opposed each other on 5", C, "false"),  # abstain vs no is not opposition: 0
    ("probes", "model of pragmatic cooperation", N, "unknown"),
    # -- Russia–Belarus (Markdown) --------------------------------------------
    ("russia-belarus", "Russia was Belarus's largest trading partner", S, "true"),  # COW rank 1
    ("russia-belarus", "Belarus was Russia's largest trading partner", C, "false"),  # COW rank 6
    ("russia-belarus", "grew rapidly between 2005 and 2008", S, "true"),  # 14.7 → 34.1 bn
    ("russia-belarus", "declined between 2008 and 2009", S, "true"),  # 34.1 → 23.4 bn
    ("russia-belarus", "declined between 2009 and 2012", C, "false"),  # 23.4 → 40.9 bn
    ("russia-belarus", "was about $45 billion", S, "true"),  # Russian stats 45 bn
    ("russia-belarus", "reached about $54 billion", S, "true"),  # Belarusian side 54 bn
    ("russia-belarus", "exceeded $60 billion", C, "false"),
    ("russia-belarus", "In 2019, trade between Russia and Belarus exceeded $30 billion", S, "true"),  # IMF DOTS 2019: 34,214m (importers' reports)
    ("russia-belarus", "“Zapad-2021” in September 2021", S, "true"),
    ("russia-belarus", "“Zapad-2017” in August 2019", C, "false"),  # September 2017
    ("russia-belarus", "In February 2022, Russia and Belarus held a joint exercise", S, "true"),  # Union Resolve 2022
    ("russia-belarus", "tactical nuclear weapons", S, "true"),  # ledger 2023-05-25
    ("russia-belarus", "treaty on security guarantees", S, "true"),  # ledger 2024-12-06
    ("russia-belarus", "Putin met Lukashenko in Minsk in May 2024", S, "true"),
    ("russia-belarus", "Putin visited Minsk in March 2019", N, "unknown"),  # ledger silent: not evidence
    ("russia-belarus", "voted the same way on every UN General Assembly vote on Ukraine", S, "true"),  # both no on each
    ("russia-belarus", "opposed each other on 2", C, "false"),  # 0 opposed
    ("russia-belarus", "model of asymmetric integration", N, "unknown"),
    ("russia-belarus", "will remain dependent", N, "unknown"),
    # -- China–Hungary (HTML) -------------------------------------------------
    ("china-hungary", "state visit to Hungary in May 2024", S, "true"),
    ("china-hungary", "signed 18 cooperation agreements", S, "true"),
    ("china-hungary", "comprehensive strategic partnership in May 2017", S, "true"),
    ("china-hungary", "Orbán met Xi Jinping in Beijing in July 2024", S, "true"),
    ("china-hungary", "Li Keqiang visited Hungary in November 2017", S, "true"),  # China Vitae 2017-11-26
    ("china-hungary", "Wen Jiabao visited Hungary in 2009", C, "false"),  # China Vitae: 2011
    ("china-hungary", "exceeded $13 billion", S, "true"),  # 14.52 bn
    ("china-hungary", "reached about $20 billion", C, "false"),
    ("china-hungary", "largest trading partner in Asia", S, "true"),  # region rank 1 in 2014
    ("china-hungary", "In 2014, China was Hungary’s largest trading partner.", C, "false"),  # rank 5
    ("china-hungary", "exceeded $10 billion", N, "unknown"),  # no 2021 figure
    ("china-hungary", "more than doubled between 2004 and 2010", S, "true"),  # 4.1 → 11.1 bn
    ("china-hungary", "opposed each other on 1 of 1", S, "true"),  # ES-11/3: China no, Hungary yes
    ("china-hungary", "voted the same way on 1 of 1", C, "false"),  # ES-11/4: China abstained, Hungary yes
    ("china-hungary", "gateway to Europe", N, "unknown"),
    ("china-hungary", "will keep balancing", N, "unknown"),
    # -- China–Russia (plain text with a dateline) ----------------------------
    ("china-russia", "record $240 billion in 2023", S, "true"),  # GACC 240.11 bn
    ("china-russia", "exceeded $200 billion", C, "false"),  # GACC 2022: 190.27 bn
    ("china-russia", "sixth largest trading partner", N, "unknown"),  # 'now', ranks end 2014
    ("china-russia", "more than doubled since 2018", S, "true"),  # 107.06 → 244.8 bn
    ("china-russia", "more than 40 times", N, "unknown"),  # no complete count of meetings
    ("china-russia", "Putin paid a state visit to China", S, "true"),  # ledger 2024-05-16
    ("china-russia", "joint exercises in July 2024 near Zhanjiang", N, "unknown"),  # ledger silent
    ("china-russia", "voted together on most resolutions concerning Ukraine in 2022", C, "false"),  # 2 of 5 (ES-11/3, /5)
    ("china-russia", "China abstained on the March 2022 resolution", S, "true"),  # ES-11/1, /2
    ("china-russia", "Russia voted against it", S, "true"),
    ("china-russia", "China voted in favour", C, "false"),  # ES-11/4: abstain
    ("china-russia", "will deepen further", N, "unknown"),
    # -- China with Serbia and Poland (Markdown) ------------------------------
    ("serbia-poland", "free trade agreement in October 2023", S, "true"),  # ledger 2023-10-17
    ("serbia-poland", "roughly $6 billion", S, "true"),  # AFP: 6.15 bn
    ("serbia-poland", "second largest trading partner after Germany", N, "unknown"),  # 2022, no ranks
    ("serbia-poland", "grew by 30% in 2022", N, "unknown"),  # growth rates are not checked
    ("serbia-poland", "topped $42 billion", S, "true"),  # GACC 42.1 bn
    ("serbia-poland", "exceeded $50 billion", C, "false"),
    ("serbia-poland", "voted differently on every UN resolution on Ukraine", S, "true"),  # 0 of 2 the same
    ("serbia-poland", "Serbia abstained on the UN resolution", C, "false"),  # Serbia voted yes on ES-11/1 and /2
    ("serbia-poland", "Serbia voted in favour", S, "true"),
    ("serbia-poland", "may cost it EU membership", N, "unknown"),
]


def run(con) -> list[tuple[tuple, object]]:
    """Each case with the claim the checker made of it (None: not found)."""
    from bilateral.claims import check_source

    results = {name: check_source(path, as_of=as_of, con=con) for name, (path, as_of) in TEXTS.items()}
    out = []
    for case in CASES:
        text, snippet = case[0], case[1]
        # a snippet ending in "." is the whole claim; otherwise a part of it
        same = (lambda c: c.text == snippet[:-1]) if snippet.endswith(".") else (lambda c: snippet in c.text)
        claim = next((c for c in results[text].claims if same(c)), None)
        out.append((case, claim))
    return out


def metrics(pairs) -> dict[str, dict[str, float | int]]:
    """Precision and recall of each verdict over the cases (a claim not found counts as wrong)."""
    from bilateral.claims.model import VERDICTS

    table = {}
    for v in VERDICTS:
        expected = [p for p in pairs if p[0][2] == v]
        given = [p for p in pairs if p[1] is not None and p[1].verdict == v]
        right = [p for p in given if p[0][2] == v]
        table[v] = {
            "expected": len(expected), "given": len(given), "correct": len(right),
            "precision": len(right) / len(given) if given else float("nan"),
            "recall": len(right) / len(expected) if expected else float("nan"),
        }
    return table


def markdown(pairs) -> str:
    """The evaluation section of docs/claims.md."""
    table = metrics(pairs)
    correct = sum(1 for case, claim in pairs if claim is not None and claim.verdict == case[2])
    false_supported = sum(1 for case, claim in pairs if case[3] == "false" and claim is not None and claim.verdict == "supported")
    lines = [
        f"{len(pairs)} hand-labelled claims from {len(TEXTS)} texts; {correct} of {len(pairs)} verdicts correct "
        f"({correct / len(pairs):.0%}); false claims marked supported: {false_supported}.",
        "",
        "| verdict | expected | given | correct | precision | recall |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v, row in table.items():
        lines.append(f"| {v} | {row['expected']} | {row['given']} | {row['correct']} | {row['precision']:.2f} | {row['recall']:.2f} |")
    return "\n".join(lines) + "\n"


DOCS = HERE.parent / "docs" / "claims.md"


def update_docs(pairs) -> None:
    """Rewrite the generated tables of docs/claims.md (between their markers)."""
    import re

    from bilateral.claims.tolerance import markdown as tolerance_table

    text = DOCS.read_text(encoding="utf-8")
    for name, body in (("tolerance", tolerance_table()), ("eval", markdown(pairs))):
        text = re.sub(rf"<!-- {name}:start -->\n.*?<!-- {name}:end -->", lambda _: f"<!-- {name}:start -->\n{body}<!-- {name}:end -->", text, flags=re.S)
    DOCS.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # PYTHONPATH=src python tests/claims_eval.py [--docs] [warehouse.duckdb]
    import sys

    import duckdb

    args = [a for a in sys.argv[1:] if a != "--docs"]
    with duckdb.connect(args[0] if args else "out/test.duckdb", read_only=True) as connection:
        evaluated = run(connection)
    if "--docs" in sys.argv:
        update_docs(evaluated)
    print(markdown(evaluated), end="")
