"""Start JupyterLab and headless Chromium, and drive a notebook like a learner.

Shared by the browser tests (``tests/browser``) and the widget benchmark
(``benchmarks/widgets.py``), so both run the course the same way:

* :class:`Lab` copies the course into a temporary folder, gives JupyterLab its
  own settings, config and data folders there (no news pop-up, nothing read
  from or written to the user's Jupyter set-up or the repository), sets up an
  nbgrader exchange with the course's assignment released into it, and runs
  ``jupyter lab`` on 127.0.0.1 with a random port and token.
* :func:`launch_chromium` starts Debian's Chromium through Playwright (browser
  downloads are not available, so Playwright's own builds are never used).
* :class:`NotebookPage` opens a notebook in JupyterLab, runs all cells from
  the Run menu, waits for the kernel, and reports cells that show errors.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
ARTIFACTS = Path(os.environ.get("CLOUDSEC_ARTIFACTS",
                                ROOT / "test-artifacts" / "browser"))

#: the course's released assignment the nbgrader panels are tested with
ASSIGNMENT = "ps03-shared-responsibility"
COURSE_ID = "cloudsec-d3"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
#: what a page of JupyterLab is given to come up, and all cells to run
LOAD_TIMEOUT_S = 60
RUN_ALL_TIMEOUT_S = 120

# What the course copy holds: everything the lessons and nbgrader read.
_COURSE_FILES = ("notebooks", "source", "release", "nbgrader_config.py")


class ChromiumMissing(RuntimeError):
    """No Chromium where the browser tests look for it."""


def chromium_path() -> str:
    """Path of the Chromium to drive, or :class:`ChromiumMissing` saying how to
    get one (``CLOUDSEC_CHROMIUM`` overrides the default location)."""
    path = os.environ.get("CLOUDSEC_CHROMIUM", DEFAULT_CHROMIUM)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise ChromiumMissing(
            f"Chromium not found at {path}: the browser tests need it. Install "
            "it with `sudo apt-get install chromium` (Debian/Ubuntu) or set "
            "CLOUDSEC_CHROMIUM=/path/to/chrome (any Chrome or Chromium).")
    return path


def launch_chromium(playwright):
    """Launch the system Chromium headless with Playwright."""
    return playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], object], timeout: float, message:
               Callable[[], str] | str, interval: float = 0.1):
    """Poll ``condition`` until it returns something true; return that.

    Raises AssertionError with ``message`` (a string, or a function called
    only on failure so that it can report what was seen last) after
    ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            text = message() if callable(message) else message
            raise AssertionError(f"{text} (waited {timeout:g} s)")
        time.sleep(interval)


