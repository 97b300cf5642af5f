"""Self-check helpers for the visible tests in assignments.

They check existence, then type, then shape, then allowed values, and say what
is wrong in words a learner can act on. They never know the right answer:
answers live only in the hidden tests of the instructor's source notebooks.

Every check first converts the answer to plain data exactly as the grader
will (:func:`cloudsec.grader.spec.plain`): a ``defaultdict``, a tuple or a
numpy integer is fine; a form the grader would refuse is reported here,
before submission, with the fix. A check given ``graded=[...]`` fails only
for the items its grade cell scores, and only notes problems elsewhere, so
one slip never costs the points of another group.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from cloudsec.grader.spec import SET_MARK, Refused, plain

__all__ = ["SelfCheckError", "check_choice", "check_function", "check_list",
           "check_mapping", "passed", "report_only"]


class SelfCheckError(AssertionError):
    """A visible self-check failed; the message says what to fix."""


# Set by the course grader in the graded kernel: a visible check then prints
# what it found instead of failing the cell, so the hidden spec alone decides
# the score (a typo in one item costs only that item's share).
_STATE = {"report_only": False, "problems": 0}


def report_only(enabled: bool = True) -> None:
    """Make the visible checks print problems instead of raising."""
    _STATE["report_only"] = bool(enabled)


def _visible(check):
    @functools.wraps(check)
    def run(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except SelfCheckError as exc:
            if not _STATE["report_only"]:
                raise
            _STATE["problems"] += 1
            print(f"Visible check: {exc}")
            return None
    return run


def _fail(message: str) -> None:
    raise SelfCheckError(message)


def _type_name(value: object) -> str:
    if isinstance(value, dict) and set(value) == {SET_MARK}:
        return "set"
    return type(value).__name__


def _plain(value: object, name: str) -> object:
    """The answer as the grader will see it, or a message naming the fix."""
    try:
        return plain(value, f"`{name}`")
    except Refused as exc:
        _fail(f"{exc}. The grader reads only plain data.")


def _normal(key: object) -> str:
    return str(key).strip().lower().replace("_", "-").replace(" ", "-")


def _spelling_hint(missing: str, extra: list) -> str:
    for other in extra:
        if _normal(other) == _normal(missing):
            return (f" It has {other!r} where {missing!r} is expected: keys must "
                    "be spelled exactly, including upper and lower case.")
    return ""


def _is_instance(item: object, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(item, bool):
        return bool in kinds
    if isinstance(item, int) and float in kinds:
        return True
    return isinstance(item, kinds)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


@_visible
def check_mapping(value: object, name: str, keys: Iterable[str],
                  allowed: Iterable[object] | None = None,
                  value_type: type | tuple[type, ...] | None = None,
                  graded: Iterable[str] | None = None) -> None:
    """Check that ``value`` is a dict with exactly ``keys``.

    Parameters
    ----------
    value : object
        The learner's answer.
    name : str
        Its variable name, used in messages.
    keys : iterable of str
        The keys it must have, no more and no fewer.
    allowed : iterable or dict, optional
        Values each entry may take (e.g. ``{"customer", "provider"}``), or a
        dict giving them per key.
    value_type : type, optional
        Type each entry must have when ``allowed`` is not given.
    graded : iterable of str, optional
        The keys this grade cell scores. Problems with other keys are printed
        as a note instead of failing the check.
    """
    if value is None or value is Ellipsis:
        _fail(f"`{name}` is still empty: fill it in.")
    data = _plain(value, name)
    if not isinstance(data, dict) or set(data) == {SET_MARK}:
        _fail(f"`{name}` should be a dict, but it is a {_type_name(value)}.")
    want = list(keys)
    focus = set(want if graded is None else graded)
    extra = sorted(map(str, set(data) - set(want)))
    problems: list[tuple[str | None, str]] = []
    for key in want:
        if key not in data:
            problems.append((key, f"`{name}` is missing the key {key!r}."
                             + _spelling_hint(key, extra)))
    if extra:
        problems.append((None, f"`{name}` has key(s) that are not asked for: "
                               f"{', '.join(extra)}."))
    per_key = isinstance(allowed, dict)
    common = None if allowed is None or per_key else list(allowed)
    for key in want:
        if key not in data:
            continue
        item = data[key]
        options = list(allowed.get(key, [])) if per_key else common
        if options is not None and item not in options:
            hint = ""
            if isinstance(item, str):
                close = [o for o in options if isinstance(o, str)
                         and _normal(o) == _normal(item)]
                if close:
                    hint = f" Did you mean {close[0]!r}? Spelling and case matter."
            listed = ", ".join(repr(a) for a in options)
            problems.append((key, f"`{name}[{key!r}]` is {item!r}; use one of "
                                  f"{listed} (exact spelling, lower case).{hint}"))
        elif options is None and value_type is not None and not _is_instance(
                item, value_type):
            problems.append((key, f"`{name}[{key!r}]` should be a "
                                  f"{_kind_name(value_type)}, not a "
                                  f"{_type_name(item)}."))
    if graded is None:
        mine, others = [text for _, text in problems], []
    else:  # keys outside this cell's group, and keys not asked for, only note
        mine = [text for key, text in problems if key in focus]
        others = [text for key, text in problems if key not in focus]
    if mine:
        _fail(mine[0] + (f" ({len(mine) - 1} more problem(s) like it.)"
                         if len(mine) > 1 else ""))
    if others:
        print("Note (another check grades this): " + others[0])


@_visible
def check_list(value: object, name: str, item_type: type = str,
               allowed: Iterable[object] | None = None,
               sorted_unique: bool = True, unique: bool = False) -> None:
    """Check that ``value`` is a list of ``item_type``.

    ``sorted_unique`` is for questions that ask for a *sorted* list; a
    question where order does not matter passes ``sorted_unique=False`` (and
    ``unique=True`` to refuse repeats). A set is fine where order does not
    matter and refused (with the fix) where the list must be sorted.
    """
    if value is None or value is Ellipsis:
        _fail(f"`{name}` is still empty: fill it in.")
    data = _plain(value, name)
    is_set = isinstance(data, dict) and set(data) == {SET_MARK}
    if is_set:
        if sorted_unique:
            _fail(f"`{name}` is a set, which has no order; the question asks for "
                  f"a sorted list: use sorted({name}).")
        data = data[SET_MARK]
    elif not isinstance(data, list):
        _fail(f"`{name}` should be a list, but it is a {_type_name(value)}.")
    for item in data:
        if not _is_instance(item, item_type):
            _fail(f"Every item of `{name}` should be a {_kind_name(item_type)}; "
                  f"found {item!r} ({_type_name(item)}).")
    if allowed is not None:
        allowed = list(allowed)
        unknown = [item for item in data if item not in allowed]
        if unknown:
            close = [a for a in allowed if isinstance(a, str)
                     and _normal(a) == _normal(unknown[0])]
            hint = (f" Did you mean {close[0]!r}? Spelling and case matter."
                    if close else " Check the spelling.")
            _fail(f"`{name}` contains {unknown[0]!r}, which is not one of the "
                  f"identifiers in the artefact.{hint}")
    if (sorted_unique or unique) and len(set(map(repr, data))) != len(data):
        _fail(f"`{name}` lists an item twice.")
    if sorted_unique and data != sorted(data):
        _fail(f"`{name}` should be sorted (the question asks for a sorted list): "
              f"use sorted({name}).")


@_visible
def check_function(value: object, name: str,
                   example: tuple[tuple, dict] | None = None,
                   returns: type | None = None) -> None:
    """Check that ``value`` is callable and, given an example call, returns
    something of the right type, in a form the grader accepts, without
    raising."""
    if not callable(value):
        _fail(f"`{name}` should be a function, but it is a {_type_name(value)}.")
    if example is not None:
        args, kwargs = example
        try:
            result = value(*args, **kwargs)
        except NotImplementedError:
            _fail(f"`{name}` still raises NotImplementedError: write its body.")
        data = _plain(result, f"the result of {name}(...)")
        if returns is None:
            return
        is_set = isinstance(data, dict) and set(data) == {SET_MARK}
        ok = (isinstance(data, list) if returns in (list, tuple) else
              (isinstance(data, dict) and not is_set) if returns is dict else
              _is_instance(data, returns))
        if not ok:
            _fail(f"`{name}` should return a {returns.__name__}, "
                  f"not a {_type_name(result)}.")


@_visible
def check_choice(value: object, name: str, options: Iterable[str],
                 key: str | None = None) -> None:
    """Check the *form* of a multiple-choice answer: one of the letters.

    It never knows the right letter (the key exists only in the instructor's
    notebook). With ``key``, ``value`` is the dict of answers and ``key`` the
    question id, so a misspelled id (``'q1'``) is named as such.
    """
    options = list(options)
    label = name
    if key is not None:
        label = f"{name}[{key!r}]"
        if value is None or value is Ellipsis:
            _fail(f"`{name}` is still empty: fill it in.")
        data = _plain(value, name)
        if not isinstance(data, dict) or set(data) == {SET_MARK}:
            _fail(f"`{name}` should be a dict of question ids to letters, not a "
                  f"{_type_name(value)}.")
        if key not in data:
            hint = _spelling_hint(key, [k for k in data if k != key])
            if hint:
                _fail(f"`{name}` has no answer for {key!r}.{hint}")
            _fail(f"`{label}` is still empty: choose one of {', '.join(options)}.")
        value = data[key]
    if value is None or value is Ellipsis:
        _fail(f"`{label}` is still empty: choose one of {', '.join(options)}.")
    if not isinstance(value, str) or value not in options:
        hint = ""
        if isinstance(value, str) and value.strip().upper() in options:
            hint = f" Write {value.strip().upper()!r}: one upper-case letter."
        _fail(f"`{label}` is {value!r}; answer with one letter: "
              f"{', '.join(options)}.{hint}")


def passed(message: str = "Visible checks passed.") -> str:
    """Print the standard success line (the hidden tests still run later)."""
    text = (f"{message} Hidden tests will check the values when your work is "
            "graded.")
    if _STATE["problems"]:
        _STATE["problems"] = 0
        return ""
    print(text)
    return text
