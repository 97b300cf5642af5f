"""Looking at your own process: what the kernel says about its isolation.

:func:`inspect_process` reads a process's namespaces, capabilities,
seccomp mode, no_new_privs, cgroup, user ids and LSM label from
``/proc`` and explains each item; :func:`format_process` prints the
result. It never raises because ``/proc`` is missing or odd: on macOS, or
in a sandbox that hides it, it says what it could not read.

Sources: the Linux man pages capabilities(7), namespaces(7), proc(5) and
seccomp(2); include/linux/proc_ns.h for the initial namespaces' inodes.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

__all__ = [
    "CAPABILITIES",
    "decode_capabilities",
    "format_process",
    "inspect_process",
]


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
    >>> from cloudsec.containers import decode_capabilities
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
    >>> from cloudsec.containers import inspect_process
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
