"""The isolation ladder, from a plain process to a dedicated host.

:func:`ladder` gives the rungs with what each costs;
:func:`required_strength` and :func:`rank_isolation` are a documented
scoring that ranks them for a workload profile (a teaching aid for the
lesson's widget, not a policy). Sources: NIST SP 800-190 and the gVisor,
Firecracker and Kata Containers documentation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cloudsec.kit.lookup import unknown

__all__ = [
    "SENSITIVITY",
    "STARTUP",
    "STARTUP_LIMITS",
    "STRENGTHS",
    "TENANCY",
    "TRUST",
    "Ranking",
    "Rung",
    "ladder",
    "rank_isolation",
    "required_strength",
    "rung",
]


#: Isolation strength levels (ordinal): what an attacker must get through.
STRENGTHS = {
    1: "OS user accounts only",
    2: "namespaces and cgroups on a shared kernel",
    3: "the same, as an unprivileged host user",
    4: "a user-space kernel in front of the host kernel",
    5: "hardware virtualization (a hypervisor)",
    6: "separate hardware",
}


@dataclass(frozen=True)
class Rung:
    """One rung of the isolation ladder.

    Attributes
    ----------
    key, label : str
        Identifier and display name.
    examples : str
        Technologies on this rung.
    strength : int
        Isolation strength, an ordinal 1-6 (see :data:`STRENGTHS`): the
        kind of boundary between neighbours, not a measurement. Micro-VMs
        and full VMs share level 5: both put a hypervisor between tenants.
    boundary : str
        What separates a workload from its neighbours.
    shares : str
        What the workload still shares with them.
    startup : str
        Typical start-up time, as an order of magnitude.
    startup_s : float
        A representative start-up time in seconds, for plotting.
    startup_class : int
        0 milliseconds, 1 under a second, 2 seconds to minutes, 3 needs
        provisioning ahead.
    overhead : int
        Relative cost per workload (CPU, memory, money), 0 (none) to 5.
    density : str
        How many fit on a host, in words.
    costs : str
        What choosing this rung costs.
    right_when : str
        When it is the right choice.
    """

    key: str
    label: str
    examples: str
    strength: int
    boundary: str
    shares: str
    startup: str
    startup_s: float
    startup_class: int
    overhead: int
    density: str
    costs: str
    right_when: str


_LADDER = (
    Rung("process", "Process", "an ordinary program under its own user "
         "account", 1,
         "user accounts and file permissions", "everything: kernel, file "
         "system, network, process list",
         "milliseconds", 0.002, 0, 0, "as many as the host can run",
         "no isolation beyond the OS user; dependencies clash with the host's",
         "trusted code, one owner, nothing to separate"),
    Rung("container", "Container", "Docker, containerd or CRI-O with runc",
         2, "namespaces, cgroups, capabilities, seccomp and an LSM",
         "the host kernel (one kernel bug can reach every container)",
         "under a second", 0.3, 1, 1, "hundreds per host",
         "a kernel or runtime flaw is an escape; configuration mistakes "
         "(privileged, host mounts) remove the walls",
         "workloads of the same trust, purpose and sensitivity packed "
         "densely, as NIST SP 800-190 advises"),
    Rung("rootless", "Rootless container", "rootless Podman or Docker, "
         "user-namespace remapping", 3,
         "a container whose root maps to an unprivileged host user",
         "the host kernel", "under a second", 0.35, 1, 1,
         "hundreds per host",
         "some networking and storage features are slower or missing; "
         "kernel bugs still reach the host",
         "the container default when code is not fully trusted: an escape "
         "lands as a nobody, not as root"),
    Rung("gvisor", "gVisor (user-space kernel)", "gVisor's runsc runtime",
         4, "an application kernel that answers the workload's system calls "
            "itself, touching the host kernel through a narrow interface",
         "the host kernel, through a much smaller set of calls",
         "under a second", 0.5, 1, 3, "hundreds per host",
         "slower system calls and I/O; some applications are incompatible",
         "untrusted code that must start like a container"),
    Rung("microvm", "Micro-VM", "Firecracker, Kata Containers", 5,
         "a hypervisor and a minimal virtual machine per workload or pod",
         "the hypervisor and the hardware",
         "a fraction of a second", 0.2, 1, 2,
         "hundreds per host; Firecracker's VMM adds at most 5 MiB each",
         "a guest kernel per sandbox to build and patch; fewer devices and "
         "features than a full VM",
         "many tenants' untrusted code with container-like start-up, as "
         "function and container services do"),
    Rung("vm", "Full VM", "KVM/QEMU, Hyper-V, ESXi, Xen guests; cloud "
         "instances", 5,
         "a hypervisor with a full virtual machine and guest OS",
         "the hypervisor and the hardware",
         "seconds to minutes", 30.0, 2, 4, "tens per host",
         "a whole guest OS to run, patch and pay for; slower to start",
         "separate tenants or sensitivity levels; a different OS or its own "
         "kernel; long-lived servers and legacy software"),
    Rung("dedicated", "Dedicated host", "bare metal, dedicated instances "
         "or hosts", 6,
         "physical separation: no other tenant on the hardware",
         "the facility and the network, nothing on the machine",
         "provisioned ahead (minutes to days)", 3600.0, 3, 5,
         "one tenant per machine",
         "capacity paid for even when idle; slow to add",
         "regulated or highly sensitive workloads, licensing tied to "
         "hardware, or when other tenants' side channels are in the threat "
         "model"),
)

#: Profile choices for :func:`rank_isolation`: key -> label.
TRUST = {
    "trusted": "Trusted (our own, reviewed)",
    "third-party": "Third-party (vendor or open source)",
    "untrusted": "Untrusted (uploaded by users)",
}
TENANCY = {
    "single": "Single tenant",
    "internal": "Several internal teams",
    "external": "External customers",
}
SENSITIVITY = {
    "low": "Low",
    "moderate": "Moderate",
    "high": "High",
}
STARTUP = {
    "milliseconds": "Milliseconds (per request)",
    "subsecond": "Under a second",
    "minutes": "Seconds to minutes",
    "ahead": "Provisioned ahead",
}

# The isolation each answer calls for on its own (levels of STRENGTHS).
_TRUST_NEED = {"trusted": 1, "third-party": 3, "untrusted": 4}
_TENANCY_NEED = {"single": 1, "internal": 2, "external": 5}
_SENSITIVITY_NEED = {"low": 1, "moderate": 2, "high": 3}
#: The slowest start-up class (see :attr:`Rung.startup_class`) each
#: :data:`STARTUP` answer accepts.
STARTUP_LIMITS = {"milliseconds": 0, "subsecond": 1, "minutes": 2, "ahead": 3}
_WHY = {
    ("trust", "third-party"): "code you did not write runs here",
    ("trust", "untrusted"): "untrusted code must not touch the host kernel "
                            "directly",
    ("tenancy", "internal"): "several teams share the hosts",
    ("tenancy", "external"): "other customers share the hardware, so a "
                             "hypervisor should separate them",
    ("sensitivity", "moderate"): "the data is moderately sensitive",
    ("sensitivity", "high"): "the data is highly sensitive",
}

#: Score weights (points off 100), documented in :func:`rank_isolation`.
SHORTFALL_PENALTY = 30
EXCESS_PENALTY = 6
SLOW_PENALTY = 15


@dataclass(frozen=True)
class Ranking:
    """One rung's place for a workload profile.

    Attributes
    ----------
    rung : Rung
    rank : int
        1 for the best choice.
    score : int
        100 minus the penalties (can be negative).
    need : int
        The isolation level the profile calls for.
    meets_need : bool
        Whether the rung's strength reaches ``need``.
    fast_enough : bool
        Whether it starts as fast as the profile asks.
    reasons : tuple of str
        Why it scored what it did, in words.
    """

    rung: Rung
    rank: int
    score: int
    need: int
    meets_need: bool
    fast_enough: bool
    reasons: tuple[str, ...]


def ladder() -> tuple[Rung, ...]:
    """The isolation ladder, weakest rung first."""
    return _LADDER


def rung(key: str) -> Rung:
    """One rung by key (``"gvisor"``) or label (``"Micro-VM"``).

    Raises
    ------
    ValueError
        If no rung has that key or label.
    """
    wanted = str(key).strip().lower()
    for item in _LADDER:
        if wanted in (item.key, item.label.lower()):
            return item
    raise unknown("isolation option", key, [r.key for r in _LADDER])


def _choice(name: str, value: str, options: Mapping[str, str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} is a str, not {type(value).__name__}")
    key = value.strip().lower()
    if key not in options:
        raise unknown(name, value, options)
    return key


def required_strength(trust: str, tenancy: str,
                      sensitivity: str) -> tuple[int, tuple[str, ...]]:
    """The isolation level a profile calls for, and why.

    Each answer calls for a level on its own (trusted code 1, third-party
    3, untrusted 4; single tenant 1, internal teams 2, external customers
    5; low sensitivity 1, moderate 2, high 3). The need is the highest of
    the three, plus one (at most 6) when highly sensitive data meets
    untrusted code or external tenants, because then the risks compound.

    Returns
    -------
    tuple
        ``(level, reasons)`` with level in 1..6 (see :data:`STRENGTHS`).
    """
    trust = _choice("trust", trust, TRUST)
    tenancy = _choice("tenancy", tenancy, TENANCY)
    sensitivity = _choice("sensitivity", sensitivity, SENSITIVITY)
    need = max(_TRUST_NEED[trust], _TENANCY_NEED[tenancy],
               _SENSITIVITY_NEED[sensitivity])
    reasons = [_WHY[pair] for pair in (("trust", trust), ("tenancy", tenancy),
                                       ("sensitivity", sensitivity))
               if pair in _WHY]
    if sensitivity == "high" and (trust == "untrusted" or tenancy == "external"):
        need = min(need + 1, max(STRENGTHS))
        reasons.append("sensitive data next to untrusted code or other "
                       "customers compounds the risk")
    if not reasons:
        reasons.append("trusted code, one owner, nothing sensitive")
    return need, tuple(reasons)


def rank_isolation(trust: str, tenancy: str, sensitivity: str,
                   startup: str) -> list[Ranking]:
    """Rank the rungs of the ladder for a workload profile.

    A teaching aid for the lesson's widget, not a policy: it makes the
    trade-off between isolation and cost visible, with reasons. The
    scoring is deliberately simple:

    1. The profile calls for an isolation level, ``need`` (see
       :func:`required_strength`).
    2. Every rung starts at 100 points and loses
       ``SHORTFALL_PENALTY`` (30) per level it falls short of ``need``
       (security comes first), ``EXCESS_PENALTY`` (6) per level above it
       (isolation you pay for but do not need), ``SLOW_PENALTY`` (15) per
       start-up class it is slower than the profile allows, and its
       ``overhead`` (0-5) as a tie-breaker.
    3. Rungs are sorted by score, best first; ties go to the weaker,
       cheaper rung.

    Parameters
    ----------
    trust : str
        Who wrote the code: a key of :data:`TRUST`.
    tenancy : str
        Who else runs on the same hosts: a key of :data:`TENANCY`.
    sensitivity : str
        Sensitivity of the data: a key of :data:`SENSITIVITY`.
    startup : str
        How fast a new instance must start: a key of :data:`STARTUP`.

    Returns
    -------
    list of Ranking
        Every rung, best first.

    Raises
    ------
    ValueError
        If an argument is not one of its allowed keys.
    """
    need, _ = required_strength(trust, tenancy, sensitivity)
    limit = STARTUP_LIMITS[_choice("startup", startup, STARTUP)]
    scored = []
    for order, item in enumerate(_LADDER):
        short = max(0, need - item.strength)
        excess = max(0, item.strength - need)
        slow = max(0, item.startup_class - limit)
        score = (100 - SHORTFALL_PENALTY * short - EXCESS_PENALTY * excess
                 - SLOW_PENALTY * slow - item.overhead)
        reasons = []
        if short:
            reasons.append(f"falls short of the needed isolation by {short} "
                           f"level{'s' if short > 1 else ''}")
        elif excess:
            reasons.append(f"more isolation than needed (+{excess}), paid "
                           "for in overhead")
        else:
            reasons.append("meets the needed isolation exactly")
        if slow:
            reasons.append(f"start-up ({item.startup}) is slower than the "
                           "profile allows; a pool of pre-started instances "
                           "can hide some of it")
        else:
            reasons.append(f"start-up ({item.startup}) is fast enough")
        reasons.append(f"overhead {item.overhead} of 5, {item.density}")
        scored.append((-score, order, item, score, short == 0, slow == 0,
                       tuple(reasons)))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [Ranking(rung=item, rank=i + 1, score=score, need=need,
                    meets_need=meets, fast_enough=fast, reasons=reasons)
            for i, (_, _, item, score, meets, fast, reasons)
            in enumerate(scored)]
