"""Noisy neighbours: a queueing model of one shared host.

:func:`simulate_latency` runs a small M/M/1 simulation of one shared host
and returns the victim tenant's latency percentiles;
:func:`mm1_percentile_ms` gives the same percentiles from queueing
theory.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cloudsec.multitenancy._validate import _rate, _whole

__all__ = [
    "LatencyResult",
    "mm1_percentile_ms",
    "simulate_latency",
]


@dataclass(frozen=True)
class LatencyResult:
    """The victim tenant's latency on a shared host (see
    :func:`simulate_latency`).

    Attributes
    ----------
    p50_ms, p95_ms, p99_ms : float
        Percentiles of the victim's request latency (waiting plus service),
        in milliseconds.
    utilisation : float
        Offered load over capacity (all tenants' requests per second divided
        by the host's capacity). 0.93 means the host is busy 93% of the
        time; 1 or more means demand exceeds capacity.
    saturated : bool
        True if ``utilisation >= 1``: the queue grows for as long as the
        overload lasts, so the percentiles depend on how long the
        simulation runs (``horizon_s``) rather than on a steady state.
    victim_requests : int
        How many victim requests the percentiles are computed from.
    horizon_s : float
        Simulated time in seconds.
    """

    p50_ms: float
    p95_ms: float
    p99_ms: float
    utilisation: float
    saturated: bool
    victim_requests: int
    horizon_s: float

    @property
    def percentiles(self) -> dict[int, float]:
        """``{50: p50_ms, 95: p95_ms, 99: p99_ms}``."""
        return {50: self.p50_ms, 95: self.p95_ms, 99: self.p99_ms}


def _loads(neighbour_loads: float | Iterable[float]) -> list[float]:
    if isinstance(neighbour_loads, numbers.Real) and not isinstance(
            neighbour_loads, bool):
        neighbour_loads = [neighbour_loads]
    if not isinstance(neighbour_loads, Iterable) or isinstance(
            neighbour_loads, str):
        raise TypeError("neighbour_loads must be a number or a sequence of "
                        "numbers (requests per second, one per neighbour)")
    return [_rate(load, f"neighbour_loads[{i}]", positive=False)
            for i, load in enumerate(neighbour_loads)]


def mm1_percentile_ms(capacity: float, total_load: npt.ArrayLike,
                      percentile: float) -> float | np.ndarray:
    """Latency percentile of an M/M/1 FIFO queue, from theory.

    In a single-server FIFO queue with Poisson arrivals at rate
    ``total_load`` and exponential service at rate ``capacity``, the time a
    request spends in the system is exponential with rate
    ``capacity - total_load``, whichever tenant sent it. Its ``q``-th
    percentile is ``-ln(1 - q/100) / (capacity - total_load)``.

    Parameters
    ----------
    capacity : float
        Requests per second the host can serve (> 0).
    total_load : float or array_like
        Requests per second arriving from all tenants together (>= 0).
    percentile : float
        Between 0 and 100 (exclusive).

    Returns
    -------
    float or ndarray
        Milliseconds; ``inf`` where ``total_load >= capacity`` (no steady
        state: the queue grows without bound).

    Examples
    --------
    >>> from cloudsec.multitenancy import mm1_percentile_ms
    >>> round(mm1_percentile_ms(1000, 800, 99), 1)
    23.0
    """
    capacity = _rate(capacity, "capacity", positive=True)
    if not 0 < float(percentile) < 100:
        raise ValueError(f"percentile must be between 0 and 100, not "
                         f"{percentile}")
    load = np.asarray(total_load, dtype=float)
    if np.any(load < 0) or not np.all(np.isfinite(load)):
        raise ValueError("total_load must be finite and not negative")
    spare = capacity - load
    quantile = -math.log1p(-float(percentile) / 100)
    with np.errstate(divide="ignore"):
        out = np.where(spare > 0, 1000.0 * quantile / np.where(
            spare > 0, spare, 1.0), np.inf)
    return float(out) if out.ndim == 0 else out


_MAX_REQUESTS = 5_000_000


def simulate_latency(capacity: float, victim_load: float,
                     neighbour_loads: float | Iterable[float] = (),
                     seed: int = 0,
                     n_requests: int = 20_000,
                     warmup: float = 0.1) -> LatencyResult:
    """Simulate a shared host and measure the victim tenant's latency.

    The model (units: requests and seconds; latencies are reported in
    milliseconds):

    * The host is **one first-in, first-out queue** in front of a resource
      that serves ``capacity`` requests per second on average, e.g. a
      storage volume, a network card's queue or a CPU run queue. Every
      tenant's requests wait in the same queue: the host does not know or
      care whose request is whose.
    * Each request's **service time** is exponential with mean
      ``1 / capacity`` seconds.
    * Each tenant sends requests at its own average rate (``victim_load``,
      ``neighbour_loads``), placed at random times in the simulated window,
      as a Poisson process would. (To keep runs comparable, each tenant's
      number of requests is fixed at its expected value; given that number,
      a Poisson process places the requests uniformly at random.)
    * A request's **latency** is its waiting time plus its service time.
      The first ``warmup`` fraction of the window is discarded because the
      simulated queue starts empty.

    This is an M/M/1 queue, for which theory gives the answer too
    (:func:`mm1_percentile_ms`); the simulation shows the same effect with
    the noise a measurement has, and it keeps working in overload.

    **Determinism.** The same arguments give the same result. Each tenant
    draws its request times and service times from its own random stream
    derived from ``seed``, so raising one neighbour's load adds requests
    without moving anyone else's: below saturation, the victim's
    percentiles never decrease when a neighbour's load rises.

    **Overload.** The window is long enough for the host to serve
    ``n_requests`` at full speed, or for ``n_requests`` to arrive,
    whichever is shorter; so a run never simulates more than about
    ``n_requests`` requests, and an overloaded host (``utilisation >= 1``)
    gives a finite answer flagged as ``saturated`` instead of running on.

    Parameters
    ----------
    capacity : float
        Requests per second the host can serve (> 0).
    victim_load : float
        The victim tenant's requests per second (> 0).
    neighbour_loads : float or sequence of float
        Requests per second of each other tenant on the host (>= 0 each).
    seed : int
        Seed of the random streams (>= 0).
    n_requests : int
        Size of the run, 1,000 to 5,000,000; 20,000 takes a few
        milliseconds.
    warmup : float
        Fraction of the window discarded at the start (0 <= warmup < 0.9).

    Returns
    -------
    LatencyResult

    Raises
    ------
    ValueError
        For a capacity or victim load of 0 or less, a negative neighbour
        load, values that are not finite, a run too small or a window with
        no victim request to measure.
    TypeError
        For values that are not numbers.

    Examples
    --------
    >>> from cloudsec.multitenancy import simulate_latency
    >>> quiet = simulate_latency(1000, 200, [0])
    >>> busy = simulate_latency(1000, 200, [600])
    >>> busy.p99_ms > 3 * quiet.p99_ms, f"{busy.utilisation:.0%}"
    (True, '80%')
    """
    capacity = _rate(capacity, "capacity", positive=True)
    victim_load = _rate(victim_load, "victim_load", positive=True)
    others = _loads(neighbour_loads)
    seed = _whole(seed, "seed", 0)
    n_requests = _whole(n_requests, "n_requests", 1000)
    if n_requests > _MAX_REQUESTS:
        raise ValueError(f"n_requests must be at most {_MAX_REQUESTS:,} "
                         f"(memory), not {n_requests:,}")
    if not 0 <= float(warmup) < 0.9:
        raise ValueError(f"warmup must be in [0, 0.9), not {warmup}")

    loads = [victim_load, *others]
    total = sum(loads)
    utilisation = total / capacity
    horizon = n_requests / max(capacity, total)
    streams = np.random.SeedSequence(seed).spawn(2 * len(loads))

    times, work, whose = [], [], []
    for tenant, load in enumerate(loads):
        count = int(round(load * horizon))
        if count == 0:
            continue
        arrivals = np.random.default_rng(streams[2 * tenant])
        service = np.random.default_rng(streams[2 * tenant + 1])
        times.append(arrivals.random(count) * horizon)
        work.append(service.standard_exponential(count) / capacity)
        whose.append(np.full(count, tenant == 0))
    arrive = np.concatenate(times)
    order = np.argsort(arrive, kind="stable")
    arrive = arrive[order]
    serve = np.concatenate(work)[order]
    victim = np.concatenate(whose)[order]

    # FIFO single server: D[n] = max(A[n], D[n-1]) + S[n]. Unrolled, that is
    # C[n] + max over j <= n of (A[j] - C[j-1]) with C the running sum of
    # service times, which numpy computes without a Python loop.
    done = np.cumsum(serve)
    depart = done + np.maximum.accumulate(arrive - (done - serve))
    latency = depart - arrive

    measured = victim & (arrive >= float(warmup) * horizon)
    count = int(measured.sum())
    if count == 0:
        raise ValueError("no victim request to measure: raise victim_load "
                         "or n_requests")
    p50, p95, p99 = np.percentile(latency[measured], [50, 95, 99]) * 1000.0
    return LatencyResult(float(p50), float(p95), float(p99), utilisation,
                         utilisation >= 1.0, count, horizon)
