"""Variant generator of ps02 (instructor-side: never released).

Variant 1 is the hand-written original (``original/``). Every other variant
writes other Compose services, pod specs and workloads from the same roles,
so it is as hard as the original but its findings are not a renaming of
another variant's:

- which Compose service breaks which of C3, C5, C6 and C4, and which one is
  clean, are drawn per variant; so are the settings that trigger each
  finding (the socket directory mounted, ``user`` missing, ``root``, ``0`` or
  ``0:0``, which host namespace is shared, which dangerous capability is
  added, ``read_only`` missing or false, ``security_opt`` missing or holding
  only other options);
- in the pods: which containers have a writable root filesystem, which host
  namespaces the privileged pods share, which capability the agent adds,
  which pod is *restricted* and why the other one is only *baseline* (no
  seccomp profile, an ``Unconfined`` one, or capabilities not dropped), and
  which container sets its user itself instead of taking the pod's;
- the workloads (other than ``plugin-runner``, which Part E names): other
  workloads and requirements for each isolation choice.

What stays (the difficulty), asserted by :func:`_check` for every variant:
5 Compose services and 6 pod containers; per rule the same number of
findings in each group (Compose C1 1, C2 2, C3 3, C4 1, C5 3, C6 3, C7 1;
pods C1 1, C3 2, C4 2, C5 3, C6 2, C7 1), one clean Compose service and three
clean containers; one C2 from the socket itself and one from a directory
holding it; Pod Security levels privileged 2, baseline 2, restricted 1; one
container adding ``NET_BIND_SERVICE``; one container whose findings do not
depend on pod-level settings; one workload per isolation choice; an order by
number of findings that is not the order by risk. ``artefacts(k)`` returns
``{relative path: text}``; ``key_options(k)`` the ids each findings check
grades; the expected answers come from running the reference solution
(``python -m cloudsec.variants generate ps02``).
"""

import random
from pathlib import Path

import yaml

N = 8
SEED = "ps02-containers/variants/deep/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
STEMS = {
    "compose-ci": ["ci", "build", "pipeline", "runners", "ci-farm", "jenkins",
                   "builders", "gitlab-ci"],
    "compose-monitoring": ["monitoring", "metrics", "observability", "telemetry",
                           "mon", "node-metrics", "stats", "watch"],
    "compose-web": ["web", "shop", "storefront", "site", "webapp", "front", "store",
                    "catalogue"],
    "pod-api": ["api", "orders", "checkout", "cart", "payments", "billing",
                "catalog", "search"],
    "pod-batch": ["batch", "invoices", "reports", "nightly", "etl", "exports",
                  "ledger", "jobs"],
    "pod-debug": ["debug", "node-shell", "troubleshoot", "diag", "rescue",
                  "toolbox", "inspect", "sos"],
    "pod-frontend": ["frontend", "ui", "web-ui", "spa", "pwa", "client", "views",
                     "front"],
    "pod-netpol-agent": ["netpol-agent", "cni-agent", "net-agent",
                         "firewall-agent", "policy-agent", "mesh-agent",
                         "flow-agent", "ebpf-agent"],
}
DANGEROUS = ["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN",
             "DAC_READ_SEARCH"]
OTHER_OPTIONS = ["apparmor=unconfined", "label=disable", "seccomp=unconfined"]
NO_NEW_PRIVILEGES = ["no-new-privileges:true", "no-new-privileges"]
SOCKET_PATHS = {"/var/run/docker.sock", "/var/run", "/var", "/"}
WEIGHTS = {"C1": 10, "C2": 10, "C4": 5, "C7": 5, "C3": 3, "C5": 1, "C6": 1}
BASELINE_CAPS = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL",
                 "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP",
                 "SETUID", "SYS_CHROOT"}

