"""Risky container settings and the isolation boundaries they weaken.

:data:`SETTINGS` holds settings such as ``--privileged`` or a mounted
Docker socket; :func:`removed_boundaries` says which isolation mechanism
(namespaces, capabilities, seccomp, LSM, devices, user, filesystem) each
one weakens or removes. It works only on its own small dictionary of
settings, not on Compose files or Kubernetes manifests. Sources: the
Docker documentation (runtime privileges, default capabilities, default
seccomp profile) and NIST SP 800-190.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cloudsec.kit.lookup import unknown

__all__ = [
    "BOUNDARIES",
    "EFFECTS",
    "SETTINGS",
    "Effect",
    "Removal",
    "Setting",
    "boundary_label",
    "boundary_status",
    "explain_settings",
    "normalize_settings",
    "removed_boundaries",
    "setting",
]


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
        raise unknown("boundary", key, BOUNDARIES)
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
        raise unknown("container setting", key, SETTINGS)
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
    >>> from cloudsec.containers import removed_boundaries
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
    >>> from cloudsec.containers import explain_settings
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
