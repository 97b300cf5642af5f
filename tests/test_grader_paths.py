"""Instructor-side code lives under cloudsec.grader; the old paths still work.

Deployed configurations name the exchange classes by their old path
(``/etc/cloudsec/jupyter/nbgrader_config.py`` written by an older
classroom/setup-shared-machine.sh says ``cloudsec.classroom.TrustedSubmit``),
and notes say ``python -m cloudsec.report``: both must keep loading the very
same code.
"""

import re
import subprocess
import sys
import tomllib

from traitlets.utils.importstring import import_item

from cloudsec.grader import exchange, report

from helpers import ROOT

OLD_NAMES = {
    "cloudsec.classroom.TrustedSubmit": exchange.TrustedSubmit,
    "cloudsec.classroom.TrustedCollect": exchange.TrustedCollect,
    "cloudsec.classroom.arrival_time": exchange.arrival_time,
    "cloudsec.report.main": report.main,
    "cloudsec.report.analyse": report.analyse,
    "cloudsec.report.render_html": report.render_html,
}
CONFIGS = ["nbgrader_config.py", "classroom/setup-shared-machine.sh",
           "classroom/jupyterhub_config.py"]


def test_old_import_paths_load_the_same_objects():
    for name, obj in OLD_NAMES.items():
        # nbgrader's ExchangeFactory resolves its settings with import_item
        assert import_item(name) is obj, name


def test_nbgrader_exchange_factory_accepts_the_old_names():
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config import Config

    config = Config()
    config.ExchangeFactory.submit = "cloudsec.classroom.TrustedSubmit"
    config.ExchangeFactory.collect = "cloudsec.classroom.TrustedCollect"
    factory = ExchangeFactory(config=config)
    assert factory.submit is exchange.TrustedSubmit
    assert factory.collect is exchange.TrustedCollect


def test_every_exchange_class_named_in_a_configuration_imports():
    for path in CONFIGS:
        for name in re.findall(r"cloudsec(?:\.\w+)+\.Trusted\w+",
                               (ROOT / path).read_text()):
            assert import_item(name).__module__ == "cloudsec.grader.exchange", (
                path, name)


def test_command_line_entry_points_resolve():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "project"]["scripts"]
    for command, target in scripts.items():
        module, func = target.split(":")
        assert callable(import_item(f"{module}.{func}")), command
    assert scripts["cloudsec-report"] == "cloudsec.grader.report:main"


def test_python_dash_m_old_report_module_still_runs():
    out = subprocess.run([sys.executable, "-m", "cloudsec.report", "--help"],
                         capture_output=True, text=True, timeout=120, check=True)
    assert "cloudsec-report" in out.stdout and "--canvas" in out.stdout
