"""Hypervisors: layer stacks, real VM escapes and a sample datacenter.

Three kinds of domain data for lesson 01, each with the pure functions that
read it:

* **Architectures.** The layer stack of a Type 1 (bare metal) and a Type 2
  (hosted) hypervisor from the hardware up to the guests, with the attack
  surface of each layer and who can reach it (code in a guest, the network,
  users of the host). Three real designs are kept as extra architectures
  because they are often misread: Xen (a privileged domain, dom0, does the
  device work), Hyper-V (Windows runs in the root partition *on top of* the
  hypervisor, so Hyper-V is not Type 2) and KVM (the Linux kernel becomes the
  hypervisor; usually called Type 1, but its classification is debated).
* **VM escapes.** Real guest-to-host escapes from 2009 to 2025, each with the
  component it abused, how, and the defence that would have limited it.
* **A sample datacenter.** Two clusters, six hosts, two management consoles
  and sixteen VMs of six tenants with data classifications, read from the
  packaged ``data/datacenter.yaml``. :func:`blast_radius` says what a
  compromise of one of its hosts or consoles exposes.

Sources: NIST SP 800-125 and SP 800-125A Rev. 1 (the hypervisor mediates
access to hardware, isolates VMs at run time and provides virtual networks),
the NVD entries and vendor advisories of each CVE, Microsoft's Hyper-V
architecture documentation, Red Hat's description of KVM, and CISA's Known
Exploited Vulnerabilities catalog.

Nothing here classifies products by name or matches advisories to versions:
those are skills the assignment asks for, not services of the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from cloudsec.kit.lookup import find, unknown

__all__ = [
    "CLASSIFICATIONS",
    "REACHES",
    "Architecture",
    "BlastRadius",
    "Console",
    "Datacenter",
    "Escape",
    "Host",
    "Layer",
    "VM",
    "architecture",
    "architectures",
    "blast_radius",
    "consoles",
    "escape",
    "escapes",
    "hosts",
    "sample_datacenter",
    "targets",
]

REACHES = ("guests", "network", "host users")
"""Who can reach an attack surface: code running in a guest VM, anyone who
can send packets to the host's management services, or the people and
programs using a host operating system."""

CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
"""Data classification levels of the sample datacenter, lowest first."""


# --------------------------------------------------------------------------
# Architectures
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Layer:
    """One layer of a hypervisor architecture.

    Attributes
    ----------
    key : str
        Identifier, unique within its architecture (``"device-emulation"``).
    label : str
        Name shown in figures and readouts.
    role : str
        What the layer does.
    surface : str
        Its attack surface in one phrase; empty if the lesson treats it as
        having none (the hardware, the guests themselves).
    reachable_from : tuple of str
        Who can reach that surface, a subset of :data:`REACHES`.
    row : int
        Height in the stack, 0 for the hardware.
    span : tuple of float
        Horizontal extent ``(start, end)`` in the stack diagram, within
        0..1; layers that sit side by side on one row have disjoint spans.
    """

    key: str
    label: str
    role: str
    surface: str
    reachable_from: tuple[str, ...]
    row: int
    span: tuple[float, float] = (0.0, 1.0)

    @property
    def is_attack_surface(self) -> bool:
        """Whether the lesson counts this layer as attack surface."""
        return bool(self.surface)


@dataclass(frozen=True)
class Architecture:
    """A hypervisor design and its layer stack.

    Attributes
    ----------
    key : str
        Identifier (``"type1"``, ``"type2"``, ``"xen"``, ``"hyper-v"``,
        ``"kvm"``).
    label : str
        Name shown in figures and controls.
    hypervisor_type : str
        ``"Type 1"`` or ``"Type 2"``, as the course teaches it.
    runs_on : str
        Where the hypervisor runs.
    debated : bool
        True if sources disagree on the type.
    note : str
        Why the classification is debated or often misread ("" if neither).
    layers : tuple of Layer
        From the hardware (row 0) up to the guests.
    largest_surface : str
        Key of the layer with the largest attack surface.
    largest_reason : str
        Why that layer is the largest.
    """

    key: str
    label: str
    hypervisor_type: str
    runs_on: str
    debated: bool
    note: str
    layers: tuple[Layer, ...]
    largest_surface: str
    largest_reason: str

    def layer(self, key: str) -> Layer:
        """The layer with identifier ``key``."""
        for lay in self.layers:
            if lay.key == key:
                return lay
        known = ", ".join(lay.key for lay in self.layers)
        raise ValueError(f"{self.label} has no layer {key!r}; its layers are: "
                         f"{known}")

    def attack_surface(self) -> tuple[Layer, ...]:
        """The layers that are attack surface, bottom to top."""
        return tuple(lay for lay in self.layers if lay.is_attack_surface)


_G, _N, _H = REACHES
_SIDE = (0.0, 0.36)    # a layer beside the guests (dom0, root partition...)
_MAIN = (0.38, 1.0)    # the layer under or holding the guests

_HARDWARE = Layer(
    "hardware", "Hardware",
    "CPUs with virtualization extensions, memory, disks, network cards",
    "", (), 0)


def _guests(row: int, span: tuple[float, float] = _MAIN,
            label: str = "Guest VMs") -> Layer:
    return Layer("guests", label,
                 "each VM runs its own guest OS and applications; treat the "
                 "code inside as untrusted", "", (), row, span)


_ARCHITECTURES: dict[str, Architecture] = {
    "type1": Architecture(
        key="type1",
        label="Type 1 (bare metal)",
        hypervisor_type="Type 1",
        runs_on="directly on the hardware, with no general-purpose OS under it",
        debated=False,
        note="",
        layers=(
            _HARDWARE,
            Layer("hypervisor", "Thin hypervisor",
                  "schedules virtual CPUs, partitions memory, mediates every "
                  "access to the hardware",
                  "small: the interface a guest uses to talk to the "
                  "hypervisor (traps, hypercalls)", (_G,), 1),
            Layer("management", "Management interfaces and agents",
                  "web UI, API, SSH and the agents a central console uses",
                  "network services that can start, stop, copy and "
                  "reconfigure every VM", (_N,), 2, _SIDE),
            Layer("device-emulation", "Device emulation, one process per VM",
                  "virtual disks, NICs, USB and display (the VMX process on "
                  "VMware ESXi)",
                  "every emulated device parses input written by the guest",
                  (_G,), 2, _MAIN),
            _guests(3),
        ),
        largest_surface="management",
        largest_reason="the hypervisor itself is small; the services that let "
                       "administrators and tools manage it are the largest "
                       "body of code reachable from outside, and they "
                       "control every VM",
    ),
    "type2": Architecture(
        key="type2",
        label="Type 2 (hosted)",
        hypervisor_type="Type 2",
        runs_on="as an application on a general-purpose host operating system",
        debated=False,
        note="",
        layers=(
            _HARDWARE,
            Layer("host-os", "Host operating system",
                  "a full desktop or server OS (Windows, macOS, Linux) with "
                  "its drivers and services",
                  "a general-purpose OS: every flaw in it or its drivers is "
                  "below the hypervisor", (_H, _N), 1),
            Layer("host-apps", "Other host applications",
                  "browser, e-mail, office tools of the person using the host",
                  "phishing or a malicious download on the host reaches the "
                  "VMs' files and memory", (_H, _N), 2, _SIDE),
            Layer("hypervisor-app", "Hypervisor running as an application",
                  "a user process plus kernel drivers; emulates the devices "
                  "of every VM",
                  "device emulation, shared folders, clipboard and drag and "
                  "drop face the guests", (_G,), 2, _MAIN),
            _guests(3),
        ),
        largest_surface="host-os",
        largest_reason="everything the hypervisor does rests on a "
                       "general-purpose OS, with its applications and users; "
                       "whoever controls the host controls the VMs",
    ),
    "xen": Architecture(
        key="xen",
        label="Xen (dom0 model)",
        hypervisor_type="Type 1",
        runs_on="directly on the hardware; a privileged VM (dom0) does the "
                "device and management work",
        debated=False,
        note="Xen is Type 1, but a full Linux OS runs next to the guests in "
             "dom0 with the power to manage all of them; its security rests "
             "on dom0 as much as on the hypervisor.",
        layers=(
            _HARDWARE,
            Layer("hypervisor", "Xen hypervisor",
                  "schedules CPUs and memory for every domain",
                  "hypercalls, including the paravirtualized (PV) memory "
                  "management that XSA-148 abused", (_G,), 1),
            Layer("dom0", "dom0 (privileged domain)",
                  "a Linux VM with the real device drivers, the device "
                  "back-ends, QEMU and the management toolstack",
                  "a full OS: device back-ends and QEMU face the guests, the "
                  "toolstack faces the network", (_G, _N), 2, _SIDE),
            _guests(2, label="domU guests"),
        ),
        largest_surface="dom0",
        largest_reason="a complete Linux system with device drivers, "
                       "emulation and management tools; compromising it "
                       "gives control of every guest",
    ),
    "hyper-v": Architecture(
        key="hyper-v",
        label="Hyper-V (root partition)",
        hypervisor_type="Type 1",
        runs_on="directly on the hardware; Windows runs above it in the root "
                "(parent) partition",
        debated=False,
        note="Often misread as Type 2 because you install it from Windows. "
             "Once enabled, the hypervisor boots first and Windows runs on top "
             "of it in the root partition, beside the guests' child "
             "partitions: Hyper-V is Type 1, not Type 2.",
        layers=(
            _HARDWARE,
            Layer("hypervisor", "Hyper-V hypervisor",
                  "runs directly on the hardware and isolates the partitions",
                  "hypercalls and intercepts from every partition",
                  (_G,), 1),
            Layer("root-partition", "Root partition (Windows)",
                  "Windows with the device drivers, the virtualization stack, "
                  "one worker process per VM for emulation, and management",
                  "a full Windows: VM worker processes and virtual device "
                  "providers face the guests, management faces the network",
                  (_G, _N), 2, _SIDE),
            _guests(2, label="Child partitions (guest VMs)"),
        ),
        largest_surface="root-partition",
        largest_reason="a full Windows installation with drivers, the "
                       "virtualization stack and remote management; it has "
                       "privileged access to the hardware and every child "
                       "partition",
    ),
    "kvm": Architecture(
        key="kvm",
        label="KVM (Linux as hypervisor)",
        hypervisor_type="Type 1",
        runs_on="inside the Linux kernel (KVM module), directly on the "
                "hardware",
        debated=True,
        note="Red Hat calls KVM Type 1: the KVM module turns the Linux kernel "
             "into a bare-metal hypervisor. Others call it hosted (Type 2) "
             "because a full general-purpose OS is present. The labels matter "
             "less than the fact that the whole kernel is now hypervisor "
             "code.",
        layers=(
            _HARDWARE,
            Layer("kernel", "Linux kernel with KVM (the hypervisor)",
                  "a general-purpose kernel: KVM virtualizes CPU and memory, "
                  "the rest of the kernel schedules VMs as processes",
                  "the whole kernel runs with the hypervisor's privilege: "
                  "drivers, file systems, network stack", (_G, _N), 1),
            Layer("host-services", "Host user space and management",
                  "libvirt, SSH, monitoring agents, other host services",
                  "network services that manage every VM", (_N,), 2, _SIDE),
            Layer("qemu", "QEMU, one process per VM",
                  "emulates the devices of one VM (disk, NIC, USB, floppy...)",
                  "emulated devices parse guest input (VENOM was in QEMU's "
                  "floppy controller)", (_G,), 2, _MAIN),
            _guests(3),
        ),
        largest_surface="kernel",
        largest_reason="a full general-purpose kernel is the hypervisor, so "
                       "every kernel flaw is a hypervisor flaw, and the host "
                       "services on top add more",
    ),
}

_ARCH_ALIASES = {
    "type 1": "type1", "type-1": "type1", "bare metal": "type1",
    "bare-metal": "type1",
    "type 2": "type2", "type-2": "type2", "hosted": "type2",
    "hyperv": "hyper-v", "hyper v": "hyper-v",
}


def architectures() -> tuple[str, ...]:
    """Keys of the architectures: Type 1, Type 2, then the real designs."""
    return tuple(_ARCHITECTURES)


def architecture(key: str) -> Architecture:
    """The architecture with identifier ``key`` (case-insensitive).

    Parameters
    ----------
    key : str
        One of :func:`architectures`, its label, or ``"Type 1"``,
        ``"bare metal"``, ``"Type 2"``, ``"hosted"``.

    Raises
    ------
    ValueError
        For any other name, listing the valid keys.

    Examples
    --------
    >>> from cloudsec.hypervisors import architecture
    >>> architecture("hyper-v").hypervisor_type
    'Type 1'
    >>> architecture("kvm").debated
    True
    """
    if not isinstance(key, str):
        raise TypeError(f"architecture must be a string, got {type(key).__name__}")
    name = key.strip().lower()
    name = _ARCH_ALIASES.get(name, name)
    if name in _ARCHITECTURES:
        return _ARCHITECTURES[name]
    for arch in _ARCHITECTURES.values():
        if name == arch.label.lower():
            return arch
    raise unknown("architecture", key, _ARCHITECTURES)


# --------------------------------------------------------------------------
# VM escapes
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Escape:
    """A real guest-to-host escape (or its enabling flaw).

    Attributes
    ----------
    cve : str
        CVE identifier.
    year : int
        Year it was disclosed and fixed.
    name : str
        Its common name or advisory id ("" if none is used by the course).
    products : tuple of str
        Products affected, without version ranges.
    family : str
        The code base it lives in, used as the timeline's lane.
    flaw : str
        The kind of bug, in a few words ("use-after-free").
    component : str
        The part of the hypervisor that was abused.
    mechanism : str
        What went wrong and what it gave the attacker.
    defence : str
        What would have limited it, besides the patch.
    exploited_in_wild : bool
        Whether it is known to have been used in real attacks.
    note : str
        Anything a reader should know about the record itself.
    advisory : str
        The address of the vendor's or finder's own advisory ("" if none).
    """

    cve: str
    year: int
    name: str
    products: tuple[str, ...]
    family: str
    flaw: str
    component: str
    mechanism: str
    defence: str
    exploited_in_wild: bool = False
    note: str = ""
    advisory: str = ""

    @property
    def title(self) -> str:
        """The CVE id with its name, e.g. ``"CVE-2015-3456 (VENOM)"``."""
        return f"{self.cve} ({self.name})" if self.name else self.cve


_ESCAPES = (
    Escape(
        cve="CVE-2009-1244", year=2009, name="Cloudburst",
        products=("VMware ESX", "VMware ESXi", "VMware Workstation",
                  "VMware Player", "VMware Fusion", "VMware Server",
                  "VMware ACE"),
        family="VMware",
        flaw="flaw in the display function",
        component="virtual display device (VMware SVGA II)",
        mechanism="a flaw in the emulated SVGA II display device let code in "
                  "a guest run on the host",
        defence="prompt patching; expose to guests only the virtual devices "
                "and features they need",
        note="Found by Kostya Kortchinsky (Immunity), presented at Black Hat "
             "USA 2009; VMware advisory VMSA-2009-0006 (on ESX and ESXi, the "
             "3.5 line).",
        advisory="https://www.vmware.com/security/advisories/"
                 "VMSA-2009-0006.html",
    ),
    Escape(
        cve="CVE-2015-3456", year=2015, name="VENOM",
        products=("QEMU", "Xen", "KVM", "Oracle VirtualBox"),
        family="QEMU device model",
        flaw="buffer overflow",
        component="virtual floppy disk controller",
        mechanism="buffer overflow in the emulated floppy controller, present "
                  "in a VM even when no floppy drive was configured, and on Xen "
                  "and QEMU active even when the drive was disabled; guest code "
                  "could run on the host",
        defence="patch the device model and confine it (an unprivileged QEMU "
                "under SELinux sVirt, seccomp, Xen stub domains) so an escape "
                "lands in a sandbox; configuration could not remove this "
                "controller",
        advisory="https://venom.crowdstrike.com/",
    ),
    Escape(
        cve="CVE-2015-7835", year=2015, name="XSA-148",
        products=("Xen",),
        family="Xen",
        flaw="unvalidated page-table entry",
        component="paravirtualized (PV) page tables",
        mechanism="the hypervisor did not fully validate a level-2 page-table "
                  "entry from a PV guest, letting that guest gain control of "
                  "the host",
        defence="the flaw was reachable only from PV guests: run untrusted "
                "tenants as hardware-assisted (HVM) guests, and patch",
        advisory="https://xenbits.xen.org/xsa/advisory-148.html",
    ),
    Escape(
        cve="CVE-2018-2698", year=2018, name="",
        products=("Oracle VirtualBox",),
        family="VirtualBox",
        flaw="out-of-bounds read/write",
        component="shared video memory (HGSMI)",
        mechanism="out-of-bounds read and write in the shared video memory "
                  "handling let a guest read and write host process memory",
        defence="patch hosted hypervisors like any desktop application; do "
                "not run untrusted VMs on workstations holding sensitive data",
        advisory="https://www.oracle.com/security-alerts/cpujan2018.html",
    ),
    Escape(
        cve="CVE-2020-4004", year=2020, name="",
        products=("VMware ESXi", "VMware Workstation", "VMware Fusion"),
        family="VMware",
        flaw="use-after-free",
        component="virtual XHCI USB controller",
        mechanism="use-after-free in the emulated USB controller; an "
                  "administrator of a guest could run code as the VM's VMX "
                  "process on the host",
        defence="remove the USB controller from VMs that do not need it "
                "(the vendor's own workaround)",
        advisory="https://www.vmware.com/security/advisories/VMSA-2020-0026.ht"
                 "ml",
    ),
    Escape(
        cve="CVE-2024-22252", year=2024, name="",
        products=("VMware ESXi", "VMware Workstation", "VMware Fusion"),
        family="VMware",
        flaw="use-after-free",
        component="virtual XHCI USB controller",
        mechanism="use-after-free in the emulated USB controller (CVSS 9.3); "
                  "on ESXi the code stays inside the VMX sandbox, on "
                  "Workstation and Fusion it can reach the host",
        defence="remove USB controllers from VMs that do not need them; run "
                "device emulation in a sandbox, as ESXi does",
        advisory="https://www.vmware.com/security/advisories/VMSA-2024-0006.ht"
                 "ml",
    ),
    Escape(
        cve="CVE-2025-22224", year=2025, name="",
        products=("VMware ESXi", "VMware Workstation"),
        family="VMware",
        flaw="TOCTOU heap overflow",
        component="VMCI (VM-host communication)",
        mechanism="time-of-check/time-of-use flaw leading to an out-of-bounds "
                  "heap write (CVSS 9.3); an administrator of a guest could run "
                  "code as the VMX process on the host",
        defence="patch within days, not months: it was exploited in the wild "
                "(in CISA's KEV catalog on 2025-03-04); limit who is an "
                "administrator inside VMs",
        exploited_in_wild=True,
        advisory="https://support.broadcom.com/web/ecx/support-content-notific"
                 "ation/-/external/content/SecurityAdvisories/0/25390",
    ),
)


def escapes() -> tuple[Escape, ...]:
    """The VM escapes of the lesson, oldest first."""
    return _ESCAPES


def escape(cve: str) -> Escape:
    """The escape with CVE id ``cve`` (or its name, e.g. ``"VENOM"``).

    Raises
    ------
    ValueError
        If it is not one of :func:`escapes`.
    """
    return find("escape", cve, _ESCAPES, lambda e: (e.cve, e.name))


# --------------------------------------------------------------------------
# The sample datacenter
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class VM:
    """A virtual machine of the sample datacenter."""

    name: str
    host: str
    tenant: str
    owner: str
    classification: str
    role: str


@dataclass(frozen=True)
class Host:
    """A hypervisor host: its cluster and the console that manages it."""

    name: str
    cluster: str
    console: str


@dataclass(frozen=True)
class Console:
    """A management console and the hosts it manages."""

    name: str
    description: str
    manages: tuple[str, ...]


@dataclass(frozen=True)
class Datacenter:
    """The sample datacenter: clusters, hosts, consoles and VMs.

    Attributes
    ----------
    clusters : tuple of (str, tuple of str)
        Each cluster's name and its hosts, in order.
    hosts : tuple of Host
    consoles : tuple of Console
    vms : tuple of VM
        Grouped by host, in host order.
    """

    clusters: tuple[tuple[str, tuple[str, ...]], ...]
    hosts: tuple[Host, ...]
    consoles: tuple[Console, ...]
    vms: tuple[VM, ...]

    def vms_on(self, host: str) -> tuple[VM, ...]:
        """The VMs running on ``host``."""
        return tuple(vm for vm in self.vms if vm.host == host)


def _parse_datacenter(raw: dict) -> Datacenter:
    """Build and validate a :class:`Datacenter` from its YAML mapping."""
    clusters = tuple((c["name"], tuple(c["hosts"])) for c in raw["clusters"])
    cluster_of = {}
    for cname, members in clusters:
        for host in members:
            if host in cluster_of:
                raise ValueError(f"host {host!r} is in two clusters")
            cluster_of[host] = cname
    consoles = tuple(Console(c["name"], c.get("description", ""),
                             tuple(c["manages"])) for c in raw["consoles"])
    console_of = {}
    for console in consoles:
        for host in console.manages:
            if host not in cluster_of:
                raise ValueError(f"console {console.name!r} manages unknown "
                                 f"host {host!r}")
            if host in console_of:
                raise ValueError(f"host {host!r} has two consoles")
            console_of[host] = console.name
    hosts = tuple(Host(h, cluster_of[h], console_of.get(h, ""))
                  for _, members in clusters for h in members)
    vms = tuple(VM(v["name"], v["host"], v["tenant"], v["owner"],
                   v["classification"], v.get("role", ""))
                for v in raw["vms"])
    names = [vm.name for vm in vms]
    if len(set(names)) != len(names):
        raise ValueError("VM names must be unique")
    for vm in vms:
        if vm.host not in cluster_of:
            raise ValueError(f"VM {vm.name!r} runs on unknown host {vm.host!r}")
        if vm.classification not in CLASSIFICATIONS:
            raise ValueError(f"VM {vm.name!r} has classification "
                             f"{vm.classification!r}; expected one of: "
                             f"{', '.join(CLASSIFICATIONS)}")
    order = {h.name: i for i, h in enumerate(hosts)}
    vms = tuple(sorted(vms, key=lambda vm: order[vm.host]))
    return Datacenter(clusters, hosts, consoles, vms)


@cache
def sample_datacenter() -> Datacenter:
    """The course's sample datacenter (read once from the package data)."""
    text = (resources.files("cloudsec") / "data" / "datacenter.yaml").read_text(
        encoding="utf-8")
    return _parse_datacenter(yaml.safe_load(text))


