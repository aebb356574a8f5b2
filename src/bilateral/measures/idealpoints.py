"""Our own yearly UN ideal points: a dynamic ordered-logit item-response model
of UN General Assembly roll calls, fitted jointly over all years.

Model. State i has one position θ_it per period t (by default the calendar
year of the vote). Roll call j has a discrimination β_j, a cutpoint c_j and an
abstention band of width δ_j > 0. Votes are ordered no < abstain < yes and,
with η = β_j θ_it and the logistic function F,

    P(yes)     = F(η − c_j)
    P(not no)  = F(η − c_j + δ_j)
    P(abstain) = F(η − c_j + δ_j) − F(η − c_j)

This is an ordered logit with cutpoints c_j − δ_j and c_j that belong to the
roll call. Absences are missing data, not votes. Rows without a COW code are
dropped. Roll calls on which every state voted the same way say nothing about
positions, so they are left out; ``n_votes`` counts the votes that were used.

Priors. The fit is a maximum a posteriori (penalised likelihood) estimate
under these priors:

- A random walk for each state. θ_i at the state's first voting period
  ~ N(0, 1). After that, θ_it ~ N(θ_it', σ²·(t − t')), where t' is the
  state's previous voting period, so a gap of k periods adds k steps.
- σ = 0.3, chosen on held-out votes. With a random 10% of the votes held out,
  the held-out log-likelihood was highest at σ = 0.3–0.4 on the grid
  0.05–0.8. In the standardised units below, one year's step has an sd of
  about 0.13.
- β_j ~ N(0, 2²), c_j ~ N(0, 5²), log δ_j ~ N(0, 1.5²).

Fitting. The negative log posterior and its analytic gradient are vectorised
over all votes. L-BFGS (scipy) minimises it, starting from each period's
first principal component.

Identification. The likelihood does not change when one period's positions
are mapped θ → aθ + b and that period's roll-call parameters are mapped
β → β/a, c → c + βb/a. Only the priors choose these per-period maps:

- the random walk ties each period's map to its neighbours';
- the N(0, 1) start fixes where each chain begins;
- the item priors keep the scale finite.

These directions are flat in the data, so L-BFGS crawls along them. The fit
therefore alternates L-BFGS runs of 100 iterations with an exact
minimisation of the prior over the per-period maps (``rescale``). It stops
when a run improves the objective by less than 1e-5 (relative). After the
fit, one global map puts all fitted state-periods at mean 0 and sd 1, so
the units are standard deviations of the pooled positions. The sign is
chosen so that the anchor state (by default the USA, COW 2) has a positive
mean, as on the published scale, where higher means closer to the US-led
Western position. Neither step changes comparisons across years.

Comparable across years. No roll call repeats, so the only link between
years is the states themselves. A state's position moves from one year to
the next only as far as its votes require, measured against all other
states' votes and weighed against the random-walk penalty. One scale holds
for all years, and a state's change between two years means something. What
the scale cannot show is a drift of the whole Assembly, with every state
moving the same way: the roll-call parameters absorb that. Bailey, Strezhnev
and Voeten (2017) also tie identical resolutions across sessions; this
estimate does not.

``idealpoint_sd`` is a Laplace approximation: the posterior sd of θ from the
Hessian of the negative log posterior in θ, taken at the fitted roll-call
parameters (within a state the Hessian is tridiagonal, through the random
walk). It ignores the uncertainty in those parameters, so it is somewhat too
small.

Agreement with the published estimate. The comparison is with the
Bailey–Strezhnev–Voeten ``idealpoint_all`` (July 2025 release) on the UN
votes mirror: 860,791 votes, 6,121 informative roll calls and 10,633
state-years from 1946 to 2020.

- Pearson r is at least 0.97 in every calendar year from 1990 to 2019
  (lowest 0.970, in 1993). tests/test_idealpoints.py prints the table.
- Pooled over all state-years from 1990 to 2019, r is 0.97.
- The published file is indexed by session year (session n ↔ 1945 + n).
  Almost all votes of session n fall in the autumn of 1945 + n, so fitting
  and matching by session year gives the same yearly r to within 0.002
  (``benchmarks/idealpoints.py --sessions``).
- Agreement is lower from 1952 to 1981 (median r 0.92, lowest 0.79 in
  1967 and 1969). In those years North–South conflict was a strong second
  dimension, and the two data sets hold different sets of roll calls.

The full fit takes about 15 s on two cores (``benchmarks/idealpoints.py``).

Known limits:

- There is one dimension only.
- Abstention is treated as a position between yes and no, not as a
  strategic act.
- σ and the item priors are fixed, not estimated.
- A period with few votes (a new member's first year, for instance) leans
  on the random walk, and its ``idealpoint_sd`` is large.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import eigh
from scipy.optimize import minimize
from scipy.special import expit
from threadpoolctl import threadpool_limits

from bilateral.measures.alignment import vote_codes

USA = 2
COLUMNS = ("ccode", "iso3", "year", "idealpoint", "idealpoint_sd", "n_votes")


@dataclass(frozen=True)
class Priors:
    """Prior standard deviations (in the fit's own units, before standardising)."""

    innovation_sd: float = 0.3  # σ of the yearly random-walk step (chosen on held-out votes)
    start_sd: float = 1.0  # θ at a state's first voting period
    discrimination_sd: float = 2.0  # β_j
    cutpoint_sd: float = 5.0  # c_j
    band_log_sd: float = 1.5  # log δ_j


@dataclass
class Design:
    """Votes as index arrays, sorted by category (no, abstain, yes)."""

    y: np.ndarray  # category per vote
    s: np.ndarray  # state-period index per vote
    j: np.ndarray  # roll-call index per vote
    n_no: int
    n_abstain: int
    ccode: np.ndarray  # per state-period
    period: np.ndarray  # per state-period
    item_period: np.ndarray  # period index per roll call
    state_period: np.ndarray  # period index per state-period
    prev: np.ndarray  # random-walk links: state-period prev[k] → nxt[k]
    nxt: np.ndarray
    gap: np.ndarray  # periods between the two
    first: np.ndarray  # bool: a state's first period

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.ccode), int(self.j.max()) + 1


