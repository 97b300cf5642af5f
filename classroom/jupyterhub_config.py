"""JupyterHub for one class of "Securing What You Cannot Touch" on one Linux server.

Run as root (it starts every user's server as that user's Unix account):

    CLOUDSEC_INSTRUCTORS=alice CLOUDSEC_STUDENTS=bob,carol,dan \\
        jupyterhub -f classroom/jupyterhub_config.py

What it sets up
---------------
- Users are Unix accounts on this machine; each gets their own JupyterLab
  (LocalProcessSpawner), started as that account, in their home directory.
  Make homes mode 0700 (Debian's `useradd -m` makes them 0755, which lets
  students read each other's work and the instructor's source/ and gradebook).
- The course service: a hub-managed JupyterLab running as the first instructor,
  in the course directory, at /services/<course>/ (the formgrader lives at
  /services/<course>/formgrader). Only the group formgrade-<course> may open it.
  Open it in its own browser tab: since JupyterHub 4.1 the hub forbids framing,
  so the formgrader panel embedded in a student-style Lab stays blank.
- Groups formgrade-<course> (instructors and graders) and nbgrader-<course>
  (students). nbgrader's JupyterHubAuthPlugin reads them to decide which
  courses a student sees in the Assignments tab.
- Students may use only their own server (the default `user` role, `self`).
- The nbgrader exchange: a folder on this machine, mode 1777 (world-writable
  *and* sticky, so no student can rename or delete another's files), with
  the course's inbound folder private to the instructors (Unix group
  <course>-instructors, mode 3733) and the course's TrustedSubmit and
  TrustedCollect: a student cannot list, read, rename or plant another's
  submission, and lateness comes from when a submission arrived, never from
  the student's timestamp.txt (same as classroom/setup-shared-machine.sh).
- Everything listens on 127.0.0.1 only. Publish it with a TLS reverse proxy
  (nginx, Caddy, Apache) in front of CLOUDSEC_HUB_PORT.

Settings (environment variables; defaults in brackets)
------------------------------------------------------
CLOUDSEC_INSTRUCTORS   Unix accounts of instructors and graders, comma or space
                       separated; the first one runs the course service and owns
                       the course directory (required)
CLOUDSEC_STUDENTS      Unix accounts of the students, comma or space separated
                       (for a roster file: "$(paste -sd, roster.txt)")
CLOUDSEC_HUB_ADMINS    hub administrators (admin panel, any server) [none]
CLOUDSEC_COURSE_ID     nbgrader course id [cloudsec-d3]
CLOUDSEC_COURSE_DIR    the course directory: a copy of this repository's
                       nbgrader_config.py, source/ and release/
                       [~<first instructor>/<course id>]
CLOUDSEC_EXCHANGE_ROOT nbgrader's exchange, created mode 1777 if missing
                       [/srv/nbgrader/exchange]
CLOUDSEC_HUB_DIR       the hub's own files (database, cookie secret, the users'
                       generated nbgrader config) [/srv/cloudsec-hub]
CLOUDSEC_USER_VENV     Python environment for users' servers and the course
                       service, readable by every account: a regular (not
                       editable) install of this repository [the hub's own]
CLOUDSEC_HUB_PORT      public port on 127.0.0.1 [8000]
CLOUDSEC_HUB_API_PORT  the hub's internal API port [8081]
CLOUDSEC_PROXY_API_PORT configurable-http-proxy's API port [8001]
CLOUDSEC_SERVICE_PORT  the course service's port [9999]
CLOUDSEC_HUB_TEST      1 = log in with a shared test password instead of the
                       real authenticator (tests only) [0]
CLOUDSEC_HUB_TEST_PASSWORD the test password (at least 8 characters)

Authenticator
-------------
The default is PAMAuthenticator: students log in with their Unix account's
password, the natural choice for a shared Linux machine where accounts already
exist. For a university single sign-on use an OAuth authenticator instead
(`pip install oauthenticator`), e.g.

    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = "..."          # from your identity provider
    c.GenericOAuthenticator.client_secret = "..."      # keep out of version control
    c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.edu/hub/oauth_callback"
    c.GenericOAuthenticator.authorize_url = "https://idp.example.edu/authorize"
    c.GenericOAuthenticator.token_url = "https://idp.example.edu/token"
    c.GenericOAuthenticator.userdata_url = "https://idp.example.edu/userinfo"
    c.GenericOAuthenticator.username_claim = "preferred_username"

With LocalProcessSpawner every SSO user name must still be a Unix account here
(create them beforehand; the allowed-user lists below apply to both).
"""

