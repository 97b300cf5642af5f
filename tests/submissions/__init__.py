"""Sample submissions used by the grading pipeline tests.

Each module in a subfolder named after an assignment's number (ps03)
defines ``CELLS`` (new source for the learner's answer cells, by grade_id;
cells not named keep the release stub) and ``EXPECTED`` (the exact score of
each autograded grade cell).
The full solution and the blank release are built by the tests themselves.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

SOLUTION_RE = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def _folder(assignment):
    """Samples live in a folder named by the assignment's number (ps03)."""
    return assignment.split("-")[0]


def sample_names(assignment):
    folder = HERE / _folder(assignment)
    return sorted(m.name for m in pkgutil.iter_modules([str(folder)])
                  if not m.name.startswith("_"))


def load_sample(assignment, name):
    return importlib.import_module(f"submissions.{_folder(assignment)}.{name}")


def solution_cells(source_nb):
    """Answer cells of the instructor's solution, delimiters removed."""
    cells = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [ln for ln in cell.source.splitlines()
                     if not SOLUTION_RE.match(ln)]
            cells[meta["grade_id"]] = "\n".join(lines)
    return cells


def solution_of(assignment):
    """The instructor's answer cells of an assignment, for samples that
    change only one of them."""
    path = HERE.parent.parent / "source" / assignment / f"{assignment}.ipynb"
    return solution_cells(nbformat.read(path, as_version=4))


def build_submission(release_nb, cells):
    """A copy of the release notebook with the given answer cells filled in."""
    nb = nbformat.reads(nbformat.writes(release_nb), as_version=4)
    unknown = set(cells)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in cells:
            cell.source = cells[gid].strip("\n")
            unknown.discard(gid)
    if unknown:
        raise KeyError(f"no answer cell with grade_id {sorted(unknown)}")
    return nb


def swap(text: str, *pairs: tuple[str, str]) -> str:
    """Introduce a mistake; fail loudly if the text to replace is not there."""
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"sample mistake not applied: {old!r} not found")
        text = text.replace(old, new)
    return text
