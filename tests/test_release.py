"""release/ is exactly what nbgrader generates from source/, leaks nothing,
and the instructor's solutions pass while the blank release fails."""

import filecmp
import subprocess

import nbformat
import pytest

from helpers import ROOT, assignment_ids

pytestmark = pytest.mark.pipeline
ASSIGNMENTS = assignment_ids()
LEAK_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS",
                "END HIDDEN TESTS", "BEGIN MARK SCHEME", "Mark scheme",
                "Model answer", "expected=", "verify(", "verify_calls(")


def nbgrader(args, cwd, env):
    result = subprocess.run(["nbgrader", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=600,
                            check=False)
    return result


def test_every_assignment_has_a_release():
    assert ASSIGNMENTS, "no assignments in source/"
    for aid in ASSIGNMENTS:
        assert (ROOT / "release" / aid / f"{aid}.ipynb").exists(), aid


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_is_regenerated_identically(aid, course_copy, tool_env):
    fresh = course_copy / "release-fresh"
    result = nbgrader(["generate_assignment", aid, "--force",
                       f"--CourseDirectory.release_directory={fresh.name}"],
                      course_copy, tool_env)
    assert result.returncode == 0, result.stderr[-3000:]
    committed = ROOT / "release" / aid
    cmp = filecmp.dircmp(committed, fresh / aid, ignore=["__pycache__"])
    problems = []

    def walk(d, prefix=""):
        problems.extend(f"only in committed: {prefix}{n}" for n in d.left_only)
        problems.extend(f"only in regenerated: {prefix}{n}" for n in d.right_only)
        _, mismatch, errors = filecmp.cmpfiles(d.left, d.right, d.common_files,
                                               shallow=False)
        problems.extend(f"differs: {prefix}{n}" for n in mismatch + errors)
        for name, sub in d.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp)
    assert not problems, ("release/ is out of date with source/; run "
                          f"`nbgrader generate_assignment {aid} --force`: "
                          + "; ".join(problems))


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_contains_no_solution_hidden_test_or_mark_scheme(aid):
    for path in (ROOT / "release" / aid).rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            for marker in LEAK_MARKERS:
                assert marker not in text, f"{path}: contains {marker!r}"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_stubs_every_answer_cell(aid):
    nb = nbformat.read(ROOT / "release" / aid / f"{aid}.ipynb", as_version=4)
    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers
    for cell in answers:
        assert ("raise NotImplementedError()" in cell.source
                or cell.source == "YOUR ANSWER HERE"), cell.metadata.nbgrader


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_validates_and_release_fails_every_test(aid, course_copy, tool_env):
    src = course_copy / "source" / aid / f"{aid}.ipynb"
    rel = course_copy / "release" / aid / f"{aid}.ipynb"
    ok = nbgrader(["validate", str(src)], src.parent, tool_env)
    assert "Success! Your notebook passes all the tests." in ok.stdout, (
        ok.stdout[-3000:] + ok.stderr[-2000:])
    inv = nbgrader(["validate", "--invert", str(rel)], rel.parent, tool_env)
    assert "Success! The notebook does not pass any tests." in inv.stdout, (
        inv.stdout[-3000:] + inv.stderr[-2000:])
