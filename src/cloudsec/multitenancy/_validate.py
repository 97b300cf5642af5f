"""Argument checks shared by the multi-tenancy catalogue and models.

Private: each raises a ``TypeError`` or ``ValueError`` that names the
argument and says what it must be.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import TypeVar

from cloudsec.kit.lookup import unknown

T = TypeVar("T")


def _lookup(table: Mapping[str, T], key: str, what: str) -> T:
    norm = str(key).strip().lower().replace("_", "-").replace(" ", "-")
    if norm in table:
        return table[norm]
    raise unknown(what, key, table)


def _rate(value: object, name: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of requests per second, "
                        f"not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be greater than 0, not {value:g}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative ({value:g})")
    return value


def _whole(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, not "
                        f"{type(value).__name__}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value
