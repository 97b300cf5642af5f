"""A generated class of ps03 submissions whose exact outcome is known.

Used by the class-scale tests (tests/test_class_scale.py, tests/test_postgres.py)
and by ``benchmarks/class_scale.py``. Kinds of student, in rotation:

* ``right``: the instructor's solution;
* ``wrong-<sample>``: a typical wrong answer (tests/submissions/ps03);
* ``half``: half done (the ``half_done`` sample);
* ``blank``: the release notebook, untouched;
* ``hostile-<case>``: a hostile submission from tests/adversarial whose
  outcome is asserted there (kills its kernel, tampers with grading);
* ``broken-<case>``: a truncated notebook file, or no notebook at all.

Every hostile or broken student must end with a recorded reason (a flag).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from adversarial.cases import CASES, resolve
from submissions import build_submission, load_sample, sample_names, solution_cells

ROOT = Path(__file__).resolve().parent.parent
AID = "ps03-shared-responsibility"
HOSTILE = ("os-exit", "partial-credit-injection")
BROKEN = ("malformed-json", "missing-notebook")
# the grader's limits for generated classes: a hostile kernel stops fast
LIMITS = ["--Execute.timeout=20", "--SandboxedExecute.notebook_timeout=120",
          "--SandboxedExecute.interrupt_grace=3"]


@dataclass
class Student:
    """One generated student: what they hand in and what they must get."""

    id: str
    kind: str
    scores: dict[str, int]
    flags: set[str] = field(default_factory=set)
    notebook: object = None  # NotebookNode, bytes (broken file) or None


def tool_env() -> dict:
    env_bin = Path(sys.executable).parent
    return {"PATH": f"{env_bin}:/usr/bin:/bin", "HOME": "/tmp",
            "LC_ALL": "C.UTF-8"}


def kinds() -> list[Student]:
    """One student template per kind (ids are filled in by :func:`make_class`)."""
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb", as_version=4)
    full = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
            for c in source_nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata.nbgrader.get("solution")}
    solution = build_submission(release_nb, solution_cells(source_nb))
    out = [Student("", "right", dict(full), notebook=solution)]
    for name in sample_names(AID):
        sample = load_sample(AID, name)
        kind = "half" if name == "half_done" else f"wrong-{name}"
        out.append(Student("", kind, dict(sample.EXPECTED),
                           notebook=build_submission(release_nb, sample.CELLS)))
    out.append(Student("", "blank", dict.fromkeys(full, 0), notebook=release_nb))
    cases = {c.name: c for c in CASES}
    for prefix, names in (("hostile", HOSTILE), ("broken", BROKEN)):
        for name in names:
            case = cases[name]
            nb = build_submission(release_nb, {**solution_cells(source_nb),
                                               **resolve(case, {})})
            if case.mutate:
                nb = case.mutate(nb)
            out.append(Student("", f"{prefix}-{name}", case.expected(),
                               set(case.flags), notebook=nb))
    return out


def make_course(base: Path, db_url: str | None = None) -> Path:
    """A course folder with the repository's config, source and release."""
    course = base / "course"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    cmd = ["nbgrader", "generate_assignment", AID, "--force"]
    if db_url:
        cmd.append(f"--CourseDirectory.db_url={db_url}")
    subprocess.run(cmd, cwd=course, env=tool_env(), check=True,
                   capture_output=True)
    return course


def make_class(course: Path, size: int, prefix: str = "s") -> list[Student]:
    """Write ``size`` submissions into ``course/submitted``, kinds in rotation."""
    templates = kinds()
    students = []
    for i in range(size):
        t = templates[i % len(templates)]
        student = Student(f"{prefix}{i:04d}-{t.kind}", t.kind, t.scores, t.flags,
                          t.notebook)
        folder = course / "submitted" / student.id / AID
        folder.mkdir(parents=True)
        for extra in (course / "release" / AID).iterdir():
            if extra.suffix != ".ipynb":
                shutil.copy(extra, folder) if extra.is_file() else shutil.copytree(
                    extra, folder / extra.name)
        path = folder / f"{AID}.ipynb"
        if isinstance(student.notebook, bytes):
            path.write_bytes(student.notebook)
        elif student.notebook is not None:
            nbformat.write(student.notebook, path)
        students.append(student)
    return students


def gradebook_rows(db_url: str, assignment: str = AID) -> list[tuple]:
    """Every grade row: (student, notebook, grade cell, auto, manual), sorted."""
    from nbgrader.api import (
        Grade,
        Gradebook,
        GradeCell,
        Notebook,
        SubmittedAssignment,
        SubmittedNotebook,
    )

    with Gradebook(db_url) as gb:
        query = (gb.db.query(SubmittedAssignment.student_id, Notebook.name,
                             GradeCell.name, Grade.auto_score, Grade.manual_score)
                 .select_from(Grade)
                 .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
                 .join(SubmittedAssignment,
                       SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                 .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
                 .join(GradeCell, Grade.cell_id == GradeCell.id))
        return sorted(tuple(r) for r in query.all())


def check_gradebook(db_url: str, students: list[Student], course: Path) -> dict:
    """Assert the class's gradebook is exactly what it must be; return counts.

    One row per grade cell per student, none duplicated or missing; every
    autograded score equals the expected one; totals equal the expected
    totals; every hostile or broken student has a recorded reason.
    """
    from nbgrader.api import Gradebook

    from cloudsec.grader.report import verified_answers

    rows = gradebook_rows(db_url)
    keys = Counter((r[0], r[2]) for r in rows)
    duplicated = sorted(k for k, n in keys.items() if n > 1)
    cells = set(students[0].scores)
    with Gradebook(db_url) as gb:
        all_cells = {c.name for nb in gb.find_assignment(AID).notebooks
                     for c in nb.grade_cells}
        totals = {s.student.id: float(s.score or 0)
                  for s in gb.find_assignment(AID).submissions}
    missing = sorted((s.id, c) for s in students for c in all_cells
                     if (s.id, c) not in keys)
    extra = sorted({r[0] for r in rows} - {s.id for s in students})
    wrong = []
    for r in rows:
        expected = next(s for s in students if s.id == r[0]).scores
        if r[2] in cells and r[3] != expected[r[2]]:
            wrong.append((r[0], r[2], r[3], expected[r[2]]))
    bad_totals = [(s.id, totals.get(s.id), sum(s.scores.values()))
                  for s in students if totals.get(s.id) != sum(s.scores.values())]
    unexplained = []
    for s in students:
        if s.kind.startswith(("hostile", "broken")):
            recorded = {f["code"] for f in verified_answers(course, s.id, AID)[
                "flags"]}
            if not s.flags <= recorded or not recorded:
                unexplained.append((s.id, sorted(s.flags), sorted(recorded)))
    assert not duplicated, f"duplicated grade rows: {duplicated[:10]}"
    assert not missing, f"missing grade rows: {missing[:10]}"
    assert not extra, f"rows of unknown students: {extra[:10]}"
    assert not wrong, f"wrong scores (student, cell, got, expected): {wrong[:10]}"
    assert not bad_totals, f"wrong totals: {bad_totals[:10]}"
    assert not unexplained, f"hostile/broken without their reason: {unexplained}"
    kinds_count = Counter(s.kind.split("-")[0] for s in students)
    return {"students": len(students), "grade_rows": len(rows),
            "rows_per_student": len(all_cells), **kinds_count}
