"""Separate the answer key from the code that runs in the student's kernel.

A hidden-test region in a source notebook may contain only imports from
``cloudsec.grading`` and ``verify(...)`` / ``verify_calls(...)`` calls (see
``docs/grading-design.md``). Their second argument is an *answer reference*
(a bare name, or a name subscripted by string or int literals); every other
argument is a literal keyword of the check spec. :func:`split_hidden_tests`
turns the region into ``report(...)`` / ``report_calls(...)`` calls that only
print the learner's answer, and returns the specs (with their keys) for the
grader to judge in its own process. Anything else is refused with a message
saying what is wrong: the kernel never computes anything with the key.

The specs are kept per check name, as plain literals, so a key can be
swapped (per-student variants) or come from a file (:func:`specs_from_json`).
"""

from __future__ import annotations

import ast
import json
import re

from cloudsec.grader.spec import CREDITS, KINDS, Spec

__all__ = ["BEGIN", "END", "KeyFormatError", "split_hidden_tests",
           "spec_to_json", "specs_from_json", "strip_hidden_tests"]

BEGIN = "### BEGIN HIDDEN TESTS"
END = "### END HIDDEN TESTS"
_REGION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[^\n]*\n.*?^[ \t]*{re.escape(END)}"
                     r"[^\n]*$", re.S | re.M)
_FUNCS = {"verify": False, "verify_calls": True}
HIDDEN_PLACEHOLDER = "# (hidden tests ran here when your work was graded)"
# the lines split_hidden_tests writes, recognised again by strip_hidden_tests
_KERNEL_LINES = ("import cloudsec.grading as _cloudsec_grading",
                 "_cloudsec_grading.")
_OPTIONS = {"kind", "select", "field", "accept", "tol", "credit", "weight"}


class KeyFormatError(ValueError):
    """A hidden-test region does not follow the course's convention."""


def _describe(node: ast.AST) -> str:
    return ast.unparse(node)[:80]


def _is_reference(node: ast.AST) -> bool:
    """A bare name, or a reference subscripted by a str or int literal."""
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Subscript):
        key = node.slice
        return (isinstance(key, ast.Constant) and type(key.value) in (str, int)
                and _is_reference(node.value))
    return False


def _reference(node: ast.AST, what: str) -> None:
    if not _is_reference(node):
        raise KeyFormatError(
            f"{what} must be a bare name or a name subscripted by literals "
            f"(answers['Q1']), so the kernel computes nothing; found: "
            f"{_describe(node)}")


def _inputs_ok(node: ast.AST) -> bool:
    """Hidden inputs: literals, references, and lists/dicts of those."""
    if _is_reference(node):
        return True
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_inputs_ok(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                   for k in node.keys) and all(_inputs_ok(v) for v in node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    return False


def _literal(node: ast.AST, what: str) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError):
        raise KeyFormatError(f"{what} must be a literal, found: {_describe(node)}"
                             ) from None


def _check_options(name: str, calls: bool, expected: object, opts: dict) -> None:
    kind = opts.get("kind", "equal")
    where = f"check {name!r}"
    if kind not in KINDS:
        raise KeyFormatError(f"{where}: kind must be one of {', '.join(KINDS)}, "
                             f"not {kind!r}")
    credit = opts.get("credit", "all")
    if credit not in CREDITS:
        raise KeyFormatError(f"{where}: credit must be 'all' or 'proportional'")
    if credit == "proportional" and kind == "equal" and not calls:
        raise KeyFormatError(f"{where}: proportional credit needs kind mapping, "
                             "sequence, unordered, finds_all or no_false_alarms")
    weight = opts.get("weight", 1.0)
    if type(weight) not in (int, float) or weight <= 0:
        raise KeyFormatError(f"{where}: weight must be a positive number")
    tol = opts.get("tol", 1e-9)
    if type(tol) not in (int, float) or tol < 0:
        raise KeyFormatError(f"{where}: tol must be a number >= 0")
    cases = expected if calls else [expected]
    if calls and not isinstance(expected, list):
        raise KeyFormatError(f"{where}: verify_calls needs expected=[one result "
                             "per input]")
    for case in cases:
        if kind == "mapping" and not isinstance(case, dict):
            raise KeyFormatError(f"{where}: kind='mapping' needs a dict expected")
        if kind in ("unordered", "finds_all", "no_false_alarms", "sequence") and (
                not isinstance(case, list)):
            raise KeyFormatError(f"{where}: kind={kind!r} needs a list expected")
        select = opts.get("select")
        if select is not None:
            if kind != "mapping" or not isinstance(select, list) or not all(
                    isinstance(s, str) for s in select):
                raise KeyFormatError(f"{where}: select is a list of str keys of a "
                                     "kind='mapping' check")
            if not set(select) <= set(case):
                raise KeyFormatError(f"{where}: select names keys that expected "
                                     "does not hold")
    if "field" in opts and (kind != "mapping" or type(opts["field"]) not in
                            (str, int)):
        raise KeyFormatError(f"{where}: field is a str or int of a kind='mapping' "
                             "check")
    accept = opts.get("accept")
    if accept is not None and not isinstance(accept, dict if kind == "mapping"
                                             else list):
        raise KeyFormatError(f"{where}: accept is a dict of alternatives per item "
                             "(mapping) or a list of alternative answers")