import os
import pwd
import re
import stat
import sys
from pathlib import Path


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def _names(name: str) -> list[str]:
    return [n for n in re.split(r"[\s,]+", _env(name)) if n]


def _port(name: str, default: int) -> int:
    return int(_env(name, str(default)))


class ClassroomConfigError(SystemExit):
    """A setting that would start a broken or unsafe class: stop with why."""

    def __init__(self, message: str):
        super().__init__(f"classroom/jupyterhub_config.py: {message}")


c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

COURSE_ID = _env("CLOUDSEC_COURSE_ID", "cloudsec-d3")
INSTRUCTORS = _names("CLOUDSEC_INSTRUCTORS")
STUDENTS = _names("CLOUDSEC_STUDENTS")
ADMINS = _names("CLOUDSEC_HUB_ADMINS")
if not INSTRUCTORS:
    raise ClassroomConfigError(
        "set CLOUDSEC_INSTRUCTORS to the instructor's Unix account (the first one "
        "runs the course service)")
GRADER = INSTRUCTORS[0]
try:
    GRADER_HOME = pwd.getpwnam(GRADER).pw_dir
except KeyError:
    raise ClassroomConfigError(f"no Unix account {GRADER!r}") from None

COURSE_DIR = Path(_env("CLOUDSEC_COURSE_DIR", f"{GRADER_HOME}/{COURSE_ID}"))
EXCHANGE_ROOT = Path(_env("CLOUDSEC_EXCHANGE_ROOT", "/srv/nbgrader/exchange"))
HUB_DIR = Path(_env("CLOUDSEC_HUB_DIR", "/srv/cloudsec-hub"))
USER_VENV = Path(_env("CLOUDSEC_USER_VENV", sys.prefix))
HUB_PORT = _port("CLOUDSEC_HUB_PORT", 8000)
HUB_API_PORT = _port("CLOUDSEC_HUB_API_PORT", 8081)
PROXY_API_PORT = _port("CLOUDSEC_PROXY_API_PORT", 8001)
SERVICE_PORT = _port("CLOUDSEC_SERVICE_PORT", 9999)
TEST_MODE = _env("CLOUDSEC_HUB_TEST", "0") == "1"

INSTRUCTOR_GROUP = f"formgrade-{COURSE_ID}"  # nbgrader's naming convention
STUDENT_GROUP = f"nbgrader-{COURSE_ID}"

# ---------------------------------------------------------------------------
# Files on this machine
# ---------------------------------------------------------------------------

if not (COURSE_DIR / "nbgrader_config.py").is_file():
    raise ClassroomConfigError(
        f"{COURSE_DIR}/nbgrader_config.py not found: copy the repository's "
        f"nbgrader_config.py, source/ and release/ there (owned by {GRADER}) or "
        "set CLOUDSEC_COURSE_DIR")
if not (USER_VENV / "bin" / "jupyterhub-singleuser").exists():
    raise ClassroomConfigError(
        f"{USER_VENV} has no jupyterhub-singleuser: set CLOUDSEC_USER_VENV to a "
        "Python environment every account can read, with this course installed")

# The exchange: world-writable with the sticky bit. Without the sticky bit a
# student can rename the course's exchange folder and receive the others'
# submissions.
if not EXCHANGE_ROOT.exists():
    EXCHANGE_ROOT.mkdir(parents=True)
    EXCHANGE_ROOT.chmod(0o1777)
