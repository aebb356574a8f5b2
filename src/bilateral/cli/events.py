"""``bilateral events``: ingest raw event files (GDELT 1.0/2.0, ICEWS,
POLECAT) and aggregate them to dyad-months, on DuckDB or Spark. Kept apart
from the other commands because it reads no warehouse of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from bilateral.errors import BilateralError

from bilateral.cli.common import MirrorOption, _fail, _handled, _print_frame, console

events_app = typer.Typer(help="Event data (GDELT 1.0/2.0, ICEWS, POLECAT): ingest raw files, aggregate to dyad-months.", no_args_is_help=True)
EventsOption = typer.Option(None, "--events", help="Folder of ingested events (else $BILATERAL_EVENTS, else the user data folder).")


@events_app.command("ingest")
@_handled
def events_ingest(
    paths: list[Path] = typer.Argument(..., help="Event files or folders (plain, .gz or .zip)."),
    fmt: str = typer.Option(..., "--format", help="gdelt1, gdelt2, icews or polecat."),
    events: Optional[Path] = EventsOption,
    min_sources: int = typer.Option(1, "--min-sources", min=1, help="Keep GDELT events with at least this many sources."),
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="Keep GDELT events with at least this many articles."),
    root_only: bool = typer.Option(False, "--root-only", help="Keep only GDELT root events (IsRootEvent = 1)."),
    append: bool = typer.Option(False, "--append", help="Add the files to the stored events of the format instead of "
                                "replacing them; files ingested before are skipped, duplicates are resolved across runs."),
    mirror: Optional[Path] = MirrorOption,
) -> None:
    """Stream raw event files into Parquet partitioned by year and month; bad
    rows go to a quarantine file with the reason. Without --append a run
    replaces the format's stored events.

    Example: bilateral events ingest data/gdelt2/ --format gdelt2 --min-sources 2 --append
    """
    from bilateral.events import ingest

    try:
        result = ingest(paths, fmt, root=events, min_sources=min_sources, min_articles=min_articles, root_only=root_only,
                        mirror=mirror, append=append)
    except BilateralError as exc:
        _fail(exc)
    filtered = sum(result.rows_filtered.values())
    skipped = f"; skipped {len(result.files_skipped)} file(s) ingested before" if result.files_skipped else ""
    superseded = f", replaced {result.rows_superseded:,} stored rows by later emissions" if result.appended else ""
    console.print(
        f"{result.format}: read {result.rows_read:,} rows from {len(result.files)} file(s) in {result.seconds:.1f} s{skipped}; "
        f"wrote {result.rows_written:,}, quarantined {result.rows_quarantined:,} ({result.quarantine}), "
        f"filtered {filtered:,}, dropped {result.rows_duplicate:,} re-emitted duplicates{superseded}"
    )


@events_app.command("aggregate")
@_handled
def events_aggregate(
    engine: str = typer.Option("duckdb", "--engine", help="duckdb or spark (pyspark in local mode; needs Java 17+)."),
    events: Optional[Path] = EventsOption,
    output: str = typer.Option("summary", "--format", help="summary, csv or json."),
) -> None:
    """Aggregate ingested events to one row per source, ordered state pair and
    month, written to dyad_month.parquet in the events folder.

    Example: bilateral events aggregate --engine spark --format csv
    """
    from bilateral.events import aggregate

    try:
        frame = aggregate(events, engine=engine)
    except BilateralError as exc:
        _fail(exc)
    if output == "summary":
        console.print(f"{len(frame):,} dyad-months from {frame['source'].nunique()} source(s) on {engine}")
        return
    _print_frame(frame, output)


@events_app.command("status")
@_handled
def events_status(
    events: Optional[Path] = EventsOption,
    output: str = typer.Option("table", "--format", help="table, csv or json."),
) -> None:
    """What was ingested: files, rows read, quarantined, filtered, duplicate
    and written, and the months covered, per format.

    Example: bilateral events status --format json
    """
    from bilateral.events import status

    _print_frame(status(events), output)
@events_app.command("download")
@_handled
def events_download(
    dest: Path = typer.Argument(..., help="Folder to download into (resumes what is there)."),
    version: int = typer.Option(2, "--gdelt", help="GDELT version: 2 (15-minute files, masterfilelist.txt) or 1 (daily files)."),
    start: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (default: the first day)."),
    kind: str = typer.Option("export", "--kind", help="export (events), mentions or gkg."),
) -> None:
    """Download GDELT files listed in GDELT's official file lists, checking each
    file's size and MD5 against the list and recording its sha256; an
    interrupted download resumes.

    Example: bilateral events download data/gdelt2 --from 2024-01-01 --to 2024-01-07
    """
    from bilateral.events import download as dl

    try:
        if version == 2:
            entries = dl.parse_master_list(dl.fetch_text(dl.MASTER_LIST_V2))
        else:
            entries = dl.parse_gdelt1_lists(dl.fetch_text(dl.GDELT1_BASE + "md5sums"), dl.fetch_text(dl.GDELT1_BASE + "filesizes"))
        chosen = dl.select(entries, kind=kind, start=start, end=end or start)
        if not chosen:
            raise BilateralError(f"GDELT {version}'s list has no {kind} file from {start} to {end or start}.")
        paths = dl.download(chosen, dest)
    except BilateralError as exc:
        _fail(exc)
    console.print(f"{len(paths)} file(s) verified in {dest}")
