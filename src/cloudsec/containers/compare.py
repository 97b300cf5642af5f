"""Containers versus virtual machines, aspect by aspect.

:func:`comparison` gives the seven rows lesson 02 compares (isolation
boundary, kernel, attack surface, start-up time, density, patching
responsibility, typical use). Source: NIST SP 800-190, section 3.5.2.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Aspect",
    "comparison",
]


@dataclass(frozen=True)
class Aspect:
    """One row of the containers-versus-VMs comparison.

    Attributes
    ----------
    key : str
        Identifier (``"kernel"``).
    label : str
        Name of the aspect.
    container : str
        How containers fare.
    vm : str
        How virtual machines fare.
    """

    key: str
    label: str
    container: str
    vm: str


_COMPARISON = (
    Aspect(
        "isolation-boundary", "Isolation boundary",
        "Features of one shared kernel: namespaces limit what a process can "
        "see, cgroups what it can use, capabilities, seccomp and an LSM "
        "(AppArmor or SELinux) what it may do",
        "The hypervisor, backed by the CPU's virtualization extensions: each "
        "VM gets its own virtual hardware and memory"),
    Aspect(
        "kernel", "Kernel",
        "One kernel, the host's, shared by every container on the host; a "
        "container cannot bring its own",
        "Every VM boots its own guest kernel, which may be a different "
        "operating system from the host's"),
    Aspect(
        "attack-surface", "Attack surface towards the host",
        "The host kernel's whole system-call interface (300+ calls, minus "
        "what seccomp blocks), plus the container runtime and its API",
        "The hypervisor's interface and its virtual devices (network, disk, "
        "USB, display): narrower, though not free of bugs"),
    Aspect(
        "start-up", "Start-up time",
        "Milliseconds to about a second: starting a container starts a "
        "process",
        "Seconds to minutes: a guest operating system has to boot "
        "(micro-VMs cut this to a fraction of a second)"),
    Aspect(
        "density", "Density",
        "High: no guest OS per workload, so memory and CPU go to the "
        "application and many containers fit on one host",
        "Lower: every VM carries a whole guest OS in memory and on disk"),
    Aspect(
        "patching", "Patching responsibility",
        "Split in two: the image (base packages, libraries, application) is "
        "fixed by rebuilding and redeploying it, by whoever owns the image; "
        "the shared host kernel and the runtime are patched by whoever runs "
        "the hosts (on a managed service, the provider)",
        "The guest OS inside each VM is patched by the VM's owner (the "
        "customer in IaaS); the hypervisor and host by their operator (the "
        "provider in a cloud)"),
    Aspect(
        "typical-use", "Typical use",
        "Microservices, CI jobs and batch work; scaling one application "
        "quickly; workloads of the same trust, purpose and sensitivity on "
        "one host",
        "Separating tenants, sensitivity levels or operating systems; "
        "workloads that need their own kernel or a full OS; legacy "
        "applications"),
)


def comparison() -> tuple[Aspect, ...]:
    """The containers-versus-VMs comparison, one :class:`Aspect` per row.

    Returns
    -------
    tuple of Aspect
        Isolation boundary, kernel, attack surface, start-up time, density,
        patching responsibility and typical use, in that order.
    """
    return _COMPARISON
