"""Variant generator of ps03 (instructor-side: never released).

Every variant keeps the structure and the difficulty of the original
artefacts (variant 1 *is* the original):

- fourteen incidents drawn from the bank INCIDENTS, the same number from
  every slot (service model, party whose control failed), so every
  service-model group has as many "customer" and "provider" answers; the
  incidents themselves, their failed layers and services differ;
- six systems with the same service models; the same number of RACI gaps per
  system (GAP_CHOICES), on other layers;
- twelve controls (one per layer);
- twelve policy statements, one of every kind (POLICY_WRONG, POLICY_RIGHT):
  the same five wrong claims and the same traps, worded from a bank;
- nine VMs with the same overdue pattern.

What also changes: incident ids, dates and order; system, team and VM names;
control ids and their order; the order (and so the ids) of the policy
statements; patch dates. A learner who reads another variant learns nothing
that answers their own: the entities, texts and ids differ, the rules do not.

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

# Bank of incidents: slot -> entries (business_unit, service, failed layer,
# clue, summary). A slot is (service model, owner of the failed control, kind);
# every variant draws the same number of incidents from every slot (DRAWS), so
# every group has the same answers. The owner is the course view's owner of the
# failed layer in that model (cloudsec.responsibility.owner) or, on a layer the
# two sides share, the side whose part failed (the customer's own firewall
# rule, the runtime update the customer must apply). The clue is the phrase the
# reference solution reads (unique in the bank). The first entries of each
# slot are the original register's incidents; "patch" is the one IaaS
# incident per variant where guest OS patching failed.
INCIDENTS = {
    ("IaaS", "customer", "patch"): [
        ("Retail web", "Web shop front end on rented VMs", "guest-os",
         "OpenSSH flaw",
         "Attackers got a shell on three web VMs through an OpenSSH flaw. The Linux "
         "vendor had shipped the fix five months earlier; no one had set up patching "
         "on the VMs."),
        ("Finance", "Invoice batch VMs", "guest-os",
         "never been rebooted into it",
         "A kernel privilege escalation let a compromised service account on the "
         "batch VMs become root. The Linux distribution had published the fixed "
         "kernel seven weeks earlier; the VMs had never been rebooted into it."),
        ("Retail web", "Web shop front end on rented VMs", "guest-os",
         "guest kernel update had not been installed",
         "The provider patched its hypervisors against a CPU side-channel flaw, but "
         "a malicious process on one of our VMs could still read that VM's own "
         "kernel memory: the guest kernel update had not been installed."),
        ("Warehouse", "Stock reporting VMs", "guest-os",
         "skipped every monthly security update",
         "Ransomware entered two Windows Server VMs through a remote code execution "
         "flaw in the operating system. The VMs had skipped every monthly security "
         "update since they were built from the image in the spring."),
        ("Analytics", "Data science VMs", "guest-os",
         "flaw in the sudo package",
         "A contractor with a normal login on the analytics VMs became root through "
         "a flaw in the sudo package that the Linux vendor had fixed four months "
         "earlier; the image was never updated after launch."),
    ],
    ("IaaS", "customer", "other"): [
        ("Analytics", "Data science VMs", "data",
         "disk snapshot public",
         "An engineer made a disk snapshot public so a contractor could copy it. "
         "The snapshot held a customer extract and was downloaded by unknown "
         "parties."),
        ("Finance", "Reporting jump host VM", "network-controls",
         "security group allowed remote desktop",
         "The jump host's security group allowed remote desktop from any address. "
         "An attacker guessed a local administrator password."),
        ("Retail web", "Web shop deployment pipeline", "identities",
         "committed to a public code repository",
         "An access key of a deployment user with full administrator rights was "
         "committed to a public code repository. Within hours it was used to start "
         "crypto-mining VMs in our account."),
        ("Warehouse", "Inventory API on rented VMs", "application",
         "path traversal",
         "Our inventory API on the VMs used a file name from the request without "
         "checking it. An attacker read configuration files through path "
         "traversal."),
        ("Finance", "Invoice batch VMs", "runtime",
         "Java application server we installed",
         "The Java application server we installed on the VMs had not been upgraded "
         "in three years and was exploited through a deserialization flaw fixed in "
         "later releases."),
        ("Analytics", "Data science VMs", "network-controls",
         "database port open to the internet",
         "A VM running a self-installed search cluster had its database port open to "
         "the internet in its security group; its indexes were copied and deleted."),
    ],
    ("IaaS", "provider", "any"): [
        ("Retail web", "Web shop front end on rented VMs", "virtualization",
         "flaw in its hypervisor",
         "The cloud provider disclosed that a flaw in its hypervisor let a guest "
         "read memory of other guests on the same host. The provider patched its "
         "fleet; our logs show no misuse."),
        ("Analytics", "Data science VMs", "hosts",
         "without being wiped",
         "The provider reported that failed disks from servers that had held our "
         "volumes were sent for recycling without being wiped. It recovered the "
         "disks and destroyed them."),
        ("Finance", "Reporting jump host VM", "datacenter",
         "cooling failure",
         "A cooling failure in one of the provider's data halls shut down the hosts "
         "under our VMs in that zone for four hours."),
        ("Warehouse", "Stock reporting VMs", "hosts",
         "baseboard management controller",
         "The provider found a flaw in the baseboard management controller firmware "
         "of some of its physical servers, updated the firmware and moved our VMs "
         "to other hosts."),
        ("Retail web", "Web shop front end on rented VMs", "physical-network",
         "fibre cut",
         "A fibre cut between two of the provider's datacenters isolated one zone; "
         "our VMs there were unreachable for two hours."),
    ],
    ("PaaS", "customer", "any"): [
        ("Customer portal", "Portal app on a managed app platform", "application",
         "SQL injection",
         "Our portal concatenated a search box into a SQL query. An attacker dumped "
         "the accounts table through SQL injection."),
        ("Payments", "Managed PostgreSQL database", "network-controls",
         "firewall rule opening the database",
         "A developer added a firewall rule opening the database to the internet "
         "'for testing' and never removed it. The database was brute-forced."),
        ("Payments", "Managed PostgreSQL database", "identities",
         "former contractor",
         "The database's administrator password was shared by five developers and "
         "kept in a team chat. A former contractor used it after leaving."),
        ("Customer portal", "Portal app on a managed app platform", "runtime",
         "retirement of that version",
         "Our portal still ran on a language stack version with a published flaw; "
         "the platform had announced the retirement of that version a year earlier "
         "and offered the update, which no one applied."),
        ("Payments", "Managed PostgreSQL database", "data",
         "exports of the managed database",
         "Nightly exports of the managed database were written to a storage bucket "
         "that anyone could read. A researcher found and reported them."),
        ("Customer portal", "Portal app on a managed app platform", "application",
         "session tokens in the page URL",
         "Our portal code put session tokens in the page URL; they leaked to an "
         "analytics partner through referrer headers and were replayed."),
    ],
    ("PaaS", "provider", "any"): [
        ("Payments", "Managed PostgreSQL database", "guest-os",
         "operating system of the provider's managed database",
         "A privilege escalation in the operating system of the provider's managed "
         "database hosts allowed access to the host. The provider patched all "
         "instances within 48 hours."),
        ("Customer portal", "Portal app on a managed app platform", "virtualization",
         "hypervisor beneath the app platform",
         "The provider disclosed that a flaw in the hypervisor beneath the app "
         "platform could let one tenant's instance read another's memory, and fixed "
         "it across its fleet."),
        ("Payments", "Managed PostgreSQL database", "datacenter",
         "fire in one of the provider's datacenters",
         "A fire in one of the provider's datacenters took the database offline "
         "until the provider restored it in another zone."),
    ],
    ("FaaS", "customer", "any"): [
        ("Logistics", "Label-printing function", "identities",
         "execution role allowed every storage action",
         "The function's execution role allowed every storage action on every "
         "bucket. A crafted event made it list and download files from unrelated "
         "buckets."),
        ("Logistics", "Label-printing function", "application",
         "bundled an outdated image-parsing library",
         "The function bundled an outdated image-parsing library with a published "
         "remote code execution flaw, exploited with a crafted upload."),
        ("Marketing", "Newsletter signup function", "application",
         "straight into a shell command",
         "The function put a field of the incoming event straight into a shell "
         "command. A crafted event ran commands in the function's environment and "
         "read its credentials."),
        ("Logistics", "Label-printing function", "runtime",
         "manual runtime update mode",
         "We had set the function to the platform's manual runtime update mode; it "
         "stayed on a runtime version with a published flaw for ten months after "
         "the fixed version was released."),
        ("Payments", "Refund webhook function", "configuration",
         "public URL with no authentication",
         "The refund function was given a public URL with no authentication, so "
         "anyone who found it could trigger refunds."),
        ("Marketing", "Newsletter signup function", "data",
         "full email addresses and birth dates to its logs",
         "The function wrote full email addresses and birth dates to its logs, "
         "which were kept forever and readable by every developer account."),
    ],
    ("FaaS", "provider", "any"): [
        ("Marketing", "Newsletter signup function", "virtualization",
         "function isolation layer",
         "The provider reported a bug in its function isolation layer that could "
         "let code of one account read memory of another account's functions. It "
         "was fixed by the provider."),
        ("Logistics", "Label-printing function", "hosts",
         "CPU microcode",
         "The provider announced that a CPU microcode flaw on some of its function "
         "hosts could leak data between workloads; it applied the microcode update "
         "and disabled simultaneous multithreading on those hosts."),
        ("Payments", "Refund webhook function", "guest-os",
         "operating system of the provider's function hosts",
         "A flaw in the operating system of the provider's function hosts was "
         "exploited against the provider; it patched the hosts and reported no "
         "customer data accessed."),
    ],
    ("SaaS", "customer", "any"): [
        ("Sales", "CRM (software as a service)", "configuration",
         "'anyone with the link' URL",
         "A sales manager shared a full customer list through an 'anyone with the "
         "link' URL. The tenant allowed public links because no one had changed "
         "the default."),
        ("All staff", "Email and office suite (SaaS)", "identities",
         "mailboxes without MFA",
         "Five mailboxes without MFA were phished. The attacker added forwarding "
         "rules and sent invoice fraud from them."),
        ("HR", "HR system (SaaS)", "identities",
         "account was never disabled",
         "A leaver's HR system account was never disabled. She exported the salary "
         "table two months after leaving."),
        ("Sales", "CRM (software as a service)", "devices",
         "unencrypted laptop",
         "A sales rep's unencrypted laptop, with a saved CRM session, was stolen "
         "from a car; the thief exported the contact list."),
        ("All staff", "Email and office suite (SaaS)", "configuration",
         "third-party add-on",
         "An administrator granted a third-party add-on read access to every "
         "mailbox in the tenant. The add-on's vendor was breached and our mail was "
         "read."),
    ],
    ("SaaS", "provider", "any"): [
        ("HR", "Document sharing service (SaaS)", "application",
         "provider's search API",
         "A flaw in the provider's search API returned file names and previews from "
         "other customers' tenants. The provider fixed the code and notified "
         "affected customers."),
        ("HR", "HR system (SaaS)", "datacenter",
         "power feeds to the provider's data hall",
         "Both power feeds to the provider's data hall failed; the HR system was "
         "unavailable for nine hours."),
        ("Sales", "CRM (software as a service)", "application",
         "vendor's new release",
         "A bug in the vendor's new release showed records of one tenant in "
         "another tenant's reports for two hours, until the vendor rolled it back."),
        ("IT", "Service desk ticketing (SaaS)", "guest-os",
         "servers running the ticketing service",
         "The provider's servers running the ticketing service were compromised "
         "through an unpatched operating system flaw. The provider rebuilt them and "
         "ended every session."),
        ("All staff", "Email and office suite (SaaS)", "hosts",
         "drives from the provider's storage servers",
         "The provider disclosed that failed drives from the provider's storage "
         "servers had been resold without being erased."),
    ],
}
# how many incidents every variant draws from each slot (the original's counts)
DRAWS = {("IaaS", "customer", "patch"): 1, ("IaaS", "customer", "other"): 2,
         ("IaaS", "provider", "any"): 1, ("PaaS", "customer", "any"): 2,
         ("PaaS", "provider", "any"): 1, ("FaaS", "customer", "any"): 2,
         ("FaaS", "provider", "any"): 1, ("SaaS", "customer", "any"): 2,
         ("SaaS", "provider", "any"): 2}
# at most this many incidents of one variant are in another
MAX_SHARED = 6
# the original register, slot by slot, as bank entries (index in the slot)
ORIGINAL_DRAW = {slot: list(range(n)) for slot, n in DRAWS.items()}

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


def _draw_signature(draw):
    """What a variant's incidents are: their texts and their failed layers."""
    texts = frozenset(INCIDENTS[s][i][4] for s, picks in draw.items() for i in picks)
    layers = tuple(sorted((s[0], INCIDENTS[s][i][2]) for s, picks in draw.items()
                          for i in picks))
    return texts, layers


