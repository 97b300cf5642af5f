"""The course catalogue (src/cloudsec/data/course.yaml) and every copy of it.

The README's map, lesson 00's map, the "What's next" cell of every lesson,
the points each assignment states and exam practice's topics must all agree
with the catalogue; the catalogue's points must agree with the nbgrader
metadata of source/. A failure says what to change; an out-of-date map is
rewritten by ``python -m cloudsec.course --write .``.
"""

import re

import nbformat
import pytest

from cloudsec import course, exam

from helpers import ROOT, assignment_ids, lesson_notebooks

MODULES = course.modules()
BY_NUMBER = {m.number: m for m in MODULES}
WITH_WORK = [m for m in MODULES if m.assignment]
NOT_YET = re.compile(r"\b(in progress|in preparation|coming|will appear|"
                     r"once it is released|not yet)\b", re.I)


def _ids(items):
    return [m.number for m in items]


def _markdown(path):
    nb = nbformat.read(path, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _cell_with(path, heading):
    cells = [s for s in _markdown(path)
             if re.search(rf"^#+ {re.escape(heading)}\s*$", s, re.M)]
    assert len(cells) == 1, f"{path.name}: expected one cell headed {heading!r}"
    return cells[0]


def _section(text, heading):
    """The text under a Markdown heading, up to the next heading."""
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert match, f"no heading {heading!r}"
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{len(match.group(1))}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


# -- the catalogue itself ----------------------------------------------------

def test_catalogue_names_every_lesson_and_assignment_and_nothing_else():
    lessons = [p.stem for p in lesson_notebooks()]
    assert [m.lesson for m in MODULES] == lessons, (
        "notebooks/ and src/cloudsec/data/course.yaml list different lessons: "
        "add the new lesson's entry to the catalogue")
    assert [a.id for a in course.assignments()] == assignment_ids(), (
        "source/ and the catalogue list different assignments")


@pytest.mark.parametrize("module", MODULES, ids=_ids(MODULES))
def test_catalogue_title_is_the_lessons_first_heading(module):
    first = _markdown(ROOT / module.notebook)[0].splitlines()[0]
    assert first == f"# Lesson {module.number}: {module.title}"


def _grade_cells(aid):
    nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            manual = bool(meta.get("solution") or meta.get("task")
                          or cell.cell_type == "markdown")
            cells.append((meta["grade_id"], float(meta["points"]), manual))
    return nb, cells


@pytest.mark.parametrize("module", WITH_WORK, ids=_ids(WITH_WORK))
def test_catalogue_points_are_the_nbgrader_points(module):
    """Autograded: grade cells that are tests; by hand: written answers."""
    _, cells = _grade_cells(module.assignment.id)
    auto = sum(points for _, points, manual in cells if not manual)
    by_hand = sum(points for _, points, manual in cells if manual)
    assert (module.assignment.autograded, module.assignment.manual) == (
        auto, by_hand), (
        f"source/{module.assignment.id}: its grade cells give {auto:g} points "
        f"autograded and {by_hand:g} by hand; course.yaml says otherwise")


def test_parse_refuses_a_malformed_catalogue():
    good = ROOT.joinpath("src/cloudsec/data/course.yaml").read_text()
    assert course.parse(good) == MODULES
    start = good.index('  - number: "03"')
    block = good[start:good.index("\n\n", start) + 2]
    for bad, error in [
            (good.replace('number: "03"', "number: 3"), "non-empty string"),
            (good.replace(block, block + block), "unique and in order"),
            (good.replace("status: available", "status: coming", 1),
             "status 'coming'"),
            (good.replace("ps02-containers,", "ps20-containers,"),
             "must start with 'ps02-'"),
            (good.replace("autograded: 9,", "autograded: nine,", 1),
             "whole number"),
            (good.replace("summary: how", "sumary: how"), "unknown field"),
            (good.replace("id: serverless,", "id: containers,"),
             "topic id used twice")]:
        with pytest.raises(course.CatalogueError, match=error):
            course.parse(bad)


def test_module_lookup():
    assert course.module(3) is course.module("03") is BY_NUMBER["03"]
    with pytest.raises(ValueError, match="unknown module 99"):
        course.module(99)


# -- the copies --------------------------------------------------------------

def test_exam_topics_are_the_catalogues():
    assert exam.topics() == tuple(m.topic.id for m in MODULES if m.topic)
    for m in MODULES:
        if m.topic:
            assert exam.topic_label(m.topic.id) == f"{m.number} {m.topic.label}"


def test_readme_map_is_the_catalogues():
    readme = (ROOT / "README.md").read_text()
    table = _section(readme, "Map of the course").strip()
    expected = course.readme_map()
    assert expected in table, (
        "README.md's 'Map of the course' does not match "
        "src/cloudsec/data/course.yaml; run `.venv/bin/python -m cloudsec.course "
        "--write .` to write this table:\n\n" + expected)


def test_lesson_00_map_is_the_catalogues():
    cell = _cell_with(ROOT / "notebooks/00-start-here.ipynb",
                      "2. Map of the course")
    expected = course.lesson_map()
    assert expected in cell, (
        "notebooks/00-start-here.ipynb, section 2, does not match "
        "src/cloudsec/data/course.yaml; run `.venv/bin/python -m cloudsec.course "
        "--write .` to write this table:\n\n" + expected)


_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight",
          "nine", "ten", "eleven", "twelve"]


