"""ruff over the package and the tests, as the pre-commit hook runs it."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_is_clean():
    cmd = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_lints_and_strips_notebooks():
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    assert "ruff" in config and "nbstripout" in config
