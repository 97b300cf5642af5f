"""A throwaway PostgreSQL server for the tests, started and stopped by them.

Uses Debian's ``postgresql`` package (binaries in
``/usr/lib/postgresql/<version>/bin``): ``initdb`` into a temporary folder,
``pg_ctl`` with no TCP port and its Unix socket in that folder, so nothing
outside can reach it and two runs never collide. As root, the server runs as
the unprivileged ``nobody`` (PostgreSQL refuses to run as root), and the
folder belongs to it. When PostgreSQL is missing the caller fails with the
install hint (:data:`INSTALL_HINT`), never skips.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["INSTALL_HINT", "PostgresMissing", "bindir", "throwaway_postgres"]

INSTALL_HINT = ("PostgreSQL is needed for this test: install it with "
                "`apt-get install -y postgresql` (Debian/Ubuntu; ./course test "
                "installs it), or put initdb and pg_ctl on PATH.")


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def _version(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def bindir(debian: Path = Path("/usr/lib/postgresql")) -> Path:
    """The folder with ``initdb`` and ``pg_ctl`` (the newest Debian version)."""
    found = sorted(debian.glob("*/bin/pg_ctl"), key=_version)
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    raise PostgresMissing(INSTALL_HINT)


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            "--", *cmd]


@contextlib.contextmanager
def throwaway_postgres(database: str = "gradebook") -> Iterator[str]:
    """Start a private server; yield a SQLAlchemy URL to a fresh database."""
    bin_ = bindir()
    base = Path(tempfile.mkdtemp(prefix="cloudsec-pg-"))
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(base, nobody.pw_uid, nobody.pw_gid)
    base.chmod(0o711)  # clients reach the socket; the data stays private
    data = base / "data"
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    run = {"env": env, "capture_output": True, "text": True, "cwd": str(base)}
    try:
        init = subprocess.run(_as_server_user(
            [str(bin_ / "initdb"), "-D", str(data), "-U", "postgres",
             "--auth=trust", "-E", "UTF8", "--no-sync"]), **run, check=False)
        if init.returncode:
            raise RuntimeError(f"initdb failed: {init.stderr[-2000:]}")
        options = f"-c listen_addresses='' -k {base} -c fsync=off"
        start = subprocess.run(_as_server_user(
            [str(bin_ / "pg_ctl"), "-D", str(data), "-o", options, "-w",
             "-t", "60", "-l", str(base / "server.log"), "start"]),
            **run, check=False)
        if start.returncode:
            log = (base / "server.log").read_text() if (
                base / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr}{log[-2000:]}")
        try:
            subprocess.run([str(bin_ / "createdb"), "-h", str(base), "-U",
                            "postgres", database], **run, check=True)
            yield f"postgresql://postgres@/{database}?host={base}"
        finally:
            subprocess.run(_as_server_user(
                [str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                 "stop"]), **run, check=False)
    finally:
        shutil.rmtree(base, ignore_errors=True)
