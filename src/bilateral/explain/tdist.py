"""Student's t distribution for whole degrees of freedom: its CDF and quantile.

Every trend interval in a brief takes a t quantile, and every trend's p-value
a t tail probability. scipy has both (``scipy.special.stdtr``/``stdtrit``),
but importing ``scipy.special`` costs a brief about a quarter of a second of
its two-second budget (issue 11), for two numbers per trend.

The degrees of freedom here are always whole (n − 2 for n years), and for
whole ν the CDF has a closed form, a finite sum (Abramowitz and Stegun 1964,
26.7.3 and 26.7.4): with θ = atan(t / √ν), the probability A(t | ν) that
|T| ≤ t is

* ν odd:  (2/π) · (θ + sin θ cos θ · (1 + (2/3) cos²θ + … + (2·4…(ν−3))/(1·3…(ν−2)) cos^(ν−3) θ)),
  and (2/π) θ for ν = 1;
* ν even: sin θ · (1 + (1/2) cos²θ + (1·3)/(2·4) cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2)) cos^(ν−2) θ).

Far in a tail, 1 − A loses its relative precision (a p-value of 1e-20 would
come out as 0 or 1e-16), so there the tail is summed directly: the same
series continued past ν − 2 to infinity adds up to 1, and its remainder is
P(|T| > t), a sum of positive terms in cos²θ = ν/(ν + t²).

The quantile inverts the CDF by bisection to machine precision. Both take
O(ν) operations: meant for the few to few hundred degrees of freedom of a
yearly series (checked against scipy for ν from 1 to 301).
``tests/test_explain_tdist.py`` checks both against scipy on a grid of ν and t.
"""

from __future__ import annotations

import math
import sys


def _two_sided(t: float, df: int) -> float:
    """A(t | df): the probability that |T| ≤ |t|."""
    theta = math.atan(abs(t) / math.sqrt(df))
    sin, cos2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2:  # odd
        if df == 1:
            return 2 / math.pi * theta
        term = total = 1.0
        for k in range(3, df - 1, 2):  # the factors (k − 1)/k for k = 3, 5, …, ν − 2
            term *= cos2 * (k - 1) / k
            total += term
        return 2 / math.pi * (theta + sin * math.cos(theta) * total)
    term = total = 1.0
    for k in range(2, df - 1, 2):  # the factors (k − 1)/k for k = 2, 4, …, ν − 2
        term *= cos2 * (k - 1) / k
        total += term
    return sin * total


#: Below this two-sided tail probability the tail is summed directly rather than taken as 1 − A.
_DIRECT_TAIL = 1e-3


def _beyond(t: float, df: int) -> float:
    """P(|T| > |t|), as the remainder of the series (positive terms, no cancellation)."""
    cos2 = df / (df + t * t)
    sin = abs(t) / math.sqrt(df + t * t)
    if df % 2:  # odd: (2/π) sin θ cos θ Σ_{j ≥ (ν−1)/2} (2·4…2j)/(3·5…(2j+1)) cos^(2j) θ
        first, factor = (df - 1) // 2, 2 / math.pi * sin * math.sqrt(cos2)
        def ratio(j: int) -> float:
            return 2 * j / (2 * j + 1)
    else:  # even: sin θ Σ_{j ≥ ν/2} (1·3…(2j−1))/(2·4…2j) cos^(2j) θ
        first, factor = df // 2, sin
        def ratio(j: int) -> float:
            return (2 * j - 1) / (2 * j)
    term = 1.0
    for j in range(1, first + 1):  # the series' term number `first`, the first one left out of A
        term *= cos2 * ratio(j)
    total, j = 0.0, first
    while term >= sys.float_info.min and (total == 0.0 or term > 1e-17 * total):  # a subnormal term adds nothing
        total += term
        j += 1
        term *= cos2 * ratio(j)
    return factor * total


def _whole(df) -> int:
    if int(df) != df or df < 1:
        raise ValueError(f"degrees of freedom must be a whole number of at least 1, not {df!r}")
    return int(df)


def _below(t: float, df: int) -> float:
    """P(T ≤ −|t|), the smaller tail: from A where that keeps its precision, else summed directly."""
    inside = _two_sided(t, df)
    return 0.5 * _beyond(t, df) if 1 - inside < _DIRECT_TAIL else 0.5 - 0.5 * inside


def cdf(t: float, df: int) -> float:
    """P(T ≤ t) for Student's t with ``df`` (whole) degrees of freedom."""
    df = _whole(df)
    if math.isnan(t):
        return math.nan
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = _below(t, df)
    return tail if t < 0 else 1 - tail


def quantile(p: float, df: int) -> float:
    """The t with P(T ≤ t) = ``p`` (0 < p < 1), for ``df`` (whole) degrees of freedom.

    Found by bisection on the smaller tail, P(T ≤ −|t|), which keeps its
    relative precision however far out it lies (1 − p is exact for p ≥ 0.5)."""
    df = _whole(df)
    if not 0 < p < 1:
        raise ValueError(f"a quantile needs 0 < p < 1, not {p!r}")
    if p == 0.5:
        return 0.0
    tail = p if p < 0.5 else 1 - p
    low, high = 0.0, 1.0
    while _below(high, df) > tail:  # the bracket: t grows fast in the far tail with few degrees of freedom
        low, high = high, high * 2
    for _ in range(2000):
        mid = 0.5 * (low + high)
        if mid in (low, high):  # adjacent floats: as close as double precision goes
            break
        low, high = (mid, high) if _below(mid, df) > tail else (low, mid)
    t = 0.5 * (low + high)
    return -t if p < 0.5 else t
