"""Answer cells shared by several ps02 samples: a learner's own compact
auditor and PSS classifier (written differently from the instructor's)."""

from submissions import solution_of

AUDIT = '''
DANGER = {"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN",
          "DAC_READ_SEARCH"}
SOCKET = {"/var/run/docker.sock", "/var/run", "/var", "/"}
HOSTNS = ("hostNetwork", "hostPID", "hostIPC")
findings = {}
for name, doc in compose_files.items():
    for svc_name, svc in doc["services"].items():
        rules = []
        if svc.get("privileged"):
            rules.append("C1")
        if any((v.split(":")[0].rstrip("/") or "/") in SOCKET
               for v in svc.get("volumes", [])):
            rules.append("C2")
        if str(svc.get("user", "")).split(":")[0] in ("", "0", "root"):
            rules.append("C3")
        if "host" in [svc.get(k) for k in ("network_mode", "pid", "ipc", "uts")]:
            rules.append("C4")
        options = svc.get("security_opt", [])
        if not any(o.startswith("no-new-privileges") for o in options):
            rules.append("C5")
        if not svc.get("read_only"):
            rules.append("C6")
        if DANGER & set(svc.get("cap_add", [])):
            rules.append("C7")
        findings[f"{name}:{svc_name}"] = rules
for name, pod in pods.items():
    spec = pod["spec"]
    pod_ctx = spec.get("securityContext", {})
    for c in spec["containers"]:
        ctx = c.get("securityContext", {})
        rules = []
        if ctx.get("privileged"):
            rules.append("C1")
        if ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is not True and \\
                ctx.get("runAsUser", pod_ctx.get("runAsUser")) in (None, 0):
            rules.append("C3")
        if any(spec.get(k) is True for k in HOSTNS):
            rules.append("C4")
        if ctx.get("allowPrivilegeEscalation") is not False:
            rules.append("C5")
        if ctx.get("readOnlyRootFilesystem") is not True:
            rules.append("C6")
        if DANGER & set(ctx.get("capabilities", {}).get("add", [])):
            rules.append("C7")
        findings[f"{name}:{c['name']}"] = rules
'''

# right levels, as the reference solution computes them on every variant
PSS = solution_of("ps02-containers")["pss_answer"]

RISK = '''
W = {"C1": 10, "C2": 10, "C4": 5, "C7": 5, "C3": 3, "C5": 1, "C6": 1}
score = {s: sum(W[r] for r in rules) for s, rules in findings.items()}
escape_risk_order = sorted([s for s in score if score[s] > 0],
                           key=lambda s: (-score[s], s))
'''