if stat.S_IMODE(EXCHANGE_ROOT.stat().st_mode) != 0o1777:
    raise ClassroomConfigError(
        f"the exchange {EXCHANGE_ROOT} must be mode 1777 (world-writable and "
        f"sticky): chmod 1777 {EXCHANGE_ROOT}")

# The course's folders in the exchange, as on the shared machine
# (classroom/setup-shared-machine.sh): owned by the grader, group
# <course>-instructors (a Unix group of the instructors, which the course
# service runs in). Submissions go to inbound/, mode 3733: anyone may drop a
# submission, nobody but the instructors may list it, and the sticky bit stops
# a student renaming or deleting someone else's. TrustedSubmit makes each
# submission readable by its owner and the instructors only; TrustedCollect
# takes the student from the folder's owner and the time from its arrival.
UNIX_GROUP = f"{COURSE_ID}-instructors"
if os.geteuid() == 0:
    import grp
    import shutil
    import subprocess

    _sbin = "/usr/sbin:/sbin:/usr/bin:/bin"  # the hub's PATH may lack sbin
    try:
        grp.getgrnam(UNIX_GROUP)
    except KeyError:
        subprocess.run([shutil.which("groupadd", path=_sbin), UNIX_GROUP],
                       check=True)
    members = set(grp.getgrnam(UNIX_GROUP).gr_mem)
    for name in INSTRUCTORS:
        if name not in members:
            subprocess.run([shutil.which("usermod", path=_sbin), "-aG", UNIX_GROUP,
                            name], check=True)
    _gid = grp.getgrnam(UNIX_GROUP).gr_gid
    _uid = pwd.getpwnam(GRADER).pw_uid
    for sub, mode in (("", 0o755), ("outbound", 0o755), ("inbound", 0o3733),
                      ("feedback", 0o711)):
        folder = EXCHANGE_ROOT / COURSE_ID / sub
        folder.mkdir(exist_ok=True)
        os.chown(folder, _uid, _gid)
        folder.chmod(mode)

# The hub's secrets stay in a root-only folder; the users' nbgrader config sits
# beside it, readable by all and writable by root only.
STATE_DIR = HUB_DIR / "state"
USERS_CONFIG_DIR = HUB_DIR / "users-config"
SERVICE_CONFIG_DIR = HUB_DIR / "course-service-config"
for folder, mode in ((HUB_DIR, 0o755), (STATE_DIR, 0o700),
                     (USERS_CONFIG_DIR, 0o755), (SERVICE_CONFIG_DIR, 0o755)):
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(mode)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o755)
    path.write_text(text)
    path.chmod(0o644)


_EXCHANGE_CONFIG = f"""\
# The nbgrader exchange of the class (shared folder, mode 1777).
c.Exchange.root = {str(EXCHANGE_ROOT)!r}
# Fetched assignments go to ~/<course>/<assignment>, so two courses on the
# same hub never mix their files.
c.Exchange.path_includes_course = True
# Private, owner-stamped submissions (cloudsec/grader/exchange.py).
c.ExchangeFactory.submit = "cloudsec.grader.exchange.TrustedSubmit"
c.ExchangeFactory.collect = "cloudsec.grader.exchange.TrustedCollect"
"""

