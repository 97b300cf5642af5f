"""nbgrader preprocessors that make ``nbgrader autograde`` safe for students' code.

Sanitize stage (the submitted notebook, before nbgrader restores cells):

* :class:`RestoreCells` resets ``metadata.cloudsec``, restores stripped cell
  metadata from the released notebook by cell id, and flags deleted or edited
  test and read-only cells (nbgrader then restores their source).

Autograde stage (the restored notebook):

* :class:`HideAnswerKey` lifts the answer key out of every test cell (see
  :mod:`cloudsec.grader.keys`) and appends an integrity probe;
* :class:`SandboxedExecute` runs the notebook in a sandboxed kernel, caps
  output, survives kernel death, stuck kernels and slow notebooks;
* :class:`VerifyAnswers` compares the reported answers with the key in the
  grader's own process, sets each test cell's outcome, removes the hidden
  code from what the student will see, and writes the outcome file.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import math
import os
import time
from pathlib import Path
from queue import Empty

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_hook
from nbformat import NotebookNode, read
from nbformat.v4 import new_code_cell, new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Dict, Enum, Integer, Unicode

import cloudsec.grading as grading
from cloudsec import variants
from cloudsec.grader import keys, spec
from cloudsec.grader.outcome import FLAG_CODES, add_flag, write_outcome
from cloudsec.grader.prestart import POOL
from cloudsec.grader.probe import PROBE_PREFIX, probe_source
from cloudsec.grader.sandbox import (
    SandboxedKernelManager,
    SandboxPolicy,
    SandboxUnavailable,
    check_available,
)

__all__ = ["HideAnswerKey", "RestoreCells", "SandboxedExecute", "VerifyAnswers"]

UNSAFE_ENV = "CLOUDSEC_UNSAFE_GRADING"


def _nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) if "metadata" in cell else {}


def _grade_id(cell) -> str | None:
    return _nbgrader(cell).get("grade_id")


def _is_test(cell) -> bool:
    meta = _nbgrader(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and (
        cell.cell_type == "code")


def _error(ename: str, evalue: str) -> NotebookNode:
    return new_output("error", ename=ename, evalue=evalue,
                      traceback=[f"{ename}: {evalue}"])


def _meta(nb) -> dict:
    return nb.metadata.setdefault("cloudsec", {})


class RestoreCells(NbGraderPreprocessor):
    """Sanitize stage: recover metadata, flag deleted and edited cells."""

    def _release_notebook(self, resources) -> NotebookNode | None:
        info = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        path = Path(coursedir.format_path(coursedir.release_directory, ".",
                                          info.get("assignment", ""))
                    ) / f"{info.get('notebook', '')}.ipynb"
        try:
            return read(str(path), as_version=4)
        except (OSError, ValueError):
            return None

    def preprocess(self, nb, resources):
        nb.metadata["cloudsec"] = {"flags": []}  # never trust the student's
        meta = _meta(nb)
        release = self._release_notebook(resources)
        if release is None:
            return nb, resources
        by_id = {c.get("id"): c for c in release.cells if _grade_id(c)}
        graded = {_grade_id(c): c for c in release.cells if _grade_id(c)}
        if not any(_grade_id(c) for c in nb.cells):
            self._restore_metadata(nb, release, by_id, meta)
        present = {}
        for cell in nb.cells:
            gid = _grade_id(cell)
            if gid in graded and gid not in present:
                present[gid] = cell
        for gid, original in graded.items():
            meta_o = _nbgrader(original)
            if not (meta_o.get("locked") or meta_o.get("grade")):
                continue
            if gid not in present:
                add_flag(meta, "cell_deleted", f"cell {gid}", gid)
            elif (not meta_o.get("solution")
                  and present[gid].source.strip() != original.source.strip()):
                add_flag(meta, "cell_edited", f"cell {gid}", gid)
        return nb, resources

    def _restore_metadata(self, nb, release, by_id, meta) -> None:
        matched = 0
        for cell in nb.cells:
            original = by_id.get(cell.get("id"))
            if original is not None and original.cell_type == cell.cell_type:
                cell.metadata["nbgrader"] = copy.deepcopy(original.metadata.nbgrader)
                matched += 1
        if matched:
            add_flag(meta, "metadata_restored", f"{matched} cells matched by id")
            return
        # nothing matched: grade the released notebook, so every part is
        # graded (and scores 0) instead of the notebook crashing the grader
        add_flag(meta, "metadata_unrecoverable",
                 "no cell id matched the released notebook")
        nb.cells = copy.deepcopy(release.cells)

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover
        return cell, resources


class HideAnswerKey(NbGraderPreprocessor):
    """Autograde stage: keep answer keys in the grader, add the probe."""

    key_file = Unicode("", help=(
        "A JSON file of keys ({grade_id: [spec, ...]}, as written by "
        "cloudsec.grader.keys.key_table) that replaces the keys written in the "
        "notebook, check by check (for example one key per student). Its checks "
        "must have the notebook's names.")).tag(config=True)

    def _keys_from_file(self, checks: dict, meta: dict) -> dict:
        try:
            table = keys.specs_from_json(json.loads(Path(self.key_file).read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise keys.KeyFormatError(f"key file {self.key_file}: {exc}") from None
        for gid, found in checks.items():
            if gid not in table:
                continue
            if [c.name for c in table[gid]] != [c.name for c in found]:
                add_flag(meta, "grading_error", "key file checks differ from the "
                         "notebook's", gid)
                continue
            checks[gid] = table[gid]
        return checks

    def preprocess(self, nb, resources):
        checks: dict[str, list] = {}
        meta = _meta(nb)
        for cell in nb.cells:
            if not _is_test(cell):
                continue
            try:
                cell.source, found = keys.split_hidden_tests(cell.source)
            except keys.KeyFormatError as exc:
                add_flag(meta, "grading_error", str(exc), _grade_id(cell))
                cell.source = f"raise RuntimeError({str(exc)!r})"
                found = []
            checks[_grade_id(cell)] = found
        if self.key_file:
            checks = self._keys_from_file(checks, meta)
        # visible checks only report in the graded run: the spec decides
        setup = new_code_cell("import cloudsec.checks as _cloudsec_checks\n"
                              "_cloudsec_checks.report_only(True)\n"
                              "del _cloudsec_checks")
        setup.metadata["cloudsec_setup"] = True
        nb.cells.insert(0, setup)
        probe = new_code_cell(probe_source())
        probe.metadata["cloudsec_probe"] = True
        nb.cells.append(probe)
        resources["cloudsec_checks"] = self._variant(checks, resources, meta)
        return nb, resources

    def _variant(self, checks, resources, meta):
        """Swap in the key of the student's variant (trusted id: nbgrader's
        submission folder), and keep every variant's key for the fit check."""
        info = resources.get("nbgrader", {})
        aid, student = info.get("assignment"), info.get("student")
        if not aid or not student:
            return checks
        coursedir = CourseDirectory(config=self.config)
        table = variants.read_keys(coursedir.format_path(
            coursedir.source_directory, ".", aid))
        if table is None:
            return checks
        n = int(table["n"])
        k = variants.variant_of(aid, student, n)
        by_variant = {}
        for j in range(1, n + 1):
            entry = table["variants"].get(str(j), {})
            missing = sorted({c.name for found in checks.values() for c in found}
                             - set(entry))
            if missing:
                add_flag(meta, "grading_error",
                         f"variant {j} has no key for {', '.join(missing)}")
            by_variant[j] = {gid: variants.swap_specs(found, entry)
                             for gid, found in checks.items()}
        resources["cloudsec_variant"] = {"variant": k, "n": n,
                                         "checks": by_variant}
        resources["cloudsec_env"] = {variants.STUDENT_ENV: student}
        return by_variant[k]


