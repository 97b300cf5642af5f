"""Multi-tenancy: what tenants share, how it goes wrong, and two small models.

Domain data and pure functions for lesson 06:

* **What tenants share.** The resources a public cloud pools between its
  customers (hosts, CPU caches, memory, storage, network, control planes),
  and the three families of risk that sharing brings: data leakage between
  tenants, noisy neighbours and attacks on shared hardware (side channels).
* **A timeline of shared-hardware attacks**, from the 2009 co-residency study
  on Amazon EC2 to the 2023 CPU flaws, each with its CVE identifiers, what it
  abused and the mitigations that answer it.
* **A noisy-neighbour model.** :func:`simulate_latency` runs a small queueing
  simulation of one shared host and returns the victim tenant's latency
  percentiles; :func:`mm1_percentile_ms` gives the same percentiles from
  queueing theory.
* **A co-residency model.** :func:`coresidency_probability` gives the chance
  that an attacker's launches land on a host that runs the victim, for three
  placement policies, in closed form; :func:`coresidency_monte_carlo` checks
  it by simulating the placements.

Sources: Ristenpart, Tromer, Shacham and Savage, "Hey, You, Get Off of My
Cloud" (ACM CCS 2009); Inci et al., "Seriously, get off my cloud! Cross-VM
RSA Key Recovery in a Public Cloud" (IACR ePrint 2015/898); Razavi et al.,
"Flip Feng Shui" (USENIX Security 2016); AWS security bulletin AWS-2018-013;
the NVD entries of each CVE.

The package does not analyse logs, telemetry or placement records and does
not choose isolation for a workload: those are skills the assignment asks
for, not services of the package. The models here work only from abstract
parameters (loads, fleet sizes, launch counts).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "MITIGATIONS",
    "PLACEMENTS",
    "RISK_FAMILIES",
    "HardwareEvent",
    "LatencyResult",
    "Mitigation",
    "Placement",
    "RiskFamily",
    "SharedResource",
    "coresidency_monte_carlo",
    "coresidency_probability",
    "hardware_event",
    "hardware_timeline",
    "launches_for",
    "mitigation",
    "mm1_percentile_ms",
    "placement",
    "risk_families",
    "shared_resource",
    "shared_resources",
    "simulate_latency",
]


# --------------------------------------------------------------------------
# What tenants share, and the three risk families
# --------------------------------------------------------------------------

RISK_FAMILIES = ("data-leakage", "noisy-neighbour", "side-channel")
"""The three families of multi-tenancy risk, in the order the lesson
teaches them."""


@dataclass(frozen=True)
class RiskFamily:
    """One family of multi-tenancy risk.

    Attributes
    ----------
    key : str
        One of :data:`RISK_FAMILIES`.
    label : str
        Name shown in tables and readouts.
    what : str
        What goes wrong, in one sentence.
    harms : str
        Which security property suffers (confidentiality, integrity,
        availability).
    examples : tuple of str
        Typical ways it happens.
    """

    key: str
    label: str
    what: str
    harms: str
    examples: tuple[str, ...]


_RISKS: dict[str, RiskFamily] = {
    "data-leakage": RiskFamily(
        "data-leakage", "Data leakage between tenants",
        "one tenant's data reaches another tenant through the software or "
        "storage that was supposed to keep them apart",
        "confidentiality (and integrity, if the other tenant can also write)",
        (
            "a query, cache key or API call that is not scoped to the "
            "caller's tenant",
            "a credential or encryption key that is valid for more than one "
            "tenant",
            "shared storage (a bucket, a share, a database) with an access "
            "rule that is too broad",
            "residual data: disk blocks or volumes handed to a new tenant "
            "without being wiped",
            "memory pages handed to another VM without being scrubbed",
        ),
    ),
    "noisy-neighbour": RiskFamily(
        "noisy-neighbour", "Noisy neighbours",
        "a tenant that uses a shared resource heavily slows the other "
        "tenants that depend on the same resource",
        "availability (latency and throughput)",
        (
            "CPU time taken by other VMs on the same host",
            "disk or volume operations (IOPS) on a shared storage array",
            "network bandwidth on a shared link or network card",
            "request quotas of a shared API or control plane",
        ),
    ),
    "side-channel": RiskFamily(
        "side-channel", "Side channels and other attacks on shared hardware",
        "a co-resident tenant learns another tenant's secrets from the "
        "traces its work leaves in shared hardware (cache timing, "
        "speculative execution), or corrupts its memory through the "
        "hardware (Rowhammer)",
        "confidentiality (integrity for Rowhammer)",
        (
            "timing accesses to a shared CPU cache (Prime+Probe)",
            "transient (speculative) execution flaws such as Spectre and "
            "Meltdown",
            "bit flips in a neighbour's memory (Rowhammer), aimed with the "
            "help of memory deduplication",
        ),
    ),
}


@dataclass(frozen=True)
class SharedResource:
    """A resource a cloud provider pools between tenants.

    Attributes
    ----------
    key : str
        Identifier (``"caches"``).
    label : str
        Name shown in tables.
    shared_how : str
        How tenants come to share it.
    risks : tuple of str
        The risk families (keys of :data:`RISK_FAMILIES`) it exposes.
    example : str
        A concrete case.
    """

    key: str
    label: str
    shared_how: str
    risks: tuple[str, ...]
    example: str


_DL, _NN, _SC = RISK_FAMILIES

_RESOURCES: dict[str, SharedResource] = {
    "hosts": SharedResource(
        "hosts", "Physical hosts (CPU cores and hardware threads)",
        "the hypervisor schedules many tenants' virtual CPUs on the cores of "
        "one server; with simultaneous multithreading (SMT, Hyper-Threading) "
        "two of them can even run on one core at the same moment",
        (_NN, _SC),
        "a neighbour's busy VM takes CPU time your VM was waiting for",
    ),
    "caches": SharedResource(
        "caches", "CPU caches and internal buffers",
        "each core's small caches are shared by its hardware threads; the "
        "last-level cache is shared by every core of a processor",
        (_SC,),
        "timing a shared cache revealed the RSA key of a co-located EC2 "
        "instance (Prime+Probe, 2015)",
    ),
    "memory": SharedResource(
        "memory", "Physical memory (DRAM)",
        "pages move from one VM to another over time; a hypervisor may merge "
        "identical pages of different VMs into one copy (deduplication)",
        (_DL, _SC),
        "Flip Feng Shui (2016) used deduplication and Rowhammer to flip "
        "bits in a co-hosted VM's keys",
    ),
    "storage": SharedResource(
        "storage", "Storage (disks, volumes, object stores, databases)",
        "the same storage systems hold many tenants' volumes, buckets and "
        "tables, and blocks released by one tenant are reused for another",
        (_DL, _NN),
        "a volume handed to a new tenant still holds the previous tenant's "
        "files if it was not wiped",
    ),
    "network": SharedResource(
        "network", "Network (cards, links, switches, virtual networks)",
        "tenants' virtual networks run over the same physical cards, links "
        "and switches",
        (_DL, _NN),
        "a neighbour's traffic burst fills the link your requests use",
    ),
    "control-plane": SharedResource(
        "control-plane", "Control plane (APIs, identity, orchestration)",
        "one management API, identity service and orchestrator serve every "
        "tenant; a multi-tenant application shares one code base and "
        "database between its customers",
        (_DL, _NN),
        "an authorization check that trusts a tenant ID sent by the caller "
        "lets one customer read another's records",
    ),
}


def risk_families() -> tuple[RiskFamily, ...]:
    """The three risk families, in teaching order."""
    return tuple(_RISKS[key] for key in RISK_FAMILIES)


def shared_resources() -> tuple[SharedResource, ...]:
    """What tenants share, from the hardware up to the control plane."""
    return tuple(_RESOURCES.values())


def _lookup(table: dict, key: str, what: str):
    norm = str(key).strip().lower().replace("_", "-").replace(" ", "-")
    if norm in table:
        return table[norm]
    known = ", ".join(table)
    raise ValueError(f"unknown {what} {key!r}; known: {known}")


def shared_resource(key: str) -> SharedResource:
    """The shared resource with identifier ``key`` (e.g. ``"memory"``)."""
    return _lookup(_RESOURCES, key, "shared resource")


# --------------------------------------------------------------------------
# Mitigations and the shared-hardware timeline
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Mitigation:
    """A defence against attacks across tenants on shared hardware.

    Attributes
    ----------
    key : str
        Identifier (``"smt-off"``).
    label : str
        Name shown in tables.
    who : str
        ``"provider"`` or ``"customer"``: who applies it in a public cloud.
    what : str
        What it does and what it costs.
    """

    key: str
    label: str
    who: str
    what: str


MITIGATIONS: dict[str, Mitigation] = {
    "microcode": Mitigation(
        "microcode", "CPU microcode updates", "provider",
        "the CPU vendor's fix, loaded on every host; in a cloud the provider "
        "loads it (on hardware you own, you do)",
    ),
    "hypervisor-patch": Mitigation(
        "hypervisor-patch", "Hypervisor patches", "provider",
        "changes to the hypervisor, for example clearing caches and buffers "
        "when the CPU switches from one VM to another; protects instances "
        "from each other",
    ),
    "guest-patch": Mitigation(
        "guest-patch", "Guest OS and library patches", "customer",
        "updates to the kernel and libraries inside your own instances; "
        "protect processes inside one instance from each other and its "
        "kernel from its processes, and fix leaky code (such as a "
        "cryptographic library) an attacker measures",
    ),
    "smt-off": Mitigation(
        "smt-off", "SMT off or core scheduling", "provider",
        "never let two tenants run on the hardware threads of one core at "
        "the same time, by disabling SMT or by scheduling whole cores per "
        "tenant; costs throughput",
    ),
    "no-dedup": Mitigation(
        "no-dedup", "No memory deduplication across tenants", "provider",
        "never merge identical memory pages of different tenants; costs "
        "memory",
    ),
    "dedicated-hosts": Mitigation(
        "dedicated-hosts", "Dedicated hosts or instances", "customer",
        "run on hardware that no other customer's instances use; the "
        "provider offers it, the customer chooses and pays for it; removes "
        "co-residency with other tenants but not the need to patch",
    ),
}


def mitigation(key: str) -> Mitigation:
    """The mitigation with identifier ``key`` (e.g. ``"smt-off"``)."""
    return _lookup(MITIGATIONS, key, "mitigation")


@dataclass(frozen=True)
class HardwareEvent:
    """A published attack across tenants on shared hardware.

    Attributes
    ----------
    key : str
        Identifier (``"spectre-meltdown"``).
    title : str
        Short name shown in figures.
    year, month : int
        When it was made public (the month is ``None`` when the lesson does
        not rely on it). A CVE identifier carries the year the identifier
        was reserved, which can be earlier: Downfall is CVE-2022-40982 and
        was disclosed in 2023.
    cves : tuple of str
        CVE identifiers (empty for research without one).
    vendor : str
        Affected CPU vendor, or ``""`` if not specific to one.
    kind : str
        ``"co-residency"``, ``"cache side channel"``, ``"Rowhammer"`` or
        ``"transient execution"``.
    shared : tuple of str
        The shared resources (keys of :func:`shared_resources`) it abuses.
    what : str
        What was shown, in one or two sentences.
    mitigations : tuple of str
        Keys of :data:`MITIGATIONS` that answer it.
    provider_action, customer_action : str
        What the provider and the customer had to do.
    source : str
        Where the facts come from.
    """

    key: str
    title: str
    year: int
    month: int | None
    cves: tuple[str, ...]
    vendor: str
    kind: str
    shared: tuple[str, ...]
    what: str
    mitigations: tuple[str, ...]
    provider_action: str
    customer_action: str
    source: str

    @property
    def when(self) -> float:
        """Decimal year (middle of the month) for plotting."""
        month = self.month if self.month else 7
        return self.year + (month - 0.5) / 12


_PATCH_GUESTS = ("patch the guest OS kernels of your instances against "
                 "attacks between processes, and from a process on the "
                 "kernel, inside an instance")

_TIMELINE: tuple[HardwareEvent, ...] = (
    HardwareEvent(
        "ristenpart-2009", "Co-residency on Amazon EC2", 2009, 11, (), "",
        "co-residency", ("hosts", "caches"),
        "Ristenpart, Tromer, Shacham and Savage mapped EC2's placement, "
        "launched instances until one landed on the same physical host as a "
        "chosen target, and showed that co-resident VMs can learn about each "
        "other through shared hardware (cross-VM side channels).",
        ("dedicated-hosts",),
        "make co-residency hard to achieve and hard to detect",
        "put workloads that must not share hardware on dedicated hosts or "
        "instances",
        "Ristenpart et al., 'Hey, You, Get Off of My Cloud', ACM CCS 2009",
    ),
    HardwareEvent(
        "cross-vm-rsa-2015", "Cross-VM RSA key recovery", 2015,
        None, (), "Intel", "cache side channel", ("caches",),
        "Inci et al. detected co-location with a victim instance on EC2 "
        "through the shared last-level cache, then recovered a 2048-bit RSA "
        "key from the victim's cryptographic library by timing that cache "
        "(Prime+Probe).",
        ("guest-patch", "dedicated-hosts"),
        "offer dedicated hosts; the last-level cache is shared by all cores "
        "of a processor, so SMT off does not close this channel",
        "keep cryptographic libraries up to date (the attacked code had a "
        "known leak) and use dedicated hosts for the most sensitive keys",
        "Inci et al., 'Seriously, get off my cloud! Cross-VM RSA Key Recovery "
        "in a Public Cloud', IACR ePrint 2015/898",
    ),
    HardwareEvent(
        "flip-feng-shui", "Flip Feng Shui", 2016,
        8, (), "", "Rowhammer", ("memory",),
        "Razavi et al. used memory deduplication to place a page of a "
        "co-hosted VM (holding a public key) on a DRAM row they could "
        "hammer, then flipped bits in it to break the victim's key checks "
        "(OpenSSH, package signing).",
        ("no-dedup", "dedicated-hosts"),
        "do not deduplicate memory across tenants",
        "use dedicated hosts where a provider's memory sharing is unknown",
        "Razavi et al., 'Flip Feng Shui: Hammering a Needle in the Software "
        "Stack', USENIX Security 2016",
    ),
    HardwareEvent(
        "spectre-meltdown", "Spectre and Meltdown", 2018, 1,
        ("CVE-2017-5753", "CVE-2017-5715", "CVE-2017-5754"),
        "Intel, AMD, Arm", "transient execution", ("caches", "memory"),
        "Speculative execution lets code read memory it is not allowed to "
        "read and leak it through the cache: bounds check bypass "
        "(CVE-2017-5753) and branch target injection (CVE-2017-5715) are "
        "Spectre; rogue data cache load (CVE-2017-5754) is Meltdown.",
        ("microcode", "hypervisor-patch", "guest-patch"),
        "AWS patched its hypervisor, so no instance can read the memory of "
        "another instance or of the hypervisor (instance-to-instance)",
        "AWS still recommended that customers patch their guest operating "
        "systems: inside an instance, Spectre (CVE-2017-5715) is a "
        "process-to-process concern and Meltdown (CVE-2017-5754) a "
        "process-to-kernel one",
        "AWS security bulletin AWS-2018-013; NVD",
    ),
    HardwareEvent(
        "l1tf-vmm", "Foreshadow / L1TF (VMM)", 2018, 8,
        ("CVE-2018-3646",), "Intel", "transient execution", ("caches",),
        "A guest can read data left in the core's L1 data cache by the host "
        "or by another VM, including one running on the sibling hardware "
        "thread of the same core.",
        ("microcode", "hypervisor-patch", "smt-off"),
        "flush the L1 data cache on every switch into a VM, and keep other "
        "tenants off sibling hardware threads (SMT off or core scheduling)",
        "nothing can fix the host from inside a VM; " + _PATCH_GUESTS,
        "NVD CVE-2018-3646",
    ),
    HardwareEvent(
        "zenbleed", "Zenbleed", 2023, 7, ("CVE-2023-20593",), "AMD",
        "transient execution", ("hosts",),
        "On AMD Zen 2 processors, a mispredicted instruction can leave "
        "another process's or VM's register contents readable, across "
        "hardware threads of the same core.",
        ("microcode", "hypervisor-patch"),
        "load AMD's microcode fix on every host (or set the workaround bit "
        "in the hypervisor until it is available)",
        "nothing for cross-VM protection on a cloud host; on hardware you "
        "own, the same fixes are yours",
        "NVD CVE-2023-20593",
    ),
    HardwareEvent(
        "downfall", "Downfall", 2023, 8,
        ("CVE-2022-40982",), "Intel", "transient execution", ("hosts",),
        "On many Intel processors, the gather instruction can expose stale "
        "data from internal vector registers to another user or VM on the "
        "same core.",
        ("microcode", "hypervisor-patch"),
        "load Intel's microcode fix on every host",
        "nothing for cross-VM protection on a cloud host; on hardware you "
        "own, the same fixes are yours",
        "NVD CVE-2022-40982",
    ),
    HardwareEvent(
        "inception", "Inception", 2023,
        8, ("CVE-2023-20569",), "AMD", "transient execution", ("hosts",),
        "On AMD Zen processors, an attacker can train the return-address "
        "prediction so that privileged code speculatively jumps where the "
        "attacker wants, and leak data through the cache.",
        ("microcode", "hypervisor-patch", "guest-patch"),
        "load AMD's microcode fix and the hypervisor mitigation on every "
        "host",
        _PATCH_GUESTS[0].upper() + _PATCH_GUESTS[1:],
        "NVD CVE-2023-20569; Linux kernel documentation (SRSO)",
    ),
)


def hardware_timeline() -> tuple[HardwareEvent, ...]:
    """Published attacks across tenants on shared hardware, oldest first."""
    return _TIMELINE


def hardware_event(key: str) -> HardwareEvent:
    """One event of :func:`hardware_timeline` by key or CVE identifier."""
    norm = str(key).strip().lower()
    for event in _TIMELINE:
        if norm == event.key or norm.upper() in event.cves:
            return event
    known = ", ".join(e.key for e in _TIMELINE)
    raise ValueError(f"unknown event {key!r}; known: {known} (or a CVE id)")


# --------------------------------------------------------------------------
# Noisy neighbours: a queueing model of one shared host
# --------------------------------------------------------------------------

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


def _rate(value, name: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of requests per second, "
                        f"not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be greater than 0, not {value:g}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative ({value:g})")
    return value


def _whole(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, not "
                        f"{type(value).__name__}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def _loads(neighbour_loads) -> list[float]:
    if isinstance(neighbour_loads, numbers.Real) and not isinstance(
            neighbour_loads, bool):
        neighbour_loads = [neighbour_loads]
    if not isinstance(neighbour_loads, Iterable) or isinstance(
            neighbour_loads, str):
        raise TypeError("neighbour_loads must be a number or a sequence of "
                        "numbers (requests per second, one per neighbour)")
    return [_rate(load, f"neighbour_loads[{i}]", positive=False)
            for i, load in enumerate(neighbour_loads)]


def mm1_percentile_ms(capacity, total_load, percentile):
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


def simulate_latency(capacity, victim_load, neighbour_loads=(), seed: int = 0,
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


# --------------------------------------------------------------------------
# Co-residency: the chance an attacker lands on the victim's host
# --------------------------------------------------------------------------

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


def _coresidency_args(fleet_hosts, placement_key, attacker_launches,
                      victim_hosts, slots_per_host):
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


def coresidency_probability(fleet_hosts, placement, attacker_launches,
                            victim_hosts=1, slots_per_host=8) -> float:
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


def launches_for(probability, fleet_hosts, placement, victim_hosts=1,
                 slots_per_host=8) -> int | None:
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


def coresidency_monte_carlo(fleet_hosts, placement, attacker_launches,
                            victim_hosts=1, slots_per_host=8,
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
