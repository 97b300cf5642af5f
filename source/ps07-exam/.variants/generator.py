"""Variant generator of ps07 (instructor-side: never released).

Variant 1 is the original. Every variant keeps the same eight questions
(with each question's options in another order, so other letters) and a case
study of the same shape: one Northwind system on IaaS virtual machines and
seven failures, one of every kind (party and layer) below, so the same
difficulty. What changes is the system reviewed (drawn from SYSTEMS_TEXT) and
the description of every failure (drawn from FAILURES, one per kind), and the
order, so the ids, of the failures. ``artefacts(k)`` returns
``{file name: text}``; the keys come from running the reference solution
(``python -m cloudsec.variants generate ps07``).
"""

import random
import re
from pathlib import Path

N = 8
SEED = "ps07-exam/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
LETTERS = "ABCD"

# The system under review, one per variant (the first is the original's).
SYSTEMS_TEXT = [
    "Northwind's web shop: eight Ubuntu virtual machines running nginx and the "
    "shop software behind the provider's load balancer, a PostgreSQL database on "
    "two more VMs, and nightly database backups in a storage bucket.",
    "Northwind's loyalty-points API, called by the mobile app: six Debian virtual "
    "machines running the API in containers, a MySQL database on its own VM, and "
    "its backups and exports of the points ledger in a storage bucket.",
    "Northwind's supplier portal, where suppliers upload invoices: four Rocky "
    "Linux virtual machines running the portal, a PostgreSQL database VM, and the "
    "uploaded invoices and database backups in a storage bucket.",
    "Northwind's click-and-collect booking service: five Ubuntu virtual machines "
    "running the booking application, a Redis cache and a PostgreSQL database on "
    "their own VMs, and database backups in a storage bucket.",
    "Northwind's returns service, used by store staff and customers: three Debian "
    "virtual machines running the returns application, a database VM, and photos "
    "of returned goods and database backups in a storage bucket.",
    "Northwind's gift-card service: four Ubuntu virtual machines running the card "
    "application, a PostgreSQL database on two VMs, and monthly statements and "
    "database backups in a storage bucket.",
    "Northwind's store stock-lookup service, used by shop-floor tablets: six "
    "Rocky Linux virtual machines running the lookup application, a database VM, "
    "and nightly stock snapshots and database backups in a storage bucket.",
    "Northwind's product recommendation service: seven Ubuntu virtual machines "
    "running the recommendation application and its model, a database VM, and "
    "the training data and database backups in a storage bucket.",
]

# (party, layer) -> (clue, description) entries; every variant has one failure
# of every kind. The party is the course view's owner of the layer in IaaS
# (cloudsec.responsibility.owner); the clue is the phrase the reference solution
# reads (unique in the bank). The first entry of each kind is the original's.
FAILURES = {
    ("customer", "guest-os"): [
        ("operating system had not received security updates",
         "The VMs' operating system had not received security updates for six "
         "months."),
        ("distribution's fix had been out",
         "The VMs still ran a kernel with a published privilege-escalation flaw; "
         "the distribution's fix had been out for four months, but no one had "
         "installed it."),
        ("matching guest kernel update",
         "After the provider patched its hypervisors against a CPU side-channel "
         "flaw, no one installed the matching guest kernel update on the VMs, so "
         "a process inside a VM could still read that VM's kernel memory."),
        ("never updated after launch",
         "The VMs were built from a year-old image and their operating system was "
         "never updated after launch, so its OpenSSH package had a known remote "
         "flaw."),
    ],
    ("customer", "identities"): [
        ("administrator account for the cloud console had no MFA",
         "An administrator account for the cloud console had no MFA and was "
         "phished."),
        ("committed to a public code repository",
         "An access key with full administrator rights was committed to a public "
         "code repository and used by an attacker within hours."),
        ("cloud account was never disabled",
         "A former contractor's cloud account was never disabled and was used to "
         "log in weeks after the contract ended."),
        ("one shared root account",
         "Every developer signed in with one shared root account of the cloud "
         "subscription, so no action could be traced to a person."),
    ],
    ("customer", "configuration"): [
        ("bucket's access setting had been left public",
         "The database backups in a storage bucket were encrypted and correctly "
         "classified, but the bucket's access setting had been left public, so "
         "anyone could list and download them."),
        ("blocks public access",
         "The storage bucket's setting that blocks public access was turned off "
         "during a migration and never turned back on, so the correctly "
         "classified files in it could be read by anyone."),
        ("Audit logging of the cloud account had been switched off",
         "Audit logging of the cloud account had been switched off to save costs, "
         "so the intrusion went unnoticed for weeks."),
        ("set never to expire",
         "A shared access link to the storage, created for a one-off transfer, "
         "was set never to expire and gave anyone holding it read access to "
         "every file."),
    ],
    ("provider", "virtualization"): [
        ("flaw in the provider's hypervisor",
         "A flaw in the provider's hypervisor let an attacker read memory of "
         "other tenants' VMs on the same host."),
        ("virtual device emulation",
         "A bug in the provider's virtual device emulation let code in another "
         "tenant's VM escape to the host that also ran Northwind's VMs."),
        ("virtual machine monitor did not clear",
         "The provider's virtual machine monitor did not clear some CPU register "
         "state when switching between guests, leaking data across tenants on "
         "shared hosts until the provider fixed it."),
    ],
    ("customer", "network-controls"): [
        ("security group in front of the VMs allowed SSH",
         "The security group in front of the VMs allowed SSH from any address."),
        ("database port from the whole internet",
         "The database VM's security group accepted connections on the database "
         "port from the whole internet instead of only from the application "
         "VMs."),
        ("allowed all outbound traffic",
         "The network rules of the VMs' subnet allowed all outbound traffic, so "
         "the attacker could copy data out to any server."),
        ("administration web interface",
         "The security group of the VMs left the port of an administration web "
         "interface open to any address."),
    ],
    ("provider", "datacenter"): [
        ("power failure in the provider's datacenter",
         "A power failure in the provider's datacenter took the region offline "
         "for hours."),
        ("cooling failure",
         "A cooling failure in one of the provider's data halls shut down the "
         "hosts under the VMs for half a day."),
        ("flood in the provider's datacenter",
         "A flood in the provider's datacenter building took a zone offline for a "
         "day."),
        ("badge reader",
         "An intruder got past the provider's site security into a data hall; "
         "the provider found that a badge reader had been faulty for weeks."),
    ],
    ("customer", "application"): [
        ("own code had an SQL injection flaw",
         "The application's own code had an SQL injection flaw."),
        ("path traversal",
         "The application used file names from requests without checking them, "
         "so an attacker read configuration files through path traversal."),
        ("bundled an outdated third-party library",
         "The application bundled an outdated third-party library with a "
         "published remote code execution flaw."),
        ("session tokens in its page URLs",
         "The application put session tokens in its page URLs, where they leaked "
         "through referrer headers and were replayed."),
    ],
}


