"""Every lesson runs in JupyterLab without errors, and every widget in it
responds to a person's keyboard and mouse with the right figure and text."""

from __future__ import annotations

import pytest

from .accessibility import axe_violations, report
from .conftest import VIEWPORT
from .harness import ROOT, WIDGET_CLASS, NotebookPage, WidgetDriver, wait_until
from .widgets import WIDGETS, widgets_in

pytestmark = pytest.mark.browser

#: what a widget may overflow the notebook by in a 640 px window
NARROW_SLACK_PX = 8

LESSONS = sorted(p.relative_to(ROOT).as_posix()
                 for p in (ROOT / "notebooks").glob("*.ipynb"))

_FALLBACK_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output'))
  .map(out => out.textContent.trim())
  .filter(text => /^(VBox|HBox|Box|Image|HTML|Output)\\(/.test(text)
                  || /Error displaying widget|Loading widget/.test(text))
  .map(text => text.slice(0, 200))
"""


def _contrast_on_white(css_colour: str) -> float:
    """WCAG contrast ratio of an ``rgb(...)``/``rgba(...)`` colour on white."""
    channels = [float(x) for x in css_colour[css_colour.find("(") + 1:-1]
                .split(",")[:3]] if "(" in css_colour else [255.0] * 3

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_registered_widget_is_in_a_lesson():
    """Check that the registry names lesson notebooks that exist."""
    unknown = sorted({spec.notebook for spec in WIDGETS} - set(LESSONS))
    assert not unknown, f"tests/browser/widgets.py names missing notebooks: {unknown}"


@pytest.mark.parametrize("notebook", LESSONS,
                         ids=[p.split("/")[-1].removesuffix(".ipynb")
                              for p in LESSONS])
def test_lesson_runs_and_its_widgets_work(page, lab, notebook):
    """Check that Run All leaves no error in the lesson, that axe-core finds
    no violation in its content, that it shows exactly the registered
    widgets, and that each one, operated with the keyboard alone, keeps the
    focus, redraws, and says in its readout and its figure's text
    alternative what it now shows."""
    lesson = NotebookPage(page, lab, notebook).open()
    lesson.run_all()  # fails on any error shown

    specs = widgets_in(notebook)
    shown = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) .{WIDGET_CLASS}")

    def kinds() -> list[str]:
        return [" ".join(f".{c}" for c in classes.split()
                         if c.startswith("cloudsec-") and c != WIDGET_CLASS)
                for classes in shown.evaluate_all("els => els.map(e => e.className)")]

    # Widgets render after their cell has run, so wait for them; more than
    # registered is a failure at once.
    wait_until(
        lambda: shown.count() >= len(specs), 30,
        lambda: f"{notebook}: expected {len(specs)} course widget(s) "
        f"({', '.join('.' + s.css for s in specs)}) as registered in "
        f"tests/browser/widgets.py, but the page shows {shown.count()} "
        f"({', '.join(kinds()) or 'none'}); widget outputs shown as text "
        f"instead: {page.evaluate(_FALLBACK_JS)}")
    count = shown.count()
    assert count == len(specs), (
        f"{notebook}: shows {count} course widget(s) "
        f"({', '.join(kinds())}) but tests/browser/widgets.py registers "
        f"{len(specs)} ({', '.join('.' + s.css for s in specs) or 'none'}): add "
        "a WidgetSpec for each widget, in the order they appear")

    for index, spec in enumerate(specs):
        widget = WidgetDriver(page, spec, index, lesson)
        assert spec.css in widget.classes(), (
            f"{widget.label}: expected the container to carry .{spec.css} "
            f"(widgets are matched in notebook order), but its classes are "
            f"{widget.classes()}")
        widget.container.scroll_into_view_if_needed()
        widget.wait_for_readout(spec.initial, "after Run All Cells")
        assert widget.figure_loaded(), f"{widget.label}: the figure is not shown"
        widget.assert_alt_matches_readout("after Run All Cells")
        for number, step in enumerate(spec.steps, 1):
            when = f"step {number} ({step.action.label})"
            src, pixels = widget.figure_src(), widget.figure.screenshot()
            alt = widget.figure_alt()
            step.action.run(widget.container)
            widget.wait_for_readout(step.expect, f"after {when}")
            assert widget.has_focus(), (
                f"{widget.label}, after {when}: expected the keyboard focus "
                f"to stay in the widget, but it is on {widget.focused()}")
            width, colour = widget.focus_ring()
            assert width >= 2 and _contrast_on_white(colour) >= 3, (
                f"{widget.label}, after {when}: the focused control's focus "
                f"ring is {width:g} px {colour or 'none'}; it must be at least "
                "2 px and 3:1 against the white page")
            if step.figure_changes:
                widget.wait_for_new_figure(src, f"after {when}")
                same = widget.figure.screenshot() == pixels
                assert not same, (
                    f"{widget.label}, after {when}: expected the figure to "
                    "change, but the new image has the same pixels")
                assert widget.figure_alt() != alt, (
                    f"{widget.label}, after {when}: the figure changed but its "
                    f"text alternative still says {alt!r}")
            widget.assert_alt_matches_readout(f"after {when}")
            lesson.assert_no_errors(f"after {widget.label}, {when}")

    # Letters and arrows typed in a widget stay in it: "m" on a focused
    # control used to turn its cell into Markdown and the widget vanished.
    markdown = page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell").count()
    for index, spec in enumerate(specs):
        widget = WidgetDriver(page, spec, index, lesson)
        control = widget.container.locator("button:not([disabled]), input").first
        control.focus()
        for key in ("m", "ArrowDown", "b"):
            control.press(key)
        page.wait_for_timeout(300)
        assert shown.count() == len(specs) and page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell"
        ).count() == markdown, (
            f"{widget.label}: typing m, ArrowDown, b on a focused control "
            "reached the notebook (a cell changed or was added)")
        assert widget.has_focus(), (
            f"{widget.label}: after typing on a control the focus left the "
            f"widget for {widget.focused()}")

    # A narrow window (640 px): control rows wrap and figures shrink, so no
    # widget is wider than the notebook (a few px of focus ring and button
    # margins aside; a fixed 480 px row overflowed by more than 200).
    page.set_viewport_size({"width": 640, "height": 1000})
    page.wait_for_timeout(500)
    for index, spec in enumerate(specs):
        over = WidgetDriver(page, spec, index, lesson).container.evaluate(
            "el => el.scrollWidth - el.clientWidth")
        assert over <= NARROW_SLACK_PX, (
            f"{notebook}, widget {index + 1} (.{spec.css}): at 640 px it is "
            f"{over} px wider than the notebook: let its rows wrap")
    page.set_viewport_size(VIEWPORT)

    found = axe_violations(page)
    assert not found, (
        f"{notebook}: axe-core reports {len(found)} accessibility rule(s) "
        f"violated in the lesson's content and widgets:\n{report(found)}")
