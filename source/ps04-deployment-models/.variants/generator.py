"""Variant generator of ps04 (instructor-side: never released).

Variant 1 is the original. Every variant has the same *kinds* of items, so
the same number of each answer and the same traps (hence the same
difficulty and the same loss for every sample misconception):

- eight environments: in the graded group E1/E4/E5/E7 a community cloud run
  by a third party, a community cloud hosted by a member, a ticket-driven VM
  cluster (not a cloud) and a public service anyone can join; in the group
  E2/E3/E6/E8 a dedicated cloud run by a third party off premises (private),
  a private cloud bound to a public one for portability (hybrid), two
  unconnected public clouds (public, not hybrid) and hand-run servers plus
  public SaaS (public);
- five services: two with all five essential characteristics, managed VMs
  ordered from staff (no self-service, no elasticity, not measured), an
  appliance reachable only inside the server room (no broad network access)
  and dedicated hardware (no pooling, no elasticity);
- six profiles, one per branch of the consultancy's policy plus the clinic
  chain of Part E (whose facts every variant shares);
- ten vendor claims, the same five false and five true kinds.

What changes, and decides answers: which environment id, service id and
profile id holds which kind (a permutation inside each graded group, drawn
so that no two variants have the same answers), which claim ids are false,
the wording of every item (two phrasings per kind), the organisations,
sectors, products, platforms, durations and contract lengths, and the
non-deciding profile attributes. ``artefacts(k)`` returns
``{file name: text}``; the keys come from running the reference solution
(``python -m cloudsec.variants generate ps04``).
"""

import random
import textwrap
from functools import cache
from pathlib import Path

import yaml

N = 8
SEED = "ps04-deployment-models/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"

NUMBERS = ["three", "four", "five", "six", "seven", "eight", "nine"]


def _a(word):
    vowel = word[0].lower() in "aeiou" and not word.lower().startswith(("uni", "eu"))
    return ("an " if vowel else "a ") + word


def _cap(text):
    return text[0].upper() + text[1:]


# --- Part A: environments ---------------------------------------------------
# Each kind: entity pool (the first is the original's) and two phrasings.
# ``clue`` is a phrase only that phrasing contains (the generator checks it).

COMMUNITY_RUN = [  # members, members (short), one member, shared rules, name
    ("port authorities", "authorities", "authority",
     "maritime security and compliance rules", "harbour-security-cloud"),
    ("regional hospitals", "hospitals", "hospital", "health-data protection rules",
     "hospital-shared-cloud"),
    ("police forces", "forces", "force", "policing information security policy",
     "police-community-cloud"),
    ("municipalities", "municipalities", "municipality",
     "public-records and security rules", "municipal-cloud"),
    ("credit unions", "credit unions", "credit union",
     "financial regulator's security requirements", "credit-union-cloud"),
    ("air navigation agencies", "agencies", "agency",
     "aviation safety and security rules", "air-navigation-cloud"),
    ("electricity grid operators", "operators", "operator",
     "critical-infrastructure security rules", "grid-operators-cloud"),
    ("national statistics offices", "offices", "office",
     "statistical confidentiality rules", "statistics-cloud"),
]
COMMUNITY_RUN_TEXT = [
    ("{N} {members} share a cloud built around their common {rules}. A contractor "
     "operates it in the contractor's own datacenter. Staff of the {n} {short} "
     "provision servers and storage themselves through a portal, usage is metered "
     "per {one}, and no one outside the {n} can use it.",
     "contractor operates it in the contractor's own"),
    ("{N} {members} with the same {rules} pooled their budgets for one cloud that "
     "only they may use. A hosting company runs it in its own datacenter under "
     "contract to all {n} of them; each {one}'s staff create servers and storage "
     "themselves through a web portal, and consumption is metered per {one}.",
     "hosting company runs it in its own datacenter"),
]

