"""Self-check helpers for the visible tests in assignments.

They check existence, then type, then shape, then allowed values, and say what
is wrong in words a learner can act on. They never know the right answer:
answers live only in the hidden tests of the instructor's source notebooks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

__all__ = ["SelfCheckError", "check_choice", "check_function", "check_list",
           "check_mapping", "choice_digest", "passed"]


class SelfCheckError(AssertionError):
    """A visible self-check failed; the message says what to fix."""


def _fail(message: str) -> None:
    raise SelfCheckError(message)


def _type_name(value: object) -> str:
    return type(value).__name__


def check_mapping(value: object, name: str, keys: Iterable[str],
                  allowed: Iterable[object] | None = None,
                  value_type: type | tuple[type, ...] | None = None) -> None:
    """Check that ``value`` is a dict with exactly ``keys``.

    Parameters
    ----------
    value : object
        The learner's answer.
    name : str
        Its variable name, used in messages.
    keys : iterable of str
        The keys it must have, no more and no fewer.
    allowed : iterable, optional
        Values each entry may take (e.g. ``{"customer", "provider"}``).
    value_type : type, optional
        Type each entry must have when ``allowed`` is not given.
    """
    if value is None or value is Ellipsis:
        _fail(f"`{name}` is still empty: fill it in.")
    if not isinstance(value, dict):
        _fail(f"`{name}` should be a dict, but it is a {_type_name(value)}.")
    want = set(keys)
    missing = sorted(want - set(value))
    extra = sorted(map(str, set(value) - want))
    if missing:
        _fail(f"`{name}` is missing {len(missing)} key(s), for example "
              f"{missing[0]!r}.")
    if extra:
        _fail(f"`{name}` has key(s) that are not asked for: {', '.join(extra)}.")
    if allowed is not None:
        allowed = list(allowed)
        for key, item in value.items():
            if item not in allowed:
                options = ", ".join(repr(a) for a in allowed)
                _fail(f"`{name}[{key!r}]` is {item!r}; use one of {options} "
                      "(exact spelling, lower case).")
    elif value_type is not None:
        for key, item in value.items():
            if not isinstance(item, value_type):
                _fail(f"`{name}[{key!r}]` should be a {value_type}, "
                      f"not a {_type_name(item)}.")


def check_list(value: object, name: str, item_type: type = str,
               allowed: Iterable[object] | None = None,
               sorted_unique: bool = True) -> None:
    """Check that ``value`` is a list of ``item_type``, optionally sorted."""
    if value is None or value is Ellipsis:
        _fail(f"`{name}` is still empty: fill it in.")
    if not isinstance(value, list):
        _fail(f"`{name}` should be a list, but it is a {_type_name(value)}.")
    for item in value:
        if not isinstance(item, item_type):
            _fail(f"Every item of `{name}` should be a {item_type.__name__}; "
                  f"found {item!r} ({_type_name(item)}).")
    if allowed is not None:
        allowed = set(allowed)
        unknown = [item for item in value if item not in allowed]
        if unknown:
            _fail(f"`{name}` contains {unknown[0]!r}, which is not one of the "
                  "identifiers in the artefact. Check the spelling.")
    if sorted_unique and value != sorted(set(value)):
        _fail(f"`{name}` should be sorted and contain no duplicates "
              f"(use sorted(set(...))).")


def check_function(value: object, name: str,
                   example: tuple[tuple, dict] | None = None,
                   returns: type | None = None) -> None:
    """Check that ``value`` is callable and, given an example call, returns
    something of the right type without raising."""
    if not callable(value):
        _fail(f"`{name}` should be a function, but it is a {_type_name(value)}.")
    if example is not None:
        args, kwargs = example
        try:
            result = value(*args, **kwargs)
        except NotImplementedError:
            _fail(f"`{name}` still raises NotImplementedError: write its body.")
        if returns is not None and not isinstance(result, returns):
            _fail(f"`{name}` should return a {returns.__name__}, "
                  f"not a {_type_name(result)}.")


def choice_digest(salt: str, choice: str) -> str:
    """The salted hash a multiple-choice self-check compares against."""
    return hashlib.sha256(f"{salt}:{choice}".encode()).hexdigest()[:16]


def check_choice(value: object, name: str, options: Iterable[str], salt: str,
                 digest: str) -> None:
    """Check a multiple-choice answer against a salted hash of the key.

    The notebook holds only the hash, so reading it does not reveal the
    answer; the learner learns whether their choice is the best one.
    """
    options = list(options)
    if value is None or value is Ellipsis:
        _fail(f"`{name}` is still empty: choose one of {', '.join(options)}.")
    if not isinstance(value, str) or value not in options:
        _fail(f"`{name}` is {value!r}; answer with one letter: "
              f"{', '.join(options)}.")
    if choice_digest(salt, value) != digest:
        _fail(f"`{name}` is not the best answer yet. Re-read the question's "
              "qualifier (FIRST, BEST, MOST) and who owns the layer involved.")


def passed(message: str = "Visible checks passed.") -> str:
    """Print the standard success line (the hidden tests still run later)."""
    text = (f"{message} Hidden tests will check the values when your work is "
            "graded.")
    print(text)
    return text

