"""Deep variation of ps01 and ps02 (issue 16): other values, same difficulty.

A variant that only renames can be mapped onto another by a name map, so one
answer sheet plus the map defeats it. These tests read every variant's
artefacts (what the generator writes) and the keys (what the reference
solution answers on them) and check two things for each assignment:

(a) the counts per answer category are the same in every variant (equal
    difficulty), and so are the traps the sample misconceptions fall into;
(b) between every pair of variants the values that decide the answers
    differ, not only the names: no renaming maps one onto the other.
"""

import itertools
import json
from collections import Counter

import pytest
import yaml

from cloudsec import variants

from helpers import ROOT

PS01 = ROOT / "source" / "ps01-hypervisors"
PS02 = ROOT / "source" / "ps02-containers"


def _pool(source_dir):
    return variants.pool_texts(source_dir)


def _keys(source_dir):
    return variants.read_keys(source_dir)["variants"]


# --- ps01 -------------------------------------------------------------------


def _num(version, width=6):
    parts = [int(p) for p in str(version).split(".")]
    return tuple(parts + [0] * (width - len(parts)))


def _ps01(files):
    inventory = yaml.safe_load(files["inventory.yaml"])
    advisories = json.loads(files["advisories.json"])["advisories"]
    return inventory, advisories


def _ps01_profile(files, key):
    """What an assignment of ps01 asks, counted (names and values left out)."""
    inventory, advisories = _ps01(files)
    hosts = {h["name"]: h for h in inventory["hosts"]}
    affected = key["affected_shipped"]["expected"]
    by_product = sorted((a["product"], len(found))
                        for a, found in zip(advisories, affected, strict=True))
    exploited = {n for a, found in zip(advisories, affected, strict=True)
                 if a["exploited_in_the_wild"] for n in found}
    traps = Counter()
    for a in advisories:
        for h in hosts.values():
            if h["product"] != a["product"]:
                continue
            if h.get("supported", True) is False:
                inside = any(_num(r["from"]) <= _num(h["version"]) < _num(r["fixed"])
                             for r in a["affected"])
                traps["unsupported outside every range" if not inside
                      else "unsupported inside a range"] += 1
                continue
            for r in a["affected"]:
                numeric = _num(r["from"]) <= _num(h["version"]) < _num(r["fixed"])
                text = r["from"] <= h["version"] < r["fixed"]
                if numeric != text:
                    traps[f"text compare says {'affected' if text else 'safe'}"
                          f" ({h['product']})"] += 1
                if h["version"] == r["fixed"]:
                    traps["at the fixed version"] += 1
                if _num(h["version"]) == _num(r["from"]):
                    traps["at the lower bound"] += 1
    types = Counter(key["hypervisor_types"]["expected"].values())
    windows_type1 = sum(1 for n, t in key["hypervisor_types"]["expected"].items()
                        if t == "type1" and "Windows" in hosts[n].get("notes", ""))
    order = key["patch_order"]["expected"]
    tenants, levels = {}, {}
    for vm in inventory["vms"]:
        tenants.setdefault(vm["host"], set()).add(vm["tenant"])
        levels.setdefault(vm["host"], set()).add(vm["classification"])
    mixed = set(key["mixed_found"]["expected"])
    multi = {h for h, t in tenants.items() if len(t) > 1}
    return {
        "hosts": len(hosts), "vms": len(inventory["vms"]), "types": dict(types),
        "windows type1": windows_type1, "affected per product": by_product,
        "patch order": len(order), "exploited first": len(exploited),
        "traps": dict(traps), "mixed": len(mixed),
        "mixed with several tenants": len(mixed & multi),
        "several tenants, not mixed": len(multi - mixed) > 0,
    }


def _ps01_values(files):
    """The values that decide ps01's answers, with every name left out."""
    inventory, advisories = _ps01(files)
    vms = {}
    for vm in inventory["vms"]:
        vms.setdefault(vm["host"], []).append(vm["classification"])
    hosts = Counter((h["product"], h["version"], h.get("supported", True),
                     tuple(sorted(vms.get(h["name"], []))))
                    for h in inventory["hosts"])
    ranges = Counter((a["product"], a["exploited_in_the_wild"],
                      tuple((r["from"], r["fixed"]) for r in a["affected"]))
                     for a in advisories)
    return {"host versions": Counter((p, v) for (p, v, _, _), n in hosts.items()
                                     for _ in range(n)),
            "advisory ranges": ranges, "hosts with their VMs": hosts}


