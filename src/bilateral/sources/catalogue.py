"""``docs/sources.md``, generated from the sources' own declarations so that
the list of sources, their citations and their gaps cannot drift from the code.

Run ``python -m bilateral.sources.catalogue > docs/sources.md`` after changing
a source; a test fails while the file is out of date.
"""

from __future__ import annotations

from bilateral.sources import all_sources

HEADER = """# Sources

Every dataset `bilateral` reads, with its provenance and what it does not cover.
Generated from the source modules by `python -m bilateral.sources.catalogue`; do not edit by hand.

## Known gaps

- **UN votes: two sources with different scope.** unvotes (to 14 January 2020) holds every recorded vote, including amendments and paragraphs; unxml (September 2019 to June 2026) holds adopted resolutions only, with no amendment, paragraph or motion votes and no failed drafts. The merged roll-call table takes session 74's shared resolutions from unvotes and adds the rest from unxml. ES-11 ends with ES-11/6, so the February 2025 Ukraine votes are absent.
- **Dyadic trade ends in 2020.** COW's series ends in 2014; the IMF's Direction of Trade Statistics carries it to 2020, each side's report kept (they can differ widely). After 2020 only the ledger's reported totals exist; they are figures as reported by one side, not a comparable series.
- **Alliances (ATOP) end in 2018.**
- **Chinese leaders' engagements (China Vitae) end in 2018.** The ledger records some later visits and meetings.
- **Scientific co-publication (OpenAlex) ends in 2023.** Its levels depend on the query and the OpenAlex snapshot (27 August 2024), so trends and shares are safer than counts.
- **Chinese official finance (AidData) ends in 2014**, and covers China dyads only.
- No open file was found for joint military exercises or sanctions by country pair; the ledger covers them in part.

A year outside a source's coverage is missing (NULL) in the warehouse, never 0.
"""


def render() -> str:
    """The Markdown catalogue of every registered source."""
    parts = [HEADER]
    for source in all_sources():
        p = source.provenance
        files = "\n".join(
            f"  - `{f.path}` (sha256 `{f.sha256[:12]}…`){' — ' + f.url if f.url else ' — no byte-identical origin; read from a mirror'}"
            for f in source.files
        ) or "  - shipped inside the package (`src/bilateral/ledger/`)"
        tables = ", ".join(f"`core_{source.name}__{t.name}`" for t in source.tables)
        parts.append(
            f"""## `{source.name}` — {p.title}

{source.description}

- Producer: {p.producer}
- Version: {p.version}
- Licence: {p.licence}
- Homepage: {p.homepage}
- Coverage: {p.coverage[0]}–{p.coverage[1]}
- Known gaps: {p.gaps or 'none recorded'}
- Tables: {tables}
- Files:
{files}

```bibtex
{p.citation.strip()}
```
"""
        )
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
