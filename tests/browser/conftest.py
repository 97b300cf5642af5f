"""Fixtures for the browser tests: one JupyterLab and one Chromium per session,
a fresh page per test, and a screenshot plus logs for every failure.

The tests fail (they are never skipped) when Chromium is missing: a suite
that passes without looking at the widgets would prove nothing. Every test
module here sets ``pytestmark = pytest.mark.browser``, so ``-m "not browser"``
leaves them out on purpose.
"""

from __future__ import annotations

import re

import pytest

from .harness import ARTIFACTS, ChromiumMissing, Lab, chromium_path, launch_chromium

VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; fails every browser test if there is none."""
    try:
        return chromium_path()
    except ChromiumMissing as exc:
        missing = str(exc)
    pytest.fail(missing, pytrace=False)


@pytest.fixture(scope="session")
def lab(chromium, tmp_path_factory):
    """JupyterLab serving a temporary copy of the course, with the assignment
    released into a temporary nbgrader exchange."""
    server = Lab(tmp_path_factory.mktemp("lab"))
    try:
        server.prepare()
        server.start()
        yield server
    except BaseException:
        _save_log(server, "jupyterlab-startup")
        raise
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium):
    """Headless Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chrome = launch_chromium(playwright)
        yield chrome
        chrome.close()


@pytest.fixture
def page(browser, lab, request):
    """A new browser page (own cookies and storage) for one test.

    What the page logs to its console is kept for the failure report; the
    test's kernels are stopped afterwards.
    """
    _remove_artifacts(request.node)
    context = browser.new_context(viewport=VIEWPORT)
    # no single Playwright action should take long; the waits that may
    # (kernel start, Run All, Validate) set their own bounds
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.cloudsec_console = []
    tab.on("console", lambda msg: tab.cloudsec_console.append(
        f"[{msg.type}] {msg.text}"))
    tab.on("pageerror", lambda err: tab.cloudsec_console.append(
        f"[pageerror] {err}"))
    yield tab
    context.close()
    lab.shutdown_kernels()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """On a failure, save what the page showed and what the server logged
    (while the page is still open) and say where in the report."""
    report = yield
    if report.failed and report.when in ("setup", "call"):
        saved = _save_artifacts(item)
        if saved:
            report.sections.append(
                ("browser artifacts", "\n".join(str(p) for p in saved)))
    return report


def _artifact_stem(item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name).strip("-")


def _remove_artifacts(item) -> None:
    for old in ARTIFACTS.glob(f"{_artifact_stem(item)}.*"):
        old.unlink()


def _save_artifacts(item) -> list:
    stem = _artifact_stem(item)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    tab = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if tab is not None and not tab.is_closed():
        shot = ARTIFACTS / f"{stem}.png"
        try:
            tab.screenshot(path=str(shot), timeout=15_000)
            saved.append(shot)
        except Exception as exc:  # report it, do not mask the failure
            saved.append(f"(no screenshot: {exc})")
        widget = getattr(tab, "cloudsec_widget", None)
        if widget is not None:
            # the whole widget (controls, figure, readout), however tall
            shot = ARTIFACTS / f"{stem}.widget.png"
            try:
                widget.screenshot(path=str(shot), timeout=15_000)
                saved.append(shot)
            except Exception as exc:  # report it, do not mask the failure
                saved.append(f"(no widget screenshot: {exc})")
        console = ARTIFACTS / f"{stem}.console.txt"
        console.write_text("\n".join(getattr(tab, "cloudsec_console", [])) + "\n")
        saved.append(console)
    server = item.funcargs.get("lab") if hasattr(item, "funcargs") else None
    if server is not None:
        saved.append(_save_log(server, stem))
    return saved


def _save_log(server: Lab, stem: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{stem}.jupyterlab.log"
    target.write_text(server.log_text())
    return target
