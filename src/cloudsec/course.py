"""The course catalogue: its modules, lessons, assignments and exam topics.

The catalogue is the packaged data file ``data/course.yaml``, one entry per
module in course order. It is the one place the course map is kept:
:mod:`cloudsec.exam` takes its topics from it, and the tests check the
README's map, lesson 00's map, every lesson's "What's next" cell and the
points each assignment states against it. :func:`readme_map` and
:func:`lesson_map` render the two maps as Markdown tables, and
:func:`update_maps` writes them into the repository, so a new module's rows
are generated, not typed: ``python -m cloudsec.course --write .`` from the
repository (without ``--write`` it prints them).

The file is read the first time a function asks for it, not on import.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from cloudsec.kit.lookup import unknown

__all__ = [
    "STATUSES",
    "Assignment",
    "CatalogueError",
    "Module",
    "Topic",
    "assignments",
    "lesson_map",
    "module",
    "modules",
    "parse",
    "readme_map",
    "topics",
    "update_maps",
]

#: What a module's ``status`` may be: ready for learners, or still written.
STATUSES = ("available", "in preparation")

_FIELDS = {"number", "lesson", "title", "summary", "topic", "assignment",
           "status"}


class CatalogueError(ValueError):
    """``course.yaml`` is malformed; the message names the module."""


@dataclass(frozen=True)
class Topic:
    """A topic of exam practice (:mod:`cloudsec.exam`)."""

    id: str
    label: str


@dataclass(frozen=True)
class Assignment:
    """A graded assignment and its points.

    Attributes
    ----------
    id : str
        Its folder in ``source/`` and ``release/`` (``"ps03-..."``).
    autograded, manual : int
        Points of its autograded grade cells and of those graded by hand.
    """

    id: str
    autograded: int
    manual: int

    @property
    def points(self) -> int:
        """All its points."""
        return self.autograded + self.manual

    @property
    def points_text(self) -> str:
        """``"22 points: 18 autograded, 4 by hand"``."""
        return (f"{self.points} points: {self.autograded} autograded, "
                f"{self.manual} by hand")


@dataclass(frozen=True)
class Module:
    """One module of the course: a lesson and, usually, an assignment.

    Attributes
    ----------
    number : str
        Two digits (``"03"``).
    lesson : str
        The lesson's file name in ``notebooks/`` without ``.ipynb``.
    title : str
        The lesson's title (its first heading, after ``Lesson NN:``).
    summary : str
        What it covers, in a few words.
    topic : Topic or None
        Its exam-practice topic, if it has one.
    assignment : Assignment or None
        Its graded assignment, if it has one.
    status : str
        One of :data:`STATUSES`.
    """

    number: str
    lesson: str
    title: str
    summary: str
    topic: Topic | None
    assignment: Assignment | None
    status: str

    @property
    def notebook(self) -> str:
        """The lesson's path from the repository root."""
        return f"notebooks/{self.lesson}.ipynb"

    @property
    def available(self) -> bool:
        """Whether learners can take it now."""
        return self.status == "available"


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _points(entry: dict, key: str, where: str) -> int:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CatalogueError(f"{where}: assignment {key!r} must be a whole "
                             f"number of points, not {value!r}")
    return value


def _module(entry: object, index: int) -> Module:
    if not isinstance(entry, dict):
        raise CatalogueError(f"module {index + 1}: expected a mapping")
    where = f"module {entry.get('number', index + 1)!s}"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {sorted(unknown)}; "
                             f"known: {sorted(_FIELDS)}")
    number = _text(entry, "number", where)
    if not re.fullmatch(r"\d\d", number):
        raise CatalogueError(f"{where}: number must be two digits, such as "
                             f"'08' (quote it in YAML)")
    lesson = _text(entry, "lesson", where)
    if not lesson.startswith(f"{number}-"):
        raise CatalogueError(f"{where}: lesson {lesson!r} must start with "
                             f"'{number}-'")
    status = _text(entry, "status", where)
    if status not in STATUSES:
        raise CatalogueError(f"{where}: status {status!r} is not one of "
                             f"{', '.join(STATUSES)}")
    topic = entry.get("topic")
    if topic is not None:
        if not isinstance(topic, dict):
            raise CatalogueError(f"{where}: topic must be {{id: ..., "
                                 f"label: ...}}")
        topic = Topic(_text(topic, "id", where), _text(topic, "label", where))
    work = entry.get("assignment")
    if work is not None:
        if not isinstance(work, dict):
            raise CatalogueError(f"{where}: assignment must be {{id: ..., "
                                 f"autograded: ..., manual: ...}}")
        work = Assignment(_text(work, "id", where),
                          _points(work, "autograded", where),
                          _points(work, "manual", where))
        if not work.id.startswith(f"ps{number}-"):
            raise CatalogueError(f"{where}: assignment {work.id!r} must "
                                 f"start with 'ps{number}-'")
    return Module(number, lesson, _text(entry, "title", where),
                  _text(entry, "summary", where), topic, work, status)


