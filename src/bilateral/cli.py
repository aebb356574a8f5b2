"""The ``bilateral`` command: thin Typer commands over the Python API.

Every command that reads the warehouse takes ``--db``; every command that may
build it takes ``--mirror``. Errors a user can act on are printed without a
traceback and exit with status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from bilateral.errors import BilateralError

app = typer.Typer(
    help="Measure and explain the relations between two states from open data.",
    no_args_is_help=True,
    add_completion=False,
)
data_app = typer.Typer(help="Build and inspect the warehouse of sources.", no_args_is_help=True)
app.add_typer(data_app, name="data")
console = Console(stderr=True)

MirrorOption = typer.Option(None, "--mirror", help="Folder holding the source files (else $BILATERAL_MIRROR, else download).")
DbOption = typer.Option(None, "--db", help="Warehouse file (else $BILATERAL_DB, else the user data folder).")


def _fail(exc: BilateralError) -> None:
    console.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(2)


@data_app.command("build")
def data_build(
    mirror: Optional[Path] = MirrorOption,
    db: Optional[Path] = DbOption,
    force: bool = typer.Option(False, "--force", help="Reload every source, even unchanged ones."),
) -> None:
    """Build the warehouse from every source, atomically.

    Example: bilateral data build --mirror ../shared/data
    """
    from bilateral.warehouse import build

    try:
        result = build(mirror=mirror, db=db, force=force)
    except BilateralError as exc:
        _fail(exc)
    if result.changed:
        console.print(f"built {result.path} in {result.seconds:.1f} s: loaded {len(result.loaded)} source(s), reused {len(result.reused)}")
    else:
        console.print(f"{result.path} is up to date ({len(result.reused)} sources unchanged)")


@data_app.command("status")
def data_status(
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List each source with its version, coverage years, rows and licence.

    Example: bilateral data status --json
    """
    from bilateral.warehouse import status

    try:
        frame = status(db=db, mirror=mirror)
    except BilateralError as exc:
        _fail(exc)
    if as_json:
        typer.echo(frame.to_json(orient="records", indent=2))
        return
    table = RichTable("source", "version", "coverage", "rows", "licence", title="bilateral sources (gaps: --json or docs/sources.md)")
    for row in frame.itertuples():
        table.add_row(row.name, row.version, f"{row.coverage_start}–{row.coverage_end}", f"{row.rows:,}", row.licence)
    Console(width=max(Console().width, 120)).print(table)


@app.command("country")
def country(
    name: str = typer.Argument(..., help="A name or code in any scheme."),
    year: Optional[int] = typer.Option(None, "--year", help="Resolve as of this year (successor states differ)."),
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Show the state a name or code resolves to.

    Example: bilateral country Byelorussia
    """
    from bilateral.countries import resolve

    try:
        state = resolve(name, year=year, strict=year is not None, mirror=mirror)
    except BilateralError as exc:
        _fail(exc)
    typer.echo(json.dumps(vars(state), indent=2))


@app.command("report")
def report(
    a: str = typer.Argument(..., help="First state: name, ISO3 or COW code."),
    b: str = typer.Argument(..., help="Second state."),
    out: Path = typer.Option(Path("out"), "--out", help="Folder to write report.html and report.json into."),
    years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 1992-2024 (default: all years with data)."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Write a brief on the relations between A and B.

    Example: bilateral report CHN BLR --out out/china-belarus
    """
    span = parse_years(years)
    from bilateral.report import write_report

    try:
        written = write_report(a, b, out=out, years=span, db=db, mirror=mirror)
    except BilateralError as exc:
        _fail(exc)
    for path in written:
        console.print(f"wrote {path}")


def parse_years(text: str | None) -> tuple[int, int] | None:
    """'1992-2024' → (1992, 2024); '2014' → (2014, 2014)."""
    if not text:
        return None
    parts = text.replace("–", "-").split("-")
    try:
        first, last = (int(parts[0]), int(parts[-1]))
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a year range; write it as 1992-2024.") from None
    if len(parts) > 2 or first > last:
        raise typer.BadParameter(f"{text!r} is not a year range; write it as 1992-2024 (first year first).")
    return first, last


if __name__ == "__main__":
    app()