class _EnvKernelManager(AsyncKernelManager):
    """The unsandboxed kernel (trusted code only), with the grader's variables."""

    extra_env = Dict()

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kw["env"] = {**(kw.get("env") or os.environ), **self.extra_env}
        await super()._async_launch_kernel(kernel_cmd, **kw)


class SandboxedExecute(Execute):
    """nbgrader's Execute, in a sandboxed kernel, robust to hostile code."""

    sandbox = Bool(True, help="Run each kernel inside the sandbox.").tag(
        config=True)
    allow_unsafe = Bool(False, help=(
        "Grade without the sandbox when it cannot be set up. Only for code "
        "you trust (your own). Also set by CLOUDSEC_UNSAFE_GRADING=1.")).tag(
        config=True)
    notebook_timeout = Integer(600, help="Wall-clock seconds for one notebook."
                               ).tag(config=True)
    max_cell_output_bytes = Integer(256 * 1024, help=(
        "Bytes of output one cell may produce; the rest is discarded (report "
        "lines are kept) and the submission flagged.")).tag(config=True)
    max_notebook_output_bytes = Integer(2 * 1024 * 1024, help=(
        "Bytes of output the whole notebook may produce.")).tag(config=True)
    interrupt_grace = Integer(5, help="Seconds a kernel has to become responsive"
                              " after a timed-out cell is interrupted.").tag(
        config=True)
    memory_bytes = Integer(SandboxPolicy.memory_bytes, help=(
        "Address-space limit of the kernel, in bytes.")).tag(config=True)
    max_processes = Integer(SandboxPolicy.max_processes, help=(
        "Processes the kernel may run at once (stops fork bombs).")).tag(
        config=True)
    cpu_seconds = Integer(SandboxPolicy.cpu_seconds, help=(
        "CPU seconds the kernel may use in total.")).tag(config=True)
    file_bytes = Integer(SandboxPolicy.file_bytes, help=(
        "Largest file the kernel may write, in bytes.")).tag(config=True)

    shutdown_kernel = Enum(["graceful", "immediate"], "immediate", help=(
        "How a notebook's kernel ends once its last cell has run. "
        "'immediate' (the course's default) kills it at once: the kernel is "
        "never used again and its sandbox is torn down anyway, so waiting "
        "for a graceful exit only costs time.")).tag(config=True)
    prestart = Bool(True, help=(
        "In cloudsec-autograde, start the sandboxed kernel of the worker's "
        "next notebook run (the next student's, with that student's trusted "
        "environment) while this notebook runs; each kernel still serves "
        "exactly one run.")).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kernel_manager_class = (SandboxedKernelManager if self._use_sandbox()
                                     else _EnvKernelManager)
        self._student = None

    def _use_sandbox(self) -> bool:
        if not self.sandbox:
            return False
        ok, why = check_available()
        if ok:
            return True
        if self.allow_unsafe or os.environ.get(UNSAFE_ENV) == "1":
            self.log.warning("Sandbox unavailable (%s): grading WITHOUT "
                             "isolation because unsafe grading was allowed.", why)
            return False
        raise SandboxUnavailable(
            f"Refusing to grade other people's code without the sandbox: {why}. "
            "To grade only code you trust (your own work), pass "
            "--SandboxedExecute.allow_unsafe=True or set "
            f"{UNSAFE_ENV}=1.")

    def _policy(self) -> SandboxPolicy:
        return SandboxPolicy(
            memory_bytes=self.memory_bytes, max_processes=self.max_processes,
            cpu_seconds=self.cpu_seconds, file_bytes=self.file_bytes)

    def _pooled(self) -> bool:
        return (self.prestart and self._student is not None
                and self.kernel_manager_class is SandboxedKernelManager)

    def _signature(self, student: str, env: dict[str, str]) -> tuple:
        """Everything a kernel is started with, for one run."""
        args = tuple(a for a in self.extra_arguments
                     if not a.startswith("--HistoryManager.hist_file"))
        return (student, tuple(sorted(env.items())), self.kernel_name,
                self._policy(), args, self.ipython_hist_file)

    def create_kernel_manager(self):
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name")
        km = None
        if self._pooled():
            km = POOL.take(self._student,
                           self._signature(self._student, self._trusted_env))
            if km is not None:
                path = (self.resources or {}).get("metadata", {}).get("path")
                km.fill_scratch(Path(path or os.getcwd()))
                self.km = km
        if km is None:
            km = super().create_kernel_manager()
            km.extra_env = dict(self._trusted_env)
            if isinstance(km, SandboxedKernelManager):
                km.policy = self._policy()
        self._kernel_manager = km
        return km

    def start_new_kernel_client(self):
        kc = getattr(self.km, "prestarted_client", None)
        if kc is None:
            kc = super().start_new_kernel_client()
        else:
            # connected while the kernel booted: ZeroMQ's subscriptions are
            # in place, so the readiness check needs no second round
            self.km.prestarted_client, self.kc = None, kc
            try:
                run_sync(kc.wait_for_ready)(timeout=self.startup_timeout)
            except Exception:
                self._cleanup_kernel()
                raise
            kc.allow_stdin = False
            run_sync(run_hook)(self.on_notebook_start, notebook=self.nb)
        # the kernel of this run answers: the next run's boots meanwhile
        self._prestart_next()
        return kc

    def _prestart_next(self) -> None:
        student = POOL.next_student() if self._pooled() else None
        if student is None:
            return
        env = {k: student if k == variants.STUDENT_ENV else v
               for k, v in self._trusted_env.items()}
        km = (self.kernel_manager_class(kernel_name=self.kernel_name,
                                        config=self.config)
              if self.kernel_name else self.kernel_manager_class(config=self.config))
        km.extra_env, km.policy, km.defer_scratch = env, self._policy(), True
        args = list(self.extra_arguments)
        if (getattr(km, "ipykernel", False) and self.ipython_hist_file
                and not any(a.startswith("--HistoryManager.hist_file")
                            for a in args)):
            args.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        try:
            run_sync(km.start_kernel)(extra_arguments=args)
            km.prestarted_client = km.client()
            km.prestarted_client.start_channels()
        except Exception as exc:  # noqa: BLE001 - the run starts its own then
            self.log.warning("Could not pre-start the next kernel: %s", exc)
            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)
            km.release()
            return
        POOL.put(self._signature(student, env), km)

    def preprocess(self, nb, resources=None, km=None):
        self._meta = _meta(nb)
        self._dead: str | None = None
        self._started = time.monotonic()
        self._nb_bytes = 0
        self._kernel_manager = None
        self._trusted_env = dict((resources or {}).get("cloudsec_env", {}))
        self._student = (resources or {}).get("nbgrader", {}).get("student")
        try:
            return super().preprocess(nb, resources, km)
        finally:
            manager = self._kernel_manager
            if isinstance(manager, SandboxedKernelManager):
                leftovers = manager.release()
                if leftovers:
                    add_flag(self._meta, "leftover_processes",
                             f"{len(leftovers)} process(es) killed")

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._dead is None and (time.monotonic() - self._started
                                   > self.notebook_timeout):
            self._dead = "notebook_time_limit"
            add_flag(self._meta, self._dead, f"{self.notebook_timeout} s")
        if self._dead is not None:
            cell.outputs = [_error("NotRun", "Not run: " + FLAG_CODES[self._dead])]
            return cell, resources
        self._cell_bytes = 0
        self._cell_truncated = False
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._dead = "kernel_died"
            add_flag(self._meta, "kernel_died", f"in cell {index}",
                     _grade_id(cell))
            cell.outputs.append(_error("KernelDied", FLAG_CODES["kernel_died"]))
            return cell, resources
        if any(o.output_type == "error" and o.get("ename") == "CellTimeoutError"
               for o in cell.outputs):
            add_flag(self._meta, "timeout", f"cell {index}", _grade_id(cell))
            if not self._responsive():
                self._dead = "kernel_stuck"
                add_flag(self._meta, "kernel_stuck", f"cell {index}",
                         _grade_id(cell))
                run_sync(self.km.shutdown_kernel)(now=True)
        return cell, resources

    def _responsive(self) -> bool:
        """After an interrupt: does the kernel answer a kernel_info request?"""
        msg_id = self.kc.kernel_info()
        deadline = time.monotonic() + self.interrupt_grace
        while time.monotonic() < deadline:
            try:
                msg = run_sync(self.kc.shell_channel.get_msg)(
                    timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                return False
            if msg["parent_header"].get("msg_id") == msg_id:
                return True
        return False

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), default=str))
        over_cell = self._cell_bytes + size > self.max_cell_output_bytes
        over_nb = self._nb_bytes + size > self.max_notebook_output_bytes
        if not (over_cell or over_nb):
            self._cell_bytes += size
            self._nb_bytes += size
            return super().output(outs, msg, display_id, cell_index)
        if not self._cell_truncated:
            self._cell_truncated = True
            add_flag(self._meta, "output_truncated", f"cell {cell_index}")
            outs.append(new_output(
                "stream", name="stdout",
                text="\n... output truncated by the grader (size limit) ...\n"))
        # the grader's own report lines survive a flood of output around them
        salvaged = _protocol_lines(msg)
        if salvaged:
            outs.append(new_output("stream", name="stdout", text=salvaged))
        return None