def hosts() -> tuple[str, ...]:
    """Names of the sample datacenter's hosts, cluster by cluster."""
    return tuple(h.name for h in sample_datacenter().hosts)


def consoles() -> tuple[str, ...]:
    """Names of the sample datacenter's management consoles."""
    return tuple(c.name for c in sample_datacenter().consoles)


def targets() -> tuple[str, ...]:
    """Everything :func:`blast_radius` accepts: hosts, then consoles."""
    return hosts() + consoles()


@dataclass(frozen=True)
class BlastRadius:
    """What a compromise of one host or console of the sample datacenter exposes.

    Attributes
    ----------
    target : str
        The compromised host or console.
    kind : str
        ``"host"`` or ``"console"``.
    hosts : tuple of str
        Hosts under the attacker's control.
    vms : tuple of VM
        VMs on those hosts.
    tenants : tuple of str
        Tenants owning those VMs, sorted.
    counts : tuple of int
        Exposed VMs per classification, in :data:`CLASSIFICATIONS` order.
    """

    target: str
    kind: str
    hosts: tuple[str, ...]
    vms: tuple[VM, ...]
    tenants: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def by_classification(self) -> dict[str, int]:
        """Exposed VMs per classification, every level present, lowest first."""
        return dict(zip(CLASSIFICATIONS, self.counts, strict=True))

    @property
    def highest(self) -> str | None:
        """The highest classification exposed, or ``None`` if no VM is."""
        present = [c for c, n in zip(CLASSIFICATIONS, self.counts, strict=True)
                   if n]
        return present[-1] if present else None


