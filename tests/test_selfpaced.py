"""Self-paced commands: start, check (graded like a class), feedback, progress."""

import os
import shutil

import nbformat
import pytest

from cloudsec import selfpaced

from helpers import ROOT
from submissions import build_submission, load_sample

AID = "ps03-shared-responsibility"


@pytest.fixture
def learner_root(tmp_path):
    """A copy of the course as a learner clones it."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source", root / "source")
    shutil.copytree(ROOT / "release", root / "release")
    return root


def test_start_copies_the_release_outside_the_tracked_files(learner_root):
    notebook = selfpaced.start(learner_root, "ps03")
    assert notebook == learner_root / "work" / AID / f"{AID}.ipynb"
    assert (notebook.parent / "data" / "variants" / "1" / "incident-register.csv"
            ).exists()
    with pytest.raises(selfpaced.SelfPacedError, match="already started"):
        selfpaced.start(learner_root, AID)
    with pytest.raises(selfpaced.SelfPacedError, match="unknown assignment"):
        selfpaced.start(learner_root, "ps99")


def test_check_before_start_says_what_to_do(learner_root):
    with pytest.raises(selfpaced.SelfPacedError, match="./course start"):
        selfpaced.check(learner_root, "ps03")


@pytest.mark.pipeline
def test_check_feedback_and_progress_on_half_done_work(learner_root, capsys):
    notebook = selfpaced.start(learner_root, "03")
    sample = load_sample(AID, "half_done")
    nb = nbformat.read(notebook, as_version=4)
    nbformat.write(build_submission(nb, sample.CELLS), notebook)

    rows = selfpaced.check(learner_root, AID)
    auto = {name: score for name, score, _, written in rows if not written}
    assert auto == sample.EXPECTED
    assert [name for name, *_, written in rows if written] == ["patch_clause"]

    page = selfpaced.feedback(learner_root, AID)
    html = page.read_text()
    assert "Hidden test" in html and "BEGIN HIDDEN TESTS" not in html
    assert "expected=" not in html

    table = {r["assignment"]: r for r in selfpaced.progress(learner_root)}
    assert table[AID]["status"] == "checked"
    assert (table[AID]["score"], table[AID]["max"]) == (sum(sample.EXPECTED.values()),
                                                        18)
    assert table["ps01-hypervisors"]["status"] == "not started"
    fig = selfpaced.progress_figure(list(table.values()))
    assert "progress" in fig.axes[0].get_title()
    assert any(t.get_text() == "9.5/18" for t in fig.axes[0].texts)

    assert selfpaced.main(["--root", str(learner_root), "progress"]) == 0
    out = capsys.readouterr().out
    assert f"{AID:<28} checked      9.5/18" in out
    assert (learner_root / "work" / "progress.png").exists()


def _setup_output(notebook):
    """Run the notebook's setup cell in its folder, as JupyterLab would."""
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    setup = [c for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
    nb.cells = setup
    env = {k: v for k, v in os.environ.items()
           if k not in ("CLOUDSEC_STUDENT", "CLOUDSEC_VARIANT", "JUPYTERHUB_USER")}
    NotebookClient(nb, timeout=60, kernel_name="python3").execute(
        cwd=str(notebook.parent), env=env)
    return "".join(o.get("text", "") for o in setup[0].outputs)


def test_start_gives_a_variant_and_new_variant_keeps_the_history(learner_root):
    first = selfpaced.start(learner_root, "ps03")
    (attempt,) = selfpaced.history(learner_root)[AID]
    assert 1 <= attempt["variant"] <= 8
    assert (first.parent / ".cloudsec-student").read_text().strip() == (
        attempt["student"])
    assert f"Your variant: {attempt['variant']} of 8" in _setup_output(first)
    (first.parent / "my-notes.txt").write_text("attempt one")
    second = selfpaced.start(learner_root, "ps03", new_variant=True)
    one, two = selfpaced.history(learner_root)[AID]
    assert one == attempt and two["variant"] != one["variant"]
    assert f"Your variant: {two['variant']} of 8" in _setup_output(second)
    archived = learner_root / "work" / ".attempts" / AID / "1"
    assert (archived / "my-notes.txt").read_text() == "attempt one"
    assert not (second.parent / "my-notes.txt").exists()


@pytest.mark.pipeline
def test_check_grades_each_attempt_on_its_own_variant(learner_root, capsys):
    from submissions import solution_of

    notebook = selfpaced.start(learner_root, "ps03")
    sample = load_sample(AID, "half_done")
    nb = nbformat.read(notebook, as_version=4)
    nbformat.write(build_submission(nb, sample.CELLS), notebook)
    rows = selfpaced.check(learner_root, AID)
    assert {n: s for n, s, _, w in rows if not w} == sample.EXPECTED
    # a fresh variant after the failed attempt; the solution's rules pass it
    notebook = selfpaced.start(learner_root, "ps03", new_variant=True)
    nb = nbformat.read(notebook, as_version=4)
    nbformat.write(build_submission(nb, solution_of(AID)), notebook)
    rows = selfpaced.check(learner_root, AID)
    assert sum(s for _, s, _, w in rows if not w) == 18
    one, two = selfpaced.history(learner_root)[AID]
    assert [c["score"] for c in one["checks"]] == [sum(sample.EXPECTED.values())]
    assert [c["score"] for c in two["checks"]] == [18]
    table = {r["assignment"]: r for r in selfpaced.progress(learner_root)}
    assert (table[AID]["attempts"], table[AID]["best"]) == (2, 18)
    assert table[AID]["variant"] == two["variant"]
    assert selfpaced.main(["--root", str(learner_root), "progress"]) == 0
    out = capsys.readouterr().out
    assert "attempts 2  best 18" in out
