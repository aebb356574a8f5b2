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
    """List each source with its version, coverage years, the latest year with
    data in the warehouse, rows and licence. --json adds every file with its
    sha256, size in bytes, origin URL and upstream repository and commit.

    Example: bilateral data status --json
    """
    from bilateral.warehouse import status

    try:
        frame = status(db=db, mirror=mirror)
    except BilateralError as exc:
        _fail(exc)
    if as_json:  # through pandas' JSON (NA → null), re-indented without escaped slashes
        typer.echo(json.dumps(json.loads(frame.to_json(orient="records")), indent=2, ensure_ascii=False))
        return
    table = RichTable("source", "version", "coverage", "latest data", "files", "rows", "licence",
                      title="bilateral sources (files, checksums, gaps: --json or docs/sources.md)")
    for row in frame.itertuples():
        latest = "–" if row.latest_year is None or str(row.latest_year) == "<NA>" else str(row.latest_year)
        table.add_row(row.name, row.version, f"{row.coverage_start}–{row.coverage_end}", latest, str(len(row.files)), f"{row.rows:,}", row.licence)
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
    out: Path = typer.Option(Path("out"), "--out", help="Folder to write report.html, report.json and report.md into."),
    years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 1992-2024 (default: all years with data)."),
    formats: str = typer.Option("html,json,md", "--format", help="Comma-separated outputs: html, json, md."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Write a brief on the relations between A and B.

    Example: bilateral report CHN BLR --out out/china-belarus
    """
    span = parse_years(years)
    from bilateral.report import write_report

    try:
        written = write_report(a, b, out=out, years=span, db=db, mirror=mirror, formats=tuple(f.strip() for f in formats.split(",") if f.strip()))
    except BilateralError as exc:
        _fail(exc)
    for path in written:
        console.print(f"wrote {path}")


@app.command("measures")
def measures_command(
    a: str = typer.Argument(..., help="First state: name, ISO3 or COW code."),
    b: str = typer.Argument(..., help="Second state."),
    years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 1992-2020."),
    output: str = typer.Option("table", "--format", help="table, csv or json."),
    weights: Optional[str] = typer.Option(None, "--weights", help="Composite weights, e.g. alignment=0.4,economic=0.3,military=0.1,political=0.2."),
    reported: bool = typer.Option(False, "--reported", help="Show the ledger's reported trade figures (after 2014), with who reported them, instead."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Every measure of the A–B relationship, one row per year.

    Example: bilateral measures CHN BLR --years 1992-2020 --format csv
    """
    from bilateral.measures.api import dyad_measures, reported_trade
    from bilateral.warehouse import connect

    span = parse_years(years)
    try:
        with connect(db, mirror=mirror) as con:
            if reported:
                _print_frame(reported_trade(con, a, b), output)
                return
            frame = dyad_measures(con, a, b, years=span, weights=parse_weights(weights))
    except (BilateralError, ValueError) as exc:
        _fail(exc)
    if output == "table":  # too many columns to read across: one row per measure, one column per year
        frame = frame.set_index("year").T.reset_index().rename(columns={"index": "measure"})
        frame.columns = [str(c) for c in frame.columns]
    _print_frame(frame, output)


@app.command("partners")
def partners_command(
    a: str = typer.Argument(..., help="The state whose partners to rank."),
    dimension: Optional[str] = typer.Option(None, "--dimension", help="Rank on one dimension score: alignment, economic, military, political or science."),
    index: Optional[str] = typer.Option(None, "--index", help="Rank on one index: ties, dependence (how much A relies on each partner), alignment or composite (the default)."),
    year: Optional[int] = typer.Option(None, "--year", help="Year (default: the latest with a score)."),
    top: int = typer.Option(10, "--top", min=1, help="How many partners to list."),
    output: str = typer.Option("table", "--format", help="table, csv or json."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """A's partners ranked on one index or dimension, closest first. Index ranks compare only the
    partners scored on every input informative that year (docs/method.md).

    Example: bilateral partners BLR --index ties --year 2014 --top 5
    """
    from bilateral.measures.api import partners
    from bilateral.warehouse import connect

    if dimension and index:
        _fail(ValueError("give --index or --dimension, not both"))
    try:
        with connect(db, mirror=mirror) as con:
            frame = partners(con, a, dimension=index or dimension or "composite", year=year, top=top)
    except (BilateralError, ValueError) as exc:
        _fail(exc)
    _print_frame(frame, output)


@app.command("explain")
def explain_command(
    a: str = typer.Argument(..., help="First state: name, ISO3 or COW code."),
    b: str = typer.Argument(..., help="Second state."),
    third: Optional[str] = typer.Option(None, "--third", help="Third state for the triad (default: the state both are jointly closest to)."),
    peers: Optional[str] = typer.Option(None, "--peers", help="Comma-separated peers of B, e.g. POL,HUN,SRB (default: B's UN sub-region and states within 400 km)."),
    years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 1992-2023 (default: the years with an A–B composite, from 1946)."),
    output: str = typer.Option("table", "--format", help="table or json."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Why A and B are as close as they are: trajectory, third states, blocs, peers and determinants.

    Example: bilateral explain CHN BLR --peers POL,HUN,SRB --format json
    """
    from bilateral.explain import PARTS, explain
    from bilateral.warehouse import connect

    if output not in ("table", "json"):
        raise typer.BadParameter(f"unknown format {output!r}; use table or json.")
    span = parse_years(years)
    peer_list = [p.strip() for p in peers.split(",") if p.strip()] if peers else None
    try:
        with connect(db, mirror=mirror) as con:
            result = explain(con, a, b, third=third, peers=peer_list, years=span)
    except (BilateralError, ValueError) as exc:
        _fail(exc)
    if output == "json":
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    out = Console(width=max(Console().width, 100))
    for part in PARTS:
        out.rule(part)
        for statement in result[part]["statements"]:
            mark = "•" if statement["kind"] == "finding" else "[dim](limit)[/]"
            out.print(f"{mark} {statement['text']}", highlight=False)


def _print_frame(frame, output: str) -> None:
    """A DataFrame as a table, CSV or JSON; missing values stay empty."""
    if output == "csv":
        typer.echo(frame.to_csv(index=False), nl=False)
    elif output == "json":
        typer.echo(frame.to_json(orient="records", indent=2))
    elif output == "table":
        table = RichTable(*frame.columns)
        for row in frame.itertuples(index=False):
            table.add_row(*("" if _missing(v) else f"{v:.4g}" if isinstance(v, float) else str(v) for v in row))
        Console(width=max(Console().width, 40 + 12 * len(frame.columns))).print(table)
    else:
        raise typer.BadParameter(f"unknown format {output!r}; use table, csv or json.")


def _missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def parse_weights(text: str | None) -> dict[str, float] | None:
    """'alignment=0.4,economic=0.6' → {'alignment': 0.4, 'economic': 0.6}."""
    if not text:
        return None
    weights = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(f"{part!r} is not dimension=weight; write e.g. alignment=0.4,economic=0.6.") from None
    return weights


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
