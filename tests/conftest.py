"""Shared fixtures for the suite (plain helpers and paths: ``helpers.py``)."""

import os
import shutil

import pytest

from helpers import ROOT, VENV_BIN


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
