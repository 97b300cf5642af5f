"""Variant generator of ps02 (instructor-side: never released).

Variant 1 is the original. Every other variant keeps the same Compose
services, pod specs and workloads (so the same findings, Pod Security levels
and isolation choices, and the same difficulty) and changes what a copied
answer depends on: the file name of every spec (so every finding id and pod
id), the names of five of the six workloads (``plugin-runner``, which Part E
names, keeps its name) and the order of the workloads. ``artefacts(k)``
returns ``{relative path: text}``; ``key_options(k)`` the ids each findings
check grades; the expected answers come from running the reference solution
(``python -m cloudsec.variants generate ps02``).
"""

import random
import re
from pathlib import Path

import yaml

N = 8
SEED = "ps02-containers/variants/2026-12-04"
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
WORKLOADS = {
    "notebook-service": ["notebook-service", "lab-notebooks", "analyst-notebooks",
                         "jupyter-hosting", "data-notebooks", "notebook-farm",
                         "python-workspaces", "hosted-notebooks"],
    "ci-builds": ["ci-builds", "pr-builds", "fork-builds", "build-farm",
                  "pull-request-ci", "test-runners", "contrib-builds", "ci-jobs"],
    "orders-api": ["orders-api", "checkout-api", "payments-api", "cart-api",
                   "billing-api", "basket-api", "invoice-api", "ledger-api"],
    "status-page": ["status-page", "status-site", "uptime-page", "health-page",
                    "statuspage", "service-status", "status-board", "outage-page"],
    "hsm-gateway": ["hsm-gateway", "hsm-proxy", "key-gateway", "signing-gateway",
                    "hsm-bridge", "crypto-gateway", "pkcs11-gateway", "hsm-front"],
}


def _stem(old, k):
    kind = old.split("-")[0]
    return f"{kind}-{STEMS[old][k - 1]}"


def artefacts(k):
    """The artefacts of variant ``k`` (1..N) as ``{relative path: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    files = {p.relative_to(ORIGINAL).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(ORIGINAL.rglob("*")) if p.is_file()}
    if k == 1:
        return files
    rng = random.Random(f"{SEED}/{k}")
    out = {}
    for rel, text in files.items():
        if rel.startswith("specs/"):
            stem = rel[len("specs/"):-len(".yaml")]
            out[f"specs/{_stem(stem, k)}.yaml"] = text
    text = files["workloads.yaml"]
    for old, names in WORKLOADS.items():
        text = re.sub(rf"^  - name: {re.escape(old)}$", f"  - name: {names[k - 1]}",
                      text, flags=re.M)
    head, _, body = text.partition("workloads:\n")
    blocks = ["  - name:" + b for b in body.split("  - name:")[1:]]
    blocks = [b if b.endswith("\n") else b + "\n" for b in blocks]
    rng.shuffle(blocks)
    out["workloads.yaml"] = head + "workloads:\n" + "".join(blocks)
    return out


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
