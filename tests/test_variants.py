"""Per-student variants (issue 16): the pool, its keys, and grading by variant.

Fast tests check the rule that picks a variant, that the committed pool is
what each generator writes, that variants and keys all differ, and that no
key reaches a release. The pipeline tests grade a class whose students have
different variants with the real ``nbgrader autograde`` (sandboxed): the
reference solution, the blank and every rule-based sample misconception on
every variant, and a student who submits a classmate's answers.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from cloudsec import variants

from helpers import ROOT
from submissions import build_submission, load_sample, sample_names, solution_cells

VARIANT_IDS = sorted(p.parent.parent.name for p in (ROOT / "source").glob(
    "ps*/.variants/generator.py"))
PS03 = "ps03-shared-responsibility"


def _notebook(kind, aid):
    return nbformat.read(ROOT / kind / aid / f"{aid}.ipynb", as_version=4)


def _check_names(aid):
    from cloudsec.grader.keys import split_hidden_tests

    names = set()
    for cell in _notebook("source", aid).cells:
        if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
            names |= {c.name for c in split_hidden_tests(cell.source)[1]}
    return names


def test_ps03_has_variants():
    assert PS03 in VARIANT_IDS


def test_variant_rule_is_the_documented_sha256():
    for student in ("alice", "bob", "s01", "ébène"):
        digest = hashlib.sha256(f"{PS03}/{student}".encode()).hexdigest()
        assert variants.variant_of(PS03, student, 8) == int(digest, 16) % 8 + 1
    seen = {variants.variant_of(PS03, f"student{i}", 8) for i in range(200)}
    assert seen == set(range(1, 9))
    doc = (ROOT / "docs" / "grading-design.md").read_text()
    assert "sha256(\"<assignment>/<student id>\")" in doc


def test_student_id_prefers_the_graders_trusted_id(monkeypatch, tmp_path):
    (tmp_path / variants.STUDENT_FILE).write_text("me-self-paced\n")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    monkeypatch.setenv(variants.STUDENT_ENV, "trusted")
    assert variants.student_id(tmp_path) == "trusted"
    monkeypatch.delenv(variants.STUDENT_ENV)
    assert variants.student_id(tmp_path) == "me-self-paced"
    assert variants.student_id(tmp_path / "elsewhere") == "hub-user"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert variants.student_id(tmp_path / "elsewhere") not in ("hub-user", "")


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_committed_pool_is_what_the_generator_writes(aid):
    source = ROOT / "source" / aid
    expected = variants.pool_texts(source)
    assert len(expected) >= 8
    for where in ("source", "release"):
        folder = ROOT / where / aid / "data" / "variants"
        on_disk = {int(p.name): {f.relative_to(p).as_posix(): f.read_text()
                                 for f in p.rglob("*") if f.is_file()}
                   for p in folder.iterdir()}
        assert on_disk == expected, f"{where}: run python -m cloudsec.variants " \
                                    f"generate {aid}"


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_variants_and_their_keys_all_differ(aid):
    pool = variants.pool_texts(ROOT / "source" / aid)
    keys = variants.read_keys(ROOT / "source" / aid)
    assert keys["n"] == len(pool)
    ks = sorted(pool)
    for i in ks:
        assert len(pool[i]) == len(pool[1]), "every variant has as many files"
        for j in ks:
            if i < j:
                assert pool[i] != pool[j], f"variants {i} and {j} are identical"
                assert keys["variants"][str(i)] != keys["variants"][str(j)], (
                    f"variants {i} and {j} have the same key")
                for name in set(pool[i]) & set(pool[j]):
                    assert pool[i][name] != pool[j][name], (
                        f"{name} is the same in variants {i} and {j}")


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_every_check_has_a_key_in_every_variant(aid):
    keys = variants.read_keys(ROOT / "source" / aid)
    names = _check_names(aid)
    for k, entry in keys["variants"].items():
        assert set(entry) == names, k


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_no_key_and_no_generator_in_the_release(aid):
    release = ROOT / "release" / aid
    assert not list(release.rglob(".variants")), "the keys must never ship"
    assert not list(release.rglob("keys.json"))
    text = "\n".join(c.source for c in _notebook("release", aid).cells)
    assert f'load("{aid}")' in text
    # the notebook never names an entity of one variant (names every variant
    # shares, such as a workload Part E discusses, may appear)
    keys = variants.read_keys(ROOT / "source" / aid)["variants"]

    def strings(key):
        found = set()
        for entry in key.values():
            expected = entry["expected"]
            items = expected if isinstance(expected, (list, dict)) else [expected]
            found |= {i for i in items if isinstance(i, str) and len(i) > 4}
        return found

    per_variant = {k: strings(key) for k, key in keys.items()}
    shared = set.intersection(*per_variant.values())
    for k, found in per_variant.items():
        for item in sorted(found - shared):
            assert item not in text, (k, item)


def test_ps03_structure_and_difficulty_are_the_same_in_every_variant():
    """Same groups, same number of gaps, same wrong statements, same overdue
    pattern: what a misconception costs cannot depend on the variant."""
    keys = variants.read_keys(ROOT / "source" / PS03)["variants"]
    shape = None
    for k, key in keys.items():
        this = (
            tuple(len(key[g]["select"]) for g in
                  ("attribution_iaas", "attribution_platform", "attribution_saas")),
            tuple(sorted(v for g in ("attribution_iaas", "attribution_platform",
                                     "attribution_saas")
                         for v in key[g]["expected"].values())),
            tuple(sorted(key["service_models"]["expected"].values())),
            len(key["gaps_found"]["expected"]),
            len(key["policy_false_found"]["expected"]),
            len(key["overdue_shipped"]["expected"][0]),
        )
        shape = shape or this
        assert this == shape, k


@pytest.mark.pipeline
@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_keys_are_what_the_reference_solution_answers(aid):
    """Recompute every variant's key by running the reference solution."""
    source = ROOT / "source" / aid
    assert variants.compute_keys(source) == variants.read_keys(source)