COMMUNITY_HOSTED = [  # members, short, purpose, policy, site, users, name
    ("universities", "universities", "research", "data protection policy", "campus",
     "researchers", "research-consortium"),
    ("teaching hospitals", "hospitals", "clinical research", "health-data policy",
     "campus", "clinicians", "clinical-research-cloud"),
    ("public broadcasters", "broadcasters", "media archive",
     "archiving and rights policy", "site", "editors", "broadcast-archive-cloud"),
    ("national weather agencies", "agencies", "forecasting",
     "data-sharing and security policy", "site", "forecasters",
     "weather-community-cloud"),
    ("regional courts", "courts", "case management", "judicial records policy",
     "premises", "court staff", "courts-shared-cloud"),
    ("mutual insurers", "insurers", "actuarial", "regulatory security policy",
     "premises", "actuaries", "actuarial-cloud"),
    ("engineering schools", "schools", "teaching", "student data policy", "campus",
     "lecturers", "teaching-cloud"),
    ("genomics institutes", "institutes", "genomics", "genetic data protection policy",
     "campus", "scientists", "genomics-cloud"),
]
COMMUNITY_HOSTED_TEXT = [
    ("{N} {members} share a {purpose} cloud under a common {policy}. It is hosted "
     "on one member's {site}; {users} from the {n} {short} provision compute "
     "themselves and are billed per core-hour.", "hosted on one member's"),
    ("{N} {members} bound by the same {policy} run a shared {purpose} cloud that "
     "only their staff may use. One member hosts it in its own datacenter and "
     "operates it for all of them; {users} provision compute themselves and are "
     "billed per core-hour.", "One member hosts it in its own datacenter"),
]

VM_FARM = [  # organisation, hypervisor, wait, name
    ("hospital", "VMware", "two weeks", "hospital-vm-farm"),
    ("city council", "Hyper-V", "ten days", "council-vm-cluster"),
    ("law firm", "Proxmox VE", "three weeks", "firm-virtualization"),
    ("school district", "VMware", "a week", "district-vm-farm"),
    ("museum", "KVM", "two weeks", "museum-servers"),
    ("shipping company", "Xen", "three weeks", "fleet-vm-farm"),
    ("brewery", "Proxmox VE", "ten days", "brewery-cluster"),
    ("publishing house", "Hyper-V", "a week", "press-vm-farm"),
]
VM_FARM_TEXT = [
    ("{A_org}'s {hv} cluster. IT staff create a VM when a ticket has been approved, "
     "which takes about {wait}. Capacity is fixed until the next hardware budget, "
     "and nothing is metered or reported per department.",
     "when a ticket has been approved"),
    ("{A_org} calls its {hv} cluster its private cloud. Every new VM needs a change "
     "request that a weekly board approves, and an administrator then builds it, "
     "which takes about {wait}. The cluster grows only when new hosts are bought, "
     "and no one measures who uses what.", "needs a change request"),
]

OPEN_SERVICE = [  # organisation, application, name
    ("startup", "CRM", "startup-crm"),
    ("design studio", "project-management", "studio-projects"),
    ("charity", "donor-management", "charity-donors"),
    ("bakery chain", "payroll", "bakery-payroll"),
    ("dental practice", "appointment-booking", "practice-bookings"),
    ("consultancy", "expense-reporting", "consultancy-expenses"),
    ("sports club", "membership", "club-members"),
    ("translation agency", "helpdesk", "agency-helpdesk"),
]
OPEN_SERVICE_TEXT = [
    ("{A_org} uses {a_app} service that anyone can sign up for with a credit card. "
     "The vendor runs it on its own infrastructure and bills per user per month.",
     "anyone can sign up for"),
    ("{A_org} runs its {app} system on virtual machines rented from a provider whose "
     "cloud is open to any company or individual who creates an account. The "
     "infrastructure sits in the provider's own datacenters, and use is billed by "
     "the second.", "open to any company or individual"),
]

DEDICATED = [  # organisation, name
    ("bank", "bank-dedicated-cloud"),
    ("airline", "airline-hosted-cloud"),
    ("pharmaceutical company", "pharma-dedicated-cloud"),
    ("stock exchange", "exchange-hosted-cloud"),
    ("telecom operator", "telco-dedicated-cloud"),
    ("car maker", "carmaker-hosted-cloud"),
    ("logistics group", "logistics-dedicated-cloud"),
    ("finance ministry", "ministry-hosted-cloud"),
]
DEDICATED_TEXT = [
    ("{A_org}'s cloud runs in a colocation facility and is operated by a managed "
     "service provider. {Org} departments provision VMs through a self-service "
     "portal within minutes, capacity is pooled and grows on demand within the "
     "{org}'s reserved racks, and usage is charged back per department. No other "
     "customer uses the hardware.", "No other customer uses the hardware"),
    ("{A_org} has a cloud built for it alone in a provider's datacenter: the "
     "provider's staff run dedicated hosts, storage and network that serve no other "
     "customer. {Org} teams create VMs and storage through a self-service API in "
     "minutes, pooled capacity grows on demand within the dedicated hosts, and "
     "consumption is reported per team.", "serve no other customer"),
]