def parse(text: str) -> tuple[Module, ...]:
    """Read a catalogue from YAML text and check it.

    Raises
    ------
    CatalogueError
        If an entry is malformed, or numbers, lessons, assignments or
        topics repeat or are out of order.
    """
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise CatalogueError("the catalogue is a mapping with a 'modules' list")
    found = tuple(_module(entry, i) for i, entry in enumerate(data["modules"]))
    numbers = [m.number for m in found]
    if numbers != sorted(set(numbers)):
        raise CatalogueError(f"module numbers must be unique and in order: "
                             f"{', '.join(numbers)}")
    for kind, values in (
            ("topic id", [m.topic.id for m in found if m.topic]),
            ("topic label", [m.topic.label for m in found if m.topic]),
            ("assignment", [m.assignment.id for m in found if m.assignment])):
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise CatalogueError(f"{kind} used twice: {', '.join(repeated)}")
    return found


@lru_cache(maxsize=1)
def modules() -> tuple[Module, ...]:
    """Every module of the course, in course order."""
    path = resources.files("cloudsec") / "data" / "course.yaml"
    return parse(path.read_text(encoding="utf-8"))


def module(number: str | int) -> Module:
    """One module by number (``"03"`` or ``3``).

    Raises
    ------
    ValueError
        If the course has no such module.
    """
    wanted = f"{number:02d}" if isinstance(number, int) else str(number).strip()
    for item in modules():
        if item.number == wanted:
            return item
    raise unknown("module", number, [m.number for m in modules()])


def assignments() -> tuple[Assignment, ...]:
    """The graded assignments, in course order."""
    return tuple(m.assignment for m in modules() if m.assignment)


def topics() -> tuple[tuple[str, str, str], ...]:
    """Exam-practice topics in course order: ``(id, module number, label)``."""
    return tuple((m.topic.id, m.number, m.topic.label)
                 for m in modules() if m.topic)


def _row(*cells: str) -> str:
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def readme_map() -> str:
    """The README's map of the course, as a Markdown table."""
    rows = ["| # | Lesson (`notebooks/`) | Assignment (`source/`, "
            "`release/`) | Status |", "|---|---|---|---|"]
    for m in modules():
        work = (f"`{m.assignment.id}` ({m.assignment.points_text})"
                if m.assignment else "")
        rows.append(_row(m.number, f"`{m.lesson}`: {m.summary}", work,
                         m.status))
    return "\n".join(rows)


def lesson_map(here: str | None = None) -> str:
    """Lesson 00's map of the course, as a Markdown table.

    Parameters
    ----------
    here : str, optional
        The lesson the table is shown in (by default the first): named, not
        linked.
    """
    here = modules()[0].lesson if here is None else here
    rows = ["| # | Lesson (`notebooks/`) | Status | Assignment (`release/`) "
            "| Status |", "|---|---|---|---|---|"]
    for m in modules():
        lesson = (f"`{m.lesson}` (this notebook)" if m.lesson == here
                  else f"[`{m.lesson}`]({m.lesson}.ipynb)")
        work = ((f"`{m.assignment.id}`", f"**{m.status}**") if m.assignment
                else ("none", ""))
        rows.append(_row(m.number, lesson, f"**{m.status}**", *work))
    return "\n".join(rows)


def _replace_table(text: str, header: str, table: str) -> str:
    """``text`` with the Markdown table that starts with ``header`` (its
    first line) replaced by ``table``."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line == header]
    if len(starts) != 1:
        raise ValueError(f"expected one table headed {header!r}, found "
                         f"{len(starts)}")
    end = starts[0]
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[:starts[0]] + table.split("\n") + lines[end:])


def update_maps(root: str | os.PathLike) -> list[str]:
    """Rewrite the README's map and lesson 00's map from the catalogue.

    Parameters
    ----------
    root : str or path-like
        The repository (the folder holding ``README.md`` and ``notebooks/``).

    Returns
    -------
    list of str
        The files that changed, relative to ``root``.
    """
    root = Path(root)
    changed = []
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = _replace_table(text, readme_map().split("\n")[0], readme_map())
    if new != text:
        readme.write_text(new, encoding="utf-8")
        changed.append("README.md")
    lesson = root / "notebooks" / f"{modules()[0].lesson}.ipynb"
    raw = lesson.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    header = lesson_map().split("\n")[0]
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and header in source.split("\n"):
            cell["source"] = _replace_table(source, header, lesson_map()
                                            ).splitlines(keepends=True)
    out = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    if out != raw:
        lesson.write_text(out, encoding="utf-8")
        changed.append(f"notebooks/{lesson.name}")
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m cloudsec.course`` prints both maps; ``--write ROOT``
    rewrites them in the repository at ``ROOT``."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--write"] and len(args) == 2:
        changed = update_maps(args[1])
        for name in changed:
            print(f"updated {name}")
        if not changed:
            print("the maps already agree with the catalogue")
        return 0
    if args:
        print("usage: python -m cloudsec.course [--write REPOSITORY]",
              file=sys.stderr)
        return 2
    print("README.md, 'Map of the course':\n\n" + readme_map()
          + "\n\nnotebooks/00-start-here.ipynb, section 2:\n\n"
          + lesson_map())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
