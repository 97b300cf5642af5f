"""One place that judges an answer against a declarative check spec.

Both sides use this module: the grader, in its own process, on the answer
the kernel reported; and :func:`cloudsec.grading.verify`, in-process, when a
source notebook is run directly (``nbgrader validate``, nbval). The code that
compares an answer with a key therefore exists once.

Answers are converted to plain data by their real contents first
(:func:`plain`); the spec then says how to compare (``kind``), which items to
look at (``select``, ``field``), which alternatives to accept (``accept``), the
numeric tolerance (``tol``) and whether a partly right answer earns a share of
the points (``credit="proportional"``). Feedback names the kind of mistake and
how many items are right, never an item of the key.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from dataclasses import field as dc_field

__all__ = ["KINDS", "CREDITS", "SET_MARK", "Refused", "Result", "Spec", "evaluate",
           "evaluate_calls", "plain", "same"]

KINDS = ("equal", "mapping", "unordered", "finds_all", "no_false_alarms",
         "sequence")
CREDITS = ("all", "proportional")
# how a set travels as plain JSON data (order carries no meaning inside)
SET_MARK = "__cloudsec_set__"
_COLLECTION_KINDS = ("unordered", "finds_all", "no_false_alarms")


class Refused(TypeError):
    """A value cannot be graded as plain data; the message names the fix."""


def _numpy_plain(value: object, path: str) -> tuple[bool, object]:
    """(True, plain value) for a numpy scalar or array of plain values."""
    np = sys.modules.get("numpy")
    if np is None:
        return False, None
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufU":
            raise Refused(f"{path} is a numpy array of {value.dtype}: convert it "
                          "to a list of str, int or float")
        return True, plain(np.ndarray.tolist(value), path)
    if isinstance(value, np.generic):
        if np.dtype(type(value)).kind not in "biufU":
            raise Refused(f"{path} is a numpy.{type(value).__name__}: convert it "
                          "with int(), float() or str()")
        return True, plain(np.generic.item(value), path)
    return False, None


def plain(value: object, path: str = "answer") -> object:
    """``value`` as plain JSON data, read from its real contents.

    ``dict`` and ``list`` subclasses (``defaultdict``, ``OrderedDict``,
    ``Counter``) are read through ``dict``'s and ``list``'s own methods, so an
    overridden ``items``, ``keys``, ``__iter__`` or ``__eq__`` changes nothing;
    tuples become lists; sets become a marked list (``{SET_MARK: [...]}``)
    that only an order-free comparison accepts; numpy scalars and arrays of
    plain values become the Python values they hold. ``bool`` stays ``bool``.
    Anything else raises :class:`Refused` with a message naming the fix.
    """
    if value is None:
        return None
    kind = type(value)
    if isinstance(value, bool):
        return bool.__bool__(value) if kind is not bool else value
    if isinstance(value, int):
        return int.__index__(value) if kind is not int else value
    if isinstance(value, float):
        number = float.__float__(value) if kind is not float else value
        if not math.isfinite(number):
            raise Refused(f"{path} is {number!r}, not a finite number")
        return number
    if isinstance(value, str):
        return str.__str__(value) if kind is not str else value
    if isinstance(value, (list, tuple)):
        base = list if isinstance(value, list) else tuple
        items = [base.__getitem__(value, i) for i in range(base.__len__(value))]
        return [plain(v, f"{path}[{i}]") for i, v in enumerate(items)]
    if isinstance(value, dict):
        out = {}
        for key, item in list(dict.items(value)):
            if isinstance(key, str):
                key = str.__str__(key)
            else:
                done, key2 = _numpy_plain(key, f"a key of {path}")
                if not (done and isinstance(key2, str)):
                    raise Refused(f"{path} has a key {key!r} that is not a "
                                  "string: use str keys")
                key = key2
            out[key] = plain(item, f"{path}[{key!r}]")
        return out
    if isinstance(value, (set, frozenset)):
        base = set if isinstance(value, set) else frozenset
        return {SET_MARK: [plain(v, f"an item of {path}")
                           for v in base.__iter__(value)]}
    done, converted = _numpy_plain(value, path)
    if done:
        return converted
    raise Refused(f"{path} is a {kind.__module__}.{kind.__qualname__}: convert it "
                  "to plain data (str, int, float, bool, None, list, dict, set)")


def _is_set(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {SET_MARK}


def _has_set(value: object) -> bool:
    if _is_set(value):
        return True
    if isinstance(value, list):
        return any(_has_set(v) for v in value)
    if isinstance(value, dict):
        return any(_has_set(v) for v in value.values())
    return False


def same(answer: object, expected: object, tol: float = 1e-9) -> bool:
    """Exact comparison of plain data; numbers within ``tol`` (relative and
    absolute); ``bool`` is never a number; a set never equals a list."""
    if type(expected) is bool or type(answer) is bool:
        return type(answer) is type(expected) and answer == expected
    if type(expected) in (int, float) and type(answer) in (int, float):
        if type(expected) is int and type(answer) is int:
            return answer == expected
        return math.isclose(answer, expected, rel_tol=tol, abs_tol=tol)
    if type(answer) is not type(expected):
        return False
    if isinstance(expected, list):
        return len(answer) == len(expected) and all(
            same(a, e, tol) for a, e in zip(answer, expected, strict=True))
    if isinstance(expected, dict):
        return answer.keys() == expected.keys() and all(
            same(answer[k], expected[k], tol) for k in expected)
    return answer == expected


def _type_word(value: object) -> str:
    if _is_set(value):
        return "set"
    return {type(None): "None", bool: "bool", int: "int", float: "float",
            str: "str", list: "list", dict: "dict"}.get(type(value), "value")


def _hashable(value: object) -> object:
    """A hashable stand-in for a plain value (for set logic)."""
    if isinstance(value, list):
        return ("list", tuple(_hashable(v) for v in value))
    if isinstance(value, dict):
        if _is_set(value):
            return ("set", frozenset(_hashable(v) for v in value[SET_MARK]))
        return ("dict", tuple(sorted((k, _hashable(v)) for k, v in value.items())))
    if type(value) is bool:
        return ("bool", value)
    if type(value) is float and value == int(value):
        return int(value)
    return value


@dataclass(frozen=True)
class Spec:
    """A hidden check, as written in the source notebook (all literals)."""

    name: str
    expected: object
    kind: str = "equal"
    select: tuple | None = None
    field: str | int | None = None
    accept: dict | list | None = None
    tol: float = 1e-9
    credit: str = "all"
    weight: float = 1.0
    calls: bool = False
    inputs: object = dc_field(default=None, compare=False)


@dataclass
class Result:
    """The verdict on one check: the fraction earned and why."""

    fraction: float
    feedback: str = ""

    @property
    def passed(self) -> bool:
        return self.fraction >= 1.0


def _score(right: int, total: int, credit: str) -> float:
    if total <= 0:
        return 1.0
    if credit == "proportional":
        return right / total
    return 1.0 if right == total else 0.0


def _refused(spec: Spec, answer: object) -> Result | None:
    if isinstance(answer, dict) and set(answer) == {"__cloudsec_refused__"}:
        return Result(0.0, f"{answer['__cloudsec_refused__']}.")
    return None


def _items_of(answer: object) -> list | None:
    if _is_set(answer):
        return list(answer[SET_MARK])
    if isinstance(answer, list):
        return answer
    return None


def _collection(spec: Spec, answer: object) -> Result:
    items = _items_of(answer)
    if items is None:
        return Result(0.0, f"the answer should be a list, not a {_type_word(answer)}.")
    key = {_hashable(e) for e in spec.expected}
    got = {_hashable(a) for a in items}
    found = len(key & got)
    extra = len(got - key)
    missing = len(key - got)
    wrong_type = sum(1 for a in items if _type_word(a) not in
                     {_type_word(e) for e in spec.expected} and spec.expected)
    notes = []
    if wrong_type:
        notes.append(f"{wrong_type} item(s) have a different type from the ones "
                     "asked for (for example str instead of int)")
    if spec.kind == "finds_all":
        fraction = _score(found, len(key), spec.credit)
        if missing:
            notes.insert(0, f"{found} of {len(key)} items that belong in the answer "
                            f"are in it; {missing} missing")
    elif spec.kind == "no_false_alarms":
        fraction = _score(len(got) - extra, len(got), spec.credit)
        if extra:
            notes.insert(0, f"{extra} of {len(got)} items in the answer do not "
                            "belong in it")
    else:  # unordered
        total = len(key | got)
        fraction = _score(found, total, spec.credit)
        if missing:
            notes.insert(0, f"{missing} item(s) missing")
        if extra:
            notes.insert(0 if not missing else 1,
                         f"{extra} item(s) included that do not belong")
    if fraction >= 1.0:
        return Result(1.0)
    return Result(fraction, "; ".join(notes) + "." if notes else
                  "the answer is not right yet.")


def _accepted(spec: Spec, item: object) -> list:
    if isinstance(spec.accept, dict):
        return list(spec.accept.get(item, []))
    return []


def _value_ok(value: object, expected: object, alternatives: list, tol: float,
              unordered: bool = False) -> bool:
    for want in [expected, *alternatives]:
        if unordered and isinstance(want, list) and _items_of(value) is not None:
            if ({_hashable(v) for v in _items_of(value)}
                    == {_hashable(w) for w in want}):
                return True
        elif same(value, want, tol):
            return True
    return False


def _mapping(spec: Spec, answer: object) -> Result:
    if not isinstance(answer, dict) or _is_set(answer):
        return Result(0.0, f"the answer should be a dict, not a {_type_word(answer)}.")
    items = list(spec.select) if spec.select is not None else list(spec.expected)
    right = missing = wrong_type = sets = 0
    for item in items:
        if item not in answer:
            missing += 1
            continue
        value = answer[item]
        if spec.field is not None:
            if not isinstance(value, dict) or spec.field not in value:
                missing += 1
                continue
            value = value[spec.field]
        want = spec.expected[item]
        if _has_set(value) and not isinstance(want, list):
            sets += 1
            continue
        if _type_word(value) != _type_word(want) and not (
                _type_word(value) in ("int", "float")
                and _type_word(want) in ("int", "float")) and not (
                _is_set(value) and isinstance(want, list)):
            wrong_type += 1
            continue
        if _value_ok(value, want, _accepted(spec, item), spec.tol,
                     unordered=_is_set(value)):
            right += 1
    extra = 0 if spec.select is not None else len(set(answer) - set(items))
    total = len(items) + extra
    fraction = _score(right, total, spec.credit)
    if fraction >= 1.0:
        return Result(1.0)
    notes = [f"{right} of {len(items)} graded items are right"]
    if missing:
        notes.append(f"{missing} graded item(s) missing from the answer")
    if wrong_type:
        notes.append(f"{wrong_type} item(s) hold a value of the wrong type")
    if sets:
        notes.append(f"{sets} item(s) hold a set where an ordered list is asked "
                     "for (use sorted(...))")
    if extra:
        notes.append(f"{extra} key(s) in the answer are not asked for")
    return Result(fraction, "; ".join(notes) + ".")


def _sequence(spec: Spec, answer: object) -> Result:
    if _is_set(answer):
        return Result(0.0, "the answer is a set, which has no order; this "
                           "question needs a list in a definite order.")
    if not isinstance(answer, list):
        return Result(0.0, f"the answer should be a list, not a {_type_word(answer)}.")
    expected = spec.expected
    right = sum(1 for a, e in zip(answer, expected, strict=False)
                if same(a, e, spec.tol))
    total = max(len(expected), len(answer))
    fraction = _score(right, total, spec.credit)
    if fraction >= 1.0:
        return Result(1.0)
    notes = [f"{right} of {len(expected)} positions are right"]
    if len(answer) != len(expected):
        notes.append(f"the list has {len(answer)} items, not {len(expected)}")
    elif {_hashable(a) for a in answer} == {_hashable(e) for e in expected}:
        notes.append("the right items are there, in a different order")
    return Result(fraction, "; ".join(notes) + ".")


def _equal(spec: Spec, answer: object) -> Result:
    alternatives = list(spec.accept) if isinstance(spec.accept, list) else []
    if _value_ok(answer, spec.expected, alternatives, spec.tol):
        return Result(1.0)
    if _has_set(answer) and not _has_set(spec.expected):
        return Result(0.0, "the answer holds a set, which has no order; use a "
                           "list (sorted(...) where the question says sorted).")
    if _type_word(answer) != _type_word(spec.expected) and not (
            _type_word(answer) in ("int", "float")
            and _type_word(spec.expected) in ("int", "float")):
        return Result(0.0, f"the answer is a {_type_word(answer)}, but a "
                           f"{_type_word(spec.expected)} is asked for.")
    return Result(0.0, "the answer is not right yet.")


_JUDGES = {"equal": _equal, "mapping": _mapping, "sequence": _sequence,
           "unordered": _collection, "finds_all": _collection,
           "no_false_alarms": _collection}


def evaluate(spec: Spec, answer: object) -> Result:
    """Judge one reported (already plain) answer against ``spec``."""
    refused = _refused(spec, answer)
    if refused is not None:
        return refused
    return _JUDGES[spec.kind](spec, answer)


def evaluate_calls(spec: Spec, results: list) -> Result:
    """Judge the results of calling a learner's function on hidden inputs.

    ``results`` holds one entry per case: ``{"value": plain}``,
    ``{"error": "ExceptionName"}`` or ``{"refused": "message"}``.
    """
    expected = list(spec.expected)
    if not isinstance(results, list) or len(results) != len(expected):
        return Result(0.0, "the function was not run on every hidden case.")
    right = errors = refused = 0
    first_refusal = ""
    notes_wrong = []
    per_case = Spec(spec.name, None, kind=spec.kind, select=spec.select,
                    field=spec.field, accept=spec.accept, tol=spec.tol)
    for result, want in zip(results, expected, strict=True):
        if not isinstance(result, dict) or "error" in result:
            errors += 1
        elif "refused" in result:
            refused += 1
            first_refusal = first_refusal or str(result["refused"])
        else:
            verdict = _JUDGES[spec.kind](
                Spec(**{**per_case.__dict__, "expected": want}), result.get("value"))
            if verdict.passed:
                right += 1
            else:
                notes_wrong.append(verdict.feedback)
    fraction = _score(right, len(expected), spec.credit)
    if fraction >= 1.0:
        return Result(1.0)
    notes = [f"the function gives the right result on {right} of {len(expected)} "
             "hidden cases"]
    if errors:
        notes.append(f"it raised an exception on {errors}")
    if refused:
        notes.append(f"{refused} result(s) are not plain data ({first_refusal})")
    kinds = {n for n in notes_wrong if n and "not right yet" not in n}
    if any("type" in n or "set" in n for n in kinds):
        notes.append("some results have the wrong type or form")
    return Result(fraction, "; ".join(notes) + ".")
