"""Variant generator of ps06 (instructor-side: never released).

Variant 1 is the original, hand-written artefacts. Every other variant is
written afresh from a seed, with the same structure and the same traps in
the same numbers, so every misconception costs the same points everywhere:

- ``tenant-directory.csv`` / ``access-log.jsonl``: acme (the learner's
  organisation) and three other tenants drawn from a pool, other user,
  support and service-account ids, another morning of own-tenant traffic.
  Four cross-tenant reads (two by customer members, one by a support
  engineer without a ticket, one by a service account) and five look-alikes
  that are not (a cross-tenant GET refused with 403, one that found nothing
  with 404, a cross-tenant write refused with 403, a support read with a
  ticket, a member reading their own tenant spelled in capitals). Which
  tenants read and are read, and where in the log each one sits, change.
- ``latency.csv``: another baseline level, length and noise; two degraded
  periods (victim latency above twice the baseline while the neighbour's CPU
  is high) of other lengths at other minutes, and the same three
  look-alikes at other minutes: slow minutes with a quiet neighbour, a busy
  neighbour with normal latency, and a two-minute burst (below
  ``min_length``). No minute is near ``factor`` x baseline, so ``>`` and
  ``>=`` agree on the shipped telemetry.
- ``workloads.yaml``: six workloads: ``key-management`` (restricted, no
  requirement: Part E discusses it) and five from pools: one restricted and
  one confidential that need a dedicated host (each with either host
  requirement), one confidential and two public or internal ones with none,
  in another order.
- ``placement.csv``: other hosts, instance ids, observation window and
  hours; one neighbour shares two of acme's hosts, two share one each (one
  of them by exactly one hour), two instances only touch an acme instance in
  time (one ends when it starts, one starts when it ends) on hosts where
  their tenant has no overlap, and two run on hosts acme never uses.

``artefacts(k)`` returns ``{file name: text}``. The keys come from running
the reference solution on each variant (``python -m cloudsec.variants
generate ps06``); no check grades a subset of items, so there is no
``key_options``.
"""

import csv
import io
import json
import random
import statistics
from datetime import date, timedelta
from pathlib import Path

N = 8
SEED = "ps06-multi-tenancy/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
CUSTOMER = "acme"  # the learner's organisation, named in the prose

# fictional companies (no real customer's name), none a prefix of another
TENANTS = ["globex", "initech", "umbrella", "hooli", "vandelay", "contoso",
           "fabrikam", "tyrell", "cyberdyne", "wonka", "soylent", "oscorp",
           "aperture", "monarch", "dunder", "gringotts"]
SERVICE_SUFFIXES = ["sync", "etl", "export", "billing", "backup", "reports"]
RESOURCES = ["invoices", "files", "orders", "contracts", "tickets", "reports"]

# workloads: (pool of names, classification, requirement); None = drawn
WORKLOAD_SLOTS = [
    # restricted and needs the physical server: first rule wins
    (["payment-tokeniser", "card-vault", "cardholder-db", "fraud-scoring",
      "trading-engine", "patient-records", "identity-store", "pii-vault"],
     "restricted", None),
    # restricted, no requirement: a dedicated instance is enough
    (["key-management"], "restricted", "none"),
    # confidential and needs the physical server
    (["hr-records", "erp-database", "payroll", "billing-ledger", "legacy-erp",
      "reporting-db", "contracts-archive", "crm-database"],
     "confidential", None),
    # confidential, no requirement: shared (the "sensitive means dedicated" trap)
    (["analytics-batch", "data-lake-etl", "bi-dashboards", "log-pipeline",
      "support-desk", "recommendations", "search-index", "email-campaigns"],
     "confidential", "none"),
    # not sensitive, no requirement (two of them, each with its own class)
    (None, None, "none"),
    (None, None, "none"),
]
# names that are not sensitive, with the classification each would carry
PLAIN = [("marketing-site", "public"), ("docs-portal", "public"),
         ("status-page", "public"), ("careers-site", "public"),
         ("press-room", "public"), ("help-centre", "public"),
         ("order-api", "internal"), ("build-runners", "internal"),
         ("internal-wiki", "internal"), ("test-environments", "internal"),
         ("feature-flags", "internal"), ("service-catalogue", "internal")]
HOST_REQUIREMENTS = ["physical-host-evidence", "licence-per-physical-core"]


def _read(name):
    return (ORIGINAL / name).read_text(encoding="utf-8")


def _csv(rows, fields):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- Part A: the tenant directory and the access log ------------------------


def _directory(rng, tenants):
    members = {}
    rows = []
    for tenant in tenants:
        count = rng.randrange(2, 5)
        numbers = sorted(rng.sample(range(1, 20), count))
        members[tenant] = [f"{tenant}-u{n}" for n in numbers]
        rows += [{"user_id": u, "tenant_id": tenant, "role": "member"}
                 for u in members[tenant]]
    support = [f"sup-{n}" for n in sorted(rng.sample(range(1, 30),
                                                     rng.randrange(2, 4)))]
    rows += [{"user_id": u, "tenant_id": "provider", "role": "support"}
             for u in support]
    owner = rng.choice(tenants)
    service = f"{owner}-{rng.choice(SERVICE_SUFFIXES)}"
    rows.append({"user_id": service, "tenant_id": owner, "role": "service"})
    return rows, members, support, (service, owner)


