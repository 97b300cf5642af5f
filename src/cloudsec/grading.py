"""Hidden-test primitives used in the instructor's source notebooks.

A hidden test in ``source/`` is a declarative check spec::

    verify("attribution_iaas", attribution, kind="mapping",
           select=["INC-2301", "INC-2302"],
           expected={"INC-2301": "customer", "INC-2302": "provider"},
           credit="proportional")
    verify_calls("overdue_edge_cases", overdue_vms, inputs=[...], expected=[...])

The first argument names the check, the second is a reference to the
learner's answer (a bare name or a name subscripted by literals), and every
other argument is a literal keyword (see ``docs/grading-design.md`` and
:mod:`cloudsec.grader.keys`). When the course grader runs a submission, the
whole spec but the reference stays in the grader's process: the kernel only
runs :func:`report` / :func:`report_calls`, which print the learner's answer
as plain data. Run directly (``nbgrader validate``, nbval on ``source/``),
:func:`verify` and :func:`verify_calls` judge the same spec in-process with
the same code (:mod:`cloudsec.grader.spec`) and raise ``AssertionError`` on
anything short of full marks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from cloudsec.grader.spec import Refused, Spec, evaluate, evaluate_calls, plain

__all__ = ["AnswerFormatError", "begin_hidden", "canonical", "report",
           "report_calls", "verify", "verify_calls"]

# Printed by the grader-side rewrite in front of each report line.
REPORT_PREFIX = "CLOUDSEC-REPORT "
# Printed where the hidden part of a test cell begins; the grader drops
# whatever the learner's code prints after it from the feedback.
HIDDEN_MARK = "CLOUDSEC-HIDDEN-BEGIN"
_REFUSED = "__cloudsec_refused__"


class AnswerFormatError(AssertionError):
    """The answer is not plain data."""


def canonical(value: object, path: str = "answer") -> object:
    """``value`` as plain data (see :func:`cloudsec.grader.spec.plain`), or
    :class:`AnswerFormatError` naming the fix."""
    try:
        return plain(value, path)
    except Refused as exc:
        raise AnswerFormatError(str(exc)) from None


def report_line(name: str, payload: dict) -> str:
    """The line the grader reads back from the kernel's output."""
    return REPORT_PREFIX + json.dumps({"check": name, **payload},
                                      sort_keys=True, allow_nan=False)


def begin_hidden() -> None:
    """Mark where the hidden part of a test cell starts (grader rewrite)."""
    print(HIDDEN_MARK)


def _spec(name: str, expected: object, calls: bool, **options) -> Spec:
    # a variant assignment run from the instructor's source: judge against the
    # key of the variant the notebook loaded (cloudsec.variants)
    from cloudsec.variants import active_key

    entry = active_key(name)
    if entry is not None:
        expected = entry["expected"]
        if "select" in entry:
            options["select"] = entry["select"]
    if "select" in options and options["select"] is not None:
        options["select"] = tuple(options["select"])
    return Spec(name=name, expected=expected, calls=calls, **options)


def verify(name: str, answer: object, expected: object, **options) -> None:
    """Judge one answer against the spec in-process (source notebooks).

    ``options`` are the spec's keywords: ``kind``, ``select``, ``field``,
    ``accept``, ``tol``, ``credit``, ``weight``.
    """
    spec = _spec(name, expected, False, **options)
    try:
        value = plain(answer)
    except Refused as exc:
        raise AssertionError(f"Hidden test {name!r} failed: {exc}.") from None
    result = evaluate(spec, value)
    if not result.passed:
        raise AssertionError(f"Hidden test {name!r} failed: {result.feedback}")


def _call_all(func: Callable, inputs: Sequence[dict]) -> list[dict]:
    results = []
    for case in inputs:
        try:
            value = func(**case)
        except Exception as exc:  # noqa: BLE001 - any failure is the answer
            results.append({"error": type(exc).__name__})
            continue
        try:
            results.append({"value": plain(value, "the result")})
        except Refused as exc:
            results.append({"refused": str(exc)})
    return results


def verify_calls(name: str, func: Callable, inputs: Sequence[dict],
                 expected: Sequence[object], **options) -> None:
    """Call ``func(**case)`` for each case and judge the results in-process."""
    if not callable(func):
        raise AssertionError(f"Hidden test {name!r} failed: not a function.")
    spec = _spec(name, list(expected), True, **options)
    result = evaluate_calls(spec, _call_all(func, inputs))
    if not result.passed:
        raise AssertionError(f"Hidden test {name!r} failed: {result.feedback}")


# --- grader-side rewrite targets -------------------------------------------
# When the course grader runs a submission, each verify(...) call above is
# replaced by report(name, lambda: <answer reference>): the kernel only prints
# the learner's answer, and the grader, in its own process, judges it against
# the spec that never entered the kernel.


def report(name: str, answer: Callable[[], object]) -> None:
    """Print the learner's answer for check ``name`` as one JSON line.

    ``answer`` is a function without arguments that returns the answer
    reference, so a missing name or key is reported as such instead of
    stopping the other checks of the cell.
    """
    try:
        value = answer()
    except Exception as exc:  # noqa: BLE001 - a missing answer is an answer
        payload = {"answer": {_REFUSED: f"the answer could not be read "
                                        f"({type(exc).__name__})"}}
    else:
        try:
            payload = {"answer": plain(value)}
        except Refused as exc:
            payload = {"answer": {_REFUSED: str(exc)}}
    print(report_line(name, payload))


def report_calls(name: str, func: Callable[[], object],
                 inputs: Callable[[], Sequence[dict]]) -> None:
    """Call the learner's function on each hidden case; print the results.

    ``func`` and ``inputs`` are functions without arguments returning the
    reference to the learner's function and the hidden cases.
    """
    try:
        target = func()
    except Exception:  # noqa: BLE001
        target = None
    try:
        cases = inputs()
    except Exception as exc:  # noqa: BLE001 - e.g. the learner deleted data
        print(report_line(name, {"results": None,
                                 "problem": f"inputs ({type(exc).__name__})"}))
        return
    if not callable(target):
        print(report_line(name, {"results": None, "problem": "not a function"}))
        return
    print(report_line(name, {"results": _call_all(target, cases)}))
