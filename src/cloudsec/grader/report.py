"""``cloudsec-report``: what the class understood, from the gradebook.

Reads the gradebook through nbgrader's own API (so it works on SQLite and on
every database nbgrader supports: pass ``--db postgresql://...``) and the
grader's verified answers, and writes one HTML page (from the template
``grader/templates/report.html``) with figures and their text equivalents:

* the score distribution of each assignment (and of each variant, when the
  grader recorded variants);
* item analysis per grade cell: difficulty (mean score / maximum) and
  discrimination (the corrected item-total correlation: Pearson's r between
  the item's score and the student's total on the *other* items);
* per autograded block, the items the class got wrong most ("INC-2307: 62%
  said provider"), from the verified answers and the answer key in
  ``source/``, with the misconception behind a wrong item where the course
  names it (``misconceptions.yaml`` in the course directory);
* the most common whole wrong answers per check;
* flagged submissions with their reasons, and lateness.

It also writes the same numbers as JSON next to the page, and with
``--canvas FILE`` a CSV that Canvas's gradebook import accepts.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from cloudsec.kit import palette as pal

__all__ = ["CANVAS_COLUMNS", "analyse", "answer_keys", "canvas_csv",
           "discrimination", "load_misconceptions", "main", "render_html",
           "verified_answers", "wrong_items"]

# Canvas's gradebook import: these identity columns, then one per assignment
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MISCONCEPTIONS_FILE = "misconceptions.yaml"
WRONG = "wrong"  # what a listed item "said" (it is simply wrong to list it)


def discrimination(item: list[float], rest: list[float]) -> float | None:
    """Pearson correlation between item scores and rest-of-test totals.

    ``None`` when either has no variance (everyone got the same).
    """
    n = len(item)
    if n < 2:
        return None
    mi, mr = sum(item) / n, sum(rest) / n
    si = math.sqrt(sum((x - mi) ** 2 for x in item))
    sr = math.sqrt(sum((y - mr) ** 2 for y in rest))
    if si == 0 or sr == 0:
        return None
    return sum((x - mi) * (y - mr) for x, y in zip(item, rest, strict=True)) / (si * sr)


def verified_answers(course: Path, student: str, assignment: str) -> dict:
    """What the grader recorded for one submission, merged over its notebooks.

    The one place that reads the grader's outcome records
    (``autograded/<student>/<assignment>/.cloudsec-<notebook>.json``).

    Returns
    -------
    dict
        ``flags`` (list of ``{"code", "reason", ...}``), ``answers``
        (``{grade_id: {check: answer}}``, the learner's answers as the grader
        received them), ``checks`` (``{grade_id: {check: passed}}``) and
        ``variant`` (``None`` unless the grader recorded one).
    """
    folder = Path(course) / "autograded" / student / assignment
    merged: dict = {"flags": [], "answers": {}, "checks": {}, "variant": None}
    for path in sorted(folder.glob(".cloudsec-*.json")):
        if path.name.startswith((".cloudsec-done", ".cloudsec-summary")):
            continue
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        merged["flags"] += data.get("flags", [])
        merged["answers"].update(data.get("answers", {}))
        merged["checks"].update(data.get("checks", {}))
        merged["variant"] = data.get("variant", merged["variant"])
    return merged


def answer_keys(course: Path, assignment: str, variant: int | None = None
                ) -> dict[str, dict[str, object]]:
    """``{grade_id: {check: spec}}`` from the instructor's source notebooks.

    Each spec (:class:`cloudsec.grader.spec.Spec`) carries the key
    (``expected``) and how it is compared (``kind``, ``select``, ``accept``).
    With ``variant``, the keys are that variant's (from the assignment's
    instructor-side key file, :mod:`cloudsec.variants`); the notebook's
    literals are variant 1's.
    """
    import nbformat

    from cloudsec.grader.keys import KeyFormatError, split_hidden_tests

    keys: dict[str, dict[str, object]] = {}
    for path in sorted((Path(course) / "source" / assignment).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if not gid or cell.cell_type != "code":
                continue
            try:
                _, checks = split_hidden_tests(cell.source)
            except KeyFormatError:
                continue
            for check in checks:
                keys.setdefault(gid, {})[check.name] = check
    if variant is not None:
        from cloudsec import variants

        table = variants.read_keys(Path(course) / "source" / assignment) or {}
        entry = table.get("variants", {}).get(str(variant))
        if entry:
            keys = {gid: {spec.name: spec for spec in variants.swap_specs(
                list(specs.values()), entry)} for gid, specs in keys.items()}
    return keys


def wrong_items(answer: object, expected: object, kind: str = "equal",
                select: list | tuple | None = None,
                accept: dict | list | None = None,
                calls: bool = False) -> list[tuple[str, object]]:
    """The items of one answer that differ from the key, with what was said.

    ``kind``, ``select`` and ``accept`` are the check's spec (see
    ``docs/grading-design.md``):

    * ``mapping``: every graded key whose value is not accepted
      (``("INC-2307", "provider")``; a key left out is said as ``None``);
    * ``finds_all``: every key item the answer missed, said as ``None``;
    * ``no_false_alarms``: every answer item that does not belong, said as
      ``None``;
    * a list of results (``verify_calls``, ``calls=True``): ``("call 2",
      returned)`` per differing call;
    * anything else: ``("answer", answer)`` when it differs.
    """
    from cloudsec.grader.spec import SET_MARK

    if calls and isinstance(answer, list):
        # one {"value": result} (or a record of what it raised) per call
        answer = [r.get("value", r) if isinstance(r, dict) else r for r in answer]
        return [(f"call {i + 1}", a) for i, (a, e) in
                enumerate(zip(answer, expected, strict=False)) if a != e]
    if isinstance(answer, dict) and set(answer) == {SET_MARK}:
        answer = answer[SET_MARK]
    if isinstance(expected, dict) and isinstance(answer, dict):
        alternatives = accept if isinstance(accept, dict) else {}
        items = list(select) if select is not None else list(expected)
        return [(str(k), answer.get(k)) for k in items
                if answer.get(k) != expected[k]
                and answer.get(k) not in alternatives.get(k, [])]
    if kind in ("finds_all", "no_false_alarms", "unordered") and isinstance(
            expected, list) and isinstance(answer, list):
        def text(x: object) -> str:
            return x if isinstance(x, str) else json.dumps(x, sort_keys=True)
        given = {text(x) for x in answer}
        key = {text(x) for x in expected}
        missed = [] if kind == "no_false_alarms" else sorted(key - given)
        extra = [] if kind == "finds_all" else sorted(given - key)
        return [(x, None) for x in missed + extra]
    if isinstance(expected, list) and isinstance(answer, list) and len(
            expected) == len(answer):
        return [(f"call {i + 1}", a) for i, (a, e) in
                enumerate(zip(answer, expected, strict=True)) if a != e]
    return [] if answer == expected else [("answer", answer)]


def said_key(said: object) -> str:
    """How a said value is written in the report and in misconceptions.yaml."""
    if said is None:
        return WRONG
    return said if isinstance(said, str) else json.dumps(said, sort_keys=True)


def load_misconceptions(course: Path) -> dict:
    """``{assignment: {grade_id: {item: {said: misconception}}}}`` or ``{}``.

    The file sits in the course directory, beside ``nbgrader_config.py``, so
    it is never released to students.
    """
    import yaml

    path = Path(course) / MISCONCEPTIONS_FILE
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text()) or {}


def _patterns(named: dict, keys: dict) -> dict:
    """Misconceptions by what the key says and what was said, per cell.

    ``misconceptions.yaml`` names items of variant 1 (the original
    artefacts). In another variant the same rule goes wrong on other items,
    so a misconception is carried over by ``(cell, the key's value, what the
    learner said)``: saying "provider" where the key of a SaaS incident says
    "customer" is the same belief whichever incident it is.
    """
    found: dict[tuple, set[str]] = defaultdict(set)
    for cell, by_item in named.items():
        for item, by_said in by_item.items():
            truth = None
            for spec in keys.get(cell, {}).values():
                if isinstance(spec.expected, dict) and item in spec.expected:
                    truth = json.dumps(spec.expected[item], sort_keys=True)
            if truth is None:
                # an item of a set (a gap, a false statement) carries no
                # value to recognise the belief by in another variant
                continue
            for said, text in by_said.items():
                for name in str(text).split("; "):
                    found[cell, truth, said].add(name)
    return {k: "; ".join(sorted(v)) for k, v in found.items()}


def _truth(spec, item: str) -> str | None:
    if isinstance(spec.expected, dict) and item in spec.expected:
        return json.dumps(spec.expected[item], sort_keys=True)
    return None


def _item_misses(rows: list[dict], cell: str, keys_of, named: dict,
                 top: int) -> list[dict]:
    """The items of one grade cell the class got wrong most.

    ``keys_of(variant)`` gives the keys a student of that variant was graded
    against. With variants, each variant's items are its own (other ids, other
    letters), so an item is named with its variant and counted among the
    students of that variant.
    """
    answered = [r for r in rows if cell in r["answers"]]
    if not answered:
        return []
    with_variants = any(r["variant"] is not None for r in answered)
    groups: dict = defaultdict(list)
    for r in answered:
        groups[r["variant"]].append(r)
    patterns = _patterns(named, keys_of(1 if with_variants else None))
    out = []
    for variant, members in groups.items():
        keys = keys_of(variant)
        misses: Counter = Counter()
        said: dict[str, Counter] = defaultdict(Counter)
        truth: dict[str, str | None] = {}
        for r in members:
            wrong_here = set()
            for check, answer in r["answers"][cell].items():
                if r["checks"].get(cell, {}).get(check) is not False:
                    continue
                spec = keys.get(cell, {}).get(check)
                if spec is None:
                    continue
                for item, value in wrong_items(answer, spec.expected, spec.kind,
                                               spec.select, spec.accept,
                                               spec.calls):
                    if item not in wrong_here:
                        wrong_here.add(item)
                        misses[item] += 1
                        said[item][said_key(value)] += 1
                        truth.setdefault(item, _truth(spec, item))
        for item, count in misses.items():
            value, value_count = said[item].most_common(1)[0]
            percent = round(100 * value_count / len(members))
            label = item if not with_variants else f"{item} (variant {variant})"
            text = (f"{label}: {percent}% got it wrong" if value == WRONG
                    else f"{label}: {percent}% said {value}")
            direct = (named.get(cell, {}).get(item, {}).get(value)
                      if variant in (None, 1) else None)
            out.append({"item": label, "variant": variant, "said": value,
                        "count": value_count, "wrong": count,
                        "of": len(members), "percent": percent, "text": text,
                        "misconception": direct or patterns.get(
                            (cell, truth[item], value))})
    out.sort(key=lambda m: (-m["percent"], -m["count"], m["item"]))
    return out[:top]


def _variants(rows: list[dict], cells: list[tuple[str, float]],
              maximum: float) -> list[dict]:
    """Attempts, scores, the mean of every grade cell and the students, per
    variant (an unfair variant shows as a cell whose mean stands out); empty
    when no variant was recorded."""
    groups: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        if r["variant"] is not None:
            groups[int(r["variant"])].append(r)
    out = []
    for v, members in sorted(groups.items()):
        totals = [r["total"] for r in members]
        out.append({
            "variant": str(v), "attempts": len(members),
            "mean": sum(totals) / len(totals), "max": maximum,
            "totals": sorted(totals),
            "cells": [{"cell": cell, "max": most, "mean": sum(
                r["scores"].get(cell, 0.0) for r in members) / len(members)}
                for cell, most in cells],
            "students": sorted(r["student"] for r in members)})
    return out


def analyse(db_url: str, course: Path, assignments: list[str] | None = None,
            top: int = 3) -> dict:
    """Compute every statistic of the report."""
    from nbgrader.api import Gradebook

    course = Path(course)
    named_all = load_misconceptions(course)
    result: dict = {"assignments": []}
    with Gradebook(db_url) as gb:
        names = assignments or sorted(a.name for a in gb.assignments)
        for name in names:
            assignment = gb.find_assignment(name)
            cache: dict = {}

            def keys_of(variant, name=name, cache=cache):
                if variant not in cache:
                    cache[variant] = answer_keys(course, name, variant)
                return cache[variant]

            named = named_all.get(name, {})
            # written answers count once a human has graded them
            cells = [(cell.name, cell.max_score)
                     for nb in assignment.notebooks for cell in nb.grade_cells]
            rows = []
            for sub in assignment.submissions:
                scores = {}
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        scores[grade.name] = float(grade.score or 0)
                outcome = verified_answers(course, sub.student.id, name)
                rows.append({"student": sub.student.id, "scores": scores,
                             "total": float(sub.score or 0),
                             "late_seconds": float(sub.total_seconds_late or 0),
                             **outcome})
            items = []
            for cell, maximum in cells:
                item = [r["scores"].get(cell, 0.0) for r in rows]
                rest = [r["total"] - r["scores"].get(cell, 0.0) for r in rows]
                wrong = Counter()
                for r in rows:
                    answers = r["answers"].get(cell, {})
                    checks = r["checks"].get(cell, {})
                    for check, answer in answers.items():
                        if checks.get(check) is False:
                            wrong[json.dumps(answer, sort_keys=True)] += 1
                items.append({
                    "cell": cell, "max": maximum,
                    "difficulty": (sum(item) / (len(item) * maximum)
                                   if item and maximum else None),
                    "discrimination": discrimination(item, rest),
                    "wrong_answers": [{"answer": json.loads(a), "count": c}
                                      for a, c in wrong.most_common(top)],
                    "missed_items": _item_misses(rows, cell, keys_of, named,
                                                 top),
                })
            maximum = sum(m for _, m in cells)
            result["assignments"].append({
                "assignment": name,
                "max": maximum,
                "submissions": len(rows),
                "totals": sorted(r["total"] for r in rows),
                "items": items,
                "variants": _variants(rows, cells, maximum),
                "flagged": [{"student": r["student"],
                             "reasons": sorted({f["reason"] + (
                                 f" Names: {f['detail']}." if f["code"].startswith(
                                     "builtins_") else "") for f in r["flags"]}),
                             "codes": sorted({f["code"] for f in r["flags"]})}
                            for r in sorted(rows, key=lambda r: r["student"])
                            if r["flags"]],
                "late": [{"student": r["student"], "seconds": r["late_seconds"]}
                         for r in sorted(rows, key=lambda r: r["student"])
                         if r["late_seconds"] > 0],
            })
    return result


# ---------------------------------------------------------------------------
# Figures (each with a text equivalent on the page)
# ---------------------------------------------------------------------------

def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return base64.b64encode(buf.getvalue()).decode()


def _bins(maximum: float) -> int:
    return min(10, max(1, int(maximum)))


def distribution_figure(data: dict) -> Figure:
    """Histogram of total scores; counts on whole-number ticks."""
    fig = Figure(figsize=(6.5, 3))
    ax = fig.add_subplot()
    maximum = data["max"] or 1
    ax.hist(data["totals"], bins=_bins(maximum), range=(0, maximum),
            color=pal.BLUE, edgecolor="black")
    ax.set_xlabel("Total score (points)")
    ax.set_ylabel("Students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"{data['assignment']}: score distribution "
                 f"({data['submissions']} submissions)")
    fig.subplots_adjust(bottom=0.2, top=0.85)
    return fig


def distribution_text(data: dict) -> str:
    """The histogram in words: students per score band."""
    maximum = data["max"] or 1
    n = _bins(maximum)
    width = maximum / n
    counts = [0] * n
    for total in data["totals"]:
        counts[min(n - 1, int(total / width))] += 1
    bands = [f"{i * width:g}-{(i + 1) * width:g}: {c}"
             for i, c in enumerate(counts)]
    return (f"Students per total-score band (of {maximum:g} points): "
            + "; ".join(bands) + ".")


def items_figure(data: dict) -> Figure:
    items = data["items"]
    fig = Figure(figsize=(6.5, 0.35 * len(items) + 1.4))
    ax = fig.add_subplot()
    ypos = list(range(len(items)))[::-1]
    values = [i["difficulty"] or 0 for i in items]
    ax.barh(ypos, values, color=pal.ORANGE, edgecolor="black")
    for y, item in zip(ypos, items, strict=True):
        d = item["discrimination"]
        ax.text((item["difficulty"] or 0) + 0.01, y,
                f"{item['difficulty'] or 0:.2f}  (r={d:.2f})" if d is not None
                else f"{item['difficulty'] or 0:.2f}  (r=n/a)",
                va="center", fontsize=8)
    ax.set_yticks(ypos, [i["cell"] for i in items], fontsize=8)
    ax.set_xlim(0, 1.3)
    ax.set_xlabel("Difficulty (mean score / maximum; 1 = everyone right)")
    ax.set_ylabel("Grade cell")
    ax.set_title(f"{data['assignment']}: item analysis")
    fig.subplots_adjust(left=0.35, right=0.97, bottom=0.15, top=0.9)
    return fig


def misses_figure(data: dict) -> Figure | None:
    """Students who got each most-missed item wrong; ``None`` if none."""
    misses = [(f"{i['cell']} {m['item']}", m["wrong"])
              for i in data["items"] for m in i["missed_items"]]
    if not misses:
        return None
    misses.sort(key=lambda x: -x[1])
    fig = Figure(figsize=(6.5, 0.3 * len(misses) + 1.4))
    ax = fig.add_subplot()
    ypos = list(range(len(misses)))[::-1]
    ax.barh(ypos, [c for _, c in misses], color=pal.SKY_BLUE, edgecolor="black",
            hatch="//")
    ax.set_yticks(ypos, [label for label, _ in misses], fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Students who got the item wrong")
    ax.set_ylabel("Grade cell and item")
    ax.set_title(f"{data['assignment']}: items most often wrong")
    fig.subplots_adjust(left=0.4, right=0.97, bottom=0.15, top=0.9)
    return fig


def variants_figure(data: dict) -> Figure | None:
    """Mean score per variant, with attempts; ``None`` without variants."""
    variants = data["variants"]
    if not variants:
        return None
    fig = Figure(figsize=(6.5, 3))
    ax = fig.add_subplot()
    xs = list(range(len(variants)))
    ax.bar(xs, [v["mean"] for v in variants], color=pal.BLUISH_GREEN, edgecolor="black")
    ax.set_xticks(xs, [f"{v['variant']}\n({v['attempts']} attempts)"
                       for v in variants], fontsize=8)
    ax.set_ylim(0, data["max"] or 1)
    ax.set_xlabel("Variant")
    ax.set_ylabel("Mean total score (points)")
    ax.set_title(f"{data['assignment']}: scores per variant")
    fig.subplots_adjust(bottom=0.25, top=0.85)
    return fig


def _figures(data: dict) -> list[dict]:
    out = [{"fig": distribution_figure(data), "text": distribution_text(data)},
           {"fig": items_figure(data), "text": "; ".join(
               f"{i['cell']}: difficulty {(i['difficulty'] or 0):.2f}"
               for i in data["items"]) + " (table below)."}]
    misses = misses_figure(data)
    if misses is not None:
        out.append({"fig": misses, "text": "; ".join(
            f"{i['cell']} {m['item']}: {m['wrong']} of {m['of']} students"
            for i in data["items"] for m in i["missed_items"]) + "."})
    variants = variants_figure(data)
    if variants is not None:
        out.append({"fig": variants, "text": "; ".join(
            f"variant {v['variant']}: {v['attempts']} attempts, mean "
            f"{v['mean']:.1f} of {v['max']:g}" for v in data["variants"]) + "."})
    return [{"title": f["fig"].axes[0].get_title(), "png": _png(f["fig"]),
             "text": f["text"]} for f in out]


def render_html(result: dict) -> str:
    """The report page (figures embedded, so it is one self-contained file)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("cloudsec.grader", "templates"),
                      autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["json"] = lambda value: json.dumps(value)[:300]
    template = env.get_template("report.html")
    return template.render(assignments=[
        {**data, "figures": _figures(data)} for data in result["assignments"]])


