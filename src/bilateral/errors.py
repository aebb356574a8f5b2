"""Errors a user can act on. Each message says what was wrong, where, and
what to do about it."""

from __future__ import annotations


class BilateralError(Exception):
    """Base class: the CLI prints these without a traceback."""


class CountryNotFoundError(BilateralError, LookupError):
    """A name or code that matches no state."""


class AmbiguousCountryError(BilateralError, LookupError):
    """A name or code that matches more than one state."""


class ChecksumMismatchError(BilateralError):
    """A data file whose sha256 is not the one its source declares."""


class SourceFileError(BilateralError):
    """A data file that is missing, truncated or cannot be parsed."""


class SourceSchemaError(BilateralError):
    """A table whose columns, keys, values or row count fail a check."""


class WarehouseError(BilateralError):
    """A warehouse that is missing, stale or cannot be built."""


class UnitOfAnalysisError(BilateralError):
    """An add_* verb applied to a table of the wrong shape."""
