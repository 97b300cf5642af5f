"""The README's two commands set a fresh machine up: ``./course test`` finds
the system packages the suite needs, installs the missing ones when it may
(root, or ``sudo -n``), and otherwise prints the exact command and stops.

Each test runs ``./course doctor`` (the same check ``./course test`` and
``./course check`` run first) with a PATH holding only the programs it names:
fakes of ``id``, ``sudo``, ``apt-get`` and ``npm`` record how they were called,
so nothing is installed on the machine running the tests.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from helpers import ROOT

BASH = shutil.which("bash")
EVERYTHING = ("bwrap", "chromium", "initdb", "pg_ctl", "npm",
              "configurable-http-proxy")
APT_INSTALL = ("sudo apt-get update && sudo apt-get install -y "
               "--no-install-recommends ")


class FakeSystem:
    """A PATH with fake programs and a log of the calls made to them."""

    def __init__(self, tmp_path: Path, uid: int, present=(), sudo_ok=False):
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.log.touch()
        self.pg_libdir = tmp_path / "no-postgresql"
        for real in ("dirname", "env", "chmod", "cp", "grep"):
            (self.bin / real).symlink_to(shutil.which(real))
        self.write("id", f"echo {uid}")
        self.write("sudo", '[ "$1" = -n ] && shift\n'
                   + ("" if sudo_ok else "exit 1\n") + '"$@"')
        # npm "installs" configurable-http-proxy by creating it
        stash = tmp_path / "stash"
        stash.mkdir()
        self.write("npm", 'case "$*" in *configurable-http-proxy@*) '
                   + self._creates("configurable-http-proxy") + " ;; esac",
                   folder=stash)
        # apt-get "installs" a package by creating the programs it provides
        provides = {"bubblewrap": "bwrap", "chromium": "chromium",
                    "postgresql": "initdb pg_ctl"}
        cases = [f"  {pkg}) " + "; ".join(self._creates(x) for x in progs.split())
                 + " ;;" for pkg, progs in provides.items()]
        cases.append(f"  npm) cp {stash}/npm {self.bin}/npm ;;")
        self.write("apt-get", 'for a in "$@"; do case "$a" in\n'
                   + "\n".join(cases) + "\n  esac; done")
        for name in present:
            if name == "npm":
                shutil.copy(stash / "npm", self.bin / "npm")
            else:
                self.write(name, "true")

    def _creates(self, program: str) -> str:
        path = self.bin / program
        return f'printf "#!/bin/sh\\n" > {path}; chmod +x {path}'

    def write(self, name: str, body: str, folder: Path | None = None) -> None:
        path = (folder or self.bin) / name
        path.write_text(f'#!{BASH}\necho "{name} $*" >> {self.log}\n{body}\n')
        path.chmod(0o755)

    def run(self, command: str = "doctor", **extra: str):
        debian = self.bin.parent / "os-release"
        debian.write_text('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')
        env = {"PATH": str(self.bin), "HOME": str(self.bin.parent),
               "CLOUDSEC_PG_LIBDIR": str(self.pg_libdir),
               "CLOUDSEC_OS_RELEASE": str(debian), **extra}
        result = subprocess.run([BASH, str(ROOT / "course"), command], env=env,
                                capture_output=True, text=True, timeout=60,
                                check=False)
        calls = [line for line in self.log.read_text().splitlines()
                 if not line.startswith("id ")]
        return result, calls


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_prints_the_exact_command_and_stops_without_root_or_sudo(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000,
                      present=[p for p in EVERYTHING if p != "chromium"])
    result, calls = fake.run()
    assert result.returncode == 2, result
    assert (APT_INSTALL + "chromium") in _lines(result.stderr), result.stderr
    assert "then run ./course test again." in result.stderr
    # sudo was only asked whether it needs a password; nothing was installed
    assert calls == ["sudo -n true"], calls


def test_missing_everything_as_a_user_names_every_package(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000, present=["apt-get"])
    fake.write("apt-get", "exit 1")
    result, calls = fake.run()
    assert result.returncode == 2
    # a user never needs Node.js: only root runs the JupyterHub test
    assert (APT_INSTALL + "bubblewrap chromium postgresql"
            in _lines(result.stderr)), result.stderr
    assert "npm" not in result.stderr
    assert calls == ["sudo -n true"]


def test_ubuntu_gets_its_chromium_package(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000,
                      present=[p for p in EVERYTHING if p != "chromium"])
    ubuntu = tmp_path / "ubuntu-os-release"
    ubuntu.write_text('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n')
    result, _ = fake.run(CLOUDSEC_OS_RELEASE=str(ubuntu))
    assert (APT_INSTALL + "chromium-browser") in _lines(result.stderr)


def test_nothing_is_called_when_everything_is_present(tmp_path):
    fake = FakeSystem(tmp_path, uid=0, present=EVERYTHING)
    result, calls = fake.run()
    assert result.returncode == 0, result.stderr
    assert calls == []


def test_root_installs_what_is_missing_after_one_apt_get_update(tmp_path):
    fake = FakeSystem(tmp_path, uid=0, present=["bwrap", "initdb", "pg_ctl"])
    result, calls = fake.run()
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends chromium nodejs npm",
        "npm install -g --no-audit --no-fund configurable-http-proxy@5",
    ], calls


def test_root_with_nodesource_npm_does_not_ask_for_debian_npm(tmp_path):
    fake = FakeSystem(tmp_path, uid=0,
                      present=[p for p in EVERYTHING if p != "configurable-http-proxy"])
    result, calls = fake.run()
    assert result.returncode == 0, result.stderr
    assert calls == ["npm install -g --no-audit --no-fund configurable-http-proxy@5"]


def test_passwordless_sudo_installs(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000, present=["bwrap", "chromium"],
                      sudo_ok=True)
    result, calls = fake.run()
    assert result.returncode == 0, result.stderr
    assert calls[0] == "sudo -n true"
    assert ("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            "--no-install-recommends postgresql") in calls, calls


def test_no_install_only_prints(tmp_path):
    fake = FakeSystem(tmp_path, uid=0, present=[p for p in EVERYTHING
                                                if p != "bwrap"])
    result, calls = fake.run(COURSE_NO_INSTALL="1")
    assert result.returncode == 2
    assert (APT_INSTALL + "bubblewrap") in _lines(result.stderr)
    assert calls == []


def test_debian_postgresql_off_path_is_found(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000, present=["bwrap", "chromium"])
    server = fake.pg_libdir / "15" / "bin"
    server.mkdir(parents=True)
    for name in ("initdb", "pg_ctl"):
        (server / name).write_text("#!/bin/sh\n")
        (server / name).chmod(0o755)
    result, calls = fake.run()
    assert result.returncode == 0, result.stderr
    assert calls == []


def test_check_installs_bubblewrap_or_grades_without_the_sandbox(tmp_path):
    """``./course check`` needs only bubblewrap; without a way to install it,
    it says how and grades the learner's own copy unsandboxed (as before)."""
    fake = FakeSystem(tmp_path, uid=1000)
    script = (ROOT / "course").read_text()
    assert 'if [ "$cmd" = check ]; then ensure_system check; fi' in script
    assert "lab)\n    ensure_system check" in script
    # run only the check's part: source the functions, stop before dispatch
    functions = script.split("cmd=${1:-lab}")[0]
    runner = tmp_path / "check-only"
    runner.write_text(functions + "\nensure_system check\necho graded\n")
    env = {"PATH": str(fake.bin), "CLOUDSEC_PG_LIBDIR": str(fake.pg_libdir)}
    result = subprocess.run([BASH, str(runner)], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.stdout.strip() == "graded"
    assert (APT_INSTALL + "bubblewrap") in _lines(result.stderr)
    assert "chromium" not in result.stderr


def test_chromium_off_the_default_path_is_passed_to_the_browser_tests(tmp_path):
    fake = FakeSystem(tmp_path, uid=1000, present=["chromium"])
    script = (ROOT / "course").read_text().split("cmd=${1:-lab}")[0]
    runner = tmp_path / "chromium-only"
    runner.write_text(script + '\nhave_chromium && echo "$CLOUDSEC_CHROMIUM"\n')
    result = subprocess.run([BASH, str(runner)], env={"PATH": str(fake.bin)},
                            capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.stdout.strip() == str(fake.bin / "chromium")


def test_ci_leaves_the_installing_to_the_course():
    """CI runs the README's command and nothing else, so a fresh machine
    proves the two commands are enough."""
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in ci.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "$0")/.."',
                        "./course test"]