# ---------------------------------------------------------------------------
# LMS export
# ---------------------------------------------------------------------------

def canvas_csv(db_url: str, out: Path, assignments: list[str] | None = None,
               section: str = "") -> Path:
    """Write a CSV for Canvas's gradebook import (Grades > Import).

    Columns: Student ("Last, First"), ID (the Canvas user id, nbgrader's
    ``lms_user_id``, may be empty), SIS User ID (empty), SIS Login ID (the
    nbgrader student id, which is the login), Section, then one column per
    assignment with the total score. A second row, "Points Possible", gives
    each assignment's maximum. Canvas matches students by ID or SIS Login ID.

    Layout as Canvas's gradebook export writes it and its import reads it
    (identity columns A-E, then assignments), described in The Ohio State
    University's CarmenCanvas guide "Import a CSV file to Carmen grades"
    (teaching.resources.osu.edu, read 2026-12-04).
    """
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        names = assignments or sorted(a.name for a in gb.assignments)
        maxima = [gb.find_assignment(n).max_score for n in names]
        rows = []
        for student in sorted(gb.students, key=lambda s: s.id):
            scores = []
            for name in names:
                try:
                    sub = gb.find_submission(name, student.id)
                except MissingEntry:
                    scores.append("")
                else:
                    scores.append(f"{float(sub.score or 0):g}")
            full = ", ".join(p for p in (student.last_name, student.first_name) if p)
            rows.append([full or student.id, student.lms_user_id or "", "",
                         student.id, section, *scores])
    out = Path(out)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CANVAS_COLUMNS + names)
        writer.writerow(["Points Possible", "", "", "", "",
                         *(f"{m:g}" for m in maxima)])
        writer.writerows(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cloudsec-report",
        description="Write an HTML report of the class from the gradebook.")
    parser.add_argument("assignments", nargs="*",
                        help="assignments to include (default: all)")
    parser.add_argument("--course", default=".", help="course directory")
    parser.add_argument("--db", help="gradebook URL (default: the course's "
                        "gradebook.db); any database nbgrader supports")
    parser.add_argument("--out", default="class-report.html")
    parser.add_argument("--canvas", metavar="CSV",
                        help="also write a Canvas gradebook-import CSV here")
    parser.add_argument("--section", default="",
                        help="Canvas section written in the CSV")
    args = parser.parse_args(argv)
    course = Path(args.course).resolve()
    db = args.db or f"sqlite:///{course / 'gradebook.db'}"
    result = analyse(db, course, args.assignments or None)
    out = Path(args.out)
    out.write_text(render_html(result))
    out.with_suffix(".json").write_text(json.dumps(result, indent=2))
    print(f"report written to {out} (data: {out.with_suffix('.json')})")
    if args.canvas:
        canvas_csv(db, Path(args.canvas), args.assignments or None, args.section)
        print(f"Canvas gradebook CSV written to {args.canvas}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
