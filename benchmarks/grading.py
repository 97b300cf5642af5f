"""Benchmark: grading a class of ps03 submissions, vanilla vs parallel sandboxed.

Builds a temporary course with N generated submissions (a mix of the full
solution, the typical wrong answers from tests/submissions and blanks), then
grades the class twice in one run:

1. vanilla ``nbgrader autograde`` with nbgrader's stock pipeline: no sandbox,
   one process (what nbgrader does out of the box);
2. ``cloudsec-autograde --jobs <cores>``: sandboxed kernels, answers verified
   outside the kernel, all cores.

It repeats the pair (``--repeats``, default 3), interleaved and alternating
which runs first, so that a shared machine's load falls on both sides alike,
and reports every pair's speed-up and their median (the figure to quote). It
checks the scores: the full solution and the blank score the same in both,
and vanilla never gives more (stock nbgrader gives a test cell all or none of
its points where the course's grader gives partial credit). Vanilla nbgrader
knows nothing of variants, so its kernels load variant 1, whose key the
source's hidden tests hold; the samples are rules, so a student's score is
the same on every variant.

``--before`` adds a third run to every round, ``cloudsec-autograde`` as it
was before the kernel of the next student was pre-started and kernels
ended at once (``--SandboxedExecute.prestart=False
--SandboxedExecute.shutdown_kernel=graceful``), so that both strategies
are compared under the same load. Usage::

    .venv/bin/python benchmarks/grading.py [--students 100] [--jobs 2]
        [--repeats 3] [--before]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from submissions import (  # noqa: E402
    build_submission,
    load_sample,
    sample_names,
    solution_cells,
)

AID = "ps03-shared-responsibility"
VANILLA_CONFIG = '''
# nbgrader's stock pipeline (no sandbox), with the course's other settings
exec(open("nbgrader_config.course.py").read())
from nbgrader.converters.autograde import Autograde
stock = Autograde.class_traits()
c.Autograde.sanitize_preprocessors = stock["sanitize_preprocessors"].default()
c.Autograde.autograde_preprocessors = stock["autograde_preprocessors"].default()
'''

# cloudsec-autograde's strategy before the next kernel was pre-started
BEFORE = ["--SandboxedExecute.prestart=False",
          "--SandboxedExecute.shutdown_kernel=graceful"]


def build_course(base: Path, students: int) -> Path:
    course = base / "course"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb",
                               as_version=4)
    kinds = [build_submission(release_nb, solution_cells(source_nb)), release_nb]
    kinds += [build_submission(release_nb, load_sample(AID, n).CELLS)
              for n in sample_names(AID)]
    for i in range(students):
        folder = course / "submitted" / f"student-{i:03d}" / AID
        shutil.copytree(course / "release" / AID, folder)
        nbformat.write(kinds[i % len(kinds)], folder / f"{AID}.ipynb")
    return course


def totals(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in
                gb.find_assignment(AID).submissions}


def run(cmd: list[str], course: Path, env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=course, env=env, capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", action="store_true",
                        help="also run cloudsec-autograde's previous strategy "
                             "in every round")
    args = parser.parse_args()
    venv_bin = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{venv_bin}{os.pathsep}{os.environ['PATH']}")
    pairs = []
    with tempfile.TemporaryDirectory(prefix="cloudsec-bench-") as tmp:
        base = Path(tmp)
        vanilla = build_course(base / "v", args.students)
        shutil.move(vanilla / "nbgrader_config.py",
                    vanilla / "nbgrader_config.course.py")
        (vanilla / "nbgrader_config.py").write_text(VANILLA_CONFIG)
        parallel = build_course(base / "p", args.students)
        courses = [vanilla, parallel]
        grade = [str(venv_bin / "cloudsec-autograde"), AID, "--jobs",
                 str(args.jobs), "--force", "--no-progress"]
        commands = {
            "vanilla": (["nbgrader", "autograde", AID, "--force"], vanilla),
            "parallel": (grade, parallel)}
        if args.before:
            courses.append(build_course(base / "b", args.students))
            commands["before"] = (grade + BEFORE, courses[-1])
        for course in courses:
            run(["nbgrader", "generate_assignment", AID, "--force"], course, env)
        # Vanilla nbgrader cannot grade per-student variants (its kernel
        # compares with the source's literal key, variant 1's), so its kernels
        # load variant 1; cloudsec-autograde grades each student's own
        # variant. The samples are rules, so both score a student alike.
        envs = {"vanilla": dict(env, CLOUDSEC_VARIANT="1")}
        names = list(commands)
        for i in range(args.repeats):
            # every strategy takes every place in the order in turn
            order = names[i % len(names):] + names[:i % len(names)]
            load = os.getloadavg()[0]
            times = {name: run(*commands[name], envs.get(name, env))
                     for name in order}
            pairs.append({**times, "load": load, "first": order[0]})
            line = (f"round {i + 1} ({order[0]} first, load {load:.1f}): vanilla "
                    f"{times['vanilla']:.1f} s, cloudsec-autograde "
                    f"{times['parallel']:.1f} s, speed-up "
                    f"{times['vanilla'] / times['parallel']:.2f}x")
            if args.before:
                line += (f"; before {times['before']:.1f} s, speed-up "
                         f"{times['vanilla'] / times['before']:.2f}x")
            print(line, flush=True)
        # Stock nbgrader gives a test cell all its points or none, the
        # course's grader partial credit, so they agree exactly on the full
        # solution and the blank (kinds 0 and 1) and vanilla never gives more.
        kinds = 2 + len(sample_names(AID))
        want, got = totals(vanilla), totals(parallel)
        exact = {f"student-{i:03d}" for i in range(args.students) if i % kinds < 2}
        same = (all(want[s] == got[s] for s in exact)
                and all(want[s] <= got[s] for s in want))
        partial = sum(want[s] < got[s] for s in want)
        # the strategies of cloudsec-autograde must agree whatever vanilla
        # nbgrader (which knows nothing of variants) gives
        same_cloudsec = all(totals(c) == totals(parallel) for c in courses[2:])
    ratios = [p["vanilla"] / p["parallel"] for p in pairs]
    t_vanilla = statistics.median(p["vanilla"] for p in pairs)
    t_parallel = statistics.median(p["parallel"] for p in pairs)
    print(f"class of {args.students} ps03 submissions, {os.cpu_count()} cores, "
          f"{args.repeats} interleaved pairs")
    print(f"vanilla nbgrader autograde (no sandbox, 1 process): median "
          f"{t_vanilla:7.1f} s ({t_vanilla / args.students:.2f} s/student)")
    print(f"cloudsec-autograde (sandboxed, {args.jobs} jobs):        median "
          f"{t_parallel:7.1f} s ({t_parallel / args.students:.2f} s/student)")
    if args.before:
        t_before = statistics.median(p["before"] for p in pairs)
        gains = [p["before"] / p["parallel"] for p in pairs]
        print(f"cloudsec-autograde before (no pre-start, graceful):  median "
              f"{t_before:7.1f} s ({t_before / args.students:.2f} s/student); "
              f"speed-up over vanilla: median "
              f"{statistics.median(p['vanilla'] / p['before'] for p in pairs):.2f}x")
        print(f"now against before: median {statistics.median(gains):.2f}x "
              f"faster (rounds: {', '.join(f'{r:.2f}x' for r in gains)}); "
              f"same scores now and before: {same_cloudsec}")
    print(f"speed-up: median of pairs {statistics.median(ratios):.2f}x "
          f"(pairs: {', '.join(f'{r:.2f}x' for r in ratios)})")
    print(f"scores: solution and blank the same in both, vanilla never higher: "
          f"{same}; {partial} partly right submissions score more with the "
          f"course's partial credit")


if __name__ == "__main__":
    main()
