"""nbgrader's JupyterLab panels work for this course: learners see the released
assignment and can validate their notebook; instructors reach the formgrader;
the release notebook of a variant assignment shows the learner's variant."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from cloudsec import variants

from .harness import (
    ASSIGNMENT,
    COURSE_ID,
    LOAD_TIMEOUT_S,
    VENV_BIN,
    NotebookPage,
    wait_until,
)

pytestmark = pytest.mark.browser

RELEASE_NOTEBOOK = f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"


def _open_from_nbgrader_menu(page, lab, command: str) -> None:
    page.goto(lab.lab_url())
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click(
        timeout=LOAD_TIMEOUT_S * 1000)
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def _test_cell_titles(notebook) -> list[str]:
    """First lines ("Check that ...") of the autograded test cells."""
    cells = json.loads(notebook.read_text())["cells"]
    titles = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("grade") and \
                not meta.get("solution"):
            titles.append("".join(cell["source"]).splitlines()[0].strip())
    return titles


def test_assignment_list_shows_the_released_assignment(page, lab):
    """Check that the Assignment List panel lists the released assignment."""
    _open_from_nbgrader_menu(page, lab, "nbgrader:open-assignment-list")
    released = page.locator("#released_assignments_list > .list_item")

    def listed():
        return [text for text in released.all_inner_texts() if ASSIGNMENT in text]

    wait_until(listed, 30, lambda: (
        f"expected {ASSIGNMENT} under 'Released assignments' in the Assignment "
        f"List, but the panel shows: "
        f"{page.locator('#released_assignments_list').inner_text()!r}"))
    assert COURSE_ID in listed()[0], (
        f"expected the released {ASSIGNMENT} to belong to course {COURSE_ID}, "
        f"but its row says {listed()[0]!r}")


def test_validate_reports_every_failing_test_of_the_blank_release(page, lab):
    """Check that Validate on the blank release notebook fails, naming each of
    its autograded tests."""
    expected = _test_cell_titles(lab.course / RELEASE_NOTEBOOK)
    assert expected, f"{RELEASE_NOTEBOOK} has no autograded test cells"
    NotebookPage(page, lab, RELEASE_NOTEBOOK).open()
    page.locator("jp-button.validate-button").click()
    dialog = page.locator(".nbgrader-ErrorDialog, .nbgrader-SuccessDialog").first
    dialog.wait_for(timeout=180_000)
    text = dialog.inner_text()
    failed_dialog = "nbgrader-ErrorDialog" in (dialog.get_attribute("class") or "")
    assert failed_dialog, (
        f"expected Validate to report failures for the blank {RELEASE_NOTEBOOK}, "
        f"but it reported success: {text[:1000]!r}")
    says_failed = dialog.locator(".validation-failed").count() > 0
    assert says_failed, (
        f"expected a 'validation failed' message, but the dialog says "
        f"{text[:1000]!r}")
    failed = re.findall(r"The following cell failed:\s*\n\s*(.+)", text)
    missing = [title for title in expected if title not in failed]
    assert not missing, (
        f"expected Validate to report all {len(expected)} autograded tests of "
        f"the blank release as failing; not reported: {missing}; reported: "
        f"{failed}")


def test_formgrader_opens_and_lists_the_assignment(page, lab):
    """Check that the formgrader opens from the Nbgrader menu and lists the
    assignment as released."""
    _open_from_nbgrader_menu(page, lab, "nbgrader:open-formgrader")
    frame = page.frame_locator("iframe").first
    row = frame.locator("tr", has_text=ASSIGNMENT)

    def shown() -> str:
        try:
            return frame.locator("body").inner_text(timeout=2000)[:1500]
        except Exception as exc:  # the frame may not exist yet
            return f"(nothing: {exc})"

    wait_until(lambda: row.count() > 0, 60, lambda: (
        f"expected the formgrader's Manage Assignments page to list "
        f"{ASSIGNMENT}, but it shows: {shown()!r}"))
    page_text = shown()
    assert "Manage Assignments" in page_text, (
        f"expected the formgrader's Manage Assignments page, but it shows "
        f"{page_text!r}")
    status = row.first.inner_text()
    released = "released" in status
    assert released, (
        f"expected {ASSIGNMENT} to have the status 'released', but its row "
        f"says {status!r}")


def _lab_student_id(lab, folder) -> str:
    """The student id the course computes in the lab's kernels: the same
    environment as the server (kernels inherit it), in the notebook's folder."""
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-c",
         "from cloudsec.variants import student_id; print(student_id())"],
        cwd=folder, env=lab.env, capture_output=True, text=True, timeout=60,
        check=True)
    return result.stdout.strip()


def test_release_notebook_shows_the_learners_variant(page, lab):
    """Check that running the setup cell of the release notebook of a variant
    assignment shows "Your variant: k of n", k being this learner's variant."""
    folder = lab.course / "release" / ASSIGNMENT
    n = variants.pool_size(folder / "data")
    assert n >= 8, f"{ASSIGNMENT}'s release has {n} variants"
    student = _lab_student_id(lab, folder)
    assert student, "the lab's kernels have no student id"
    want = f"Your variant: {variants.variant_of(ASSIGNMENT, student, n)} of {n}"

    NotebookPage(page, lab, RELEASE_NOTEBOOK).open()
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    setup = panel.locator(".jp-CodeCell", has_text="Run this cell first").first
    # select the cell, leave edit mode, run it with the keyboard alone
    setup.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Enter")
    line = setup.locator(".jp-OutputArea-output").get_by_text(
        re.compile(r"Your variant: \d+ of \d+"))
    wait_until(lambda: line.count() > 0 and line.first.is_visible(), 120,
               lambda: f"expected {want!r} under the setup cell of "
               f"{RELEASE_NOTEBOOK}, but its output is "
               f"{setup.locator('.jp-OutputArea').inner_text()!r}")
    shown = [text.strip() for text in line.first.inner_text().splitlines()
             if text.startswith("Your variant:")]
    assert shown == [want], (
        f"the setup cell shows {shown!r}; the course gives {student!r} {want!r}")
    # what assistive technology is told is the same line
    tree = setup.locator(".jp-OutputArea").aria_snapshot()
    assert want in tree, f"accessibility tree of the output: {tree!r}"
