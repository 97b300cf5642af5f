"""Run a student's Jupyter kernel inside an isolation boundary.

The boundary (Linux only) is built from three standard tools:

* ``bwrap`` (bubblewrap) gives the kernel new PID, IPC, UTS, network and
  cgroup namespaces and a fresh root file system that holds only the system's
  read-only ``/usr`` and ``/etc``, the Python installation and virtual
  environment (read-only), a private writable scratch copy of the
  submission's folder, a private ``/tmp`` and the kernel's connection files.
  The course directory, gradebook, other submissions and the grader's
  environment variables are simply not there. The network namespace has no
  interfaces but loopback.
* ``setpriv`` drops to an unprivileged uid of its own (one per concurrent
  kernel), with no capabilities and ``no_new_privs``.
* ``prlimit`` caps address space, processes, CPU seconds, file size and open
  files.

Because the kernel has its own PID namespace and bubblewrap is told to die
with its parent, everything the kernel starts (daemons included) is killed
when the kernel is shut down. Kernel and grader talk over Unix sockets
(ZeroMQ ``ipc`` transport) in a per-kernel directory bound into the sandbox.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Dict, Instance, Unicode

__all__ = ["SandboxPolicy", "SandboxUnavailable", "SandboxedKernelManager",
           "check_available"]

TOOLS = ("bwrap", "setpriv", "prlimit")
BWRAP_ENV = "CLOUDSEC_BWRAP"  # another bubblewrap binary (tests point it away)


def _bwrap() -> str:
    return os.environ.get(BWRAP_ENV, "bwrap")
INSTALL_HINT = ("install bubblewrap (Debian/Ubuntu: `sudo apt-get install "
                "bubblewrap util-linux`)")
UID_BASE = 61000
UID_SLOTS = 256


class SandboxUnavailable(RuntimeError):
    """The isolation boundary cannot be set up on this machine."""


@dataclass
class SandboxPolicy:
    """Limits applied to every sandboxed kernel."""

    memory_bytes: int = 4 * 2**30
    max_processes: int = 64
    cpu_seconds: int = 300
    file_bytes: int = 64 * 2**20
    open_files: int = 256
    scratch_bytes: int = 200 * 2**20


_AVAILABLE: tuple[bool, str] | None = None


def check_available(refresh: bool = False) -> tuple[bool, str]:
    """Whether the boundary works here, and if not, why (cached)."""
    global _AVAILABLE
    if _AVAILABLE is not None and not refresh:
        return _AVAILABLE
    if not sys.platform.startswith("linux"):
        _AVAILABLE = (False, f"sandboxing needs Linux, this is {sys.platform}")
        return _AVAILABLE
    tools = (_bwrap(), *TOOLS[1:])
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        _AVAILABLE = (False, f"missing {', '.join(missing)}: {INSTALL_HINT}")
        return _AVAILABLE
    if os.geteuid() == 0:
        identity = ["--", "setpriv", f"--reuid={UID_BASE}", f"--regid={UID_BASE}",
                    "--clear-groups", "--no-new-privs", "true"]
    else:  # an instructor's own account: a user namespace instead of setuid
        identity = ["--unshare-user", "--uid", "65534", "--gid", "65534", "--",
                    "setpriv", "--no-new-privs", "true"]
    probe = subprocess.run(
        [_bwrap(), "--unshare-pid", "--unshare-net", "--die-with-parent",
         "--ro-bind", "/", "/", *identity],
        capture_output=True, text=True, timeout=30, check=False)
    if probe.returncode != 0:
        _AVAILABLE = (False, "bubblewrap cannot create namespaces here: "
                      + probe.stderr.strip()[:200])
        return _AVAILABLE
    _AVAILABLE = (True, "ok")
    return _AVAILABLE


def _lock_uid() -> tuple[int, int]:
    """Reserve a uid no other concurrent kernel uses; returns (uid, lock fd)."""
    lock_dir = Path(tempfile.gettempdir()) / "cloudsec-sandbox-uids"
    lock_dir.mkdir(mode=0o700, exist_ok=True)
    for slot in range(UID_SLOTS):
        fd = os.open(lock_dir / f"{slot}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return UID_BASE + slot, fd
    raise SandboxUnavailable("no free sandbox uid: too many kernels at once")


def _dirs_for(path: Path, made: set[Path]) -> list[str]:
    """bwrap arguments creating every parent of ``path`` world-traversable
    (bubblewrap would otherwise create them mode 0700, closed to the uid)."""
    args: list[str] = []
    for parent in reversed(path.parents):
        if parent == Path("/") or parent in made:
            continue
        made.add(parent)
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def python_paths() -> list[Path]:
    """Read-only paths the kernel needs to run this Python and its packages."""
    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    # editable installs (the course package during development) live elsewhere
    import cloudsec

    pkg_root = Path(cloudsec.__file__).resolve().parent.parent
    if not pkg_root.is_relative_to(Path(sys.prefix).resolve()):
        paths.add(pkg_root)
    return sorted(paths)


def wrap_command(kernel_cmd: list[str], *, scratch: Path, runtime: Path,
                 uid: int | None, policy: SandboxPolicy,
                 env: dict[str, str] | None = None) -> list[str]:
    """The full command line: bwrap + setpriv + prlimit + the kernel.

    With ``uid`` (the grader runs as root) the kernel runs as that uid. With
    ``uid=None`` (an instructor's own account) bubblewrap gives the kernel a
    user namespace in which it is ``nobody``, without capabilities.
    """
    made: set[Path] = set()
    args = [_bwrap(), "--unshare-ipc", "--unshare-pid", "--unshare-net",
            "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
            "--new-session", "--hostname", "sandbox",
            "--ro-bind", "/usr", "/usr"]
    if uid is None:
        args[1:1] = ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        target = Path("/") / name
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            args += ["--ro-bind", str(target), str(target)]
    args += ["--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--tmpfs", "/tmp"]
    for path in python_paths():
        args += _dirs_for(path, made) + ["--ro-bind", str(path), str(path)]
    args += _dirs_for(runtime, made) + ["--bind", str(runtime), str(runtime)]
    home = Path("/home/student/work")
    args += _dirs_for(home, made) + ["--bind", str(scratch), str(home),
                                     "--chdir", str(home)]
    venv_bin = Path(sys.prefix) / "bin"
    args += ["--clearenv",
             "--setenv", "HOME", str(home),
             "--setenv", "PATH", f"{venv_bin}:/usr/bin:/bin",
             "--setenv", "LANG", "C.UTF-8",
             "--setenv", "IPYTHONDIR", "/tmp/ipython",
             "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib",
             "--setenv", "MPLBACKEND", "Agg",
             "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
             "--setenv", "OPENBLAS_NUM_THREADS", "1",
             "--setenv", "NBGRADER_EXECUTION", "autograde"]
    # the grader's own, trusted values (the student id of a variant assignment)
    for name, value in sorted((env or {}).items()):
        args += ["--setenv", name, value]
    args += ["--"]
    if uid is None:
        args += ["setpriv", "--no-new-privs"]
    else:
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all"]
    args += ["prlimit", f"--as={policy.memory_bytes}",
             f"--nproc={policy.max_processes}", f"--cpu={policy.cpu_seconds}",
             f"--fsize={policy.file_bytes}", f"--nofile={policy.open_files}",
             "--core=0", "--"]
    return args + kernel_cmd


def _copy_scratch(src: Path, dest: Path, limit: int) -> None:
    """Copy the submission folder, skipping what would blow the size limit.

    Notebooks are left out: the copy being graded holds the restored test
    cells, hidden tests and answer keys included, and the kernel must never
    be able to read it. Hidden files (the grader's outcome records) too.
    """
    total = 0
    for root, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(root).relative_to(src)
        (dest / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue  # never follow a student's link out of the folder
            if name.endswith(".ipynb") or name.startswith("."):
                continue
            size = path.stat().st_size
            if total + size > limit:
                continue
            total += size
            shutil.copyfile(path, dest / rel / name)


def _chown_tree(path: Path, uid: int) -> None:
    for root, dirs, files in os.walk(path):
        os.chown(root, uid, uid)
        for name in dirs + files:
            os.lchown(Path(root) / name, uid, uid)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel inside the sandbox."""

    policy = Instance(SandboxPolicy, args=())
    extra_env = Dict(help="Variables the grader sets in the kernel (trusted).")
    transport = Unicode("ipc")

    defer_scratch = Bool(False, help=(
        "Start the kernel with an empty scratch folder; the grader fills it "
        "(fill_scratch) when the kernel is handed to its run. Pre-started "
        "kernels are started before their student's autograded folder exists."))

    prestarted_client = None  # the grader's client, connected at pre-start

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._base = Path(tempfile.mkdtemp(prefix="cloudsec-kernel-"))
        os.chmod(self._base, 0o711)
        self._runtime = self._base / "run"
        self._scratch = self._base / "work"
        self._runtime.mkdir()
        self._scratch.mkdir()
        # as root each kernel gets a uid of its own; otherwise a user namespace
        self._uid, self._uid_lock = _lock_uid() if os.geteuid() == 0 else (
            None, None)
        # the ipc transport needs absolute paths, unique to this kernel
        self.connection_file = str(self._runtime / "kernel.json")
        self.ip = str(self._runtime / "kernel-ipc")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        ok, why = check_available()
        if not ok:
            raise SandboxUnavailable(why)
        if not self.defer_scratch:
            source = Path(kw.get("cwd") or os.getcwd())
            _copy_scratch(source, self._scratch, self.policy.scratch_bytes)
        if self._uid is not None:
            _chown_tree(self._scratch, self._uid)
            _chown_tree(self._runtime, self._uid)
        if self.kernel_spec is not None:
            # signals cannot cross the PID namespace; ask ipykernel itself
            self.kernel_spec.interrupt_mode = "message"
        kw["cwd"] = str(self._base)
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        # what the student's code prints outside the protocol must not reach
        # the instructor's terminal (escape sequences, fake log lines)
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        kw["stdin"] = subprocess.DEVNULL
        wrapped = wrap_command(kernel_cmd, scratch=self._scratch,
                               runtime=self._runtime, uid=self._uid,
                               policy=self.policy, env=self.extra_env)
        await super()._async_launch_kernel(wrapped, **kw)

    def fill_scratch(self, source: Path) -> None:
        """Copy the submission folder into a pre-started kernel's scratch
        folder (the kernel sees it at once: the folder is bound, not copied).

        Called before the run's first cell, while nothing of the student's
        has run in the kernel yet.
        """
        _copy_scratch(Path(source), self._scratch, self.policy.scratch_bytes)
        if self._uid is not None:
            _chown_tree(self._scratch, self._uid)

    def leftover_processes(self) -> list[int]:
        """PIDs still running as this kernel's uid (should be none).

        In user-namespace mode the kernel shares the instructor's uid, so
        only the PID namespace (which dies with the kernel) cleans up.
        """
        pids: list[int] = []
        if self._uid is None:
            return pids
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == self._uid:
                        pids.append(int(entry.name))
                except OSError:
                    continue
        return pids

    def release(self, grace: float = 1.0) -> list[int]:
        """Kill anything left over, remove the scratch copy, free the uid.

        A kernel killed at once takes its PID namespace down a moment
        later: what is still there after ``grace`` seconds is left over.
        """
        deadline = time.monotonic() + grace
        leftovers = self.leftover_processes()
        while leftovers and time.monotonic() < deadline:
            time.sleep(0.01)
            leftovers = self.leftover_processes()
        for pid in leftovers:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        shutil.rmtree(self._base, ignore_errors=True)
        if self._uid_lock is not None:
            os.close(self._uid_lock)
            self._uid_lock = None
        return leftovers