def _protocol_lines(msg, limit: int = 20) -> str:
    """Report and probe lines inside a (possibly huge) stream message."""
    if msg.get("msg_type") != "stream":
        return ""
    text = msg.get("content", {}).get("text", "")
    found: list[str] = []
    for prefix in (grading.REPORT_PREFIX, PROBE_PREFIX):
        start = text.find(prefix)
        while start != -1 and len(found) < limit:
            if start == 0 or text[start - 1] == "\n":
                end = text.find("\n", start)
                found.append(text[start:end if end != -1 else len(text)])
            start = text.find(prefix, start + 1)
    return "".join(line + "\n" for line in found)


def _split_reports(cell) -> tuple[list[str], list[str]]:
    """Remove report lines from a cell's stdout; return (reports, probes)."""
    reports, probes = [], []
    for out in cell.get("outputs", []):
        if out.output_type != "stream" or out.name != "stdout":
            continue
        kept = []
        for line in out.text.splitlines(keepends=True):
            stripped = line.rstrip("\n")
            if stripped.startswith(grading.REPORT_PREFIX):
                reports.append(stripped[len(grading.REPORT_PREFIX):])
            elif stripped.startswith(PROBE_PREFIX):
                probes.append(stripped[len(PROBE_PREFIX):])
            else:
                kept.append(line)
        out.text = "".join(kept)
    cell.outputs = [o for o in cell.get("outputs", [])
                    if not (o.output_type == "stream" and not o.text)]
    return reports, probes