def design(votes: pd.DataFrame, period: str = "year") -> Design:
    """Index arrays for the votes (rcid, ccode, ``period``, vote) that carry information."""
    missing = {"rcid", "ccode", period, "vote"} - set(votes.columns)
    if missing:
        raise ValueError(f"votes lack columns {sorted(missing)}; expected rcid, ccode, {period}, vote (as from UNVOTES.load('votes'))")
    votes = votes.dropna(subset=["ccode", period])
    if votes.duplicated(["rcid", "ccode"]).any():
        raise ValueError("a state votes twice on one roll call; drop duplicated (rcid, ccode) rows first")
    y = 2 - vote_codes(votes["vote"])  # no 0 < abstain 1 < yes 2 (alignment codes yes as 0)
    call, calls = pd.factorize(votes["rcid"].to_numpy(np.int64))
    counts = np.bincount(call * 3 + y, minlength=3 * len(calls)).reshape(-1, 3)
    keep = ((counts > 0).sum(axis=1) > 1)[call]  # unanimous roll calls say nothing about positions
    votes, y = votes[keep], y[keep]
    if votes.empty:
        raise ValueError("no roll call divides the states: nothing to estimate")
    if votes.groupby("rcid")[period].nunique().gt(1).any():
        raise ValueError(f"a roll call spans several values of {period!r}; each rcid must belong to one period")
    keys = pd.MultiIndex.from_arrays([votes["ccode"].to_numpy(np.int64), votes[period].to_numpy(np.int64)])
    s, pairs = pd.factorize(keys, sort=True)
    j, _ = pd.factorize(votes["rcid"].to_numpy(np.int64), sort=True)
    ccode, when = pairs.get_level_values(0).to_numpy(), pairs.get_level_values(1).to_numpy()
    periods = np.unique(when)
    item_period = np.zeros(j.max() + 1, np.intp)
    item_period[j] = np.searchsorted(periods, when[s])
    same = ccode[1:] == ccode[:-1]
    prev = np.flatnonzero(same)
    order = np.argsort(y, kind="stable")
    return Design(
        y=y[order], s=s[order].astype(np.intp), j=j[order].astype(np.intp),
        n_no=int((y == 0).sum()), n_abstain=int((y == 1).sum()),
        ccode=ccode, period=when, item_period=item_period, state_period=np.searchsorted(periods, when),
        prev=prev, nxt=prev + 1, gap=(when[prev + 1] - when[prev]).astype(float), first=np.r_[True, ~same],
    )


