"""What tenants share, the three risk families, and the hardware timeline.

The resources a public cloud pools between its customers, the families of
risk that sharing brings (data leakage, noisy neighbours, side channels),
the mitigations, and published attacks across tenants on shared hardware
from the 2009 co-residency study to the 2023 CPU flaws. Sources:
Ristenpart et al. (ACM CCS 2009); Inci et al. (IACR ePrint 2015/898);
Razavi et al. (USENIX Security 2016); AWS security bulletin AWS-2018-013;
the NVD entries of each CVE.
"""

from __future__ import annotations

from dataclasses import dataclass

from cloudsec.kit.lookup import unknown
from cloudsec.multitenancy._validate import _lookup

__all__ = [
    "MITIGATIONS",
    "RISK_FAMILIES",
    "HardwareEvent",
    "Mitigation",
    "RiskFamily",
    "SharedResource",
    "hardware_event",
    "hardware_timeline",
    "mitigation",
    "risk_families",
    "shared_resource",
    "shared_resources",
]


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
    raise unknown("event", key, [e.key for e in _TIMELINE], "Or a CVE id.")