def blast_radius(target: str) -> BlastRadius:
    """What compromising one host or console of the sample datacenter exposes.

    A host exposes the VMs running on it. A management console can start,
    stop, snapshot, copy and reconfigure every VM on every host it manages,
    so it exposes all of them.

    Parameters
    ----------
    target : str
        A host name from :func:`hosts` or a console name from
        :func:`consoles` (case-insensitive).

    Returns
    -------
    BlastRadius

    Raises
    ------
    ValueError
        If ``target`` is not a host or console of the sample datacenter; the
        message lists the valid names.

    Examples
    --------
    >>> from cloudsec.hypervisors import blast_radius
    >>> blast_radius("esx-05").counts
    (0, 2, 0, 0)
    """
    if not isinstance(target, str):
        raise TypeError(f"target must be a host or console name (a string), "
                        f"got {type(target).__name__}")
    dc = sample_datacenter()
    name = target.strip().lower()
    by_console = {c.name: c for c in dc.consoles}
    if name in {h.name for h in dc.hosts}:
        kind, exposed = "host", (name,)
    elif name in by_console:
        kind, exposed = "console", by_console[name].manages
    else:
        raise unknown("target", target, [*hosts(), *consoles()],
                      "A target is a host or a management console.")
    vms = tuple(vm for vm in dc.vms if vm.host in exposed)
    counts = tuple(sum(vm.classification == c for vm in vms)
                   for c in CLASSIFICATIONS)
    tenants = tuple(sorted({vm.tenant for vm in vms}))
    return BlastRadius(name, kind, tuple(exposed), vms, tenants, counts)