def _visible_outputs(cell) -> list:
    """The outputs of a test cell's visible part: whatever the learner's code
    printed or displayed after the hidden part began is dropped (errors are
    kept, without their traceback)."""
    kept, hidden = [], False
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            kept.append(out)
            continue
        if hidden:
            continue
        if out.output_type == "stream" and grading.HIDDEN_MARK in out.text:
            before = out.text.split(grading.HIDDEN_MARK, 1)[0]
            hidden = True
            if before.strip():
                out.text = before
                kept.append(out)
            continue
        kept.append(out)
    return kept


def _evaluate(check: spec.Spec, report: dict) -> spec.Result:
    """The grader's judgement of one report, never raising."""
    try:
        if check.calls:
            if report.get("results") is None:
                return spec.Result(0.0, f"the function could not be run "
                                        f"({report.get('problem', 'no results')}).")
            return spec.evaluate_calls(check, report["results"])
        return spec.evaluate(check, report.get("answer"))
    except Exception as exc:  # noqa: BLE001 - a hostile report scores 0
        return spec.Result(0.0, f"the answer could not be judged "
                                f"({type(exc).__name__}).")


def _graded_part(check: spec.Spec, report: dict) -> object:
    """The part of a reported answer a check grades (for the class report)."""
    if check.calls:
        return report.get("results")
    answer = report.get("answer")
    if check.kind != "mapping" or not isinstance(answer, dict):
        return answer
    items = check.select if check.select is not None else list(answer)
    part = {k: answer[k] for k in items if k in answer}
    if check.field is not None:
        part = {k: v.get(check.field) if isinstance(v, dict) else v
                for k, v in part.items()}
    return part


