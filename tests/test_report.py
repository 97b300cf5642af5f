"""The instructor report on a generated class whose answers are known."""

import ast
import csv
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from statistics import correlation

import nbformat
import pytest
import yaml
from nbgrader.api import Gradebook

from cloudsec import variants
from cloudsec.grader.report import (
    CANVAS_COLUMNS,
    _variants,
    analyse,
    answer_keys,
    canvas_csv,
    discrimination,
    distribution_figure,
    main,
    render_html,
    said_key,
    wrong_items,
)

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
    # per variant: who had it, and every grade cell's mean among them
    by_variant = defaultdict(list)
    for student in expected:
        by_variant[str(_variant_of(student))].append(student)
    got = {v["variant"]: v for v in data["variants"]}
    assert set(got) == set(by_variant)
    for k, students in by_variant.items():
        assert got[k]["students"] == sorted(students)
        means = {c["cell"]: c["mean"] for c in got[k]["cells"]}
        for cell in points:
            assert means[cell] == pytest.approx(
                sum(expected[s][cell] for s in students) / len(students)), (k, cell)


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
    # distribution, item analysis, items most often wrong (no variants yet)
    # distribution, items, missed items, and attempts/scores per variant
    assert page.count("data:image/png;base64,") == 4
    assert 'alt="ps03-shared-responsibility: item analysis"' in page
    # every figure has its text equivalent
    assert page.count("<figcaption>") == 4
    assert "Students per total-score band" in page
    data = json.loads(out.with_suffix(".json").read_text())
    assert data["assignments"][0]["submissions"] == 10


def test_wrong_items_per_kind_of_check():
    assert wrong_items({"a": "x", "b": "y"}, {"a": "x", "b": "z"}) == [("b", "y")]
    assert wrong_items({"a": "x"}, {"a": "x", "b": "z"}) == [("b", None)]
    assert wrong_items(["P3", "P9"], ["P3", "P5"], "finds_all") == [("P5", None)]
    assert wrong_items(["P3", "P9"], ["P3", "P5"], "no_false_alarms") == [
        ("P9", None)]
    assert wrong_items({"F3": "data"}, {"F3": "configuration"}, "mapping",
                       accept={"F3": ["data"]}) == []
    assert wrong_items({"a": "x", "b": "q"}, {"a": "y", "b": "z"}, "mapping",
                       select=["a"]) == [("a", "x")]
    assert wrong_items([[1], [2]], [[1], [3]]) == [("call 2", [2])]
    assert wrong_items([{"value": [1]}, {"value": [2]}], [[1], [3]],
                       calls=True) == [("call 2", [2])]
    assert wrong_items(5, 4) == [("answer", 5)]
    assert wrong_items(4, 4) == []


def _misconception_of(sample) -> str:
    """The sample's docstring names its misconception: "A learner who ..."."""
    doc = ast.get_docstring(ast.parse(Path(sample.__file__).read_text()))
    first = " ".join(doc.split("\n\n")[0].split())
    return first.removeprefix("A learner who ").split(". ")[0].rstrip(".")


def _variant_of(student: str) -> int:
    keys = variants.read_keys(ROOT / "source" / AID)["variants"]
    return variants.variant_of(AID, student, len(keys))


@pytest.mark.pipeline
def test_report_names_the_items_and_misconceptions(graded_class):
    """Check that each variant's items are named with their variant, counted
    among that variant's students, and that the belief behind them is named
    whichever incidents the variant has."""
    course, _, _ = graded_class
    shutil.copy(ROOT / "misconceptions.yaml", course)
    result = analyse(f"sqlite:///{course / 'gradebook.db'}", course, [AID])
    (data,) = result["assignments"]
    items = {i["cell"]: i for i in data["items"]}
    saas = items["attribution_saas"]["missed_items"]
    # the saas_owns_nothing students said "provider" for every SaaS incident
    # whose key is "customer", in their own variant
    students = [f"s{n:02d}-{kind}" for n, kind in enumerate(
        [k for k, c in CLASS for _ in range(c)], 1)]
    want = set()
    for student in students:
        if student.endswith("saas_owns_nothing"):
            k = _variant_of(student)
            key = answer_keys(ROOT, AID, k)["attribution_saas"]["attribution_saas"]
            want |= {f"{i} (variant {k})" for i, owner in key.expected.items()
                     if owner == "customer"}
    top = {m["item"] for m in saas}
    assert top and top <= want, (top, want)
    for miss in saas:
        assert miss["said"] == "provider"
        assert miss["misconception"] == \
            "believes that in SaaS the customer owns nothing"
        group = sum(_variant_of(s) == miss["variant"] for s in students
                    if not s.endswith("blank"))
        assert miss["percent"] == round(100 * miss["count"] / group)
        assert miss["text"] == f"{miss['item']}: {miss['percent']}% said provider"
    page = render_html(result)
    assert saas[0]["text"] in page
    assert "believes that in SaaS the customer owns nothing" in page


