"""nbgrader configuration for the course (the course directory is this folder).

Instructors run nbgrader commands from this folder. `nbgrader autograde` runs
every student's kernel in a sandbox and checks answers outside the kernel
(cloudsec.grader; design in docs/grading-design.md). Where the sandbox cannot
be set up, autograde refuses unless --SandboxedExecute.allow_unsafe=True.
"""

from pathlib import Path

from cloudsec.grader import configure
from cloudsec.grader.pool import generate_assignment_preprocessors

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "cloudsec-d3"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
# Files never copied into releases, submissions or feedback.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".DS_Store", ".*",
]

# Every assignment notebook starts with the course header.
c.IncludeHeaderFooter.header = "source/header.ipynb"

c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

configure(c)

# generate_assignment refuses a variant pool (or keys.json) that is not what
# the assignment's generator writes: run python -m cloudsec.variants generate.
c.GenerateAssignment.preprocessors = generate_assignment_preprocessors()

# Execution limits for validate and autograde: generous for a learner's laptop,
# tight enough that a runaway cell cannot stall a class's grading.
c.Execute.timeout = 60
c.Execute.startup_timeout = 60
c.Execute.interrupt_on_timeout = True
# A loop that ignores SIGINT would otherwise abort the whole notebook run.
c.Execute.raise_on_iopub_timeout = False

# Restore grade cells a student deleted, so they score 0 instead of vanishing.
c.OverwriteCells.add_missing_cells = True

# Sandbox limits per student kernel (see SandboxedExecute for all settings).
c.SandboxedExecute.notebook_timeout = 600
c.SandboxedExecute.memory_bytes = 4 * 2**30
c.SandboxedExecute.max_processes = 64
c.SandboxedExecute.cpu_seconds = 300

# On a shared machine: collect by owner and arrival time, submit privately
# (cloudsec/grader/exchange.py; classroom/setup-shared-machine.sh sets the rest up).
c.ExchangeFactory.submit = "cloudsec.grader.exchange.TrustedSubmit"
c.ExchangeFactory.collect = "cloudsec.grader.exchange.TrustedCollect"

# Keep feedback and the gradebook small when a cell prints without end.
c.LimitOutput.max_lines = 500
c.LimitOutput.max_traceback = 50
