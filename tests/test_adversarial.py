"""The adversarial corpus, graded by the parallel sandboxed grader.

One temporary course, one run of ``cloudsec-autograde`` over every case in
``tests/adversarial/cases.py`` plus two control students graded before and
after them. Asserted: each case's score per grade cell and its flags; nothing
it tried to read or write got through; the controls keep full marks; the
course files are unchanged; no process outlives grading; nothing connected to
the grader's machine.
"""

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from cloudsec.grader.outcome import read_outcome
from cloudsec.grader.sandbox import check_available

from adversarial.cases import CASES, FULL, leak_markers, resolve
from helpers import ROOT, sandbox_processes
from submissions import build_submission, solution_cells

pytestmark = pytest.mark.pipeline
AID = "ps03-shared-responsibility"
CONTROLS = ("aaa-control", "zzz-control")
LIMITS = ["--Execute.timeout=6", "--SandboxedExecute.cpu_seconds=30",
          "--SandboxedExecute.memory_bytes=1500000000",
          "--SandboxedExecute.notebook_timeout=120",
          "--SandboxedExecute.interrupt_grace=3",
          "--SandboxedExecute.max_processes=32"]


def _tree_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for base in paths:
        for path in sorted(p for p in base.rglob("*") if p.is_file()) if \
                base.is_dir() else [base]:
            digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def _sandbox_processes() -> list[str]:
    return [f"{pid} (uid {uid})" for pid, uid in sandbox_processes().items()]


class Listener:
    """A TCP listener on loopback that records any connection."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    ok, why = check_available()
    assert ok, f"the sandbox is needed for this test: {why}"
    course = tmp_path_factory.mktemp("adversarial") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    secret = "grader-secret-" + secrets.token_hex(8)
    env["CLOUDSEC_TEST_SECRET"] = secret
    gen = subprocess.run(["nbgrader", "generate_assignment", AID, "--force"],
                         cwd=course, env=env, capture_output=True, text=True,
                         check=False)
    assert gen.returncode == 0, gen.stderr[-2000:]

    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb",
                               as_version=4)
    solution = solution_cells(source_nb)
    listener = Listener()
    ctx = {"port": listener.port, "secret": secret, "solution": solution}

    def submit(student, nb):
        folder = course / "submitted" / student / AID
        shutil.copytree(course / "release" / AID, folder)
        target = folder / f"{AID}.ipynb"
        if nb is None:
            target.unlink()
        elif isinstance(nb, bytes):
            target.write_bytes(nb)
        else:
            nbformat.write(nb, target)

    for student in CONTROLS:
        submit(student, build_submission(release_nb, solution))
    for case in CASES:
        nb = build_submission(release_nb, {**solution, **resolve(case, ctx)})
        submit(case.name, case.mutate(nb) if case.mutate else nb)

    protected = (course / "source", course / "release",
                 course / "nbgrader_config.py")
    before = _tree_hash(*protected)
    run = subprocess.run(
        [str(Path(sys.executable).parent / "cloudsec-autograde"), AID, "--jobs",
         "2", "--no-progress", *LIMITS],
        cwd=course, env=env, capture_output=True, text=True, timeout=1500,
        check=False)
    listener.close()
    yield {"course": course, "run": run, "ctx": ctx, "before": before,
           "after": _tree_hash(*protected), "listener": listener,
           "leftovers": _sandbox_processes()}


def _scores(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission_notebook(AID, AID, student)
        return {g.name: g.auto_score for g in sub.grades if g.name in FULL}


def _flags(course, student):
    outcome = read_outcome(course / "autograded" / student / AID, AID) or {}
    return {f["code"] for f in outcome.get("flags", [])}, outcome


def test_corpus_is_big_enough():
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


def test_grading_run_completes_and_reports_every_student(graded):
    run = graded["run"]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    summary = run.stdout.strip().splitlines()
    assert summary and summary[0].startswith(
        f"graded {len(CASES) + len(CONTROLS)}, "), run.stdout[-2000:]
    assert "failed 0" in summary[0]


@pytest.mark.parametrize("student", CONTROLS)
def test_controls_keep_full_marks_and_no_flags(graded, student):
    assert _scores(graded["course"], student) == FULL
    flags, _ = _flags(graded["course"], student)
    assert flags == set(), f"false alarm on a clean submission: {flags}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_outcome(graded, case):
    course = graded["course"]
    scores = _scores(course, case.name)
    assert scores == case.expected(), (
        f"{case.name} ({case.description}): scores differ from expected: "
        + ", ".join(f"{k} {scores.get(k)} != {v}"
                    for k, v in case.expected().items() if scores.get(k) != v))
    flags, outcome = _flags(course, case.name)
    assert outcome, f"{case.name}: no outcome recorded"
    assert case.flags <= flags, f"{case.name}: missing flags {case.flags - flags}"
    if case.clean:
        assert flags == set(), f"{case.name}: unexpected flags {flags}"
    for flag in outcome.get("flags", []):
        assert flag["reason"], "every flag carries a readable reason"
    # what the grader kept: every output and the outcome (the student's own
    # source naturally contains the marker strings)
    folder = course / "autograded" / case.name / AID
    kept = json.dumps(outcome)
    if (folder / f"{AID}.ipynb").exists():
        nb = json.loads((folder / f"{AID}.ipynb").read_text())
        kept += json.dumps([c.get("outputs", []) for c in nb["cells"]])
    for marker in leak_markers(case, graded["ctx"]):
        assert marker not in kept, f"{case.name}: {marker!r} got through"


def test_course_files_unchanged(graded):
    assert graded["before"] == graded["after"]


def test_nothing_outlives_grading(graded):
    assert graded["leftovers"] == []


def test_no_connection_reached_the_grader_machine(graded):
    assert graded["listener"].connections == 0


def test_feedback_copy_has_no_hidden_tests_or_answer_keys(graded):
    nb = (graded["course"] / "autograded" / "aaa-control" / AID / f"{AID}.ipynb"
          ).read_text()
    for marker in ("BEGIN HIDDEN TESTS", "expected=", "CLOUDSEC-REPORT",
                   "_cloudsec_grading", "_cloudsec_probe"):
        assert marker not in nb, marker


# --- attacks on the protocol, for every assignment ------------------------------
# One autograde run per assignment: a sample with mistakes as it is, and the
# same answers with each attack of tests/adversarial/attacks.py. Every grade
# cell must score what it scores without the attack, and the feedback must
# show no item of any key that the plain feedback does not show.

from cloudsec import variants  # noqa: E402
from cloudsec.grader.keys import split_hidden_tests  # noqa: E402

from adversarial.attacks import ATTACKS, BASES  # noqa: E402
from helpers import assignment_ids  # noqa: E402
from submissions import load_sample  # noqa: E402


def _key_strings(source_nb, extra=()) -> set[str]:
    """Every string of every key of the assignment (keys and values), and of
    ``extra`` (the key entries of a variant)."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)

    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            for check in split_hidden_tests(cell.source)[1]:
                walk(check.expected)
    walk(list(extra))
    return found