def test_source_verify_judges_against_the_loaded_variant(monkeypatch, tmp_path):
    """Run from the source, verify() uses the loaded variant's key; without
    that swap variant 2's right answers fail the literal (variant 1) key."""
    from cloudsec.grading import verify

    source = ROOT / "source" / PS03
    keys = variants.read_keys(source)
    right = keys["variants"]["2"]["policy_false_found"]["expected"]
    monkeypatch.chdir(source)
    monkeypatch.setenv(variants.VARIANT_ENV, "2")
    variants.load(PS03, quiet=True)
    verify("policy_false_found", right, expected=["P2", "P3", "P5", "P7", "P9"],
           kind="finds_all", credit="proportional")
    variants._active.clear()
    with pytest.raises(AssertionError):
        verify("policy_false_found", right, expected=["P2", "P3", "P5", "P7", "P9"],
               kind="finds_all", credit="proportional")


# --- the real pipeline ------------------------------------------------------


def _student_for(aid, k, stem, n=8):
    """A student id whose variant is ``k`` (ids are names, variants follow)."""
    i = 0
    while variants.variant_of(aid, f"{stem}-{i}", n) != k:
        i += 1
    return f"{stem}-{i}"


def _autograde(course, env, aid, students, parallel=False):
    """Grade ``students`` with ``nbgrader autograde`` (or, with ``parallel``,
    the course's ``cloudsec-autograde``); return their autograded scores."""
    gen = subprocess.run(["nbgrader", "generate_assignment", aid, "--force"],
                         cwd=course, env=env, capture_output=True, text=True,
                         timeout=600, check=False)
    assert gen.returncode == 0, gen.stderr[-3000:]
    for student, nb in students.items():
        folder = course / "submitted" / student / aid
        shutil.copytree(course / "release" / aid, folder)
        nbformat.write(nb, folder / f"{aid}.ipynb")
    command = ([str(Path(sys.executable).parent / "cloudsec-autograde"), aid,
                "--no-progress"] if parallel
               else ["nbgrader", "autograde", aid, "--force"])
    run = subprocess.run(command, cwd=course, env=env, capture_output=True,
                         text=True, timeout=3000, check=False)
    assert run.returncode == 0, run.stderr[-5000:]
    scores = {}
    auto = _auto_points(_notebook("source", aid))
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            sub = gb.find_submission_notebook(aid, aid, student)
            scores[student] = {g.name: g.auto_score for g in sub.grades
                               if g.name in auto}
    return scores