def split(x: np.ndarray, states: int, calls: int) -> tuple[np.ndarray, ...]:
    """θ per state-period, then β, c and log δ per roll call."""
    return x[:states], x[states : states + calls], x[states + calls : states + 2 * calls], x[states + 2 * calls :]


def _softplus(u: np.ndarray, e: np.ndarray, out: np.ndarray) -> float:
    """Σ log(1 + exp(u)), leaving F(u) = exp(u) / (1 + exp(u)) in ``out``; ``e`` is scratch."""
    np.clip(u, -500.0, 500.0, out=u)
    np.exp(u, out=e)
    np.log1p(e, out=out)
    total = float(out.sum())
    np.add(e, 1.0, out=out)
    np.divide(e, out, out=out)
    return total


def prior(theta, beta, cut, d: Design, priors: Priors):
    """−log prior of θ, β and c (up to a constant) and its gradients."""
    w = 1.0 / (priors.innovation_sd**2 * d.gap)
    step = theta[d.nxt] - theta[d.prev]
    start = theta[d.first] / priors.start_sd**2
    value = 0.5 * (w @ step**2 + start @ theta[d.first] + beta @ beta / priors.discrimination_sd**2 + cut @ cut / priors.cutpoint_sd**2)
    g_theta = np.zeros_like(theta)
    g_theta[d.first] = start
    g_theta[d.nxt] += w * step  # each state-period has at most one link forward and one back
    g_theta[d.prev] -= w * step
    return value, g_theta, beta / priors.discrimination_sd**2, cut / priors.cutpoint_sd**2


def objective(d: Design, priors: Priors):
    """The negative log posterior as a function of x, returning (value, gradient)."""
    states, calls = d.sizes
    n0, n01, n = d.n_no, d.n_no + d.n_abstain, len(d.s)
    s, j, j_no, j_ab = d.s, d.j, d.j[:n0], d.j[n0:n01]
    abstains = np.bincount(j_ab, minlength=calls).astype(float)
    beta_of, theta_of, eta, e, F = (np.empty(n) for _ in range(5))
    u_ab, e_ab, F_ab = (np.empty(n01 - n0) for _ in range(3))

    def f(x: np.ndarray) -> tuple[float, np.ndarray]:
        theta, beta, cut, log_band = split(x, states, calls)
        band = np.exp(log_band)
        np.take(beta, j, out=beta_of)
        np.take(theta, s, out=theta_of)
        np.multiply(beta_of, theta_of, out=eta)
        np.subtract(eta, np.take(cut, j, out=e), out=eta)  # η − c: the "yes" index
        # yes: log F(η − c)
        np.negative(eta[n01:], out=eta[n01:])
        loss = _softplus(eta[n01:], e[n01:], F[n01:])
        # abstain: log F(η − c + δ) + log F(−(η − c)) + log(1 − exp(−δ))
        np.copyto(u_ab, eta[n0:n01])
        loss += _softplus(u_ab, e_ab, F_ab)
        eta[n0:n01] += band[j_ab]
        np.negative(eta[n0:n01], out=eta[n0:n01])
        loss += _softplus(eta[n0:n01], e[n0:n01], F[n0:n01]) - abstains @ np.log(-np.expm1(-band))
        # no: log F(−(η − c + δ))
        eta[:n0] += band[j_no]
        loss += _softplus(eta[:n0], e[:n0], F[:n0])
        # F now holds ∂ log-likelihood / ∂η for yes; make it so for the others
        g_band = np.bincount(j_ab, F[n0:n01], calls) - np.bincount(j_no, F[:n0], calls) + abstains * np.exp(-band) / -np.expm1(-band)
        F[n0:n01] -= F_ab
        np.negative(F[:n0], out=F[:n0])
        value, g_theta, g_beta, g_cut = prior(theta, beta, cut, d, priors)
        g_theta -= np.bincount(s, np.multiply(F, beta_of, out=e), states)
        g_beta -= np.bincount(j, np.multiply(F, theta_of, out=e), calls)
        g_cut += np.bincount(j, F, calls)
        g_log_band = log_band / priors.band_log_sd**2 - band * g_band
        value += loss + 0.5 * log_band @ log_band / priors.band_log_sd**2
        return value, np.concatenate([g_theta, g_beta, g_cut, g_log_band])

    return f


