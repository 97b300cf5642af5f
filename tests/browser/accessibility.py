"""axe-core in the page: the accessibility rules the browser tests enforce.

The axe-core engine comes from the pinned PyPI package
``axe-playwright-python``, which ships ``axe.min.js`` (no network at test
time). :func:`axe_violations` injects it into the page and runs it on the
course's own content only:

* included (:data:`COURSE_CONTENT`): the rendered Markdown cells and the cell
  outputs (figures, readouts, widgets) of the open notebook;
* excluded: everything else, i.e. JupyterLab's own chrome (menus, toolbars,
  side panels, cell prompts, code editors), which the course does not make.

Usage (counts per lesson and rule, details in test-artifacts/axe.json)::

    .venv/bin/python -m tests.browser.accessibility
"""

from __future__ import annotations

import json
from pathlib import Path

#: what axe examines: course-written Markdown and what course code shows
COURSE_CONTENT = [
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput",
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
]


def axe_script() -> str:
    """The text of the pinned axe-core engine."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


_RUN_JS = """
async include => {
  const results = await axe.run({include: include.map(s => [s])},
                                {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '),
                              html: n.html.slice(0, 300),
                              summary: n.failureSummary}))}));
}
"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations in the open notebook's course content.

    Each violation is ``{"id", "impact", "help", "nodes": [{"target",
    "html", "summary"}]}``.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_script())
    present = [s for s in COURSE_CONTENT if page.locator(s).count()]
    if not present:
        return []
    return page.evaluate(_RUN_JS, present)


def counts(violations: list[dict]) -> dict[str, int]:
    """Nodes per rule, e.g. ``{"image-alt": 3}``."""
    return {v["id"]: len(v["nodes"]) for v in violations}


def report(violations: list[dict]) -> str:
    """The violations as readable lines, for a failure message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['html'][:160]}" for n in v["nodes"][:6])
    return "\n".join(lines)


def main() -> None:
    """Print axe's counts per lesson and rule (what the README's note quotes)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from .harness import ROOT, Lab, NotebookPage, launch_chromium

    out = {}
    with tempfile.TemporaryDirectory(prefix="cloudsec-axe-") as tmp:
        lab = Lab(Path(tmp))
        lab.prepare()
        lab.start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
                    rel = path.relative_to(ROOT).as_posix()
                    lesson = NotebookPage(page, lab, rel).open()
                    lesson.run_all()
                    page.wait_for_timeout(1500)
                    found = axe_violations(page)
                    out[path.stem] = {"counts": counts(found),
                                      "detail": found}
                    print(path.stem, counts(found), flush=True)
                    lab.shutdown_kernels()
                browser.close()
        finally:
            lab.stop()
    total: dict[str, int] = {}
    for lesson in out.values():
        for rule, n in lesson["counts"].items():
            total[rule] = total.get(rule, 0) + n
    print("total", total)
    Path("test-artifacts").mkdir(exist_ok=True)
    Path("test-artifacts/axe.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
