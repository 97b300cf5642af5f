"""Old home of the trusted exchange classes: kept for deployed configurations.

The classes live in :mod:`cloudsec.grader.exchange`. Configurations written
before the move name them here (``/etc/cloudsec/jupyter/nbgrader_config.py``
from ``classroom/setup-shared-machine.sh``, the users' config of
``classroom/jupyterhub_config.py``):
``c.ExchangeFactory.submit = "cloudsec.classroom.TrustedSubmit"`` keeps
working and loads the very same class.
"""

from cloudsec.grader.exchange import (  # noqa: F401 - re-exported
    TIME_FORMAT,
    TrustedCollect,
    TrustedSubmit,
    arrival_time,
)

__all__ = ["TrustedCollect", "TrustedSubmit", "arrival_time"]
