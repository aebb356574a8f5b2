"""The checked claims as a Rich table for the terminal: one row per claim,
with its verdict, kind, text and reason."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bilateral.claims.model import CheckResult

STYLES = {"supported": "bold green", "contradicted": "bold red", "partly_supported": "bold yellow", "not_checkable": "dim"}


def print_table(result: CheckResult, console: Console | None = None, opinions: bool = True) -> None:
    """Print the claims table and a one-line summary of the verdicts."""
    console = console or Console(width=max(Console().width, 120))
    table = Table("#", "verdict", "kind", "claim", "reason", title=f"{escape(result.origin)}: as of {result.as_of} ({result.as_of_basis})", show_lines=True)
    for i, claim in enumerate(result.claims, 1):
        if claim.kind == "opinion" and not opinions:
            continue
        text = claim.text if len(claim.text) <= 160 else claim.text[:157] + "…"
        table.add_row(str(i), f"[{STYLES[claim.verdict]}]{claim.verdict}[/]", claim.kind, escape(text), escape(claim.reason))
    console.print(table)
    console.print(", ".join(f"{v}: {n}" for v, n in result.counts().items()), highlight=False)
