"""ps08's variants: same structure and difficulty, really different values.

Every variant must put the same number of items in each answer category with
the same kinds of traps (so every sample misconception loses the same points
on every variant), and two variants must differ in the values that decide
the answers, not only in names: a variant that is the original with its ids
renamed is caught (the last test builds one and shows the check rejects it).
"""

import json
import re
from collections import Counter
from datetime import date

import nbformat
import pytest

from cloudsec import variants

from helpers import ROOT

AID = "ps08-trusting-what-you-cannot-touch"
SOURCE = ROOT / "source" / AID


def _pool():
    return {k: {name: json.loads(text) for name, text in files.items()}
            for k, files in variants.pool_texts(SOURCE).items()}


def _keys():
    return variants.read_keys(SOURCE)["variants"]


def _needs(w):
    """The capability profile of a workload (the rule of Part B)."""
    return (w["data_class"] in ("confidential", "restricted"),
            w["insider_threat"] == "provider",
            "exclusive-hsm" in w["regulator_requires"],
            w["jurisdiction_rule"] == "keys-outside-provider")


def _shape(files, key):
    """What a misconception's score depends on: counts per answer and traps."""
    att = files["attestation-reports.json"]["attestations"]
    nonces = [a["nonce_sent"] for a in att]
    replays = [i for i, a in enumerate(att)
               if a["report"]["report_data"][:64] in nonces[:i]]
    policy = files["workload-policy.json"]["policy"]
    above = [a["id"] for a in att
             if any(a["report"]["reported_tcb"][p] > v
                    for p, v in policy["min_tcb"].items())]
    at_min = [a["id"] for a in att if a["report"]["reported_tcb"] == policy["min_tcb"]]
    signature_traps = [a for a in att if a["report"]["signature"]["verified"]
                       and a["report"]["signature"]["root_fingerprint"]
                       != policy["trusted_root_fingerprint"]]
    workloads = files["workloads.json"]["workloads"]
    custody = key["custody"]["expected"]
    internal_byok = [w for w in workloads if custody[w["id"]] == "byok"
                     and w["data_class"] == "internal"]
    soc2, estate = files["soc2-excerpt.json"], files["estate.json"]
    used = set(estate["services_used"])
    hits = Counter("unused" if not used & set(e["services"]) else
                   "partial" if set(e["services"]) - used else "used"
                   for e in soc2["exceptions"])
    statuses = Counter(c["status"] for c in estate["customer_controls"])
    logs = files["logging-config.json"]
    kinds = Counter((e["kind"], key["evidence"]["expected"][e["id"]])
                    for e in logs["evidence"])
    return {
        "A shipped": sorted(map(tuple, key["attestation_shipped"]["expected"])),
        "A hidden": key["attestation_hidden"]["expected"],
        "A traps": (len(replays), len(above), len(at_min), len(signature_traps)),
        "B answers": sorted(Counter(map(str, custody.values())).items()),
        "B internal byok": len(internal_byok),
        "C gaps": sorted(Counter(g.split(":")[0] for g in
                                 key["gaps_found"]["expected"]).items()),
        "C traps": (sorted(hits.items()), sorted(statuses.items()),
                    len(used - set(soc2["system_description"]["in_scope_services"]))),
        "D statuses": sorted(kinds.items()),
    }


def test_ps08_has_variants():
    assert (SOURCE / ".variants" / "generator.py").is_file()
    assert variants.read_keys(SOURCE)["n"] == 8


def test_ps08_structure_and_difficulty_are_the_same_in_every_variant():
    """Same answers per category and the same traps in every variant, so what
    a misconception costs cannot depend on the variant."""
    pool, keys = _pool(), _keys()
    first = _shape(pool[1], keys["1"])
    assert first["A traps"] == (1, 1, 5, 1)  # replay, above, at min, root
    assert first["B internal byok"] == 1
    for k in range(2, len(pool) + 1):
        shape = _shape(pool[k], keys[str(k)])
        for part, value in first.items():
            assert shape[part] == value, (k, part, shape[part], value)


