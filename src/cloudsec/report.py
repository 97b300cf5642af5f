"""``cloudsec-report``: what the class understood, from the gradebook.

Reads the gradebook through nbgrader's own API (so it works on SQLite and on
every database nbgrader supports: pass ``--db postgresql://...``) and the
grader's outcome records, and writes one HTML page with figures:

* the score distribution of each assignment;
* item analysis per grade cell: difficulty (mean score / maximum) and
  discrimination (the corrected item-total correlation: Pearson's r between
  the item's score and the student's total on the *other* items);
* the most common wrong answers per autograded check (answers are plain data,
  so identical answers can be counted);
* flagged submissions with their reasons, and lateness.

It also writes the same numbers as JSON next to the page, for other tools.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import math
import sys
from collections import Counter
from pathlib import Path

from matplotlib.figure import Figure

__all__ = ["analyse", "discrimination", "main", "render_html"]


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


def _outcome(course: Path, student: str, assignment: str) -> dict:
    folder = course / "autograded" / student / assignment
    merged: dict = {"flags": [], "answers": {}, "checks": {}}
    for path in sorted(folder.glob(".cloudsec-*.json")):
        if path.name.startswith(".cloudsec-done") or path.name.startswith(
                ".cloudsec-summary"):
            continue
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        merged["flags"] += data.get("flags", [])
        merged["answers"].update(data.get("answers", {}))
        merged["checks"].update(data.get("checks", {}))
    return merged


def analyse(db_url: str, course: Path, assignments: list[str] | None = None,
            top: int = 3) -> dict:
    """Compute every statistic of the report."""
    from nbgrader.api import Gradebook

    result: dict = {"assignments": []}
    with Gradebook(db_url) as gb:
        names = assignments or sorted(a.name for a in gb.assignments)
        for name in names:
            assignment = gb.find_assignment(name)
            # written answers count once a human has graded them
            cells = [(cell.name, cell.max_score)
                     for nb in assignment.notebooks for cell in nb.grade_cells]
            rows = []
            for sub in assignment.submissions:
                scores = {}
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        scores[grade.name] = float(grade.score or 0)
                outcome = _outcome(course, sub.student.id, name)
                rows.append({"student": sub.student.id, "scores": scores,
                             "total": float(sub.score or 0),
                             "late_seconds": float(sub.total_seconds_late or 0),
                             "flags": outcome["flags"],
                             "answers": outcome["answers"],
                             "checks": outcome["checks"]})
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
                })
            result["assignments"].append({
                "assignment": name,
                "max": sum(maximum for _, maximum in cells),
                "submissions": len(rows),
                "totals": sorted(r["total"] for r in rows),
                "items": items,
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


def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return base64.b64encode(buf.getvalue()).decode()


def distribution_figure(data: dict) -> Figure:
    fig = Figure(figsize=(6.5, 3))
    ax = fig.add_subplot()
    maximum = data["max"] or 1
    ax.hist(data["totals"], bins=min(10, max(1, int(maximum))), range=(0, maximum),
            color="#0072B2", edgecolor="black")
    ax.set_xlabel("Total score (points)")
    ax.set_ylabel("Students")
    ax.set_title(f"{data['assignment']}: score distribution "
                 f"({data['submissions']} submissions)")
    fig.subplots_adjust(bottom=0.2, top=0.85)
    return fig


def items_figure(data: dict) -> Figure:
    items = data["items"]
    fig = Figure(figsize=(6.5, 0.35 * len(items) + 1.4))
    ax = fig.add_subplot()
    ypos = list(range(len(items)))[::-1]
    values = [i["difficulty"] or 0 for i in items]
    ax.barh(ypos, values, color="#E69F00", edgecolor="black")
    for y, item in zip(ypos, items, strict=True):
        d = item["discrimination"]
        ax.text((item["difficulty"] or 0) + 0.01, y,
                f"{item['difficulty'] or 0:.2f}  (r={d:.2f})" if d is not None
                else f"{item['difficulty'] or 0:.2f}  (r=n/a)",
                va="center", fontsize=8)
    ax.set_yticks(ypos, [i["cell"] for i in items], fontsize=8)
    ax.set_xlim(0, 1.3)
    ax.set_xlabel("Difficulty (mean score / maximum; 1 = everyone right)")
    ax.set_title(f"{data['assignment']}: item analysis")
    fig.subplots_adjust(left=0.35, right=0.97, bottom=0.15, top=0.9)
    return fig


def render_html(result: dict) -> str:
    """The report page (figures embedded, so it is one self-contained file)."""
    e = html.escape
    parts = ["<!doctype html><html lang='en'><meta charset='utf-8'>",
             "<title>Class report</title><body style='font-family:sans-serif;"
             "max-width:60em;margin:auto'>", "<h1>Class report</h1>"]
    for data in result["assignments"]:
        parts.append(f"<h2>{e(data['assignment'])}</h2>")
        for fig in (distribution_figure(data), items_figure(data)):
            title = fig.axes[0].get_title()
            parts.append(f"<img alt='{e(title)}' src='data:image/png;base64,"
                         f"{_png(fig)}'>")
        parts.append("<h3>Item analysis</h3><table border='1' cellpadding='4'>"
                     "<tr><th>Grade cell</th><th>Max</th><th>Difficulty</th>"
                     "<th>Discrimination</th><th>Most common wrong answers</th></tr>")
        for item in data["items"]:
            wrong = "<br>".join(
                f"{w['count']}&times; <code>{e(json.dumps(w['answer']))[:300]}</code>"
                for w in item["wrong_answers"]) or "&ndash;"
            d = item["discrimination"]
            parts.append(
                f"<tr><td>{e(item['cell'])}</td><td>{item['max']:g}</td>"
                f"<td>{(item['difficulty'] or 0):.2f}</td>"
                f"<td>{'n/a' if d is None else f'{d:.2f}'}</td><td>{wrong}</td></tr>")
        parts.append("</table><h3>Flagged submissions</h3>")
        if data["flagged"]:
            parts.append("<ul>" + "".join(
                f"<li><b>{e(f['student'])}</b>: {e('; '.join(f['reasons']))}</li>"
                for f in data["flagged"]) + "</ul>")
        else:
            parts.append("<p>None.</p>")
        parts.append("<h3>Late submissions</h3>")
        parts.append("<ul>" + "".join(
            f"<li>{e(x['student'])}: {x['seconds'] / 3600:.1f} h late</li>"
            for x in data["late"]) + "</ul>" if data["late"] else "<p>None.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


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
    args = parser.parse_args(argv)
    course = Path(args.course).resolve()
    db = args.db or f"sqlite:///{course / 'gradebook.db'}"
    result = analyse(db, course, args.assignments or None)
    out = Path(args.out)
    out.write_text(render_html(result))
    out.with_suffix(".json").write_text(json.dumps(result, indent=2))
    print(f"report written to {out} (data: {out.with_suffix('.json')})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
