"""The grader around nbgrader: answer keys, refusal without a sandbox, the
parallel command (resume, interruption) and feedback that hides the key."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from cloudsec.grader.keys import (
    HIDDEN_PLACEHOLDER,
    KeyFormatError,
    split_hidden_tests,
    strip_hidden_tests,
)

from helpers import ROOT
from submissions import build_submission, load_sample, solution_cells

AID = "ps03-shared-responsibility"
CELL = '''"""Check that x is right."""
check_list(x, "x")
### BEGIN HIDDEN TESTS
from cloudsec.grading import verify

verify("x_right", sorted(x), expected=["a", "b"])
verify("x_short", len(x), expected=2)
### END HIDDEN TESTS
'''


def test_split_keeps_the_visible_part_and_removes_the_key():
    kernel, checks = split_hidden_tests(CELL)
    assert kernel.startswith('"""Check that x is right."""\ncheck_list(x, "x")\n')
    assert "expected" not in kernel and "['a', 'b']" not in kernel
    assert "_cloudsec_grading.report('x_right', sorted(x))" in kernel
    assert [(c.name, c.kind, c.expected) for c in checks] == [
        ("x_right", "value", ["a", "b"]), ("x_short", "value", 2)]


@pytest.mark.parametrize("hidden, message", [
    ("assert x == 1", "may contain only verify"),
    ("verify('a', x)", "expected="),
    ("verify('a', x, expected=sorted(y))", "must be literals"),
    ("verify('a', x, expected=1)\nverify('a', y, expected=2)", "duplicate"),
    ("helper('a', x, expected=1)", "unknown hidden-test call"),
])
def test_split_refuses_anything_it_cannot_keep_out_of_the_kernel(hidden, message):
    cell = f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS\n"
    with pytest.raises(KeyFormatError, match=message):
        split_hidden_tests(cell)


def test_strip_hides_the_region_in_both_forms():
    kernel, _ = split_hidden_tests(CELL)
    for text in (CELL, kernel):
        stripped = strip_hidden_tests(text)
        assert "verify" not in stripped and "report" not in stripped
        assert stripped.count(HIDDEN_PLACEHOLDER) == 1
        assert stripped.startswith('"""Check that x is right."""')


def test_every_source_test_cell_follows_the_convention():
    for path in (ROOT / "source").glob("ps*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                _, checks = split_hidden_tests(cell.source)
                assert checks, f"{path.name}:{meta['grade_id']} has no hidden check"


@pytest.fixture
def small_class(course_copy, tool_env):
    """Three students (solution, blank, a typical mistake), assignment in the
    gradebook."""
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb",
                               as_version=4)
    students = {
        "ada": build_submission(release_nb, solution_cells(source_nb)),
        "bob": release_nb,
        "cy": build_submission(release_nb,
                               load_sample(AID, "provider_patches_iaas").CELLS),
    }
    for student, nb in students.items():
        folder = course_copy / "submitted" / student / AID
        shutil.copytree(course_copy / "release" / AID, folder)
        nbformat.write(nb, folder / f"{AID}.ipynb")
    gen = subprocess.run(["nbgrader", "generate_assignment", AID, "--force"],
                         cwd=course_copy, env=tool_env, capture_output=True,
                         text=True, check=False)
    assert gen.returncode == 0, gen.stderr[-2000:]
    return course_copy


def _totals(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        subs = gb.find_assignment(AID).submissions
        return sorted((s.student.id, s.score) for s in subs)


def _parallel(course, env, *args, **kwargs):
    cmd = [str(Path(sys.executable).parent / "cloudsec-autograde"), AID,
           "--no-progress", *args]
    return subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True,
                          check=False, **kwargs)


@pytest.mark.pipeline
def test_autograde_refuses_without_a_sandbox_unless_told(small_class, tool_env):
    env = dict(tool_env, CLOUDSEC_BWRAP="/nonexistent/bwrap")
    refused = subprocess.run(["nbgrader", "autograde", AID, "--force"],
                             cwd=small_class, env=env, capture_output=True,
                             text=True, check=False)
    assert refused.returncode != 0
    assert "Refusing to grade other people's code without the sandbox" in (
        refused.stdout + refused.stderr)
    assert "bubblewrap" in refused.stdout + refused.stderr
    assert not any((small_class / "autograded").rglob("*.ipynb"))
    parallel = _parallel(small_class, env)
    assert parallel.returncode == 2 and "Refusing" in parallel.stderr
    allowed = subprocess.run(
        ["nbgrader", "autograde", AID, "--force",
         "--SandboxedExecute.allow_unsafe=True"],
        cwd=small_class, env=env, capture_output=True, text=True, check=False)
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 8.0)]


@pytest.mark.pipeline
def test_parallel_grades_once_skips_unchanged_and_regrades_changed(small_class,
                                                                   tool_env):
    first = _parallel(small_class, tool_env, "--jobs", "2")
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stdout.startswith("graded 3, flagged 0, failed 0, skipped "
                                   "(unchanged) 0"), first.stdout
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 8.0)]
    again = _parallel(small_class, tool_env)
    assert again.stdout.startswith("graded 0, flagged 0, failed 0, skipped "
                                   "(unchanged) 3"), again.stdout
    # bob resubmits the solution: only bob is graded again
    ada_nb = small_class / "submitted" / "ada" / AID / f"{AID}.ipynb"
    shutil.copy(ada_nb, small_class / "submitted" / "bob" / AID / f"{AID}.ipynb")
    third = _parallel(small_class, tool_env)
    assert third.stdout.startswith("graded 1, flagged 0, failed 0, skipped "
                                   "(unchanged) 2"), third.stdout
    assert _totals(small_class) == [("ada", 18.0), ("bob", 18.0), ("cy", 8.0)]
    summary = json.loads((small_class / "autograded" /
                          f".cloudsec-summary-{AID}.json").read_text())
    assert [r["student"] for r in summary["results"]] == ["bob"]


@pytest.mark.pipeline
def test_parallel_resumes_after_interruption(small_class, tool_env):
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "cloudsec-autograde"), AID,
         "--no-progress", "--jobs", "1"],
        cwd=small_class, env=tool_env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    done = []
    while time.monotonic() < deadline and not done:
        done = list((small_class / "autograded").glob(f"*/{AID}/.cloudsec-done.json"))
        time.sleep(0.2)
    assert done, "no student was graded within two minutes"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    finished = len(list((small_class / "autograded").glob(
        f"*/{AID}/.cloudsec-done.json")))
    if proc.returncode == 130:
        assert "run the same command again to resume" in err
    resumed = _parallel(small_class, tool_env)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"skipped (unchanged) {finished}" in resumed.stdout, resumed.stdout
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 8.0)]


@pytest.mark.pipeline
def test_feedback_says_what_failed_without_revealing_the_key(small_class,
                                                             tool_env):
    assert _parallel(small_class, tool_env).returncode == 0
    feedback = subprocess.run(["nbgrader", "generate_feedback", AID, "--force"],
                              cwd=small_class, env=tool_env, capture_output=True,
                              text=True, check=False)
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    html = (small_class / "feedback" / "cy" / AID / f"{AID}.html").read_text()
    assert "Hidden test &#39;attribution_iaas&#39; did not pass" in html or (
        "Hidden test 'attribution_iaas' did not pass" in html)
    for secret in ("BEGIN HIDDEN TESTS", "expected=", "CLOUDSEC-REPORT",
                   "report_calls", "&#39;INC-2301&#39;: &#39;customer&#39;",
                   "build-01", "_cloudsec_probe"):
        assert secret not in html, secret
    assert not (small_class / "feedback" / "cy" / AID / ".cloudsec-"
                f"{AID}.json").exists()
