"""Benchmark: how fast the course widgets redraw, in the kernel and in a browser.

Two measurements per widget, each over many moves of one control (40 by
default, at least 30), reported as median and 95th percentile:

1. **Kernel**: the time from setting the control's value to the new PNG and
   readout being ready (the widget's own callback, redrawing in place with
   :class:`cloudsec.kit.render.FastPNG`), side by side with a naive version that
   builds a new figure and renders it in full on every change
   (:data:`KERNEL_CASES`).
2. **Browser**: in JupyterLab in headless Chromium, the time from a key
   press (arrow keys in a number box, Space on a toggle button or on the
   next option of a group of toggle buttons) to the new figure decoded and
   in the next frame, measured in the page with ``performance.now()``. This
   includes the round trip to the kernel.

Targets: kernel median < 30 ms and p95 < 60 ms; browser p95 < 250 ms. The
browser part starts JupyterLab and Chromium exactly as the browser tests do
(``tests/browser/harness.py``) and operates every widget of
``tests/browser/widgets.py`` that names a ``benchmark`` control. Usage::

    .venv/bin/python benchmarks/widgets.py [--moves 40] [--kernel-only]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np

from cloudsec import assurance as asr
from cloudsec import containers as ct
from cloudsec import deployment as dep
from cloudsec import exam
from cloudsec import hypervisors as hv
from cloudsec import responsibility as rm
from cloudsec import serverless as sl
from cloudsec.assurance_plots import exposure_matrix
from cloudsec.assurance_widgets import WhoCanReadExplorer, describe_exposure
from cloudsec.containers_plots import boundary_figure, ladder_figure
from cloudsec.containers_widgets import (
    ContainerConfigExplorer,
    IsolationLadderExplorer,
    describe_ranking,
    describe_settings,
)
from cloudsec.deployment_plots import fit_chart
from cloudsec.deployment_widgets import DeploymentAdvisor, describe_advice
from cloudsec.exam_plots import score_chart
from cloudsec.exam_widgets import Quiz, describe_scores
from cloudsec.hypervisors_plots import blast_radius_figure, hypervisor_stack
from cloudsec.hypervisors_widgets import (
    BlastRadiusExplorer,
    HypervisorStackExplorer,
    describe_architecture,
    describe_blast_radius,
)
from cloudsec.kit.render import display_dpi, figure_png
from cloudsec.multitenancy_plots import coresidency_figure, latency_figure
from cloudsec.multitenancy_widgets import (
    CoresidencyExplorer,
    NoisyNeighbourSimulator,
    describe_coresidency,
    describe_latency,
)
from cloudsec.responsibility_plots import responsibility_stack
from cloudsec.responsibility_widgets import ResponsibilityExplorer, describe
from cloudsec.serverless_plots import permission_scope
from cloudsec.serverless_widgets import PermissionExplorer, describe_permissions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.harness import (  # noqa: E402
    Lab,
    NotebookPage,
    WidgetDriver,
    chromium_path,
    launch_chromium,
)
from browser.widgets import WIDGETS  # noqa: E402

KERNEL_MEDIAN_MS, KERNEL_P95_MS, BROWSER_P95_MS = 30, 60, 250
WARM_UP = 3


def ping_pong(count: int, start: int, moves: int) -> list[int]:
    """Indices visited by ``moves`` one-step moves that bounce between the
    ends of ``count`` options, starting at ``start``."""
    out, here, step = [], start, 1
    for _ in range(moves):
        if not 0 <= here + step < count:
            step = -step
        here += step
        out.append(here)
    return out


# -- kernel ----------------------------------------------------------------

@dataclass
class KernelCase:
    """One widget in the kernel: a control to move and its values, and the
    naive way to show a value (a new figure rendered in full, plus the text).

    ``widget`` is the CSS class of the widget's container, as in
    ``tests/browser/widgets.py`` (every widget there needs a case here:
    ``tests/test_benchmark_registry.py``). ``make`` builds the widget and
    returns the control whose ``value`` a move sets; setting it runs the
    widget's own callback. A widget moved otherwise gives ``move(made,
    value)``, and ``make`` returns what ``move`` needs.
    """

    widget: str
    make: Callable[[], object]
    values: list
    naive: Callable[[object], None]
    move: Callable[[object, object], None] | None = None


def _png(fig) -> bytes:
    # the naive way renders a new figure in full, at the widget's dpi
    return figure_png(fig, dpi=display_dpi(fig))


def _quiz_move(quiz: Quiz, letter: str) -> None:
    # answer (the chart redraws) and go on to the next question
    quiz.answer(letter)
    quiz.advance()


def _quiz_naive(letter: str) -> None:
    tally = {"hypervisors": (1 if letter == "A" else 0, 1)}
    _png(score_chart(tally))
    describe_scores(tally)


def _ladder_naive(trust: str) -> None:
    _png(ladder_figure(trust, "single", "low", "subsecond"))
    describe_ranking(trust, "single", "low", "subsecond")


def _settings_naive(privileged: bool) -> None:
    settings = ct.normalize_settings({"privileged": privileged})
    _png(boundary_figure(settings))
    describe_settings(settings)


#: widget name -> how to move it; adding a widget is one entry
KERNEL_CASES: dict[str, KernelCase] = {
    "responsibility explorer": KernelCase(
        "cloudsec-responsibility",
        lambda: ResponsibilityExplorer("on-prem").slider, list(rm.models()),
        lambda m: (_png(responsibility_stack(m)), describe(m, None, None))),
    "hypervisor stack": KernelCase(
        "cloudsec-hypervisor-stack",
        lambda: HypervisorStackExplorer().control, list(hv.architectures()),
        lambda a: (_png(hypervisor_stack(a)), describe_architecture(a))),
    "blast radius": KernelCase(
        "cloudsec-blast-radius",
        lambda: BlastRadiusExplorer().control,
        [*hv.hosts(), *hv.consoles()],
        lambda t: (_png(blast_radius_figure(t)), describe_blast_radius(t))),
    "isolation ladder": KernelCase(
        "cloudsec-isolation-ladder",
        lambda: IsolationLadderExplorer().trust, list(ct.TRUST),
        _ladder_naive),
    "container settings": KernelCase(
        "cloudsec-container-config",
        lambda: ContainerConfigExplorer().toggles["privileged"], [False, True],
        _settings_naive),
    "deployment advisor": KernelCase(
        "cloudsec-deployment-advisor",
        lambda: DeploymentAdvisor().controls["sensitivity"], list(dep.LEVELS),
        lambda v: (_png(fit_chart(sensitivity=v)),
                   describe_advice(dep.advise(sensitivity=v)))),
    "permission explorer": KernelCase(
        "cloudsec-permission-explorer",
        lambda: PermissionExplorer().control, list(sl.sample_functions()),
        lambda f: (_png(permission_scope(f)), describe_permissions(f))),
    "noisy neighbour": KernelCase(
        "cloudsec-noisy-neighbour",
        lambda: NoisyNeighbourSimulator().neighbour_load,
        list(range(0, 2001, 50)),
        lambda n: (_png(latency_figure(neighbour_load=n)),
                   describe_latency(1000, 200, n))),
    "co-residency": KernelCase(
        "cloudsec-coresidency",
        lambda: CoresidencyExplorer().launches, list(range(0, 201)),
        lambda n: (_png(coresidency_figure(launches=n)),
                   describe_coresidency(1000, "random", n))),
    "who can read": KernelCase(
        "cloudsec-who-can-read",
        lambda: WhoCanReadExplorer({"confidential_vm": True}).flags[
            "attestation_checked"], [False, True],
        lambda v: (_png(exposure_matrix(
            asr.Protections(confidential_vm=True, attestation_checked=v))),
                   describe_exposure(asr.Protections(
                       confidential_vm=True, attestation_checked=v)))),
    "quiz": KernelCase(
        "cloudsec-quiz", lambda: Quiz(seed=7), list(exam.LETTERS),
        _quiz_naive, move=_quiz_move),
}


def time_moves(move: Callable[[object], None], values: list) -> list[float]:
    """Milliseconds taken by ``move`` for each of ``values`` (after a few
    untimed warm-up moves)."""
    for value in values[:WARM_UP]:
        move(value)
    times = []
    for value in values[WARM_UP:]:
        start = time.perf_counter()
        move(value)
        times.append((time.perf_counter() - start) * 1000)
    return times


def kernel_benchmark(moves: int) -> list[dict]:
    """Median and p95 redraw times of every widget, fast and naive."""
    rows = []
    for name, case in KERNEL_CASES.items():
        control = case.make()
        start = 0 if case.move else case.values.index(control.value)
        path = [case.values[i] for i in
                ping_pong(len(case.values), start, moves + WARM_UP)]

        def fast(value, control=control, case=case):
            if case.move:
                case.move(control, value)
            else:
                control.value = value

        rows.append({"widget": name, "fast": time_moves(fast, path),
                     "naive": time_moves(case.naive, path)})
    return rows


# -- browser ---------------------------------------------------------------

# Arms a promise that resolves to the milliseconds from the next key press
# (or choice in a dropdown) to the figure <img> showing a new, decoded image
# (in the frame after that).
# Arms a promise that resolves to the milliseconds from the next key press
# to the figure showing a new, decoded image (in the frame after that). The
# figure is an <img> inside the ``cloudsec-figure`` box, replaced on every
# redraw, so the box is watched for a new one.
_ARM_JS = """
box => {
  const before = box.querySelector('img')?.src;
  window.__cloudsecMove = new Promise((resolve, reject) => {
    let pressed = null;
    const start = () => { if (pressed === null) pressed = performance.now(); };
    for (const kind of ['keydown', 'input']) {
      document.addEventListener(kind, start, {capture: true, once: true});
    }
    const timer = setTimeout(() => reject(new Error('no new figure in 10 s')),
                             10000);
    const observer = new MutationObserver(() => {
      const img = box.querySelector('img');
      if (!img || img.src === before) return;
      observer.disconnect();
      img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
        clearTimeout(timer);
        if (pressed === null) reject(new Error('redrawn before any key press'));
        else resolve(performance.now() - pressed);
      }));
    });
    observer.observe(box, {childList: true, subtree: true, attributes: true});
  });
}
"""


def browser_benchmark(moves: int) -> list[dict]:
    """Key press to new figure, per widget with a ``benchmark`` control."""
    from playwright.sync_api import sync_playwright

    chromium_path()  # fail early, saying how to install it
    rows = []
    with tempfile.TemporaryDirectory(prefix="cloudsec-bench-") as tmp:
        lab = Lab(Path(tmp))
        lab.prepare()
        lab.start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                for notebook in dict.fromkeys(s.notebook for s in WIDGETS):
                    specs = [s for s in WIDGETS if s.notebook == notebook]
                    if not any(spec.benchmark for spec in specs):
                        continue
                    lesson = NotebookPage(page, lab, notebook).open()
                    lesson.run_all()
                    for index, spec in enumerate(specs):
                        if spec.benchmark:
                            widget = WidgetDriver(page, spec, index, lesson)
                            try:
                                times = _operate(page, widget, moves)
                            except Exception as exc:
                                raise RuntimeError(
                                    f"{widget.label}: {exc}") from exc
                            rows.append({"widget": widget.label,
                                         "times": times})
                    lesson.assert_no_errors("after the benchmark")
                    lab.shutdown_kernels()
                browser.close()
        finally:
            lab.stop()
    return rows


# Where the control stands: a number box says its value and bounds, a group
# of toggle buttons which button is pressed; a single toggle just flips.
_POSITION_JS = """
el => {
  if (el.matches('input[type=number]')) return {kind: 'number',
    now: +el.value, low: +el.min, high: +el.max, step: +el.step || 1};
  const group = el.closest('.widget-toggle-buttons');
  if (group) {
    const buttons = Array.from(group.querySelectorAll('button'));
    return {kind: 'group', low: 0, high: buttons.length - 1, step: 1,
            now: buttons.findIndex(b => b.classList.contains('mod-active'))};
  }
  return {kind: 'button', now: 0, low: 0, high: 0, step: 1};
}
"""


def _operate(page, widget: WidgetDriver, moves: int) -> list[float]:
    widget.container.scroll_into_view_if_needed()
    css = widget.spec.benchmark
    controls = widget.container.locator(
        f".{css} input[type=number], .{css} button, button.{css}")
    figure = widget.container.locator(f".{widget.spec.figure}").first
    box = figure.element_handle()
    times, step = [], 1
    for number in range(WARM_UP + moves):
        control = controls.first
        where = control.evaluate(_POSITION_JS)
        size = where["step"]
        if where["low"] != where["high"] and \
                not where["low"] <= where["now"] + step * size <= where["high"]:
            step = -step
        page.evaluate(_ARM_JS, box)
        if where["kind"] == "number":
            control.focus()
            control.press("ArrowUp" if step > 0 else "ArrowDown")
        elif where["kind"] == "group":
            target = controls.nth(int(where["now"]) + step)
            target.focus()
            target.press("Space")
        else:
            control.focus()
            control.press("Space")
        elapsed = page.evaluate("() => window.__cloudsecMove")
        # let the readout and the kernel settle, as between two real presses
        page.wait_for_timeout(50)
        if number >= WARM_UP:
            times.append(elapsed)
    return times


# -- report ----------------------------------------------------------------

def summary(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    return statistics.median(times), float(np.percentile(times, 95))


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40,
                        help="timed moves per widget (at least 30)")
    parser.add_argument("--kernel-only", action="store_true",
                        help="skip the browser measurement")
    args = parser.parse_args(argv)
    if args.moves < 30:
        parser.error("--moves must be at least 30")

    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"{platform.platform()}, Python {platform.python_version()}, "
          f"matplotlib {matplotlib.__version__}")
    print(f"\nKernel redraw per change, {args.moves} changes (ms); target "
          f"median < {KERNEL_MEDIAN_MS}, p95 < {KERNEL_P95_MS}")
    print(f"{'widget':<28}{'fast median':>12}{'fast p95':>10}"
          f"{'naive median':>14}{'naive p95':>11}  verdict")
    ok = True
    for row in kernel_benchmark(args.moves):
        fast_med, fast_p95 = summary(row["fast"])
        naive_med, naive_p95 = summary(row["naive"])
        good = fast_med < KERNEL_MEDIAN_MS and fast_p95 < KERNEL_P95_MS
        ok &= good
        print(f"{row['widget']:<28}{fast_med:>12.1f}{fast_p95:>10.1f}"
              f"{naive_med:>14.1f}{naive_p95:>11.1f}  {_verdict(good)}")
    if not args.kernel_only:
        print(f"\nBrowser, key press to new figure shown, {args.moves} presses "
              f"(ms); target p95 < {BROWSER_P95_MS}")
        rows = browser_benchmark(args.moves)
        width = max(len(row["widget"]) for row in rows) + 2
        print(f"{'widget':<{width}}{'median':>8}{'p95':>8}  verdict")
        for row in rows:
            med, p95 = summary(row["times"])
            good = p95 < BROWSER_P95_MS
            ok &= good
            print(f"{row['widget']:<{width}}{med:>8.1f}{p95:>8.1f}  "
                  f"{_verdict(good)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
