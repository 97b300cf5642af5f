"""Every widget the browser tests operate has a kernel benchmark case, so a
new widget cannot go unmeasured (``benchmarks/widgets.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _benchmark_module():
    spec = importlib.util.spec_from_file_location(
        "cloudsec_benchmark_widgets", ROOT / "benchmarks" / "widgets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_every_browser_widget_spec_has_a_kernel_benchmark_case():
    bench = _benchmark_module()
    from browser.widgets import WIDGETS

    cased = {case.widget for case in bench.KERNEL_CASES.values()}
    missing = sorted({spec.css for spec in WIDGETS} - cased)
    assert not missing, (
        f"widgets in tests/browser/widgets.py without a KERNEL_CASES entry in "
        f"benchmarks/widgets.py: {missing}; add a KernelCase for each")


def test_every_kernel_case_moves_its_widget():
    """Each case builds its widget and one move runs the widget's redraw."""
    bench = _benchmark_module()
    for name, case in bench.KERNEL_CASES.items():
        made = case.make()
        if case.move:
            case.move(made, case.values[0])
        else:
            value = next(v for v in case.values if v != made.value)
            made.value = value
            assert made.value == value, name