def _parse_call(stmt: ast.stmt) -> tuple[Spec, str]:
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        raise KeyFormatError(
            "hidden tests may contain only verify(...)/verify_calls(...) "
            f"calls, found: {_describe(stmt)}")
    call = stmt.value
    func = call.func.id if isinstance(call.func, ast.Name) else None
    if func not in _FUNCS:
        raise KeyFormatError(f"unknown hidden-test call {_describe(call)[:60]} "
                             "(write verify(...) or verify_calls(...))")
    calls = _FUNCS[func]
    if len(call.args) != 2 or any(isinstance(a, ast.Starred) for a in call.args):
        raise KeyFormatError(f"{func} takes two positional arguments: the check "
                             "name and the answer reference")
    name = _literal(call.args[0], "the check name")
    if not isinstance(name, str) or not name:
        raise KeyFormatError("the check name must be a non-empty string")
    _reference(call.args[1], f"check {name!r}: the answer")
    keywords = {}
    for kw in call.keywords:
        if kw.arg is None:
            raise KeyFormatError(f"check {name!r}: no **keywords in hidden tests")
        keywords[kw.arg] = kw.value
    allowed = _OPTIONS | {"expected"} | ({"inputs"} if calls else set())
    unknown = sorted(set(keywords) - allowed)
    if unknown:
        raise KeyFormatError(f"check {name!r}: unknown keyword(s) {unknown}")
    if "expected" not in keywords:
        raise KeyFormatError(f"check {name!r}: expected=... is missing")
    expected = _literal(keywords["expected"], f"check {name!r}: expected")
    opts = {k: _literal(v, f"check {name!r}: {k}") for k, v in keywords.items()
            if k in _OPTIONS}
    _check_options(name, calls, expected, opts)
    ref = ast.unparse(call.args[1])
    if calls:
        if "inputs" not in keywords:
            raise KeyFormatError(f"check {name!r}: verify_calls needs inputs=[...]")
        inputs = keywords["inputs"]
        if not (isinstance(inputs, ast.List) and all(
                isinstance(e, ast.Dict) for e in inputs.elts)
                and _inputs_ok(inputs)):
            raise KeyFormatError(
                f"check {name!r}: inputs must be a list of dicts of literals and "
                "answer references (no comprehensions or calls); found: "
                f"{_describe(inputs)}")
        if len(inputs.elts) != len(expected):
            raise KeyFormatError(f"check {name!r}: {len(inputs.elts)} inputs but "
                                 f"{len(expected)} expected results")
        line = (f"_cloudsec_grading.report_calls({name!r}, lambda: {ref}, "
                f"lambda: {ast.unparse(inputs)})")
    else:
        line = f"_cloudsec_grading.report({name!r}, lambda: {ref})"
    if "select" in opts:
        opts["select"] = tuple(opts["select"])
    spec = Spec(name=name, expected=expected, calls=calls, **opts)
    return spec, line


def _rewrite_region(region: str) -> tuple[str, list[Spec]]:
    body = "\n".join(line for line in region.splitlines()[1:-1])
    try:
        tree = ast.parse(body)
    except SyntaxError as exc:
        raise KeyFormatError(f"hidden tests do not parse: {exc}") from None
    checks: list[Spec] = []
    lines = [_KERNEL_LINES[0], "_cloudsec_grading.begin_hidden()"]
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "cloudsec.grading":
            if any(a.name not in _FUNCS or a.asname for a in stmt.names):
                raise KeyFormatError("import only verify and verify_calls, "
                                     "without renaming")
            continue
        spec, line = _parse_call(stmt)
        checks.append(spec)
        lines.append(line)
    if not checks:
        raise KeyFormatError("a hidden-test region must contain a verify call")
    return "\n".join(lines), checks


def split_hidden_tests(source: str) -> tuple[str, list[Spec]]:
    """Return ``(source for the kernel, checks kept by the grader)``.

    The kernel's source keeps the visible part of the cell unchanged and
    replaces each hidden region with report calls that carry no answer key.
    A cell without a hidden region is returned unchanged with no checks.
    """
    checks: list[Spec] = []

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


def spec_to_json(spec: Spec) -> dict:
    """A spec as JSON-ready data (for a key file)."""
    data = {k: v for k, v in spec.__dict__.items() if k != "inputs"}
    if data["select"] is not None:
        data["select"] = list(data["select"])
    return data


def specs_from_json(data: dict) -> dict[str, list[Spec]]:
    """``{grade_id: [spec, ...]}`` from a key file's data.

    A key file lets the grader take keys from outside the notebook, for
    example one per student; its checks must match the notebook's by name.
    """
    out = {}
    for gid, specs in data.items():
        out[gid] = []
        for item in specs:
            item = dict(item)
            if item.get("select") is not None:
                item["select"] = tuple(item["select"])
            out[gid].append(Spec(**item))
    return out


def key_table(specs: dict[str, list[Spec]]) -> str:
    """The keys of a notebook as a JSON document (``{grade_id: [spec]}``)."""
    return json.dumps({g: [spec_to_json(s) for s in v] for g, v in specs.items()},
                      indent=1, sort_keys=True)


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
