"""Registries a newcomer updates by hand fail a test when they forget.

Every assignment has at least three sample submissions in
``tests/submissions/<psNN>/``, each giving the exact score of every
autograded grade cell. ``tests/test_pipeline.py`` grades them with nbgrader
(minutes); this checks, in a second, that they are there.

The other registries have their own tests: the browser test fails for a
lesson widget without a ``WidgetSpec``, tests/test_benchmark_registry.py for
a spec without a kernel case, tests/test_course.py for a lesson or assignment
missing from the course catalogue.
"""

import nbformat
import pytest

from helpers import ROOT, assignment_ids
from submissions import load_sample, sample_names


def _autograded(aid):
    nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    return {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata.nbgrader.get("solution")}


@pytest.mark.parametrize("aid", assignment_ids())
def test_every_assignment_has_sample_submissions(aid):
    names = sample_names(aid)
    folder = f"tests/submissions/{aid.split('-')[0]}/"
    assert len(names) >= 3, (
        f"{aid}: {folder} holds {len(names)} sample submission(s); write at "
        "least three (see docs/adding-a-lesson.md)")
    auto = _autograded(aid)
    for name in names:
        sample = load_sample(aid, name)
        assert set(sample.EXPECTED) == set(auto), (
            f"{folder}{name}.py: EXPECTED must give a score for each of "
            f"{sorted(auto)}")
        for gid, score in sample.EXPECTED.items():
            assert 0 <= score <= auto[gid], (
                f"{folder}{name}.py: {gid} is worth {auto[gid]} points, "
                f"not {score}")
