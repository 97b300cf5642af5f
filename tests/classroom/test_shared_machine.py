"""The whole nbgrader loop on one shared machine, with real Unix accounts.

An instructor and four students are created; classroom/setup-shared-machine.sh
(the set-up the README recommends) prepares homes, exchange and config; then
every step runs as the account that would run it: generate, release, fetch,
submit (and resubmit), collect, autograde (sandboxed, parallel), a hand grade,
feedback, fetch feedback, export. Asserted on the way: what students cannot
read, list, rename or forge.

ps03 has per-student variants (issue 16): the accounts are named so that the
students get different variants; each student's own notebook, run as their
account, prints their variant; each is graded against their own variant's
key; and fay, who submits ana's answers (another variant), scores what they
are worth on her own variant and is flagged in the grader's outcome and the
class report.
"""

import csv
import io
import json
import os
import pwd
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from . import variant_checks as vc
from .accounts import accounts, require, run_as, shared_venv
from helpers import ROOT
from submissions import build_submission, load_sample, solution_cells

pytestmark = pytest.mark.classroom
AID = "ps03-shared-responsibility"
COURSE_ID = "cloudsec-d3"


@pytest.fixture(scope="module")
def classroom():
    require(root=True, tools=("bwrap",))
    venv = shared_venv("test")
    base = Path(f"/tmp/cloudsec-classroom-{secrets.token_hex(4)}")
    base.mkdir(mode=0o755)
    names = ("inst", "ana", "ben", "cy", "dee", "fay")
    try:
        with accounts(*names) as users:
            inst, *students = users
            exchange, config = base / "exchange", base / "config"
            course = Path(pwd.getpwnam(inst).pw_dir) / "cloudsec-course"
            subprocess.run(
                [str(ROOT / "classroom" / "setup-shared-machine.sh"),
                 "--instructor", inst, "--students", " ".join(students),
                 "--exchange", str(exchange), "--config-dir", str(config),
                 "--course-dir", str(course), "--venv", str(venv),
                 "--profile", str(base / "profile.sh")],
                check=True, capture_output=True, text=True, timeout=600)
            env = {"JUPYTER_CONFIG_PATH": str(config)}
            yield {"inst": inst, "students": students, "exchange": exchange,
                   "course": course, "env": env, "base": base}
    finally:
        shutil.rmtree(base, ignore_errors=True)
        subprocess.run(["groupdel", f"{COURSE_ID}-instructors"], capture_output=True,
                       check=False)


def _as(c, user, command, **kw):
    cwd = str(c["course"]) if user == c["inst"] else None
    return run_as(user, command, env=c["env"], cwd=cwd, **kw)


def _write_answers(c, student, cells):
    """The student edits the fetched notebook in their home."""
    home = Path(pwd.getpwnam(student).pw_dir)
    path = home / AID / f"{AID}.ipynb"
    nb = build_submission(nbformat.read(path, as_version=4), cells)
    nbformat.write(nb, path)
    uid = pwd.getpwnam(student).pw_uid
    os.chown(path, uid, uid)


def _inbound(c):
    return c["exchange"] / COURSE_ID / "inbound"


def test_set_up_permissions_are_the_recommended_ones(classroom):
    c = classroom
    assert (os.stat(c["exchange"]).st_mode & 0o7777) == 0o1777
    assert (os.stat(_inbound(c)).st_mode & 0o7777) == 0o3733
    for user in [c["inst"], *c["students"]]:
        home = pwd.getpwnam(user).pw_dir
        assert (os.stat(home).st_mode & 0o777) == 0o700, user
    assert (os.stat(c["course"]).st_mode & 0o777) == 0o700


