"""The integrity probe run at the end of every graded notebook.

:func:`cloudsec_probe` runs in the student's kernel, after the last cell. It
computes nothing with any key (the kernel has none); it reports signs that
the kernel's grading machinery was tampered with, as evidence for the
instructor, never as points. The grader ships the function's own source
(:func:`probe_source`), so what runs is exactly this tested code.
"""

from __future__ import annotations

import hashlib
import inspect
import json

__all__ = ["PROBE_PREFIX", "PROBED_FUNCTIONS", "cloudsec_probe", "code_hash",
           "probe_source"]

PROBE_PREFIX = "CLOUDSEC-PROBE "
PROBED_FUNCTIONS = ("report", "report_calls", "report_line", "begin_hidden", "verify",
                    "verify_calls", "canonical")
PROBED_SPEC = ("plain",)
# names IPython itself puts into builtins or the user namespace
IPYTHON_NAMES = ("display", "get_ipython", "exit", "quit", "open", "help",
                 "copyright", "credits", "license", "__IPYTHON__", "runfile",
                 "input", "execfile", "raw_input")


def code_hash(func) -> str:
    """The digest of a function's byte code."""
    return hashlib.sha256(func.__code__.co_code).hexdigest()


def cloudsec_probe(expected, prefix, ipython_names, shell=None):
    """Report tampering with the kernel's grading machinery as one line.

    Parameters
    ----------
    expected : dict
        ``"module.function" -> code hash`` of the grading functions.
    prefix : str
        What the grader looks for at the start of the line.
    ipython_names : sequence of str
        Builtin names IPython itself may define or replace.
    shell : InteractiveShell, optional
        The running shell (``get_ipython()`` when not given).

    Returns
    -------
    dict
        ``{"issues": [...], "shadowed": [...], "patched_builtins": [...]}``,
        also printed after ``prefix`` as JSON.
    """
    import builtins
    import hashlib
    import importlib
    import json
    import sys
    import types

    from IPython.core.inputtransformer2 import TransformerManager
    if shell is None:
        from IPython import get_ipython
        shell = get_ipython()
    issues, shadowed, patched = [], [], []
    if shell.input_transformers_post:
        issues.append("input transformers installed")
    if list(getattr(shell, "ast_transformers", [])):
        issues.append("AST transformers installed")
    fresh, live = TransformerManager(), shell.input_transformer_manager
    for part in ("cleanup_transforms", "line_transforms", "token_transformers"):
        if len(getattr(live, part)) != len(getattr(fresh, part)):
            issues.append("IPython " + part + " changed")
    if sys.gettrace() is not None or sys.getprofile() is not None:
        issues.append("trace or profile hook set")
    # builtins shadowed by a name in the notebook's namespace
    hidden = getattr(shell, "user_ns_hidden", {})
    for name, value in list(shell.user_ns.items()):
        if name.startswith("__") or name in ipython_names:
            continue
        if (hasattr(builtins, name) and value is not getattr(builtins, name)
                and not (name in hidden and hidden[name] is value)):
            shadowed.append(name)
    # the builtins module itself patched
    for name in dir(builtins):
        if name.startswith("_") or name in ipython_names:
            continue
        obj = getattr(builtins, name)
        if isinstance(obj, (types.FunctionType, types.MethodType)):
            patched.append(name)
        elif isinstance(obj, type):
            if obj.__module__ != "builtins" or (
                    not issubclass(obj, BaseException) and obj.__name__ != name):
                patched.append(name)
        elif isinstance(obj, types.BuiltinFunctionType) and (
                obj.__name__ != name
                or getattr(obj, "__self__", builtins) is not builtins):
            patched.append(name)

    def digest(func):
        try:
            return hashlib.sha256(func.__code__.co_code).hexdigest()
        except AttributeError:
            return None

    for dotted, want in expected.items():
        module, _, attr = dotted.rpartition(".")
        try:
            have = digest(getattr(importlib.import_module(module), attr))
        except Exception:  # noqa: BLE001 - any failure is a finding
            have = None
        if have != want:
            issues.append(dotted + " patched")
    if type(sys.stdout).__name__ != "OutStream":
        issues.append("sys.stdout replaced")
    result = {"issues": issues, "shadowed": sorted(shadowed),
              "patched_builtins": sorted(patched)}
    builtins.print(prefix + json.dumps(result))
    return result


def expected_hashes() -> dict[str, str]:
    """The code hashes of the functions the probe checks, as the grader has
    them (computed in the grader's process from the installed package)."""
    import cloudsec.grader.spec as spec
    import cloudsec.grading as grading
    out = {f"cloudsec.grading.{n}": code_hash(getattr(grading, n))
           for n in PROBED_FUNCTIONS}
    out.update({f"cloudsec.grader.spec.{n}": code_hash(getattr(spec, n))
                for n in PROBED_SPEC})
    out["json.dumps"] = code_hash(json.dumps)
    return out


def probe_source() -> str:
    """The code cell appended to every graded notebook: this module's
    :func:`cloudsec_probe`, shipped by its source and defined in a namespace
    of its own (so names the notebook shadows do not reach it), and one call
    of it."""
    source = inspect.getsource(cloudsec_probe)
    return (f"_cloudsec_ns = {{}}\nexec({source!r}, _cloudsec_ns)\n"
            f"_cloudsec_ns['cloudsec_probe']({expected_hashes()!r}, "
            f"{PROBE_PREFIX!r}, {IPYTHON_NAMES!r})\ndel _cloudsec_ns\n")