BURSTING = [  # organisation, platform, peak, workload, end of peak, name
    ("retailer", "OpenStack", "seasonal sales", "web front-ends", "the sale ends",
     "retail-bursting"),
    ("ticketing agency", "OpenStack", "major concert on-sales", "checkout servers",
     "the on-sale closes", "ticketing-bursting"),
    ("tax software vendor", "Apache CloudStack", "the filing deadline",
     "calculation workers", "the deadline passes", "tax-peak-bursting"),
    ("broadcaster", "OpenNebula", "election nights", "streaming servers",
     "the results are in", "broadcast-bursting"),
    ("university", "OpenStack", "enrolment week", "registration servers",
     "enrolment closes", "enrolment-bursting"),
    ("game studio", "Apache CloudStack", "launch weekends", "matchmaking servers",
     "the launch rush fades", "launch-bursting"),
    ("lottery operator", "OpenNebula", "jackpot draws", "ticket-sales servers",
     "the draw is over", "lottery-bursting"),
    ("railway operator", "OpenStack", "holiday booking peaks", "booking servers",
     "the peak passes", "rail-bursting"),
]
BURSTING_TEXT = [
    ("{A_org} runs its own {platform} cloud in its datacenter (self-service, "
     "metered, elastic) and, during {peak}, launches additional {workload} on a "
     "public IaaS provider from the same orchestration templates and images, moving "
     "load back when {end}.", "from the same orchestration templates and images"),
    ("{A_org} runs a private {platform} cloud in its datacenter (self-service, "
     "metered, elastic) and keeps an account with a public IaaS provider as a "
     "separate cloud. Both run the same images and data is replicated between them, "
     "so during {peak} its {workload} spill over to the public cloud, and they move "
     "back when {end}.", "Both run the same images"),
]

TWO_PUBLIC = [  # organisation, workload, SaaS use, name
    ("media company", "analytics", "email", "media-two-providers"),
    ("logistics firm", "route planning", "document editing", "logistics-two-clouds"),
    ("fashion label", "web shop", "video calls", "label-two-providers"),
    ("newspaper", "content management", "payroll", "news-two-clouds"),
    ("architecture practice", "rendering jobs", "file sharing",
     "render-two-providers"),
    ("food delivery startup", "order service", "customer support",
     "delivery-two-clouds"),
    ("market research firm", "survey platform", "email", "survey-two-providers"),
    ("solar installer", "monitoring dashboards", "accounting", "solar-two-clouds"),
]
TWO_PUBLIC_TEXT = [
    ("{A_org} runs its {workload} on one public cloud provider and uses another "
     "public provider's SaaS for {saas}. Nothing connects the two, and no workload "
     "or data moves between them.", "no workload or data moves between them"),
    ("{A_org} hosts its {workload} on one public IaaS provider and, chosen by a "
     "different team, uses a second public provider's SaaS for {saas}. The two have "
     "separate accounts, images and tooling, and nothing is ever moved from one to "
     "the other.", "nothing is ever moved from one to the other"),
]

SERVER_ROOM = [  # organisation, system, SaaS use, name
    ("manufacturer", "ERP", "email", "erp-plus-email"),
    ("printing works", "order system", "calendar", "print-orders-plus-calendar"),
    ("family-run winery", "stock database", "email", "winery-stock-plus-email"),
    ("engineering firm", "CAD licence server", "office-suite",
     "cad-server-plus-office"),
    ("regional dairy", "production planning", "email", "dairy-planning-plus-email"),
    ("furniture maker", "ERP", "video-conferencing", "erp-plus-video"),
    ("garden centre chain", "till system", "email", "tills-plus-email"),
    ("foundry", "quality database", "office-suite", "quality-db-plus-office"),
]
SERVER_ROOM_TEXT = [
    ("{A_org} keeps its {system} on physical servers in its own server room, managed "
     "by hand, and uses a public SaaS {saas} service for all staff.",
     "managed by hand"),
    ("{A_org} runs its {system} on two physical servers in a back office, installed "
     "and resized by hand by its only administrator; its staff also use a public "
     "SaaS {saas} service in the browser.", "installed and resized by hand"),
]


def _env_fields(kind, e):
    if kind in ("community-run", "community-hosted"):
        fields = dict(zip(("members", "short", "one", "rules", "name")
                          if kind == "community-run" else
                          ("members", "short", "purpose", "policy", "site", "users",
                           "name"), e, strict=True))
        return fields
    keys = {"vm-farm": ("org", "hv", "wait", "name"),
            "open-service": ("org", "app", "name"),
            "dedicated": ("org", "name"),
            "bursting": ("org", "platform", "peak", "workload", "end", "name"),
            "two-public": ("org", "workload", "saas", "name"),
            "server-room": ("org", "system", "saas", "name")}[kind]
    fields = dict(zip(keys, e, strict=True))
    fields["A_org"] = _cap(_a(fields["org"]))
    fields["Org"] = _cap(fields["org"])
    if "app" in fields:
        fields["a_app"] = _a(fields["app"])
    return fields