# Monitoring agents that mount a directory holding the Docker socket and add a
# dangerous capability: (service, image, mounts, capability, comment).
AGENTS = [
    ("cadvisor", "gcr.io/cadvisor/cadvisor:v0.49.1",
     ["/:/rootfs:ro", "/var/run:/var/run:ro", "/sys:/sys:ro"], "SYS_ADMIN"),
    ("log-collector", "cr.fluentbit.io/fluent/fluent-bit:3.1.9",
     ["/var:/host/var:ro"], "DAC_READ_SEARCH"),
    ("profiler", "registry.example.com/platform/profiler:0.9.2",
     ["/var/run:/host/run:ro", "/sys/kernel/debug:/sys/kernel/debug:ro"],
     "SYS_PTRACE"),
    ("backup-agent", "registry.example.com/platform/backup-agent:4.2.0",
     ["/:/host:ro"], "DAC_READ_SEARCH"),
    ("disk-health", "registry.example.com/platform/disk-health:1.3.0",
     ["/var:/host/var:ro", "/dev:/dev:ro"], "SYS_RAWIO"),
]
# Exporters that share a host namespace: (service, image, compose keys).
EXPORTERS = [
    ("node-exporter", "quay.io/prometheus/node-exporter:v1.8.2",
     {"pid": "host", "network_mode": "host"},
     ["/proc:/host/proc:ro", "/sys:/host/sys:ro"]),
    ("process-exporter", "docker.io/ncabatoff/process-exporter:0.8.3",
     {"pid": "host"}, ["/proc:/host/proc:ro"]),
    ("net-probe", "quay.io/prometheus/blackbox-exporter:v0.25.0",
     {"network_mode": "host"}, []),
    ("ipc-exporter", "registry.example.com/platform/shm-exporter:0.4.1",
     {"ipc": "host"}, []),
]
RUNNERS = [
    ("runner", "registry.example.com/ci/runner:16.11", "runner-config:/etc/runner"),
    ("agent", "registry.example.com/ci/build-agent:3.8", "agent-work:/work"),
    ("builder", "registry.example.com/ci/image-builder:2.1", "builder-cache:/cache"),
]
WORKERS = [
    ("worker", "registry.example.com/storefront/worker:2.4.1",
     ["python", "-m", "worker"], "QUEUE_URL: amqp://queue:5672"),
    ("mailer", "registry.example.com/storefront/mailer:1.7.0",
     ["node", "mailer.js"], "SMTP_HOST: smtp.internal"),
    ("thumbnailer", "registry.example.com/storefront/thumbnailer:0.8.4",
     ["./thumbnailer"], "BUCKET: product-images"),
]
SIDECARS = [
    ("log-shipper", "registry.example.com/platform/log-shipper:1.9.0"),
    ("metrics-proxy", "registry.example.com/platform/metrics-proxy:2.0.3"),
    ("config-reloader", "registry.example.com/platform/config-reloader:0.6.1"),
]
POD_AGENTS = [  # (container, image, host namespace, capability)
    ("agent", "registry.example.com/networking/netpol-agent:1.4.2", "hostNetwork",
     "NET_ADMIN"),
    ("flow-exporter", "registry.example.com/networking/flow-exporter:0.11.0",
     "hostNetwork", "NET_ADMIN"),
    ("tracer", "registry.example.com/platform/ebpf-tracer:0.7.5", "hostPID",
     "SYS_ADMIN"),
    ("module-loader", "registry.example.com/platform/module-loader:1.2.0",
     "hostPID", "SYS_MODULE"),
]
WORKLOADS = {
    "vm": [
        ("notebook-service", "Hosted notebooks where each customer's analysts run "
         "arbitrary Python."),
        ("customer-builds", "Builds customers' own repositories with their own build "
         "scripts, for many customers."),
        ("sql-udf-sandbox", "Runs the user-defined functions customers write for our "
         "analytics database, for many customers."),
    ],
    "gvisor": [
        ("ci-builds", "Builds our own repositories' pull requests, including forks "
         "from outside contributors."),
        ("dependency-scanner", "Installs third-party packages (running their install "
         "scripts) to scan them for our own developers."),
        ("link-preview", "Renders web pages that our staff paste into chat, in a "
         "headless browser running their JavaScript."),
    ],
    "rootless-container": [
        ("orders-api", "Our own order service, written and reviewed in house."),
        ("payroll-service", "Our own payroll calculations, written and reviewed in "
         "house."),
        ("patient-portal-api", "Our own API for patients' records, written and "
         "reviewed in house."),
    ],
    "container": [
        ("status-page", "Our own static status page."),
        ("docs-site", "Our own public documentation site, built from our "
         "repository."),
        ("marketing-site", "Our own marketing pages, with no customer data."),
    ],
    "dedicated-host": [
        ("hsm-gateway", "Signs payment messages; the card scheme contract requires "
         "single-tenant hardware."),
        ("gov-records", "Stores records for a government customer whose contract "
         "requires single-tenant hardware."),
        ("licensed-db", "A database whose vendor licence requires dedicated, "
         "single-tenant hardware."),
    ],
}
PLUGIN_RUNNER = """\
  - name: plugin-runner
    description: Runs code that customers upload to extend our SaaS, for many customers.
    code: untrusted
    tenants: multi
    sensitivity: high
    max_cold_start_ms: 200
    dedicated_hardware_required: false
"""