def _deciding(files, key):
    """The values that decide the answers, with every id and name left out
    (what a renaming cannot change)."""
    att = files["attestation-reports.json"]["attestations"]
    policy = files["workload-policy.json"]["policy"]
    soc2, estate = files["soc2-excerpt.json"], files["estate.json"]
    logs = files["logging-config.json"]
    ranked = sorted(files["key-custody-options.json"]["options"],
                    key=lambda o: o["rank"])
    return {
        "A": (tuple(policy["min_tcb"].values()),
              tuple(tuple(a["report"]["reported_tcb"].values()) for a in att),
              tuple(tuple(r) for r in key["attestation_shipped"]["expected"])),
        "B": (tuple(_needs(w) for w in files["workloads.json"]["workloads"]),
              tuple(tuple(o["capabilities"]) for o in ranked)),
        "C": (tuple(sorted(c["topic"] for c in estate["customer_controls"]
                           if c["status"] != "in place")),
              next(c["topic"] for c in estate["customer_controls"]
                   if c["status"] == "partial"),
              tuple(sorted(set(estate["services_used"])
                           - set(soc2["system_description"]["in_scope_services"]))),
              tuple(sorted(s for e in soc2["exceptions"] for s in e["services"])),
              soc2["period"]["end"]),
        "D": (logs["incident"]["date"],
              tuple(sorted((s["records"][0], s["retention_days"] or 0)
                           for s in logs["sources"])),
              tuple(sorted(e["time"] for e in logs["evidence"]))),
    }


def _same_values(pool, keys):
    """Pairs of variants and the parts whose deciding values are equal."""
    values = {k: _deciding(pool[k], keys[str(k)]) for k in pool}
    return [(i, j, part) for i in values for j in values if i < j
            for part in values[i] if values[i][part] == values[j][part]]


def test_ps08_variation_is_real_not_a_renaming():
    """Every pair of variants differs in the values that decide each part."""
    assert _same_values(_pool(), _keys()) == []


def test_a_rename_only_pool_is_caught():
    """The check above can fail: the original with every id renamed (what a
    rename-only generator writes) is rejected for every part."""
    original = _pool()[1]
    key = _keys()["1"]
    text = json.dumps(original)
    renamed_key = json.loads(json.dumps(key))
    for old in [w["id"] for w in original["workloads.json"]["workloads"]]:
        text = text.replace(f'"{old}"', f'"{old}-x"')
        renamed_key["custody"]["expected"][f"{old}-x"] = (
            renamed_key["custody"]["expected"].pop(old))
    text = re.sub(r"att-0(\d)", r"report-\1", text)
    text = text.replace("Fenwick Mutual", "Other Mutual")
    renamed = json.loads(text)
    pool = {1: original, 2: renamed}
    keys = {"1": key, "2": renamed_key}
    assert {part for _, _, part in _same_values(pool, keys)} == {"A", "B", "C", "D"}


def test_ps08_prose_and_visible_checks_name_no_value_of_one_variant():
    """No evidence id, workload id or report value of any variant in the
    release notebook (the generic test checks the key strings)."""
    release = nbformat.read(ROOT / "release" / AID / f"{AID}.ipynb", as_version=4)
    text = "\n".join(c.source for c in release.cells)
    assert 'load("ps08-trusting-what-you-cannot-touch")' in text
    for files in _pool().values():
        logs = files["logging-config.json"]
        names = [e["id"] for e in logs["evidence"]]
        names += [w["id"] for w in files["workloads.json"]["workloads"]]
        names += [files["estate.json"]["organisation"].split(" (")[0],
                  files["soc2-excerpt.json"]["title"].split(" Ltd:")[0],
                  files["workload-policy.json"]["policy"]["measurement"],
                  logs["incident"]["date"]]
        for name in names:
            assert name not in text, name


@pytest.mark.parametrize("k", range(1, 9))
def test_ps08_every_variant_is_consistent(k):
    """Dates and facts a learner relies on hold in every variant: the SOC 2
    period ends before the review, the replayed nonce is an earlier one, the
    evidence is about resources the sources or actions name."""
    files = _pool()[k]
    soc2, estate = files["soc2-excerpt.json"], files["estate.json"]
    assert soc2["period"]["end"] < estate["review_date"]
    assert soc2["bridge_letter"] is None
    scope = soc2["system_description"]
    for exception in soc2["exceptions"]:  # the auditor tested only what is in scope
        assert set(exception["services"]) <= set(scope["in_scope_services"])
    assert not set(scope["in_scope_services"]) & set(scope["excluded_services"])
    logs = files["logging-config.json"]
    review = date.fromisoformat(logs["review_date"])
    covered = {r for s in logs["sources"] for r in s["covers"]}
    acted = {a["resource"] for act in logs["incident_response_actions"]
             for a in act["acquired"] + act["destroyed"]}
    for item in logs["evidence"]:
        assert date.fromisoformat(item["time"]) < review
        if item["kind"] in ("memory", "volume"):
            assert item["resource"] in acted, item
        elif item["kind"] != "data-event":
            assert item["resource"] in covered, item
        assert item["resource"] in (logs["incident"]["summary"] + "account"
                                    + item["description"]), item