ENV_KINDS = {  # kind: (entities, phrasings)
    "community-run": (COMMUNITY_RUN, COMMUNITY_RUN_TEXT),
    "community-hosted": (COMMUNITY_HOSTED, COMMUNITY_HOSTED_TEXT),
    "vm-farm": (VM_FARM, VM_FARM_TEXT),
    "open-service": (OPEN_SERVICE, OPEN_SERVICE_TEXT),
    "dedicated": (DEDICATED, DEDICATED_TEXT),
    "bursting": (BURSTING, BURSTING_TEXT),
    "two-public": (TWO_PUBLIC, TWO_PUBLIC_TEXT),
    "server-room": (SERVER_ROOM, SERVER_ROOM_TEXT),
}
# the original's order: E1..E8
ENV_ORDER = ["community-run", "dedicated", "bursting", "vm-farm", "open-service",
             "two-public", "community-hosted", "server-room"]
CORE_SLOTS, TRAP_SLOTS = (0, 3, 4, 6), (1, 2, 5, 7)  # E1 E4 E5 E7 / E2 E3 E6 E8
# what decides the answer of each kind (NIST SP 800-145), for the plan only
ENV_ANSWER = {"community-run": "community", "community-hosted": "community",
              "vm-farm": "not-cloud", "open-service": "public",
              "dedicated": "private", "bursting": "hybrid", "two-public": "public",
              "server-room": "public"}

# --- Part B: services -------------------------------------------------------

SERVICE_KINDS = {  # kind: [(name, phrasing with {n}, (clues...)), ...]
    "storage": [
        ("FileBox Pro",
         "Storage reached over the internet from any device. Customers sign up online "
         "and get space at once; space grows automatically as they upload; the "
         "provider serves all customers from one shared storage pool; the bill is per "
         "gigabyte-month, with a usage dashboard.", ()),
        ("{brand} Databases",
         "Managed databases reached over the internet from any client. Customers "
         "create a database themselves in the web console in seconds; storage and "
         "compute grow and shrink automatically with load; all customers' databases "
         "run on the provider's shared fleet; the bill is per second of compute and "
         "per gigabyte stored, shown on a usage page.", ()),
    ],
    "managed-vms": [
        ("{brand} Managed VMs",
         "Customers email a request for a VM and staff build it within {days} "
         "business days. VMs run on hardware shared by all customers and are reached "
         "over the internet. The price is a flat monthly fee per VM with no usage "
         "reporting, and resizing needs a new request and a new contract.",
         ("email a request", "flat monthly fee per VM with no usage reporting",
          "resizing needs a new request")),
        ("{brand} Hosted Servers",
         "To get a server, customers phone the sales desk and technicians set it up "
         "within {days} business days. The servers are virtual machines on hosts that "
         "all customers share, reachable over the internet. Each costs a fixed yearly "
         "price with no consumption data, and a bigger one needs a new order and a "
         "new contract.",
         ("phone the sales desk", "fixed yearly price with no consumption data",
          "a bigger one needs a new order")),
    ],
    "appliance": [
        ("{brand} Appliance Cloud",
         "A rack installed in the customer's building and pooled across the "
         "customer's departments. Departments provision capacity themselves in "
         "minutes, it scales within the rack automatically, and usage is metered per "
         "department; but the portal and the workloads can only be reached from "
         "terminals inside the server room.",
         ("only be reached from terminals inside",)),
        ("{brand} Rack Cloud",
         "Pre-built racks delivered to the customer's site and shared by its business "
         "units, which create VMs themselves through a portal in minutes; capacity "
         "grows and shrinks automatically within the racks, and usage is metered per "
         "unit. The portal and every workload are reachable only from two consoles "
         "cabled directly to the racks, not over any network.",
         ("reachable only from two consoles",)),
    ],
    "dedicated-metal": [
        ("{brand}Metal",
         "Each customer gets physical servers of its own on a {years}-year contract: "
         "they are bought and racked for that customer when the contract is signed, "
         "and are never used by, or reassigned to, any other customer, before, during "
         "or after the contract. Through a web portal, customers themselves install "
         "operating systems, create storage volumes and assign network addresses on "
         "their servers within minutes, without asking anyone; they reach the servers "
         "over the internet and see metered bandwidth reports. The number of servers "
         "cannot change during the contract.",
         ("never used by, or reassigned to, any other customer",
          "cannot change during the contract")),
        ("{brand} Bare Metal",
         "Each customer leases physical servers that are bought for it when its "
         "{years}-year lease starts; they serve that customer alone and are never "
         "handed to another customer, during or after the lease. Customers use a web "
         "portal to install operating systems, create volumes and assign addresses on "
         "their servers themselves in minutes, reach them over the internet, and get "
         "metered bandwidth reports. Adding or removing a server is not possible "
         "before the lease ends.",
         ("never handed to another customer", "Adding or removing a server")),
    ],
    "functions": [
        ("QuickFunctions",
         "Customers upload functions through a web console or API; functions run when "
         "called, scale automatically from zero to thousands of concurrent copies on "
         "the provider's shared fleet, and are billed per invocation and per "
         "millisecond.", ()),
        ("{brand} Run",
         "Developers sign up online and deploy containers that the platform starts "
         "for each incoming request; copies scale automatically from none to as many "
         "as the traffic needs on hosts shared by all customers, are reached over "
         "HTTPS from anywhere, and are billed per request and per CPU-second.", ()),
    ],
}
SERVICE_ORDER = ["storage", "managed-vms", "appliance", "dedicated-metal", "functions"]
SERVICE_ANSWER = {"storage": (), "managed-vms": ("ms", "odss", "re"),
                  "appliance": ("bna",), "dedicated-metal": ("re", "rp"),
                  "functions": ()}
