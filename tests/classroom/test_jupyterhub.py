"""The class on JupyterHub, end to end, over HTTP as its users would drive it.

A real hub (classroom/jupyterhub_config.py, configurable-http-proxy, one server
per Unix account, the course service running as the instructor) on 127.0.0.1.
Each user is a `requests` session that logs in through /hub/login. The
instructor generates and releases ps03 through the formgrader's API, the
students fetch it, answer it through the contents API and submit through
nbgrader's assignment-list API, the instructor collects, autogrades (in the
sandbox, user-namespace mode since the instructor is not root), generates and
releases feedback, and the students fetch it. Scores come from the gradebook.
Students must not reach the formgrader or another student's server.

ps03 has per-student variants (issue 16): each student's kernel, started
through the hub, runs the fetched notebook's setup cell and prints that
student's own variant (the course takes the id from JUPYTERHUB_USER, which
here is also the Unix account); the grader grades each submission against
the variant of its submission folder's student; dan, who submits ana's
answers (another variant), scores what they are worth on his own variant and
is flagged.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ipaddress
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import requests
from nbgrader.api import Gradebook

from . import variant_checks as vc
from .accounts import ROOT, accounts, require, run_as, shared_venv
from submissions import build_submission, load_sample, solution_cells

pytestmark = pytest.mark.classroom

COURSE = "cloudsec-d3"
AID = "ps03-shared-responsibility"
SERVICE = f"/services/{COURSE}"
ARTIFACTS = ROOT / "test-artifacts" / "classroom"
HTTP_TIMEOUT = (10, 120)  # connect, read: one request
GRADE_TIMEOUT = (10, 600)  # autograde of one submission in the sandbox


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(what: str, check, timeout: float, hub: subprocess.Popen | None = None):
    """Poll ``check`` until it returns a true value; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if hub is not None and hub.poll() is not None:
            raise AssertionError(f"the hub exited ({hub.returncode}) while "
                                 f"waiting for {what}")
        try:
            value = check()
        except requests.RequestException as exc:
            value, last = None, exc
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}"
                         + (f" (last error: {last})" if last else ""))


class User:
    """One person with a browser-like session (cookies, XSRF tokens)."""

    def __init__(self, name: str, base: str, password: str):
        self.name = name
        self.base = base
        self.password = password
        self.http = requests.Session()

    def _xsrf(self, path: str) -> str:
        """The _xsrf cookie for the most specific path that covers ``path``
        (the hub, each server and the service set their own)."""
        best = None
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path) and (
                    best is None or len(cookie.path) > len(best.path)):
                best = cookie
        return best.value if best else ""

    def get(self, path: str, **kw) -> requests.Response:
        """Navigate to a page (following the hub's OAuth redirects)."""
        kw.setdefault("timeout", HTTP_TIMEOUT)
        return self.http.get(self.base + path, **kw)

    def send(self, method: str, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", HTTP_TIMEOUT)
        headers = {"X-XSRFToken": self._xsrf(urlparse(self.base + path).path),
                   **kw.pop("headers", {})}
        return self.http.request(method, self.base + path, headers=headers, **kw)

    def json(self, method: str, path: str, **kw):
        r = self.send(method, path, **kw)
        assert r.ok, f"{self.name}: {method} {path} -> {r.status_code}\n{r.text[:3000]}"
        return r.json()

    def login(self) -> None:
        self.get("/hub/login")
        r = self.http.post(self.base + "/hub/login", allow_redirects=False,
                           timeout=HTTP_TIMEOUT,
                           data={"username": self.name, "password": self.password,
                                 "_xsrf": self._xsrf("/hub/login")})
        assert r.status_code == 302, (
            f"{self.name} could not log in: {r.status_code} {r.text[:2000]}")
        # a page view after login gives the session its own hub XSRF token
        self.get("/hub/home")

    def start_server(self) -> None:
        r = self.send("POST", f"/hub/api/users/{self.name}/server")
        assert r.status_code in (201, 202), (
            f"{self.name}: starting the server -> {r.status_code} {r.text[:2000]}")

    def server_ready(self) -> bool:
        model = self.json("GET", f"/hub/api/users/{self.name}")
        return bool(model.get("servers", {}).get("", {}).get("ready"))

    def run_code(self, code: str, timeout: float = 120) -> str:
        """Run ``code`` in a new kernel on the user's own server, over the
        REST and WebSocket APIs as JupyterLab does; return what it printed."""
        import asyncio
        import uuid

        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        prefix = f"/user/{self.name}/api/kernels"
        kernel = self.json("POST", prefix, json={"name": "python3"})
        path = f"{prefix}/{kernel['id']}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies
                            if urlparse(self.base + path).path.startswith(c.path))
        msg_id = uuid.uuid4().hex
        request = {"header": {"msg_id": msg_id, "msg_type": "execute_request",
                              "username": self.name, "session": uuid.uuid4().hex,
                              "version": "5.3"},
                   "parent_header": {}, "metadata": {}, "channel": "shell",
                   "content": {"code": code, "silent": False,
                               "store_history": False, "user_expressions": {},
                               "allow_stdin": False, "stop_on_error": True}}

        async def run() -> str:
            ws_url = self.base.replace("http://", "ws://") + path
            conn = await websocket_connect(HTTPRequest(
                ws_url, headers={"Cookie": cookies}, connect_timeout=30))
            await conn.write_message(json.dumps(request))
            out = []
            while True:
                raw = await asyncio.wait_for(conn.read_message(), timeout)
                assert raw is not None, f"{self.name}: the kernel hung up"
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "stream":
                    out.append(msg["content"]["text"])
                elif kind == "error":
                    out.append("\n".join(msg["content"]["traceback"]))
                elif kind == "status" and msg["content"]["execution_state"] == \
                        "idle":
                    conn.close()
                    return "".join(out)

        try:
            # in a thread of its own: an earlier test (Playwright's sync API)
            # may have left an event loop running in this one
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                return pool.submit(asyncio.run, run()).result()
        finally:
            self.send("DELETE", f"{prefix}/{kernel['id']}")

    # nbgrader's assignment-list server extension, on the user's own server
    def assignments(self, action: str | None = None) -> list[dict]:
        prefix = f"/user/{self.name}/assignments"
        if action is None:
            out = self.json("GET", prefix, params={"course_id": COURSE})
        else:
            out = self.json("POST", f"{prefix}/{action}",
                            data={"course_id": COURSE, "assignment_id": AID})
        assert out.get("success"), f"{self.name}: {action or 'list'}: {out}"
        return out["value"]


