"""ps05's variants (issue 16): same structure and difficulty, real variation.

Every variant must hold the same number of items in each answer category
with the same traps (so every sample misconception loses the same points on
every variant), and two variants must differ in the values that decide the
answers, not only in names: a variant that is variant 1 with other Sids, an
other account and other ids is refused (the last test builds one).
"""

import json
import re
from collections import Counter
from fnmatch import fnmatchcase

import pytest

from cloudsec import variants

from helpers import ROOT

AID = "ps05-serverless"
SOURCE = ROOT / "source" / AID
FUNCTIONS = ["nightly-report", "order-webhook", "resize-images"]


@pytest.fixture(scope="module")
def pool():
    return variants.pool_texts(SOURCE)


@pytest.fixture(scope="module")
def keys():
    return variants.read_keys(SOURCE)["variants"]


def _parsed(files):
    return {
        "policies": json.loads(files["policies.json"]),
        "log": [json.loads(line) for line in files["activity-log.jsonl"].splitlines()
                if line.strip()],
        "events": json.loads(files["events.json"])["events"],
        "requirements": {f: [ln.strip() for ln in
                             files[f"requirements-{f}.txt"].splitlines()
                             if ln.strip() and not ln.startswith("#")]
                         for f in FUNCTIONS},
        "advisories": json.loads(files["package-advisories.json"])["advisories"],
    }


def _statement(policies, sid):
    function, name = sid.split(":")
    return function, next(s for s in policies[function]["Statement"]
                          if s["Sid"] == name)


def _flaw(statement):
    actions, resources = statement["Action"], statement["Resource"]
    if "*" in actions:
        return "full"
    if any(a.endswith(":*") for a in actions):
        return "service"
    if "*" in resources:
        return "resource"
    return "unused"


def _covered(policies, function, action, resource):
    return any(fnmatchcase(action, a) and any(fnmatchcase(resource, r)
                                              for r in s["Resource"])
               for s in policies[function]["Statement"] for a in s["Action"])


def _event_flaw(event):
    """The one thing wrong with an event (None when it is valid)."""
    headers = {k.lower(): v for k, v in event["headers"].items()}
    if not headers.get("content-type", "").startswith("application/json"):
        return "content type"
    if event["isBase64Encoded"]:
        return "base64 body"
    if len(event["body"].encode()) > 4096:
        return "oversized body"
    data = json.loads(event["body"])
    if not isinstance(data, dict):
        return "not an object"
    keys = {"order_id", "amount", "currency", "email"}
    if set(data) - keys:
        return "extra key"
    if keys - set(data):
        return "missing key"
    amount = data["amount"]
    if not re.fullmatch(r"ORD-[0-9]{6}", data["order_id"]):
        return "order id"
    if isinstance(amount, bool):
        return "bool amount"
    if isinstance(amount, str):
        return "string amount"
    if amount != amount:
        return "NaN amount"
    if not 0 < amount <= 10000:
        return "amount out of range"
    if data["currency"] not in ("EUR", "USD", "GBP"):
        return "currency"
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", data["email"]):
        return "e-mail"
    return None


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _vnum(text):
    parts = [int(p) for p in text.split(".")]
    return parts + [0] * (4 - len(parts))


def _hits(advisory, version):
    return any(_vnum(r["from"]) <= _vnum(version)
               and (r["fixed"] is None or _vnum(version) < _vnum(r["fixed"]))
               for r in advisory["affected"])


def _dependency_traps(data, key):
    """What kind of trap every requirement line is."""
    traps = Counter()
    exact_right = 0
    for function, lines in data["requirements"].items():
        affected = set(key["vulnerable_dependencies"]["expected"][function])
        exact = set()
        for line in lines:
            name, version = line.split("==")
            advisories = [a for a in data["advisories"]
                          if _norm(a["package"]) == _norm(name)]
            spelt_alike = [a for a in advisories if a["package"] == name]
            if spelt_alike and any(_hits(a, version) for a in spelt_alike):
                exact.add(line)
            if line in affected:
                hit = next(a for a in advisories if _hits(a, version))
                if hit["package"] != name:
                    traps["hit spelt otherwise"] += 1
                elif any(r["fixed"] is None for r in hit["affected"]):
                    traps["malicious, every version"] += 1
                elif any(r["from"] != "0" and _hits({"affected": [r]}, version)
                         for r in hit["affected"]):
                    traps["hit in a range above 0"] += 1
                else:
                    traps["hit spelt alike"] += 1
            elif advisories:
                below = any(r["from"] != "0" and _vnum(version) < _vnum(r["from"])
                            for a in advisories for r in a["affected"])
                traps["below a range" if below else "clean, has an advisory"] += 1
            else:
                traps["no advisory"] += 1
        exact_right += exact == affected
    return traps, exact_right


