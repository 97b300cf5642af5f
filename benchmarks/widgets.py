"""Benchmark: how fast the course widgets redraw, in the kernel and in a browser.

Two measurements per widget, each over many moves of one control (40 by
default, at least 30), reported as median and 95th percentile:

1. **Kernel**: the time from setting the control's value to the new PNG and
   readout being ready (the widget's own callback, redrawing in place with
   :class:`cloudsec.plots.FastPNG`), side by side with a naive version that
   builds a new figure and renders it in full on every change
   (:data:`KERNEL_CASES`).
2. **Browser**: in JupyterLab in headless Chromium, the time from a key
   press (arrow keys on a slider, Space on a toggle button; for a dropdown,
   choosing the next option) to the new figure decoded and in the next
   frame, measured in the page with ``performance.now()``. This includes the
   round trip to the kernel.

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
from cloudsec import hypervisors as hv
from cloudsec import responsibility as rm
from cloudsec import serverless as sl
from cloudsec.assurance_plots import exposure_matrix
from cloudsec.assurance_widgets import WhoCanReadExplorer, describe_exposure
from cloudsec.container_plots import boundary_figure, ladder_figure
from cloudsec.container_widgets import (
    ContainerConfigExplorer,
    IsolationLadderExplorer,
    describe_ranking,
    describe_settings,
)
from cloudsec.deployment_plots import fit_chart
from cloudsec.deployment_widgets import DeploymentAdvisor, describe_advice
from cloudsec.hypervisor_plots import blast_radius_figure, hypervisor_stack
from cloudsec.hypervisor_widgets import (
    BlastRadiusExplorer,
    HypervisorStackExplorer,
    describe_architecture,
    describe_blast_radius,
)
from cloudsec.multitenancy_plots import coresidency_figure, latency_figure
from cloudsec.multitenancy_widgets import (
    CoresidencyExplorer,
    NoisyNeighbourSimulator,
    describe_coresidency,
    describe_latency,
)
from cloudsec.plots import figure_png, responsibility_stack
from cloudsec.serverless_plots import permission_scope
from cloudsec.serverless_widgets import PermissionExplorer, describe_permissions
from cloudsec.widgets import ResponsibilityExplorer, describe

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

    ``make`` builds the widget and returns the control whose ``value`` a
    move sets; setting it runs the widget's own callback.
    """

    make: Callable[[], object]
    values: list
    naive: Callable[[object], None]


def _ladder_naive(trust: str) -> None:
    figure_png(ladder_figure(trust, "single", "low", "subsecond"))
    describe_ranking(trust, "single", "low", "subsecond")


def _settings_naive(privileged: bool) -> None:
    settings = ct.normalize_settings({"privileged": privileged})
    figure_png(boundary_figure(settings))
    describe_settings(settings)


