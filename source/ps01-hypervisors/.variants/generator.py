"""Variant generator of ps01 (instructor-side: never released).

Variant 1 is the original. Every other variant keeps the same hosts
(products, versions, support status, notes), the same advisories and the
same placement of VMs (so the same affected hosts, patch order and mixed
hosts, and the same difficulty) and changes what a copied answer depends
on: the name of every host (new cluster letters and numbers, new names for
the two workstations), the advisories' ids, and the order of the hosts and of the VMs in the
inventory. ``artefacts(k)`` returns ``{file name: text}``; the keys come from
running the reference solution (``python -m cloudsec.variants generate ps01``).
"""

import random
import re
from pathlib import Path

N = 8
SEED = "ps01-hypervisors/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
WORKSTATIONS = ["lab-wks", "path-pc", "histo-wks", "lab-pc", "micro-wks", "pc-lab",
                "blood-wks", "gen-wks"]
LAPTOPS = ["dev-wks", "dev-lap", "eng-nb", "dev-nb", "code-lap", "build-lap",
           "sw-nb", "app-lap"]


def _names(k, rng, hosts):
    letters = rng.sample("abcdfghjkmnpqrstuvwxyz", 6)
    cluster_letter = {}
    used = set()
    mapping = {}
    for name in hosts:
        match = re.fullmatch(r"(esx|hv|kvm|xen)-([a-e])(\d+)", name)
        if match:
            prefix, letter, _ = match.groups()
            new_letter = cluster_letter.setdefault(
                letter, letters[len(cluster_letter)])
            while True:
                new = f"{prefix}-{new_letter}{rng.randrange(1, 40):02d}"
                if new not in used:
                    break
        elif name.startswith("lab-wks"):
            new = f"{WORKSTATIONS[k - 1]}-{rng.randrange(1, 40):02d}"
        else:
            new = f"{LAPTOPS[k - 1]}-{rng.randrange(1, 40):02d}"
        used.add(new)
        mapping[name] = new
    return mapping


def artefacts(k):
    """The two artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    original = {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    if k == 1:
        return original
    rng = random.Random(f"{SEED}/{k}")
    text = original["inventory.yaml"]
    hosts = re.findall(r"^  - \{name: ([\w-]+), cluster:", text, re.M)
    mapping = _names(k, rng, hosts)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, mapping)) + r")\b")
    text = pattern.sub(lambda m: mapping[m.group(1)], text)
    lines = text.split("\n")
    for marker in ("  - {name: ", ):
        blocks, start = [], None
        for i, line in enumerate(lines):
            if line.startswith(marker):
                start = i if start is None else start
                blocks.append(i)
            elif start is not None and blocks and i == blocks[-1] + 1:
                # end of a run of one-line entries: shuffle it
                run = [lines[j] for j in blocks]
                rng.shuffle(run)
                for j, new in zip(blocks, run, strict=True):
                    lines[j] = new
                blocks, start = [], None
    base = 10 * k + rng.randrange(0, 5)  # distinct in every variant
    advisories = re.sub(r'"id": "ADV-(\d+)"',
                        lambda m: f'"id": "ADV-{base + int(m.group(1)):02d}"',
                        original["advisories.json"])
    return {"inventory.yaml": "\n".join(lines), "advisories.json": advisories}
