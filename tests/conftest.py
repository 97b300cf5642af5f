"""Shared fixtures and paths for the suite."""

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def lesson_notebooks():
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def assignment_ids():
    return sorted(p.name for p in (ROOT / "source").iterdir()
                  if p.is_dir() and p.name.startswith("ps"))


def all_notebooks():
    out = []
    for folder in ("notebooks", "source", "release"):
        out += [p for p in (ROOT / folder).rglob("*.ipynb")
                if ".ipynb_checkpoints" not in p.parts]
    return sorted(out)


@pytest.fixture
def tool_env():
    """Environment for running the venv's command-line tools (nbgrader needs
    alembic from the same venv on PATH when it creates a gradebook)."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("JUPYTER_CONFIG_DIR", None)
    return env


@pytest.fixture
def course_copy(tmp_path):
    """A throwaway course directory with this course's config, source and
    release, so tests never write into the repository."""
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    return course