# --- the rules (as the reference solution applies them) ----------------------


def audit_service(service, sockets=SOCKET_PATHS):
    found = set()
    if service.get("privileged") is True:
        found.add("C1")
    for volume in service.get("volumes", []):
        if (volume.split(":")[0].rstrip("/") or "/") in sockets:
            found.add("C2")
    if str(service.get("user", "")).split(":")[0] in ("", "root", "0"):
        found.add("C3")
    if any(service.get(key) == "host" for key in ("network_mode", "pid", "ipc", "uts")):
        found.add("C4")
    if not {"no-new-privileges:true", "no-new-privileges"} & set(
            service.get("security_opt", [])):
        found.add("C5")
    if service.get("read_only") is not True:
        found.add("C6")
    if set(DANGEROUS) & set(service.get("cap_add", [])):
        found.add("C7")
    return sorted(found)


def audit_container(pod, container, pod_level=True):
    spec = pod["spec"]
    pod_ctx = spec.get("securityContext", {}) if pod_level else {}
    ctx = container.get("securityContext", {})
    found = set()
    if ctx.get("privileged") is True:
        found.add("C1")
    non_root = ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot"))
    if non_root is not True and ctx.get("runAsUser", pod_ctx.get("runAsUser")) in (
            None, 0):
        found.add("C3")
    where = spec if pod_level else ctx
    if any(where.get(k) is True for k in ("hostNetwork", "hostPID", "hostIPC")):
        found.add("C4")
    if ctx.get("allowPrivilegeEscalation") is not False:
        found.add("C5")
    if ctx.get("readOnlyRootFilesystem") is not True:
        found.add("C6")
    if set(DANGEROUS) & set(ctx.get("capabilities", {}).get("add", [])):
        found.add("C7")
    return sorted(found)


def pss_level(pod):
    spec = pod["spec"]
    pod_ctx = spec.get("securityContext", {})
    ctxs = [c.get("securityContext", {}) for c in spec["containers"]]
    if (any(c.get("privileged") is True for c in ctxs)
            or any(spec.get(k) is True for k in ("hostNetwork", "hostPID", "hostIPC"))
            or any(set(c.get("capabilities", {}).get("add", [])) - BASELINE_CAPS
                   for c in ctxs)
            or any("hostPath" in v for v in spec.get("volumes", []))):
        return "privileged"

    def restricted(ctx):
        caps = ctx.get("capabilities", {})
        seccomp = ctx.get("seccompProfile", pod_ctx.get("seccompProfile", {}))
        return (ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is True
                and ctx.get("runAsUser", pod_ctx.get("runAsUser")) != 0
                and ctx.get("allowPrivilegeEscalation") is False
                and "ALL" in caps.get("drop", [])
                and set(caps.get("add", [])) <= {"NET_BIND_SERVICE"}
                and seccomp.get("type") in ("RuntimeDefault", "Localhost"))

    return "restricted" if all(restricted(c) for c in ctxs) else "baseline"


def choose(w):
    if w["dedicated_hardware_required"]:
        return "dedicated-host"
    if w["code"] == "untrusted" and w["tenants"] == "multi":
        return "microvm" if w["max_cold_start_ms"] < 1000 else "vm"
    if w["code"] == "untrusted":
        return "gvisor"
    if w["sensitivity"] == "high":
        return "rootless-container"
    return "container"


# --- writing YAML by hand (readable, like the original files) -----------------


def _user_lines(choice, indent):
    pad = " " * indent
    return {"missing": [], "root": [f"{pad}user: root"], "0": [f'{pad}user: "0"'],
            "0:0": [f'{pad}user: "0:0"']}[choice]


