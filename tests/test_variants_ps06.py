"""ps06's variants: the same structure and difficulty, other values (issue 16).

Every variant must hold the same number of items in each answer category and
the same traps (so a misconception costs the same points on every variant),
and the variation must be real: the values that decide the answers differ
between every pair of variants, so no variant is another one renamed.
"""

import csv
import io
import json
import statistics
from collections import Counter
from itertools import combinations

import pytest
import yaml

from cloudsec import variants

from helpers import ROOT

AID = "ps06-multi-tenancy"
SOURCE = ROOT / "source" / AID
HOST_REQUIREMENTS = ("physical-host-evidence", "licence-per-physical-core")


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def _log(files):
    """Each request with the facts that decide Part A, ids left out."""
    users = {u["user_id"]: u for u in _rows(files["tenant-directory.csv"])}
    out = []
    for line in files["access-log.jsonl"].splitlines():
        r = json.loads(line)
        target = r["path"].split("/")[3]
        user = users[r["user_id"]]
        out.append((r["method"], r["status"], user["role"],
                    target.lower() == user["tenant_id"].lower(),
                    target == target.lower(), bool(r.get("support_ticket"))))
    return out


def _log_shape(files):
    """How many requests of each kind of Part A (reads and look-alikes)."""
    kinds = Counter()
    for method, status, role, own, lower, ticket in _log(files):
        if own and lower:  # plain traffic
            assert status == 200 and role in ("member", "service")
        elif own:
            kinds["own tenant, other spelling"] += 1
        else:
            kinds[(method if method == "GET" else "write", status, role,
                   ticket)] += 1
    return dict(kinds)


def _runs(flags):
    runs, length = [], 0
    for flag in [*flags, False]:
        if flag:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    return runs


def _latency(files):
    rows = _rows(files["latency.csv"])
    p99 = [float(r["victim_p99_ms"]) for r in rows]
    cpu = [float(r["neighbour_cpu_pct"]) for r in rows]
    base = statistics.median(p99[:60])
    return rows, p99, cpu, base


def _latency_shape(files):
    """Runs of each kind: slow and busy, slow only, busy only (by length
    class: at least three minutes, or shorter)."""
    _, p99, cpu, base = _latency(files)
    # no value close to the lines a >= / > or an 80 % slip would cross
    assert all(v < 1.6 * base or v > 2.2 * base for v in p99)
    assert all(c < 70 or c > 84 for c in cpu)
    slow = [v > 2 * base for v in p99]
    busy = [c >= 80 for c in cpu]
    pairs = list(zip(slow, busy, strict=True))
    shape = Counter()
    for name, flags in (("both", [s and b for s, b in pairs]),
                        ("slow only", [s and not b for s, b in pairs]),
                        ("busy only", [b and not s for s, b in pairs])):
        for length in _runs(flags):
            shape[(name, "long" if length >= 3 else length)] += 1
    assert not any(slow[:60]) and not any(busy[:60]), "the baseline hour is quiet"
    assert not (slow[-1] or busy[-1]), "no run at the end of the shipped data"
    return dict(shape)


def _workloads(files):
    return yaml.safe_load(files["workloads.yaml"])["workloads"]


def _workload_shape(files):
    """Each workload's class of facts: what a rule-slip would get wrong."""
    shape = Counter()
    for w in _workloads(files):
        host = w["requirement"] in HOST_REQUIREMENTS
        assert host or w["requirement"] == "none", w
        sensitive = w["classification"] in ("restricted", "confidential")
        shape[(w["classification"] if sensitive else "plain", host)] += 1
    names = {w["name"]: w for w in _workloads(files)}
    assert names["key-management"]["classification"] == "restricted"
    assert names["key-management"]["requirement"] == "none"
    return dict(shape)


def _placement_shape(files, victim="acme"):
    """Overlaps, touches and unrelated hosts of the victim's neighbours."""
    rows = _rows(files["placement.csv"])
    for r in rows:
        r["start"], r["end"] = int(r["start_hour"]), int(r["end_hour"])
    mine = [r for r in rows if r["tenant"] == victim]
    hosts = {r["host"] for r in mine}
    assert len(mine) == len(hosts) == 3
    own = {r["host"]: r for r in mine}
    per_tenant, kinds, touches, spare = Counter(), Counter(), [], 0
    for r in rows:
        if r["tenant"] == victim:
            continue
        if r["host"] not in hosts:
            spare += 1
            continue
        v = own[r["host"]]
        shared = min(v["end"], r["end"]) - max(v["start"], r["start"])
        if shared > 0:
            per_tenant[r["tenant"]] += 1
            inside = v["start"] < r["start"] and r["end"] < v["end"]
            kinds["longer" if shared > 1 else
                  "one hour inside" if inside else "one hour across an end"] += 1
        elif shared == 0:
            touches.append((r["tenant"], r["host"], r["end"] == v["start"]))
    exposed = {(r["tenant"], r["host"]) for r in rows if r["tenant"] != victim
               and r["host"] in hosts
               and min(own[r["host"]]["end"], r["end"])
               > max(own[r["host"]]["start"], r["start"])}
    assert all((t, h) not in exposed for t, h, _ in touches), \
        "a touch must change the answer of a <= slip"
    return {"hosts shared per tenant": sorted(per_tenant.values()),
            "kinds": dict(kinds),
            "touches (ends at start)": sorted(end for _, _, end in touches),
            "records on other hosts": spare}