def test_ps01_counts_per_answer_category_are_the_same_in_every_variant():
    pool, keys = _pool(PS01), _keys(PS01)
    profiles = {k: _ps01_profile(files, keys[str(k)]) for k, files in pool.items()}
    first = profiles[1]
    assert first["traps"], "variant 1 has no version traps: the profile is wrong"
    for k, profile in profiles.items():
        assert profile == first, f"variant {k} differs from variant 1"


@pytest.mark.parametrize("aspect", ["host versions", "advisory ranges",
                                    "hosts with their VMs"])
def test_ps01_variants_differ_in_values_not_only_names(aspect):
    values = {k: _ps01_values(files)[aspect] for k, files in _pool(PS01).items()}
    same = [(a, b) for a, b in itertools.combinations(sorted(values), 2)
            if values[a] == values[b]]
    assert not same, f"{aspect}: these pairs of variants differ only by names: {same}"


def test_ps01_which_hosts_are_affected_differs_between_variants():
    """The affected hosts, described by what they are (product, version),
    differ between every pair of variants."""
    described = {}
    for k, files in _pool(PS01).items():
        inventory, _ = _ps01(files)
        hosts = {h["name"]: h for h in inventory["hosts"]}
        key = _keys(PS01)[str(k)]
        described[k] = sorted((hosts[n]["product"], hosts[n]["version"])
                              for n in key["patch_order"]["expected"])
    same = [(a, b) for a, b in itertools.combinations(sorted(described), 2)
            if described[a] == described[b]]
    assert not same, same


# --- ps02 -------------------------------------------------------------------

_SOCKETS = {"/var/run/docker.sock", "/var/run", "/var", "/"}
_DANGEROUS = {"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN",
              "DAC_READ_SEARCH"}


def _ps02(files):
    compose, pods = {}, {}
    for rel, text in files.items():
        if not rel.startswith("specs/"):
            continue
        stem = rel[len("specs/"):-len(".yaml")]
        doc = yaml.safe_load(text)
        if "services" in doc:
            compose.update({f"{stem}:{s}": v for s, v in doc["services"].items()})
        else:
            pods.update({f"{stem}:{c['name']}": (doc, c)
                         for c in doc["spec"]["containers"]})
    workloads = yaml.safe_load(files["workloads.yaml"])["workloads"]
    return compose, pods, workloads


def _service_triggers(service):
    """The (rule, setting, value) triples that give a Compose service its
    findings, as the rule table in Part A states them."""
    out = set()
    if service.get("privileged") is True:
        out.add(("C1", "privileged", True))
    for volume in service.get("volumes", []):
        path = volume.split(":")[0].rstrip("/") or "/"
        if path in _SOCKETS:
            out.add(("C2", "volume", path))
    user = str(service.get("user", "")).split(":")[0]
    if user in ("", "root", "0"):
        out.add(("C3", "user", service.get("user", "missing")))
    for key in ("network_mode", "pid", "ipc", "uts"):
        if service.get(key) == "host":
            out.add(("C4", key, "host"))
    options = service.get("security_opt", [])
    if not {"no-new-privileges:true", "no-new-privileges"} & set(options):
        out.add(("C5", "security_opt", tuple(options)))
    if service.get("read_only") is not True:
        out.add(("C6", "read_only", service.get("read_only", "missing")))
    for cap in _DANGEROUS & set(service.get("cap_add", [])):
        out.add(("C7", "cap_add", cap))
    return out


