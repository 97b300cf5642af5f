"""Variant generator of ps03 (instructor-side: never released).

Every variant keeps the structure and the difficulty of the original
artefacts (variant 1 *is* the original): fourteen incidents with the same
failed layers per service-model group, six systems with the same service
models and the same gaps, twelve controls (one per layer), twelve policy
statements of which the same five are wrong, nine VMs with the same overdue
pattern. What changes: incident ids, dates and order; system, team and VM
names; control ids and their order; the order (and so the ids) of the policy
statements; patch dates. A learner who reads another variant learns nothing
that answers their own: the entities and ids differ, the rules do not.

``artefacts(k)`` returns ``{relative path: text}``; ``key_options(k)`` the
per-variant ``select`` of the checks graded on a subset of the incidents.
The expected answers themselves come from running the reference solution
(``python -m cloudsec.variants generate ps03``).
"""

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

N = 8
SEED = "ps03-shared-responsibility/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"

# (slot, service model) -> names per variant; the first is the original
SYSTEMS = {
    "shop-web": ["shop-web", "storefront", "web-shop", "shop-front",
                 "online-shop", "shop-frontend", "eshop-web", "shop-site"],
    "payments-db": ["payments-db", "pay-db", "card-db", "payments-pg",
                    "checkout-db", "paydata-db", "tokens-db", "billing-db"],
    "label-printer": ["label-printer", "label-maker", "shipping-labels",
                      "label-renderer", "parcel-labels", "label-service",
                      "dispatch-labels", "label-writer"],
    "crm": ["crm", "sales-crm", "crm-cloud", "client-hub", "deal-desk",
            "sales-hub", "account-hub", "crm-suite"],
    "warehouse-scanners": ["warehouse-scanners", "stock-scanners",
                           "depot-scanners", "dock-scanners", "picking-scanners",
                           "yard-scanners", "inventory-scanners",
                           "pallet-scanners"],
    "portal-app": ["portal-app", "customer-portal", "portal-web", "my-account",
                   "portal-site", "account-portal", "self-service",
                   "portal-frontend"],
}
# teams named after a system: the original prefix, replaced per variant
TEAM_PREFIX = {"shop-web": "shop", "payments-db": "payments",
               "label-printer": "logistics", "warehouse-scanners": None,
               "crm": None, "portal-app": "portal"}


def _read(name):
    return (ORIGINAL / name).read_text(encoding="utf-8")


def _rows(name):
    return list(csv.DictReader(io.StringIO(_read(name))))


def _csv(rows, fields):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _names(k):
    return {slot: names[k - 1] for slot, names in SYSTEMS.items()}


def _rename(text, names):
    # longest first, so "shop-web" is replaced before any shorter name
    for old in sorted(names, key=len, reverse=True):
        text = text.replace(old, f"\0{list(names).index(old)}\0")
    for i, new in enumerate(names.values()):
        text = text.replace(f"\0{i}\0", new)
    return text


def _team(team, names):
    for slot, prefix in TEAM_PREFIX.items():
        if prefix and team.startswith(prefix + "-"):
            return names[slot].split("-")[0] + team[len(prefix):]
    return team


def _incidents(k, rng):
    rows = _rows("incident-register.csv")
    if k == 1:
        return rows
    order = list(range(len(rows)))
    rng.shuffle(order)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 10))
    days = sorted(rng.sample(range(0, 170), len(rows)))
    base = rng.randrange(31, 97) * 100 + rng.randrange(0, 60)
    out = []
    for i, src in enumerate(order):
        row = dict(rows[src])
        row["id"] = f"INC-{base + i}"
        row["reported"] = (start + timedelta(days=days[i])).isoformat()
        out.append(row)
    return out


def _controls(k, rng):
    rows = _rows("controls.csv")
    if k == 1:
        return rows, {r["control_id"]: r["control_id"] for r in rows}
    numbers = sorted(rng.sample(range(10, 100), len(rows)))
    shuffled = rows[:]
    rng.shuffle(shuffled)
    renum = {}
    out = []
    for number, row in zip(numbers, shuffled):
        renum[row["control_id"]] = f"CTL-{number:02d}"
        out.append({**row, "control_id": f"CTL-{number:02d}"})
    return out, renum


