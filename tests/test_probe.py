"""The integrity probe is real, tested code shipped to the kernel by its source."""

import json

import nbformat
from nbclient import NotebookClient

from cloudsec.grader.probe import PROBE_PREFIX, cloudsec_probe, probe_source


def _run(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in (*cells, probe_source())]
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    line = next(ln for ln in text.splitlines() if ln.startswith(PROBE_PREFIX))
    return json.loads(line[len(PROBE_PREFIX):])


def test_probe_ships_the_module_function_itself():
    import inspect

    assert inspect.getsource(cloudsec_probe) in eval(  # noqa: S307 - own literal
        probe_source().split("exec(", 1)[1].split(", _cloudsec_ns)")[0])


def test_probe_is_quiet_on_a_clean_kernel_and_names_shadowed_and_patched_builtins():
    clean = _run("import numpy\nx = [1, 2]\nanswers = {'Q1': 'B'}")
    assert clean == {"issues": [], "shadowed": [], "patched_builtins": []}
    attacked = _run(
        "def sorted(*args, **kwargs):\n    return []\nset = frozenset\n"
        "len = lambda x: 0",
        "import builtins\n_real_any = builtins.any\n"
        "builtins.any = lambda it: _real_any(it)\nbuiltins.all = builtins.any",
        "import cloudsec.grading as g\ng.report = lambda *a, **k: None")
    assert attacked["shadowed"] == ["len", "set", "sorted"]
    assert attacked["patched_builtins"] == ["all", "any"]
    assert "cloudsec.grading.report patched" in attacked["issues"]
