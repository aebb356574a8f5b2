"""Times the vectorised UN alignment measures for all dyad-years against a
plain pandas self-join per year computing only common votes and agreement.

Both run in the same process on the same votes, so the ratio holds whatever
the machine. Target: ≥ 40x. The last line carries the figures.

Usage: python benchmarks/alignment.py [--mirror DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from bilateral.measures.alignment import agreement
from bilateral.sources.unvotes import SOURCE

DEFAULT_MIRROR = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def self_join(votes: pd.DataFrame) -> pd.DataFrame:
    """The baseline: join each year's votes to themselves on the roll call."""
    frames = []
    for _, group in votes.groupby("year"):
        pairs = group.merge(group, on="rcid", suffixes=("1", "2"))
        pairs = pairs[pairs["ccode1"] < pairs["ccode2"]]
        same = (pairs["vote1"] == pairs["vote2"]).rename("same")
        frames.append(pairs[["ccode1", "ccode2", "year1"]].assign(same=same).groupby(["ccode1", "ccode2", "year1"])["same"].agg(["size", "mean"]))
    return pd.concat(frames)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    args = parser.parse_args()
    votes = SOURCE.load("votes", mirror=args.mirror)[["rcid", "ccode", "year", "vote"]].dropna()
    votes["vote"] = votes["vote"].astype(str)
    started = time.perf_counter()
    ours = agreement(votes)
    vectorised = time.perf_counter() - started
    started = time.perf_counter()
    baseline = self_join(votes)
    joined = time.perf_counter() - started
    assert len(ours) == len(baseline), (len(ours), len(baseline))
    print(f"dyad-years: {len(ours):,}; pandas self-join: {joined:.1f} s")
    print(f"alignment: {vectorised:.2f} s, {joined / vectorised:.0f}x faster than pandas self-join")


if __name__ == "__main__":
    main()
