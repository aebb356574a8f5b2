"""Undirected dyad rows (``ccode1 < ccode2``) seen from each state's side.

A row of ``out_dyad_year`` or ``out_index`` holds a pair once, with the
lower COW number first. :func:`directed` reads the rows of some states' dyads
and returns them "from the point of view of" each state: ``state``,
``partner``, ``year`` and the columns, so that "A's relations with everyone"
is one filter, whatever the order of the COW codes. The determinants panel
(:mod:`bilateral.measures.panel`) and the explanations (:mod:`bilateral.explain`)
both read through it.
"""

from __future__ import annotations

import pandas as pd


def _codes(states) -> str:
    return ", ".join(str(int(s)) for s in states)


def _years(years: tuple[int, int] | None, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return f"AND {prefix}year BETWEEN {int(years[0])} AND {int(years[1])}" if years else ""


def directed(con, table: str, states, columns, years: tuple[int, int] | None = None, where: str = "TRUE") -> pd.DataFrame:
    """Rows (state, partner, year, columns...) of ``table`` for every dyad of
    the given states, read in one scan; a dyad between two of the states
    appears once from each side."""
    codes = list(int(s) for s in states)
    rows = con.sql(
        f"""SELECT ccode1, ccode2, year, {', '.join(columns)} FROM {table}
            WHERE (ccode1 IN ({_codes(codes)}) OR ccode2 IN ({_codes(codes)})) AND {where} {_years(years)}"""
    ).df()
    first = rows[rows["ccode1"].isin(codes)].rename(columns={"ccode1": "state", "ccode2": "partner"})
    second = rows[rows["ccode2"].isin(codes)].rename(columns={"ccode2": "state", "ccode1": "partner"})
    return pd.concat([first, second], ignore_index=True)[["state", "partner", "year", *columns]]