#: widget name -> how to move it; adding a widget is one entry
KERNEL_CASES: dict[str, KernelCase] = {
    "responsibility explorer": KernelCase(
        lambda: ResponsibilityExplorer("on-prem").slider, list(rm.models()),
        lambda m: (figure_png(responsibility_stack(m)),
                   describe(m, None, None))),
    "hypervisor stack": KernelCase(
        lambda: HypervisorStackExplorer().control, list(hv.architectures()),
        lambda a: (figure_png(hypervisor_stack(a)), describe_architecture(a))),
    "blast radius": KernelCase(
        lambda: BlastRadiusExplorer().control,
        [*hv.hosts(), *hv.consoles()],
        lambda t: (figure_png(blast_radius_figure(t)),
                   describe_blast_radius(t))),
    "isolation ladder": KernelCase(
        lambda: IsolationLadderExplorer().trust, list(ct.TRUST),
        _ladder_naive),
    "container settings": KernelCase(
        lambda: ContainerConfigExplorer().toggles["privileged"], [False, True],
        _settings_naive),
    "deployment advisor": KernelCase(
        lambda: DeploymentAdvisor().controls["sensitivity"], list(dep.LEVELS),
        lambda v: (figure_png(fit_chart(sensitivity=v)),
                   describe_advice(dep.advise(sensitivity=v)))),
    "permission explorer": KernelCase(
        lambda: PermissionExplorer().control, list(sl.sample_functions()),
        lambda f: (figure_png(permission_scope(f)), describe_permissions(f))),
    "noisy neighbour": KernelCase(
        lambda: NoisyNeighbourSimulator().neighbour_load,
        list(range(0, 2001, 50)),
        lambda n: (figure_png(latency_figure(neighbour_load=n)),
                   describe_latency(1000, 200, n))),
    "co-residency": KernelCase(
        lambda: CoresidencyExplorer().launches, list(range(0, 201)),
        lambda n: (figure_png(coresidency_figure(launches=n)),
                   describe_coresidency(1000, "random", n))),
    "who can read": KernelCase(
        lambda: WhoCanReadExplorer({"confidential_vm": True}).flags[
            "attestation_checked"], [False, True],
        lambda v: (figure_png(exposure_matrix(
            asr.Protections(confidential_vm=True, attestation_checked=v))),
                   describe_exposure(asr.Protections(
                       confidential_vm=True, attestation_checked=v)))),
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
        start = case.values.index(control.value)
        path = [case.values[i] for i in
                ping_pong(len(case.values), start, moves + WARM_UP)]

        def fast(value, control=control):
            control.value = value

        rows.append({"widget": name, "fast": time_moves(fast, path),
                     "naive": time_moves(case.naive, path)})
    return rows


# -- browser ---------------------------------------------------------------

# Arms a promise that resolves to the milliseconds from the next key press
# (or choice in a dropdown) to the figure <img> showing a new, decoded image
# (in the frame after that).
_ARM_JS = """
img => {
  const before = img.src;
  window.__cloudsecMove = new Promise((resolve, reject) => {
    let pressed = null;
    const start = () => { if (pressed === null) pressed = performance.now(); };
    for (const kind of ['keydown', 'input']) {
      document.addEventListener(kind, start, {capture: true, once: true});
    }
    const timer = setTimeout(() => reject(new Error('no new figure in 10 s')),
                             10000);
    const loaded = () => {
      if (img.src === before) return;
      img.removeEventListener('load', loaded);
      img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
        clearTimeout(timer);
        if (pressed === null) reject(new Error('redrawn before any key press'));
        else resolve(performance.now() - pressed);
      }));
    };
    img.addEventListener('load', loaded);
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


# Where the control stands: a slider's handle says its position in aria
# attributes, a <select> in selectedIndex; a toggle button just flips.
_POSITION_JS = """
el => {
  if (el.matches('.noUi-handle')) return {kind: 'slider',
    now: +el.getAttribute('aria-valuenow'), low: +el.getAttribute('aria-valuemin'),
    high: +el.getAttribute('aria-valuemax')};
  if (el.tagName === 'SELECT') return {kind: 'select',
    now: el.selectedIndex, low: 0, high: el.options.length - 1};
  return {kind: 'button', now: 0, low: 0, high: 0};
}
"""


def _operate(page, widget: WidgetDriver, moves: int) -> list[float]:
    widget.container.scroll_into_view_if_needed()
    css = widget.spec.benchmark
    control = widget.container.locator(
        f".{css} .noUi-handle, .{css} select, button.{css}").first
    figure = widget.figure.element_handle()
    times, step = [], 1
    for number in range(WARM_UP + moves):
        where = control.evaluate(_POSITION_JS)
        if where["low"] != where["high"] and \
                not where["low"] <= where["now"] + step <= where["high"]:
            step = -step
        page.evaluate(_ARM_JS, figure)
        if where["kind"] == "slider":
            control.press("ArrowRight" if step > 0 else "ArrowLeft")
        elif where["kind"] == "select":
            # Headless Chromium opens no list on arrow keys: choose the
            # option as a click would (the clock starts at its input event).
            control.select_option(index=int(where["now"]) + step)
        else:
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