def _hardening(rules, rng, indent=4, user=None):
    """Compose lines giving exactly ``rules`` among C3, C5 and C6."""
    pad = " " * indent
    lines = []
    if "C3" in rules:
        lines += _user_lines(rng.choice(["missing", "root", "0", "0:0"]), indent)
    else:
        lines.append(f'{pad}user: "{user or rng.choice(["1000", "65534", "10001"])}"')
    if "C6" in rules:
        if rng.random() < 0.5:
            lines.append(f"{pad}read_only: false")
    else:
        lines.append(f"{pad}read_only: true")
    if "C5" in rules:
        if rng.random() < 0.5:
            lines += [f"{pad}security_opt:",
                      f"{pad}  - {rng.choice(OTHER_OPTIONS)}"]
    else:
        lines += [f"{pad}security_opt:",
                  f"{pad}  - {rng.choice(NO_NEW_PRIVILEGES)}"]
    return lines


def _compose(rng):
    clean = rng.choice(["web", "worker"])
    nonclean = ["runner", "agent", "exporter", "worker" if clean == "web" else "web"]
    while True:
        plan = {name: set() for name in nonclean}
        plan["runner"] |= {"C1", "C2"}
        plan["agent"] |= {"C2", "C7"}
        plan[rng.choice(["agent", "exporter"])].add("C4")
        for rule in ("C3", "C5", "C6"):
            for name in rng.sample(nonclean, 3):
                plan[name].add(rule)
        if all(plan.values()):
            break
    plan[clean] = set()

    files = {}
    name, image, volume = rng.choice(RUNNERS)
    lines = ["# Self-hosted CI runner that builds and pushes images.", "services:",
             f"  {name}:", f"    image: {image}", "    privileged: true",
             "    restart: always"]
    lines += _hardening(plan["runner"] & {"C3", "C5", "C6"}, rng)
    vol_name = volume.split(":")[0]
    lines += ["    volumes:", "      - /var/run/docker.sock:/var/run/docker.sock",
              f"      - {volume}", "volumes:", f"  {vol_name}: {{}}"]
    files["ci"] = "\n".join(lines) + "\n"

    agent = rng.choice(AGENTS)
    exporter = rng.choice(EXPORTERS)
    lines = ["# Host monitoring agents on every Docker host.", "services:"]
    ename, eimage, ekeys, emounts = exporter
    lines += [f"  {ename}:", f"    image: {eimage}"]
    if "C4" in plan["exporter"]:
        lines += [f"    {k}: {v}" for k, v in ekeys.items()]
    lines += _hardening(plan["exporter"] & {"C3", "C5", "C6"}, rng)
    if emounts:
        lines += ["    volumes:"] + [f"      - {m}" for m in emounts]
    aname, aimage, amounts, acap = agent
    lines += [f"  {aname}:", f"    image: {aimage}"]
    if "C4" in plan["agent"]:
        key = rng.choice(["pid", "uts", "ipc"])
        lines.append(f"    {key}: host")
    lines.append(f"    cap_add: [{acap}]")
    lines += _hardening(plan["agent"] & {"C3", "C5", "C6"}, rng)
    lines += ["    volumes:"] + [f"      - {m}" for m in amounts]
    files["monitoring"] = "\n".join(lines) + "\n"

    wname, wimage, wcommand, wenv = rng.choice(WORKERS)
    lines = ["# Storefront: the public web tier and its background worker.",
             "services:", "  web:"]
    # the unprivileged image runs as 101 by itself; where the service may run
    # as root, it is the official image, whose master process runs as root
    unprivileged = "C3" not in plan["web"]
    lines.append("    image: nginxinc/nginx-unprivileged:1.27-alpine" if unprivileged
                 else "    image: nginx:1.27-alpine")
    lines += _hardening(plan["web"], rng, user="101")
    if not plan["web"]:
        lines.append("    cap_drop: [ALL]")
    port = '["8080:8080"]' if unprivileged else '["8080:80"]'
    lines += [f"    ports: {port}", "    tmpfs: [/tmp]", f"  {wname}:",
              f"    image: {wimage}",
              "    command: [" + ", ".join(f'"{c}"' for c in wcommand) + "]"]
    lines += _hardening(plan["worker"], rng, user="1000")
    lines += ["    volumes:", "      - ./data:/app/data", "    environment:",
              f"      {wenv}"]
    files["web"] = "\n".join(lines) + "\n"
    return files


def _ctx_lines(items, indent):
    pad = " " * indent
    return [f"{pad}securityContext:"] + [f"{pad}  {line}" for line in items]