def _valid(draw):
    # the two non-patching IaaS incidents fail on two different layers
    other = [INCIDENTS[("IaaS", "customer", "other")][i][2]
             for i in draw[("IaaS", "customer", "other")]]
    return len(set(other)) == len(other)


def draws():
    """Which bank entries every variant holds: ``{k: {slot: [index, ...]}}``.

    Drawn once for the whole pool and redrawn until no two variants have the
    same failed layers or more than MAX_SHARED incidents in common.
    """
    rng = random.Random(f"{SEED}/incidents")
    out = {1: ORIGINAL_DRAW}
    texts, layers = _draw_signature(ORIGINAL_DRAW)
    seen_texts, seen_layers = [texts], {layers}
    for k in range(2, N + 1):
        while True:
            draw = {slot: sorted(rng.sample(range(len(INCIDENTS[slot])), n))
                    for slot, n in DRAWS.items()}
            texts, layers = _draw_signature(draw)
            # fewer than half of the incidents in common with any other variant
            if (_valid(draw) and layers not in seen_layers
                    and all(len(texts & t) <= MAX_SHARED for t in seen_texts)):
                break
        seen_texts.append(texts)
        seen_layers.add(layers)
        out[k] = draw
    return out


def bank_rows(k):
    """Variant ``k``'s incidents as bank rows, ``(slot, entry)``, in bank order."""
    return [(slot, INCIDENTS[slot][i]) for slot, picks in draws()[k].items()
            for i in picks]


