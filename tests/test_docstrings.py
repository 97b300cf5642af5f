"""Every docstring example in the package runs, as a reader would type it.

Each docstring's examples run in a fresh namespace, not the module's, so an
example that uses a name must import it first: what the docstring shows is
what works when pasted into a notebook.
"""

import doctest
import importlib
import io
import pkgutil
import re

import pytest

import cloudsec

MODULES = ["cloudsec"] + sorted(
    info.name for info in pkgutil.walk_packages(cloudsec.__path__, "cloudsec."))


def _doctests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [test for test in finder.find(module, name, globs={})
            if test.name.startswith(name)]


def test_the_package_has_examples_to_run():
    count = sum(len(test.examples) for name in MODULES
                for test in _doctests(name))
    assert count >= 60, f"only {count} docstring examples found"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run_as_written(name):
    failures = []
    for test in _doctests(name):
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        report = io.StringIO()
        result = runner.run(test, out=report.write, clear_globs=True)
        if result.failed:
            failures.append(report.getvalue())
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", MODULES)
def test_every_examples_section_has_runnable_examples(name):
    """An Examples section written as prose or plain code never runs."""
    silent = [test.name for test in doctest.DocTestFinder(exclude_empty=False)
              .find(importlib.import_module(name), name, globs={})
              if test.docstring and test.name.startswith(name)
              and re.search(r"^\s*Examples\n\s*-{8}", test.docstring, re.M)
              and not test.examples]
    assert not silent, f"Examples sections without a >>> line: {silent}"
