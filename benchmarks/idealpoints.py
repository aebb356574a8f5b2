"""Times the full dynamic ideal-point fit (every UN vote, 1946–2020) and
compares it year by year with the published Bailey–Strezhnev–Voeten
``idealpoint_all``. Target: under 60 s on two cores, r ≥ 0.95 in every year
1990–2019.

With ``--sessions`` it also fits by session year (session n ↔ 1945 + n),
the index of the published file, and prints both columns of r.

Usage: python benchmarks/idealpoints.py [--mirror DIR] [--sessions]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from bilateral.measures.idealpoints import estimate
from bilateral.sources.unvotes import SOURCE as UNVOTES
from bilateral.sources.voeten import SOURCE as VOETEN

DEFAULT_MIRROR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
YEARS = range(1990, 2020)


def yearly_r(ours: pd.DataFrame, published: pd.DataFrame) -> pd.Series:
    both = ours.merge(published, on=["ccode", "year"]).dropna(subset=["idealpoint_all"])
    return both.groupby("year").apply(lambda g: g["idealpoint"].corr(g["idealpoint_all"]), include_groups=False)


def timed_fit(votes: pd.DataFrame, period: str) -> tuple[pd.DataFrame, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fitted = estimate(votes, period=period)
    return fitted, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--sessions", action="store_true", help="also fit by session year")
    args = parser.parse_args()
    votes = UNVOTES.load("votes", mirror=args.mirror)
    published = VOETEN.load("country_year", mirror=args.mirror)[["ccode", "year", "idealpoint_all"]]
    fitted, wall, cpu = timed_fit(votes, "year")
    table = pd.DataFrame({"r_calendar_year": yearly_r(fitted, published)})
    if args.sessions:
        sessions = UNVOTES.load("roll_calls", mirror=args.mirror)[["rcid", "session"]]
        by_session = votes.merge(sessions, on="rcid").assign(session_year=lambda v: v["session"] + 1945)
        other = timed_fit(by_session, "session_year")[0].rename(columns={"session_year": "year"})
        table["r_session_year"] = yearly_r(other, published)
    print(table.loc[list(YEARS)].to_string(float_format="{:.3f}".format))
    early = table["r_calendar_year"].drop(list(YEARS), errors="ignore")
    print(f"other years: median r {early.median():.3f}, lowest {early.min():.3f} in {early.idxmin()}")
    info = fitted.attrs["fit"]
    print(f"{info['votes']:,} votes, {info['roll_calls']:,} roll calls, {len(fitted):,} state-years; {info['iterations']} L-BFGS iterations; cpu {cpu:.1f} s")
    r = table.loc[list(YEARS), "r_calendar_year"]
    print(f"idealpoints: {wall:.1f} s, min r {r.min():.3f} ({r.idxmin()}) over 1990-2019, {int((r < 0.95).sum())} years below 0.95")


if __name__ == "__main__":
    main()
