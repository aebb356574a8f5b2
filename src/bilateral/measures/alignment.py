"""Strategic alignment from UN General Assembly roll calls, for every dyad-year.

For each calendar year, each state's votes become one-hot matrices (yes,
abstain, no; absences are simply zero rows), and every dyad's counts come
from matrix products rather than pairwise joins:

- ``un_votes_common``: roll calls both states voted on (P Pᵀ, with P the
  "present" matrix);
- ``un_agree_share``: share of those with identical votes;
- ``un_s_score``: Signorino–Ritter S with votes as ordinal positions
  yes=1, abstain=2, no=3 and absolute distance, S = 1 − 2·d̄/d_max (d_max = 2);
- ``un_kappa`` and ``un_pi``: Häge's (2011) chance-corrected versions of the
  same distance, 1 − d̄_observed / d̄_expected, where the expectation uses each
  state's own vote distribution over the common roll calls (Cohen's κ) or the
  pooled distribution of the two (Scott's π). With identity distance these
  reduce to the classical κ and π.

Formulas, coverage and caveats are in docs/method.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CATEGORIES = ("yes", "abstain", "no")
#: |position difference| between two votes: yes–abstain 1, yes–no 2.
DISTANCE = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(float)
D_MAX = 2.0
ISSUES = ("me", "nu", "di", "hr", "co", "ec")
COLUMNS = ("ccode1", "ccode2", "year", "un_votes_common", "un_agree_share", "un_s_score", "un_kappa", "un_pi")


def vote_codes(votes: pd.Series) -> np.ndarray:
    """0 for yes, 1 for abstain, 2 for no; anything else is an error."""
    codes = pd.Categorical(votes.astype(str), categories=CATEGORIES).codes
    if (codes < 0).any():
        bad = sorted(set(votes[codes < 0].astype(str)))
        raise ValueError(f"unknown vote values {bad}; expected yes, abstain or no")
    return codes


def one_hot(ccodes: np.ndarray, rcids: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """States (sorted) and a (3, states, roll calls) 0/1 array of their votes."""
    states, state_index = np.unique(ccodes, return_inverse=True)
    _, call_index = np.unique(rcids, return_inverse=True)
    cube = np.zeros((3, len(states), call_index.max() + 1))
    cube[codes, state_index, call_index] = 1.0
    return states, cube


def similarity(cube: np.ndarray) -> dict[str, np.ndarray]:
    """Every (state × state) matrix of the measures, from a one-hot vote cube."""
    kinds, states, calls = cube.shape
    stacked = cube.reshape(kinds * states, calls)
    present = cube.sum(axis=0)
    # one matrix product gives every pair count: block (a, b) counts the roll
    # calls on which state i voted a and state j voted b
    pair_counts = (stacked @ stacked.T).reshape(kinds, states, kinds, states).transpose(0, 2, 1, 3)
    common = present @ present.T
    identical = sum(pair_counts[a, a] for a in range(kinds))
    distance = sum(DISTANCE[a, b] * pair_counts[a, b] for a in range(kinds) for b in range(kinds) if DISTANCE[a, b])
    marginal = (stacked @ present.T).reshape(kinds, states, states)  # i's votes of each kind on the common roll calls
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_distance = distance / common
        own = marginal / common  # p_i(c) for the pair (i, j)
        other = own.transpose(0, 2, 1)  # p_j(c) for the pair (i, j)
        pooled = (own + other) / 2
        expected_kappa = sum(DISTANCE[a, b] * own[a] * other[b] for a in range(kinds) for b in range(kinds) if DISTANCE[a, b])
        expected_pi = sum(DISTANCE[a, b] * pooled[a] * pooled[b] for a in range(kinds) for b in range(kinds) if DISTANCE[a, b])
        return {
            "un_votes_common": common,
            "un_agree_share": identical / common,
            "un_s_score": 1 - 2 * mean_distance / D_MAX,
            "un_kappa": 1 - mean_distance / expected_kappa,
            "un_pi": 1 - mean_distance / expected_pi,
        }


def dyad_rows(states: np.ndarray, matrices: dict[str, np.ndarray], year: int) -> dict[str, np.ndarray]:
    """The upper triangle (ccode1 < ccode2) of each matrix, for dyads with common votes."""
    first, second = np.triu_indices(len(states), k=1)
    keep = matrices["un_votes_common"][first, second] > 0
    first, second = first[keep], second[keep]
    columns = {"ccode1": states[first], "ccode2": states[second], "year": np.full(len(first), year)}
    return columns | {name: matrix[first, second] for name, matrix in matrices.items()}


def agreement(votes: pd.DataFrame) -> pd.DataFrame:
    """All dyad-year alignment measures from votes (rcid, ccode, year, vote).

    Rows with no COW code are left out; a dyad-year with no common roll call
    has no row (and so stays NULL when joined to the universe).
    """
    votes = votes.dropna(subset=["ccode"]).sort_values("year", kind="stable")
    if votes.empty:
        return pd.DataFrame(columns=COLUMNS)
    ccodes = votes["ccode"].to_numpy(dtype=np.int64)
    rcids = votes["rcid"].to_numpy(dtype=np.int64)
    codes = vote_codes(votes["vote"])
    years, starts = np.unique(votes["year"].to_numpy(dtype=np.int64), return_index=True)
    ends = [*starts[1:], len(votes)]
    parts = []
    for year, start, end in zip(years, starts, ends):
        states, cube = one_hot(ccodes[start:end], rcids[start:end], codes[start:end])
        parts.append(dyad_rows(states, similarity(cube), int(year)))
    frame = pd.DataFrame({name: np.concatenate([part[name] for part in parts]) for name in COLUMNS})
    frame["un_votes_common"] = frame["un_votes_common"].astype("int64")
    return frame


def issue_agreement(votes: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """``un_agree_share_<issue>`` and ``un_votes_common_<issue>`` for the six issue codes."""
    result = None
    for code in ISSUES:
        calls = issues.loc[issues["issue_code"] == code, "rcid"]
        part = agreement(votes[votes["rcid"].isin(calls)])[["ccode1", "ccode2", "year", "un_votes_common", "un_agree_share"]]
        part = part.rename(columns={"un_votes_common": f"un_votes_common_{code}", "un_agree_share": f"un_agree_share_{code}"})
        result = part if result is None else result.merge(part, on=["ccode1", "ccode2", "year"], how="outer")
    return result