def _outcome(course, aid, student):
    path = course / "autograded" / student / aid / f".cloudsec-{aid}.json"
    return json.loads(path.read_text())


def _auto_points(source_nb):
    return {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
            for c in source_nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata.nbgrader.get("solution")}


@pytest.mark.pipeline
@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_every_variant_grades_solution_blank_and_samples_alike(aid, course_copy,
                                                               tool_env):
    """On every variant: the solution scores full marks, the blank 0, and
    every sample misconception exactly its EXPECTED scores."""
    source_nb, release_nb = _notebook("source", aid), _notebook("release", aid)
    points = _auto_points(source_nb)
    n = variants.read_keys(ROOT / "source" / aid)["n"]
    students, expected = {}, {}
    cases = {"solution": (solution_cells(source_nb), points),
             "blank": ({}, dict.fromkeys(points, 0))}
    for name in sample_names(aid):
        sample = load_sample(aid, name)
        cases[name.replace("_", "-")] = (sample.CELLS, sample.EXPECTED)
    for k in range(1, n + 1):
        for case, (cells, scores) in cases.items():
            student = _student_for(aid, k, case)
            students[student] = build_submission(release_nb, cells)
            expected[student] = (k, scores)
    got = _autograde(course_copy, tool_env, aid, students)
    problems = []
    for student, (k, scores) in expected.items():
        outcome = _outcome(course_copy, aid, student)
        if outcome["variant"] != k:
            problems.append(f"{student}: graded as variant {outcome['variant']}")
        for gid, want in scores.items():
            if got[student].get(gid) != want:
                problems.append(f"{student} (variant {k}) {gid}: "
                                f"{got[student].get(gid)} != {want}")
        if any(f["code"] == "variant_mismatch" for f in outcome["flags"]):
            problems.append(f"{student}: flagged although it is their own work")
    assert not problems, "\n".join(problems)


def _literal_answers(aid, k):
    """The answers a correct solution gives on variant ``k``, as literals
    (what a student would copy from a classmate's notebook)."""
    key = variants.read_keys(ROOT / "source" / aid)["variants"][str(k)]
    attribution = {}
    for g in ("attribution_iaas", "attribution_platform", "attribution_saas"):
        attribution.update(key[g]["expected"])
    return {
        "attribution_answer": f"attribution = {attribution!r}",
        "service_models_answer":
            f"service_models = {key['service_models']['expected']!r}",
        "gaps_answer": f"gaps = {key['gaps_found']['expected']!r}",
        "policy_answer":
            f"false_statements = {key['policy_false_found']['expected']!r}",
    }


