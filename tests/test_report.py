"""The instructor report on a generated class whose answers are known."""

import json
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from statistics import correlation

import nbformat
import pytest
from nbgrader.api import Gradebook

from cloudsec import variants
from cloudsec.report import analyse, discrimination, main

from helpers import ROOT
from submissions import build_submission, load_sample, solution_cells

AID = "ps03-shared-responsibility"
# who is in the class: (sample name, how many students)
CLASS = [("solution", 3), ("blank", 2), ("saas_owns_nothing", 2),
         ("provider_patches_iaas", 1), ("half_done", 2)]
DUE = datetime(2026, 3, 1, 12, 0, 0)


def test_discrimination_matches_statistics_correlation():
    item, rest = [0, 1, 1, 0, 1], [3, 9, 7, 2, 8]
    assert discrimination(item, rest) == pytest.approx(correlation(item, rest))
    assert discrimination([1, 1, 1], [3, 4, 5]) is None
    assert discrimination([1], [3]) is None


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    course = tmp_path_factory.mktemp("report") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    env_bin = Path(sys.executable).parent
    env = {"PATH": f"{env_bin}:/usr/bin:/bin", "HOME": str(course)}
    subprocess.run(["nbgrader", "generate_assignment", AID, "--force"], cwd=course,
                   env=env, check=True, capture_output=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.update_or_create_assignment(AID, duedate=DUE)
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    release_nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb", as_version=4)
    points = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
              for c in source_nb.cells
              if c.metadata.get("nbgrader", {}).get("grade")
              and not c.metadata.nbgrader.get("solution")}
    expected = {}
    n = 0
    for kind, count in CLASS:
        for _ in range(count):
            n += 1
            student = f"s{n:02d}-{kind}"
            if kind == "solution":
                nb, scores = build_submission(release_nb, solution_cells(source_nb)
                                              ), dict(points)
            elif kind == "blank":
                nb, scores = release_nb, dict.fromkeys(points, 0)
            else:
                sample = load_sample(AID, kind)
                nb, scores = build_submission(release_nb, sample.CELLS), sample.EXPECTED
            folder = course / "submitted" / student / AID
            shutil.copytree(course / "release" / AID, folder)
            nbformat.write(nb, folder / f"{AID}.ipynb")
            # the first half-done student hands in two hours after the deadline
            stamp = DUE + (timedelta(hours=2) if student == "s09-half_done"
                           else -timedelta(days=1))
            (folder / "timestamp.txt").write_text(stamp.strftime(
                "%Y-%m-%d %H:%M:%S.%f UTC"))
            expected[student] = scores
    run = subprocess.run([str(env_bin / "cloudsec-autograde"), AID, "--no-progress"],
                         cwd=course, env=env, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return course, expected, points


@pytest.mark.pipeline
def test_item_statistics_match_the_known_class(graded_class):
    course, expected, points = graded_class
    result = analyse(f"sqlite:///{course / 'gradebook.db'}", course, [AID])
    (data,) = result["assignments"]
    assert data["submissions"] == sum(c for _, c in CLASS)
    items = {i["cell"]: i for i in data["items"]}
    totals = {s: sum(v.values()) for s, v in expected.items()}
    assert sorted(data["totals"]) == sorted(totals.values())
    for cell, maximum in points.items():
        scores = [expected[s][cell] for s in sorted(expected)]
        assert items[cell]["difficulty"] == pytest.approx(
            sum(scores) / (len(scores) * maximum)), cell
        rest = [totals[s] - expected[s][cell] for s in sorted(expected)]
        assert items[cell]["discrimination"] == pytest.approx(
            correlation(scores, rest)), cell
    # written answers nobody has graded yet count 0
    assert items["patch_clause"]["difficulty"] == 0


@pytest.mark.pipeline
def test_common_wrong_answers_flags_and_lateness(graded_class):
    course, _, _ = graded_class
    result = analyse(f"sqlite:///{course / 'gradebook.db'}", course, [AID])
    (data,) = result["assignments"]
    items = {i["cell"]: i for i in data["items"]}
    # ps03 has per-student variants: a misconception's wrong answer is the
    # same rule on each student's own artefacts (cloudsec.variants)
    keys = variants.read_keys(ROOT / "source" / AID)["variants"]
    saas_want, policy_want = Counter(), Counter()
    for n, kind in enumerate([k for k, c in CLASS for _ in range(c)], 1):
        k = variants.variant_of(AID, f"s{n:02d}-{kind}", len(keys))
        if kind == "saas_owns_nothing":
            saas_want[json.dumps({i: "provider" for i in sorted(
                keys[str(k)]["attribution_saas"]["select"])})] += 1
        if kind in ("saas_owns_nothing", "provider_patches_iaas"):
            space = {"policy_text": (ROOT / "source" / AID / "data" / "variants"
                                     / str(k) / "draft-policy.md").read_text()}
            exec(load_sample(AID, kind).CELLS["policy_answer"], space)  # noqa: S102
            policy_want[json.dumps(space["false_statements"])] += 1
    saas = items["attribution_saas"]["wrong_answers"]
    assert Counter({json.dumps(dict(sorted(w["answer"].items()))): w["count"]
                    for w in saas}) == saas_want
    policy = items["policy_false_found"]["wrong_answers"]
    # the learners' own lists (the grader keeps no key-derived difference)
    for answer, count in policy_want.items():
        assert {"answer": json.loads(answer), "count": count} in policy
    assert data["late"] == [{"student": "s09-half_done", "seconds": 7200.0}]
    assert data["flagged"] == []


@pytest.mark.pipeline
def test_report_command_writes_html_and_json(graded_class, tmp_path):
    course, _, _ = graded_class
    out = tmp_path / "report.html"
    assert main([AID, "--course", str(course), "--out", str(out)]) == 0
    page = out.read_text()
    assert "<h2>ps03-shared-responsibility</h2>" in page
    assert page.count("data:image/png;base64,") == 2
    assert "alt='ps03-shared-responsibility: item analysis'" in page
    data = json.loads(out.with_suffix(".json").read_text())
    assert data["assignments"][0]["submissions"] == 10