def _estate(k, rng, names):
    text = _read("estate.yaml")
    header, _, body = text.partition("systems:\n")
    blocks = ["  - name:" + b for b in body.split("  - name:")[1:]]
    if k > 1:
        rng.shuffle(blocks)
    return _rename(header + "systems:\n" + "".join(
        b if b.endswith("\n") else b + "\n" for b in blocks), names)


def _policy(k, rng):
    text = _read("draft-policy.md")
    lines = text.splitlines()
    items = [ln for ln in lines if ln.startswith("- **P")]
    head = [ln for ln in lines if not ln.startswith("- **P")]
    bodies = [ln.split(".** ", 1)[1] for ln in items]
    if k > 1:
        rng.shuffle(bodies)
    numbered = [f"- **P{i}.** {b}" for i, b in enumerate(bodies, 1)]
    return "\n".join(head + numbered) + "\n"


def _patches(k, rng, names):
    rows = _rows("vm-patch-status.csv")
    if k == 1:
        return rows
    today = date(2026, 3, 1)  # the date the notebook's Part D uses
    prefix = {"web": names["shop-web"].split("-")[0],
              "ds": rng.choice(["ds", "ml", "bi", "etl"]),
              "jump": rng.choice(["jump", "bastion", "admin"]),
              "build": rng.choice(["build", "ci", "runner"]),
              "pg": names["payments-db"].split("-")[0],
              "portal": names["portal-app"].split("-")[0]}
    out = []
    for row in rows:
        row = dict(row)
        stem, _, num = row["vm"].partition("-")
        if stem == "pg":
            row["vm"] = f"pg-{prefix['pg']}"
        elif stem == "portal":
            row["vm"] = prefix["portal"]
        else:
            row["vm"] = f"{prefix[stem]}-{num}"
        since = row["missing_critical_since"]
        if since:
            age = (today - date.fromisoformat(since)).days
            # same side of the 30-day limit, never on it
            new_age = rng.randrange(35, 220) if age > 30 else rng.randrange(3, 28)
            row["missing_critical_since"] = (today - timedelta(days=new_age)
                                             ).isoformat()
        out.append(row)
    rng.shuffle(out)
    return out


def artefacts(k):
    """The six artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:  # the original, hand-written artefacts, byte for byte
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    names = _names(k)
    incidents = _incidents(k, rng)
    controls, renum = _controls(k, rng)
    raci = []
    for row in _rows("raci.csv"):
        raci.append({"system": names[row["system"]],
                     "control_id": renum[row["control_id"]],
                     "operated_by": _team(row["operated_by"], names)})
    order = {c["control_id"]: i for i, c in enumerate(controls)}
    systems = [names[s] for s in SYSTEMS]
    raci.sort(key=lambda r: (systems.index(r["system"]), order[r["control_id"]]))
    return {
        "incident-register.csv": _csv(incidents, list(incidents[0])),
        "estate.yaml": _estate(k, rng, names),
        "controls.csv": _csv(controls, ["control_id", "layer", "control"]),
        "raci.csv": _csv(raci, ["system", "control_id", "operated_by"]),
        "draft-policy.md": _policy(k, rng),
        "vm-patch-status.csv": _csv(_patches(k, rng, names),
                                    list(_rows("vm-patch-status.csv")[0])),
    }


def key_options(k):
    """Per-variant options of the checks: which incidents each group grades."""
    rows = list(csv.DictReader(io.StringIO(artefacts(k)["incident-register.csv"])))
    groups = {"attribution_iaas": ("IaaS",), "attribution_platform": ("PaaS", "FaaS"),
              "attribution_saas": ("SaaS",)}
    return {name: {"select": [r["id"] for r in rows if r["service_model"] in models]}
            for name, models in groups.items()}
