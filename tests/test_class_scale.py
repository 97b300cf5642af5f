"""A generated class, graded whole: nothing lost, nothing doubled, on SQLite
and on a real PostgreSQL server, uninterrupted and after a SIGKILL.

The class (tests/classgen.py) mixes right, typical wrong, half-done, blank,
hostile and broken submissions whose exact scores are known. For every run:
one gradebook row per grade cell per student, none duplicated or missing,
every score and total as expected, every hostile or broken student with its
recorded reason. The runs are then compared row by row: killed half way and
restarted gives the same gradebook as uninterrupted; PostgreSQL (written by
``nbgrader autograde`` and ``cloudsec-autograde --jobs 2`` at the same time)
gives the same gradebook as SQLite. ``benchmarks/class_scale.py`` is the
500-student version of the same checks.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from classgen import (
    AID,
    BROKEN,
    LIMITS,
    check_gradebook,
    gradebook_rows,
    make_class,
    make_course,
    tool_env,
)
from helpers import sandbox_processes
from postgres import PostgresMissing, throwaway_postgres

pytestmark = pytest.mark.pipeline
SIZE = 18  # two of every kind
AUTOGRADE = str(Path(sys.executable).parent / "cloudsec-autograde")


def _sqlite(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def _grade(course: Path, *extra: str, timeout: float = 900
           ) -> subprocess.CompletedProcess:
    return subprocess.run([AUTOGRADE, AID, "--jobs", "2", "--no-progress", *LIMITS,
                           *extra], cwd=course, env=tool_env(), capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def sqlite_class(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("sqlite"))
    students = make_class(course, SIZE)
    run = _grade(course)
    # a hostile student is flagged, not failed: the batch exits 0
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return course, students


def test_sqlite_class_has_exactly_the_expected_gradebook(sqlite_class):
    course, students = sqlite_class
    counts = check_gradebook(_sqlite(course), students, course)
    assert counts["students"] == SIZE
    assert counts["grade_rows"] == SIZE * counts["rows_per_student"]
    assert {"right", "wrong", "half", "blank", "hostile", "broken"} <= set(counts)


def _done(course: Path) -> int:
    return len(list((course / "autograded").glob(f"*/{AID}/.cloudsec-done.json")))


def test_sigkill_half_way_then_restart_gives_the_same_gradebook(
        sqlite_class, tmp_path):
    reference, students = sqlite_class
    course = make_course(tmp_path)
    make_class(course, SIZE)
    before = set(sandbox_processes())
    grader = subprocess.Popen(
        [AUTOGRADE, AID, "--jobs", "2", "--no-progress", *LIMITS], cwd=course,
        env=tool_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 600
    while _done(course) < SIZE // 2 and grader.poll() is None:
        assert time.monotonic() < deadline, "grading made no progress"
        time.sleep(0.2)
    assert grader.poll() is None, "grading finished before it could be killed"
    os.killpg(grader.pid, signal.SIGKILL)  # the grader and its workers at once
    grader.wait()
    killed_at = _done(course)
    assert SIZE // 2 <= killed_at < SIZE
    # kernels running at that moment lost their grader (they would run on to
    # their own limits): stop them, as the instructor's next run would not
    for pid in set(sandbox_processes()) - before:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    run = _grade(course)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    summary = json.loads((course / "autograded" /
                          f".cloudsec-summary-{AID}.json").read_text())
    # only the students not finished before the kill were graded again
    assert len(summary["results"]) == SIZE - killed_at
    check_gradebook(_sqlite(course), students, course)
    assert gradebook_rows(_sqlite(course)) == gradebook_rows(_sqlite(reference))


def test_missing_postgresql_fails_with_the_install_hint(tmp_path, monkeypatch):
    from postgres import bindir

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PostgresMissing, match="apt-get install -y postgresql"):
        bindir(debian=tmp_path)


@pytest.fixture(scope="module")
def postgres_url():
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresMissing as exc:
        pytest.fail(str(exc))


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["nbgrader", *args], cwd=course, env=tool_env(),
                          capture_output=True, text=True, timeout=900, check=False)


def test_postgres_whole_pipeline_same_as_sqlite(sqlite_class, postgres_url,
                                                tmp_path):
    reference, students = sqlite_class
    db = f"--CourseDirectory.db_url={postgres_url}"
    course = make_course(tmp_path, postgres_url)
    make_class(course, SIZE)
    # stock nbgrader autograde takes the well-formed half of the class, one
    # student after another, while cloudsec-autograde --jobs 2 grades the rest:
    # three processes write the one PostgreSQL gradebook at the same time
    broken = tuple(f"broken-{b}" for b in BROKEN)
    by_nbgrader = [s.id for i, s in enumerate(students)
                   if i % 2 == 0 and not s.kind.startswith(broken)]
    by_cloudsec = [s.id for s in students if s.id not in by_nbgrader]
    failures: list[str] = []

    def stock():
        for student in by_nbgrader:
            run = _nbgrader(course, "autograde", AID, f"--student={student}",
                            "--force", db, *LIMITS)
            if run.returncode:
                failures.append(f"{student}: {run.stderr[-2000:]}")

    thread = threading.Thread(target=stock)
    thread.start()
    run = _grade(course, db, *(f"--student={s}" for s in by_cloudsec))
    thread.join()
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert not failures, failures
    check_gradebook(postgres_url, students, course)
    assert gradebook_rows(postgres_url) == gradebook_rows(_sqlite(reference))

    feedback = _nbgrader(course, "generate_feedback", AID, "--force", db)
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    graded = [s for s in students if (course / "autograded" / s.id / AID /
                                      f"{AID}.ipynb").exists()]
    for s in graded:
        assert (course / "feedback" / s.id / AID / f"{AID}.html").exists(), s.id

    export = _nbgrader(course, "export", "--to", "grades.csv", db)
    assert export.returncode == 0, export.stderr[-3000:]
    with (course / "grades.csv").open(newline="") as handle:
        exported = {r["student_id"]: float(r["score"]) for r in csv.DictReader(
            handle) if r["assignment"] == AID}
    assert exported == {s.id: float(sum(s.scores.values())) for s in students}

    out = tmp_path / "report.html"
    report = subprocess.run(
        [str(Path(sys.executable).parent / "cloudsec-report"), AID, "--course",
         str(course), "--db", postgres_url, "--out", str(out)],
        env=tool_env(), capture_output=True, text=True, timeout=300, check=False)
    assert report.returncode == 0, report.stderr[-3000:]
    (data,) = json.loads(out.with_suffix(".json").read_text())["assignments"]
    assert data["totals"] == sorted(float(sum(s.scores.values()))
                                    for s in students)
    flagged = {f["student"] for f in data["flagged"]}
    assert {s.id for s in students if s.kind.startswith(("hostile", "broken"))
            } <= flagged
