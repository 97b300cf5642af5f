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

verify("x_right", x, kind="unordered", expected=["a", "b"])
verify("x_first", answers["Q1"], expected=2)
### END HIDDEN TESTS
'''


def test_split_keeps_the_visible_part_and_removes_the_key():
    kernel, checks = split_hidden_tests(CELL)
    assert kernel.startswith('"""Check that x is right."""\ncheck_list(x, "x")\n')
    assert "expected" not in kernel and "'a'" not in kernel and "2" not in kernel
    assert "unordered" not in kernel
    assert "_cloudsec_grading.report('x_right', lambda: x)" in kernel
    assert "_cloudsec_grading.report('x_first', lambda: answers['Q1'])" in kernel
    assert [(c.name, c.kind, c.expected) for c in checks] == [
        ("x_right", "unordered", ["a", "b"]), ("x_first", "equal", 2)]


# Each hidden region the old grader accepted (or a new way to slip key material
# or computation into the kernel), with the words of the refusal.
REFUSED = [
    # the kernel would compute with the key
    ("verify('a', sorted(set(['k1', 'k2']) - set(x)), expected=[])",
     "bare name or a name subscripted"),
    ("verify('a', {k: x[k] for k in ['k1', 'k2']}, expected={'k1': 1, 'k2': 2})",
     "bare name or a name subscripted"),
    ("verify('a', len(x), expected=2)", "bare name or a name subscripted"),
    ("verify('a', x == 'B', expected=True)", "bare name or a name subscripted"),
    ("verify('a', x[0:2], expected=[1, 2])", "bare name or a name subscripted"),
    ("verify('a', x[k], expected=1)", "bare name or a name subscripted"),
    ("verify('a', answers.get('Q1'), expected='B')", "bare name or a name subscripted"),
    ("verify('a', x.attr, expected=1)", "bare name or a name subscripted"),
    ("verify('a', x + 1, expected=2)", "bare name or a name subscripted"),
    ("verify('a', [v for v in x], expected=[])", "bare name or a name subscripted"),
    ("verify('a', (lambda: x)(), expected=1)", "bare name or a name subscripted"),
    # inputs of a function check compute nothing either
    ("verify_calls('a', f, inputs=[{'n': n} for n in [1, 2]], expected=[1, 2])",
     "inputs must be a list of dicts"),
    ("verify_calls('a', f, inputs=[{'n': len(y)}], expected=[1])",
     "inputs must be a list of dicts"),
    ("verify_calls('a', f, inputs=[{'n': 1}], expected=[1, 2])",
     "1 inputs but 2 expected"),
    ("verify_calls('a', f(), inputs=[{'n': 1}], expected=[1])",
     "bare name or a name subscripted"),
    ("verify_calls('a', f, expected=[1])", "needs inputs"),
    # everything but the reference is a literal
    ("verify('a', x, expected=sorted(y))", "must be a literal"),
    ("verify('a', x, expected=1, kind=KIND)", "must be a literal"),
    ("verify('a', x, expected=[1], select=['a'] + ['b'])", "must be a literal"),
    ("verify(name, x, expected=1)", "must be a literal"),
    ("verify('a', x, **spec)", "no \\*\\*keywords"),
    ("verify('a', x, expected=1, secret=2)", "unknown keyword"),
    ("verify('a', x)", "expected=... is missing"),
    ("verify('a', x, 1)", "two positional arguments"),
    # the spec itself must make sense
    ("verify('a', x, kind='fuzzy', expected=1)", "kind must be one of"),
    ("verify('a', x, expected=1, credit='some')", "credit must be"),
    ("verify('a', x, expected='B', credit='proportional')", "proportional credit"),
    ("verify('a', x, kind='mapping', expected=[1])", "needs a dict"),
    ("verify('a', x, kind='finds_all', expected={'a': 1})", "needs a list"),
    ("verify('a', x, kind='mapping', select=['z'], expected={'a': 1})",
     "select names keys"),
    ("verify('a', x, kind='finds_all', select=['a'], expected=['a'])",
     "select is a list"),
    ("verify('a', x, expected=1, field='party')", "field is a str"),
    ("verify('a', x, expected=1, weight=0)", "weight must be"),
    ("verify('a', x, expected=1.0, tol=-1)", "tol must be"),
    # nothing else in the region
    ("assert x == 1", "may contain only verify"),
    ("y = x\nverify('a', y, expected=1)", "may contain only verify"),
    ("import builtins\nverify('a', x, expected=1)", "may contain only verify"),
    ("from cloudsec.grading import verify as v\nv('a', x, expected=1)",
     "without renaming"),
    ("from cloudsec.grading import report\nverify('a', x, expected=1)",
     "without renaming"),
    ("verify('a', x, expected=1)\nverify('a', y, expected=2)", "duplicate"),
    ("helper('a', x, expected=1)", "unknown hidden-test call"),
    ("g.verify('a', x, expected=1)", "unknown hidden-test call"),
    ("", "must contain a verify call"),
]


@pytest.mark.parametrize("hidden, message", REFUSED,
                         ids=[h.split("\n")[-1][:50] or "empty" for h, _ in REFUSED])
def test_split_refuses_anything_it_cannot_keep_out_of_the_kernel(hidden, message):
    cell = f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS\n"
    with pytest.raises(KeyFormatError, match=message):
        split_hidden_tests(cell)


ACCEPTED = [
    "verify('a', x, expected=1)",
    "verify('a', answers['Q1'], expected='B')",
    "verify('a', report['summary'][0], expected=-1.5, tol=0.01)",
    "verify('a', x, kind='mapping', select=['k'], field='party', "
    "expected={'k': {'party': 'c'}}, accept={'k': ['d']}, credit='proportional', "
    "weight=2)",
    "verify_calls('a', f, inputs=[{'rows': data, 'n': -1, 'd': {'k': rows[0]}}], "
    "expected=[[1]], kind='sequence', credit='proportional')",
]


@pytest.mark.parametrize("hidden", ACCEPTED)
def test_split_accepts_the_protocol_and_the_kernel_gets_no_literal_of_the_key(
        hidden):
    cell = f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS\n"
    kernel, (check,) = split_hidden_tests(cell)
    for marker in ("expected", "kind=", "select", "accept", "tol", "credit",
                   "weight", "field"):
        assert marker not in kernel
    compile(kernel, "cell", "exec")


def test_a_key_can_come_from_a_file():
    from cloudsec.grader.keys import key_table, specs_from_json

    _, checks = split_hidden_tests(CELL)
    table = key_table({"cell": checks})
    assert specs_from_json(json.loads(table)) == {"cell": checks}


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
                kernel, checks = split_hidden_tests(cell.source)
                assert checks, f"{path.name}:{meta['grade_id']} has no hidden check"
                for check in (c for c in checks if not c.calls):
                    # (a function check's results are made of its inputs)
                    for item in _key_items(check.expected):
                        hidden = kernel.split("begin_hidden()", 1)[-1]
                        assert repr(item) not in hidden, (meta["grade_id"], item)


def _key_items(expected):
    """Every string of a key, as it would appear in code."""
    if isinstance(expected, str):
        yield expected
    elif isinstance(expected, list):
        for item in expected:
            yield from _key_items(item)
    elif isinstance(expected, dict):
        for key, item in expected.items():
            yield key
            yield from _key_items(item)


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
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 12.5)]


@pytest.mark.pipeline
def test_parallel_grades_once_skips_unchanged_and_regrades_changed(small_class,
                                                                   tool_env):
    first = _parallel(small_class, tool_env, "--jobs", "2")
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stdout.startswith("graded 3, flagged 0, failed 0, skipped "
                                   "(unchanged) 0"), first.stdout
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 12.5)]
    again = _parallel(small_class, tool_env)
    assert again.stdout.startswith("graded 0, flagged 0, failed 0, skipped "
                                   "(unchanged) 3"), again.stdout
    # bob resubmits the solution: only bob is graded again
    ada_nb = small_class / "submitted" / "ada" / AID / f"{AID}.ipynb"
    shutil.copy(ada_nb, small_class / "submitted" / "bob" / AID / f"{AID}.ipynb")
    third = _parallel(small_class, tool_env)
    assert third.stdout.startswith("graded 1, flagged 0, failed 0, skipped "
                                   "(unchanged) 2"), third.stdout
    assert _totals(small_class) == [("ada", 18.0), ("bob", 18.0), ("cy", 12.5)]
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
    assert _totals(small_class) == [("ada", 18.0), ("bob", 0.0), ("cy", 12.5)]


@pytest.mark.pipeline
def test_feedback_says_what_failed_without_revealing_the_key(small_class,
                                                             tool_env):
    assert _parallel(small_class, tool_env).returncode == 0
    feedback = subprocess.run(["nbgrader", "generate_feedback", AID, "--force"],
                              cwd=small_class, env=tool_env, capture_output=True,
                              text=True, check=False)
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    html = (small_class / "feedback" / "cy" / AID / f"{AID}.html").read_text()
    assert ("Hidden test 'attribution_iaas': 3 of 4 graded items are right"
            in html.replace("&#39;", "'")), html[-3000:]
    assert "Scored 1.5 of 2 points" in html
    for secret in ("BEGIN HIDDEN TESTS", "expected=", "CLOUDSEC-REPORT",
                   "report_calls", "&#39;INC-2301&#39;: &#39;customer&#39;",
                   "build-01", "_cloudsec_probe"):
        assert secret not in html, secret
    assert not (small_class / "feedback" / "cy" / AID / ".cloudsec-"
                f"{AID}.json").exists()


def test_what_the_learners_code_prints_in_the_hidden_part_is_not_shown():
    from nbformat.v4 import new_code_cell, new_output

    from cloudsec.grader.preprocessors import _visible_outputs
    from cloudsec.grading import HIDDEN_MARK

    cell = new_code_cell("x")
    cell.outputs = [
        new_output("stream", name="stdout", text="form ok\n"),
        new_output("stream", name="stdout",
                   text=f"more\n{HIDDEN_MARK}\nhidden input: INC-2301\n"),
        new_output("display_data", data={"text/plain": "INC-2302"}),
        new_output("stream", name="stdout", text="INC-2303\n"),
    ]
    shown = json.dumps(_visible_outputs(cell))
    assert "form ok" in shown and "more" in shown
    assert "INC-23" not in shown and HIDDEN_MARK not in shown


def test_every_sandbox_setting_says_what_it_does():
    from cloudsec.grader.preprocessors import SandboxedExecute

    own = set(SandboxedExecute.class_own_traits(config=True))
    assert own, "SandboxedExecute has settings"
    for name in own:
        assert SandboxedExecute.class_traits()[name].help, name


def test_no_release_notebook_holds_a_key_in_any_form():
    import hashlib
    import re

    for path in (ROOT / "release").glob("ps*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        # no digests or encodings of anything (the old ps07 shipped salted hashes)
        blobs = re.findall(r"[0-9a-fA-F]{16,}|[A-Za-z0-9+/]{24,}={0,2}", text)
        assert not blobs, f"{path.name}: {blobs[:3]}"
        for q in range(1, 9):
            for letter in "ABCD":
                digest = hashlib.sha256(f"ps07-Q{q}:{letter}".encode()).hexdigest()
                assert digest[:16] not in text, path.name


def test_the_grader_can_take_the_key_from_a_file(tmp_path):
    from nbformat.v4 import new_code_cell, new_notebook

    from cloudsec.grader.keys import key_table
    from cloudsec.grader.preprocessors import HideAnswerKey

    cell = new_code_cell(CELL)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False,
                                 "grade_id": "x_cell", "points": 2}
    _, checks = split_hidden_tests(CELL)
    other = [type(c)(**{**c.__dict__, "expected": ["z"] if c.name == "x_right"
                        else c.expected}) for c in checks]
    path = tmp_path / "keys.json"
    path.write_text(key_table({"x_cell": other}))
    nb, resources = HideAnswerKey(key_file=str(path)).preprocess(
        new_notebook(cells=[cell]), {})
    assert resources["cloudsec_checks"]["x_cell"] == other
    assert "'z'" not in "".join(c.source for c in nb.cells)
