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
from threadpoolctl import threadpool_limits

from bilateral.dyads import Join

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


def one_hot(ccodes: np.ndarray, rcids: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """States (sorted), roll calls (sorted) and a (3, states, roll calls) 0/1 array of the votes."""
    states, state_index = np.unique(ccodes, return_inverse=True)
    calls, call_index = np.unique(rcids, return_inverse=True)
    # float32 is exact here (0/1 entries, sums far below 2**24) and halves the matrix work
    cube = np.zeros((3, len(states), len(calls)), dtype=np.float32)
    cube[codes, state_index, call_index] = 1.0
    return states, calls, cube


def issue_matrices(cube: np.ndarray, calls: np.ndarray, issue_calls: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Common votes and agreement share on each issue's roll calls only."""
    out = {}
    for code, members in issue_calls.items():
        part = cube[:, :, np.isin(calls, members)]
        present = part.sum(axis=0)
        common = (present @ present.T).astype(np.float64)
        side_by_side = np.concatenate(list(part), axis=1)  # (states, 3 × calls): one product counts identical votes
        identical = (side_by_side @ side_by_side.T).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"un_votes_common_{code}"] = common
            out[f"un_agree_share_{code}"] = np.where(common > 0, identical / common, np.nan)
    return out


def similarity(cube: np.ndarray) -> dict[str, np.ndarray]:
    """Every (state × state) matrix of the measures, from a one-hot vote cube."""
    kinds, states, calls = cube.shape
    stacked = cube.reshape(kinds * states, calls)
    present = cube.sum(axis=0)
    # one matrix product gives every pair count: block (a, b) counts the roll
    # calls on which state i voted a and state j voted b
    pair_counts = (stacked @ stacked.T).astype(np.float64).reshape(kinds, states, kinds, states).transpose(0, 2, 1, 3)
    common = (present @ present.T).astype(np.float64)
    identical = sum(pair_counts[a, a] for a in range(kinds))
    distance = sum(DISTANCE[a, b] * pair_counts[a, b] for a in range(kinds) for b in range(kinds) if DISTANCE[a, b])
    marginal = (stacked @ present.T).astype(np.float64).reshape(kinds, states, states)  # i's votes of each kind on the common roll calls
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


def agreement(votes: pd.DataFrame, issues: pd.DataFrame | None = None) -> pd.DataFrame:
    """All dyad-year alignment measures from votes (rcid, ccode, year, vote).

    With ``issues`` (rcid, issue_code), also ``un_votes_common_<code>`` and
    ``un_agree_share_<code>`` for the six issue codes (NULL when the pair had
    no common vote on that issue). Rows with no COW code are left out; a
    dyad-year with no common roll call has no row (and so stays NULL when
    joined to the universe).
    """
    columns = [*COLUMNS, *(ISSUE_COLUMNS if issues is not None else ())]
    votes = votes.dropna(subset=["ccode"]).sort_values("year", kind="stable")
    if votes.empty:
        return pd.DataFrame(columns=columns)
    issue_calls = {} if issues is None else {code: issues.loc[issues["issue_code"] == code, "rcid"].to_numpy(dtype=np.int64) for code in ISSUES}
    ccodes = votes["ccode"].to_numpy(dtype=np.int64)
    rcids = votes["rcid"].to_numpy(dtype=np.int64)
    codes = vote_codes(votes["vote"])
    years, starts = np.unique(votes["year"].to_numpy(dtype=np.int64), return_index=True)
    ends = [*starts[1:], len(votes)]
    parts = []
    # Many small products: BLAS threads only add hand-over cost, and with numpy's
    # and scipy's OpenBLAS both loaded their idle threads fight for the cores
    # (measured: 6.4 s with the default threads, 1.1 s with one).
    with threadpool_limits(1, user_api="blas"):
        for year, start, end in zip(years, starts, ends):
            states, calls, cube = one_hot(ccodes[start:end], rcids[start:end], codes[start:end])
            matrices = similarity(cube) | issue_matrices(cube, calls, issue_calls)
            parts.append(dyad_rows(states, matrices, int(year)))
    frame = pd.DataFrame({name: np.concatenate([part[name] for part in parts]) for name in columns})
    for name in columns:
        if name.startswith("un_votes_common"):
            frame[name] = frame[name].astype("int64")
    return frame


ISSUE_COLUMNS = tuple(f"un_{kind}_{code}" for code in ISSUES for kind in ("votes_common", "agree_share"))
ALIGNMENT = Join(table="out_alignment", columns={c: f"s.{c}" for c in (*COLUMNS[3:], *ISSUE_COLUMNS)})