@pytest.mark.pipeline
def test_misconceptions_file_names_every_sample_in_every_variant(graded_class):
    """misconceptions.yaml (ps03, written for variant 1) names, for every
    sample's wrong mapping item in the student's own variant, the belief the
    sample's docstring names (carried over by key value and answer)."""
    from cloudsec.grader.report import _patterns, verified_answers

    course, _, _ = graded_class
    committed = yaml.safe_load((ROOT / "misconceptions.yaml").read_text())
    patterns = _patterns(committed[AID], answer_keys(ROOT, AID, 1))
    checked = 0
    for folder in sorted((course / "submitted").iterdir()):
        kind = folder.name.split("-", 1)[1]
        if kind in ("solution", "blank", "half_done"):
            continue
        belief = _misconception_of(load_sample(AID, kind))
        keys = answer_keys(ROOT, AID, _variant_of(folder.name))
        record = verified_answers(course, folder.name, AID)
        for cell, answers in record["answers"].items():
            for check, answer in answers.items():
                spec = keys[cell][check]
                if record["checks"][cell][check] is not False or not isinstance(
                        spec.expected, dict):
                    continue
                for item, said in wrong_items(answer, spec.expected, spec.kind,
                                              spec.select, spec.accept):
                    truth = json.dumps(spec.expected[item], sort_keys=True)
                    named = patterns.get((cell, truth, said_key(said)), "")
                    assert belief in named.split("; "), (folder.name, cell, item)
                    checked += 1
    assert checked >= 4


def test_counts_are_on_whole_number_ticks_with_labels():
    data = {"assignment": "ps", "max": 18, "submissions": 3,
            "totals": [3.0, 18.0, 18.0], "items": [], "variants": []}
    fig = distribution_figure(data)
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    ticks = [t for t in ax.get_yticks() if 0 <= t <= 2]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks


def _result(variants):
    return {"assignments": [{
        "assignment": "ps99", "max": 10, "submissions": 4,
        "totals": [2.0, 4.0, 8.0, 10.0], "variants": variants,
        "items": [{"cell": "q1", "max": 10, "difficulty": 0.6,
                   "discrimination": None, "wrong_answers": [],
                   "missed_items": []}],
        "flagged": [], "late": []}]}


def test_variant_column_only_when_variants_exist():
    plain = render_html(_result([]))
    assert "Variants" not in plain and "per variant" not in plain
    page = render_html(_result([
        {"variant": "a", "attempts": 2, "mean": 3.0, "max": 10, "totals": [2, 4],
         "cells": [{"cell": "q1", "max": 10, "mean": 3.0}],
         "students": ["s1", "s2"]},
        {"variant": "b", "attempts": 2, "mean": 9.0, "max": 10,
         "totals": [8, 10], "cells": [{"cell": "q1", "max": 10, "mean": 9.0}],
         "students": ["s3", "s4"]}]))
    assert "<h3>Variants</h3>" in page
    assert "ps99: scores per variant" in page
    assert "variant a: 2 attempts, mean 3.0 of 10" in page
    # every grade cell's mean per variant, and who had which variant
    assert '<th scope="col">q1 (of 10)</th>' in page
    assert "<td>9.00</td>" in page
    assert "<h3>Which variant each student had</h3>" in page
    assert "<tr><td>b</td><td>s3, s4</td></tr>" in page


def test_variants_give_each_cells_mean_and_students():
    """An unfair variant shows as a grade cell whose mean stands out; the
    students are listed under the variant they had (numbers in order)."""
    rows = [
        {"student": "s1", "variant": 2, "total": 6.0, "scores": {"q1": 4.0, "q2": 2.0}},
        {"student": "s2", "variant": 10, "total": 10.0,
         "scores": {"q1": 6.0, "q2": 4.0}},
        {"student": "s3", "variant": 2, "total": 2.0, "scores": {"q1": 2.0}},
        {"student": "s4", "variant": None, "total": 0.0, "scores": {}},
    ]
    out = _variants(rows, [("q1", 6.0), ("q2", 4.0)], 10.0)
    assert [v["variant"] for v in out] == ["2", "10"]
    two = out[0]
    assert two["attempts"] == 2 and two["mean"] == 4.0
    assert two["students"] == ["s1", "s3"]
    assert two["cells"] == [{"cell": "q1", "max": 6.0, "mean": 3.0},
                            {"cell": "q2", "max": 4.0, "mean": 1.0}]
    assert out[1]["cells"][1]["mean"] == 4.0
    assert _variants([rows[3]], [("q1", 6.0)], 6.0) == []


def test_report_html_escapes_what_students_wrote():
    result = _result([])
    result["assignments"][0]["flagged"] = [
        {"student": "<script>x</script>", "reasons": ["r"], "codes": ["c"]}]
    page = render_html(result)
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


@pytest.mark.pipeline
def test_canvas_csv_has_canvas_import_layout(graded_class, tmp_path):
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID,
    Section, then one column per assignment; students matched by login."""
    course, expected, _ = graded_class
    db = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(db) as gb:
        gb.update_or_create_student("s01-solution", first_name="Ada",
                                    last_name="Lovelace", lms_user_id="4242")
    out = canvas_csv(db, tmp_path / "canvas.csv", section="CS-301")
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CANVAS_COLUMNS + [AID]
    assert rows[1][:5] == ["Points Possible", "", "", "", ""]
    assert float(rows[1][5]) == pytest.approx(sum(
        c.metadata.nbgrader["points"] for c in nbformat.read(
            ROOT / "source" / AID / f"{AID}.ipynb", as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("grade")))
    students = {r[3]: r for r in rows[2:]}
    assert set(students) == set(expected)
    assert students["s01-solution"][:5] == ["Lovelace, Ada", "4242", "",
                                            "s01-solution", "CS-301"]
    for student, scores in expected.items():
        assert float(students[student][5]) == sum(scores.values()), student
