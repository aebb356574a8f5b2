"""The ``bilateral`` command: thin Typer commands over the Python API.

Every command that reads the warehouse takes ``--db``; every command that may
build it takes ``--mirror``. Errors a user can act on (a
:class:`~bilateral.errors.BilateralError`, or a file the system cannot read
or write) are printed without a traceback and exit with status 2. Anything
else is a bug: a one-line message and status 1, with the traceback under
``--debug``. A terminal that cannot show Unicode gets ASCII.
"""

from __future__ import annotations

import atexit
import codecs
import gc
import json
import sys
import unicodedata
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

# The helpers every command module shares live in .common (imported from there, not from this package: no import cycle).
from bilateral.cli.common import DbOption, MirrorOption, _debug, _fail, _handled, _print_frame, console, data_app
from bilateral.cli.options import _check_format, parse_list, parse_weights, parse_years
from bilateral.errors import BilateralError

app = typer.Typer(
    help="Measure and explain the relations between two states from open data.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(data_app, name="data")

# At exit, the interpreter's last garbage collections walk every object that
# pandas, pyarrow and DuckDB left behind: a fifth of a second after a brief
# is written. Frozen objects are skipped (they are still freed, and every
# finalizer and exit handler still runs; only objects in reference cycles miss
# the last collection). Registered when the CLI is imported, so it runs after
# the exit handlers registered later (they run last in, first out).
atexit.register(gc.freeze)


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an unexpected error.")) -> None:
    _debug["on"] = debug
    _ascii_fallback()


#: Stand-ins for the typography used in tables and statements, for a
#: terminal whose encoding lacks them.
_ASCII = {"•": "*", "…": "...", "–": "-", "—": "--", "’": "'", "‘": "'", "“": '"', "”": '"', "→": "->", "←": "<-",
          "≥": ">=", "≤": "<=", "×": "x", "−": "-", "±": "+/-", "·": "*", "≈": "~", " ": " ", "━": "-", "─": "-"}


def _to_ascii(error: UnicodeError):
    text = error.object[error.start:error.end]
    out = "".join(_ASCII.get(ch) or unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?" for ch in text)
    return out, error.end


codecs.register_error("bilateral_ascii", _to_ascii)


def _ascii_fallback() -> None:
    """On a terminal that cannot encode our typography (LC_ALL=C without
    UTF-8 mode, PYTHONIOENCODING=ascii), write ASCII stand-ins instead of
    failing on the first bullet."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "•…–".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(errors="bilateral_ascii")
            except (AttributeError, ValueError):
                pass


@data_app.command("build")
@_handled
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
@_handled
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


@data_app.command("idealpoints")
@_handled
def data_idealpoints(db: Optional[Path] = DbOption) -> None:
    """Fit our own yearly UN ideal points to every recorded vote in the
    warehouse (to the latest, 2026) and cache them; a second run with the
    same votes reads the cache. Not part of the build, which must stay
    within 60 s.

    Example: bilateral data idealpoints
    """
    from bilateral.measures.idealpoints_cache import cached_estimate, load_votes
    from bilateral.warehouse import connect

    with connect(db, build_if_missing=False) as con:
        votes = load_votes(con)
    with console.status(f"fitting ideal points to {len(votes):,} votes (about half a minute; cached afterwards)…"):
        result = cached_estimate(votes)
    frame = result.frame
    how = "fitted and cached" if result.fitted else "read from the cache (same votes)"
    console.print(f"ideal points {how}: {result.path}")
    typer.echo(f"{len(frame):,} state-years, {int(frame['year'].min())}–{int(frame['year'].max())}, "
               f"{frame['ccode'].nunique()} states: {result.path}")


@app.command("country")
@_handled
def country(
    name: str = typer.Argument(..., help="A name or code in any scheme."),
    year: Optional[int] = typer.Option(None, "--year", help="Resolve as of this year (successor states differ)."),
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Show the state a name or code resolves to.

    Example: bilateral country Byelorussia
    """
    from bilateral.countries import resolve

    state = resolve(name, year=year, strict=year is not None, mirror=mirror)
    typer.echo(json.dumps(vars(state), indent=2))


@app.command("report")
@_handled
def report(
    a: str = typer.Argument(..., help="First state: name, ISO3 or COW code."),
    b: str = typer.Argument(..., help="Second state."),
    out: Path = typer.Option(Path("out"), "--out", help="Folder to write report.html, report.json and report.md into."),
    years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 1992-2024 (default: all years with data)."),
    formats: str = typer.Option("html,json,md", "--format", help="Comma-separated outputs: html, json, md."),
    charts: str = typer.Option("interactive", "--charts", help="How report.html draws its charts (JSON and Markdown have none): interactive (Vega in the browser, with tooltips and save-as-SVG/PNG) or static (inline SVG pictures, no scripts; slower the first time a chart is seen)."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Write a brief on the relations between A and B.

    Example: bilateral report CHN BLR --out out/china-belarus
    """
    span = parse_years(years)
    chosen = parse_list(formats, "--format", allowed=("html", "json", "md"))
    drawing = _check_format(charts, ("interactive", "static"), option="--charts", what="way to draw charts")
    from bilateral.paths import check_out_folder

    check_out_folder(out, [f"report.{f}" for f in chosen])  # before the work, not after it
    from bilateral.report import write_report

    written = write_report(a, b, out=out, years=span, db=db, mirror=mirror, formats=tuple(chosen), charts=drawing)
    for path in written:
        console.print(f"wrote {path}")


@app.command("measures")
@_handled
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
    _check_format(output, ("table", "csv", "json"))
    span = parse_years(years)
    chosen_weights = parse_weights(weights)
    from bilateral.measures.api import dyad_measures, reported_trade
    from bilateral.warehouse import connect

    with connect(db, mirror=mirror) as con:
        if reported:
            _print_frame(reported_trade(con, a, b), output)
            return
        frame = dyad_measures(con, a, b, years=span, weights=chosen_weights)
    if output == "table":  # too many columns to read across: one row per measure, one column per year
        frame = frame.set_index("year").T.reset_index().rename(columns={"index": "measure"})
        frame.columns = [str(c) for c in frame.columns]
    _print_frame(frame, output)


@app.command("partners")
@_handled
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
    _check_format(output, ("table", "csv", "json"))
    from bilateral.measures.api import partners
    from bilateral.warehouse import connect

    if dimension and index:
        _fail(ValueError("give --index or --dimension, not both"))
    with connect(db, mirror=mirror) as con:
        frame = partners(con, a, dimension=index or dimension or "composite", year=year, top=top)
    _print_frame(frame, output)


@app.command("explain")
@_handled
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

    _check_format(output, ("table", "json"))
    span = parse_years(years)
    peer_list = parse_list(peers, "--peers") if peers is not None else None
    with connect(db, mirror=mirror) as con:
        result = explain(con, a, b, third=third, peers=peer_list, years=span)
    if output == "json":
        from bilateral.claims.model import json_default

        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=json_default))
        return
    out = Console(width=max(Console().width, 100))
    for part in PARTS:
        out.rule(part)
        for statement in result[part]["statements"]:
            mark = "•" if statement.kind == "finding" else "[dim](limit)[/]"
            out.print(f"{mark} {statement.text}", highlight=False)


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Serve the web app: pick two states, read their brief with interactive charts,
    compare peers, rank partners, check an article; JSON API at /api/docs.

    Example: bilateral serve --port 8000 --db out/bilateral.duckdb
    """
    import uvicorn

    from bilateral.web import create_app
    from bilateral.web.vendor import missing

    try:
        web = create_app(db=db, mirror=mirror, progress=True)
    except BilateralError as exc:
        _fail(exc)
    if missing():
        console.print("[yellow]note:[/] the chart libraries are missing, so charts will not be interactive; "
                      "run `python -m bilateral.web.vendor` to fetch them.")
    console.print(f"serving on http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)


@app.command("check")
@_handled
def check_command(
    source: str = typer.Argument(..., help="A text, Markdown or HTML file, '-' for standard input, or an http(s) URL."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The article's date, e.g. 2024-09-01 (default: its dateline, else the latest month it mentions, else today)."),
    formats: str = typer.Option("table", "--format", help="Comma-separated outputs: table, json, html."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write claims.json and claims.html into (default: standard output, one format only)."),
    db: Optional[Path] = DbOption,
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Find the factual claims in an article and check each against the warehouse.

    Example: bilateral check ../shared/examples/seed-article.txt --as-of 2024-09-01 --format table,json,html --out out/check
    """
    from datetime import date

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(wanted) - {"table", "json", "html"})
    if unknown or not wanted:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or formats!r}; use table, json and/or html.")
    files = [f for f in wanted if f != "table"]
    if out is None and len(files) > 1:
        raise typer.BadParameter("json and html both need --out FOLDER (standard output takes one of them).")
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise typer.BadParameter(f"--as-of {as_of!r} is not a date; write it as 2024-09-01.") from None
    from bilateral.claims import check_document
    from bilateral.claims.inputs import read_source
    from bilateral.claims.render_terminal import print_table
    from bilateral.warehouse import connect

    try:
        document = read_source(source)  # a bad input fails before the warehouse is opened
        with connect(db, mirror=mirror) as con:
            result = check_document(document, as_of=day, con=con)
    except BilateralError as exc:
        _fail(exc)
    if "table" in wanted:
        print_table(result, Console(width=max(Console().width, 120), stderr=bool(files) and out is None))
    for fmt in files:
        text = result.to_json() if fmt == "json" else result.to_html()
        if out is None:
            typer.echo(text)
            continue
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"claims.{fmt}"
        path.write_text(text + ("\n" if fmt == "json" else ""), encoding="utf-8")
        console.print(f"wrote {path}")


# Sub-command groups in their own modules; imported last, as they register on the apps above.
from bilateral.cli import validate  # noqa: E402,F401 - registers `data validate`
from bilateral.cli.events import events_app  # noqa: E402

app.add_typer(events_app, name="events")