BRANDS = ["Nimbus", "Stratus", "Cirrus", "Alto", "Cumulus", "Vapor", "Zephyr",
          "Halo", "Aurora", "Meridian", "Polar", "Summit", "Tidal", "Vertex"]
DAYS = ["two", "three", "four", "five"]
YEARS = ["two", "three", "four", "five"]

# --- Part C: profiles -------------------------------------------------------

PROFILE_KINDS = {  # kind: (fixed attributes, [(name, description), ...])
    "law": (dict(law_requires_own_premises=True, shared_compliance_group=False,
                 sensitivity="high", demand_variability="low"), [
        ("national-archive", "A national archive bound by a law that its records "
         "stay on its own premises."),
        ("land-registry", "A land registry whose founding law requires the register "
         "to stay on its own premises."),
        ("court-records-office", "A court records office that a statute obliges to "
         "keep case files on its own premises."),
        ("tax-authority", "A tax authority required by law to keep taxpayer records "
         "on its own premises."),
        ("electoral-commission", "An electoral commission whose election law "
         "requires voter rolls to stay on its own premises."),
        ("nuclear-regulator", "A nuclear safety regulator required by law to keep "
         "inspection records on its own premises."),
        ("population-registry", "A population registry bound by a law that citizen "
         "records stay on its own premises."),
        ("military-records-office", "A military records office whose statute "
         "requires service records to stay on its own premises."),
    ]),
    "community": (dict(law_requires_own_premises=False, shared_compliance_group=True,
                       sensitivity="high", demand_variability="low"), [
        ("regional-water-utilities", "Six water utilities with the same regulator "
         "and security rules want to share costs."),
        ("county-library-services", "Nine county library services under the same "
         "public-sector security rules want to share costs."),
        ("ambulance-services", "Four ambulance services bound by the same "
         "health-data rules want to share costs."),
        ("regional-airports", "Five regional airports with the same aviation "
         "security regulator want to share costs."),
        ("school-boards", "Seven school boards under the same student-privacy law "
         "want to share costs."),
        ("pension-funds", "Three pension funds with the same supervisor and "
         "security rules want to share costs."),
        ("fire-services", "Eight fire and rescue services with the same security "
         "policy want to share costs."),
        ("gas-network-operators", "Four gas network operators under the same "
         "critical-infrastructure rules want to share costs."),
    ]),
    "hybrid": (dict(law_requires_own_premises=False, shared_compliance_group=False,
                    sensitivity="high", demand_variability="high"), [
        ("tax-season-firm", "Handles sensitive tax records; load is five times "
         "higher in filing season."),
        ("exam-board", "Holds sensitive exam scripts and results; load is ten times "
         "higher in results week."),
        ("payroll-bureau", "Runs payroll on sensitive salary data; load triples in "
         "the last days of each month."),
        ("claims-handler", "Handles sensitive insurance claims; load is six times "
         "higher after storms."),
        ("benefits-agency", "Processes sensitive benefit claims; applications "
         "quadruple when a new benefit opens."),
        ("admissions-service", "Holds sensitive applicant records; load is eight "
         "times higher on results day."),
        ("results-service", "Holds sensitive unpublished election results; load is "
         "twenty times higher on election night."),
        ("trials-unit", "Holds sensitive clinical-trial data; load rises fourfold "
         "whenever an interim analysis runs."),
    ]),
    "private": (dict(law_requires_own_premises=False, shared_compliance_group=False,
                     sensitivity="high", demand_variability="low",
                     cloud_skills="high", budget="high"), [
        ("defence-contractor", "Highly sensitive designs, a large budget and an "
         "experienced platform team."),
        ("central-bank", "Highly sensitive monetary data, a large budget and a "
         "seasoned infrastructure team."),
        ("chip-designer", "Highly sensitive chip designs, ample funding and a strong "
         "in-house cloud team."),
        ("aerospace-maker", "Export-controlled designs, a large IT budget and an "
         "experienced platform team."),
        ("genomics-lab", "Highly sensitive genomes, a large grant budget and an "
         "expert platform team."),
        ("stock-exchange", "Highly sensitive trading data, a large budget and an "
         "experienced platform team."),
        ("drug-developer", "Highly sensitive research data, a large budget and a "
         "skilled cloud engineering team."),
        ("satellite-operator", "Highly sensitive telemetry, a large budget and an "
         "experienced platform team."),
    ]),
    "spiky-public": (dict(law_requires_own_premises=False,
                          shared_compliance_group=False, sensitivity="low",
                          demand_variability="high"), [
        ("marketing-agency", "Public campaign sites, spiky traffic, a small team."),
        ("festival-organiser", "Public festival websites, huge spikes when tickets "
         "go on sale, a small team."),
        ("news-blog", "Public articles, traffic that jumps when a story goes viral, "
         "two developers."),
        ("sports-league", "Public fixtures and scores, heavy match-day peaks, a "
         "small IT team."),
        ("tourism-board", "Public travel guides, summer peaks, a small web team."),
        ("recipe-site", "Public recipes, holiday traffic spikes, one developer."),
        ("charity-appeal", "Public donation pages, spikes during televised appeals, "
         "volunteers."),
        ("museum-website", "Public exhibition pages, spikes when shows open, a small "
         "team."),
    ]),
    # Part E's profile: the same facts in every variant
    "clinic": (dict(law_requires_own_premises=False, shared_compliance_group=False,
                    sensitivity="high", demand_variability="low",
                    cloud_skills="low", budget="medium"), [
        ("clinic-chain", "Patient data, steady load, little in-house cloud "
         "expertise, modest budget."),
    ]),
}
PROFILE_ORDER = ["law", "community", "hybrid", "private", "spiky-public", "clinic"]
PROFILE_ANSWER = {"law": "private", "community": "community", "hybrid": "hybrid",
                  "private": "private", "spiky-public": "public", "clinic": "public"}