def _pods(rng):
    # C6 on two of the debug pod, the agent and the sidecar; C3 on the debug
    # pod and the agent; C5 on all three.
    rofs = set(rng.sample(["debug", "agent", "sidecar"], 2))
    restricted = rng.choice(["frontend", "batch"])
    baseline_reason = rng.choice(["no seccomp", "unconfined", "no drop"])
    own_user = rng.choice(["batch", "frontend", "api"])
    user_of = {"api": rng.choice([10001, 10002, 2000]),
               "batch": rng.choice([1000, 1001, 3000]),
               "frontend": rng.choice([101, 8080, 1001])}
    files = {}

    def seccomp(pod):
        if pod == restricted or pod == "api":
            profile = rng.choice(["RuntimeDefault", "RuntimeDefault", "Localhost"])
            if profile == "Localhost":
                return ["seccompProfile:", "  type: Localhost",
                        f"  localhostProfile: profiles/{pod}.json"]
            return ["seccompProfile:", "  type: RuntimeDefault"]
        if baseline_reason == "unconfined":
            return ["seccompProfile:", "  type: Unconfined"]
        if baseline_reason == "no drop":
            return ["seccompProfile:", "  type: RuntimeDefault"]
        return []

    def user_block(pod):
        return ["runAsNonRoot: true", f"runAsUser: {user_of[pod]}"]

    def pod_head(pod, name, namespace, extra=()):
        return ["apiVersion: v1", "kind: Pod", "metadata:", f"  name: {name}",
                f"  namespace: {namespace}", "spec:", *[f"  {x}" for x in extra]]

    def hardened(pod, add=(), drop=True):
        items = []
        if pod == own_user:
            items += user_block(pod)
        items += ["allowPrivilegeEscalation: false", "readOnlyRootFilesystem: true"]
        if pod != "api" and pod != restricted and baseline_reason == "no drop":
            drop = False
        if drop or add:
            items.append("capabilities:")
            if drop:
                items.append("  drop: [ALL]")
            if add:
                items.append(f"  add: [{', '.join(add)}]")
        return items

    def pod_ctx(pod, extra_seccomp):
        # the api pod always sets the user for its sidecar; the pod whose
        # container sets its own user sets none at pod level
        items = user_block(pod) if pod == "api" or pod != own_user else []
        items += extra_seccomp
        return _ctx_lines(items, 2) if items else []

    # api: a hardened main container and a sidecar with findings
    side, side_image = rng.choice(SIDECARS)
    lines = pod_head("api", rng.choice(["orders-api", "checkout-api", "cart-api"]),
                     "shop")
    lines += pod_ctx("api", seccomp("api"))
    lines += ["  containers:", "    - name: api",
              "      image: registry.example.com/shop/api:"
              + rng.choice(["3.2.0", "3.3.1", "4.0.2"]),
              "      ports: [{containerPort: 8080}]"]
    lines += _ctx_lines(hardened("api"), 6)
    side_ctx = []
    if rng.random() < 0.5:
        side_ctx.append("allowPrivilegeEscalation: true")
    side_ctx.append("readOnlyRootFilesystem: true" if "sidecar" not in rofs
                    else rng.choice(["readOnlyRootFilesystem: false", ""]))
    side_ctx = [x for x in side_ctx if x]
    lines += [f"    - name: {side}", f"      image: {side_image}"]
    if side_ctx:
        lines += _ctx_lines(side_ctx, 6)
    lines += ["      volumeMounts:", "        - {name: logs, mountPath: /var/log/app}",
              "  volumes:", "    - name: logs", "      emptyDir: {}"]
    files["api"] = "\n".join(lines) + "\n"

    # batch: clean; restricted or baseline
    lines = pod_head("batch", rng.choice(["invoice-batch", "report-batch",
                                          "nightly-export"]), "finance",
                     ["restartPolicy: Never"])
    lines += pod_ctx("batch", seccomp("batch"))
    lines += ["  containers:", "    - name: job",
              "      image: registry.example.com/finance/batch:"
              + rng.choice(["5.0.3", "5.1.0", "6.0.1"])]
    lines += _ctx_lines(hardened("batch"), 6)
    files["batch"] = "\n".join(lines) + "\n"

    # debug: privileged, host namespaces, root
    spaces = rng.choice([["hostPID", "hostNetwork"], ["hostPID"], ["hostNetwork"],
                         ["hostPID", "hostIPC"]])
    lines = pod_head("debug", rng.choice(["node-debugger", "node-shell",
                                          "troubleshooter"]), "kube-system",
                     [f"{s}: true" for s in spaces])
    ctx = ["privileged: true"]
    if rng.random() < 0.5:
        ctx.append("runAsUser: 0")
    if "debug" not in rofs:
        ctx.append("readOnlyRootFilesystem: true")
    lines += ["  containers:", "    - name: debug",
              "      image: registry.example.com/tools/"
              + rng.choice(["netshoot:0.13", "toolbox:2.4", "busybox:1.36"]),
              '      command: ["sleep", "infinity"]']
    lines += _ctx_lines(ctx, 6)
    files["debug"] = "\n".join(lines) + "\n"

    # frontend: clean, adds NET_BIND_SERVICE
    lines = pod_head("frontend", rng.choice(["storefront-frontend", "shop-ui",
                                             "web-frontend"]), "shop")
    lines += pod_ctx("frontend", seccomp("frontend"))
    lines += ["  containers:", "    - name: frontend",
              "      image: registry.example.com/shop/frontend:"
              + rng.choice(["7.1.0", "7.2.3", "8.0.0"])]
    lines += _ctx_lines(hardened("frontend", add=("NET_BIND_SERVICE",)), 6)
    files["frontend"] = "\n".join(lines) + "\n"

    # agent: host namespace, dangerous capability, root
    cname, cimage, space, cap = rng.choice(POD_AGENTS)
    lines = pod_head("agent", cname if cname != "agent" else "netpol-agent",
                     rng.choice(["networking", "kube-system", "platform"]),
                     [f"{space}: true"])
    ctx = ["runAsUser: 0"] if rng.random() < 0.6 else []
    if "agent" not in rofs:
        ctx.append("readOnlyRootFilesystem: true")
    ctx += ["capabilities:", f"  add: [{cap}, NET_RAW]" if cap == "NET_ADMIN"
            else f"  add: [{cap}]"]
    lines += ["  containers:", f"    - name: {cname}", f"      image: {cimage}"]
    lines += _ctx_lines(ctx, 6)
    files["agent"] = "\n".join(lines) + "\n"
    return files


