"""``cloudsec-autograde``: grade a whole class in parallel, safely.

Usage (from the course directory)::

    cloudsec-autograde ps03-shared-responsibility [--jobs N] [--force]
                       [--student ID ...] [--unsafe] [--Class.trait=value ...]

Each worker process loads nbgrader once and grades one student at a time with
the course's configuration (sandboxed kernels, answers verified outside the
kernel). One gradebook; a student is graded by exactly one worker, and
nbgrader replaces a submission's grades rather than adding to them, so
results are neither lost nor duplicated. After an interruption, run the same
command again: students whose submission has not changed since they were
graded are skipped (``--force`` regrades everyone).

Every student gets an outcome: graded, graded with flags (and the reasons),
or failed with the reason; missing and unreadable notebooks score 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import queue
import shutil
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

DONE = ".cloudsec-done.json"
_API = None  # one nbgrader API per worker process


def _load_config(course: Path, overrides: list[str], unsafe: bool):
    from traitlets.config.loader import KVArgParseConfigLoader, PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    if overrides:
        config.merge(KVArgParseConfigLoader(overrides).load_config())
    if unsafe:
        config.SandboxedExecute.allow_unsafe = True
    config.CourseDirectory.root = str(course)
    return config


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}:{stat.st_size}:"
                          f"{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _init_worker(config) -> None:
    global _API
    import warnings

    from nbgrader.apps.api import NbGraderAPI
    from sqlalchemy.exc import SAWarning

    # nbgrader's known SQLAlchemy warnings (see gotchas) would drown the bar
    warnings.filterwarnings("ignore", category=SAWarning)
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    _API = NbGraderAPI(coursedir, config=config)


def _notebook_problems(folder: Path, notebooks: list[str]) -> dict[str, str]:
    import nbformat

    problems = {}
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            problems[name] = "notebook_missing"
            continue
        try:
            nbformat.read(str(path), as_version=4)
        except Exception:  # noqa: BLE001 - any unreadable notebook scores 0
            problems[name] = "notebook_unreadable"
    return problems


def _zero_everything(coursedir, assignment: str, student: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.manual_score = None
                grade.needs_manual_grade = False
        gb.db.commit()


def grade_one(assignment: str, student: str, upcoming: str | None = None) -> dict:
    """Grade one student's submission (runs in a worker process).

    ``upcoming`` is the student this worker grades next: the sandboxed
    kernel of the run after this student's last notebook is started for
    that student while this one's notebook runs (see
    :mod:`cloudsec.grader.prestart`).
    """
    from nbgrader.api import Gradebook

    from cloudsec.grader.outcome import add_flag, read_outcome, write_outcome
    from cloudsec.grader.prestart import POOL

    started = time.monotonic()
    coursedir = _API.coursedir
    submitted = Path(coursedir.format_path(coursedir.submitted_directory,
                                           student, assignment))
    autograded = Path(coursedir.format_path(coursedir.autograded_directory,
                                            student, assignment))
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
    fingerprint = _fingerprint(submitted)
    problems = _notebook_problems(submitted, notebooks)
    runs = 0 if len(problems) == len(notebooks) else len(notebooks) - len(problems)
    POOL.expect([student] * runs + ([upcoming] if upcoming else []))
    used_before = POOL.used
    result = {"student": student, "status": "graded", "flags": [], "error": ""}
    temp = None
    try:
        if len(problems) == len(notebooks):
            _zero_everything(coursedir, assignment, student)
            autograded.mkdir(parents=True, exist_ok=True)
        else:
            source_root = coursedir.submitted_directory
            if any(p == "notebook_unreadable" for p in problems.values()):
                # grade a copy without the broken notebook; nbgrader then
                # scores it 0 like a missing one
                temp = Path(tempfile.mkdtemp(prefix="cloudsec-grade-"))
                copy = temp / student / assignment
                shutil.copytree(submitted, copy, symlinks=True)
                for name, problem in problems.items():
                    if problem == "notebook_unreadable":
                        (copy / f"{name}.ipynb").unlink()
                source_root = str(temp)
            outcome = _run_autograde(assignment, student, source_root)
            if not outcome["success"]:
                result["status"] = "failed"
                result["error"] = _last_error(outcome)
        for name, problem in problems.items():
            meta = read_outcome(autograded, name) or {"flags": []}
            add_flag(meta, problem, f"{name}.ipynb")
            meta.update({"student": student, "assignment": assignment,
                         "notebook": name, "flagged": True})
            write_outcome(autograded, name, meta)
    except Exception as exc:  # noqa: BLE001 - one student never stops the batch
        result["status"] = "failed"
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    for name in notebooks:
        meta = read_outcome(autograded, name) or {}
        result["flags"] += [_flag_label(f) for f in meta.get("flags", [])]
    if result["status"] == "graded":
        autograded.mkdir(parents=True, exist_ok=True)
        (autograded / DONE).write_text(json.dumps(
            {"fingerprint": fingerprint, "flags": result["flags"]}))
    # how many of this student's runs had their kernel started in advance
    result["prestarted"] = POOL.used - used_before
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def _run_autograde(assignment: str, student: str, source_root: str) -> dict:
    from nbgrader.utils import temp_attrs

    outcome: dict = {}
    for attempt in range(4):
        with temp_attrs(_API.coursedir, submitted_directory=source_root):
            outcome = _API.autograde(assignment, student, force=True, create=True)
        if outcome["success"] or "database is locked" not in str(outcome):
            return outcome
        time.sleep(0.5 * (attempt + 1))
    return outcome


def _worker(config, assignment: str, tasks, events) -> None:
    """A grading worker: claims students one ahead of the one it grades, so
    that the next student's kernel can start while this one's runs."""
    from cloudsec.grader.prestart import POOL

    pid = os.getpid()
    try:
        _init_worker(config)
        current = tasks.get()
        if current is not None:
            events.put(("claim", pid, current))
        while current is not None:
            upcoming = tasks.get()
            if upcoming is not None:
                events.put(("claim", pid, upcoming))
            events.put(("result", pid, grade_one(assignment, current, upcoming)))
            current = upcoming
    except KeyboardInterrupt:
        pass
    finally:
        POOL.close()


def _last_error(outcome: dict) -> str:
    text = outcome.get("error") or outcome.get("log") or "unknown error"
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "unknown error"


def _students(coursedir, assignment: str, only: list[str] | None) -> list[str]:
    root = Path(coursedir.root) / coursedir.submitted_directory
    found = sorted(p.name for p in root.iterdir()
                   if (p / assignment).is_dir()) if root.is_dir() else []
    if only:
        found = [s for s in found if s in set(only)]
    return found


def _already_done(coursedir, assignment: str, student: str) -> bool:
    autograded = Path(coursedir.format_path(coursedir.autograded_directory,
                                            student, assignment))
    submitted = Path(coursedir.format_path(coursedir.submitted_directory,
                                           student, assignment))
    try:
        done = json.loads((autograded / DONE).read_text())
    except (OSError, ValueError):
        return False
    return done.get("fingerprint") == _fingerprint(submitted)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cloudsec-autograde",
        description="Autograde every submission of an assignment in parallel, "
                    "in sandboxed kernels.")
    parser.add_argument("assignment")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: number of cores)")
    parser.add_argument("--force", action="store_true",
                        help="regrade students already graded")
    parser.add_argument("--student", action="append",
                        help="grade only this student (repeatable)")
    parser.add_argument("--course", default=".", help="course directory")
    parser.add_argument("--unsafe", action="store_true",
                        help="grade without the sandbox where it is unavailable "
                             "(only for code you trust)")
    parser.add_argument("--no-progress", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    overrides = [a for a in argv if a.startswith("--") and "." in a.split("=")[0]]
    args = _parser().parse_args([a for a in argv if a not in overrides])
    course = Path(args.course).resolve()
    if not (course / "nbgrader_config.py").exists():
        print(f"cloudsec-autograde: no nbgrader_config.py in {course}",
              file=sys.stderr)
        return 2
    # nbgrader runs alembic from PATH when it creates a gradebook
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}" \
                         f"{os.environ.get('PATH', '')}"
    os.chdir(course)
    config = _load_config(course, overrides, args.unsafe)

    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.coursedir import CourseDirectory

    from cloudsec.grader.preprocessors import SandboxedExecute

    try:
        SandboxedExecute(config=config)  # refuses early if it cannot be safe
    except RuntimeError as exc:
        print(f"cloudsec-autograde: {exc}", file=sys.stderr)
        return 2
    coursedir = CourseDirectory(config=config)
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        try:
            gb.find_assignment(args.assignment)
        except MissingEntry:
            print(f"cloudsec-autograde: {args.assignment} is not in the "
                  "gradebook; run `nbgrader generate_assignment` first",
                  file=sys.stderr)
            return 2
    students = _students(coursedir, args.assignment, args.student)
    todo = [s for s in students
            if args.force or not _already_done(coursedir, args.assignment, s)]
    skipped = len(students) - len(todo)
    started = time.monotonic()
    results: list[dict] = []
    from tqdm import tqdm

    bar = tqdm(total=len(todo), unit="student", disable=args.no_progress,
               desc=f"grading {args.assignment}")
    jobs = max(1, min(args.jobs, len(todo) or 1))
    context = multiprocessing.get_context("fork")
    tasks, events = context.Queue(), context.Queue()
    for student in todo:
        tasks.put(student)
    for _ in range(jobs):
        tasks.put(None)  # one end mark per worker
    workers = [context.Process(target=_worker, name=f"cloudsec-grader-{i}",
                               args=(config, args.assignment, tasks, events))
               for i in range(jobs)]
    for worker in workers:
        worker.start()
    try:
        _collect(workers, events, len(todo), results, bar)
    except KeyboardInterrupt:
        _stop(workers)
        bar.close()
        print(f"\ninterrupted after {len(results)} of {len(todo)} students; "
              "run the same command again to resume.", file=sys.stderr)
        return 130
    for worker in workers:
        worker.join()
    graded = {r["student"] for r in results}
    results += [{"student": s, "status": "failed", "flags": [],
                 "error": "worker: no worker was left to grade it"}
                for s in todo if s not in graded]
    bar.close()
    elapsed = time.monotonic() - started
    _print_summary(results, skipped, elapsed)
    _write_summary(coursedir, args.assignment, results, elapsed)
    return 1 if any(r["status"] == "failed" for r in results) else 0


def _collect(workers, events, expected: int, results: list[dict], bar) -> None:
    """Gather the workers' results; a worker that dies fails the students it
    had claimed, and the others carry on with the rest of the class."""
    claimed: dict[int, list[str]] = {w.pid: [] for w in workers}
    seen: set[str] = set()
    while len(results) < expected:
        try:
            kind, pid, payload = events.get(timeout=1.0)
        except queue.Empty:
            for worker in workers:
                if worker.exitcode not in (None, 0) and claimed[worker.pid]:
                    for student in claimed[worker.pid]:
                        results.append({"student": student, "status": "failed",
                                        "flags": [], "error": "worker: died "
                                        f"(exit code {worker.exitcode})"})
                        seen.add(student)
                        bar.update(1)
                    claimed[worker.pid] = []
            if all(w.exitcode is not None for w in workers) and events.empty():
                break  # nothing left that could report
            continue
        if kind == "claim":
            claimed[pid].append(payload)
        elif payload["student"] not in seen:
            claimed[pid].remove(payload["student"])
            seen.add(payload["student"])
            results.append(payload)
            bar.update(1)


def _stop(workers) -> None:
    """After Ctrl-C: let the workers clean up their kernels, then end them."""
    deadline = time.monotonic() + 10
    for worker in workers:
        worker.join(timeout=max(0.1, deadline - time.monotonic()))
        if worker.is_alive():
            worker.terminate()
            worker.join(timeout=5)


# flags whose detail (the names involved) the summary shows with the code
NAMED_FLAGS = ("builtins_shadowed", "builtins_patched")


def _flag_label(flag: dict) -> str:
    if flag.get("code") in NAMED_FLAGS and flag.get("detail"):
        return f"{flag['code']} ({flag['detail']})"
    return flag.get("code", "")


def _print_summary(results: list[dict], skipped: int, elapsed: float) -> None:
    graded = [r for r in results if r["status"] == "graded"]
    flagged = [r for r in results if r["flags"]]
    failed = [r for r in results if r["status"] == "failed"]
    print(f"graded {len(graded)}, flagged {len(flagged)}, failed {len(failed)}, "
          f"skipped (unchanged) {skipped}, time {elapsed:.1f} s")
    for r in sorted(flagged, key=lambda r: r["student"]):
        print(f"  flagged {r['student']}: {', '.join(sorted(set(r['flags'])))}")
    for r in sorted(failed, key=lambda r: r["student"]):
        print(f"  failed  {r['student']}: {r['error']}")


def _write_summary(coursedir, assignment, results, elapsed) -> None:
    path = Path(coursedir.root) / coursedir.autograded_directory
    path.mkdir(parents=True, exist_ok=True)
    (path / f".cloudsec-summary-{assignment}.json").write_text(json.dumps(
        {"assignment": assignment, "seconds": round(elapsed, 2),
         "results": sorted(results, key=lambda r: r["student"])}, indent=2))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
