"""Named checks that run on every table before it enters the warehouse.

Each returns nothing and raises :class:`SourceSchemaError` naming the source,
table and offending rows, so a failed build says exactly what is wrong.
"""

from __future__ import annotations

import pandas as pd

from bilateral.errors import SourceSchemaError



def check_columns(frame: pd.DataFrame, spec, where: str) -> None:
    """Every documented column is present."""
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise SourceSchemaError(
            f"{where}: missing column(s) {missing}; found {list(frame.columns)}. "
            "The file layout differs from the version this loader was written for."
        )


def check_unique_key(frame: pd.DataFrame, spec, where: str) -> None:
    """No two rows share the table's key."""
    if not spec.key:
        return
    dup = frame.duplicated(list(spec.key), keep=False)
    if dup.any():
        sample = frame.loc[dup, list(spec.key)].head(5).to_dict("records")
        raise SourceSchemaError(f"{where}: {int(dup.sum())} rows share a key {spec.key}, e.g. {sample}")


def check_ranges(frame: pd.DataFrame, spec, where: str) -> None:
    """Every value of a ranged column is a number within its bounds (NULLs
    allowed; text that is not a number fails, rather than passing as NULL)."""
    for column, (low, high) in spec.ranges.items():
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = (values.isna() & frame[column].notna()).astype(bool)
        if low is not None:
            bad |= values < low
        if high is not None:
            bad |= values > high
        if bad.any():
            sample = frame.loc[bad, [*spec.key, column]].head(5).to_dict("records")
            raise SourceSchemaError(
                f"{where}: {int(bad.sum())} values of {column} outside [{low}, {high}], e.g. {sample}"
            )


def check_golden_rows(frame: pd.DataFrame, spec, where: str) -> None:
    """The row count equals the count recorded when the loader was verified."""
    if spec.golden_rows is None:
        return
    if len(frame) != spec.golden_rows:
        raise SourceSchemaError(
            f"{where}: {len(frame)} rows where {spec.golden_rows} were recorded. "
            "If the source was updated on purpose, update golden_rows in its module."
        )


ALL_CHECKS = (check_columns, check_unique_key, check_ranges, check_golden_rows)


def run_checks(frame: pd.DataFrame, spec, where: str) -> list[str]:
    """Run every named check; return the names of those that passed."""
    for check in ALL_CHECKS:
        check(frame, spec, where)
    return [check.__name__ for check in ALL_CHECKS]