def _questions(rng):
    text = (ORIGINAL / "questions.md").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"(?=^\*\*Q\d+\.\*\*)", text, flags=re.M):
        if not block.strip():
            continue
        stem = re.split(r"^- \*\*[A-D]\.\*\* ", block, flags=re.M)[0].rstrip()
        options = re.findall(r"^- \*\*[A-D]\.\*\* (.+)$", block, re.M)
        order = list(range(len(options)))
        while order == sorted(order):  # every question's order changes
            rng.shuffle(order)
        lines = [f"- **{LETTERS[i]}.** {options[j]}" for i, j in enumerate(order)]
        out.append(stem + "\n\n" + "\n".join(lines))
    return "\n\n".join(out) + "\n"


def draws():
    """``{k: (system index, {kind: entry index})}`` for the whole pool.

    Every variant its own system; the failure descriptions are drawn until
    no two variants describe more than three of the seven failures alike.
    """
    rng = random.Random(f"{SEED}/case-study")
    systems = [0] + rng.sample(range(1, len(SYSTEMS_TEXT)), N - 1)
    out = {1: (0, dict.fromkeys(FAILURES, 0))}
    seen = [out[1][1]]
    for k in range(2, N + 1):
        while True:
            picks = {kind: rng.randrange(len(FAILURES[kind])) for kind in FAILURES}
            # at most three of the seven failures described as in another variant
            if all(sum(picks[f] == other[f] for f in FAILURES) <= 3
                   for other in seen):
                break
        seen.append(picks)
        out[k] = (systems[k - 1], picks)
    return out


def _wrap(text, first, indent="  ", width=90):
    """``first`` and ``text`` as Markdown lines of at most ``width`` columns."""
    lines, line = [], first
    for word in text.split():
        if len(line) + 1 + len(word) > width and line.strip():
            lines.append(line)
            line = indent + word
        else:
            line = f"{line} {word}" if line.strip() else line + word
    return "\n".join(lines + [line])


def _failures(k, rng):
    system, picks = draws()[k]
    items = [FAILURES[kind][i][1] for kind, i in picks.items()]
    order = list(range(len(items)))
    while order == sorted(order):
        rng.shuffle(order)
    head = _wrap(SYSTEMS_TEXT[system], "**System under review.**", indent="")
    body = "\n".join(_wrap(items[j], f"- **F{i}.**")
                     for i, j in enumerate(order, 1))
    return head + "\n\n" + "**Failures found by the review.**\n\n" + body + "\n"


def artefacts(k):
    """The two artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    return {"questions.md": _questions(rng), "failures.md": _failures(k, rng)}
