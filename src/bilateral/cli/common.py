"""What every ``bilateral`` command module shares: the ``data`` command group,
the ``--db`` and ``--mirror`` options, the error console, the error handling
(:func:`_handled`) and the table printer.

Apart from the package's ``__init__`` (which imports the command modules to
register them) so that :mod:`bilateral.cli.events` and
:mod:`bilateral.cli.validate` can import these without importing their package
back (issue 11: no import cycle).
"""

from __future__ import annotations

import functools

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from typer.exceptions import TyperException

from bilateral.errors import BilateralError

data_app = typer.Typer(help="Build and inspect the warehouse of sources.", no_args_is_help=True)
console = Console(stderr=True)

MirrorOption = typer.Option(None, "--mirror", help="Folder holding the source files (else $BILATERAL_MIRROR, else download).")
DbOption = typer.Option(None, "--db", help="Warehouse file (else $BILATERAL_DB, else the user data folder).")

_debug = {"on": False}


def _fail(exc: BilateralError | str) -> None:
    console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)  # unwrapped: paths stay whole
    raise typer.Exit(2)


def _handled(command):
    """Run ``command``, turning errors a user can fix into a message and exit
    status 2, and anything else into a one-line bug report (status 1)."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BilateralError as exc:
            _fail(exc)
        except OSError as exc:  # the file system refused: a full disk, a read-only folder, a folder named like a file
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}. Nothing was left half-written; free the space or choose another path.")
        except (TyperException, typer.Exit, typer.Abort):
            raise  # usage errors and exits: click reports them itself
        except Exception as exc:  # noqa: BLE001 - a bug, reported as one
            if _debug["on"]:
                raise
            console.print(f"[bold red]internal error[/] (a bug in bilateral, not in your input): {escape(type(exc).__name__)}: "
                          f"{escape(str(exc))}. Run again with --debug for the traceback, and please report it.",
                          soft_wrap=True, highlight=False)
            raise typer.Exit(1) from None

    return run


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