def rescale(x: np.ndarray, d: Design, priors: Priors) -> np.ndarray:
    """Re-choose each period's scale a and shift b (θ → aθ + b, β → β/a,
    c → c + βb/a) to minimise the prior; the likelihood does not change."""
    states, calls = d.sizes
    theta, beta, cut, log_band = split(x, states, calls)
    sp, ip = d.state_period, d.item_period
    periods = int(sp.max()) + 1

    def mapped(z):
        scale, shift = np.exp(z[:periods]), z[periods:]
        new_beta = beta / scale[ip]
        return scale[sp] * theta + shift[sp], new_beta, cut + new_beta * shift[ip]

    def f(z):
        new_theta, new_beta, new_cut = mapped(z)
        value, g_theta, g_beta, g_cut = prior(new_theta, new_beta, new_cut, d, priors)
        shift = z[periods:]
        g_log_scale = np.bincount(sp, g_theta * (new_theta - shift[sp]), periods) - np.bincount(ip, (g_beta + g_cut * shift[ip]) * new_beta, periods)
        g_shift = np.bincount(sp, g_theta, periods) + np.bincount(ip, g_cut * new_beta, periods)
        return value, np.concatenate([g_log_scale, g_shift])

    best = minimize(f, np.zeros(2 * periods), jac=True, method="L-BFGS-B").x
    return np.concatenate([*mapped(best), log_band])


def start(d: Design) -> np.ndarray:
    """First principal component of each period's vote matrix (signs chained
    so consecutive periods agree), and roll-call parameters to match."""
    states, calls = d.sizes
    score = d.y / 2.0
    theta = np.zeros(states)
    by_period = np.argsort(d.item_period[d.j], kind="stable")
    bounds = np.searchsorted(d.item_period[d.j][by_period], np.arange(d.item_period.max() + 2))
    for t in range(len(bounds) - 1):
        votes = by_period[bounds[t] : bounds[t + 1]]
        rows, row = np.unique(d.s[votes], return_inverse=True)
        _, col = np.unique(d.j[votes], return_inverse=True)
        matrix = np.full((len(rows), col.max() + 1), np.nan)
        matrix[row, col] = score[votes]
        matrix = np.nan_to_num(matrix - np.nanmean(matrix, axis=0))
        component = eigh(matrix @ matrix.T, subset_by_index=[len(rows) - 1] * 2)[1][:, 0]
        component = (component - component.mean()) / (component.std() or 1.0)
        here = np.isin(d.nxt, rows)  # links into this period, from each state's previous one
        earlier, later = d.prev[here], np.searchsorted(rows, d.nxt[here])
        if len(earlier) > 1 and theta[earlier] @ component[later] < 0:
            component = -component
        theta[rows] = component
    counts = np.bincount(d.j, minlength=calls) + 1.0
    yes = (np.bincount(d.j, d.y == 2, calls) + 0.5) / counts
    not_no = (np.bincount(d.j, d.y >= 1, calls) + 0.5) / counts
    theta_of = theta[d.s]
    mean_theta, mean_score = np.bincount(d.j, theta_of, calls) / counts, np.bincount(d.j, score, calls) / counts
    covariance = np.bincount(d.j, (theta_of - mean_theta[d.j]) * (score - mean_score[d.j]), calls)
    variance = np.bincount(d.j, (theta_of - mean_theta[d.j]) ** 2, calls) + 1e-9
    beta = np.clip(4 * covariance / variance, -3, 3)
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    band = np.maximum(logit(not_no) - logit(yes), 0.05)
    return np.concatenate([theta, beta, -logit(yes), np.log(band)])


def fit(d: Design, priors: Priors, max_iter: int = 2000, tol: float = 1e-5, chunk: int = 100) -> tuple[np.ndarray, dict]:
    """MAP estimate: L-BFGS runs of up to ``chunk`` iterations, each after a
    ``rescale``, until a run improves the objective by less than ``tol``
    (relative) or stops on its own."""
    f = objective(d, priors)
    started = time.perf_counter()
    with threadpool_limits(1, user_api="blas"):  # BLAS threads slow L-BFGS-B's vector updates down
        x, used = _minimise(f, start(d), d, priors, max_iter, tol, chunk)
    return x, {"iterations": used, "objective": float(f(x)[0]), "seconds": time.perf_counter() - started}