def _specials(rng, tenants, members, support, service):
    """The four cross-tenant reads and the five look-alikes, as
    (user, method, path tenant, status, ticket) tuples."""

    def other(tenant):
        return rng.choice([t for t in tenants if t != tenant])

    def member():
        tenant = rng.choice(tenants)
        return rng.choice(members[tenant]), tenant

    out = []
    # two reads by customer members of another tenant's data: one user twice,
    # or two users
    user, tenant = member()
    victim = other(tenant)
    out.append((user, "GET", victim, 200, None))
    if rng.random() < 0.5:
        out.append((user, "GET", victim, 200, None))
    else:
        user, tenant = member()
        out.append((user, "GET", other(tenant), 200, None))
    # a support engineer without a ticket
    out.append((rng.choice(support), "GET", rng.choice(tenants), 200, None))
    # a service account reading outside its own tenant
    out.append((service[0], "GET", other(service[1]), 200, None))
    # look-alikes: refused, not found, a refused write, a ticketed support
    # read, the user's own tenant in capitals
    user, tenant = member()
    out.append((user, "GET", other(tenant), 403, None))
    user, tenant = member()
    out.append((user, "GET", other(tenant), 404, None))
    user, tenant = member()
    out.append((user, rng.choice(["PUT", "DELETE"]), other(tenant), 403, None))
    out.append((rng.choice(support), "GET", rng.choice(tenants), 200,
                f"SUP-{rng.randrange(1000, 10000)}"))
    user, tenant = member()
    out.append((user, "GET", rng.choice([tenant.upper(), tenant.capitalize()]),
                200, None))
    return out


def _access_log(rng, tenants, members, support, service):
    normal = []
    for _ in range(rng.randrange(36, 46)):
        if rng.random() < 0.1:
            user, tenant = service
        else:
            tenant = rng.choice(tenants)
            user = rng.choice(members[tenant])
        method = "GET" if rng.random() < 0.65 else "PUT"
        normal.append((user, method, tenant, 200, None))
    specials = _specials(rng, tenants, members, support, service)
    entries = normal[:]
    for item in specials:
        entries.insert(rng.randrange(0, len(entries) + 1), item)
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    minutes = sorted(rng.sample(range(0, 280), len(entries)))
    start_hour = rng.choice([7, 8])
    base = rng.randrange(100, 9000)
    resources = rng.sample(range(1000, 9999), len(entries))
    lines = []
    for i, (user, method, tenant, status, ticket) in enumerate(entries):
        minute = minutes[i]
        record = {
            "request_id": f"R{base + i:04d}",
            "time": f"{day.isoformat()}T{start_hour + minute // 60:02d}:"
                    f"{minute % 60:02d}:{rng.randrange(60):02d}Z",
            "user_id": user,
            "method": method,
            "path": f"/api/tenants/{tenant}/{rng.choice(RESOURCES)}/{resources[i]}",
            "status": status,
        }
        if ticket:
            record["support_ticket"] = ticket
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


# --- Part B: the latency telemetry ------------------------------------------


def _latency(rng):
    minutes = rng.randrange(220, 261)
    level = rng.uniform(12.0, 32.0)  # the quiet p99, in ms

    def quiet_p99():
        return round(level * rng.uniform(0.75, 1.2), 1)

    def quiet_cpu():
        return round(rng.uniform(8.0, 46.0), 1)

    def busy_cpu():
        return round(rng.uniform(85.0, 99.5), 1)

    # (kind, length): two real periods and the three look-alikes
    events = [("period", rng.randrange(5, 11)), ("period", rng.randrange(5, 11)),
              ("slow-only", rng.randrange(3, 7)), ("busy-only", rng.randrange(4, 9)),
              ("burst", 2)]
    rng.shuffle(events)
    while True:  # place them after the baseline hour, apart, not at the end
        starts, at = [], 60 + rng.randrange(8, 25)
        for _, length in events:
            starts.append(at)
            at += length + rng.randrange(8, 45)
        if at <= minutes - 5:
            break
    rows = [[m, quiet_p99(), quiet_cpu()] for m in range(minutes)]
    # the baseline hour is quiet, so the slow minutes can be set against it
    baseline = statistics.median(r[1] for r in rows[:60])
    for (kind, length), start in zip(events, starts, strict=True):
        for m in range(start, start + length):
            if kind in ("period", "slow-only", "burst"):
                rows[m][1] = round(baseline * rng.uniform(2.4, 3.4), 1)
            if kind in ("period", "busy-only", "burst"):
                rows[m][2] = busy_cpu()
    # nothing near the factor x baseline line, nothing near the 80 % line
    assert all(r[1] < 1.5 * baseline or r[1] > 2.3 * baseline for r in rows)
    assert all(r[2] < 50 or r[2] > 84 for r in rows)
    return _csv([{"minute": m, "victim_p99_ms": f"{p:.1f}",
                  "neighbour_cpu_pct": f"{c:.1f}"} for m, p, c in rows],
                ["minute", "victim_p99_ms", "neighbour_cpu_pct"])


