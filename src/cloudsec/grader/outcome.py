"""What happened when one submission was graded, in words an instructor reads.

Each graded notebook gets ``.cloudsec-<notebook>.json`` beside it in the
autograded folder (the leading dot keeps it out of feedback): its status,
the flags raised and, per check, whether the grader's own comparison passed.
Flags collected while sanitizing travel inside the notebook's metadata
(``metadata.cloudsec``), which the grader resets for every submission.
"""

from __future__ import annotations

import json
from pathlib import Path

from cloudsec.kit.lookup import unknown

__all__ = ["FLAG_CODES", "add_flag", "flags_of", "outcome_path", "read_outcome",
           "write_outcome"]

# Every reason the grader can give, with the sentence an instructor sees.
FLAG_CODES = {
    "kernel_died": "The kernel died (os._exit, a crash, or a resource limit); "
                   "cells from that point on scored 0.",
    "kernel_stuck": "A cell ignored the interrupt after its time limit; the "
                    "kernel was stopped and later cells scored 0.",
    "timeout": "A cell exceeded the time limit and was interrupted.",
    "notebook_time_limit": "The notebook exceeded its total time limit; the "
                           "remaining cells were not run and scored 0.",
    "output_truncated": "Output beyond the size limit was discarded.",
    "report_missing": "A hidden check reported no answer although the cell "
                      "showed no error (output suppressed or code altered).",
    "report_duplicated": "A hidden check reported more than one answer.",
    "report_malformed": "A hidden check's report could not be read.",
    "report_forged": "A cell that is not a test printed a grader report line.",
    "report_unexpected": "A report named a check that this cell does not run.",
    "kernel_tampered": "The kernel's grading environment was modified (input "
                       "or AST transformers, trace hooks, patched builtins or "
                       "grading functions).",
    "builtins_shadowed": "The notebook defined names that shadow Python "
                         "builtins (evidence only; the key never enters the "
                         "kernel, so this cannot change a score).",
    "builtins_patched": "The kernel's builtins module was patched (evidence "
                        "only; this cannot change a score).",
    "probe_missing": "The end-of-notebook integrity probe produced no result.",
    "cell_deleted": "A graded or read-only cell was missing; it was restored "
                    "and scored as given.",
    "cell_edited": "A test or read-only cell was edited; the original was "
                   "restored before grading.",
    "metadata_restored": "Cell metadata had been removed; it was restored "
                         "from the released notebook by cell id.",
    "metadata_unrecoverable": "Cell metadata had been removed and could not "
                              "be matched to the released notebook.",
    "grading_error": "The grader hit an internal error on this submission.",
    "notebook_missing": "The submission has no notebook with the expected "
                        "name; it scored 0.",
    "notebook_unreadable": "The submitted notebook is not a valid notebook "
                           "(for example broken JSON); it scored 0.",
    "variant_mismatch": "The answers fit another variant's key better than "
                        "the student's own (evidence of copying; the score is "
                        "the one earned on the student's own variant).",
    "leftover_processes": "Processes started by the kernel were still running "
                          "after it stopped and were killed.",
}


def add_flag(meta: dict, code: str, detail: str = "", cell: str | None = None
             ) -> None:
    """Record a flag in a ``metadata.cloudsec`` dict (no duplicates)."""
    if code not in FLAG_CODES:
        raise unknown("flag code", code, FLAG_CODES)
    flags = meta.setdefault("flags", [])
    entry = {"code": code, "reason": FLAG_CODES[code], "detail": detail[:300],
             "cell": cell}
    if entry not in flags:
        flags.append(entry)


def flags_of(meta: dict) -> list[dict]:
    return list(meta.get("flags", []))


def outcome_path(folder: Path, notebook: str) -> Path:
    return Path(folder) / f".cloudsec-{notebook}.json"


def write_outcome(folder: Path, notebook: str, data: dict) -> Path:
    path = outcome_path(folder, notebook)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True))
    tmp.replace(path)
    return path


def read_outcome(folder: Path, notebook: str) -> dict | None:
    path = outcome_path(folder, notebook)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None