PROFILE_FIELDS = ["law_requires_own_premises", "shared_compliance_group",
                  "sensitivity", "demand_variability", "cloud_skills", "budget"]

# --- Part D: the vendor sheet ----------------------------------------------

CLAIM_KINDS = {  # kind: (is it true?, [phrasing, phrasing])
    "hosted-private": (True, [
        "Our hosted private cloud runs in our datacenter, dedicated to your "
        "organisation and operated by our staff, and it is still a private cloud in "
        "NIST's terms.",
        "A private cloud may be owned and operated by a third party such as us and may "
        "sit off your premises, as long as only your organisation uses it."]),
    "multi-tenancy": (False, [
        "Multi-tenancy is the sixth essential characteristic of cloud computing in "
        "NIST SP 800-145.",
        "NIST SP 800-145 lists six essential characteristics, and multi-tenancy is one "
        "of them in its own right."]),
    "on-premises-part": (False, [
        "Because part of our platform runs on your premises, every deployment of it "
        "is a hybrid cloud.",
        "Any cloud with some of its equipment in your own building is, by that fact "
        "alone, a hybrid cloud."]),
    "community-third-party": (True, [
        "A community cloud may be operated by a third party and located off the "
        "premises of its members.",
        "A community cloud serves only organisations with shared concerns, and one of "
        "them, a third party or both may run it, on or off their premises."]),
    "two-public": (False, [
        "Using two public cloud providers side by side, with no portability between "
        "them, is what NIST calls a hybrid cloud.",
        "Running one workload on one public provider and an unrelated one on another "
        "public provider makes your estate a hybrid cloud in NIST's terms."]),
    "public-premises": (True, [
        "Public cloud infrastructure exists on the premises of the cloud provider.",
        "A public cloud is provisioned for open use by the general public and sits on "
        "the premises of the cloud provider."]),
    "elasticity": (True, [
        "Rapid elasticity means capabilities can be provisioned and released, in some "
        "cases automatically, to scale with demand.",
        "Rapid elasticity means capacity can grow and shrink quickly with demand, "
        "sometimes automatically, and to the consumer it often appears unlimited."]),
    "saas-nothing": (False, [
        "With our SaaS offering you have no security responsibilities left.",
        "Choose our SaaS edition and security becomes entirely our job, your data, "
        "users and settings included."]),
    "measured-flat": (False, [
        "Measured service means you pay one flat annual fee, whatever you use.",
        "Measured service means the price is fixed in advance and never depends on "
        "how much you consume."]),
    "network-access": (True, [
        "Broad network access means capabilities are available over the network "
        "through standard mechanisms used by many kinds of client devices.",
        "Broad network access means the service is reachable over the network "
        "through standard mechanisms from phones, tablets, laptops and workstations "
        "alike."]),
}
CLAIM_ORDER = list(CLAIM_KINDS)  # the original's order, V1..V10
VENDORS = ["NimbusOne Cloud", "StratoServe", "CirrusPeak Platform", "AltoCloud",
           "CumulusWorks", "VaporGrid", "SkyHarbor Cloud", "NimbleSky"]


