"""The CIS Docker Benchmark version the course cites, as data.

CIS renumbers its Docker Benchmark between versions (the "no privileged
containers" item is 5.4 in older versions and 5.5 in v1.6.0), so the course
cites one version, v1.6.0, everywhere. Its recommendation ids and titles live
in ``data/cis_docker_v1.6.0.yaml``; the tests check that every CIS Docker id
the course uses is one of them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

__all__ = ["DOCKER_VERSION", "docker_benchmark", "docker_item"]

DOCKER_VERSION = "v1.6.0"
"""The one CIS Docker Benchmark version the course cites."""


@cache
def docker_benchmark() -> dict:
    """The cited benchmark: ``version``, ``source``, ``checked`` and
    ``recommendations`` (a dict from id, such as ``"5.32"``, to its title).
    """
    path = resources.files("cloudsec") / "data" / f"cis_docker_{DOCKER_VERSION}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["recommendations"] = {str(k): v for k, v in
                               data["recommendations"].items()}
    return data


def docker_item(item_id: str) -> str:
    """Title of one recommendation of the cited version.

    Raises
    ------
    KeyError
        If the id is not in CIS Docker Benchmark v1.6.0.

    Examples
    --------
    >>> from cloudsec.cis import docker_item
    >>> docker_item("5.32")
    'Ensure that the Docker socket is not mounted inside any containers (Automated)'
    """
    items = docker_benchmark()["recommendations"]
    if item_id not in items:
        raise KeyError(f"{item_id!r} is not an item of CIS Docker Benchmark "
                       f"{DOCKER_VERSION}")
    return items[item_id]