def test_lesson_00_counts_what_is_available():
    text = " ".join(" ".join(_markdown(ROOT / "notebooks/00-start-here.ipynb"))
                    .split())
    ready = [m for m in MODULES if m.available]
    lessons, work = len(ready), len([m for m in ready if m.assignment])
    for match in re.finditer(r"all (\w+) lessons and (\w+) assignments", text):
        assert match.groups() == (_WORDS[lessons], _WORDS[work]), (
            f"lesson 00 says {match.group(0)!r}; the catalogue has "
            f"{lessons} lessons and {work} assignments available")
    if len(ready) < len(MODULES):
        assert "Every lesson and assignment is available" not in text


def _next_bullets(module):
    cell = _cell_with(ROOT / module.notebook, "What's next")
    body = _section(cell, "What's next")
    return [b.strip() for b in re.split(r"^(?:\* |\n)", body, flags=re.M)
            if b.strip()]


def _named(text):
    """Modules a piece of text refers to: lesson links, lesson numbers and
    assignment ids."""
    numbers = set(re.findall(r"\b(\d\d)-[a-z-]+\.ipynb", text))
    numbers |= set(re.findall(r"\b[Ll]essons? (\d\d)\b", text))
    numbers |= set(re.findall(r"\bps(\d\d)-[a-z-]+", text))
    return numbers


@pytest.mark.parametrize("module", MODULES, ids=_ids(MODULES))
def test_whats_next_agrees_with_the_catalogue(module):
    bullets = _next_bullets(module)
    text = "\n".join(bullets)
    where = f"{module.notebook}, What's next"
    for name in re.findall(r"\b(\d\d-[a-z-]+)\.ipynb", text):
        assert name in {m.lesson for m in MODULES}, (
            f"{where}: links {name}.ipynb, which is not a lesson")
    for name in re.findall(r"\b(ps\d\d-[a-z-]+)\b", text):
        assert name in {a.id for a in course.assignments()}, (
            f"{where}: names {name}, which is not an assignment")
    for number in _named(text):
        assert number in BY_NUMBER, f"{where}: names module {number}"
    if module.assignment:
        assert module.assignment.id in text, (
            f"{where}: does not name its assignment {module.assignment.id}")
    later = MODULES[MODULES.index(module) + 1:]
    if later:
        assert f"({later[0].lesson}.ipynb)" in text, (
            f"{where}: does not link the next lesson, {later[0].lesson}")
    for bullet in bullets:
        named = [BY_NUMBER[n] for n in sorted(_named(bullet))]
        says_not_yet = NOT_YET.search(bullet)
        if says_not_yet:
            assert any(not m.available for m in named), (
                f"{where}: says {says_not_yet.group(0)!r} of modules the "
                f"catalogue marks available: {bullet[:120]!r}")
        for m in named:
            if not m.available:
                assert "in preparation" in bullet, (
                    f"{where}: module {m.number} is in preparation; say so")


# -- the points each assignment states ---------------------------------------