# --- Part C: the workloads --------------------------------------------------


def _workloads(rng):
    header = _read("workloads.yaml").partition("workloads:\n")[0]
    plain = iter(rng.sample(PLAIN, 2))
    items = []
    for names, classification, requirement in WORKLOAD_SLOTS:
        if names is None:
            name, classification = next(plain)
        else:
            name = rng.choice(names)
        items.append({"name": name, "classification": classification,
                      "requirement": requirement or rng.choice(HOST_REQUIREMENTS)})
    rng.shuffle(items)
    body = "".join(f"  - {{name: {w['name']}, classification: {w['classification']}"
                   f", requirement: {w['requirement']}}}\n" for w in items)
    return header + "workloads:\n" + body


# --- Part D: the placement records ------------------------------------------


def _placement(rng, tenants):
    while True:  # a draw can leave no room for a touch: draw again
        text = _try_placement(rng, tenants)
        if text is not None:
            return text


def _try_placement(rng, tenants):
    others = [t for t in tenants if t != CUSTOMER]
    rng.shuffle(others)
    two, narrow, short = others  # hosts shared: two, one by 1 h, one briefly
    window = rng.choice([48, 60, 72, 84, 96])
    numbers = rng.sample(range(100, 990), 5)
    hosts = [f"h-{n}" for n in numbers]
    mine_hosts, spare_hosts = hosts[:3], hosts[3:]
    while True:
        mine = {}
        for host in mine_hosts:
            start = rng.randrange(0, window // 3)
            mine[host] = (start, rng.randrange(start + window // 2, window + 1))
        # narrow: crosses the end by one hour (or the start); touches need a
        # victim interval that does not start at 0 / end at the window's end
        narrow_host = rng.choice(mine_hosts)
        s, e = mine[narrow_host]
        if e < window and s > 0:
            break
    records = []

    def add(tenant, host, start, end):
        records.append({"tenant": tenant, "host": host, "start_hour": start,
                        "end_hour": end})

    for host in mine_hosts:
        add(CUSTOMER, host, *mine[host])
    s, e = mine[narrow_host]
    if rng.random() < 0.5:
        add(narrow, narrow_host, e - 1, rng.randrange(e + 1, window + 1))
    else:
        add(narrow, narrow_host, rng.randrange(0, s), s + 1)
    a, b = rng.sample(mine_hosts, 2)
    s, e = mine[a]  # partial: one end outside, at least two hours shared
    if rng.random() < 0.5:
        add(two, a, rng.randrange(0, s + 1), rng.randrange(s + 2, e))
    else:
        add(two, a, rng.randrange(s + 1, e - 1), rng.randrange(e, window + 1))
    s, e = mine[b]  # contained
    first = rng.randrange(s + 1, e - 3)
    add(two, b, first, rng.randrange(first + 2, e))
    host = rng.choice(mine_hosts)
    s, e = mine[host]  # a short stay, one hour
    first = rng.randrange(s + 1, e - 1)
    add(short, host, first, first + 1)
    exposed = {(r["tenant"], r["host"]) for r in records if r["tenant"] != CUSTOMER}
    # the two touches, on (tenant, host) pairs with no overlap
    free = [(t, h) for t in others for h in mine_hosts if (t, h) not in exposed]
    ends_at_start = [(t, h) for t, h in free if mine[h][0] > 0]
    if not ends_at_start:
        return None
    t, h = rng.choice(ends_at_start)
    add(t, h, rng.randrange(0, mine[h][0]), mine[h][0])
    starts_at_end = [(t2, h2) for t2, h2 in free
                     if mine[h2][1] < window and (t2, h2) != (t, h)]
    if not starts_at_end:
        return None
    t, h = rng.choice(starts_at_end)
    add(t, h, mine[h][1], rng.randrange(mine[h][1] + 1, window + 1))
    for host in spare_hosts:  # hosts acme never used
        first = rng.randrange(0, window // 2)
        add(rng.choice(others), host, first, rng.randrange(first + 1, window + 1))
    rng.shuffle(records)
    ids = rng.sample(range(16 ** 4, 16 ** 5), len(records))
    rows = [{"instance_id": f"i-{n:05x}", **r}
            for n, r in zip(ids, records, strict=True)]
    return _csv(rows, ["instance_id", "tenant", "host", "start_hour", "end_hour"])


def artefacts(k):
    """The five artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:  # the original, hand-written artefacts, byte for byte
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    tenants = [CUSTOMER, *rng.sample(TENANTS, 3)]
    rng.shuffle(tenants)
    directory, members, support, service = _directory(rng, tenants)
    return {
        "tenant-directory.csv": _csv(directory, ["user_id", "tenant_id", "role"]),
        "access-log.jsonl": _access_log(rng, tenants, members, support, service),
        "latency.csv": _latency(rng),
        "workloads.yaml": _workloads(rng),
        "placement.csv": _placement(rng, tenants),
    }
