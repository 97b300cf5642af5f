"""One wording for every failed lookup, and one way to find a named item.

Every topic module looks things up by name (a service model, an escape, a
container setting, a module of the course). A learner who mistypes one
should read the same kind of message everywhere: what was not found, and
every name that would have worked. :func:`unknown` builds that error and
:func:`find` finds an item by any of its names, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["find", "unknown"]

T = TypeVar("T")


def unknown(what: str, value: object, known: Iterable[str],
            note: str = "") -> ValueError:
    """The error for a lookup of ``value`` among ``known`` that failed.

    Examples
    --------
    >>> from cloudsec.kit.lookup import unknown
    >>> str(unknown("service model", "iass", ["iaas", "paas"]))
    "unknown service model 'iass'; expected one of: iaas, paas"
    >>> str(unknown("model", "x", ["a"], "NIST defines four."))
    "unknown model 'x'; expected one of: a. NIST defines four."
    """
    text = f"unknown {what} {value!r}; expected one of: {', '.join(known)}"
    return ValueError(f"{text}. {note}" if note else text)


def find(what: str, value: str, items: Iterable[T],
         names: Callable[[T], Iterable[str]],
         listed: Callable[[T], str] | None = None) -> T:
    """The item of ``items`` one of whose ``names`` is ``value``.

    Names are compared trimmed and case-insensitively; an empty ``value``
    matches nothing. ``listed`` says how an item is named in the error
    (by default its first name).

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        From :func:`unknown`, listing every item.

    Examples
    --------
    >>> from cloudsec.kit.lookup import find
    >>> find("colour", " Blue", ["red", "blue"], lambda c: [c])
    'blue'
    """
    if not isinstance(value, str):
        raise TypeError(f"a {what} is named by a str, not {type(value).__name__}")
    items = list(items)
    wanted = value.strip().lower()
    for item in items:
        if wanted and wanted in (n.lower() for n in names(item)):
            return item
    listed = listed or (lambda item: next(iter(names(item))))
    raise unknown(what, value, [listed(i) for i in items])