def _incidents(k, rng):
    rows = _rows("incident-register.csv")
    if k == 1:
        return rows
    picked = bank_rows(k)
    rng.shuffle(picked)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 10))
    days = sorted(rng.sample(range(0, 170), len(picked)))
    # every variant its own hundred, so no incident id is in two variants
    hundreds = random.Random(f"{SEED}/ids").sample(
        [h for h in range(31, 97) if h != 23], N)
    base = hundreds[k - 1] * 100 + rng.randrange(0, 60)
    out = []
    for i, ((model, _, _), entry) in enumerate(picked):
        unit, service, _, _, summary = entry
        out.append({"id": f"INC-{base + i}",
                    "reported": (start + timedelta(days=days[i])).isoformat(),
                    "business_unit": unit, "service": service,
                    "service_model": model, "summary": summary})
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


# Policy statements: kind -> (clue, wording) entries; every variant has one
# statement of every kind, so the same five wrong ones and the same traps
# (the true "we still patch the guest OS after the hypervisor fix" next to the
# wrong "the provider patches IaaS guest OSes"). The first entry of each kind is
# the original's; the clue of a wrong kind is what the reference solution
# reads, so it must be in no other statement (the tests check).
POLICY_WRONG = {
    "iaas-guest-os": [
        ("the cloud provider applies operating system security patches",
         "For IaaS virtual machines the cloud provider applies operating system "
         "security patches, so no internal patch process is needed for them."),
        ("installed by the provider as part of the service",
         "Operating system updates of the virtual machines we rent (IaaS) are "
         "installed by the provider as part of the service, so our teams need not "
         "track them."),
        ("patched is the provider's task",
         "Because the provider maintains the infrastructure, keeping the guest "
         "operating systems of our IaaS VMs patched is the provider's task."),
    ],
    "saas-everything": [
        ("the provider is responsible for all security",
         "For SaaS applications the provider is responsible for all security, "
         "including which of our employees can see which records."),
        ("entirely the vendor's concern",
         "Once a product is bought as SaaS, its security is entirely the vendor's "
         "concern, data access rights included."),
        ("need no security configuration review",
         "SaaS vendors secure everything about their products, so our SaaS tenants "
         "need no security configuration review by us."),
    ],
    "certification": [
        ("need no further assessment",
         "Because our provider holds ISO 27001 certification and SOC 2 reports, our "
         "cloud workloads are compliant and need no further assessment."),
        ("out of scope of our audits",
         "The provider's SOC 2 Type II report covers our use of its services, so our "
         "own cloud controls are out of scope of our audits."),
        ("compliant by default",
         "A workload hosted by a provider with a current ISO 27001 certificate "
         "inherits that certification and is compliant by default."),
    ],
    "serverless": [
        ("carry no security responsibility for us",
         "Serverless functions have no servers, so they carry no security "
         "responsibility for us."),
        ("code and its permissions need no security review",
         "With serverless functions the provider runs everything, so our function "
         "code and its permissions need no security review."),
        ("the provider's to keep up to date",
         "Functions as a service are secured by the platform, so the libraries we "
         "bundle with our functions are the provider's to keep up to date."),
    ],
    "saas-identities": [
        ("MFA for administrator accounts of SaaS products is the provider's",
         "MFA for administrator accounts of SaaS products is the provider's "
         "responsibility, because the provider runs the identity system."),
        ("for the vendor to decide and review",
         "Which of our staff hold administrator rights in each SaaS tenant is for "
         "the vendor to decide and review."),
        ("done by each SaaS vendor",
         "Disabling the SaaS accounts of staff who leave is done by each SaaS "
         "vendor."),
    ],
}
POLICY_RIGHT = {
    "data-ours": [
        "Classifying and encrypting our data is our responsibility in every "
        "service model, SaaS included.",
        "Whatever the service model, we remain responsible for our data: its "
        "classification, who may access it, and how long it is kept.",
        "In IaaS, PaaS, FaaS and SaaS alike, the information we put into a cloud "
        "service remains ours to classify and protect.",
    ],
    "physical-provider": [
        "The provider is responsible for the physical security of its datacenters "
        "in IaaS, PaaS, FaaS and SaaS alike.",
        "Physical access control, power and cooling of the provider's facilities "
        "are the provider's responsibility in every cloud service model.",
        "Wiping or destroying the failed disks of the provider's servers is the "
        "provider's responsibility; we check it in the provider's audit reports.",
    ],
    "paas-settings": [
        "For managed database services (PaaS), the firewall and network access "
        "rules we create remain ours to review.",
        "The network access rules we set on a managed database (PaaS), such as "
        "which addresses may connect, are ours to keep as narrow as possible.",
        "On a managed application platform (PaaS), the TLS certificates and "
        "environment settings we configure are ours to secure.",
    ],
    "function-role": [
        "Each function's execution role must grant only the actions and resources "
        "that the function actually uses.",
        "The permissions of each serverless function's role are ours to set, and "
        "must be limited to what that function needs.",
        "We validate every event a function receives, because the function's code "
        "and its handling of input are ours.",
    ],
    "still-patch": [
        "After the provider patched its hypervisors against a CPU side-channel "
        "flaw, we still patch the guest operating systems of our IaaS VMs, because "
        "the hypervisor fix does not stop a process inside a VM from reading that "
        "VM's own kernel memory.",
        "A provider's hypervisor fix for a CPU flaw does not update our IaaS guest "
        "kernels; we apply the guest operating system updates ourselves.",
        "When the provider announces it has patched its hosts against a "
        "side-channel flaw, we still install the guest kernel updates on our IaaS "
        "VMs.",
    ],
    "iaas-to-paas": [
        "Moving a workload from IaaS to PaaS hands the operating system to the "
        "provider, but not the security of our application code.",
        "Moving an application from our VMs to a managed platform (PaaS) moves the "
        "operating system to the provider's side; our application code and its "
        "settings stay ours.",
        "A move from IaaS to PaaS does not move the security of our application "
        "code, or of the data it stores, to the provider.",
    ],
    "hypervisor-advisories": [
        "A vulnerability in the provider's hypervisors is the provider's to fix; "
        "our part is to follow its advisories and assess our exposure.",
        "The provider fixes flaws in its virtualization layer; we read its security "
        "bulletins and carry out any customer actions they list.",
        "Patching the hypervisors under our IaaS VMs is the provider's job; we "
        "track the provider's advisories for any actions on our side.",
    ],
}
# the original's order of kinds (P1 ... P12)
POLICY_ORDER = ["data-ours", "iaas-guest-os", "saas-everything",
                "physical-provider", "certification", "paas-settings",
                "serverless", "function-role", "saas-identities", "still-patch",
                "iaas-to-paas", "hypervisor-advisories"]