def _workloads(rng):
    blocks = [PLUGIN_RUNNER]
    for choice_, pool in WORKLOADS.items():
        name, description = rng.choice(pool)
        if choice_ == "vm":
            w = dict(code="untrusted", tenants="multi",
                     sensitivity=rng.choice(["high", "low"]),
                     cold=rng.choice([2000, 5000, 30000, 120000]), dedicated=False)
        elif choice_ == "gvisor":
            w = dict(code="untrusted", tenants="single",
                     sensitivity=rng.choice(["high", "low"]),
                     cold=rng.choice([500, 2000, 5000, 10000]), dedicated=False)
        elif choice_ == "rootless-container":
            w = dict(code="trusted", tenants="single", sensitivity="high",
                     cold=rng.choice([300, 1000, 3000]), dedicated=False)
        elif choice_ == "container":
            w = dict(code="trusted", tenants="single", sensitivity="low",
                     cold=rng.choice([500, 1000, 5000]), dedicated=False)
        else:
            w = dict(code="trusted", tenants="single", sensitivity="high",
                     cold=rng.choice([30000, 60000, 120000]), dedicated=True)
        blocks.append(
            f"  - name: {name}\n    description: {description}\n"
            f"    code: {w['code']}\n    tenants: {w['tenants']}\n"
            f"    sensitivity: {w['sensitivity']}\n"
            f"    max_cold_start_ms: {w['cold']}\n"
            "    dedicated_hardware_required: "
            + ("true" if w["dedicated"] else "false") + "\n")
    rng.shuffle(blocks)
    head = ("# Workloads waiting for a platform decision. For each: whose code it "
            "runs,\n# how many customers (tenants) share it, the sensitivity of its "
            "data, the\n# cold-start time it can tolerate, and any contractual "
            "requirement.\n")
    return head + "workloads:\n" + "".join(blocks)


def _stem(old, k):
    kind = old.split("-")[0]
    return f"{kind}-{STEMS[old][k - 1]}"


ROLE_FILE = {"ci": "compose-ci", "monitoring": "compose-monitoring",
             "web": "compose-web", "api": "pod-api", "batch": "pod-batch",
             "debug": "pod-debug", "frontend": "pod-frontend",
             "agent": "pod-netpol-agent"}


