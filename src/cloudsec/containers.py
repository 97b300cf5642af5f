"""Containers and virtual machines: isolation, escapes and the ladder between.

Domain data and pure functions for lesson 02:

* **The comparison** of containers and virtual machines on seven aspects
  (isolation boundary, kernel, attack surface, start-up time, density,
  patching responsibility, typical use): :func:`comparison`.
* **Your own process.** :func:`inspect_process` reads what the kernel says
  about a process (namespaces, capabilities, seccomp, no_new_privs, cgroup,
  user ids, LSM label) from ``/proc`` and explains each item. It never
  raises because ``/proc`` is missing or odd: on macOS, or in a sandbox that
  hides it, it says what it could not read.
* **Container escapes.** Five real escapes from 2019 to 2024, each with the
  component it abused, how, and the control that would have stopped or
  limited it: :func:`escapes`, :func:`escape`.
* **The isolation ladder** from a plain process to a dedicated host, with
  what each rung costs, and :func:`rank_isolation`, a documented scoring
  that ranks the rungs for a workload profile (a teaching aid for the
  lesson's widget, not a policy).
* **Container settings** such as ``--privileged`` or a mounted Docker
  socket, and :func:`removed_boundaries`, which says which isolation
  mechanism (namespaces, capabilities, seccomp, LSM, devices, user,
  filesystem) each one weakens or removes.

Sources: NIST SP 800-190 (containers are OS virtualization plus packaging;
the shared kernel makes their isolation weaker than a hypervisor's,
section 3.5.2), the NVD entries and advisories of each CVE, the Docker
documentation (runtime privileges, default capabilities, default seccomp
profile), the Linux man pages (capabilities(7), namespaces(7), proc(5),
seccomp(2)), and the gVisor, Firecracker and Kata Containers documentation.

Nothing here reads Compose files or Kubernetes manifests, audits a
specification, assigns Pod Security Standards levels or orders workloads
by risk: those are skills the assignment asks for, not services of the
package. :func:`removed_boundaries` works only on its own small dictionary
of settings.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BOUNDARIES",
    "CAPABILITIES",
    "EFFECTS",
    "SENSITIVITY",
    "SETTINGS",
    "STARTUP",
    "STARTUP_LIMITS",
    "STRENGTHS",
    "TENANCY",
    "TRUST",
    "Aspect",
    "Effect",
    "Escape",
    "Ranking",
    "Removal",
    "Rung",
    "Setting",
    "boundary_label",
    "boundary_status",
    "comparison",
    "decode_capabilities",
    "escape",
    "escapes",
    "explain_settings",
    "format_process",
    "inspect_process",
    "ladder",
    "normalize_settings",
    "rank_isolation",
    "removed_boundaries",
    "required_strength",
    "rung",
    "setting",
]


# --------------------------------------------------------------------------
# Containers versus virtual machines
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Looking at your own process
# --------------------------------------------------------------------------

#: Linux capability numbers and names (linux/capability.h, capabilities(7)).
CAPABILITIES: dict[int, str] = {
    0: "CAP_CHOWN",
    1: "CAP_DAC_OVERRIDE",
    2: "CAP_DAC_READ_SEARCH",
    3: "CAP_FOWNER",
    4: "CAP_FSETID",
    5: "CAP_KILL",
    6: "CAP_SETGID",
    7: "CAP_SETUID",
    8: "CAP_SETPCAP",
    9: "CAP_LINUX_IMMUTABLE",
    10: "CAP_NET_BIND_SERVICE",
    11: "CAP_NET_BROADCAST",
    12: "CAP_NET_ADMIN",
    13: "CAP_NET_RAW",
    14: "CAP_IPC_LOCK",
    15: "CAP_IPC_OWNER",
    16: "CAP_SYS_MODULE",
    17: "CAP_SYS_RAWIO",
    18: "CAP_SYS_CHROOT",
    19: "CAP_SYS_PTRACE",
    20: "CAP_SYS_PACCT",
    21: "CAP_SYS_ADMIN",
    22: "CAP_SYS_BOOT",
    23: "CAP_SYS_NICE",
    24: "CAP_SYS_RESOURCE",
    25: "CAP_SYS_TIME",
    26: "CAP_SYS_TTY_CONFIG",
    27: "CAP_MKNOD",
    28: "CAP_LEASE",
    29: "CAP_AUDIT_WRITE",
    30: "CAP_AUDIT_CONTROL",
    31: "CAP_SETFCAP",
    32: "CAP_MAC_OVERRIDE",
    33: "CAP_MAC_ADMIN",
    34: "CAP_SYSLOG",
    35: "CAP_WAKE_ALARM",
    36: "CAP_BLOCK_SUSPEND",
    37: "CAP_AUDIT_READ",
    38: "CAP_PERFMON",
    39: "CAP_BPF",
    40: "CAP_CHECKPOINT_RESTORE",
}

# Capabilities that, held by a process in a container, give it a way around
# the container's walls (named in the explanations, not used to judge).
_POWERFUL = ("CAP_SYS_ADMIN", "CAP_SYS_MODULE", "CAP_SYS_PTRACE",
             "CAP_SYS_RAWIO", "CAP_DAC_READ_SEARCH", "CAP_NET_ADMIN",
             "CAP_BPF")

# The kernel gives the initial namespaces fixed inode numbers
# (include/linux/proc_ns.h); mount and network namespaces get dynamic ones.
_INITIAL_NS = {
    "ipc": 0xEFFFFFFF,
    "uts": 0xEFFFFFFE,
    "user": 0xEFFFFFFD,
    "pid": 0xEFFFFFFC,
    "cgroup": 0xEFFFFFFB,
    "time": 0xEFFFFFFA,
}

_NS_MEANING = {
    "cgroup": "cgroup root",
    "ipc": "shared memory and message queues",
    "mnt": "mounts",
    "net": "network",
    "pid": "processes",
    "time": "clocks",
    "user": "user ids and capabilities",
    "uts": "host name",
}

_RUNTIME_HINTS = ("docker", "kubepods", "containerd", "crio", "cri-o",
                  "libpod", "podman", "lxc", "garden", "actions_job")

_SECCOMP_MODES = {
    0: "disabled: every system call of the kernel is available",
    1: "strict: only read, write, _exit and sigreturn are allowed",
    2: "filter: a seccomp-BPF filter decides which system calls are allowed",
}


def decode_capabilities(mask: int | str) -> tuple[str, ...]:
    """The capability names set in a capability mask.

    Parameters
    ----------
    mask : int or str
        The mask as an integer or as the hexadecimal text of a ``Cap*`` line
        of ``/proc/<pid>/status`` (``"00000000a80425fb"``; ``0x`` allowed).

    Returns
    -------
    tuple of str
        Names in capability-number order; a bit with no known name becomes
        ``"CAP_<number>"``.

    Raises
    ------
    TypeError
        If ``mask`` is neither an int nor a str.
    ValueError
        If ``mask`` is negative or not hexadecimal.

    Examples
    --------
    >>> decode_capabilities("0000000000003000")
    ('CAP_NET_ADMIN', 'CAP_NET_RAW')
    """
    if isinstance(mask, bool) or not isinstance(mask, int | str):
        raise TypeError(f"a capability mask is an int or a hex string, not "
                        f"{type(mask).__name__}")
    if isinstance(mask, str):
        text = mask.strip().lower().removeprefix("0x")
        try:
            value = int(text, 16)
        except ValueError:
            raise ValueError(f"not a hexadecimal capability mask: {mask!r}") \
                from None
    else:
        value = mask
    if value < 0:
        raise ValueError(f"a capability mask cannot be negative: {mask}")
    names, bit = [], 0
    while value >> bit:
        if value >> bit & 1:
            names.append(CAPABILITIES.get(bit, f"CAP_{bit}"))
        bit += 1
    return tuple(names)


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except (OSError, UnicodeDecodeError):
        return None


def _status_fields(text: str | None) -> dict[str, str]:
    fields = {}
    for line in (text or "").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _item(label: str, value, explanation: str) -> dict:
    return {"label": label, "value": value, "explanation": explanation}


def _unavailable(label: str, what: str) -> dict:
    return _item(label, None, f"Unavailable: {what} could not be read on "
                              "this system.")


def _ids(fields: dict[str, str]) -> dict:
    label = "User and group ids"
    try:
        uids = [int(x) for x in fields["Uid"].split()]
        gids = [int(x) for x in fields["Gid"].split()]
    except (KeyError, ValueError):
        return _unavailable(label, "the Uid and Gid lines of status")
    if len(uids) < 2 or len(gids) < 2:
        return _unavailable(label, "the Uid and Gid lines of status")
    value = {"uid": uids[0], "euid": uids[1], "gid": gids[0], "egid": gids[1]}
    if value["euid"] == 0:
        text = ("The effective uid is 0: this process is root in its user "
                "namespace. Unless a user namespace maps it to an unprivileged "
                "uid on the host (see the user-namespace item), it is root as "
                "far as the kernel is concerned: in a container, anything that "
                "gets out arrives on the host as root. CIS Docker v1.6.0 4.1 and "
                "NIST SP 800-190 ask containers to run as a non-root user.")
    else:
        text = (f"The effective uid is {value['euid']}, not root: files and "
                "kernel interfaces reserved for root stay closed, and a "
                "process that escapes arrives as an ordinary user.")
    return _item(label, value, text)


def _user_namespace(proc: Path) -> dict:
    label = "User-namespace uid map"
    text = _read(proc / "uid_map")
    if text is None:
        return _unavailable(label, "uid_map")
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            rows.append(tuple(int(p) for p in parts))
    if not rows:
        return _unavailable(label, "uid_map")
    if rows == [(0, 0, 4294967295)]:
        text = ("The identity map (0 0 4294967295): this process is in the "
                "host's initial user namespace, so its uids are the host's "
                "uids. Root here would be root on the host.")
    else:
        shown = "; ".join(f"uid {a} here is uid {b} outside ({n} ids)"
                          for a, b, n in rows)
        text = (f"A remapped user namespace: {shown}. This is what rootless "
                "containers and user-namespace remapping do: root inside "
                "maps to an unprivileged uid on the host.")
    return _item(label, rows, text)


def _namespaces(proc: Path) -> dict:
    label = "Namespaces"
    folder = proc / "ns"
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return _unavailable(label, "the ns directory")
    value = {}
    for name in entries:
        if name.endswith("_for_children"):
            continue
        try:
            target = os.readlink(folder / name)
        except OSError:
            continue
        # "pid:[4026531836]"
        _, _, inode = target.partition(":[")
        if inode.endswith("]") and inode[:-1].isdigit():
            value[name] = int(inode[:-1])
    if not value:
        return _unavailable(label, "the ns links")
    own = [name for name, ino in value.items()
           if name in _INITIAL_NS and ino != _INITIAL_NS[name]]
    shared = [name for name, ino in value.items()
              if name in _INITIAL_NS and ino == _INITIAL_NS[name]]
    parts = ["Each namespace gives the process a private view of one kernel "
             "resource ("
             + ", ".join(f"{name}: {_NS_MEANING.get(name, 'other')}"
                         for name in value)
             + "); two processes with the same number share that view."]
    if own:
        parts.append(f"Not the host's initial namespace: {', '.join(own)} "
                     "(a sign of a container or sandbox).")
    if shared:
        parts.append(f"The kernel's initial namespace (the host's, unless "
                     f"the whole machine is a VM or sandbox): "
                     f"{', '.join(shared)}.")
    parts.append("Mount and network namespaces get numbers at run time, so "
                 "only comparing with a host process tells whether they are "
                 "shared.")
    return _item(label, value, " ".join(parts))


def _capabilities(fields: dict[str, str], line: str, label: str,
                  meaning: str) -> dict:
    try:
        names = decode_capabilities(fields[line])
    except (KeyError, ValueError):
        return _unavailable(label, f"the {line} line of status")
    value = {"mask": fields[line], "names": names}
    powerful = [n for n in names if n in _POWERFUL]
    if not names:
        text = (f"{meaning} It is empty: this process holds no capability "
                "at all, the least-privilege ideal.")
    else:
        text = (f"{meaning} It holds {len(names)} of {len(CAPABILITIES)} "
                "capabilities.")
        if powerful:
            text += (" Among them are capabilities that open ways around a "
                     f"container's walls: {', '.join(powerful)}.")
        else:
            text += (" None of the capabilities that commonly lead out of a "
                     "container (such as CAP_SYS_ADMIN or CAP_SYS_MODULE) "
                     "is among them.")
    return _item(label, value, text)


def _seccomp(fields: dict[str, str]) -> dict:
    label = "seccomp mode"
    try:
        mode = int(fields["Seccomp"])
    except (KeyError, ValueError):
        return _unavailable(label, "the Seccomp line of status")
    filters = fields.get("Seccomp_filters")
    text = (f"Mode {mode}, "
            f"{_SECCOMP_MODES.get(mode, 'a mode this course does not know')}.")
    if mode == 0:
        text += (" Container runtimes normally install a filter (Docker's "
                 "default profile blocks around 44 calls); a container "
                 "without one exposes the kernel's full interface.")
    if filters is not None and filters.isdigit():
        text += f" Filters installed: {filters}."
    return _item(label, mode, text)


def _no_new_privs(fields: dict[str, str]) -> dict:
    label = "no_new_privs"
    try:
        flag = int(fields["NoNewPrivs"])
    except (KeyError, ValueError):
        return _unavailable(label, "the NoNewPrivs line of status")
    if flag:
        text = ("Set: nothing this process runs can gain privileges through "
                "setuid/setgid programs or file capabilities. This is what "
                "--security-opt no-new-privileges sets (CIS Docker v1.6.0 "
                "5.26).")
    else:
        text = ("Not set: a setuid-root program or a program with file "
                "capabilities could raise a process's privileges. Containers "
                "can set it with --security-opt no-new-privileges "
                "(CIS Docker v1.6.0 5.26).")
    return _item(label, bool(flag), text)


def _cgroup(proc: Path) -> dict:
    label = "cgroup"
    text = _read(proc / "cgroup")
    if text is None:
        return _unavailable(label, "the cgroup file")
    paths = []
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            paths.append(parts[2])
    if not paths:
        return _unavailable(label, "the cgroup file")
    hints = sorted({h for p in paths for h in _RUNTIME_HINTS if h in p.lower()})
    value = {"paths": sorted(set(paths)), "runtime_hints": hints}
    explanation = ("The control group limits and accounts for the CPU, "
                   "memory and process numbers this process may use; it is "
                   "how one container is kept from starving its neighbours. "
                   "It is a resource boundary, not a security wall.")
    if hints:
        explanation += (f" The path names a container runtime "
                        f"({', '.join(hints)}).")
    elif set(paths) == {"/"}:
        explanation += (" The path is '/': the root of the cgroup tree, or "
                        "the root of a private cgroup namespace.")
    return _item(label, value, explanation)


def _lsm(proc: Path) -> dict:
    label = "LSM label"
    text = None
    for name in ("attr/current", "attr/apparmor/current"):
        text = _read(proc / name)
        if text:
            break
    text = (text or "").strip("\x00\n ")
    if not text:
        return _item(label, None,
                     "No AppArmor or SELinux label could be read: no LSM is "
                     "confining this process, or the kernel does not expose "
                     "it here.")
    if text == "unconfined" or "unconfined_t" in text or "spc_t" in text:
        explanation = (f"{text!r}: the process is not confined by a "
                       "mandatory access control policy.")
    else:
        explanation = (f"{text!r}: a mandatory access control policy "
                       "(AppArmor profile or SELinux context) confines this "
                       "process beyond its uid and capabilities.")
    return _item(label, text, explanation)


def inspect_process(proc: str | os.PathLike = "/proc/self") -> dict:
    """What the kernel says about a process's isolation, item by item.

    Reads the namespaces (``ns/*`` links), effective and bounding
    capabilities, seccomp mode and no_new_privs (``status``), the cgroup
    (``cgroup``), the user and group ids and user-namespace map
    (``status``, ``uid_map``) and the LSM label (``attr/current``).

    Parameters
    ----------
    proc : str or path-like
        The process's ``/proc`` directory. Tests pass a fake tree.

    Returns
    -------
    dict
        ``available`` (bool: could the directory be read at all), ``proc``
        (the path as a string), ``note`` (why not, or ""), ``items`` (dict of
        item key to ``{"label", "value", "explanation"}``; an item that
        could not be read has value None and says so) and ``hints`` (list of
        signs that the process runs in a container or sandbox).

    Raises
    ------
    TypeError
        If ``proc`` is not a str or path-like. A missing or unreadable
        ``/proc`` never raises.

    Examples
    --------
    >>> info = inspect_process("/no/such/proc")
    >>> info["available"], info["items"]
    (False, {})
    """
    if not isinstance(proc, str | os.PathLike):
        raise TypeError(f"proc is a path, not {type(proc).__name__}")
    root = Path(proc)
    if not root.is_dir():
        return {
            "available": False, "proc": str(root), "items": {}, "hints": [],
            "note": (f"{root} does not exist: this system has no Linux /proc "
                     "(macOS and Windows have none), so the kernel's view of "
                     "the process cannot be read. Run the lesson on Linux, in "
                     "a container or on JupyterHub to see it."),
        }
    fields = _status_fields(_read(root / "status"))
    items = {
        "ids": _ids(fields),
        "user_namespace": _user_namespace(root),
        "namespaces": _namespaces(root),
        "cap_effective": _capabilities(
            fields, "CapEff", "Effective capabilities",
            "The capabilities the kernel checks when this process asks for "
            "a privileged operation (root's powers, split into pieces)."),
        "cap_bounding": _capabilities(
            fields, "CapBnd", "Bounding capabilities",
            "The ceiling: no program this process runs can ever gain a "
            "capability outside this set. Runtimes shrink it for containers."),
        "seccomp": _seccomp(fields),
        "no_new_privs": _no_new_privs(fields),
        "cgroup": _cgroup(root),
        "lsm": _lsm(root),
    }
    readable = [key for key, item in items.items() if item["value"] is not None]
    note = "" if readable else (f"{root} exists but none of its files could "
                                "be read.")
    return {"available": bool(readable), "proc": str(root), "items": items,
            "hints": _container_hints(items), "note": note}


def _container_hints(items: dict) -> list[str]:
    hints = []
    ns = items["namespaces"]["value"] or {}
    if "pid" in ns and ns["pid"] != _INITIAL_NS["pid"]:
        hints.append("own PID namespace")
    if "user" in ns and ns["user"] != _INITIAL_NS["user"]:
        hints.append("own user namespace (rootless or remapped)")
    cgroup = items["cgroup"]["value"]
    if cgroup and cgroup["runtime_hints"]:
        hints.append("cgroup path names " + ", ".join(cgroup["runtime_hints"]))
    bounding = items["cap_bounding"]["value"]
    if bounding is not None and "CAP_SYS_ADMIN" not in bounding["names"]:
        hints.append("CAP_SYS_ADMIN dropped from the bounding set")
    if items["seccomp"]["value"] == 2:
        hints.append("seccomp filter active")
    return hints


def format_process(info: dict, width: int = 88) -> str:
    """Plain-text report of :func:`inspect_process`'s result, for printing.

    Parameters
    ----------
    info : dict
        What :func:`inspect_process` returned.
    width : int
        Line width to wrap at.

    Returns
    -------
    str
        One paragraph per item: label, value, explanation.
    """
    if not info.get("available"):
        return info.get("note") or "Nothing could be read."
    lines = []
    for item in info["items"].values():
        value = item["value"]
        if isinstance(value, dict) and "names" in value:
            names = value["names"]
            shown = ", ".join(n.removeprefix("CAP_") for n in names) or "none"
            value = f"{len(names)} capabilities: {shown}"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        elif value is None:
            value = "unavailable"
        lines.append(textwrap.fill(f"{item['label']}: {value}", width,
                                   subsequent_indent="    "))
        lines.append(textwrap.fill(item["explanation"], width,
                                   initial_indent="    ",
                                   subsequent_indent="    "))
    hints = info.get("hints") or []
    lines.append("")
    lines.append(textwrap.fill(
        "Signs of a container or sandbox: "
        + ("; ".join(hints) if hints else "none found"), width))
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Container escapes
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Escape:
    """A real container escape.

    Attributes
    ----------
    cve : str
        CVE identifier.
    name : str
        Common name ("" if none).
    year : int
        Year of disclosure.
    component : str
        ``"runc"`` (the low-level container runtime) or ``"Linux kernel"``.
    affected : str
        What was affected, as the advisory puts it.
    mechanism : str
        How the escape works, in one or two sentences.
    needs : str
        What the attacker needed.
    control : str
        The control that would have stopped or limited it.
    blocked_by : tuple of str
        Boundaries (keys of :data:`BOUNDARIES`) whose default hardening
        stops or limits it; empty if only patching helps.
    fix : str
        The patch that closes it.
    cvss : float or None
        CVSS v3 base score where the course's sources give one.
    """

    cve: str
    name: str
    year: int
    component: str
    affected: str
    mechanism: str
    needs: str
    control: str
    blocked_by: tuple[str, ...]
    fix: str
    cvss: float | None = None

    @property
    def title(self) -> str:
        """``CVE id (name)``, or the id alone."""
        return f"{self.cve} ({self.name})" if self.name else self.cve


_ESCAPES = (
    Escape(
        cve="CVE-2019-5736", name="", year=2019, component="runc",
        affected="runc, and so Docker, containerd and CRI-O that use it",
        mechanism=("A process running as root in the container overwrites "
                   "the host's runc binary through /proc/self/exe when runc "
                   "next enters the container (a new container from a "
                   "malicious image, or an exec into a compromised one); the "
                   "next runc run then executes the attacker's code as root "
                   "on the host."),
        needs="root (uid 0) inside the container, mapped to root on the host",
        control=("Run containers as a non-root user, or with a user "
                 "namespace so container root is not host root; SELinux in "
                 "enforcing mode blocks the overwrite."),
        blocked_by=("user", "lsm"),
        fix="upgrade runc to a fixed release"),
    Escape(
        cve="CVE-2022-0185", name="", year=2022, component="Linux kernel",
        affected="Linux kernel file-system context code",
        mechanism=("A heap overflow in legacy_parse_param, reachable when "
                   "setting up a file-system mount, lets a process that "
                   "holds CAP_SYS_ADMIN corrupt kernel memory and take over "
                   "the kernel. An unprivileged process gets CAP_SYS_ADMIN "
                   "in a new user namespace of its own."),
        needs=("CAP_SYS_ADMIN, or the right to create an unprivileged user "
               "namespace (unshare)"),
        control=("Disallow unprivileged user namespaces on the host and keep "
                 "a seccomp profile: Docker's default profile blocks the "
                 "unshare call that creates them. Never grant CAP_SYS_ADMIN. "
                 "Patch the kernel."),
        blocked_by=("seccomp", "capabilities"),
        fix="patch the host kernel", cvss=8.4),
    Escape(
        cve="CVE-2022-0492", name="", year=2022, component="Linux kernel",
        affected="Linux kernel cgroups (version 1)",
        mechanism=("A logic bug: the kernel did not check that a process "
                   "writing a cgroup's release_agent file was privileged on "
                   "the host. A process that can mount a cgroup file system "
                   "sets release_agent to its own program, which the kernel "
                   "then runs as root on the host."),
        needs=("root in the container and a way to mount cgroupfs: "
               "CAP_SYS_ADMIN, or a new user and cgroup namespace"),
        control=("AppArmor's or SELinux's default container policy blocks "
                 "the mount; so does Docker's default seccomp profile (no "
                 "unshare) and not granting CAP_SYS_ADMIN. Patch the kernel."),
        blocked_by=("lsm", "seccomp", "capabilities"),
        fix="patch the host kernel"),
    Escape(
        cve="CVE-2022-0847", name="Dirty Pipe", year=2022,
        component="Linux kernel",
        affected="Linux 5.8 up to 5.16.11, 5.15.25 and 5.10.102",
        mechanism=("A flag left uninitialised in the pipe code lets any "
                   "process write into page-cache pages of files it may only "
                   "read, so it can change read-only files, including files "
                   "shared with the host or with other containers."),
        needs="nothing special: no capability, only ordinary system calls",
        control=("Patch the host kernel: no capability to drop and no "
                 "default seccomp or LSM rule stops it, because it uses "
                 "pipe and splice calls every program may make. A sandboxed "
                 "runtime (gVisor, a micro-VM) keeps the host kernel out of "
                 "reach."),
        blocked_by=(),
        fix="patch the host kernel to 5.16.11, 5.15.25, 5.10.102 or later"),
    Escape(
        cve="CVE-2024-21626", name="Leaky Vessels", year=2024,
        component="runc",
        affected="runc 1.1.11 and earlier (fixed in 1.1.12)",
        mechanism=("runc leaked a file descriptor that pointed at a host "
                   "directory into the container as it started. A working "
                   "directory set to /proc/self/fd/<n>, by an image or an "
                   "exec command, leaves the new process standing in the "
                   "host's file system."),
        needs=("a malicious image or the right to run an exec with a chosen "
               "working directory"),
        control=("Upgrade runc to 1.1.12 or later; run only trusted, signed "
                 "images; a non-root container user limits what the host "
                 "file system then lets it touch."),
        blocked_by=("user",),
        fix="upgrade runc to 1.1.12 or later", cvss=8.6),
)


def escapes() -> tuple[Escape, ...]:
    """The container escapes the course teaches, oldest first."""
    return _ESCAPES


def escape(ident: str) -> Escape:
    """One escape by CVE id or common name (case-insensitive).

    Raises
    ------
    ValueError
        If no escape has that id or name.
    """
    if not isinstance(ident, str):
        raise TypeError(f"an escape is named by a str, not {type(ident).__name__}")
    wanted = ident.strip().lower()
    for item in _ESCAPES:
        if wanted in (item.cve.lower(), item.name.lower()) and wanted:
            return item
    known = ", ".join(e.title for e in _ESCAPES)
    raise ValueError(f"unknown container escape {ident!r}; known: {known}")


# --------------------------------------------------------------------------
# The isolation ladder
# --------------------------------------------------------------------------

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
    known = ", ".join(r.key for r in _LADDER)
    raise ValueError(f"unknown isolation option {key!r}; known: {known}")


def _choice(name: str, value: str, options: Mapping[str, str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} is a str, not {type(value).__name__}")
    key = value.strip().lower()
    if key not in options:
        raise ValueError(f"unknown {name} {value!r}; use one of: "
                         f"{', '.join(options)}")
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


# --------------------------------------------------------------------------
# Container settings and the boundaries they weaken
# --------------------------------------------------------------------------

#: The isolation mechanisms of a container, in the order figures show them:
#: key -> short label used in sentences.
BOUNDARIES = {
    "namespaces": "namespace separation",
    "capabilities": "capability limits",
    "seccomp": "seccomp",
    "lsm": "LSM confinement",
    "devices": "device isolation",
    "user": "unprivileged user",
    "filesystem": "filesystem isolation",
}

_BOUNDARY_TITLES = {
    "namespaces": "Namespaces (PID, network, IPC, UTS)",
    "capabilities": "Capabilities (bounding set)",
    "seccomp": "seccomp (system-call filter)",
    "lsm": "LSM (AppArmor / SELinux)",
    "devices": "Devices (device cgroup, /dev)",
    "user": "User (non-root uid, user namespace)",
    "filesystem": "Filesystem (read-only root, mounts)",
}

#: Effects a setting can have on a boundary, mildest first.
EFFECTS = ("intact", "weakened", "removed")


def boundary_label(key: str, title: bool = False) -> str:
    """The sentence label (``"capability limits"``) or, with ``title``, the
    figure label of a boundary."""
    if key not in BOUNDARIES:
        raise ValueError(f"unknown boundary {key!r}; known: "
                         f"{', '.join(BOUNDARIES)}")
    return _BOUNDARY_TITLES[key] if title else BOUNDARIES[key]


@dataclass(frozen=True)
class Effect:
    """What one setting does to one boundary."""

    boundary: str
    effect: str
    why: str


@dataclass(frozen=True)
class Setting:
    """A risky container setting.

    Attributes
    ----------
    key : str
        Identifier (``"host-pid"``); the risky choice is ``True``.
    label : str
        Name in sentences (``"Host PID namespace"``).
    short : str
        Name in the figure (``"host PID"``).
    flag : str
        The ``docker run`` option (or missing option) that makes it.
    effects : tuple of Effect
    host_control : bool
        Whether it hands the container control of the host outright.
    """

    key: str
    label: str
    short: str
    flag: str
    effects: tuple[Effect, ...]
    host_control: bool = False


def _fx(*rows: tuple[str, str, str]) -> tuple[Effect, ...]:
    return tuple(Effect(*row) for row in rows)


_SETTING_LIST = (
    Setting(
        "privileged", "Privileged mode", "privileged", "--privileged",
        _fx(("capabilities", "removed",
             "every capability is granted and --cap-drop is ignored"),
            ("seccomp", "removed",
             "Docker runs privileged containers without a seccomp filter"),
            ("devices", "removed",
             "the device cgroup's limits are lifted: the host's disks and "
             "other devices appear in /dev"),
            ("lsm", "removed",
             "AppArmor or SELinux confinement is switched off for it"),
            ("filesystem", "weakened",
             "with the host's disks reachable it can mount the host file "
             "system"))),
    Setting(
        "host-pid", "Host PID namespace", "host PID", "--pid=host",
        _fx(("namespaces", "weakened",
             "it sees every process on the host and their command lines, "
             "can signal processes of its own uid and, with CAP_SYS_PTRACE, "
             "inspect them"),)),
    Setting(
        "host-network", "Host network namespace", "host network",
        "--network=host",
        _fx(("namespaces", "weakened",
             "it uses the host's interfaces: binds host ports, reaches "
             "services listening only on the host's localhost and, with "
             "CAP_NET_RAW, can capture the host's traffic"),)),
    Setting(
        "host-ipc", "Host IPC namespace", "host IPC", "--ipc=host",
        _fx(("namespaces", "weakened",
             "it shares the host's shared-memory segments and message "
             "queues"),)),
    Setting(
        "host-uts", "Host UTS namespace", "host UTS", "--uts=host",
        _fx(("namespaces", "weakened",
             "it shares the host's name; with CAP_SYS_ADMIN it could "
             "rename the host (CIS Docker v1.6.0 5.21)"),)),
    Setting(
        "cap-sys-admin", "Added CAP_SYS_ADMIN", "SYS_ADMIN",
        "--cap-add=SYS_ADMIN",
        _fx(("capabilities", "weakened",
             "CAP_SYS_ADMIN is the broadest capability (mounts, namespaces, "
             "many admin operations); CVE-2022-0185 and CVE-2022-0492 use "
             "it"),
            ("seccomp", "weakened",
             "Docker's default profile allows mount, unshare, setns and "
             "similar calls to a container that holds it"))),
    Setting(
        "cap-net-admin", "Added CAP_NET_ADMIN", "NET_ADMIN",
        "--cap-add=NET_ADMIN",
        _fx(("capabilities", "weakened",
             "it can reconfigure interfaces, routes and firewall rules (the "
             "host's, together with the host network) and reaches more of "
             "the kernel's networking code"),)),
    Setting(
        "run-as-root", "Running as root", "root user",
        "no --user (image without USER)",
        _fx(("user", "removed",
             "uid 0 in the container is uid 0 to the shared kernel unless a "
             "user namespace remaps it; an escape lands as root "
             "(CVE-2019-5736 needed it)"),)),
    Setting(
        "docker-socket", "Mounting the Docker socket", "docker.sock",
        "-v /var/run/docker.sock:/var/run/docker.sock",
        tuple(Effect(b, "removed",
                     "the Docker API can start a privileged container with "
                     "the host's root file system mounted: full host control "
                     "(CIS Docker v1.6.0 5.32)") for b in BOUNDARIES),
        host_control=True),
    Setting(
        "host-path", "Mounting a host directory", "host path",
        "-v /host/dir:/data",
        _fx(("filesystem", "weakened",
             "host files under that path are readable and, unless mounted "
             "read-only, writable; mounting /, /etc or the host's service "
             "directories is a host takeover"),)),
    Setting(
        "new-privileges", "Allowing new privileges", "new privileges",
        "no --security-opt no-new-privileges",
        _fx(("user", "weakened",
             "setuid programs and file capabilities in the image can turn a "
             "non-root process into root (CIS Docker v1.6.0 5.26)"),)),
    Setting(
        "writable-root", "Writable root filesystem", "writable root",
        "no --read-only",
        _fx(("filesystem", "weakened",
             "an intruder can change the application's files and drop tools; "
             "NIST SP 800-190 recommends a read-only root file system"),)),
    Setting(
        "seccomp-unconfined", "seccomp unconfined", "seccomp unconfined",
        "--security-opt seccomp=unconfined",
        _fx(("seccomp", "removed",
             "every system call of the host kernel is reachable, including "
             "the unshare call the exploits of CVE-2022-0185 and "
             "CVE-2022-0492 start with"),)),
    Setting(
        "lsm-disabled", "AppArmor/SELinux disabled", "LSM disabled",
        "--security-opt apparmor=unconfined or label=disable",
        _fx(("lsm", "removed",
             "no mandatory access control: nothing beyond uid and "
             "capabilities stops mounts or writes to /proc and /sys "
             "(SELinux blocked CVE-2019-5736; the default policies block "
             "CVE-2022-0492)"),)),
)

#: The settings, by key, in the order the widget shows them.
SETTINGS: dict[str, Setting] = {s.key: s for s in _SETTING_LIST}


def setting(key: str) -> Setting:
    """One setting by key (``"host-pid"``; ``"host_pid"`` also works)."""
    return SETTINGS[_setting_key(key)]


def _setting_key(key) -> str:
    if not isinstance(key, str):
        raise TypeError(f"setting names are str, not {type(key).__name__}")
    norm = key.strip().lower().replace("_", "-")
    if norm not in SETTINGS:
        raise ValueError(f"unknown container setting {key!r}; known: "
                         f"{', '.join(SETTINGS)}")
    return norm


def normalize_settings(settings: Mapping[str, bool] | None) -> dict[str, bool]:
    """Check a settings dict and fill in every missing key as ``False``.

    Parameters
    ----------
    settings : dict of str to bool, or None
        Keys of :data:`SETTINGS` (underscores may replace hyphens); ``True``
        means the risky choice is made. Missing keys mean the hardened
        choice: non-root, default seccomp and LSM, no-new-privileges, a
        read-only root file system, nothing shared or mounted from the host.

    Returns
    -------
    dict of str to bool
        Every key of :data:`SETTINGS`, in order.

    Raises
    ------
    TypeError
        If ``settings`` is not a mapping or a value is not a bool.
    ValueError
        If a key is not a known setting.
    """
    if settings is None:
        settings = {}
    if not isinstance(settings, Mapping):
        raise TypeError(f"settings is a dict of setting -> bool, not "
                        f"{type(settings).__name__}")
    chosen = dict.fromkeys(SETTINGS, False)
    for key, value in settings.items():
        norm = _setting_key(key)
        if not isinstance(value, bool):
            raise TypeError(f"setting {key!r} is True or False, not "
                            f"{value!r}")
        chosen[norm] = value
    return chosen


@dataclass(frozen=True)
class Removal:
    """One boundary weakened or removed by one setting."""

    setting: str
    setting_label: str
    boundary: str
    boundary_label: str
    effect: str
    why: str
    host_control: bool = False


def removed_boundaries(settings: Mapping[str, bool]) -> list[Removal]:
    """Which isolation mechanisms the chosen settings weaken or remove.

    Parameters
    ----------
    settings : dict of str to bool
        See :func:`normalize_settings`. Only this simple dictionary is
        understood, not Compose files or Kubernetes manifests.

    Returns
    -------
    list of Removal
        One entry per (setting, boundary) it affects, in the order of
        :data:`SETTINGS`, then :data:`BOUNDARIES`. Empty for the hardened
        configuration.

    Raises
    ------
    TypeError, ValueError
        As :func:`normalize_settings`.

    Examples
    --------
    >>> [r.boundary for r in removed_boundaries({"privileged": True})]
    ['capabilities', 'seccomp', 'lsm', 'devices', 'filesystem']
    """
    chosen = normalize_settings(settings)
    order = list(BOUNDARIES)
    out = []
    for key, on in chosen.items():
        if not on:
            continue
        item = SETTINGS[key]
        for fx in sorted(item.effects, key=lambda f: order.index(f.boundary)):
            out.append(Removal(key, item.label, fx.boundary,
                               BOUNDARIES[fx.boundary], fx.effect, fx.why,
                               item.host_control))
    return out


def boundary_status(settings: Mapping[str, bool]) -> dict[str, dict]:
    """The state of every boundary under the chosen settings.

    Returns
    -------
    dict
        Boundary key -> ``{"status": "intact" | "weakened" | "removed",
        "by": [setting keys]}``; the status is the worst effect any chosen
        setting has on it, and ``by`` lists the settings that affect it.
    """
    status = {b: {"status": "intact", "by": []} for b in BOUNDARIES}
    for removal in removed_boundaries(settings):
        entry = status[removal.boundary]
        entry["by"].append(removal.setting)
        if EFFECTS.index(removal.effect) > EFFECTS.index(entry["status"]):
            entry["status"] = removal.effect
    return status


def explain_settings(settings: Mapping[str, bool]) -> list[str]:
    """One sentence per chosen setting, naming what it removes and weakens.

    Examples
    --------
    >>> explain_settings({"host-ipc": True, "run-as-root": True})
    ['Host IPC namespace weakens: namespace separation.', \
'Running as root removes: unprivileged user.']
    """
    lines = []
    for key, on in normalize_settings(settings).items():
        if not on:
            continue
        item = SETTINGS[key]
        if item.host_control:
            lines.append(f"{item.label} gives host control: it removes every "
                         "boundary.")
            continue
        removed = [BOUNDARIES[f.boundary] for f in item.effects
                   if f.effect == "removed"]
        weakened = [BOUNDARIES[f.boundary] for f in item.effects
                    if f.effect == "weakened"]
        parts = []
        if removed:
            parts.append("removes: " + ", ".join(removed))
        if weakened:
            parts.append("weakens: " + ", ".join(weakened))
        lines.append(f"{item.label} {'; '.join(parts)}.")
    return lines