def _shape(files, key):
    return {
        "log": _log_shape(files),
        "reads": len(key["cross_found"]["expected"]),
        "latency": _latency_shape(files),
        "periods": len(key["periods_shipped"]["expected"][0]),
        "workloads": _workload_shape(files),
        "options": sorted(Counter(key["isolation_choice"]["expected"].values()
                                  ).items()),
        "placement": _placement_shape(files),
        "exposure": sorted(len(h) for h in
                           key["exposure_shipped"]["expected"][0].values()),
    }


def _deciding_values(files, key):
    """What decides the answers, with every id and name left out: the kind
    of each request in log order, the periods' minutes, each workload's
    classification and requirement in file order, and the placement hours."""
    return {
        "log": tuple(_log(files)),
        "periods": json.dumps(key["periods_shipped"]["expected"]),
        "workloads": tuple((w["classification"], w["requirement"])
                           for w in _workloads(files)),
        "hours": tuple(sorted((int(r["start_hour"]), int(r["end_hour"]))
                              for r in _rows(files["placement.csv"]))),
    }


def _real_variation_problems(pool, keys):
    values = {k: _deciding_values(files, keys[str(k)])
              for k, files in pool.items()}
    problems = []
    for i, j in combinations(sorted(values), 2):
        for part in values[i]:
            if values[i][part] == values[j][part]:
                problems.append(f"variants {i} and {j}: the same {part}")
    return problems


@pytest.fixture(scope="module")
def pool():
    return variants.pool_texts(SOURCE)


@pytest.fixture(scope="module")
def keys():
    return variants.read_keys(SOURCE)["variants"]


def test_ps06_has_eight_variants_and_variant_1_is_the_original(pool):
    assert len(pool) == 8
    original = {p.name: p.read_text(encoding="utf-8")
                for p in (SOURCE / ".variants" / "original").iterdir()}
    assert pool[1] == original


def test_ps06_structure_and_difficulty_are_the_same_in_every_variant(pool, keys):
    """Same reads and look-alikes, same runs of telemetry, same classes of
    workloads, same overlaps and touches: what a misconception costs cannot
    depend on the variant."""
    first = _shape(pool[1], keys["1"])
    assert first["log"] == {
        ("GET", 200, "member", False): 2, ("GET", 200, "support", False): 1,
        ("GET", 200, "service", False): 1, ("GET", 200, "support", True): 1,
        ("GET", 403, "member", False): 1, ("GET", 404, "member", False): 1,
        ("write", 403, "member", False): 1, "own tenant, other spelling": 1}
    assert first["latency"] == {("both", "long"): 2, ("slow only", "long"): 1,
                                ("busy only", "long"): 1, ("both", 2): 1}
    for k, files in pool.items():
        assert _shape(files, keys[str(k)]) == first, k


def test_ps06_variation_is_real_not_a_renaming(pool, keys):
    assert not _real_variation_problems(pool, keys)


def test_a_renamed_pool_fails_the_variation_check(pool, keys):
    """The check above rejects a generator that only renames: variant 1
    with other tenants, request ids and hosts."""
    renamed = {}
    for k in range(1, 4):
        files = {}
        for name, text in pool[1].items():
            for old, new in (("globex", f"t{k}a"), ("initech", f"t{k}b"),
                             ("umbrella", f"t{k}c"), ("R00", f"R{k}0"),
                             ("h-10", f"h-{k}0")):
                text = text.replace(old, new)
            files[name] = text
        renamed[k] = files
    fake_keys = {str(k): keys["1"] for k in renamed}
    problems = _real_variation_problems(renamed, fake_keys)
    assert len(problems) == 3 * 4, problems


def test_ps06_notebook_loads_the_variant_and_names_no_variant_value(pool):
    """The release's setup cell loads the learner's variant, and no prose or
    visible check names a tenant, workload, host or request of one variant
    (acme, the learner's company, and key-management, which Part E
    discusses, are in every variant)."""
    import nbformat

    nb = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert 'DATA = load("ps06-multi-tenancy")' in text
    assert 'Path("data")' not in text
    names = set()
    for files in pool.values():
        names |= {u["tenant_id"] for u in _rows(files["tenant-directory.csv"])}
        names |= {u["user_id"] for u in _rows(files["tenant-directory.csv"])}
        names |= {w["name"] for w in _workloads(files)}
        names |= {r["host"] for r in _rows(files["placement.csv"])}
        names |= {json.loads(line)["request_id"]
                  for line in files["access-log.jsonl"].splitlines()}
    names -= {"acme", "provider", "key-management"}
    lowered = text.lower()
    assert not sorted(n for n in names if n.lower() in lowered)
