# The students' nbgrader settings in the course image (JUPYTER_CONFIG_PATH
# /etc/cloudsec/jupyter). The same as the users' config that
# classroom/jupyterhub_config.py writes; tests/test_z2jh.py checks it.
from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821
# The nbgrader exchange of the class (a ReadWriteMany volume).
c.Exchange.root = "/srv/nbgrader/exchange"
# Fetched assignments go to ~/<course>/<assignment>, so two courses on the
# same hub never mix their files.
c.Exchange.path_includes_course = True
# Private, owner-stamped submissions (cloudsec/grader/exchange.py).
c.ExchangeFactory.submit = "cloudsec.grader.exchange.TrustedSubmit"
c.ExchangeFactory.collect = "cloudsec.grader.exchange.TrustedCollect"
c.Authenticator.plugin_class = JupyterHubAuthPlugin
