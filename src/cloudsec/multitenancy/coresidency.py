"""Co-residency: the chance an attacker's instance lands on the victim's host.

:func:`coresidency_probability` gives it in closed form for three
placement policies (:data:`PLACEMENTS`); :func:`launches_for` inverts it;
:func:`coresidency_monte_carlo` checks it by simulating the placements.
Source of the question: Ristenpart et al., "Hey, You, Get Off of My
Cloud" (ACM CCS 2009).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cloudsec.multitenancy._validate import _lookup, _whole

__all__ = [
    "PLACEMENTS",
    "Placement",
    "coresidency_monte_carlo",
    "coresidency_probability",
    "launches_for",
    "placement",
]


@dataclass(frozen=True)
class Placement:
    """A placement policy: how the provider picks a host for a new instance.

    Attributes
    ----------
    key : str
        ``"random"``, ``"packed"`` or ``"dedicated"``.
    label : str
        Name shown in controls and figures.
    rule : str
        How the policy places instances.
    model : str
        The formula :func:`coresidency_probability` uses and its
        assumptions.
    """

    key: str
    label: str
    rule: str
    model: str


PLACEMENTS: dict[str, Placement] = {
    "random": Placement(
        "random", "Random (uniform)",
        "each new instance goes to a host chosen uniformly at random from "
        "the whole fleet, independently of every other instance",
        "P = 1 - (1 - v/N)^k for k launches, N hosts and v victim hosts "
        "(binomial: every launch is an independent draw)",
    ),
    "packed": Placement(
        "packed", "Packed (fill hosts in order)",
        "the provider fills one host before it starts the next, to keep "
        "the other hosts free (bin packing); an attacker's launches "
        "therefore land together on a few consecutive hosts",
        "the k launches fill the free slots of the host being filled, then "
        "the next hosts, s slots each: they touch h = ceil((f + k) / s) "
        "hosts, where f (0 to s - 1) slots of the first host are already "
        "taken, each value equally likely. Not knowing where the filling has "
        "got to, the attacker's h hosts are as good as a random set of h "
        "hosts, so P = average over f of 1 - C(N - h, v) / C(N, v) "
        "(hypergeometric)",
    ),
    "dedicated": Placement(
        "dedicated", "Dedicated hosts",
        "the victim's instances run on hosts that only the victim's account "
        "uses (dedicated hosts or dedicated instances)",
        "P = 0: no instance of another account can land on those hosts",
    ),
}


def placement(key: str) -> Placement:
    """The placement policy ``key`` (``"random"``, ``"packed"``,
    ``"dedicated"``)."""
    return _lookup(PLACEMENTS, key, "placement policy")


def _coresidency_args(fleet_hosts: int, placement_key: str,
                      attacker_launches: int, victim_hosts: int,
                      slots_per_host: int) -> tuple[int, str, int, int, int]:
    policy = placement(placement_key).key
    fleet = _whole(fleet_hosts, "fleet_hosts", 1)
    launches = _whole(attacker_launches, "attacker_launches", 0)
    victims = _whole(victim_hosts, "victim_hosts", 1)
    slots = _whole(slots_per_host, "slots_per_host", 1)
    if victims > fleet:
        raise ValueError(f"victim_hosts ({victims}) cannot exceed "
                         f"fleet_hosts ({fleet})")
    return fleet, policy, launches, victims, slots


def _miss_random_set(fleet: int, victims: int, hosts: int) -> float:
    """Probability that a random set of ``hosts`` distinct hosts misses all
    ``victims`` victim hosts: C(N - h, v) / C(N, v) = C(N - v, h) / C(N, h)."""
    if hosts <= 0:
        return 1.0
    if hosts > fleet - victims:
        return 0.0  # too few other hosts to avoid every victim host
    # the shorter of the two equal products
    terms = min(victims, hosts)
    other = hosts if terms == victims else victims
    miss = 1.0
    for i in range(terms):
        miss *= (fleet - other - i) / (fleet - i)
    return miss


def _packed_hosts(launches: int, filled: int, slots: int, fleet: int) -> int:
    if launches == 0:
        return 0
    return min(fleet, -(-(filled + launches) // slots))


def coresidency_probability(fleet_hosts: int, placement: str,
                            attacker_launches: int, victim_hosts: int = 1,
                            slots_per_host: int = 8) -> float:
    """Chance that at least one attacker instance shares a host with the victim.

    The attacker launches ``attacker_launches`` instances into a fleet of
    ``fleet_hosts`` hosts, ``victim_hosts`` of which run the victim's
    instances. The answer depends on how the provider places instances
    (:data:`PLACEMENTS`):

    * ``"random"``: each launch lands on a uniformly random host,
      independently: ``1 - (1 - v/N)**k``.
    * ``"packed"``: hosts are filled in order, ``slots_per_host`` instances
      each. The launches occupy a run of consecutive hosts starting at the
      host currently being filled, which already has 0 to ``s - 1`` of its
      slots taken (each equally likely). The attacker does not know where
      that host is relative to the victim, so the run is as good as a
      random set of hosts, and the answer is hypergeometric, averaged over
      the slots already taken. Packing puts many launches on few hosts, so
      blind launches find the victim *less* often than under random
      placement. (Launching right after the victim, while the victim's own
      host is still being filled, breaks the "does not know where"
      assumption: the model does not cover that.)
    * ``"dedicated"``: the victim's hosts take no other account's
      instances: 0.

    Assumptions: the victim's hosts are a uniformly random subset of the
    fleet, the fleet does not change while the attacker launches, and the
    attacker's instances are placed like anyone else's.

    Parameters
    ----------
    fleet_hosts : int
        Hosts in the fleet (pool) the provider chooses from (>= 1).
    placement : str
        ``"random"``, ``"packed"`` or ``"dedicated"``.
    attacker_launches : int
        Instances the attacker launches (>= 0).
    victim_hosts : int
        Hosts that run the victim's instances (1 to ``fleet_hosts``).
    slots_per_host : int
        Instances per host, used by ``"packed"`` (>= 1).

    Returns
    -------
    float
        A probability between 0 and 1.

    Examples
    --------
    >>> from cloudsec.multitenancy import coresidency_probability
    >>> round(coresidency_probability(1000, "random", 20), 4)
    0.0198
    >>> coresidency_probability(1000, "dedicated", 500)
    0.0
    """
    fleet, policy, launches, victims, slots = _coresidency_args(
        fleet_hosts, placement, attacker_launches, victim_hosts,
        slots_per_host)
    if policy == "dedicated" or launches == 0:
        return 0.0
    if policy == "random":
        return float(-math.expm1(launches * math.log1p(-victims / fleet))
                     if victims < fleet else 1.0)
    hit = sum(1.0 - _miss_random_set(
        fleet, victims, _packed_hosts(launches, filled, slots, fleet))
        for filled in range(slots))
    return min(1.0, hit / slots)


def launches_for(probability: float, fleet_hosts: int, placement: str,
                 victim_hosts: int = 1,
                 slots_per_host: int = 8) -> int | None:
    """Fewest attacker launches that reach a given chance of co-residency.

    Parameters
    ----------
    probability : float
        Target chance, between 0 and 1 (exclusive).
    fleet_hosts, placement, victim_hosts, slots_per_host
        As in :func:`coresidency_probability`.

    Returns
    -------
    int or None
        The smallest number of launches ``k`` with
        ``coresidency_probability(..., k, ...) >= probability``, or ``None``
        if no number of launches reaches it (dedicated hosts).

    Examples
    --------
    >>> from cloudsec.multitenancy import launches_for
    >>> launches_for(0.5, 1000, "random")
    693
    """
    if not 0 < float(probability) < 1:
        raise ValueError(f"probability must be between 0 and 1, not "
                         f"{probability}")
    fleet, policy, _, victims, slots = _coresidency_args(
        fleet_hosts, placement, 0, victim_hosts, slots_per_host)
    if policy == "dedicated":
        return None

    def chance(k: int) -> float:
        return coresidency_probability(fleet, policy, k, victims, slots)

    high = 1
    while chance(high) < probability:
        high *= 2
    low = high // 2  # chance(low) < probability, or low == 0
    while high - low > 1:
        mid = (low + high) // 2
        if chance(mid) >= probability:
            high = mid
        else:
            low = mid
    return high


def _victim_sets(rng: np.random.Generator, fleet: int, victims: int,
                 trials: int) -> np.ndarray:
    """``trials`` uniformly random sets of ``victims`` distinct hosts (one
    per row), by Floyd's algorithm, vectorised over trials."""
    chosen = np.empty((trials, victims), dtype=np.int64)
    for col, top in enumerate(range(fleet - victims, fleet)):
        pick = rng.integers(0, top + 1, size=trials)
        taken = (chosen[:, :col] == pick[:, None]).any(axis=1)
        chosen[:, col] = np.where(taken, top, pick)
    return chosen