def _container_triggers(pod, container):
    spec, ctx = pod["spec"], container.get("securityContext", {})
    pod_ctx = spec.get("securityContext", {})
    out = set()
    if ctx.get("privileged") is True:
        out.add(("C1", "privileged", True))
    if ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is not True and ctx.get(
            "runAsUser", pod_ctx.get("runAsUser")) in (None, 0):
        out.add(("C3", "runAsUser", ctx.get("runAsUser", pod_ctx.get("runAsUser"))))
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(key) is True:
            out.add(("C4", key, True))
    if ctx.get("allowPrivilegeEscalation") is not False:
        out.add(("C5", "allowPrivilegeEscalation",
                 ctx.get("allowPrivilegeEscalation", "missing")))
    if ctx.get("readOnlyRootFilesystem") is not True:
        out.add(("C6", "readOnlyRootFilesystem",
                 ctx.get("readOnlyRootFilesystem", "missing")))
    for cap in _DANGEROUS & set(ctx.get("capabilities", {}).get("add", [])):
        out.add(("C7", "capabilities.add", cap))
    return out


def _ps02_profile(files, key):
    compose, pods, workloads = _ps02(files)
    rules = Counter()
    for group in ("findings_compose", "findings_kubernetes"):
        for found in key[group]["expected"].values():
            rules.update(f"{group}:{r}" for r in found)
            rules[f"{group}:clean"] += not found
    traps = Counter()
    for service in compose.values():
        paths = [v.split(":")[0] for v in service.get("volumes", [])]
        if "/var/run/docker.sock" in paths:
            traps["the socket itself"] += 1
        elif any((p.rstrip("/") or "/") in _SOCKETS for p in paths):
            traps["a directory holding the socket"] += 1
    for doc, c in pods.values():
        caps = c.get("securityContext", {}).get("capabilities", {})
        traps["adds NET_BIND_SERVICE"] += "NET_BIND_SERVICE" in caps.get("add", [])
        stripped = {**doc, "spec": {k: v for k, v in doc["spec"].items()
                                    if k not in ("securityContext", "hostNetwork",
                                                 "hostPID", "hostIPC")}}
        traps["independent of pod-level settings"] += (
            _container_triggers(doc, c) == _container_triggers(stripped, c))
    return {"services": len(compose), "containers": len(pods), "rules": dict(rules),
            "traps": dict(traps),
            "pss": sorted(key["pss_levels"]["expected"].values()),
            "isolation": sorted(key["isolation"]["expected"].values()),
            "risk order": len(key["escape_risk_order"]["expected"]),
            "workloads": len(workloads)}


def _ps02_values(files):
    """What decides ps02's answers, with every name left out."""
    compose, pods, workloads = _ps02(files)
    triggers = Counter()
    per_spec = Counter()
    for service in compose.values():
        found = _service_triggers(service)
        triggers.update(found)
        per_spec[("compose", tuple(sorted(r for r, _, _ in found)))] += 1
    for doc, c in pods.values():
        found = _container_triggers(doc, c)
        triggers.update(found)
        per_spec[("pod", tuple(sorted(r for r, _, _ in found)))] += 1
    needs = Counter((w["code"], w["tenants"], w["sensitivity"], w["max_cold_start_ms"],
                     w["dedicated_hardware_required"]) for w in workloads)
    return {"triggering settings": triggers, "workload requirements": needs,
            "findings per spec": per_spec}


def test_ps02_counts_per_answer_category_are_the_same_in_every_variant():
    pool, keys = _pool(PS02), _keys(PS02)
    profiles = {k: _ps02_profile(files, keys[str(k)]) for k, files in pool.items()}
    first = profiles[1]
    assert first["traps"]["a directory holding the socket"] == 1, first
    for k, profile in profiles.items():
        assert profile == first, f"variant {k} differs from variant 1"


@pytest.mark.parametrize("aspect", ["triggering settings", "workload requirements"])
def test_ps02_variants_differ_in_values_not_only_names(aspect):
    values = {k: _ps02_values(files)[aspect] for k, files in _pool(PS02).items()}
    same = [(a, b) for a, b in itertools.combinations(sorted(values), 2)
            if values[a] == values[b]]
    assert not same, f"{aspect}: these pairs of variants differ only by names: {same}"


def test_ps02_which_specs_break_which_rules_differs_between_variants():
    """The findings per spec (as a multiset, names left out) differ between
    every pair of variants: no name map carries one variant's findings onto
    another's."""
    patterns = {k: _ps02_values(files)["findings per spec"]
                for k, files in _pool(PS02).items()}
    same = [(a, b) for a, b in itertools.combinations(sorted(patterns), 2)
            if patterns[a] == patterns[b]]
    assert not same, same
