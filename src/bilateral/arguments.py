"""Checks on the arguments of the Python API, made at its boundary as the CLI
makes them on the command line: a reversed year range, a float year, an
unknown option or a wrong type is an :class:`ArgumentError` that names the
argument and says what to pass, never an empty result or a raw
``AttributeError`` or DuckDB binder error from deep inside."""

from __future__ import annotations

import numbers

from bilateral.errors import BilateralError


class ArgumentError(BilateralError, ValueError):
    """An API argument of the wrong type or value."""


def year(value, name: str = "year") -> int | None:
    """``value`` as a year (None allowed); floats, text and booleans are refused, not truncated."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ArgumentError(f"{name} must be a whole year such as 1992, not {value!r} ({type(value).__name__}).")
    return int(value)


def year_range(value, name: str = "years") -> tuple[int, int] | None:
    """``value`` as (first, last) with first <= last (None allowed)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise ArgumentError(f"{name} must be a pair (first, last) such as (1992, 2014), not {value!r}.")
    first, last = year(value[0], f"{name}[0]"), year(value[1], f"{name}[1]")
    if first is None or last is None:
        raise ArgumentError(f"{name} must give both years, e.g. (1992, 2014); got {value!r}.")
    if first > last:
        raise ArgumentError(f"{name}={value!r} runs backwards; give the first year first, e.g. ({last}, {first}).")
    return first, last


def choice(value, name: str, allowed: tuple) -> object:
    """``value`` if it is one of ``allowed``."""
    if value not in allowed:
        raise ArgumentError(f"{name}={value!r} is not one of {', '.join(map(repr, allowed))}.")
    return value


def flag(value, name: str) -> bool:
    if not isinstance(value, bool):
        raise ArgumentError(f"{name} must be True or False, not {value!r}.")
    return value


def connection(con, name: str = "con"):
    """``con`` if it is a DuckDB connection (from :func:`bilateral.connect`)."""
    import duckdb

    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise ArgumentError(f"{name} must be a warehouse connection from bilateral.connect(), not {type(con).__name__}.")
    return con


def positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ArgumentError(f"{name} must be a whole number of at least 1, not {value!r}.")
    return int(value)
