"""The real nbgrader pipeline on sample submissions, with exact scores.

A temporary course gets the repository's config, source and release; sample
submissions are built from the release notebook (a learner only edits answer
cells); ``nbgrader autograde`` grades them all and the gradebook is read back.
"""

import shutil
import subprocess

import nbformat
import pytest
from nbgrader.api import Gradebook

from helpers import ROOT, assignment_ids
from submissions import build_submission, load_sample, sample_names, solution_cells

pytestmark = pytest.mark.pipeline


def _grade_points(source_nb):
    return {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
            for c in source_nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _autograded_ids(source_nb):
    return [c.metadata.nbgrader["grade_id"] for c in source_nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata.nbgrader.get("solution")]


def _students(aid, source_nb, release_nb):
    """student id -> (notebook, expected autograded scores)"""
    points = _grade_points(source_nb)
    auto = _autograded_ids(source_nb)
    students = {
        "full-solution": (build_submission(release_nb, solution_cells(source_nb)),
                          {g: points[g] for g in auto}),
        "blank": (release_nb, dict.fromkeys(auto, 0)),
    }
    written = {"full-solution"}
    for name in sample_names(aid):
        sample = load_sample(aid, name)
        assert set(sample.EXPECTED) == set(auto), f"{name}: EXPECTED must list {auto}"
        student = name.replace("_", "-")
        students[student] = (build_submission(release_nb, sample.CELLS),
                             sample.EXPECTED)
        if any(g not in auto and g in points for g in sample.CELLS):
            written.add(student)
    return students, written


@pytest.mark.parametrize("aid", assignment_ids())
def test_autograde_gives_exact_scores(aid, course_copy, tool_env):
    source_nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / aid / f"{aid}.ipynb", as_version=4)
    students, written = _students(aid, source_nb, release_nb)
    assert len(students) >= 5, "need a solution, a blank and >= 3 samples"

    gen = subprocess.run(["nbgrader", "generate_assignment", aid, "--force"],
                         cwd=course_copy, env=tool_env, capture_output=True,
                         text=True, timeout=600, check=False)
    assert gen.returncode == 0, gen.stderr[-3000:]
    for student, (nb, _) in students.items():
        folder = course_copy / "submitted" / student / aid
        shutil.copytree(course_copy / "release" / aid, folder)
        nbformat.write(nb, folder / f"{aid}.ipynb")

    run = subprocess.run(["nbgrader", "autograde", aid, "--force"],
                         cwd=course_copy, env=tool_env, capture_output=True,
                         text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stderr[-5000:]

    points = _grade_points(source_nb)
    manual = [g for g in points if g not in _autograded_ids(source_nb)]
    assert manual, "every assignment needs a manually graded answer"
    problems = []
    with Gradebook(f"sqlite:///{course_copy / 'gradebook.db'}") as gb:
        for student, (_, expected) in students.items():
            sub = gb.find_submission_notebook(aid, aid, student)
            got = {g.name: g.auto_score for g in sub.grades}
            for gid, score in expected.items():
                if got.get(gid) != score:
                    problems.append(f"{student}/{gid}: expected {score}, "
                                    f"got {got.get(gid)}")
            for gid in manual:
                grade = gb.find_grade(gid, aid, aid, student)
                # a written answer waits for a human; an untouched one scores 0
                if grade.needs_manual_grade != (student in written):
                    problems.append(f"{student}/{gid}: needs_manual_grade is "
                                    f"{grade.needs_manual_grade}")
                if student not in written and grade.auto_score != 0:
                    problems.append(f"{student}/{gid}: blank answer not 0")
            total = sum(expected.values())
            if sub.score != total:
                problems.append(f"{student}: total {sub.score} != {total}")
    assert not problems, "\n".join(problems)
