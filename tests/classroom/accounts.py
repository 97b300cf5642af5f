"""Real Unix accounts, and a Python environment every account can use, for the
classroom end-to-end tests.

These tests create and remove accounts, so they need root; the JupyterHub test
also needs Node's npm. Outside CI they are skipped with that reason; under CI
(``CI=true``, where ``.ci/run`` runs them as root) a missing requirement fails.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_VENV = Path(os.environ.get("CLOUDSEC_SHARED_VENV", "/opt/cloudsec-venv"))
PREFIX = "cst"  # every account these tests create starts with this


def require(*, root: bool = True, tools: tuple[str, ...] = ()) -> None:
    """Skip (or, under CI, fail) when the machine cannot run the test."""
    missing = []
    if root and os.geteuid() != 0:
        missing.append("root (it creates Unix accounts)")
    missing += [t for t in tools if shutil.which(t) is None]
    if missing:
        message = ("classroom test needs " + ", ".join(missing)
                   + "; .ci/run runs it as root with them installed")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _system_python() -> str:
    """A Python >= 3.11 that every account may execute."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3", sys.executable):
        path = Path(candidate)
        if not path.exists():
            continue
        real = path.resolve()
        if all(os.stat(p).st_mode & 0o001 for p in [*real.parents, real]):
            out = subprocess.run([str(real), "-c", "import sys;print(sys.version_info"
                                  " >= (3, 11))"], capture_output=True, text=True,
                                 check=False)
            if out.stdout.strip() == "True":
                return str(real)
    pytest.fail("no Python >= 3.11 that other accounts can run (install python3)")


def _source_hash(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "src").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def shared_venv(extras: str = "test") -> Path:
    """A virtual environment outside any home directory, readable by all
    accounts, with the course installed (rebuilt when the package changes)."""
    stamp = SHARED_VENV / ".cloudsec-source"
    want = _source_hash(extras)
    if stamp.exists() and stamp.read_text() == want:
        return SHARED_VENV
    if not (SHARED_VENV / "bin" / "python").exists():
        subprocess.run([_system_python(), "-m", "venv", str(SHARED_VENV)], check=True)
    pip = [str(SHARED_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    # a regular (not editable) install: the repository may sit in a home
    # directory other accounts cannot read
    subprocess.run([*pip, f"{ROOT}[{extras}]"], check=True)
    SHARED_VENV.chmod(0o755)
    stamp.write_text(want)
    return SHARED_VENV


def run_as(user: str, command: str, *, env: dict | None = None,
           cwd: str | None = None, timeout: int = 600,
           check: bool = True) -> subprocess.CompletedProcess:
    """Run a shell command as ``user`` with a clean environment."""
    home = pwd.getpwnam(user).pw_dir
    venv = SHARED_VENV / "bin"
    base = {"HOME": home, "USER": user, "LANG": "C.UTF-8",
            "PATH": f"{venv}:/usr/bin:/bin"}
    base.update(env or {})
    args = ["/usr/sbin/runuser", "-u", user, "--", "env", "-i",
            *[f"{k}={v}" for k, v in base.items()], "bash", "-c",
            f"cd {cwd or home} && {command}"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                            check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"as {user}: {command}\n{result.stdout[-2000:]}\n"
                             f"{result.stderr[-3000:]}")
    return result


@contextmanager
def accounts(*names: str, home_mode: int = 0o700):
    """Create Unix accounts (prefixed), yield their names, then remove them
    with their homes and processes."""
    created = []
    try:
        for name in names:
            user = f"{PREFIX}-{name}"
            subprocess.run(["userdel", "-r", user], capture_output=True, check=False)
            subprocess.run(["useradd", "-m", "-s", "/bin/bash", user], check=True,
                           capture_output=True)
            os.chmod(pwd.getpwnam(user).pw_dir, home_mode)
            created.append(user)
        yield created
    finally:
        for user in created:
            subprocess.run(["pkill", "-9", "-u", user], capture_output=True,
                           check=False)
            subprocess.run(["userdel", "-r", user], capture_output=True, check=False)