# The users' servers: nbgrader finds this through JUPYTER_CONFIG_PATH.
# JupyterHubAuthPlugin is set here and only here: it asks the hub which
# nbgrader-<course> / formgrade-<course> groups the user belongs to, and it
# fails where JUPYTERHUB_USER is unset (as in the course service). It limits
# which courses a student sees; the exchange's file permissions are what
# actually protect submissions.
_write(USERS_CONFIG_DIR / "nbgrader_config.py", f"""\
# Generated by classroom/jupyterhub_config.py at every hub start: edit that file.
from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821
{_EXCHANGE_CONFIG}c.Authenticator.plugin_class = JupyterHubAuthPlugin
""")
# Students see the assignment list and validation, not the instructors' tools.
_write(USERS_CONFIG_DIR / "jupyter_server_config.json", """\
{
  "ServerApp": {
    "jpserver_extensions": {
      "nbgrader.server_extensions.formgrader": false,
      "nbgrader.server_extensions.course_list": false
    }
  }
}
""")
_write(USERS_CONFIG_DIR / "labconfig" / "page_config.json", """\
{
  "disabledExtensions": {
    "@jupyter/nbgrader:formgrader": true,
    "@jupyter/nbgrader:create-assignment": true,
    "@jupyter/nbgrader:course-list": true
  }
}
""")
# The course service: the course directory's own nbgrader_config.py sets the
# course id and grading; this adds the exchange.
_write(SERVICE_CONFIG_DIR / "nbgrader_config.py", f"""\
# Generated by classroom/jupyterhub_config.py at every hub start: edit that file.
c = get_config()  # noqa: F821
{_EXCHANGE_CONFIG}""")

# ---------------------------------------------------------------------------
# Hub, proxy and database
# ---------------------------------------------------------------------------

c.JupyterHub.bind_url = f"http://127.0.0.1:{HUB_PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{HUB_API_PORT}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
c.JupyterHub.pid_file = str(STATE_DIR / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
# Stop the users' servers and the proxy when the hub stops.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# ---------------------------------------------------------------------------
# Who may log in
# ---------------------------------------------------------------------------

if TEST_MODE:
    password = _env("CLOUDSEC_HUB_TEST_PASSWORD")
    if len(password) < 8:
        raise ClassroomConfigError(
            "CLOUDSEC_HUB_TEST=1 needs CLOUDSEC_HUB_TEST_PASSWORD (8+ characters)")
    try:  # JupyterHub >= 5.3
        from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
    except ImportError:  # JupyterHub 5.0-5.2
        c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
        c.DummyAuthenticator.password = password
    else:
        c.JupyterHub.authenticator_class = SharedPasswordAuthenticator
        c.SharedPasswordAuthenticator.user_password = password
else:
    # Unix account passwords; see the module docstring for university SSO.
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"

# Only the class: nobody else with an account on this machine.
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.admin_users = set(ADMINS)

# ---------------------------------------------------------------------------
# The users' servers
# ---------------------------------------------------------------------------

_PATH = f"{USER_VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin"
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(USER_VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": str(USERS_CONFIG_DIR),
    # nbgrader runs alembic from PATH when it creates a gradebook
    "PATH": _PATH,
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The server's own token: report activity, accept its owner, and read its
# owner's groups (for JupyterHubAuthPlugin). Nothing more.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
]

# ---------------------------------------------------------------------------
# Groups, roles and the course service
# ---------------------------------------------------------------------------

c.JupyterHub.load_groups = {
    INSTRUCTOR_GROUP: {"users": INSTRUCTORS},
    STUDENT_GROUP: {"users": STUDENTS},
}
c.JupyterHub.load_roles = [
    # every user: their own server, tokens and profile, no one else's
    {"name": "user", "scopes": ["self"]},
    {
        "name": f"{COURSE_ID}-instructors",
        "description": f"open the {COURSE_ID} course service (formgrader)",
        "groups": [INSTRUCTOR_GROUP],
        "scopes": [f"access:services!service={COURSE_ID}"],
    },
]
c.JupyterHub.services = [
    {
        "name": COURSE_ID,
        "url": f"http://127.0.0.1:{SERVICE_PORT}",
        "command": [str(USER_VENV / "bin" / "jupyterhub-singleuser"),
                    f"--ServerApp.root_dir={COURSE_DIR}"],
        "user": GRADER,
        "cwd": str(COURSE_DIR),
        "environment": {
            "JUPYTER_CONFIG_PATH": str(SERVICE_CONFIG_DIR),
            "PATH": _PATH,
            "JUPYTERHUB_DEFAULT_URL": "/lab",
        },
        # our own service: no "authorize access" page for instructors
        "oauth_no_confirm": True,
    },
]