def _formgrader(user: User, action: str, student: str | None = None,
                timeout=HTTP_TIMEOUT) -> dict:
    """POST to the formgrader's API in the course service."""
    if student is None:
        path = f"{SERVICE}/formgrader/api/assignment/{AID}/{action}"
    else:
        path = f"{SERVICE}/formgrader/api/submission/{AID}/{student}/{action}"
    out = user.json("POST", path, timeout=timeout)
    assert out.get("success"), (f"formgrader {action} {student or ''} failed:\n"
                                f"{out.get('error', '')}\n{out.get('log', '')}")
    return out


def _statuses(listing: list[dict]) -> set[str]:
    return {a["status"] for a in listing if a["assignment_id"] == AID}


def _denied(response: requests.Response) -> bool:
    return response.status_code == 403


def _chain(response: requests.Response) -> str:
    hops = [*response.history, response]
    return " -> ".join(f"{r.status_code} {urlparse(r.url).path}" for r in hops)


# -- processes -------------------------------------------------------------

def _proc_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, start time) for every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            table[int(entry.name)] = (int(fields[1]), fields[19])
    return table


def _descendants(pid: int) -> dict[int, str]:
    """pid -> start time of every process below ``pid`` (the proxy, servers,
    the service and their kernels run in sessions of their own)."""
    table = _proc_table()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, start) in table.items():
            if ppid == parent and child not in found:
                found[child] = start
                todo.append(child)
    return found


def _address(hexaddr: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address,
                                      int]:
    """Decode /proc/net/tcp's local address (host byte order per 32 bits)."""
    host, port = hexaddr.split(":")
    raw = bytes.fromhex(host)
    raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(raw), int(port, 16)