@pytest.mark.pipeline
def test_copied_answers_score_on_the_copiers_own_variant_and_are_flagged(
        course_copy, tool_env):
    """A class graded by cloudsec-autograde: an owner, a copier of the owner's
    answers, an honest classmate of the copier's variant, and a notebook that
    sets another student's id before its setup cell runs."""
    aid = PS03
    source_nb, release_nb = _notebook("source", aid), _notebook("release", aid)
    solution = solution_cells(source_nb)
    keys = variants.read_keys(ROOT / "source" / aid)["variants"]
    a, b = 3, 5
    owner, copier = _student_for(aid, a, "owner"), _student_for(aid, b, "copier")
    honest = _student_for(aid, b, "honest")
    # the copier takes the owner's answers as literals and the owner's code
    copied = {**solution, **_literal_answers(aid, a)}
    # a notebook that claims to be someone else: it sets the id before setup
    claimer = _student_for(aid, b, "claimer")
    claim_nb = build_submission(release_nb, solution)
    claim_nb.cells.insert(0, nbformat.v4.new_code_cell(
        f"import os\nos.environ['CLOUDSEC_STUDENT'] = {owner!r}"))
    students = {owner: build_submission(release_nb, solution),
                copier: build_submission(release_nb, copied),
                honest: build_submission(release_nb, _literal_answers(aid, b)
                                         | {"overdue_answer":
                                            solution["overdue_answer"]}),
                claimer: claim_nb}
    got = _autograde(course_copy, tool_env, aid, students, parallel=True)
    points = _auto_points(source_nb)
    assert got[owner] == points
    assert got[honest] == points
    # what the owner's answers are worth on the copier's variant, by hand:
    # every id and name differs between the variants, so only the policy
    # statement numbers can overlap, and the copied code computes D right
    ka, kb = keys[str(a)], keys[str(b)]
    groups = ("attribution_iaas", "attribution_platform", "attribution_saas")
    assert not ({i for g in groups for i in ka[g]["select"]}
                & {i for g in groups for i in kb[g]["select"]})
    assert not (set(ka["service_models"]["expected"])
                & set(kb["service_models"]["expected"]))
    assert not set(ka["gaps_found"]["expected"]) & set(kb["gaps_found"]["expected"])
    pa, pb = (set(k["policy_false_found"]["expected"]) for k in (ka, kb))
    found = len(pa & pb) / len(pb)
    want = dict.fromkeys(points, 0.0)
    want["policy_false_found"] = int(found * 2 * 2) / 2
    want["policy_true_kept"] = 1.0 if pa <= pb else 0.0
    want["overdue_shipped"] = 1.0  # the copied function reads the copier's data
    want["overdue_edge_cases"] = 2.0
    assert got[copier] == want, (got[copier], want)
    assert sum(want.values()) < sum(points.values())
    flags = {f["code"]: f for f in _outcome(course_copy, aid, copier)["flags"]}
    assert flags["variant_mismatch"]["detail"].startswith(
        f"answers fit variant {a} ")
    assert f"assigned variant {b} " in flags["variant_mismatch"]["detail"]
    out = _outcome(course_copy, aid, copier)
    assert out["variant"] == b and out["variant_fit"][str(a)] > out[
        "variant_fit"][str(b)]
    # the notebook that loaded the owner's variant is graded on its own key
    claim = _outcome(course_copy, aid, claimer)
    assert claim["variant"] == b
    assert sum(got[claimer].values()) < sum(points.values())
    assert "variant_mismatch" in {f["code"] for f in claim["flags"]}
    for student in (owner, honest):
        assert "variant_mismatch" not in {
            f["code"] for f in _outcome(course_copy, aid, student)["flags"]}


def test_generate_command_rejects_an_assignment_without_generator(tmp_path):
    (tmp_path / "source" / "ps99-none").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-m", "cloudsec.variants", "generate",
                             "ps99", "--root", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "has no variants" in result.stderr
    assert not (tmp_path / "source" / "ps99-none" / "data").exists()


@pytest.mark.parametrize("aid", VARIANT_IDS)
def test_source_literals_are_variant_1s_key(aid):
    """The key written in the source's hidden tests is variant 1's (the
    original artefacts), so reading the source never misleads."""
    from cloudsec.grader.keys import split_hidden_tests

    key = variants.read_keys(ROOT / "source" / aid)["variants"]["1"]
    for cell in _notebook("source", aid).cells:
        if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
            for spec in split_hidden_tests(cell.source)[1]:
                entry = key[spec.name]
                expected = spec.expected
                if spec.select is not None:
                    assert sorted(spec.select) == sorted(entry["select"]), spec.name
                    expected = {s: expected[s] for s in spec.select}
                assert expected == entry["expected"], spec.name
