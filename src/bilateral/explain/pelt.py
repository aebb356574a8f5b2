"""Turning points by PELT on a piecewise-linear model, with numpy only.

PELT (Killick, Fearnhead & Eckley 2012) finds the segmentation of a series
that minimises the sum of each segment's cost plus a penalty per segment,
exactly, while pruning start points that can no longer be optimal. The cost
of a segment here is the residual sum of squares of a least-squares fit of
the series on its regressors (``[1, year]``: a line), so a break can be a jump
in level or a change of slope.

This is the computation of ruptures' ``Pelt(model="linear", jump=1)``, which
the trajectory used until issue 11: the same cost (``numpy.linalg.lstsq``'s
residual), the same order of candidates and the same tie-break (the earliest
start point wins), so it returns the same breaks, float for float
(tests/test_explain_pelt.py compares the two on simulated and real series).
Importing ruptures costs about two seconds in a fresh process, because its
package imports every cost and search method it has, with scipy.stats,
scipy.signal and scipy.spatial; a brief needs only this.
"""

from __future__ import annotations

import numpy as np


def segment_cost(y: np.ndarray, X: np.ndarray, start: int, end: int) -> float:
    """Residual sum of squares of ``y`` on ``X`` over rows ``start:end``
    (0 when the fit is exact or the rows do not determine it)."""
    _, residual, _, _ = np.linalg.lstsq(X[start:end], y[start:end], rcond=None)
    return residual.sum()


def pelt(signal: np.ndarray, penalty: float, min_size: int) -> list[int]:
    """The ends of the optimal segments of ``signal`` (rows are years; column 0
    the series, the other columns its regressors), the last being ``len(signal)``.

    Every segment has at least ``min_size`` rows (and at least 2). The total
    of a segmentation is the sum, left to right, of ``cost + penalty`` of its
    segments, as ruptures adds them, so that equal totals compare equal."""
    n = len(signal)
    min_size = max(min_size, 2)
    y, X = signal[:, :1], signal[:, 1:]
    best = {0: 0}  # best[t]: lowest total of a segmentation of rows 0:t
    start_of = {}  # start_of[t]: where the last segment of that segmentation starts
    candidates: list[int] = []
    for end in [*range(min_size, n), n]:
        candidates.append(end - min_size)
        totals = [(t, best[t] + (segment_cost(y, X, t, end) + penalty)) for t in candidates if t in best]
        start, low = min(totals, key=lambda pair: pair[1])  # the first of equal minima, as min() gives
        best[end], start_of[end] = low, start
        # a start point whose total already exceeds the best by a penalty can never win later
        candidates = [t for t, total in totals if total <= low + penalty]
    ends, end = [], n
    while end > 0:
        ends.append(end)
        end = start_of[end]
    return ends[::-1]