def _listening(pids) -> list[tuple]:
    """(address, port) of every TCP socket these processes listen on."""
    inodes = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(fd)
                    if target.startswith("socket:["):
                        inodes.add(target[len("socket:["):-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.append(_address(fields[1]))
    return found


def _stop(hub: subprocess.Popen) -> None:
    """Stop the hub gracefully (it stops the servers, the service and the
    proxy), then kill every process group it started that is still there."""
    started = {hub.pid: _proc_table().get(hub.pid, (0, ""))[1],
               **_descendants(hub.pid)}
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            hub.wait(timeout=30)
    ours = os.getpgid(0)
    for pid, start in started.items():
        if _proc_table().get(pid, (0, None))[1] != start:
            continue  # gone, or the pid now belongs to another process
        with contextlib.suppress(ProcessLookupError):
            group = os.getpgid(pid)
            if group != ours:
                os.killpg(group, signal.SIGKILL)
    if hub.poll() is None:
        hub.kill()
    hub.wait(timeout=10)


# -- the test --------------------------------------------------------------

def test_class_runs_on_jupyterhub():
    require(root=True, tools=("configurable-http-proxy", "npm", "bwrap"))
    venv = shared_venv("test")
    source_nb = nbformat.read(ROOT / "source" / AID / f"{AID}.ipynb", as_version=4)
    patches = load_sample(AID, "provider_patches_iaas")
    password = secrets.token_urlsafe(16)

    base = Path(tempfile.mkdtemp(prefix="cloudsec-hub-"))
    base.chmod(0o755)  # the exchange inside must be reachable by every account
    try:
        # names of their own: other classroom tests may run at the same time
        with accounts("hub-prof", "hub-ana", "hub-ben", "hub-cai",
                      "hub-dan") as names:
            _run_class(base, venv, names, source_nb, patches, password)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _service_page(user: User):
    r = user.get(f"{SERVICE}/formgrader/")
    return r if r.status_code == 200 else None


def _run_class(base, venv, names, source_nb, patches, password):
    prof, ana, ben, cai, dan = names
    hub = None
    log_path = base / "jupyterhub.log"
    failed = True
    try:
        exchange = base / "exchange"
        exchange.mkdir()
        exchange.chmod(0o1777)
        home = Path(pwd.getpwnam(prof).pw_dir)
        course = home / COURSE
        course.mkdir()
        shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(ROOT / "source", course / "source")
        shutil.copytree(ROOT / "release", course / "release")
        subprocess.run(["chown", "-R", f"{prof}:{prof}", str(course)],
                       check=True, timeout=60)

        port = _free_port()
        proxy_dir = Path(shutil.which("configurable-http-proxy")).parent
        env = {
            "PATH": f"{venv}/bin:{proxy_dir}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8", "HOME": "/root",
            "CLOUDSEC_HUB_TEST": "1", "CLOUDSEC_HUB_TEST_PASSWORD": password,
            "CLOUDSEC_INSTRUCTORS": prof,
            "CLOUDSEC_STUDENTS": f"{ana},{ben},{cai},{dan}",
            "CLOUDSEC_COURSE_DIR": str(course),
            "CLOUDSEC_EXCHANGE_ROOT": str(exchange),
            "CLOUDSEC_HUB_DIR": str(base / "hub"),
            "CLOUDSEC_USER_VENV": str(venv),
            "CLOUDSEC_HUB_PORT": str(port),
            "CLOUDSEC_HUB_API_PORT": str(_free_port()),
            "CLOUDSEC_PROXY_API_PORT": str(_free_port()),
            "CLOUDSEC_SERVICE_PORT": str(_free_port()),
        }
        with open(log_path, "wb") as log:
            hub = subprocess.Popen(
                [str(venv / "bin" / "jupyterhub"), "-f",
                 str(ROOT / "classroom" / "jupyterhub_config.py")],
                cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait("the hub", lambda: requests.get(f"{url}/hub/api", timeout=5).ok,
              120, hub)

        teacher = User(prof, url, password)
        students = {name: User(name, url, password)
                    for name in (ana, ben, cai, dan)}
        for user in (teacher, *students.values()):
            user.login()

        # the students start their servers (in parallel, as a class would)
        for student in students.values():
            student.start_server()

        # -- the instructor releases ps03 through the formgrader ---------
        page = _wait("the course service", lambda: _service_page(teacher), 120,
                     hub)
        assert "formgrader" in page.text.lower(), _chain(page)
        _formgrader(teacher, "assign")  # generate_assignment
        _formgrader(teacher, "release")

        for student in students.values():
            _wait(f"{student.name}'s server", student.server_ready, 180, hub)
            r = student.get(f"/user/{student.name}/lab")
            assert r.status_code == 200, _chain(r)

        # -- everything listens on the loopback interface only --------------
        sockets = _listening([hub.pid, *_descendants(hub.pid)])
        # the proxy (public and API ports), the hub's API, the course service
        # and four students' servers
        assert len(sockets) >= 7, sockets
        exposed = [f"{ip}:{p}" for ip, p in sockets if not ip.is_loopback]
        assert not exposed, f"listening beyond 127.0.0.1: {exposed}"

        # -- access control ----------------------------------------------
        s_ana, s_ben = students[ana], students[ben]
        assert s_ana.get(f"/user/{ana}/api/contents").status_code == 200
        r = s_ana.get(f"{SERVICE}/formgrader/")
        assert _denied(r), (f"a student reached the formgrader: {_chain(r)}\n"
                            f"{r.text[:500]}")
        r = s_ana.get(f"{SERVICE}/formgrader/api/submissions/{AID}")
        assert _denied(r), f"a student read the gradebook API: {_chain(r)}"
        r = s_ana.get(f"/user/{ben}/api/contents")
        assert _denied(r), (f"{ana} reached {ben}'s server: {_chain(r)}\n"
                            f"{r.text[:500]}")
        r = s_ana.send("GET", "/hub/api/users")
        assert _denied(r), f"a student listed the hub's users: {r.status_code}"
        # the users' generated config reached their servers: no formgrader there
        r = s_ana.get(f"/user/{ana}/formgrader/api/status")
        assert r.status_code == 404, (
            f"students' servers still load the formgrader: {_chain(r)}")
        assert s_ben.get(f"/user/{ben}/api/contents").status_code == 200

        # -- students fetch, answer and submit -----------------------------
        full = solution_cells(source_nb)
        # variants: dan copies ana's answers, and ana's variant is not his
        assigned = {name: vc.variant(name) for name in students}
        assert len(set(assigned.values())) >= 2, assigned
        assert assigned[dan] != assigned[ana], assigned
        copied = vc.copied_worth(assigned[ana], assigned[dan], vc.points(source_nb))
        answers = {ana: full, ben: None, cai: patches.CELLS,
                   dan: vc.copied_cells(full, assigned[ana])}
        expected = {ana: 18, ben: 0, cai: sum(patches.EXPECTED.values()),
                    dan: sum(copied.values())}
        assert 0 < expected[cai] < 18 and 0 < expected[dan] < 18
        nb_path = f"{COURSE}/{AID}/{AID}.ipynb"
        for name, student in students.items():
            assert "released" in _statuses(student.assignments()), name
            assert "fetched" in _statuses(student.assignments("fetch")), (
                f"{name} could not fetch {AID}")
            contents = f"/user/{name}/api/contents/{nb_path}"
            model = student.json("GET", contents, params={"content": "1"})
            # the setup cell of the fetched notebook, in a kernel the hub
            # started for this user, loads this user's own variant
            setup = vc.setup_cell(nbformat.from_dict(model["content"]))
            shown = student.run_code(
                "import getpass, os\n"
                f"os.chdir(os.path.expanduser({'~/' + COURSE + '/' + AID!r}))\n"
                f"{setup}\n"
                "print('WHO', os.environ.get('JUPYTERHUB_USER'), getpass.getuser())")
            assert vc.shown_variant(shown) == (assigned[name], vc.pool()), shown
            assert f"WHO {name} {name}" in shown, shown
            if answers[name] is not None:
                nb = build_submission(nbformat.from_dict(model["content"]),
                                      answers[name])
                student.json("PUT", contents, json={
                    "type": "notebook", "format": "json", "content": nb})
            listing = student.assignments("submit")
            assert "submitted" in _statuses(listing), f"{name}: {listing}"

        # -- trusted submit: private, owner-stamped submissions ------------
        inbound = exchange / COURSE / "inbound"
        assert stat.S_IMODE(inbound.stat().st_mode) == 0o3733, oct(
            inbound.stat().st_mode)
        ben_dir = next(p for p in inbound.iterdir() if p.name.startswith(ben))
        planted = f"{ben}+{AID}+2099-01-01 00:00:00.000000 UTC+x"
        solution_nb = nbformat.writes(build_submission(nbformat.read(
            ROOT / "release" / AID / f"{AID}.ipynb", as_version=4), full))
        attack = s_ana.run_code(f"""
import json, os
inbound, ben_dir = {str(inbound)!r}, {str(ben_dir)!r}
result = {{}}
def attempt(name, action):
    try:
        action()
        result[name] = "allowed"
    except OSError as exc:
        result[name] = type(exc).__name__
attempt("list", lambda: os.listdir(inbound))
attempt("read", lambda: open(os.path.join(ben_dir, {AID + ".ipynb"!r})).read())
attempt("rename", lambda: os.rename(ben_dir, os.path.join(inbound, "mine")))
attempt("delete", lambda: os.rmdir(ben_dir))
def plant():
    os.mkdir(os.path.join(inbound, {planted!r}))
    with open(os.path.join(inbound, {planted!r}, {AID + ".ipynb"!r}), "w") as f:
        f.write({solution_nb!r})
attempt("plant", plant)
print("RESULT" + json.dumps(result))
""")
        found = json.loads(attack.split("RESULT", 1)[1]) if "RESULT" in attack \
            else attack
        assert found == {"list": "PermissionError", "read": "PermissionError",
                         "rename": "PermissionError", "delete": "PermissionError",
                         "plant": "allowed"}, found
        assert ben_dir.is_dir()
        # the deadline passes; cai resubmits late, then forges an early stamp
        # and folder name from her own kernel
        time.sleep(1.1)
        due = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        run_as(prof, f"nbgrader db assignment add {AID} --duedate='{due} UTC'",
               cwd=str(course), env={"PATH": f"{venv}/bin:/usr/bin:/bin"})
        time.sleep(2)
        assert "submitted" in _statuses(students[cai].assignments("submit"))
        cai_dir = max((p for p in inbound.iterdir() if p.name.startswith(cai)),
                      key=lambda p: p.stat().st_ctime)
        forged = "2000-01-01 00:00:00.000000 UTC"
        forge = students[cai].run_code(f"""
import os
d = {str(cai_dir)!r}
with open(os.path.join(d, "timestamp.txt"), "w") as f:
    f.write({forged!r})
os.rename(d, os.path.join(os.path.dirname(d), {f"{cai}+{AID}+{forged}+zz"!r}))
print("FORGED")
""")
        assert "FORGED" in forge, forge

        # -- the instructor collects, autogrades and returns feedback ------
        _formgrader(teacher, "collect")
        for name in students:
            _formgrader(teacher, "autograde", student=name,
                        timeout=GRADE_TIMEOUT)
        rows = teacher.json("GET", f"{SERVICE}/formgrader/api/submissions/{AID}")
        api_scores = {row["student"]: row["code_score"] for row in rows}
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}",
                       course_id=COURSE) as gb:
            db_scores = {name: gb.find_submission(AID, name).code_score
                         for name in students}
        assert db_scores == expected, (
            f"gradebook scores {db_scores}, expected {expected} (hub log in "
            f"{ARTIFACTS})")
        assert api_scores == expected, api_scores
        # ben's score is his own blank, not the solution planted in his name;
        # cai's lateness comes from arrival, not from her forged stamp
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}",
                       course_id=COURSE) as gb:
            late = {name: gb.find_submission(AID, name).total_seconds_late
                    for name in students}
        assert late[cai] > 0, f"a forged timestamp changed lateness: {late}"
        assert late[ana] == 0 and late[ben] == 0, late
        stamp = (course / "submitted" / cai / AID / "timestamp.txt").read_text()
        assert not stamp.startswith("2000"), stamp
        # graded by the course's grader (sandboxed: it refuses to grade without
        # the sandbox), which records its outcome beside each notebook
        for name in students:
            outcome = course / "autograded" / name / AID / f".cloudsec-{AID}.json"
            assert outcome.exists(), f"no grader outcome for {name}"
        assert '"flagged": false' in (
            course / "autograded" / ana / AID / f".cloudsec-{AID}.json").read_text()
        # each graded against the variant of the submission folder's student
        for name in students:
            outcome = json.loads((course / "autograded" / name / AID /
                                  f".cloudsec-{AID}.json").read_text())
            assert outcome["variant"] == assigned[name], (name, outcome)
            codes = {f["code"] for f in outcome["flags"]}
            assert ("variant_mismatch" in codes) == (name == dan), (name, codes)
            if name == dan:
                detail = next(f["detail"] for f in outcome["flags"]
                              if f["code"] == "variant_mismatch")
                assert detail.startswith(
                    f"answers fit variant {assigned[ana]} "), detail
                assert f"assigned variant {assigned[dan]} " in detail, detail

        _formgrader(teacher, "generate_feedback")
        _formgrader(teacher, "release_feedback")
        for name, student in students.items():
            student.assignments("fetch_feedback")
            folder = Path(pwd.getpwnam(name).pw_dir) / COURSE / AID / "feedback"
            html = list(folder.glob(f"*/{AID}.html"))
            assert html, f"no feedback arrived in {folder}"
            assert all(p.stat().st_uid == pwd.getpwnam(name).pw_uid
                       for p in html)
            if name == ana:
                assert "18" in html[0].read_text(), "feedback lacks the score"
        failed = False
    finally:
        if hub is not None:
            _stop(hub)
        if failed and log_path.exists():
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(log_path, ARTIFACTS / "jupyterhub.log")