# --- the plan: one draw for the whole pool, so no two variants answer alike --


def _attributes(p):
    """The multiset of the profiles' attributes (None: the original's)."""
    if p is None:
        rows = yaml.safe_load((ORIGINAL / "profiles.yaml").read_text(
            encoding="utf-8"))["profiles"]
    else:
        rows = []
        for kind in PROFILE_KINDS:
            skills, budget = p["prof_free"][kind]
            rows.append({"cloud_skills": skills, "budget": budget,
                         **PROFILE_KINDS[kind][0]})
    return tuple(sorted(tuple(sorted((f, r[f]) for f in PROFILE_FIELDS))
                        for r in rows))


@cache
def _plan():
    rng = random.Random(SEED)
    plans = {1: None}
    seen = {"core": set(), "traps": set(), "svc": set(), "prof": set(),
            "claims": set()}

    def identity():
        return {
            "env": tuple(ENV_ORDER), "svc": tuple(SERVICE_ORDER),
            "prof": tuple(PROFILE_ORDER), "claims": tuple(CLAIM_ORDER)}

    def answer(p, part):
        if part in ("core", "traps"):
            slots = CORE_SLOTS if part == "core" else TRAP_SLOTS
            return tuple(ENV_ANSWER[p["env"][i]] for i in slots)
        if part == "svc":
            return tuple(SERVICE_ANSWER[k] for k in p["svc"])
        if part == "prof":
            return tuple(PROFILE_ANSWER[k] for k in p["prof"])
        return tuple(i for i, k in enumerate(p["claims"]) if not CLAIM_KINDS[k][0])

    for part in seen:
        seen[part].add(answer(identity(), part))
    seen_attributes = {_attributes(None)}
    # entities: a different one of each pool for every variant (0 = original)
    entity = {}
    for kind, (pool, _) in ENV_KINDS.items():
        entity[("env", kind)] = [0] + rng.sample(range(1, len(pool)), N - 1)
    for kind, (_, pool) in PROFILE_KINDS.items():
        entity[("prof", kind)] = ([0] * N if len(pool) == 1 else
                                  [0] + rng.sample(range(1, len(pool)), N - 1))
    for k in range(2, N + 1):
        p = {}
        while True:
            core = [ENV_ORDER[i] for i in CORE_SLOTS]
            traps = [ENV_ORDER[i] for i in TRAP_SLOTS]
            rng.shuffle(core)
            rng.shuffle(traps)
            env = [None] * 8
            for i, kind in zip(CORE_SLOTS, core, strict=True):
                env[i] = kind
            for i, kind in zip(TRAP_SLOTS, traps, strict=True):
                env[i] = kind
            p["env"] = tuple(env)
            if (answer(p, "core") not in seen["core"]
                    and answer(p, "traps") not in seen["traps"]):
                break
        for part, order in (("svc", SERVICE_ORDER), ("prof", PROFILE_ORDER),
                            ("claims", CLAIM_ORDER)):
            while True:
                p[part] = tuple(rng.sample(order, len(order)))
                if answer(p, part) not in seen[part]:
                    break
        for part in seen:
            seen[part].add(answer(p, part))
        p["env_form"] = {kind: rng.randrange(2) for kind in ENV_KINDS}
        p["env_entity"] = {kind: entity[("env", kind)][k - 1] for kind in ENV_KINDS}
        p["svc_form"] = {kind: rng.randrange(2) for kind in SERVICE_KINDS}
        p["brands"] = rng.sample(BRANDS, len(SERVICE_KINDS))
        p["days"] = rng.choice(DAYS)
        p["years"] = rng.choice(YEARS)
        p["prof_entity"] = {kind: entity[("prof", kind)][k - 1]
                            for kind in PROFILE_KINDS}
        while True:  # the profiles' attributes, as a whole, are new too
            p["prof_free"] = {kind: (rng.choice(["low", "medium"]),
                                     rng.choice(["low", "medium"]))
                              for kind in PROFILE_KINDS}
            if _attributes(p) not in seen_attributes:
                break
        seen_attributes.add(_attributes(p))
        p["claim_form"] = {kind: rng.randrange(2) for kind in CLAIM_KINDS}
        p["vendor"] = VENDORS[k - 1]
        plans[k] = p
    return plans


