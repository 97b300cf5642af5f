"""ruff over the package and the tests, as the pre-commit hook runs it."""

import re
import subprocess
import sys

from helpers import ROOT


def test_ruff_is_clean():
    cmd = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_lints_and_strips_notebooks():
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    assert "ruff" in config and "nbstripout" in config


def test_tests_import_helpers_not_conftest():
    """pytest loads each conftest.py itself and the suite has several, so
    ``from conftest import ...`` picks whichever Python finds first. Shared
    paths and helpers live in tests/helpers.py."""
    offenders = [str(path.relative_to(ROOT))
                 for folder in ("tests", "benchmarks")
                 for path in sorted((ROOT / folder).rglob("*.py"))
                 if re.search(r"^\s*(from conftest import|import conftest)",
                              path.read_text(), re.M)]
    assert not offenders, offenders
