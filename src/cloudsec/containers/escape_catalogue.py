"""Real container escapes, 2019 to 2024.

Each :class:`Escape` names the component it abused, how, what the
attacker needed and the control that would have stopped or limited it:
:func:`escapes`, :func:`escape`. Sources: the NVD entry and the
advisories of each CVE.
"""

from __future__ import annotations

from dataclasses import dataclass

from cloudsec.kit.lookup import find

__all__ = [
    "Escape",
    "escape",
    "escapes",
]


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
    return find("container escape", ident, _ESCAPES, lambda e: (e.cve, e.name),
                listed=lambda e: e.title)