def policy_draws():
    """``{k: [(kind, wording index), ...]}`` in the order of P1 ... P12,
    drawn once for the pool so that no two variants word it alike."""
    rng = random.Random(f"{SEED}/policy")
    out = {1: [(kind, 0) for kind in POLICY_ORDER]}
    seen = [frozenset(out[1])]
    while len(out) < N:
        kinds = POLICY_ORDER[:]
        rng.shuffle(kinds)
        draw = [(kind, rng.randrange(len(POLICY_WRONG.get(kind)
                                         or POLICY_RIGHT[kind])))
                for kind in kinds]
        # at most five of the twelve statements worded as in another variant
        if all(len(frozenset(draw) & other) <= 5 for other in seen):
            seen.append(frozenset(draw))
            out[len(out) + 1] = draw
    return out


def policy_text(kind, i):
    """The wording ``i`` of a statement of ``kind``."""
    if kind in POLICY_WRONG:
        return POLICY_WRONG[kind][i][1]
    return POLICY_RIGHT[kind][i]


def _policy(k, rng):
    text = _read("draft-policy.md")
    if k == 1:
        return text
    head = [ln for ln in text.splitlines() if not ln.startswith("- **P")]
    numbered = [f"- **P{i}.** {policy_text(kind, j)}"
                for i, (kind, j) in enumerate(policy_draws()[k], 1)]
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


