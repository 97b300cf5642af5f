"""ps04's variants (issue 16): same structure and difficulty, real variation.

Every variant must have the same number of items in each answer category
(so a misconception costs the same on every variant), and two variants must
differ in the values that decide answers, not only in names and ids: the
rename-invariant parts of the artefacts (the claim texts, the service
descriptions, the profiles' attributes) and every check's key differ between
every pair of variants. ``test_a_rename_only_pool_is_caught`` shows that
check failing on a pool made by renaming alone.
"""

import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import nbformat
import yaml

from cloudsec import variants

from helpers import ROOT

PS04 = "ps04-deployment-models"
SOURCE = ROOT / "source" / PS04
ORIGINAL = SOURCE / ".variants" / "original"
CLAIM_RE = re.compile(r"^- \*\*(V\d+)\.\*\* (.+)$", re.M)


def _keys():
    return variants.read_keys(SOURCE)["variants"]


def _parse(files):
    return {
        "environments": yaml.safe_load(files["environments.yaml"])["environments"],
        "services": yaml.safe_load(files["services.yaml"])["services"],
        "profiles": yaml.safe_load(files["profiles.yaml"])["profiles"],
        "claims": dict(CLAIM_RE.findall(files["vendor-sheet.md"])),
        "vendor": files["vendor-sheet.md"].splitlines()[0],
    }


def _shape(key, files):
    """What decides difficulty: answer counts per graded group, id sets."""
    art = _parse(files)
    return (
        tuple(key["models_core"]["select"]), tuple(key["models_traps"]["select"]),
        tuple(sorted(key["models_core"]["expected"].values())),
        tuple(sorted(key["models_traps"]["expected"].values())),
        tuple(sorted(tuple(v) for v in key["missing_characteristics"]
                     ["expected"].values())),
        tuple(sorted(key["recommendations"]["expected"].values())),
        len(key["claims_false_found"]["expected"]),
        key["claims_false_found"]["expected"] == key["claims_true_kept"]["expected"],
        [e["id"] for e in art["environments"]], [s["id"] for s in art["services"]],
        [p["id"] for p in art["profiles"]], sorted(art["claims"], key=lambda c:
                                                  int(c[1:])),
    )


def test_ps04_structure_and_difficulty_are_the_same_in_every_variant():
    """Same ids, same graded groups, the same number of each answer in each
    group, the same missing-characteristic sets, five false claims of ten:
    what a misconception costs cannot depend on the variant."""
    pool = variants.pool_texts(SOURCE)
    keys = _keys()
    assert len(pool) == len(keys) == 8
    shape = _shape(keys["1"], pool[1])
    for k in range(2, len(pool) + 1):
        assert _shape(keys[str(k)], pool[k]) == shape, k


def _rename_invariant(files):
    """The parts of a variant that renaming items (and renumbering their ids)
    cannot change."""
    art = _parse(files)
    return {
        "claim texts": frozenset(art["claims"].values()),
        "service descriptions": frozenset(" ".join(s["description"].split())
                                          for s in art["services"]),
        "profile attributes": frozenset(Counter(
            tuple(sorted((f, v) for f, v in p.items()
                         if f not in ("id", "name", "description")))
            for p in art["profiles"]).items()),
    }


def _variation_problems(pool):
    problems = []
    for i, j in combinations(sorted(pool), 2):
        a, b = _rename_invariant(pool[i]), _rename_invariant(pool[j])
        for part in a:
            if a[part] == b[part]:
                problems.append(f"variants {i} and {j}: same {part}")
    return problems


def test_ps04_variation_is_more_than_renaming():
    """Between every pair of variants the values that decide answers differ:
    every check's key, and the parts of the artefacts a renaming keeps."""
    pool = variants.pool_texts(SOURCE)
    keys = _keys()
    assert not _variation_problems(pool)
    for i, j in combinations(sorted(keys, key=int), 2):
        for check in keys[i]:
            assert keys[i][check]["expected"] != keys[j][check]["expected"], (
                f"variants {i} and {j} answer {check} alike")


def _renamed(files, n):
    """Variant 1 with every name changed and every list's ids renumbered
    (what a rename-only generator would write)."""
    art = _parse(files)
    out = {}
    for name, key in (("environments.yaml", "environments"),
                      ("services.yaml", "services"), ("profiles.yaml", "profiles")):
        items = list(reversed(art[key]))
        prefix = items[0]["id"][0]
        for i, item in enumerate(items, 1):
            item["id"] = f"{prefix}{i}"
            item["name"] = f"{item['name']}-{n}"
        out[name] = yaml.safe_dump({key: items}, sort_keys=False)
    claims = list(art["claims"].values())[::-1]
    out["vendor-sheet.md"] = "\n".join(
        [f"# Vendor {n}", ""] + [f"- **V{i}.** {t}" for i, t in enumerate(claims, 1)])
    return out


def test_a_rename_only_pool_is_caught():
    """The variation check fails on a pool made by renaming alone."""
    original = {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    fake = {1: original, **{k: _renamed(original, k) for k in range(2, 9)}}
    assert fake[2] != fake[3] != original
    problems = _variation_problems(fake)
    assert len(problems) == 3 * 28, problems  # every part of every pair


def test_variant_1_is_the_original_and_every_file_parses():
    pool = variants.pool_texts(SOURCE)
    assert pool[1] == {p.name: p.read_text(encoding="utf-8")
                       for p in ORIGINAL.iterdir()}
    for k, files in pool.items():
        art = _parse(files)
        assert len(art["environments"]) == 8 and len(art["services"]) == 5, k
        assert len(art["profiles"]) == 6 and len(art["claims"]) == 10, k
        for key in ("environments", "services", "profiles"):
            names = [item["name"] for item in art[key]]
            assert len(set(names)) == len(names), (k, key)


def test_part_e_profile_has_the_same_facts_in_every_variant():
    """Part E discusses the clinic chain by name: its facts never vary."""
    pool = variants.pool_texts(SOURCE)
    seen = []
    for files in pool.values():
        clinic = [p for p in _parse(files)["profiles"] if p["name"] == "clinic-chain"]
        assert len(clinic) == 1
        seen.append({f: v for f, v in clinic[0].items() if f != "id"})
    assert all(s == seen[0] for s in seen)


def test_ps04_notebook_names_nothing_of_one_variant():
    """No environment, service, profile or vendor name that only some
    variants have appears in the release notebook."""
    pool = variants.pool_texts(SOURCE)
    per_variant = []
    for files in pool.values():
        art = _parse(files)
        names = {item["name"] for key in ("environments", "services", "profiles")
                 for item in art[key]}
        names.add(art["vendor"].split(":")[0].lstrip("# "))
        per_variant.append(names)
    shared = set.intersection(*per_variant)
    assert shared == {"clinic-chain"}
    path = Path(ROOT / "release" / PS04 / f"{PS04}.ipynb")
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    for names in per_variant:
        for name in sorted(names - shared):
            assert name not in text, name
