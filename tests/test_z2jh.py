"""The Zero to JupyterHub configuration (classroom/z2jh), checked on paper.

No cluster runs here (kind and k3d need images from outside), so the values
file is validated against the chart's own published values schema (vendored
with the chart version it came from, merged with the chart's defaults as
``helm`` does), and compared with classroom/jupyterhub_config.py, the
single-server hub the classroom test runs for real: the same course service,
groups, roles and students' settings.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from pathlib import Path
from unittest import mock

import jsonschema
import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from helpers import ROOT

CHART_VERSION = "4.4.0"
Z2JH = ROOT / "classroom" / "z2jh"
CHART = Z2JH / f"chart-{CHART_VERSION}"
COURSE = "cloudsec-d3"


def _merge(base: dict, over: dict) -> dict:
    """Deep-merge values as helm does (maps merge, everything else replaces)."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _values() -> dict:
    return yaml.safe_load((Z2JH / "config.yaml").read_text())


def _errors(values: dict) -> list[str]:
    schema = json.loads((CHART / "values.schema.json").read_text())
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(_merge(defaults, values))]


def test_vendored_schema_records_its_chart_version():
    source = (CHART / "SOURCE.md").read_text()
    assert f"tag `{CHART_VERSION}`" in source
    assert re.search(r"commit [0-9a-f]{40}", source)
    assert f"--version {CHART_VERSION}" in (Z2JH / "config.yaml").read_text()
    assert CHART_VERSION in (Z2JH / "README.md").read_text()


def test_values_file_is_valid_for_the_chart():
    assert _errors(_values()) == []


def test_schema_check_catches_a_mistake():
    """The check is strict: a misspelt key or a wrong type is refused."""
    bad = _values()
    bad["singleuser"]["defaultURL"] = "/lab"
    assert any("defaultURL" in e for e in _errors(bad))
    bad = _values()
    bad["singleuser"]["storage"]["type"] = "nfs"
    assert any("storage.type" in e for e in _errors(bad))


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """Load classroom/jupyterhub_config.py as JupyterHub would."""
    import pwd

    base = tmp_path_factory.mktemp("hub")
    course = base / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    env = {"CLOUDSEC_INSTRUCTORS": pwd.getpwuid(os.getuid()).pw_name,
           "CLOUDSEC_STUDENTS": "ben,cai",
        "CLOUDSEC_COURSE_DIR": str(course), "CLOUDSEC_EXCHANGE_ROOT": str(exchange),
        "CLOUDSEC_HUB_DIR": str(base / "hub"), "CLOUDSEC_USER_VENV": sys.prefix}
    c = Config()
    path = ROOT / "classroom" / "jupyterhub_config.py"
    # as a user: the config creates the instructors' Unix group only as root
    with mock.patch.dict("os.environ", env), mock.patch("os.geteuid",
                                                         return_value=1000):
        exec(compile(path.read_text(), str(path), "exec"),
             {"get_config": lambda: c, "__file__": str(path)})
    return c, base / "hub"


def _nbgrader_settings(path: Path) -> dict:
    loaded = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    out = {}
    for section in ("Exchange", "ExchangeFactory", "Authenticator", "CourseDirectory"):
        for key, value in loaded.get(section, {}).items():
            out[f"{section}.{key}"] = value if isinstance(value, str | bool) else \
                getattr(value, "__name__", repr(value))
    return out


def test_same_groups_and_roles_as_the_single_server_hub(hub):
    c, _ = hub
    values = _values()
    z_groups = values["hub"]["config"]["JupyterHub"]["load_groups"]
    assert set(z_groups) == set(c.JupyterHub.load_groups) == {
        f"formgrade-{COURSE}", f"nbgrader-{COURSE}"}
    z_roles = values["hub"]["loadRoles"]
    for role in c.JupyterHub.load_roles:
        z_role = z_roles[role["name"]]
        assert z_role["scopes"] == role["scopes"], role["name"]
        assert z_role.get("groups", []) == role.get("groups", []), role["name"]
    assert set(z_roles) == {r["name"] for r in c.JupyterHub.load_roles}
    # the allowed users are exactly the groups' members
    members = {u for g in z_groups.values() for u in g["users"]}
    assert set(values["hub"]["config"]["Authenticator"]["allowed_users"]) == members


