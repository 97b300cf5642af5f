"""The package keeps its documented layout (cloudsec/__init__.py and
docs/adding-a-lesson.md): a topic's data module draws nothing and shows
nothing; figures and widgets live in its ``_plots`` and ``_widgets`` modules."""

import ast
import fnmatch
import pkgutil
import re
import tomllib

import pytest

import cloudsec

from helpers import ROOT

PACKAGE = ROOT / "src" / "cloudsec"
NAMES = {info.name for info in pkgutil.iter_modules(cloudsec.__path__)}
TOPICS = sorted(name for name in NAMES
                if not name.endswith(("_plots", "_widgets"))
                and ({f"{name}_plots", f"{name}_widgets"} & NAMES))
DRAWING = ("matplotlib", "ipywidgets", "IPython", "PIL")


def _files(topic):
    path = PACKAGE / topic
    return sorted(path.rglob("*.py")) if path.is_dir() else [
        PACKAGE / f"{topic}.py"]


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_there_are_topics():
    assert {"multitenancy", "serverless", "deployment"} <= set(TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_data_module_draws_nothing(topic):
    for path in _files(topic):
        drawing = sorted({name for name in _imports(path)
                          if name.split(".")[0] in DRAWING})
        assert not drawing, (
            f"{path.relative_to(ROOT)} imports {drawing}: figures belong in "
            f"cloudsec/{topic}_plots.py, widgets in cloudsec/{topic}_widgets.py")


def test_every_data_file_is_packaged():
    """A data file that no package-data pattern names is left out of a
    non-editable install (a class's JupyterHub image): name its type in
    pyproject.toml's [tool.setuptools.package-data]."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["cloudsec"]
    files = [p.relative_to(PACKAGE).as_posix()
             for p in (PACKAGE / "data").rglob("*") if p.is_file()]
    assert files
    left_out = [f for f in files
                if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert not left_out, f"not packaged: {left_out}; patterns: {patterns}"


def test_every_failed_lookup_is_worded_by_the_kit():
    """Check that no module words its own "unknown X" error: a learner who
    mistypes a name reads one wording everywhere (cloudsec.kit.lookup)."""
    offenders = []
    for path in sorted((ROOT / "src" / "cloudsec").rglob("*.py")):
        if path.name == "lookup.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"raise ValueError\(\s*f?[\"']unknown ", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, ("use cloudsec.kit.lookup.unknown/find: "
                           + ", ".join(offenders))
