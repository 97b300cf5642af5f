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
