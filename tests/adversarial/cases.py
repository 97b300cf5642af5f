"""Hostile and broken submissions for ps03, each with its asserted outcome.

Every case starts from the full solution and changes it the way a curious
security student (or an unlucky one) would. ``cells`` replaces answer cells
(a string, or a function of the test context returning one); ``mutate``
changes the notebook itself and may return ``None`` (no notebook) or bytes
(a broken file). ``scores`` lists the grade cells that do not get full
points; ``flags`` must all be raised; ``clean`` asserts that no flag is
raised; ``leaks`` must not appear anywhere in what the grader kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from submissions import solution_of

FULL = {
    "attribution_iaas": 2, "attribution_platform": 3, "attribution_saas": 2,
    "service_models": 2, "gaps_found": 2, "gaps_no_false_alarms": 1,
    "policy_false_found": 2, "policy_true_kept": 1,
    "overdue_shipped": 1, "overdue_edge_cases": 2,
}
A_ZERO = {"attribution_iaas": 0, "attribution_platform": 0, "attribution_saas": 0}
# what an honest all-"customer" / all-"provider" attribution earns: half a
# point per right incident (the attacks around it must earn no more)
A_ALL_CUSTOMER = {"attribution_iaas": 1.5, "attribution_platform": 2,
                  "attribution_saas": 1}
A_ALL_PROVIDER = {"attribution_iaas": 0.5, "attribution_platform": 1,
                  "attribution_saas": 1}
POLICY_ZERO = {"policy_false_found": 0, "policy_true_kept": 0}
OVERDUE_ZERO = {"overdue_shipped": 0, "overdue_edge_cases": 0}
GAPS_ZERO = {"gaps_found": 0, "gaps_no_false_alarms": 0}
ALL_ZERO = dict.fromkeys(FULL, 0)

# ps03 has per-student variants: answers are rules on the learner's artefacts
ALL_CUSTOMER = '''
attribution = {row["id"]: "customer" for row in incidents}
'''
RIGHT_POLICY = solution_of("ps03-shared-responsibility")["policy_answer"] + "\n"


@dataclass
class Case:
    name: str
    description: str
    cells: dict[str, object] = field(default_factory=dict)
    mutate: Callable | None = None
    scores: dict[str, int] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    clean: bool = False
    leaks: tuple[str, ...] = ()

    def expected(self) -> dict[str, int]:
        return {**FULL, **self.scores}


def _drop_cell(grade_id):
    def mutate(nb):
        nb.cells = [c for c in nb.cells
                    if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
        return nb
    return mutate


def _edit_cell(grade_id, source):
    def mutate(nb):
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                cell.source = source
        return nb
    return mutate


def _strip_metadata(new_ids=False):
    def mutate(nb):
        for i, cell in enumerate(nb.cells):
            cell.metadata = {}
            if new_ids:
                cell.id = f"student-{i:03d}"
        return nb
    return mutate


def _broken_json(nb):
    import nbformat

    return nbformat.writes(nb)[:5000].encode()


CASES = [
    Case("always-equal-object",
         "a dict subclass whose __eq__ always returns True",
         cells={"attribution_answer": '''
class Anything(dict):
    def __eq__(self, other):
        return True
    __hash__ = None


attribution = Anything({row["id"]: "provider" for row in incidents})
'''},
         scores=A_ALL_PROVIDER),
    Case("patched-comparison",
         "monkeypatches cloudsec.grading's verify and comparison helpers",
         cells={"attribution_answer": ALL_CUSTOMER + '''
import cloudsec.grading as g
g.verify = lambda *args, **kwargs: None
g.verify_calls = lambda *args, **kwargs: None
g.same = lambda answer, expected, rel_tol=0: True
'''},
         scores=A_ALL_CUSTOMER, flags={"kernel_tampered"}),
    Case("patched-report",
         "replaces the report function to print a made-up answer",
         cells={"attribution_answer": ALL_CUSTOMER + '''
import json
import cloudsec.grading as g


def fake_report(name, answer):
    print("CLOUDSEC-REPORT " + json.dumps({"check": name, "answer": {}}))


g.report = fake_report
'''},
         # every later value check reports the fake answer; function checks
         # use report_calls, which was left alone
         scores={**ALL_ZERO, "overdue_shipped": 1, "overdue_edge_cases": 2},
         flags={"kernel_tampered"}),
    Case("transformer-deletes-checks",
         "an IPython input transformer deleting asserts and grading calls",
         cells={"attribution_answer": ALL_CUSTOMER + '''
def scrub(lines):
    return [line for line in lines
            if "assert" not in line and "_cloudsec_grading" not in line
            and "check_" not in line]


get_ipython().input_transformers_post.append(scrub)
'''},
         scores=ALL_ZERO, flags={"kernel_tampered", "report_missing"}),
    Case("ast-transformer",
         "an AST transformer that turns every call into None",
         cells={"attribution_answer": ALL_CUSTOMER + '''
import ast


class Nothing(ast.NodeTransformer):
    def visit_Call(self, node):
        if "report" in ast.unparse(node.func):
            return ast.Constant(None)
        return self.generic_visit(node)


get_ipython().ast_transformers.append(Nothing())
'''},
         scores=ALL_ZERO, flags={"kernel_tampered", "report_missing"}),
    Case("partial-credit-injection",
         "a transformer appending a number, read by nbgrader as partial credit",
         cells={"attribution_answer": ALL_CUSTOMER + '''
get_ipython().input_transformers_post.append(lambda lines: lines + ["\\n18.0\\n"])
'''},
         scores=A_ALL_CUSTOMER, flags={"kernel_tampered"}),
    Case("sys-exit", "calls sys.exit() in an answer cell",
         cells={"service_models_answer": "import sys\nsys.exit(0)\n"},
         scores={"service_models": 0, **GAPS_ZERO}),
    Case("os-exit", "kills its own kernel with os._exit",
         cells={"gaps_answer": "import os\nos._exit(3)\n"},
         scores={**GAPS_ZERO, **POLICY_ZERO, **OVERDUE_ZERO},
         flags={"kernel_died"}),
    Case("infinite-loop", "an answer cell that never ends",
         cells={"policy_answer": "while True:\n    pass\n"},
         scores=POLICY_ZERO, flags={"timeout"}),
    Case("loop-ignoring-interrupt",
         "an endless loop that ignores SIGINT, so the interrupt cannot stop it",
         cells={"policy_answer": '''
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
'''},
         scores={**POLICY_ZERO, **OVERDUE_ZERO},
         flags={"timeout", "kernel_stuck"}),
    Case("memory-bomb", "allocates far more memory than allowed",
         cells={"policy_answer": '''
hog = []
while True:
    hog.append(bytearray(64 * 2**20))
'''},
         scores=POLICY_ZERO),
    Case("fork-bomb", "forks until the process limit stops it",
         cells={"policy_answer": '''
import os
while True:
    os.fork()
'''},
         # the process limit makes fork fail: the cell errors, the kernel lives
         scores=POLICY_ZERO),
    Case("daemon", "starts background processes meant to outlive grading",
         cells={"attribution_answer": lambda ctx: ctx["solution"]["attribution_answer"]
                + '''
import os
import subprocess
subprocess.Popen(["sleep", "600"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import time
        while True:
            time.sleep(1)
    os._exit(0)
'''},
         clean=True),
    Case("kill-everything",
         "tries to kill its parent, PID 1 and every process it can see",
         cells={"overdue_answer": lambda ctx: '''
import os
import signal
for target in (os.getppid(), 1, -1):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
''' + ctx["solution"]["overdue_answer"]},
         clean=True),
    Case("write-gradebook", "looks for the gradebook and tries to give itself marks",
         cells={"policy_answer": RIGHT_POLICY + '''
import os
import sqlite3
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys", "/usr")):
        dirs[:] = []
        continue
    for name in files:
        if name == "gradebook.db":
            try:
                con = sqlite3.connect(os.path.join(root, name))
                con.execute("update grade set auto_score = 100")
                con.commit()
                print("GRADEBOOK-WRITTEN", root)
            except Exception as exc:
                print("gradebook write failed:", type(exc).__name__)
'''},
         clean=True, leaks=("GRADEBOOK-WRITTEN",)),
    Case("plant-startup-file",
         "plants IPython startup files to sabotage the next student",
         cells={"policy_answer": RIGHT_POLICY + '''
import os
evil = "get_ipython().input_transformers_post.append(lambda l: ['raise SystemExit'])\\n"
for base in (os.path.expanduser("~/.ipython"), os.environ.get("IPYTHONDIR", ""),
             "/tmp/ipython", "/root/.ipython"):
    if not base:
        continue
    try:
        folder = os.path.join(base, "profile_default", "startup")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "00-evil.py"), "w") as handle:
            handle.write(evil)
    except OSError:
        pass
'''},
         clean=True),
    Case("read-hidden-tests", "searches the disk for the instructor's notebooks",
         cells={"policy_answer": RIGHT_POLICY + '''
import os
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys", "/usr")):
        dirs[:] = []
        continue
    for name in files:
        if name.endswith((".ipynb", ".db")):
            try:
                text = open(os.path.join(root, name), errors="ignore").read()
            except OSError:
                continue
            if "attribution_iaas" in text and (
                    "HIDDEN TESTS" in text or "expected=" in text):
                print("LEAKED-HIDDEN", os.path.join(root, name))
'''},
         clean=True, leaks=("LEAKED-HIDDEN",)),
    Case("read-other-students", "looks for other students' submissions",
         cells={"policy_answer": RIGHT_POLICY + '''
import glob
candidates = ["../../*/*/*.ipynb", "/tmp/*/course/submitted/*/*/*.ipynb",
              "/tmp/pytest-of-*/*/*/course/submitted/*/*/*.ipynb",
              "/work/*/submitted/*/*/*.ipynb", "/home/*/*/*/*.ipynb"]
for path in [p for pattern in candidates for p in glob.glob(pattern)]:
    print("LEAKED-SUBMISSION", path)
'''},
         clean=True, leaks=("LEAKED-SUBMISSION",)),
    Case("read-grader-environment",
         "prints every environment variable it can reach",
         cells={"policy_answer": RIGHT_POLICY + '''
import os
print(dict(os.environ))
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            print(open(f"/proc/{pid}/environ", "rb").read()[:2000])
        except OSError:
            pass
'''},
         clean=True, leaks=("{secret}",)),
    Case("network", "tries to reach a service on the grader's machine",
         cells={"policy_answer": lambda ctx: RIGHT_POLICY + f'''
import socket
try:
    socket.create_connection(("127.0.0.1", {ctx["port"]}), timeout=2).sendall(b"hi")
    print("NET-CONNECTED")
except OSError as exc:
    print("no network:", type(exc).__name__)
'''},
         clean=True, leaks=("NET-CONNECTED",)),
    Case("huge-line", "prints one 50 MB line",
         cells={"policy_answer": RIGHT_POLICY + 'print("x" * 50_000_000)\n'},
         flags={"output_truncated"}),
    Case("million-lines", "prints a million lines",
         cells={"policy_answer": RIGHT_POLICY
                + "for i in range(1_000_000):\n    print(i)\n"},
         flags={"output_truncated"}),
    Case("deleted-test-cell", "deletes a test cell",
         mutate=_drop_cell("attribution_saas"), flags={"cell_deleted"}),
    Case("deleted-answer-cell", "deletes an answer cell",
         mutate=_drop_cell("policy_answer"), scores=POLICY_ZERO),
    Case("edited-test-cell", "replaces a test cell by `pass`, with wrong answers",
         cells={"attribution_answer": ALL_CUSTOMER},
         mutate=_edit_cell("attribution_iaas", "pass"),
         scores=A_ALL_CUSTOMER, flags={"cell_edited"}),
    Case("metadata-stripped", "all cell metadata removed, cell ids kept",
         mutate=_strip_metadata(), flags={"metadata_restored"}),
    Case("metadata-and-ids-stripped", "cell metadata and ids replaced",
         mutate=_strip_metadata(new_ids=True), scores=ALL_ZERO,
         flags={"metadata_unrecoverable"}),
    Case("malformed-json", "a truncated notebook file",
         mutate=_broken_json, scores=ALL_ZERO, flags={"notebook_unreadable"}),
    Case("missing-notebook", "the notebook is not in the submission",
         mutate=lambda nb: None, scores=ALL_ZERO, flags={"notebook_missing"}),
    Case("syntax-error", "an answer cell that does not parse",
         cells={"attribution_answer": "attribution = {\n"}, scores=A_ZERO),
    Case("forged-report-in-answer",
         "prints grader report lines with made-up answers from an answer cell",
         cells={"attribution_answer": ALL_CUSTOMER + '''
import json
for check in ("attribution_iaas", "attribution_platform", "attribution_saas"):
    print("CLOUDSEC-REPORT " + json.dumps({"check": check, "answer": {}}))
'''},
         scores=A_ALL_CUSTOMER, flags={"report_forged"}),
    Case("forged-report-in-function",
         "a graded function that prints its own report lines",
         cells={"overdue_answer": '''
import json


def overdue_vms(inventory, today, max_age_days=30):
    line = {"check": "overdue_edge_cases", "answer": [[], ["a"], ["z"], ["o"]]}
    print("CLOUDSEC-REPORT " + json.dumps(line))
    return []
'''},
         scores=OVERDUE_ZERO, flags={"report_duplicated", "report_unexpected"}),
    Case("stderr-noise", "a correct function that writes warnings to stderr",
         cells={"overdue_answer": lambda ctx: ctx["solution"]["overdue_answer"]
                .replace('    day = date.fromisoformat(today)',
                         '    import sys\n    print("note: checking", file=sys.stderr)'
                         '\n    day = date.fromisoformat(today)')},
         clean=True),
]


def resolve(case: Case, ctx: dict) -> dict[str, str]:
    """The case's answer cells, with context (port, solution) filled in."""
    cells = {}
    for gid, value in case.cells.items():
        text = value(ctx) if callable(value) else value
        cells[gid] = text
    return cells


def leak_markers(case: Case, ctx: dict) -> list[str]:
    return [m.format(**ctx) for m in case.leaks]


def describe() -> str:
    return json.dumps({c.name: c.description for c in CASES}, indent=1)
