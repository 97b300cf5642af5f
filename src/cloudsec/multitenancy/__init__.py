"""Multi-tenancy: what tenants share, how it goes wrong, and two small models.

Domain data and pure functions for lesson 06, one module per seam. Everything
public is re-exported here, so ``from cloudsec import multitenancy as mt`` is
all a lesson or a figure needs:

* **What tenants share.** The resources a public cloud pools between its
  customers (hosts, CPU caches, memory, storage, network, control planes),
  and the three families of risk that sharing brings: data leakage between
  tenants, noisy neighbours and attacks on shared hardware (side channels).
* **A timeline of shared-hardware attacks**, from the 2009 co-residency study
  on Amazon EC2 to the 2023 CPU flaws, each with its CVE identifiers, what it
  abused and the mitigations that answer it. Both are the catalogue,
  :mod:`cloudsec.multitenancy.catalogue`.
* **A noisy-neighbour model.** :func:`simulate_latency` runs a small queueing
  simulation of one shared host and returns the victim tenant's latency
  percentiles; :func:`mm1_percentile_ms` gives the same percentiles from
  queueing theory (:mod:`cloudsec.multitenancy.queueing`).
* **A co-residency model.** :func:`coresidency_probability` gives the chance
  that an attacker's launches land on a host that runs the victim, for three
  placement policies, in closed form; :func:`coresidency_monte_carlo` checks
  it by simulating the placements (:mod:`cloudsec.multitenancy.coresidency`).

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

from cloudsec.multitenancy.catalogue import (
    MITIGATIONS,
    RISK_FAMILIES,
    HardwareEvent,
    Mitigation,
    RiskFamily,
    SharedResource,
    hardware_event,
    hardware_timeline,
    mitigation,
    risk_families,
    shared_resource,
    shared_resources,
)
from cloudsec.multitenancy.coresidency import (
    PLACEMENTS,
    Placement,
    coresidency_monte_carlo,
    coresidency_probability,
    launches_for,
    placement,
)
from cloudsec.multitenancy.queueing import (
    LatencyResult,
    mm1_percentile_ms,
    simulate_latency,
)

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