def coresidency_monte_carlo(fleet_hosts: int, placement: str,
                            attacker_launches: int, victim_hosts: int = 1,
                            slots_per_host: int = 8,
                            trials: int = 20_000, seed: int = 0) -> float:
    """Estimate :func:`coresidency_probability` by simulating placements.

    Each trial puts the victim on ``victim_hosts`` random hosts, then places
    the attacker's launches by the policy's rule (random hosts; or the next
    free slots of hosts filled in order, starting at a random host with a
    random number of slots taken) and records whether any launch shares a
    host with the victim. The estimate's standard error is about
    ``sqrt(p * (1 - p) / trials)``.

    Parameters
    ----------
    fleet_hosts, placement, attacker_launches, victim_hosts, slots_per_host
        As in :func:`coresidency_probability`.
    trials : int
        Number of simulated attacks (>= 1).
    seed : int
        Seed of the random generator (>= 0); the same seed gives the same
        estimate.

    Returns
    -------
    float
        The fraction of trials in which the attacker shared a host with the
        victim.
    """
    fleet, policy, launches, victims, slots = _coresidency_args(
        fleet_hosts, placement, attacker_launches, victim_hosts,
        slots_per_host)
    trials = _whole(trials, "trials", 1)
    rng = np.random.default_rng(_whole(seed, "seed", 0))
    if policy == "dedicated" or launches == 0:
        # The attacker's instances can never be placed on a dedicated host.
        return 0.0
    hits = 0
    batch = max(1, min(trials, 4_000_000 // max(launches * victims, 1)))
    for start in range(0, trials, batch):
        size = min(batch, trials - start)
        victim = _victim_sets(rng, fleet, victims, size)
        if policy == "random":
            attacker = rng.integers(0, fleet, size=(size, launches))
            hit = (attacker[:, :, None] == victim[:, None, :]).any(axis=(1, 2))
        else:
            first = rng.integers(0, fleet, size=size)
            filled = rng.integers(0, slots, size=size)
            spans = np.minimum(fleet, -(-(filled + launches) // slots))
            # hosts first, first + 1, ... (in fill order, wrapping round)
            offset = (victim - first[:, None]) % fleet
            hit = (offset < spans[:, None]).any(axis=1)
        hits += int(hit.sum())
    return hits / trials