def _parts(nb):
    """Part letter -> [stated points, points of its grade cells, by hand?],
    and the exercises (``### Exercise ... (N points)``) as [heading, stated,
    counted]."""
    parts, exercises, part, exercise = {}, [], None, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for match in re.finditer(
                    r"^(##|###) (.*?) \((\d+) points?(.*)\)\s*$", cell.source,
                    re.M):
                level, title, stated, rest = match.groups()
                letter = re.match(r"Part ([A-Z]):", title)
                if level == "##" and letter:
                    part, exercise = letter.group(1), None
                    parts[part] = [int(stated), 0.0, "by hand" in rest]
                elif level == "###":
                    exercise = [title, int(stated), 0.0]
                    exercises.append(exercise)
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            assert part, f"grade cell {meta['grade_id']} before any Part"
            parts[part][1] += float(meta["points"])
            if exercise:
                exercise[2] += float(meta["points"])
    return parts, exercises


@pytest.mark.parametrize("module", WITH_WORK, ids=_ids(WITH_WORK))
def test_assignment_states_its_nbgrader_points(module):
    """The Points line of the introduction, each Part's heading and each
    Exercise's heading."""
    aid = module.assignment.id
    nb, cells = _grade_cells(aid)
    parts, exercises = _parts(nb)
    for letter, (stated, counted, _) in parts.items():
        assert stated == counted, (
            f"{aid}: Part {letter} says {stated} points; its grade cells "
            f"give {counted:g}")
    for title, stated, counted in exercises:
        assert stated == counted, (
            f"{aid}: {title} says {stated} points; its grade cells give "
            f"{counted:g}")
    line = re.search(r"\*\*Points\.\*\* (.*?)\. Total (\d+)\.",
                     " ".join(nb.cells[0].source.split()))
    assert line, f"{aid}: the introduction has no '**Points.** ... Total N.'"
    total = sum(points for _, points, _ in cells)
    assert int(line.group(2)) == total, f"{aid}: says Total {line.group(2)}"
    auto_text, _, hand_text = line.group(1).partition("(autograded);")
    assert "(graded by hand)" in hand_text, line.group(0)
    for text, by_hand in ((auto_text, False), (hand_text, True)):
        for letter, points in re.findall(r"Part ([A-Z]) (\d+)", text):
            assert letter in parts, f"{aid}: no Part {letter}"
            assert (int(points), by_hand) == (parts[letter][0],
                                              parts[letter][2]), (
                f"{aid}: the Points line says Part {letter} {points}"
                f"{' by hand' if by_hand else ' autograded'}")
    listed = re.findall(r"Part ([A-Z]) \d+", line.group(1))
    assert sorted(listed) == sorted(parts), f"{aid}: Points line lists {listed}"


def test_update_maps_writes_the_catalogues_rows(tmp_path, monkeypatch):
    """A new module's rows are generated, not typed; nothing else moves."""
    (tmp_path / "notebooks").mkdir()
    lesson = "notebooks/00-start-here.ipynb"
    readme, notebook = (ROOT / "README.md").read_text(), (ROOT / lesson).read_text()
    (tmp_path / "README.md").write_text(readme)
    (tmp_path / lesson).write_text(notebook)
    assert course.update_maps(tmp_path) == []

    extra = course.Module("08", "08-new-topic", "New topic", "what it covers",
                          None, course.Assignment("ps08-new-topic", 3, 1),
                          "in preparation")
    monkeypatch.setattr(course, "modules", lambda: (*MODULES, extra))
    assert course.update_maps(tmp_path) == ["README.md", lesson]
    new_readme = (tmp_path / "README.md").read_text()
    row = ("| 08 | `08-new-topic`: what it covers | `ps08-new-topic` (4 points: "
           "3 autograded, 1 by hand) | in preparation |")
    assert new_readme.replace(row + "\n", "") == readme
    new_nb = nbformat.reads((tmp_path / lesson).read_text(), as_version=4)
    old_nb = nbformat.reads(notebook, as_version=4)
    changed = [i for i, (a, b) in enumerate(zip(new_nb.cells, old_nb.cells,
                                                strict=True))
               if a.source != b.source]
    assert len(changed) == 1
    assert ("| 08 | [`08-new-topic`](08-new-topic.ipynb) | **in preparation** "
            "| `ps08-new-topic` | **in preparation** |") in (
        new_nb.cells[changed[0]].source)


def test_command_prints_both_maps_and_refuses_unknown_arguments(capsys):
    assert course.main([]) == 0
    out = capsys.readouterr().out
    assert course.readme_map() in out and course.lesson_map() in out
    assert course.main(["--writ", "."]) == 2
    assert "usage" in capsys.readouterr().err
