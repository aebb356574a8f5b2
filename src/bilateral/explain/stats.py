"""The two small statistics every explanation uses: a linear trend with its
confidence interval, and a correlation of year-on-year changes with its
Fisher-z interval.

Both work on annual series indexed by year and use only the years present
(a missing year stays missing; it is never filled). Annual series are
autocorrelated, so a plain OLS interval is narrower than it should be: the
trend's standard error is Newey–West's (HAC, Bartlett weights), with
``L = floor(4 · (n/100)^(2/9))`` lags (Newey & West 1994's rule; 3 lags for
30 years) and the small-sample factor n/(n − 2), the same as statsmodels'
``cov_type="HAC"`` with ``use_correction=True`` (a test checks), and the
interval takes Student's t with n − 2 degrees of freedom. Statements call a
trend "clear" only when that whole 95% interval lies on one side of zero.
Co-movement is measured on changes, not levels (two series that both trend
correlate in levels whatever their link).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from bilateral.explain import tdist  # Student's t without scipy's quarter second of imports

LEVEL = 0.95
MIN_TREND_YEARS = 4
MIN_CHANGES = 6  # year-on-year changes needed before a correlation is reported


@dataclass(frozen=True)
class Trend:
    """OLS slope of a series on the year, per year, with its 95% interval."""

    first: int
    last: int
    n: int
    slope: float
    low: float
    high: float
    p: float

    @property
    def direction(self) -> int:
        """+1 when the whole interval is above 0, −1 when below, 0 otherwise."""
        return 1 if self.low > 0 else -1 if self.high < 0 else 0


@dataclass(frozen=True)
class Correlation:
    """Pearson r of year-on-year changes, with a Fisher-z 95% interval."""

    r: float
    low: float
    high: float
    n: int  # number of pairs of changes
    first: int
    last: int

    @property
    def positive(self) -> bool:
        return self.low > 0


def clean(series: pd.Series) -> pd.Series:
    """A float series indexed by int year, missing years dropped, sorted."""
    series = pd.to_numeric(series, errors="coerce").dropna()
    series.index = series.index.astype(int)
    return series.sort_index()


def trend(series: pd.Series) -> Trend | None:
    """The linear trend of ``series`` (indexed by year); None with fewer than 4 years."""
    series = clean(series)
    if len(series) < MIN_TREND_YEARS or series.nunique() < 2:
        return None
    years = series.index.to_numpy(dtype=float)
    values = series.to_numpy(dtype=float)
    centred = years - years.mean()
    slope = float(centred @ (values - values.mean()) / (centred @ centred))  # the OLS slope, as scipy's linregress
    n = len(series)
    se = hac_slope_se(years, values, nw_lags(n))
    half = tdist.quantile(0.5 + LEVEL / 2, n - 2) * se  # Student's t quantile
    p = 2 * tdist.cdf(-abs(slope) / se, n - 2) if se > 0 else 0.0  # two-sided tail
    return Trend(int(years.min()), int(years.max()), n, slope, float(slope - half), float(slope + half), float(p))


def nw_lags(n: int) -> int:
    """Newey & West's (1994) lag rule: floor(4 · (n/100)^(2/9))."""
    return int(np.floor(4 * (n / 100) ** (2 / 9)))


def hac_slope_se(x: np.ndarray, y: np.ndarray, lags: int) -> float:
    """The Newey–West (Bartlett kernel) standard error of the OLS slope of y on x,
    with the small-sample factor n/(n − 2). Written out with numpy because the
    brief computes dozens of trends and importing statsmodels would cost it a second."""
    X = np.column_stack([np.ones_like(x), x - x.mean()])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    scores = X * (y - X @ beta)[:, None]
    meat = scores.T @ scores
    for lag in range(1, min(lags, len(x) - 1) + 1):
        cross = scores[lag:].T @ scores[:-lag]
        meat += (1 - lag / (lags + 1)) * (cross + cross.T)
    bread = np.linalg.inv(X.T @ X)
    cov = bread @ meat @ bread * len(x) / (len(x) - 2)
    return float(np.sqrt(max(cov[1, 1], 0.0)))


def changes(series: pd.Series) -> pd.Series:
    """Year-on-year changes, only between consecutive years (a gap gives none)."""
    series = clean(series)
    diff = series.diff()
    consecutive = pd.Series(series.index, index=series.index).diff() == 1
    return diff[consecutive]


def fisher_interval(r: float, n: int, level: float = LEVEL) -> tuple[float, float]:
    """The Fisher-z confidence interval of a Pearson r from n pairs (n > 3)."""
    r = float(np.clip(r, -0.999999, 0.999999))
    half = NormalDist().inv_cdf(0.5 + level / 2) / np.sqrt(n - 3)
    z = np.arctanh(r)
    return float(np.tanh(z - half)), float(np.tanh(z + half))


def co_movement(x: pd.Series, y: pd.Series, skip=()) -> Correlation | None:
    """Correlation of the year-on-year changes of two series, over the years
    both change; None when fewer than 6 pairs or a series does not move.
    ``skip``: years whose change (from the year before) is left out, because
    what is measured changed then (inputs of a score, members of a bloc)."""
    both = pd.concat([changes(x).rename("x"), changes(y).rename("y")], axis=1).dropna()
    both = both[~both.index.isin(list(skip))]
    if len(both) < MIN_CHANGES or both["x"].std() == 0 or both["y"].std() == 0:
        return None
    r = float(both["x"].corr(both["y"]))
    low, high = fisher_interval(r, len(both))
    return Correlation(r, low, high, len(both), int(both.index.min()) - 1, int(both.index.max()))
