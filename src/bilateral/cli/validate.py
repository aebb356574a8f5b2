"""``bilateral data validate``: check the validation list against a built
warehouse and write docs/validation.md. The command opens the warehouse; the
cases and the checks live in :mod:`bilateral.measures.validation`, which
therefore reads only the connection it is given (a measure never opens the
warehouse that is built from it)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from bilateral.cli.common import DbOption, _handled, console, data_app


@data_app.command("validate")
@_handled
def data_validate(
    db: Optional[Path] = DbOption,
    out: Optional[Path] = typer.Option(None, "--out", help="Write the Markdown to this file (else print it)."),
) -> None:
    """Check every case of the validation list (where a partner ranks among a
    state's partners, who relies on whom) against the warehouse, with the rank
    correlations of the ties index; prints docs/validation.md.

    Example: bilateral data validate --out docs/validation.md
    """
    from bilateral.measures.validation import markdown
    from bilateral.warehouse import connect

    with connect(db, build_if_missing=False) as con:
        text = markdown(con)
    if out is None:
        typer.echo(text)
        return
    out.write_text(text + "\n", encoding="utf-8")  # the bytes the printed form has
    console.print(f"validation written to {out}")