class Lab:
    """JupyterLab serving a temporary copy of the course.

    Parameters
    ----------
    workdir : Path
        An empty folder that the copy, the Jupyter folders, the nbgrader
        exchange and the server log are made in.
    """

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.course = self.workdir / "course"
        self.exchange = self.workdir / "exchange"
        self.log_path = self.workdir / "jupyterlab.log"
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self._log = None
        home = self.workdir / "jupyter"
        self.dirs = {
            "JUPYTER_CONFIG_DIR": home / "config",
            "JUPYTER_DATA_DIR": home / "data",
            "JUPYTER_RUNTIME_DIR": home / "runtime",
            "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
            "IPYTHONDIR": home / "ipython",
        }

    # -- set-up ----------------------------------------------------------
    @property
    def env(self) -> dict[str, str]:
        """Environment for the server and the nbgrader commands."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "JPY_"))}
        env.update({k: str(v) for k, v in self.dirs.items()})
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def prepare(self) -> None:
        """Copy the course, write the isolated settings and config, and
        release the assignment into a fresh exchange."""
        self.course.mkdir(parents=True)
        for name in _COURSE_FILES:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, self.course / name, ignore=shutil.ignore_patterns(
                    ".ipynb_checkpoints", "__pycache__"))
            else:
                shutil.copy2(src, self.course / name)
        for folder in self.dirs.values():
            folder.mkdir(parents=True, exist_ok=True)
        self.exchange.mkdir(mode=0o1777)
        os.chmod(self.exchange, 0o1777)
        settings = self.dirs["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab"
        _write_json(settings / "apputils-extension" /
                    "notification.jupyterlab-settings",
                    {"fetchNews": "false", "checkForUpdates": False})
        # nbgrader reads this before the course's own nbgrader_config.py
        # (the server's working directory), which sets the course root too.
        (self.dirs["JUPYTER_CONFIG_DIR"] / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n"
            f"c.Exchange.cache = {str(self.workdir / 'nbgrader-cache')!r}\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.CourseDirectory.root = {str(self.course)!r}\n")
        for step in ("generate_assignment", "release_assignment"):
            self.nbgrader(step, ASSIGNMENT, "--force")

    def nbgrader(self, *args: str) -> str:
        """Run an nbgrader command in the course copy; return its output."""
        result = subprocess.run(
            [str(VENV_BIN / "nbgrader"), *args], cwd=self.course, env=self.env,
            capture_output=True, text=True, timeout=180, check=False)
        if result.returncode:
            raise RuntimeError(f"nbgrader {' '.join(args)} failed "
                               f"({result.returncode}):\n{result.stderr[-3000:]}")
        return result.stdout + result.stderr

    # -- server ----------------------------------------------------------
    def start(self) -> None:
        """Start ``jupyter lab`` and wait until it answers."""
        args = [
            str(VENV_BIN / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.course}",
            "--ServerApp.log_level=INFO",
        ]
        if hasattr(os, "getuid") and os.getuid() == 0:
            args.append("--allow-root")
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            args, cwd=self.course, env=self.env, stdout=self._log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        wait_until(self._answers, LOAD_TIMEOUT_S,
                   lambda: "JupyterLab did not answer on "
                   f"{self.base_url}; its log ends:\n{self.log_tail()}",
                   interval=0.25)

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {self.process.returncode};"
                               f" its log ends:\n{self.log_tail()}")
        try:
            self.api("GET", "status")
        except (OSError, urllib.error.URLError):
            return False
        return True

    def stop(self) -> None:
        """Stop the server and its kernels (the whole process group)."""
        if self.process and self.process.poll() is None:
            try:
                self.api("POST", "shutdown")
                self.process.wait(timeout=15)
            except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait()
        if self._log:
            self._log.close()
            self._log = None

    # -- helpers ---------------------------------------------------------
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """URL of ``path`` on the server, with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def lab_url(self, path: str = "") -> str:
        """JupyterLab in a fresh workspace (nothing restored from an earlier
        page), opening ``path`` (relative to the course) if given."""
        workspace = f"lab/workspaces/t{uuid.uuid4().hex[:12]}"
        tree = f"/tree/{path}" if path else ""
        return self.url(f"{workspace}{tree}?reset")

    def api(self, method: str, path: str):
        """Call the server's REST API; return the decoded JSON (or None)."""
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel, so the next test starts from a quiet server."""
        for kernel in self.api("GET", "kernels") or []:
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.api("DELETE", f"kernels/{kernel['id']}")

    def log_text(self) -> str:
        """Everything the server has logged so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server log."""
        return "\n".join(self.log_text().splitlines()[-lines:])


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


# -- notebooks in the page ------------------------------------------------

# An input prompt once its cell has run: "[12]:"
_DONE_PROMPT = re.compile(r"^\[\d+\]:$")

_CELL_STATES_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell'))
  .map(cell => ({
    prompt: (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim(),
    source: (cell.querySelector('.cm-content')?.textContent ?? '').trim(),
  }))
"""

