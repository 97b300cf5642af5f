"""Set-up files agree with each other: pyproject.toml is the one place where
dependency ranges are decided; environment.yml, the README and CI follow it."""

import re
import tomllib

import yaml
from packaging.requirements import Requirement

from helpers import ROOT


def _pyproject_requirements():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = data["project"]["dependencies"] + data["project"][
        "optional-dependencies"]["test"]
    return {Requirement(r).name.lower(): Requirement(r).specifier for r in reqs}


def _conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep not in ("pip",):
            name, _, spec = dep.partition(" ")
            out[name.lower()] = spec.replace(" ", "")
    return out


def test_environment_yml_pins_the_same_ranges_as_pyproject():
    pyproject = _pyproject_requirements()
    conda = _conda_requirements()
    conda.pop("python")
    assert set(conda) == set(pyproject), (
        f"only in environment.yml: {sorted(set(conda) - set(pyproject))}; "
        f"only in pyproject.toml: {sorted(set(pyproject) - set(conda))}")
    for name, spec in pyproject.items():
        assert set(conda[name].split(",")) == {str(s) for s in spec}, name


def test_python_floor_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert data["project"]["requires-python"] == ">=3.11"
    assert "python >=3.11" in env["dependencies"]


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"^\s*(\./course \w+)\s*$", readme, re.M)
    assert commands[:2] == ["./course lab", "./course test"], commands
    ci_lines = [line.strip() for line in ci.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert ci_lines[-1] == "./course test"


def test_course_script_runs_the_whole_suite():
    script = (ROOT / "course").read_text()
    assert "pytest tests notebooks source --nbval-lax" in script
