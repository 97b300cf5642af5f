"""Separate the answer key from the code that runs in the student's kernel.

A hidden-test region in a source notebook may contain only imports from
``cloudsec.grading`` and ``verify(...)`` / ``verify_calls(...)`` calls whose
``expected=`` argument is a literal. :func:`split_hidden_tests` turns that
region into ``report(...)`` / ``report_calls(...)`` calls, which print the
learner's answer, and returns the keys for the grader to keep in its own
process. Anything else in the region is refused, so the grader always knows
exactly what it runs.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = ["BEGIN", "END", "Check", "KeyFormatError", "split_hidden_tests",
           "strip_hidden_tests"]

BEGIN = "### BEGIN HIDDEN TESTS"
END = "### END HIDDEN TESTS"
_REGION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[^\n]*\n.*?^[ \t]*{re.escape(END)}"
                     r"[^\n]*$", re.S | re.M)
_KINDS = {"verify": "value", "verify_calls": "calls"}
_REPORT = {"value": "report", "calls": "report_calls"}
HIDDEN_PLACEHOLDER = "# (hidden tests ran here when your work was graded)"
# the lines split_hidden_tests writes, recognised again by strip_hidden_tests
_KERNEL_LINES = ("import cloudsec.grading as _cloudsec_grading",
                 "_cloudsec_grading.")


class KeyFormatError(ValueError):
    """A hidden-test region does not follow the course's convention."""


@dataclass(frozen=True)
class Check:
    """One hidden check: its name, kind ("value" or "calls") and the key."""

    name: str
    kind: str
    expected: object


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _rewrite_region(region: str) -> tuple[str, list[Check]]:
    body = "\n".join(line for line in region.splitlines()[1:-1])
    try:
        tree = ast.parse(body)
    except SyntaxError as exc:
        raise KeyFormatError(f"hidden tests do not parse: {exc}") from None
    checks: list[Check] = []
    lines = [_KERNEL_LINES[0]]
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "cloudsec.grading":
            continue
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            raise KeyFormatError(
                "hidden tests may contain only verify(...)/verify_calls(...) "
                f"calls, found: {ast.unparse(stmt)[:80]}")
        call = stmt.value
        kind = _KINDS.get(_call_name(call.func) or "")
        if kind is None:
            raise KeyFormatError(f"unknown hidden-test call {ast.unparse(call)[:60]}")
        keywords = {kw.arg: kw for kw in call.keywords}
        if "expected" not in keywords or not call.args:
            raise KeyFormatError("verify calls need a name and expected=...")
        try:
            name = ast.literal_eval(call.args[0])
            expected = ast.literal_eval(keywords["expected"].value)
        except ValueError:
            raise KeyFormatError(
                "the check name and expected= must be literals") from None
        if not isinstance(name, str):
            raise KeyFormatError("the check name must be a string")
        checks.append(Check(name, kind, expected))
        report = ast.Call(
            func=ast.Attribute(value=ast.Name("_cloudsec_grading"),
                               attr=_REPORT[kind]),
            args=call.args,
            keywords=[kw for kw in call.keywords if kw.arg != "expected"])
        lines.append(ast.unparse(report))
    if not checks:
        raise KeyFormatError("a hidden-test region must contain a verify call")
    return "\n".join(lines), checks


def split_hidden_tests(source: str) -> tuple[str, list[Check]]:
    """Return ``(source for the kernel, checks kept by the grader)``.

    The kernel's source keeps the visible part of the cell unchanged and
    replaces each hidden region with report calls that carry no answer key.
    A cell without a hidden region is returned unchanged with no checks.
    """
    checks: list[Check] = []

    def replace(match: re.Match) -> str:
        new, found = _rewrite_region(match.group(0))
        checks.extend(found)
        return new

    kernel_source = _REGION.sub(replace, source)
    if BEGIN in kernel_source or END in kernel_source:
        raise KeyFormatError("unbalanced hidden-test delimiters")
    names = [c.name for c in checks]
    if len(names) != len(set(names)):
        raise KeyFormatError(f"duplicate check names in one cell: {names}")
    return kernel_source, checks


def strip_hidden_tests(source: str) -> str:
    """The cell as a student may see it after grading: hidden code removed.

    Works on the source notebook's cell (hidden region with delimiters) and
    on the kernel's version (region already turned into report calls).
    """
    out: list[str] = []
    for line in _REGION.sub(HIDDEN_PLACEHOLDER, source).splitlines():
        if line.startswith(_KERNEL_LINES):
            line = HIDDEN_PLACEHOLDER
        if line == HIDDEN_PLACEHOLDER and out and out[-1] == HIDDEN_PLACEHOLDER:
            continue
        out.append(line)
    return "\n".join(out)
