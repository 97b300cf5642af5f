"""Registries a newcomer updates by hand fail a test when they forget.

* every widget the browser test operates with a ``benchmark`` control has a
  kernel case in ``benchmarks/widgets.py`` (:data:`KERNEL_CASES`), which moves
  that same control;
* every assignment has at least three sample submissions in
  ``tests/submissions/<psNN>/``, each giving the exact score of every
  autograded grade cell.

(The browser test itself fails for a lesson widget without a ``WidgetSpec``,
and tests/test_course.py for a lesson or assignment missing from the course
catalogue.)
"""

import functools
import importlib.util
import sys

import nbformat
import pytest

from browser.widgets import WIDGETS
from helpers import ROOT, assignment_ids
from submissions import load_sample, sample_names


@functools.cache
def _benchmarks():
    spec = importlib.util.spec_from_file_location(
        "benchmark_widgets", ROOT / "benchmarks" / "widgets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


BENCHMARKED = {spec.css: spec.benchmark for spec in WIDGETS if spec.benchmark}


def test_every_benchmarked_widget_has_a_kernel_case():
    cases = _benchmarks().KERNEL_CASES
    kernel = {case.widget for case in cases.values()}
    missing = sorted(set(BENCHMARKED) - kernel)
    assert not missing, (
        f"tests/browser/widgets.py benchmarks {missing} in the browser; add "
        "a KernelCase with that widget= to KERNEL_CASES in benchmarks/widgets.py")
    unknown = sorted(kernel - set(BENCHMARKED))
    assert not unknown, (
        f"KERNEL_CASES names widgets no WidgetSpec benchmarks: {unknown}")


def test_kernel_cases_move_the_control_the_browser_presses():
    for name, case in _benchmarks().KERNEL_CASES.items():
        control = case.make()
        assert BENCHMARKED[case.widget] in control._dom_classes, (
            f"KERNEL_CASES[{name!r}] moves a control with classes "
            f"{control._dom_classes}, not .{BENCHMARKED[case.widget]}")
        assert control.value in case.values, name


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