def _on_variant_of(aid, name, base="base"):
    """A student id named after ``name`` that has the variant of ``base``
    (variants follow the id), so every attack runs on the base's artefacts and
    its feedback is compared with what the same answers show on them."""
    keys = variants.read_keys(ROOT / "source" / aid)
    if keys is None or name == base:
        return name
    want, i = variants.variant_of(aid, base, keys["n"]), 0
    while variants.variant_of(aid, f"{name}-{i}", keys["n"]) != want:
        i += 1
    return f"{name}-{i}"


def _with_attack(cells, release_nb, attack):
    """Answer cells with the attack at the top of the first answer cell."""
    first = next(c.metadata.nbgrader["grade_id"] for c in release_nb.cells
                 if c.metadata.get("nbgrader", {}).get("solution"))
    stub = next(c.source for c in release_nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == first)
    return {**cells, first: attack + "\n" + cells.get(first, stub)}


@pytest.fixture(scope="module", params=assignment_ids(), ids=lambda a: a[:4])
def attacked(request, tmp_path_factory):
    ok, why = check_available()
    assert ok, f"the sandbox is needed for this test: {why}"
    aid = request.param
    course = tmp_path_factory.mktemp("attacks") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    gen = subprocess.run(["nbgrader", "generate_assignment", aid, "--force"],
                         cwd=course, env=env, capture_output=True, text=True,
                         check=False)
    assert gen.returncode == 0, gen.stderr[-2000:]
    source_nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / aid / f"{aid}.ipynb",
                               as_version=4)
    short = aid.split("-")[0]
    assert short in BASES, (f"{short} has no base sample for the attacks: name one "
                            "in tests/adversarial/attacks.py BASES")
    cells = load_sample(aid, BASES[short]).CELLS
    students = {"base": cells}
    students.update({name: _with_attack(cells, release_nb, code)
                     for name, code in ATTACKS.items()})
    ids = {name: _on_variant_of(aid, name) for name in students}
    for student, answer_cells in students.items():
        folder = course / "submitted" / ids[student] / aid
        shutil.copytree(course / "release" / aid, folder)
        nbformat.write(build_submission(release_nb, answer_cells),
                       folder / f"{aid}.ipynb")
    run = subprocess.run(
        [str(Path(sys.executable).parent / "cloudsec-autograde"), aid, "--jobs",
         "2", "--no-progress"], cwd=course, env=env, capture_output=True,
        text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    keys = variants.read_keys(ROOT / "source" / aid)
    entry = keys["variants"][str(variants.variant_of(aid, "base", keys["n"]))] \
        if keys else {}
    out = {"aid": aid, "scores": {}, "shown": {}, "flags": {},
           "keys": _key_strings(source_nb, (e["expected"] for e in entry.values()))}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            sub = gb.find_submission_notebook(aid, aid, ids[student])
            out["scores"][student] = {g.name: g.auto_score for g in sub.grades
                                      if g.auto_score is not None}
    for student in students:
        nb = json.loads((course / "autograded" / ids[student] / aid
                         / f"{aid}.ipynb").read_text())
        # everything the student will see in the feedback besides the source
        shown = json.dumps([c.get("outputs", []) for c in nb["cells"]])
        out["shown"][student] = {k for k in out["keys"] if json.dumps(k) in shown
                                 or repr(k) in shown}
        meta = read_outcome(course / "autograded" / ids[student] / aid, aid) or {}
        out["flags"][student] = {f["code"] for f in meta.get("flags", [])}
    return out


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attack_scores_what_the_same_answers_score_without_it(attacked, attack):
    base, got = attacked["scores"]["base"], attacked["scores"][attack]
    assert base, "the base submission was not graded"
    diff = {cell: (base[cell], got.get(cell)) for cell in base
            if got.get(cell) != base[cell]}
    assert not diff, f"{attacked['aid']} {attack}: (without, with) {diff}"


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attack_reads_no_key_item_from_the_feedback(attacked, attack):
    leaked = attacked["shown"][attack] - attacked["shown"]["base"]
    assert not leaked, f"{attacked['aid']} {attack} read {sorted(leaked)[:10]}"


def test_attacks_on_builtins_are_flagged_as_evidence(attacked):
    assert "builtins_shadowed" in attacked["flags"]["shadow"]
    assert "builtins_patched" in attacked["flags"]["patch-builtins"]
    assert not attacked["flags"]["base"] - {"report_missing"}
