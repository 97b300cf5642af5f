"""Hidden-test primitives used in the instructor's source notebooks.

A hidden test in ``source/`` is written as one call::

    verify("attribution_iaas", {k: attribution[k] for k in IAAS}, expected={...})
    verify_calls("overdue_edge_cases", overdue_vms, inputs=[...], expected=[...])

The first argument names the check, the second is the learner's answer (plain
data, or a function returning plain data), and ``expected`` holds the answer
key. Written this way, the answer key is a separate keyword argument, so the
grader can remove it from the cell before the cell ever reaches the student's
kernel and compare the reported answer in its own process
(see ``docs/grading-design.md``). Run directly (``nbgrader validate``, nbval),
the functions below compare in the kernel.

Answers must be plain data: ``None``, ``bool``, ``int``, ``float``, ``str``,
lists and dicts of those with string keys. Anything else fails, because only
plain data can cross the process boundary faithfully.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence

__all__ = ["AnswerFormatError", "canonical", "report", "report_calls", "same",
           "verify", "verify_calls"]

# Printed by the grader-side rewrite in front of each report line.
REPORT_PREFIX = "CLOUDSEC-REPORT "


class AnswerFormatError(AssertionError):
    """The answer is not plain data."""


def canonical(value: object, _path: str = "answer") -> object:
    """Return ``value`` as plain JSON data, or raise :class:`AnswerFormatError`.

    Tuples become lists. Exact types are required (a ``bool`` subclass or a
    ``dict`` subclass with a custom ``__eq__`` is refused), so an object that
    claims to equal everything cannot pass.
    """
    kind = type(value)
    if value is None or kind in (bool, str):
        return value
    if kind is int:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise AnswerFormatError(f"{_path} is {value!r}, not a finite number")
        return value
    if kind in (list, tuple):
        return [canonical(v, f"{_path}[{i}]") for i, v in enumerate(value)]
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise AnswerFormatError(
                    f"{_path} has a key {key!r} that is not a string")
            out[key] = canonical(item, f"{_path}[{key!r}]")
        return out
    raise AnswerFormatError(
        f"{_path} is a {kind.__name__}; answers must be plain data "
        "(str, int, float, bool, None, list, dict)")


def same(answer: object, expected: object, rel_tol: float = 1e-6) -> bool:
    """Compare two plain-data values; floats within ``rel_tol``."""
    if isinstance(expected, float) or isinstance(answer, float):
        if type(answer) in (int, float) and type(expected) in (int, float):
            return math.isclose(answer, expected, rel_tol=rel_tol, abs_tol=1e-9)
        return False
    if type(answer) is not type(expected):
        return False
    if isinstance(expected, list):
        return len(answer) == len(expected) and all(
            same(a, e, rel_tol) for a, e in zip(answer, expected, strict=True))
    if isinstance(expected, dict):
        return answer.keys() == expected.keys() and all(
            same(answer[k], expected[k], rel_tol) for k in expected)
    return answer == expected


def report_line(name: str, payload: object) -> str:
    """The line the grader reads back from the kernel's output."""
    return REPORT_PREFIX + json.dumps({"check": name, "answer": payload},
                                      sort_keys=True, allow_nan=False)


def verify(name: str, answer: object, expected: object) -> None:
    """Check one plain-data answer against the key (in-kernel form)."""
    value = canonical(answer)
    if not same(value, canonical(expected)):
        raise AssertionError(f"Hidden test {name!r} failed: the answer is not "
                             "right yet.")


def verify_calls(name: str, func: Callable, inputs: Sequence[dict],
                 expected: Sequence[object]) -> None:
    """Call ``func(**case)`` for each case and compare with the key."""
    if not callable(func):
        raise AssertionError(f"Hidden test {name!r} failed: not a function.")
    results = [canonical(func(**case)) for case in inputs]
    keys = [canonical(e) for e in expected]
    if len(results) != len(keys) or not all(
            same(r, e) for r, e in zip(results, keys, strict=True)):
        raise AssertionError(f"Hidden test {name!r} failed: the function gives "
                             "a wrong result for at least one hidden case.")


# --- grader-side rewrite targets -------------------------------------------
# When the course grader runs a submission, each verify(...) call above is
# replaced by the matching report(...) call without its ``expected`` argument:
# the kernel only prints the learner's answer, and the grader, in its own
# process, compares it with the key that never entered the kernel.


def report(name: str, answer: object) -> None:
    """Print the learner's answer for check ``name`` as one JSON line."""
    print(report_line(name, canonical(answer)))


def report_calls(name: str, func: Callable, inputs: Sequence[dict]) -> None:
    """Call ``func(**case)`` for each hidden case and print the results."""
    if not callable(func):
        raise AssertionError(f"Hidden test {name!r} failed: not a function.")
    print(report_line(name, [canonical(func(**case)) for case in inputs]))
