"""``./course lab`` starts JupyterLab with the course's own setting defaults
(jupyter/lab-settings/overrides.json): no "Would you like to get notified
about official Jupyter news?" pop-up over the widgets, no update checks.

The test starts the real ``./course lab`` (headless, on 127.0.0.1, with
private Jupyter folders so the user's own settings play no part) and asks
the running server for the settings the browser will receive.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import ROOT

PLUGIN = "@jupyterlab/apputils-extension:notification"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lab_settings(tmp_path: Path) -> dict:
    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "JPY_"))}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(tmp_path / name.lower())
    env.update(COURSE_HEADLESS="1", CLOUDSEC_VENV=str(Path(sys.prefix)))
    log = (tmp_path / "lab.log").open("w")
    lab = subprocess.Popen(
        [str(ROOT / "course"), "lab", f"--port={port}",
         f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = (f"http://127.0.0.1:{port}/lab/api/settings/{PLUGIN}?token={token}")
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return json.load(response)
            except (urllib.error.URLError, ConnectionError):
                if lab.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "JupyterLab did not answer:\n"
                        + (tmp_path / "lab.log").read_text()[-3000:]) from None
                time.sleep(0.5)
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
        log.close()


def test_course_lab_turns_news_and_update_checks_off(tmp_path):
    settings = _lab_settings(tmp_path)
    properties = settings["schema"]["properties"]
    # "none" (the upstream default) is what makes JupyterLab ask
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
    # nothing of the user's: the defaults come from the course's file
    assert settings["raw"] in ("{}", "")


def test_the_overrides_name_real_settings():
    overrides = json.loads(
        (ROOT / "jupyter" / "lab-settings" / "overrides.json").read_text())
    schema = json.loads(
        (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab"
         / "apputils-extension" / "notification.json").read_text())
    for key, value in overrides[PLUGIN].items():
        assert key in schema["properties"], key
        prop = schema["properties"][key]
        assert value in prop.get("enum", [value]), (key, value)