_ERRORS_JS = """
() => {
  const cells = Array.from(document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell'));
  const found = [];
  cells.forEach((cell, index) => {
    const prompt = (cell.querySelector('.jp-InputArea-prompt')?.textContent
                    ?? '').trim();
    for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
      // textContent: cells scrolled out of view are not laid out, and
      // innerText of those is empty
      const text = out.textContent ?? '';
      const stderr = out.matches(
          '[data-mime-type="application/vnd.jupyter.stderr"]') ||
          out.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]');
      if (stderr || text.includes('Error displaying widget')) {
        found.push({cell: index + 1, prompt, text: text.slice(0, 1500)});
      }
    }
    // a widget whose view failed to render (missing front-end extension,
    // unknown view, version mismatch) shows this instead
    for (const broken of cell.querySelectorAll('.jupyter-widgets-error-widget')) {
      found.push({cell: index + 1, prompt, widget: true,
                  text: 'Error displaying widget: ' + broken.textContent.trim()});
    }
  });
  return found;
}
"""

_SCROLL_TO_CELL_JS = """
index => document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')[index]
  ?.scrollIntoView({block: 'center'})
"""

_WIDGET_ERROR_DETAILS_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets-error-widget'))
  .map(el => { el.click(); return el; })
"""


_KERNEL_STATUS_JS = """
() => {
  const indicator = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
  const shown = indicator ? (indicator.getAttribute('data-status') ?? '') : '';
  for (const item of document.querySelectorAll(
      '#jp-main-statusbar .jp-StatusBar-TextItem')) {
    const match = item.textContent.trim().match(/^(.+) \\| ([A-Za-z ]+)$/);
    if (match) {
      if (match[1] === 'No Kernel') return 'no kernel';
      const status = match[2].toLowerCase();
      return status === shown ? status : `${status} (indicator: ${shown})`;
    }
  }
  return shown ? `unknown (indicator: ${shown})` : 'unknown';
}
"""


class NotebookPage:
    """One lesson notebook open in JupyterLab in a Playwright page."""

    def __init__(self, page, lab: Lab, path: str):
        self.page = page
        self.lab = lab
        self.path = path

    def open(self) -> NotebookPage:
        """Open the notebook and wait for its kernel to be idle."""
        self.page.goto(self.lab.lab_url(self.path))
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        panel.locator(".jp-Notebook .jp-Cell").first.wait_for(
            timeout=LOAD_TIMEOUT_S * 1000)
        self.wait_for_kernel_idle(LOAD_TIMEOUT_S)
        return self

    def kernel_status(self) -> str:
        """The kernel status JupyterLab shows, e.g. "idle" or "busy".

        Both the status bar ("Python 3 (ipykernel) | Idle") and the toolbar's
        execution indicator must say it: the indicator alone says "idle" for a
        moment before the kernel is even connected, and a Run All issued then
        runs nothing.
        """
        return self.page.evaluate(_KERNEL_STATUS_JS)

    def wait_for_kernel_idle(self, timeout: float) -> None:
        """Wait until the notebook's kernel says it is idle."""
        wait_until(lambda: self.kernel_status() == "idle", timeout,
                   lambda: f"{self.path}: the kernel did not become idle; its "
                   f"status is {self.kernel_status()!r}")

    def run_menu_command(self, menu: str, command: str) -> None:
        """Click ``menu`` in the menu bar, then the item that runs ``command``."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(
            f"^{re.escape(menu)}$")).click()
        self.page.locator(f'.lm-Menu-item[data-command="{command}"]').click()

    def run_all(self) -> None:
        """Run all cells from the Run menu, wait until the kernel has finished,
        and fail if a cell shows an error or was not run."""
        self.run_menu_command("Run", "runmenu:run-all")

        def cells():
            return self.page.evaluate(_CELL_STATES_JS)

        def started():
            return any(c["prompt"] == "[*]:" or _DONE_PROMPT.match(c["prompt"])
                       for c in cells())

        wait_until(started, 20, lambda: f"{self.path}: Run All Cells started no "
                   f"cell (kernel status {self.kernel_status()!r})")

        def not_run():
            return [f"cell {i + 1} {c['prompt'] or '(no prompt)'}"
                    for i, c in enumerate(cells())
                    if c["source"] and not _DONE_PROMPT.match(c["prompt"])]

        # Run All stops at the first error, un-queueing the cells after it.
        wait_until(lambda: self.kernel_status() == "idle"
                   and not any(c["prompt"] == "[*]:" for c in cells()),
                   RUN_ALL_TIMEOUT_S,
                   lambda: f"{self.path}: Run All Cells did not finish; kernel "
                   f"is {self.kernel_status()!r}, still queued or running: "
                   f"{', '.join(not_run()[:10])}", interval=0.25)
        self.assert_no_errors("after Run All Cells")
        missing = not_run()
        assert not missing, (
            f"{self.path}: expected Run All Cells to run every code cell, but "
            f"these show no execution count: {', '.join(missing[:10])}")

    def errors(self) -> list[dict]:
        """Outputs that show an error: tracebacks, anything written to
        stderr, and widgets that failed to display."""
        return self.page.evaluate(_ERRORS_JS)

    def log_console_count(self) -> int:
        """How many messages JupyterLab's log console holds for this notebook
        (errors raised in widget callbacks land there, not in a cell)."""
        item = self.page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)")
        if not item.count():
            return 0
        text = item.first.inner_text().strip()
        return int(text) if text.isdigit() else 0

    def log_console_text(self, lines: int = 30) -> str:
        """Open the log console and return its last ``lines`` lines (the end
        of a traceback says what went wrong)."""
        self.page.locator(".jp-LogConsoleStatusItem").first.click()
        outputs = self.page.locator(".jp-LogConsolePanel .jp-OutputArea-output")
        try:
            outputs.first.wait_for(timeout=10_000)
        except Exception as exc:  # report what we could not read
            return f"(could not read the log console: {exc})"
        text = "\n".join(outputs.all_inner_texts()).rstrip()
        return "\n".join(text.splitlines()[-lines:])

    def assert_no_errors(self, when: str) -> None:
        """Fail, quoting what is shown, if any cell shows an error or the log
        console holds a message (e.g. a traceback from a widget callback)."""
        # Outputs (and the log messages of widget callbacks) arrive before
        # the kernel reports idle again.
        self.wait_for_kernel_idle(LOAD_TIMEOUT_S)
        found = self.errors()
        if any(e.get("widget") for e in found):
            # clicking the error view shows the JavaScript error behind it
            self.page.evaluate(_WIDGET_ERROR_DETAILS_JS)
            found = self.errors()
        if found:
            # so that the failure's screenshot shows the cell
            self.page.evaluate(_SCROLL_TO_CELL_JS, found[0]["cell"] - 1)
        assert not found, (
            f"{self.path}: expected no errors {when}, but "
            + "; ".join(f"cell {e['cell']} {e['prompt']} shows:\n{e['text']}"
                        for e in found))
        logged = self.log_console_count()
        assert not logged, (
            f"{self.path}: expected an empty log console {when}, but it holds "
            f"{logged} message(s); it ends:\n{self.log_console_text()}")


# -- widgets in the page --------------------------------------------------

#: every course widget's container carries this class
WIDGET_CLASS = "cloudsec-widget"


class WidgetDriver:
    """Operate one course widget in the page and read what it shows.

    Parameters
    ----------
    page : playwright Page
    spec : tests.browser.widgets.WidgetSpec
    index : int
        Position of the widget among the notebook's ``cloudsec-widget``
        containers, counted from 0.
    notebook : NotebookPage, optional
        When given, failure messages quote its log console, where errors
        raised in widget callbacks go.
    """

    def __init__(self, page, spec, index: int,
                 notebook: NotebookPage | None = None):
        self.page = page
        self.notebook = notebook
        self.spec = spec
        self.index = index
        self.label = f"{spec.notebook}, widget {index + 1} (.{spec.css})"
        self.container = page.locator(
            f".jp-NotebookPanel:not(.lm-mod-hidden) .{WIDGET_CLASS}").nth(index)
        self.readout = self.container.locator(f".{spec.readout}")
        # the widget a failure report screenshots (see conftest.py)
        page.cloudsec_widget = self.container
        self.figure = self.container.locator(
            f"img.{spec.figure}, .{spec.figure} img").first

    def diagnosis(self) -> str:
        """What the log console says, if anything, to add to a failure."""
        if self.notebook is None or not self.notebook.log_console_count():
            return ""
        return ("\nJupyterLab's log console (errors raised in widget callbacks) "
                f"ends:\n{self.notebook.log_console_text()}")

    def classes(self) -> list[str]:
        """CSS classes of the container."""
        return (self.container.get_attribute("class") or "").split()

    def readout_text(self) -> str:
        """The readout as a reader sees it."""
        return self.readout.inner_text()

    def figure_src(self) -> str:
        """The figure's current ``src`` (a new blob URL on every redraw)."""
        return self.figure.get_attribute("src") or ""

    def figure_alt(self) -> str:
        """The figure's text alternative (its ``alt``)."""
        return self.figure.get_attribute("alt") or ""

    def assert_alt_matches_readout(self, when: str) -> None:
        """Fail unless the figure has a text alternative that the readout
        says too (both from the widget's ``describe``), and the readout is a
        polite live region."""
        alt = " ".join(self.figure_alt().split())
        said = " ".join(self.readout_text().split())
        assert alt, f"{self.label}, {when}: the figure has no text alternative"
        assert alt in said, (
            f"{self.label}, {when}: expected the readout to say what the "
            f"figure's alt says, {alt!r}, but it says {said!r}")
        assert self.readout.get_attribute("aria-live") == "polite", (
            f"{self.label}, {when}: expected the readout to be a polite live "
            "region (aria-live=polite on the readout itself, which stays)")
        wrong = self.container.evaluate(
            "el => [...el.querySelectorAll('.widget-toggle-button')]"
            ".filter(b => b.getAttribute('aria-pressed') !== "
            "String(b.classList.contains('mod-active')))"
            ".map(b => b.textContent.trim())")
        assert not wrong, (
            f"{self.label}, {when}: these toggle buttons do not say whether "
            f"they are pressed (aria-pressed): {wrong}")

    def has_focus(self) -> bool:
        """Whether the keyboard focus is inside the widget."""
        return self.container.evaluate(
            "el => el.contains(document.activeElement)")

    def focus_ring(self) -> tuple[float, str]:
        """Width (px) and colour of the focused element's outline, as drawn
        (``(0, "")`` when it has none)."""
        return tuple(self.page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement); "
            "return s.outlineStyle === 'none' ? [0, ''] : "
            "[parseFloat(s.outlineWidth), s.outlineColor]; }"))

    def focused(self) -> str:
        """What has the focus, for a failure message."""
        return self.page.evaluate(
            "() => { const e = document.activeElement; return e ? "
            "`${e.tagName.toLowerCase()}.${[...e.classList].join('.')}` "
            "+ ` \"${(e.textContent || '').trim().slice(0, 40)}\"` : 'nothing'; }")

    def figure_loaded(self) -> bool:
        """Whether the figure's current image has been decoded."""
        return self.figure.evaluate("img => img.complete && img.naturalWidth > 0")

    def wait_for_readout(self, expected: list[str], when: str,
                         timeout: float = 15) -> str:
        """Wait until the readout contains every string in ``expected``."""
        def missing():
            text = self.readout_text()
            return [part for part in expected if part not in text], text

        wait_until(lambda: not missing()[0], timeout,
                   lambda: f"{self.label}, {when}: expected the readout to "
                   f"contain {missing()[0]!r}, but it says {missing()[1]!r}"
                   + self.diagnosis())
        return self.readout_text()

    def wait_for_new_figure(self, old_src: str, when: str,
                            timeout: float = 15) -> None:
        """Wait until the figure shows a new, fully loaded image."""
        wait_until(lambda: self.figure_src() != old_src and self.figure_loaded(),
                   timeout,
                   lambda: f"{self.label}, {when}: expected a new figure, but "
                   "the image was not redrawn (src unchanged"
                   f"{'' if self.figure_src() == old_src else ' or not loaded'})"
                   + self.diagnosis())
