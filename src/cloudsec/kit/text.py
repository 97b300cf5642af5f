"""Small wording helpers shared by the readouts and figures."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, word: str, suffix: str = "s") -> str:
    """``count`` and ``word``, with ``suffix`` unless there is exactly one.

    Examples
    --------
    >>> from cloudsec.kit.text import plural
    >>> plural(1, "VM"), plural(3, "VM"), plural(2, "launch", "es")
    ('1 VM', '3 VMs', '2 launches')
    """
    return f"{count} {word}{'' if count == 1 else suffix}"
