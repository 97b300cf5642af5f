"""A learner who believes containers isolate like VMs: customers' code
"gets its own container", so it needs nothing stronger. The audit, PSS and
risk parts are right (written as a compact auditor of their own)."""

from submissions.ps02._common import AUDIT, PSS, RISK

CELLS = {
    "findings_answer": AUDIT,
    "pss_answer": PSS,
    "isolation_answer": '''
isolation = {}
for w in workloads:
    if w["dedicated_hardware_required"]:
        isolation[w["name"]] = "dedicated-host"
    elif w["code"] == "untrusted":
        isolation[w["name"]] = "rootless-container"  # its own container is enough
    elif w["sensitivity"] == "high":
        isolation[w["name"]] = "rootless-container"
    else:
        isolation[w["name"]] = "container"
''',
    "risk_answer": RISK,
    "container_memo": """
Each plugin runs in its own container with its own namespaces and cgroups, so it
cannot see the other customers' plugins. Containers are isolated, so this is fine.
""",
}

EXPECTED = {
    "findings_compose": 2, "findings_kubernetes": 2, "pss_levels": 2,
    "isolation": 1, "escape_risk_order": 2,
}