def _compact(answer: object, limit: int = 2000) -> object:
    """Keep an answer for the instructor report, or a digest if it is huge."""
    text = json.dumps(answer, sort_keys=True)
    if len(text) <= limit:
        return answer
    return {"sha256": hashlib.sha256(text.encode()).hexdigest(), "size": len(text)}


class VerifyAnswers(NbGraderPreprocessor):
    """Autograde stage: judge every test cell from outside the kernel."""

    def preprocess(self, nb, resources):
        meta = _meta(nb)
        checks = resources.get("cloudsec_checks", {})
        results: dict[str, dict[str, float]] = {}
        self._answers: dict[str, dict[str, object]] = {}
        self._reports: dict[str, tuple[dict, float, bool]] = {}
        probe_seen = False
        cells = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                cells.append(cell)
                continue
            reports, probes = _split_reports(cell)
            if cell.metadata.get("cloudsec_setup"):
                if reports or probes:
                    add_flag(meta, "report_forged", "setup cell")
                continue  # the grader's own cell never reaches the student
            if cell.metadata.get("cloudsec_probe"):
                probe_seen = self._read_probe(probes, cell, meta)
                continue  # the probe never reaches the student
            if probes:
                add_flag(meta, "report_forged", "probe line", _grade_id(cell))
            if _is_test(cell) and _grade_id(cell) in checks:
                results[_grade_id(cell)] = self._judge(
                    cell, checks[_grade_id(cell)], reports, meta)
            elif reports:
                add_flag(meta, "report_forged", f"{len(reports)} line(s)",
                         _grade_id(cell))
            cells.append(cell)
        nb.cells = cells
        if not probe_seen and not any(f["code"] in ("kernel_died", "kernel_stuck",
                                                    "notebook_time_limit")
                                      for f in meta.get("flags", [])):
            add_flag(meta, "probe_missing")
        self._fit = self._variant_fit(resources.get("cloudsec_variant"), meta)
        self._write(nb, resources, meta, results)
        return nb, resources

    def _read_probe(self, probes, cell, meta) -> bool:
        if len(probes) != 1:
            return False
        try:
            issues = json.loads(probes[0])["issues"]
        except (ValueError, KeyError, TypeError):
            add_flag(meta, "kernel_tampered", "probe output unreadable")
            return True
        if issues:
            add_flag(meta, "kernel_tampered", "; ".join(map(str, issues)))
        data = json.loads(probes[0])
        for code, key in (("builtins_shadowed", "shadowed"),
                          ("builtins_patched", "patched_builtins")):
            names = data.get(key)
            if isinstance(names, list) and names:
                add_flag(meta, code, ", ".join(map(str, names)))
        return True

    def _judge(self, cell, cell_checks, reports, meta) -> dict[str, float]:
        gid = _grade_id(cell)
        answers: dict[str, list] = {}
        for raw in reports:
            try:
                data = json.loads(raw)
                answers.setdefault(data["check"], []).append(data)
            except (ValueError, KeyError, TypeError):
                add_flag(meta, "report_malformed", raw[:80], gid)
        names = {c.name for c in cell_checks}
        for extra in sorted(set(answers) - names):
            add_flag(meta, "report_unexpected", extra, gid)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        points = float(_nbgrader(cell).get("points", 0) or 0)
        self._reports[gid] = ({n: g[0] for n, g in answers.items() if len(g) == 1},
                              points, bool(errors))
        verdicts: dict[str, float] = {}
        messages = []
        for check in cell_checks:
            got = answers.get(check.name, [])
            if len(got) > 1:
                add_flag(meta, "report_duplicated", check.name, gid)
            if not got and not errors:
                add_flag(meta, "report_missing", check.name, gid)
            result = _evaluate(check, got[0]) if len(got) == 1 else spec.Result(
                0.0, "no answer was reported.")
            verdicts[check.name] = result.fraction
            if len(got) == 1:
                self._answers.setdefault(gid, {})[check.name] = _compact(
                    _graded_part(check, got[0]))
            if not result.passed:
                messages.append(f"Hidden test {check.name!r}: {result.feedback}")
        total_weight = sum(c.weight for c in cell_checks) or 1.0
        fraction = sum(verdicts[c.name] * c.weight for c in cell_checks
                       ) / total_weight if cell_checks else 0.0
        score = 0.0 if errors else math.floor(points * fraction * 2 + 1e-9) / 2
        outputs = []
        for out in _visible_outputs(cell):
            if out.output_type == "execute_result":
                continue  # nbgrader would read a number here as partial credit
            if out.output_type == "stream" and out.name == "stderr":
                continue  # nbgrader would score any stderr output 0
            if out.output_type == "error":
                out.traceback = [f"{out.ename}: {out.evalue}"]
            outputs.append(out)
        if not errors and score < points:
            text = " ".join(messages) or "No hidden test ran."
            if score <= 0:
                outputs.append(_error("HiddenTestFailed", text))
            else:
                outputs.append(new_output(
                    "stream", name="stdout",
                    text=f"{text} Scored {score:g} of {points:g} points.\n"))
                outputs.append(new_output(
                    "execute_result", data={"text/plain": f"{score:g}"},
                    execution_count=None))
        cell.outputs = outputs
        cell.source = keys.strip_hidden_tests(cell.source)
        return verdicts

    def _variant_fit(self, info, meta) -> dict:
        """What the answers would score on every variant; flag a better fit
        than the student's own (never changes the score)."""
        if not info:
            return {}
        fit = {}
        for j, checks in info["checks"].items():
            total = 0.0
            for gid, cell_checks in checks.items():
                reports, points, errored = self._reports.get(gid, ({}, 0.0, True))
                if errored or not cell_checks:
                    continue
                weight = sum(c.weight for c in cell_checks) or 1.0
                fraction = sum(
                    (_evaluate(c, reports[c.name]).fraction if c.name in reports
                     else 0.0) * c.weight for c in cell_checks) / weight
                total += math.floor(points * fraction * 2 + 1e-9) / 2
            fit[str(j)] = total
        own = fit[str(info["variant"])]
        best = max(fit, key=lambda j: (fit[j], j == str(info["variant"])))
        if fit[best] > own:
            add_flag(meta, "variant_mismatch",
                     f"answers fit variant {best} ({fit[best]:g} points); "
                     f"assigned variant {info['variant']} ({own:g} points)")
        return {"variant": info["variant"], "variants": info["n"],
                "variant_fit": fit}

    def _write(self, nb, resources, meta, results) -> None:
        folder = resources.get("metadata", {}).get("path")
        notebook = resources.get("nbgrader", {}).get("notebook")
        if not folder or not notebook:
            return
        write_outcome(Path(folder), notebook, {
            "student": resources["nbgrader"].get("student"),
            "assignment": resources["nbgrader"].get("assignment"),
            "notebook": notebook,
            "flagged": bool(meta.get("flags")),
            "flags": meta.get("flags", []),
            "checks": {g: {c: f >= 1.0 for c, f in v.items()}
                       for g, v in results.items()},
            "fractions": results,
            "answers": self._answers,
            **self._fit,
            "graded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        })

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover
        return cell, resources