def test_the_whole_loop(classroom):
    c = classroom
    inst, (ana, ben, cy, dee, fay) = c["inst"], c["students"]
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    solution = solution_cells(source_nb)
    patches = load_sample(AID, "provider_patches_iaas")
    mistaken = patches.CELLS
    # the variant of each account (cst-ana, ...): they must differ, and fay
    # copies from a classmate of another variant
    assigned = {s: vc.variant(s) for s in (ana, ben, cy, fay)}
    assert len(set(assigned.values())) >= 3, assigned
    assert assigned[fay] != assigned[ana], assigned
    full = vc.points(source_nb)
    copied_worth = vc.copied_worth(assigned[ana], assigned[fay], full)

    _as(c, inst, f"nbgrader generate_assignment {AID} --force")
    _as(c, inst, f"nbgrader release_assignment {AID} --force")
    for student in (ana, ben, cy, fay):
        _as(c, student, f"nbgrader fetch_assignment {AID}")
    # each student's own notebook, its setup cell run in a kernel as their
    # account (no id given: the course takes the Unix account), shows their
    # own variant
    for student in (ana, ben, cy, fay):
        shown = _as(c, student, f"cd {AID} && python - {AID}.ipynb <<'PY'\n"
                                f"{vc.RUN_SETUP}\nPY")
        assert vc.shown_variant(shown.stdout) == (assigned[student], vc.pool()), (
            student, shown.stdout, shown.stderr[-2000:])

    # ana submits the solution; ben submits a blank, then resubmits the solution
    _write_answers(c, ana, solution)
    _as(c, ana, f"nbgrader submit {AID}")
    _as(c, ben, f"nbgrader submit {AID}")
    time.sleep(1.1)
    _write_answers(c, ben, solution)
    _as(c, ben, f"nbgrader submit {AID}")
    # fay pastes ana's answers (ana's variant) into her own notebook
    _write_answers(c, fay, vc.copied_cells(solution, assigned[ana]))
    _as(c, fay, f"nbgrader submit {AID}")

    # students cannot list the inbound folder or read each other's work
    listing = _as(c, ana, f"ls {_inbound(c)}", check=False)
    assert listing.returncode != 0, "a student could list the submissions"
    ben_dirs = sorted(p for p in _inbound(c).iterdir() if p.name.startswith(ben))
    peek = _as(c, ana, f"cat '{ben_dirs[-1]}/{AID}.ipynb'", check=False)
    assert peek.returncode != 0 and "Permission denied" in peek.stderr, peek.stdout
    # ...nor rename or delete them (the inbound folder is sticky)
    moved = _as(c, ana, f"mv '{ben_dirs[-1]}' '{_inbound(c)}/{ana}+{AID}+mine'",
                check=False)
    assert moved.returncode != 0 and ben_dirs[-1].is_dir(), "a student renamed " \
        "another's submission"
    # ...nor the instructor's hidden tests or gradebook
    for secret in (c["course"] / "source" / AID / f"{AID}.ipynb",
                   c["course"] / "gradebook.db"):
        assert _as(c, ana, f"cat '{secret}'", check=False).returncode != 0, secret
    # ...nor rename or delete the course's exchange folders
    course_x = c["exchange"] / COURSE_ID
    assert _as(c, ana, f"mv '{course_x}' '{c['exchange']}/gone'",
               check=False).returncode != 0
    assert _as(c, ana, f"rm -rf '{course_x}/inbound'", check=False).returncode != 0
    assert course_x.is_dir() and _inbound(c).is_dir()
    # ana plants a "newer" submission in ben's name: it must be ignored
    _as(c, ana, f"mkdir '{_inbound(c)}/{ben}+{AID}+2099-01-01 00:00:00.000000 UTC+x'"
                f" && echo '{{}}' > '{_inbound(c)}/{ben}+{AID}+2099-01-01 "
                f"00:00:00.000000 UTC+x/{AID}.ipynb'")

    # the deadline passes; cy submits late and then forges an early timestamp.
    # The due date has whole seconds: wait so it falls after the last on-time
    # submission rather than in the same second.
    time.sleep(1.1)
    due = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    _as(c, inst, f"nbgrader db assignment add {AID} --duedate='{due} UTC'")
    time.sleep(2)
    _write_answers(c, cy, mistaken)
    _as(c, cy, f"nbgrader submit {AID}")
    cy_dir = next(p for p in _inbound(c).iterdir() if p.name.startswith(cy))
    forged = "2000-01-01 00:00:00.000000 UTC"
    _as(c, cy, f"echo '{forged}' > '{cy_dir}/timestamp.txt' && "
               f"mv '{cy_dir}' '{_inbound(c)}/{cy}+{AID}+{forged}+zz'")

    _as(c, inst, f"nbgrader collect {AID}")
    graded = _as(c, inst, f"cloudsec-autograde {AID} --no-progress --jobs 2")
    assert "graded 4, flagged 1, failed 0" in graded.stdout, graded.stdout
    assert f"flagged {fay}: variant_mismatch" in graded.stdout, graded.stdout
    # each graded against their own variant (the trusted id is the submission
    # folder's), whatever the notebook says
    for student in (ana, ben, cy, fay):
        outcome = json.loads((c["course"] / "autograded" / student / AID /
                              f".cloudsec-{AID}.json").read_text())
        assert outcome["variant"] == assigned[student], (student, outcome)
        codes = {f["code"] for f in outcome["flags"]}
        assert ("variant_mismatch" in codes) == (student == fay), (student, codes)
        if student == fay:
            detail = next(f["detail"] for f in outcome["flags"]
                          if f["code"] == "variant_mismatch")
            assert detail.startswith(f"answers fit variant {assigned[ana]} "), detail
            assert f"assigned variant {assigned[fay]} " in detail, detail
    # a hand grade for ana's written answer, as formgrader would store it
    _as(c, inst, "python - <<'PY'\n"
                 "from nbgrader.api import Gradebook\n"
                 f"with Gradebook('sqlite:///{c['course']}/gradebook.db') as gb:\n"
                 f"    g = gb.find_grade('patch_clause', '{AID}', '{AID}', '{ana}')\n"
                 "    g.manual_score = 3\n"
                 "    gb.db.commit()\n"
                 "PY")
    _as(c, inst, f"nbgrader generate_feedback {AID}")
    _as(c, inst, f"nbgrader release_feedback {AID}")
    _as(c, ana, f"nbgrader fetch_feedback {AID}")
    feedback = list(Path(pwd.getpwnam(ana).pw_dir, AID, "feedback").rglob("*.html"))
    assert feedback, "ana received no feedback"
    assert "BEGIN HIDDEN TESTS" not in feedback[0].read_text()
    other = list(Path(pwd.getpwnam(ben).pw_dir).rglob("feedback/*/*.html"))
    assert not other, "ben received feedback without fetching it"

    export = _as(c, inst, "nbgrader export --to=grades.csv >/dev/null 2>&1 && "
                          "cat grades.csv")
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(export.stdout))}
    assert float(rows[ana]["score"]) == 18 + 3
    assert float(rows[ben]["score"]) == 18, "the resubmission must replace the blank"
    assert float(rows[cy]["score"]) == sum(patches.EXPECTED.values())
    assert float(rows[dee]["score"]) == 0, "a student who never submitted"
    assert float(rows[fay]["score"]) == sum(copied_worth.values()), (
        rows[fay], copied_worth)
    # the class report names the copier, and groups the scores by variant
    _as(c, inst, f"cloudsec-report {AID} --out report.html")
    report = json.loads((c["course"] / "report.json").read_text())
    (section,) = report["assignments"]
    flagged = {f["student"]: f["codes"] for f in section["flagged"]}
    assert "variant_mismatch" in flagged.get(fay, []), flagged
    assert not any("variant_mismatch" in flagged.get(s, []) for s in (ana, ben, cy))
    by_variant = {int(v["variant"]): v["attempts"] for v in section["variants"]}
    submitted = [assigned[s] for s in (ana, ben, cy, fay)]
    assert by_variant == {k: submitted.count(k) for k in submitted}, by_variant
    assert float(rows[cy]["raw_score"]) == sum(patches.EXPECTED.values())
    db = f"sqlite:///{c['course']}/gradebook.db"
    late = _as(c, inst, "python - <<'PY'\n"
                        "import json\n"
                        "from nbgrader.api import Gradebook\n"
                        f"with Gradebook('{db}') as gb:\n"
                        f"    a = gb.find_assignment('{AID}')\n"
                        "    print(json.dumps({s.student.id: s.total_seconds_late "
                        "for s in a.submissions}))\n"
                        "PY")
    lateness = json.loads(late.stdout.strip().splitlines()[-1])
    assert lateness[cy] > 0, "lateness must come from arrival, not the forged stamp"
    assert lateness[ana] == 0 and lateness[ben] == 0