def _check(files):
    """Assert that a variant has the original's structure and traps."""
    docs = {rel: yaml.safe_load(text) for rel, text in files.items()}
    compose, pods = {}, {}
    for rel, doc in docs.items():
        if not rel.startswith("specs/"):
            continue
        if "services" in doc:
            compose.update({f"{rel}:{s}": v for s, v in doc["services"].items()})
        else:
            pods[rel] = doc
    found_c = {s: audit_service(v) for s, v in compose.items()}
    count = {}
    for rules in found_c.values():
        for r in rules:
            count[r] = count.get(r, 0) + 1
    assert count == {"C1": 1, "C2": 2, "C3": 3, "C4": 1, "C5": 3, "C6": 3,
                     "C7": 1}, count
    assert sum(1 for r in found_c.values() if not r) == 1
    direct = sum(1 for v in compose.values() for vol in v.get("volumes", [])
                 if vol.split(":")[0] == "/var/run/docker.sock")
    assert direct == 1
    assert sum(1 for v in compose.values() if "NET_BIND_SERVICE" in
               v.get("cap_add", [])) == 0
    found_p, independent, nbs = {}, 0, 0
    for rel, pod in pods.items():
        for c in pod["spec"]["containers"]:
            found_p[f"{rel}:{c['name']}"] = audit_container(pod, c)
            independent += audit_container(pod, c) == audit_container(pod, c, False)
            caps = c.get("securityContext", {}).get("capabilities", {})
            nbs += "NET_BIND_SERVICE" in caps.get("add", [])
        for v in pod["spec"].get("volumes", []):
            assert "hostPath" not in v
    count = {}
    for rules in found_p.values():
        for r in rules:
            count[r] = count.get(r, 0) + 1
    assert count == {"C1": 1, "C3": 2, "C4": 2, "C5": 3, "C6": 2, "C7": 1}, count
    assert len(found_p) == 6 and sum(1 for r in found_p.values() if not r) == 3
    assert independent == 1 and nbs == 1, (independent, nbs)
    levels = sorted(pss_level(p) for p in pods.values())
    assert levels == ["baseline", "baseline", "privileged", "privileged",
                      "restricted"], levels
    work = yaml.safe_load(files["workloads.yaml"])["workloads"]
    assert sorted(choose(w) for w in work) == sorted(
        ["microvm", "vm", "gvisor", "rootless-container", "container",
         "dedicated-host"])
    findings = {**found_c, **found_p}
    risk = {s: sum(WEIGHTS[r] for r in rules) for s, rules in findings.items()}
    by_risk = sorted((s for s in risk if risk[s]), key=lambda s: (-risk[s], s))
    by_count = sorted((s for s in risk if risk[s]),
                      key=lambda s: (-len(findings[s]), s))
    assert by_risk != by_count
    # the learner who flags only the socket itself and counts findings
    socket_only = {s: audit_service(v, {"/var/run/docker.sock"})
                   for s, v in compose.items()}
    assert sum(socket_only[s] != found_c[s] for s in found_c) == 1
    wrong = {**socket_only, **found_p}
    assert by_risk != sorted((s for s in wrong if wrong[s]),
                             key=lambda s: (-len(wrong[s]), s))


def artefacts(k):
    """The artefacts of variant ``k`` (1..N) as ``{relative path: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:
        return {p.relative_to(ORIGINAL).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(ORIGINAL.rglob("*")) if p.is_file()}
    for attempt in range(1000):
        rng = random.Random(f"{SEED}/{k}/{attempt}")
        parts = {**_compose(rng), **_pods(rng)}
        out = {f"specs/{_stem(ROLE_FILE[role], k)}.yaml": text
               for role, text in parts.items()}
        out["workloads.yaml"] = _workloads(rng)
        try:
            _check(out)
        except AssertionError:
            continue
        return dict(sorted(out.items()))
    raise RuntimeError(f"no draw of variant {k} has the original's structure")


def key_options(k):
    """Which ids each findings check grades in variant ``k``."""
    compose, pods = [], []
    for rel, text in sorted(artefacts(k).items()):
        if not rel.startswith("specs/"):
            continue
        stem = rel[len("specs/"):-len(".yaml")]
        doc = yaml.safe_load(text)
        if "services" in doc:
            compose += [f"{stem}:{s}" for s in doc["services"]]
        elif doc.get("kind") == "Pod":
            pods += [f"{stem}:{c['name']}" for c in doc["spec"]["containers"]]
    return {"findings_compose": {"select": compose},
            "findings_kubernetes": {"select": pods}}
