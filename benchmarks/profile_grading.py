"""Profile: where one student's grading time goes inside a grading worker.

Builds the same temporary course as ``benchmarks/grading.py``, loads
nbgrader once as a ``cloudsec-autograde`` worker does, grades the class one
student after another in this process, and adds up the wall-clock time spent
in each step: nbgrader's bookkeeping (gradebook, copies), the sanitize and
autograde preprocessors, the sandboxed kernel's launch (scratch copy and
``bwrap``), its start-up until it answers, the cells, its shutdown, and
the verification outside the kernel. Usage::

    .venv/bin/python benchmarks/profile_grading.py [--students 12]
        [--prestart | --no-prestart]

The first student is left out of the figures (imports warm up then).
"""

from __future__ import annotations

import argparse
import functools
import inspect
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from grading import AID, build_course  # noqa: E402

TOTALS: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)
ACTIVE = {"on": False}


def _timed(owner, name: str, label: str) -> None:
    func = getattr(owner, name)

    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                if ACTIVE["on"]:
                    TOTALS[label] += time.perf_counter() - started
                    COUNTS[label] += 1
    else:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                if ACTIVE["on"]:
                    TOTALS[label] += time.perf_counter() - started
                    COUNTS[label] += 1
    setattr(owner, name, wrapper)


def instrument() -> None:
    """Wrap the steps of one student's grading with timers."""
    import nbclient.client as nbc
    from nbgrader import preprocessors as npp
    from nbgrader.api import Gradebook
    from nbgrader.converters.autograde import Autograde
    from nbgrader.converters.base import BaseConverter

    from cloudsec.grader import parallel, sandbox
    from cloudsec.grader import preprocessors as cpp

    _timed(parallel, "grade_one", "grade_one (all)")
    _timed(parallel, "_fingerprint", "fingerprint")
    _timed(parallel, "_notebook_problems", "read notebooks (problems)")
    _timed(Gradebook, "__init__", "gradebook open")
    _timed(Gradebook, "close", "gradebook close")
    _timed(Autograde, "init_assignment", "nbgrader init_assignment")
    _timed(BaseConverter, "init_destination", "nbgrader init_destination")
    _timed(BaseConverter, "set_permissions", "nbgrader set_permissions")
    _timed(sandbox.SandboxedKernelManager, "_async_launch_kernel",
           "kernel launch (scratch copy, Popen bwrap)")
    _timed(sandbox.SandboxedKernelManager, "release", "sandbox release")
    # nbconvert calls nbclient's synchronous wrappers
    _timed(nbc.NotebookClient, "start_new_kernel", "kernel start (launch)")
    _timed(nbc.NotebookClient, "start_new_kernel_client",
           "kernel until ready (wait_for_ready)")
    _timed(nbc.NotebookClient, "execute_cell", "cells (execute)")
    _timed(nbc.NotebookClient, "_cleanup_kernel", "kernel shutdown")
    shutdown = nbc.NotebookClient._cleanup_kernel

    def shutdown_counting(self):
        km = self.km
        if ACTIVE["on"] and getattr(km, "_uid", None) is not None:
            KERNEL_CPU["s"] += _uid_cpu(km._uid)
        return shutdown(self)

    nbc.NotebookClient._cleanup_kernel = shutdown_counting
    for cls in (cpp.RestoreCells, cpp.HideAnswerKey, cpp.SandboxedExecute,
                cpp.VerifyAnswers, npp.ClearOutput, npp.DeduplicateIds,
                npp.OverwriteKernelspec, npp.OverwriteCells,
                npp.CheckCellMetadata, npp.IgnorePattern,
                npp.LimitOutput,
                npp.SaveAutoGrades, npp.AssignLatePenalties):
        _timed(cls, "preprocess", f"pp {cls.__name__}")
    _timed(cpp.SandboxedExecute, "_prestart_next", "pre-start the next kernel")
    _timed(sandbox.SandboxedKernelManager, "fill_scratch",
           "fill a pre-started kernel's scratch")


KERNEL_CPU = {"s": 0.0}


def _uid_cpu(uid: int | None) -> float:
    """CPU seconds used so far by the processes running as ``uid``."""
    if uid is None:
        return 0.0
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid != uid:
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--prestart", action=argparse.BooleanOptionalAction,
                        default=None, help="pre-start the next kernel (default: "
                        "the course configuration's setting)")
    args, settings = parser.parse_known_args()
    if any(not a.startswith("--") or "." not in a for a in settings):
        parser.error(f"unknown arguments: {settings}")
    venv_bin = Path(sys.executable).parent
    os.environ["PATH"] = f"{venv_bin}{os.pathsep}{os.environ['PATH']}"
    with tempfile.TemporaryDirectory(prefix="cloudsec-profile-") as tmp:
        course = build_course(Path(tmp), args.students + 1)
        subprocess.run(["nbgrader", "generate_assignment", AID, "--force"],
                       cwd=course, check=True, capture_output=True)
        os.chdir(course)
        from cloudsec.grader import parallel

        overrides = list(settings)  # --Class.trait=value, as cloudsec-autograde
        if args.prestart is not None:
            overrides.append(f"--SandboxedExecute.prestart={args.prestart}")
        config = parallel._load_config(course, overrides, False)
        parallel._init_worker(config)
        instrument()
        students = parallel._students(parallel._API.coursedir, AID, None)
        from cloudsec.grader.prestart import POOL

        grade = parallel.grade_one
        # as a worker does: each student with the next one it will grade
        grade(AID, students[0], students[1])
        ACTIVE["on"] = True
        cpu0, started = os.times(), time.perf_counter()
        results = [grade(AID, s, nxt) for s, nxt in
                   zip(students[1:], students[2:] + [None], strict=True)]
        wall = time.perf_counter() - started
        cpu1 = os.times()
        ACTIVE["on"] = False
        used = POOL.used
        POOL.close()
    n = len(results)
    failed = [r for r in results if r["status"] != "graded"]
    print(f"{n} students graded one after another in one worker "
          f"(load average {os.getloadavg()[0]:.1f} at the end); failed: "
          f"{len(failed)}; runs that took a pre-started kernel: {used}")
    print(f"wall {wall:.2f} s = {wall / n:.3f} s/student; CPU of the worker "
          f"{(cpu1.user - cpu0.user + cpu1.system - cpu0.system) / n:.3f} "
          f"s/student, of its kernels (before shutdown) "
          f"{KERNEL_CPU['s'] / n:.3f} s/student")
    print(f"{'step':48} {'s/student':>9} {'share':>6} {'calls':>6}")
    for label, total in sorted(TOTALS.items(), key=lambda kv: -kv[1]):
        print(f"{label:48} {total / n:9.3f} {total / wall:6.1%} "
              f"{COUNTS[label]:6d}")


if __name__ == "__main__":
    main()