# Gaps of the RACI, as (system slot, layer). The original's eight; every
# variant has as many per system (so the same count, and the same cost of
# every sample misconception: two IaaS gaps on runtime and guest OS, two SaaS
# gaps), on other layers where the layer allows it.
ORIGINAL_GAPS = frozenset({
    ("shop-web", "runtime"), ("shop-web", "guest-os"),
    ("payments-db", "network-controls"),
    ("label-printer", "identities"), ("label-printer", "runtime"),
    ("crm", "data"), ("crm", "configuration"),
    ("warehouse-scanners", "virtualization")})
# the layers a gap may be drawn from: customer-owned or shared layers of the
# system's service model (course view) that one of its own teams would run
PLATFORM_LAYERS = ("data", "identities", "configuration", "application",
                   "network-controls", "runtime")
GAP_CHOICES = [  # (systems to pick one of, layers, how many gaps)
    (("shop-web",), ("runtime", "guest-os"), 2),
    (("payments-db", "portal-app"), PLATFORM_LAYERS, 1),
    (("label-printer",), PLATFORM_LAYERS, 2),
    (("crm",), ("data", "identities", "configuration"), 2),
    (("warehouse-scanners",), ("virtualization", "hosts", "guest-os",
                               "physical-network"), 1),
]
# who runs an original gap's control in a variant where it is not a gap
OWN_TEAM = {("shop-web", "runtime"): "platform-team",
            ("shop-web", "guest-os"): "platform-team",
            ("payments-db", "network-controls"): "payments-dbas",
            ("label-printer", "identities"): "logistics-devs",
            ("label-printer", "runtime"): "logistics-devs",
            ("crm", "data"): "sales-ops", ("crm", "configuration"): "sales-ops",
            ("warehouse-scanners", "virtualization"): "it-ops"}


def gaps():
    """``{k: frozenset((system slot, layer))}``: the gaps of every variant,
    drawn once for the pool so that no two variants have the same ones."""
    rng = random.Random(f"{SEED}/gaps")
    out = {1: ORIGINAL_GAPS}
    while len(out) < N:
        drawn = set()
        for systems, layers, n in GAP_CHOICES:
            system = rng.choice(systems)
            drawn |= {(system, layer) for layer in rng.sample(layers, n)}
        if frozenset(drawn) not in out.values():
            out[len(out) + 1] = frozenset(drawn)
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
    layer_of = {r["control_id"]: r["layer"] for r in _rows("controls.csv")}
    mine = gaps()[k]
    raci = []
    for row in _rows("raci.csv"):
        team = row["operated_by"]
        place = (row["system"], layer_of[row["control_id"]])
        if place in mine and place not in ORIGINAL_GAPS:
            team = ("nobody" if place[0] == "warehouse-scanners"
                    else rng.choice(["provider", "provider", "nobody"]))
        elif place in ORIGINAL_GAPS and place not in mine:
            team = OWN_TEAM[place]
        raci.append({"system": names[row["system"]],
                     "control_id": renum[row["control_id"]],
                     "operated_by": _team(team, names)})
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