def _block(text, indent=6):
    pad = " " * indent
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent=pad,
                         subsequent_indent=pad, break_on_hyphens=False,
                         break_long_words=False)


def _unique_clues(items, what):
    """Each item's clue is in its own description and in no other one."""
    for i, (_text, clues) in enumerate(items):
        for clue in clues:
            holders = [j for j, (t, _) in enumerate(items) if clue in t]
            if holders != [i]:
                raise AssertionError(f"{what}: clue {clue!r} is in items {holders}")


def _environments(p):
    items = []
    for i, kind in enumerate(p["env"], 1):
        pool, texts = ENV_KINDS[kind]
        fields = _env_fields(kind, pool[p["env_entity"][kind]])
        text, clue = texts[p["env_form"][kind]]
        if "{N}" in text:
            n = NUMBERS[(p["env_entity"][kind] + i) % len(NUMBERS)]
            fields.update(N=_cap(n), n=n)
        items.append((f"E{i}", fields["name"], text.format(**fields), clue))
    _unique_clues([(t, (c,)) for _, _, t, c in items], "environments")
    out = ["# Environments described by the teams that run them (2026 architecture "
           "review).", "environments:"]
    for eid, name, text, _ in items:
        out += [f"  - id: {eid}", f"    name: {name}", "    description: >",
                _block(text)]
    return "\n".join(out) + "\n"


def _services(p):
    items = []
    for i, kind in enumerate(p["svc"]):
        name, text, clues = SERVICE_KINDS[kind][p["svc_form"][kind]]
        brand = p["brands"][SERVICE_ORDER.index(kind)]
        if p["svc_form"][kind] == 0 and "{brand}" not in name:
            name = {"storage": f"{brand}Box Pro",
                    "functions": f"{brand} Functions"}[kind]
        items.append((f"S{i + 1}", name.format(brand=brand),
                      text.format(days=p["days"], years=p["years"]), clues))
    _unique_clues([(t, c) for _, _, t, c in items], "services")
    out = ['# Services that call themselves "cloud", as their sales material '
           "describes them.", "services:"]
    for sid, name, text, _ in items:
        out += [f"  - id: {sid}", f"    name: {name}", "    description: >",
                _block(text)]
    return "\n".join(out) + "\n"


def _profiles(p):
    out = ["# Organisations asking which deployment model to adopt.", "profiles:"]
    for i, kind in enumerate(p["prof"], 1):
        fixed, pool = PROFILE_KINDS[kind]
        name, description = pool[p["prof_entity"][kind]]
        skills, budget = p["prof_free"][kind]
        attrs = {"cloud_skills": skills, "budget": budget, **fixed}
        out += [f"  - id: P{i}", f"    name: {name}",
                f"    description: {description}"]
        for field in PROFILE_FIELDS:
            value = attrs[field]
            out.append(f"    {field}: "
                       + (str(value).lower() if isinstance(value, bool) else value))
    return "\n".join(out) + "\n"


def _sheet(p):
    lines = [f"# {p['vendor']}: why our platform is right for you (vendor marketing "
             "sheet)", ""]
    for i, kind in enumerate(p["claims"], 1):
        lines.append(f"- **V{i}.** {CLAIM_KINDS[kind][1][p['claim_form'][kind]]}")
    return "\n".join(lines) + "\n"


def artefacts(k):
    """The four artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:  # the original, hand-written artefacts, byte for byte
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    p = _plan()[k]
    out = {"environments.yaml": _environments(p), "services.yaml": _services(p),
           "profiles.yaml": _profiles(p), "vendor-sheet.md": _sheet(p)}
    for name in ("environments.yaml", "services.yaml", "profiles.yaml"):
        yaml.safe_load(out[name])  # every file parses
    return out


def key_options(k):
    """Per-variant options of the checks graded on a group of environments.

    The groups keep their ids (E1/E4/E5/E7 and E2/E3/E6/E8) in every variant;
    which kind of environment each id holds is what the variant changes.
    """
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    return {"models_core": {"select": [f"E{i + 1}" for i in CORE_SLOTS]},
            "models_traps": {"select": [f"E{i + 1}" for i in TRAP_SLOTS]}}