def test_same_course_service(hub):
    c, _ = hub
    (service,) = c.JupyterHub.services
    z_services = _values()["hub"]["services"]
    assert set(z_services) == {service["name"]} == {COURSE}
    assert z_services[COURSE]["oauth_no_confirm"] is service["oauth_no_confirm"]
    manifests = list(yaml.safe_load_all((Z2JH / "course-service.yaml").read_text()))
    deployment = next(m for m in manifests if m["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"] == COURSE
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == f"/services/{COURSE}/"
    assert env["JUPYTERHUB_DEFAULT_URL"] == service["environment"][
        "JUPYTERHUB_DEFAULT_URL"]
    kube_service = next(m for m in manifests if m["kind"] == "Service")
    port = kube_service["spec"]["ports"][0]["port"]
    assert z_services[COURSE]["url"] == \
        f"http://{kube_service['metadata']['name']}:{port}"


def test_same_students_settings(hub):
    c, hub_dir = hub
    values = _values()
    assert values["singleuser"]["defaultUrl"] == c.Spawner.default_url
    users = hub_dir / "users-config"
    image = Z2JH / "jupyter"
    ours, theirs = _nbgrader_settings(image / "nbgrader_config.py"), \
        _nbgrader_settings(users / "nbgrader_config.py")
    exchange_root = theirs.pop("Exchange.root")
    assert ours.pop("Exchange.root") == "/srv/nbgrader/exchange" != exchange_root
    assert ours == theirs
    assert ours["ExchangeFactory.submit"] == "cloudsec.grader.exchange.TrustedSubmit"
    for name in ("jupyter_server_config.json", "labconfig/page_config.json"):
        assert json.loads((image / name).read_text()) == json.loads(
            (users / name).read_text()), name
    assert values["singleuser"]["extraEnv"]["JUPYTER_CONFIG_PATH"] == \
        "/etc/cloudsec/jupyter"
    assert "COPY classroom/z2jh/jupyter/ /etc/cloudsec/jupyter/" in (
        Z2JH / "Dockerfile").read_text()
    assert "pip install --no-cache-dir /opt/cloudsec-src" in (
        Z2JH / "Dockerfile").read_text()


def test_exchange_is_shared_private_and_on_postgresql(hub):
    c, hub_dir = hub
    values = _values()
    manifests = list(yaml.safe_load_all((Z2JH / "course-service.yaml").read_text()))
    claims = {m["metadata"]["name"]: m for m in manifests
              if m["kind"] == "PersistentVolumeClaim"}
    assert claims["cloudsec-exchange"]["spec"]["accessModes"] == ["ReadWriteMany"]
    storage = values["singleuser"]["storage"]
    (volume,) = storage["extraVolumes"]
    assert volume["persistentVolumeClaim"]["claimName"] == "cloudsec-exchange"
    assert storage["extraVolumeMounts"][0]["mountPath"] == "/srv/nbgrader/exchange"
    config = next(m for m in manifests if m["kind"] == "ConfigMap")["data"]
    assert 'c.CourseDirectory.db_url = os.environ["CLOUDSEC_GRADEBOOK_URL"]' in \
        config["nbgrader_config.py"]
    secret = next(m for m in manifests if m["kind"] == "Secret")
    assert secret["stringData"]["gradebook-url"].startswith("postgresql://")
    # inbound: the same mode as on the single server (mode 3733, sticky)
    init = next(m for m in manifests if m["kind"] == "Deployment")["spec"][
        "template"]["spec"]["initContainers"][0]["args"][0]
    assert "-m 3733 /srv/nbgrader/exchange/cloudsec-d3/inbound" in init
    assert '("inbound", 0o3733)' in (ROOT / "classroom" /
                                     "jupyterhub_config.py").read_text()


def test_every_user_has_a_uid_of_their_own():
    values = _values()
    roster = values["hub"]["extraFiles"]["roster"]["data"]
    users = set(values["hub"]["config"]["Authenticator"]["allowed_users"])
    assert set(roster["uids"]) == users
    assert len(set(roster["uids"].values())) == len(users), "uids must be unique"
    assert "c.KubeSpawner.uid = _uid" in values["hub"]["extraConfig"]["cloudsec-uids"]
    config = next(m for m in yaml.safe_load_all(
        (Z2JH / "course-service.yaml").read_text()) if m["kind"] == "ConfigMap")
    passwd = {line.split(":")[0]: int(line.split(":")[2])
              for line in config["data"]["passwd"].splitlines()}
    assert {u: passwd[u] for u in users} == roster["uids"]
    instructors = values["hub"]["config"]["JupyterHub"]["load_groups"][
        f"formgrade-{COURSE}"]["users"]
    group = next(line for line in config["data"]["group"].splitlines()
                 if line.startswith(f"{COURSE}-instructors:"))
    assert int(group.split(":")[2]) == roster["instructors_gid"]
    assert set(group.split(":")[3].split(",")) == set(instructors)