def _shape(files, key):
    data = _parsed(files)
    policies = data["policies"]
    over = key["over_found"]["expected"]
    flaws = Counter(_flaw(_statement(policies, sid)[1]) for sid in over)
    full_in = sorted(_statement(policies, sid)[0] for sid in over
                     if _flaw(_statement(policies, sid)[1]) == "full")
    refused = [r for r in data["log"] if "errorCode" in r]
    used = Counter(r["function"] for r in data["log"] if "errorCode" not in r)
    valid = key["validate_shipped"]["expected"]
    flaws_c = Counter(_event_flaw(e["event"]) for e in data["events"])
    traps, exact_right = _dependency_traps(data, key)
    affected = sorted(len(v) for v in
                      key["vulnerable_dependencies"]["expected"].values())
    return {
        "statements": {f: len(policies[f]["Statement"]) for f in FUNCTIONS},
        "over-privileged": len(over),
        "flaws": dict(flaws),
        "full wildcard in": full_in,
        "refused calls": len(refused),
        "refused calls granted": sum(_covered(policies, r["function"], r["action"],
                                              r["resource"]) for r in refused),
        "functions in the log": sorted(used),
        "events": len(data["events"]),
        "valid events": sum(valid),
        "event flaws": dict(flaws_c),
        "flaws match the key": [_event_flaw(e["event"]) is None
                                for e in data["events"]] == valid,
        "dependency traps": dict(traps),
        "functions right by exact names": exact_right,
        "affected per function": affected,
    }


def test_ps05_structure_and_difficulty_are_the_same_in_every_variant(pool, keys):
    """Same counts per answer category and the same traps in every variant,
    so what a misconception costs cannot depend on the variant."""
    want = _shape(pool[1], keys["1"])
    # what variant 1 (the original) is: the reference for every other
    assert want["flaws"] == {"full": 1, "service": 1, "resource": 1, "unused": 2}
    assert want["full wildcard in"] == ["order-webhook"]  # Part E reviews it
    assert want["refused calls"] == 2 and want["refused calls granted"] == 0
    assert want["valid events"] == 3 and want["flaws match the key"]
    assert len(want["event flaws"]) == 14  # thirteen flaws, one each, and None
    assert want["functions right by exact names"] == 1
    for k in sorted(pool)[1:]:
        assert _shape(pool[k], keys[str(k)]) == want, f"variant {k}"


def _signature(files, key):
    """What decides the answers, with every name taken out: the kinds and
    actions of the over-privileged statements, the flaws of the events in
    their order, and the affected packages and versions per function."""
    data = _parsed(files)
    policies = data["policies"]
    part_a = frozenset(
        (function, _flaw(s), tuple(sorted(s["Action"])))
        for function, s in (_statement(policies, sid)
                            for sid in key["over_found"]["expected"]))
    part_c = tuple(_event_flaw(e["event"]) for e in data["events"])
    part_d = frozenset((f, _norm(line.split("==")[0]), line.split("==")[1])
                       for f, lines in key["vulnerable_dependencies"][
                           "expected"].items() for line in lines)
    return {"A": part_a, "C": part_c, "D": part_d}


def _differ_pairwise(signatures):
    problems = []
    ks = sorted(signatures)
    for i in ks:
        for j in ks:
            if i < j:
                for part in signatures[i]:
                    if signatures[i][part] == signatures[j][part]:
                        problems.append(f"variants {i} and {j}: part {part}")
    return problems


def test_ps05_variation_is_real_not_a_renaming(pool, keys):
    """Every pair of variants differs in the values that decide Parts A, C
    and D, not only in Sids, accounts and ids."""
    signatures = {k: _signature(pool[k], keys[str(k)]) for k in pool}
    assert not _differ_pairwise(signatures)


SID_RENAMES = {"ReadOrders": "OrderHistory", "Everything": "AdminAccess",
               "WriteThumbs": "Thumbs", "Reports": "Exports", "Orders": "Sales"}


def _renamed(files):
    """Variant 1 with other names only: what a rename-only generator writes."""
    out = {}
    for name, text in files.items():
        text = text.replace("123456789012", "987654321098")
        text = text.replace("eu-west-1", "us-east-2").replace("shop-", "store-")
        for old, new in SID_RENAMES.items():
            text = text.replace(f'"{old}"', f'"{new}"')
        out[name] = text.replace("ORD-1042", "ORD-7042")
    return out


def test_ps05_signature_sees_through_a_rename_only_variant(pool, keys):
    """The variation test above refuses a rename-only pool: a renamed copy
    of variant 1 has another key but the same deciding values."""
    renamed = _renamed(pool[1])
    assert renamed != pool[1]
    over = [f"{f}:{SID_RENAMES.get(s, s)}" for f, s in
            (sid.split(":") for sid in keys["1"]["over_found"]["expected"])]
    key = {**keys["1"], "over_found": {"expected": over}}
    assert key != keys["1"]
    signatures = {1: _signature(pool[1], keys["1"]), 2: _signature(renamed, key)}
    assert _differ_pairwise(signatures) == [f"variants 1 and 2: part {p}"
                                            for p in "ACD"]
