"""The pre-started sandboxed kernel (cloudsec.grader.prestart) keeps every
grader promise.

One worker (``--jobs 1``) grades a class in name order, so each student's
kernel is started while the student before runs. A planter writes a file in
its folder and in ``/tmp``, sets an environment variable, a builtin and a
global; a crasher kills its own kernel, a hanger ignores the interrupt and
is shut down; an unreadable notebook leaves its pre-started kernel unused.
Every reader after them must see none of it, its own trusted student id,
and full marks; every run after the first must have taken a pre-started
kernel; no process of the class's kernels may outlive the run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers import ROOT, sandbox_processes
from submissions import build_submission, solution_cells

pytestmark = pytest.mark.pipeline
AID = "ps03-shared-responsibility"
AUTOGRADE = str(Path(sys.executable).parent / "cloudsec-autograde")

LOOK = '''
import builtins as _b, json as _j, os as _o, pathlib as _p
print("LEAK-CHECK " + _j.dumps({
    "student": _o.environ.get("CLOUDSEC_STUDENT"),
    "env": _o.environ.get("PLANTED"),
    "builtin": getattr(_b, "planted_by", None),
    "global": "planted_global" in globals(),
    "files": sorted(x.name for x in _p.Path(".").iterdir()),
    "tmp": sorted(_o.listdir("/tmp")),
}))
'''
PLANT = '''
import builtins as _b, os as _o
open("planted.txt", "w").write("x")
open("/tmp/planted.txt", "w").write("x")
_o.environ["PLANTED"] = _o.environ.get("CLOUDSEC_STUDENT", "?")
_b.planted_by = _o.environ.get("CLOUDSEC_STUDENT", "?")
planted_global = 1
'''
CRASH = '''
import os as _o, signal as _s
_o.kill(_o.getpid(), _s.SIGKILL)
'''
HANG = '''
import signal as _s
_s.signal(_s.SIGINT, _s.SIG_IGN)
while True:
    pass
'''


def _leak_checks(course: Path, student: str) -> list[dict]:
    path = course / "autograded" / student / AID / f"{AID}.ipynb"
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            for line in out.get("text", "").splitlines():
                if line.startswith("LEAK-CHECK "):
                    found.append(json.loads(line[len("LEAK-CHECK "):]))
    return found


def _processes_of(token: str) -> list[int]:
    """Sandbox processes whose trusted environment names one of our
    students (other graders on this machine use the same uids)."""
    pids = []
    for pid in sandbox_processes():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if token.encode() in environ:
            pids.append(pid)
    return pids


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    token = secrets.token_hex(4)
    course = tmp_path_factory.mktemp("prestart") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb",
                               as_version=4)
    right = solution_cells(source_nb)
    first = "attribution_answer"
    kinds = {"a-planter": PLANT + LOOK, "b-reader": LOOK,
             "c-crasher": PLANT + CRASH, "d-reader": LOOK,
             "e-hanger": PLANT + HANG, "f-broken": None, "g-reader": LOOK,
             "h-reader": LOOK}
    students = {}
    for kind, extra in kinds.items():
        student = f"{kind}-{token}"
        students[kind] = student
        folder = course / "submitted" / student / AID
        shutil.copytree(course / "release" / AID, folder)
        if extra is None:
            (folder / f"{AID}.ipynb").write_text("{ not a notebook")
            continue
        cells = dict(right, **{first: extra + "\n" + right[first]})
        nbformat.write(build_submission(release_nb, cells),
                       folder / f"{AID}.ipynb")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    gen = subprocess.run(["nbgrader", "generate_assignment", AID, "--force"],
                         cwd=course, env=env, capture_output=True, text=True,
                         check=False)
    assert gen.returncode == 0, gen.stderr[-2000:]
    run = subprocess.run(
        [AUTOGRADE, AID, "--jobs", "1", "--no-progress", "--Execute.timeout=3",
         "--SandboxedExecute.interrupt_grace=2"],
        cwd=course, env=env, capture_output=True, text=True, timeout=600,
        check=False)
    summary = json.loads((course / "autograded" /
                          f".cloudsec-summary-{AID}.json").read_text())
    return {"course": course, "students": students, "run": run,
            "results": {r["student"]: r for r in summary["results"]},
            "leftovers": _processes_of(token)}


def test_the_planter_saw_its_own_plants(graded):
    # the check can see a plant: in the planter's own kernel it does
    [seen] = _leak_checks(graded["course"], graded["students"]["a-planter"])
    assert seen["env"] == seen["builtin"] == graded["students"]["a-planter"]
    assert seen["global"] and "planted.txt" in seen["files"]
    assert "planted.txt" in seen["tmp"]


@pytest.mark.parametrize("kind", ["b-reader", "d-reader", "g-reader",
                                  "h-reader"])
def test_nothing_of_the_students_before_reaches_the_next(graded, kind):
    student = graded["students"][kind]
    [seen] = _leak_checks(graded["course"], student)
    assert "planted.txt" not in seen.pop("tmp")
    assert seen == {"student": student, "env": None, "builtin": None,
                    "global": False, "files": ["data"]}
    result = graded["results"][student]
    assert result["status"] == "graded" and result["flags"] == []


def test_every_run_after_the_first_took_a_prestarted_kernel(graded):
    results, students = graded["results"], graded["students"]
    assert results[students["a-planter"]]["prestarted"] == 0
    # the broken notebook never runs: the kernel started for it is killed
    # unused, and the student after starts a fresh one
    assert results[students["f-broken"]]["prestarted"] == 0
    assert results[students["g-reader"]]["prestarted"] == 0
    for kind in ("b-reader", "c-crasher", "d-reader", "e-hanger", "h-reader"):
        assert results[students[kind]]["prestarted"] == 1, kind


def test_a_crash_or_a_hang_is_its_own_students_only(graded):
    results, students = graded["results"], graded["students"]
    assert "kernel_died" in results[students["c-crasher"]]["flags"]
    assert "kernel_stuck" in results[students["e-hanger"]]["flags"]
    assert "notebook_unreadable" in results[students["f-broken"]]["flags"]
    assert graded["run"].returncode == 0, graded["run"].stderr[-3000:]


def test_no_kernel_of_the_class_outlives_the_run(graded):
    assert graded["leftovers"] == []


class _FakeKernel:
    def __init__(self, alive=True):
        self.has_kernel, self._alive, self.released = True, alive, False

    async def is_alive(self):
        return self._alive

    async def shutdown_kernel(self, now=False):
        self._alive = False

    def release(self):
        self.released = True
        return []


def test_the_pool_hands_a_kernel_only_to_the_run_it_was_started_for():
    from cloudsec.grader.prestart import KernelPool

    pool = KernelPool()
    pool.expect(["ann", "bo"])
    kept = _FakeKernel()
    pool.put(("bo", "env of bo"), kept)
    assert pool.take("ann", ("ann", "env of ann")) is None  # not ann's
    assert kept.released and not kept._alive
    dead = _FakeKernel(alive=False)
    pool.put(("bo", "env of bo"), dead)
    assert pool.take("bo", ("bo", "env of bo")) is None and dead.released
    fresh = _FakeKernel()
    pool.put(("bo", "env of bo"), fresh)
    assert pool.take("bo", ("bo", "env of bo")) is fresh
    assert pool.take("bo", ("bo", "env of bo")) is None  # never twice
    left = _FakeKernel()
    pool.put(("cy", "env of cy"), left)
    pool.close()
    assert left.released and pool.ready_manager() is None


def test_a_dead_worker_fails_only_the_students_it_had_claimed(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    for i in range(8):
        shutil.copytree(course / "release" / AID,
                        course / "submitted" / f"s{i}" / AID)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    subprocess.run(["nbgrader", "generate_assignment", AID, "--force"],
                   cwd=course, env=env, capture_output=True, check=True)
    grader = subprocess.Popen([AUTOGRADE, AID, "--jobs", "2", "--no-progress"],
                              cwd=course, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not list((course / "autograded").glob(f"*/{AID}/.cloudsec-done.json")):
        assert time.monotonic() < deadline and grader.poll() is None
        time.sleep(0.1)
    workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(grader.pid)],
                             capture_output=True, text=True).stdout.split()
    os.kill(int(workers[0]), signal.SIGKILL)
    out, err = grader.communicate(timeout=300)
    summary = json.loads((course / "autograded" /
                          f".cloudsec-summary-{AID}.json").read_text())
    results = {r["student"]: r for r in summary["results"]}
    assert sorted(results) == [f"s{i}" for i in range(8)], out + err
    failed = [r for r in results.values() if r["status"] == "failed"]
    assert 1 <= len(failed) <= 2, out
    assert all(r["error"].startswith("worker: died") for r in failed)
    assert grader.returncode == 1
