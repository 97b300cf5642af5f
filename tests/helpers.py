"""Paths and notebook lists the tests share.

Import from here (``from helpers import ROOT``), never from ``conftest``:
pytest loads each ``conftest.py`` itself, and the suite has more than one, so
``import conftest`` depends on which of them Python finds first. Fixtures stay
in ``conftest.py``; plain helpers live here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def lesson_notebooks() -> list[Path]:
    """The lesson notebooks, ``notebooks/*.ipynb``, in name order."""
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def assignment_ids() -> list[str]:
    """The assignments in ``source/`` (``ps01``, ``ps02``, ...)."""
    return sorted(p.name for p in (ROOT / "source").iterdir()
                  if p.is_dir() and p.name.startswith("ps"))


def all_notebooks() -> list[Path]:
    """Every notebook of the lessons, ``source/`` and ``release/``."""
    out = []
    for folder in ("notebooks", "source", "release"):
        out += [p for p in (ROOT / folder).rglob("*.ipynb")
                if ".ipynb_checkpoints" not in p.parts]
    return sorted(out)


def sandbox_processes() -> dict[int, int]:
    """``{pid: uid}`` of every process running as a grading sandbox's uid
    (:data:`cloudsec.grader.sandbox.UID_BASE` and the slots after it)."""
    from cloudsec.grader.sandbox import UID_BASE, UID_SLOTS

    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
            except OSError:
                continue
            if UID_BASE <= uid < UID_BASE + UID_SLOTS:
                found[int(entry.name)] = uid
    return found
