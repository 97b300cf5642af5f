"""Benchmark: a generated class of 500 graded on SQLite and on PostgreSQL.

The class (tests/classgen.py) mixes right, typical wrong, half-done, blank,
hostile and broken ps03 submissions whose exact scores are known. For each
database it runs ``cloudsec-autograde --jobs N`` once over the whole class and
prints per-student time (median and slowest, from the grader's summary), the
total time, the peak memory of the grader (its own process and its workers,
summed, sampled every 0.2 s; the students' sandboxed kernels are not the
grader's and are left out) and the counts. It then checks what
tests/test_class_scale.py asserts for 18 students: one gradebook row per grade
cell per student, no duplicate or missing rows, every hostile or broken
submission with its recorded reason, totals equal to the expected totals, and
the same rows on both databases. PostgreSQL is a throwaway server started
here (tests/postgres.py). Usage::

    .venv/bin/python benchmarks/class_scale.py [--students 500] [--jobs 2]
        [--db sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cloudsec.grader.sandbox import UID_BASE, UID_SLOTS  # noqa: E402

from classgen import (  # noqa: E402
    AID,
    LIMITS,
    check_gradebook,
    gradebook_rows,
    make_class,
    make_course,
    tool_env,
)
from postgres import throwaway_postgres  # noqa: E402


def _tree(root: int) -> list[int]:
    """The pids of ``root`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _grader_rss(root: int) -> int:
    """Resident bytes of the grader's own processes (not students' kernels)."""
    total = 0
    for pid in _tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines()
                      if ":" in line)
        uid = int(fields.get("Uid", "0").split()[0])
        if UID_BASE <= uid < UID_BASE + UID_SLOTS or "VmRSS" not in fields:
            continue
        name = fields.get("Name", "").strip()
        if name in ("bwrap", "setpriv", "prlimit"):
            continue
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"ipykernel" in cmdline:
            continue
        total += int(fields["VmRSS"].split()[0]) * 1024
    return total


def grade(course: Path, jobs: int, extra: list[str]) -> dict:
    cmd = [str(Path(sys.executable).parent / "cloudsec-autograde"), AID,
           "--jobs", str(jobs), "--no-progress", *LIMITS, *extra]
    peak = [0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=course, env=tool_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], _grader_rss(proc.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"cloudsec-autograde failed:\n{err[-3000:]}")
    summary = json.loads((course / "autograded" /
                          f".cloudsec-summary-{AID}.json").read_text())
    return {"seconds": elapsed, "peak_rss": peak[0], "summary": summary,
            "stdout": out}


def run_one(base: Path, db: str, students: int, jobs: int) -> tuple[dict, list]:
    server = throwaway_postgres() if db == "postgresql" else nullcontext(None)
    with server as url:
        course = make_course(base / db, url)
        db_url = url or f"sqlite:///{course / 'gradebook.db'}"
        made = make_class(course, students)
        extra = [f"--CourseDirectory.db_url={url}"] if url else []
        result = grade(course, jobs, extra)
        failed = [r for r in result["summary"]["results"] if r["status"] == "failed"]
        for r in failed:
            print(f"  failed {r['student']} after {r['seconds']} s: {r['error']}",
                  flush=True)
        counts = check_gradebook(db_url, made, course)
        rows = gradebook_rows(db_url)
    per = [r["seconds"] for r in result["summary"]["results"]]
    statuses = [r["status"] for r in result["summary"]["results"]]
    flagged = sum(1 for r in result["summary"]["results"] if r["flags"])
    print(f"{db:>10}: {students} students, {jobs} jobs: total "
          f"{result['seconds']:.1f} s ({result['seconds'] / students:.2f} s per "
          f"student of wall time); per student median {statistics.median(per):.2f}"
          f" s, slowest {max(per):.1f} s; peak grader memory "
          f"{result['peak_rss'] / 2**20:.0f} MiB")
    print(f"{'':>10}  graded {statuses.count('graded')}, failed "
          f"{statuses.count('failed')}, flagged {flagged}; gradebook rows "
          f"{counts['grade_rows']} ({counts['rows_per_student']} per student, none "
          f"duplicated or missing); kinds "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())
                      if k not in ("students", "grade_rows", "rows_per_student")))
    return result, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--db", default="sqlite,postgresql")
    args = parser.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}" \
                         f"{os.environ['PATH']}"
    print(f"class of {args.students} generated ps03 submissions, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    rows = {}
    with tempfile.TemporaryDirectory(prefix="cloudsec-scale-") as tmp:
        for db in args.db.split(","):
            _, rows[db] = run_one(Path(tmp), db, args.students, args.jobs)
    if len(rows) == 2:
        same = len(set(map(tuple, map(tuple, rows.values())))) == 1
        print(f"same gradebook rows on both databases: {same}")
        if not same:
            sys.exit(1)
    print("checks passed: one row per grade cell per student, no duplicates, "
          "reasons recorded for every hostile or broken submission, totals as "
          "expected")


if __name__ == "__main__":
    main()