def _minimise(f, x, d, priors, max_iter, tol, chunk):
    used, last = 0, np.inf
    while used < max_iter:
        x = rescale(x, d, priors)
        run = minimize(f, x, jac=True, method="L-BFGS-B", options={"maxiter": min(chunk, max_iter - used), "maxcor": 20})
        x, used = run.x, used + run.nit
        if run.nit < chunk or last - run.fun < tol * abs(run.fun):
            break
        last = run.fun
    return x, used


def posterior_sd(x: np.ndarray, d: Design, priors: Priors) -> np.ndarray:
    """sd of each θ from the inverse Hessian of the θ block (roll-call parameters held at their estimates)."""
    states, calls = d.sizes
    theta, beta, cut, log_band = split(x, states, calls)
    index = beta[d.j] * theta[d.s] - cut[d.j]  # η − c
    curvature = lambda u: expit(u) * expit(-u)  # noqa: E731
    info = np.where(d.y < 2, curvature(index + np.exp(log_band)[d.j]), 0.0) + np.where(d.y > 0, curvature(index), 0.0)
    w = 1.0 / (priors.innovation_sd**2 * d.gap)
    diagonal = np.bincount(d.s, beta[d.j] ** 2 * info, states) + d.first / priors.start_sd**2
    np.add.at(diagonal, d.prev, w)
    np.add.at(diagonal, d.nxt, w)
    off = np.zeros(states)  # off[k] couples k and k + 1 (zero between states)
    off[d.prev] = -w
    # diagonal of a tridiagonal inverse from forward and backward pivots
    a, o = diagonal.tolist(), off.tolist()
    down, up = a[:], a[:]
    for k in range(1, states):
        down[k] = a[k] - o[k - 1] ** 2 / down[k - 1]
    for k in range(states - 2, -1, -1):
        up[k] = a[k] - o[k] ** 2 / up[k + 1]
    return 1 / np.sqrt(np.array(down) + np.array(up) - diagonal)


def estimate(votes: pd.DataFrame, *, period: str = "year", anchor: int = USA, priors: Priors = Priors(), max_iter: int = 2000) -> pd.DataFrame:
    """Ideal point per state and period from UN votes (rcid, ccode, ``period``, vote).

    One row per state-period with at least one informative vote: ``ccode``,
    ``iso3`` (when the votes carry it), the period column, ``idealpoint``
    (mean 0 and sd 1 over all rows; the ``anchor`` state positive on
    average), ``idealpoint_sd`` and ``n_votes``. The method is in this
    module's docstring; ``frame.attrs["fit"]`` records iterations and time.
    """
    d = design(votes, period)
    if anchor not in set(d.ccode.tolist()):
        raise ValueError(f"anchor state {anchor} casts no vote here; pass anchor= a COW code present in the votes to fix the sign")
    x, info = fit(d, priors, max_iter=max_iter)
    theta = x[: len(d.ccode)]
    centre, spread = theta.mean(), theta.std()
    sign = 1.0 if theta[d.ccode == anchor].mean() >= centre else -1.0
    frame = pd.DataFrame({
        "ccode": d.ccode, period: d.period,
        "idealpoint": sign * (theta - centre) / spread,
        "idealpoint_sd": posterior_sd(x, d, priors) / spread,
        "n_votes": np.bincount(d.s, minlength=len(d.ccode)),
    })
    if "iso3" in votes.columns:
        names = votes.dropna(subset=["ccode", period]).drop_duplicates(["ccode", period])
        keys = pd.MultiIndex.from_arrays([names["ccode"].astype("int64"), names[period].astype("int64")])
        frame.insert(1, "iso3", pd.Series(names["iso3"].to_numpy(), index=keys).reindex(pd.MultiIndex.from_arrays([frame["ccode"], frame[period]])).to_numpy())
    frame.attrs["fit"] = info | {"states": int(len(set(d.ccode.tolist()))), "periods": int(len(np.unique(d.period))), "votes": len(d.y), "roll_calls": d.sizes[1]}
    return frame
