"""Variant generator of ps08 (instructor-side: never released).

Variant 1 is the original. Every other variant keeps the structure and the
difficulty of the original and changes the entities *and the values that
decide the answers*:

- Part A: a new image measurement, AMD root fingerprint and minimum TCB
  (other numbers per component); the eight reports keep the same eight
  outcomes (two accepted, one of them above the minimum; one debug; one stale
  TCB; one replayed nonce; one wrong measurement; one chain to another root;
  one debug *and* stale TCB) but in another order, with the stale component
  and the replayed report drawn anew, and new nonces, chips and times.
- Part B: seven other workloads drawn from pools of requirement profiles with
  the same answer for each category (one provider-managed, one
  customer-managed, two BYOK of which one is internal data, one dedicated HSM,
  one external key store, one that no option meets), in another order.
- Part C: another provider, auditor, period, carve-out and inclusive
  subservice organisations; which two of the five other customer controls are
  not in place (logging never is, one "partial" among the unmet), which used
  service the report leaves out, which used services the exceptions hit
  (one by a partial overlap, one unused service only), with new CUEC and
  control ids.
- Part D: another incident (dates, user, instances, bucket, address), which
  instance was snapshotted and which terminated, and other retention periods
  and start dates with the same status for each kind of evidence.

``artefacts(k)`` returns ``{file name: text}``; the keys come from running the
reference solution (``python -m cloudsec.variants generate ps08``).
"""

import json
import random
from datetime import date, timedelta
from pathlib import Path

N = 8
SEED = "ps08-trusting-what-you-cannot-touch/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
REVIEW = date(2026, 12, 4)  # every variant is reviewed on the same day

# pools of eight names: variant k takes entry k (the first is the original)
CUSTOMERS = ["Fenwick Mutual", "Harrow & Lyle Assurance", "Quillon Health Insurance",
             "Marlowe Re", "Ostby Mutual", "Beacon Life & Pensions",
             "Tamsin Insurance Group", "Corrin Mutual Society"]
PROVIDERS = ["Stratus Cloud", "Nimbus Grid", "Altocumulus Cloud", "Cirrus Platform",
             "Tessera Cloud", "Halo Compute", "Vantage Cloud", "Orrery Cloud"]
AUDITORS = ["Hale & Partners LLP", "Brackett Moore LLP", "Ferris Audit LLP",
            "Lindqvist & Co LLP", "Okafor Assurance LLP", "Pemberton Grey LLP",
            "Ruiz Tanner LLP", "Whitlow Assurance LLP"]
COLOS = ["Colo North Ltd", "Meridian Data Halls", "Granite Colocation plc",
         "Ironbridge Facilities", "Polar Datacentres AB", "Keystone Colo Inc",
         "Harbourside DC Ltd", "Lowland Hosting BV"]
HSM_MAINT = ["Tallyhash Inc", "Sealwright Ltd", "Cryptoforge GmbH", "Vaultline Inc",
             "Keycraft Services", "Tamperproof Systems", "Hexguard Ltd",
             "Latchkey Secure Inc"]
PERIOD_ENDS = ["2026-03-31", "2026-04-30", "2026-05-31", "2026-08-31",
               "2026-09-30", "2026-07-31", "2026-02-28"]
# services of the fictional provider other than compute and kms (always used)
SERVICES = ["object-storage", "block-storage", "managed-kubernetes",
            "serverless-functions", "managed-database", "email-relay",
            "container-registry", "message-queue", "data-warehouse", "cdn"]
TOPICS = ["user-access", "mfa", "encryption-settings", "logging", "backup",
          "incident-notification"]
CUEC_TEXT = {
    "user-access": "User entities are responsible for provisioning, reviewing and "
                   "removing their own users' access to the console and APIs.",
    "mfa": "User entities are responsible for enforcing multi-factor "
           "authentication for their privileged users.",
    "encryption-settings": "User entities are responsible for choosing encryption "
                           "settings for their data, including encryption of their "
                           "buckets and volumes and the management of "
                           "customer-managed keys.",
    "logging": "User entities are responsible for enabling and retaining the audit "
               "logs they need, including API activity, data-access events and "
               "network flow logs.",
    "backup": "User entities are responsible for configuring backup and "
              "cross-region replication where their availability commitments "
              "require it.",
    "incident-notification": "User entities are responsible for notifying "
                             "{provider} of suspected security incidents "
                             "involving the platform through the documented "
                             "security contact.",
}
EVIDENCE_TEXT = {
    ("user-access", "in place"): "Quarterly access review in the IAM tool; leavers "
                                 "removed by the HR feed.",
    ("user-access", "partial"): "Leavers removed by the HR feed, but no access "
                                "review has been held since {month}.",
    ("user-access", "not in place"): "Accounts are created on request and never "
                                     "reviewed; leavers are removed by hand.",
    ("mfa", "in place"): "MFA enforced by policy for every human user, hardware "
                         "keys for the {n} administrators.",
    ("mfa", "partial"): "MFA on the root account and on {m} of {n} administrators; "
                        "{d} break-glass admins have none.",
    ("mfa", "not in place"): "MFA on the root account only; none of the {n} "
                             "administrators uses it.",
    ("encryption-settings", "in place"): "Default bucket and volume encryption with "
                                         "customer-managed keys, checked by policy.",
    ("encryption-settings", "partial"): "Buckets encrypted by default; {d} older "
                                        "volumes were created unencrypted and "
                                        "never migrated.",
    ("encryption-settings", "not in place"): "Encryption left to each team; no "
                                             "policy checks it.",
    ("logging", "not in place"): "API activity logged; data-access events and the "
                                 "flow logs of some VPCs never enabled.",
    ("backup", "in place"): "Nightly snapshots, cross-region copy of the {what} "
                            "buckets.",
    ("backup", "partial"): "Nightly snapshots, but no cross-region copy although "
                           "the data in {what} has a four-hour recovery "
                           "objective.",
    ("backup", "not in place"): "No backup plan: teams take snapshots by hand "
                                "when they remember.",
    ("incident-notification", "in place"): "The incident runbook names the "
                                           "provider's security contact and was "
                                           "exercised in {month}.",
    ("incident-notification", "partial"): "The runbook names a provider contact "
                                          "that was retired in {month}.",
    ("incident-notification", "not in place"): "The incident runbook names no "
                                               "provider contact.",
}
# exception templates: (criterion, control text, test, deviation, response)
EXCEPTIONS = [
    ("CC6.1", "Access of provider staff to production hosts of {svc} is reviewed "
     "quarterly.", "Inspected {s} of {p} quarterly access reviews.",
     "{d} of the {s} reviews sampled were not performed.",
     "Reviews are now tracked in the ticketing system."),
    ("CC6.2", "Provider administrator accounts for {svc} are removed within one "
     "day of a leaver's last day.", "Inspected {s} of {p} leavers.",
     "{d} of the {s} accounts were removed after five days or more.",
     "The HR feed now removes accounts automatically."),
    ("CC7.2", "Security alerts raised on {svc} are investigated within one day.",
     "Inspected {s} of {p} alerts.", "{d} of the {s} alerts were investigated "
     "after 3 days.", "Alert routing corrected."),
    ("CC8.1", "Changes to the production configuration of {svc} are approved "
     "before deployment.", "Inspected {s} of {p} changes.",
     "{d} of the {s} changes had no recorded approval.",
     "Approvals are now enforced by the deployment pipeline."),
    ("A1.3", "Restores from {svc} replicas are tested every quarter.",
     "Inspected the four quarterly restore tests.",
     "The restore test of one quarter was not performed.",
     "Restore tests are now scheduled automatically."),
    ("CC7.1", "Vulnerability scans of {svc} hosts are run monthly.",
     "Inspected {s} of the 12 monthly scans.",
     "{d} of the {s} scans sampled were not run.",
     "Scans are now scheduled and monitored."),
]
# Part B: requirement profiles per answer (data class choices, insider,
# regulator, jurisdiction) and (id, description) pools
WORKLOADS = {
    "provider-managed": [
        ("public", "none", [], None, [
            ("marketing-assets", "Images and CSS of the public website."),
            ("product-brochures", "PDF brochures published on the website."),
            ("status-page", "The public service-status page and its history."),
            ("press-kit", "Logos and press releases for journalists."),
            ("public-rates", "The published premium tables."),
            ("careers-site", "Static pages of the careers website."),
            ("help-articles", "Public help-centre articles."),
        ])],
    "customer-managed": [
        ("confidential", "none", [], None, [
            ("hr-records", "Employee contracts and salaries."),
            ("broker-contracts", "Signed contracts with the insurance brokers."),
            ("payroll-exports", "Monthly payroll files for the bank."),
            ("actuarial-models", "Pricing models and their calibration data."),
        ]),
        ("restricted", "none", [], None, [
            ("claims-photos", "Photos of damage attached to current claims."),
            ("fraud-cases", "Files of open fraud investigations."),
            ("policyholder-db", "Names, addresses and policies of every customer."),
        ])],
    "byok-internal": [
        ("internal", "provider", [], None, [
            ("internal-wiki", "The engineering wiki; security asked that the "
             "provider must not be able to keep reading it once the key material "
             "is withdrawn."),
            ("source-code", "The source repositories' backups; the CTO wants to "
             "withdraw the provider's access to them at any moment."),
            ("ops-runbooks", "Operations runbooks; the provider must not be able "
             "to read them after the company pulls its key material."),
            ("design-docs", "Architecture documents; they must become unreadable "
             "to the provider as soon as the key material is withdrawn."),
        ])],
    "byok": [
        ("restricted", "provider", [], None, [
            ("claims-archive", "Ten years of insurance claims with medical "
             "attachments; the board wants to be able to make the data "
             "unreadable to the provider at once if the contract ends badly."),
            ("board-minutes", "Board minutes and papers; the chair wants the "
             "provider locked out of them the day the company decides so."),
            ("merger-dataroom", "The data room of a planned acquisition; the "
             "provider must be unable to read it once the key is revoked."),
        ]),
        ("confidential", "provider", [], None, [
            ("underwriting-notes", "Underwriters' notes on large risks; the "
             "company must be able to cut the provider off from them at once."),
            ("reinsurance-treaties", "Treaty wordings and negotiations; legal "
             "wants to revoke the provider's ability to decrypt them on demand."),
        ])],
    "dedicated-hsm": [
        ("restricted", "none", ["exclusive-hsm"], None, [
            ("pin-translation", "Card PIN block translation for the payments "
             "switch."),
            ("card-tokenisation", "Tokenisation of card numbers for the payment "
             "pages; the card scheme's rules require keys in an HSM used by "
             "nobody else."),
            ("payment-keys", "Zone master keys shared with the acquiring bank, "
             "which requires a single-tenant HSM."),
        ]),
        ("confidential", "none", ["exclusive-hsm"], None, [
            ("code-signing", "Signing keys of the mobile apps; the insurer's "
             "regulator requires them in an HSM dedicated to the insurer."),
        ])],
    "external-key-store": [
        ("restricted", "provider", [], "keys-outside-provider", [
            ("health-research", "Pseudonymised patient records for an EU research "
             "consortium whose data-protection authority requires that the keys "
             "never be held by the (non-EU) provider."),
            ("genomics-study", "Genetic test results of a university study whose "
             "ethics board requires that the keys stay outside the provider."),
            ("eu-claims-mirror", "A copy of EU claims whose supervisor requires "
             "the keys to be held outside the (non-EU) provider."),
        ]),
        ("confidential", "provider", [], "keys-outside-provider", [
            ("works-council", "Works-council files whose agreement requires the "
             "keys to be held by the company outside any cloud provider."),
        ])],
    "none": [
        ("restricted", "provider", ["exclusive-hsm"], "keys-outside-provider", [
            ("sovereign-ledger", "A national registry: its statute requires a "
             "single-tenant HSM under the registry's exclusive control AND keys "
             "outside any foreign provider."),
            ("state-pension-keys", "Keys of a state pension scheme: its law "
             "requires a dedicated HSM AND keys held outside any foreign "
             "provider."),
            ("defence-contract", "A defence contract's files: the ministry "
             "requires a single-tenant HSM AND keys outside the provider."),
        ])],
}
USERS = ["ci-deploy", "build-bot", "release-svc", "etl-loader", "deploy-pipeline",
         "terraform-ci", "sync-job", "report-runner"]
BUCKETS = ["customer-exports", "policy-extracts", "claims-export", "broker-feeds",
           "quote-archive", "partner-drop", "data-lake-raw", "statements-out"]
ROLES = ["web", "batch", "api", "worker", "etl", "report", "quote", "ingest"]
TCB_PARTS = ["bootloader", "tee", "snp", "microcode"]


def _read(name):
    return json.loads((ORIGINAL / name).read_text(encoding="utf-8"))


def _hex(rng, chars):
    return "".join(rng.choice("0123456789abcdef") for _ in range(chars))


def _dump(data):
    return json.dumps(data, indent=2)


# --- Part A ------------------------------------------------------------------


def _policy(rng):
    policy = _read("workload-policy.json")
    p = policy["policy"]
    p["measurement"] = _hex(rng, 96)
    p["trusted_root_fingerprint"] = _hex(rng, 64)
    p["min_tcb"] = {"bootloader": rng.randrange(3, 11), "tee": rng.randrange(0, 3),
                    "snp": rng.randrange(14, 25), "microcode": rng.randrange(40, 220)}
    bulletin = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 300))
    p["note"] = (f"Release v{rng.randrange(2, 7)}.{rng.randrange(0, 10)}."
                 f"{rng.randrange(0, 10)} of the scoring image, built reproducibly; "
                 "minimum TCB from the provider's security bulletin of "
                 f"{bulletin.isoformat()}.")
    return policy


def _stale(rng, tcb):
    """``tcb`` with one component (that can go lower) below the minimum."""
    out = dict(tcb)
    part = rng.choice([p for p in TCB_PARTS if tcb[p] > 0])
    out[part] = tcb[part] - rng.randrange(1, min(3, tcb[part]) + 1)
    return out


def _attestations(rng, policy):
    p = policy["policy"]
    original = _read("attestation-reports.json")["attestations"]
    template = original[0]["report"]
    outcomes = ["ok", "debug", "tcb", "replay", "measurement", "signature",
                "debug-tcb", "ok-above"]
    while True:
        rng.shuffle(outcomes)
        if outcomes[0] != "replay":
            break
    day = date(2026, 11, rng.randrange(20, 30))
    minutes = sorted(rng.sample(range(8 * 60, 16 * 60), len(outcomes)))
    svn, abi = rng.randrange(1, 7), rng.randrange(51, 58)
    out = []
    for i, outcome in enumerate(outcomes):
        nonce = _hex(rng, 64)
        report = json.loads(json.dumps(template))
        report["guest_svn"] = svn
        report["policy"]["abi_minor"] = abi
        report["policy"]["debug"] = outcome in ("debug", "debug-tcb")
        tcb = dict(p["min_tcb"])
        if outcome in ("tcb", "debug-tcb"):
            tcb = _stale(rng, tcb)
        if outcome == "ok-above":
            for part in rng.sample(TCB_PARTS, rng.randrange(2, 5)):
                tcb[part] += rng.randrange(1, 4)
        report["current_tcb"] = dict(tcb)
        report["reported_tcb"] = dict(tcb)
        report["report_data"] = nonce + "0" * 64
        if outcome == "replay":  # the report of an earlier request, replayed
            report["report_data"] = rng.choice(out[:i])["report"]["report_data"]
        report["measurement"] = (_hex(rng, 96) if outcome == "measurement"
                                 else p["measurement"])
        report["chip_id"] = _hex(rng, 96)
        report["signature"]["root_fingerprint"] = (
            _hex(rng, 64) if outcome == "signature" else p["trusted_root_fingerprint"])
        hour, minute = divmod(minutes[i], 60)
        out.append({"id": f"att-{i + 1:02d}",
                    "received": f"{day.isoformat()}T{hour:02d}:{minute:02d}:"
                                f"{rng.randrange(60):02d}Z",
                    "nonce_sent": nonce, "report": report})
    return {"attestations": out}


# --- Part B ------------------------------------------------------------------


def _workloads(rng):
    out = []
    for profiles in WORKLOADS.values():  # one workload per answer
        data_class, insider, regulator, rule, pool = rng.choice(profiles)
        wid, text = rng.choice(pool)
        out.append({"id": wid, "description": text, "data_class": data_class,
                    "insider_threat": insider, "regulator_requires": list(regulator),
                    "jurisdiction_rule": rule})
    rng.shuffle(out)
    return {"workloads": out}


def _options(provider):
    options = _read("key-custody-options.json")
    options["review_note"] = options["review_note"].replace("Stratus Cloud", provider)
    return options


# --- Part C ------------------------------------------------------------------


def _soc2_and_estate(k, rng, customer, provider):
    others = rng.sample(SERVICES, 6)
    used = ["compute", "kms"] + others[:2]  # others[1] is left out of scope
    in_scope_used = ["compute", "kms", others[0]]
    unused_in, unused_out = others[2:4], others[4:5]
    excluded = sorted([others[1]] + unused_out)
    in_scope = sorted(in_scope_used + unused_in)
    end = date.fromisoformat(rng.choice(PERIOD_ENDS))
    start = date(end.year - 1, end.month, 1) + timedelta(days=31)
    start = start.replace(day=1)
    soc2 = _read("soc2-excerpt.json")
    soc2["title"] = (f"{provider} Ltd: SOC 2 Type II report on the {provider} "
                     "Platform (excerpts)")
    soc2["service_auditor"] = AUDITORS[k - 1]
    soc2["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    soc2["system_description"] = {"in_scope_services": in_scope,
                                  "excluded_services": excluded,
                                  "note": "Services not listed as in scope were "
                                          "not examined."}
    colo, maint = COLOS[k - 1], HSM_MAINT[k - 1]
    subs = [{"name": colo, "service": "datacentre facilities and physical security "
             f"for {rng.choice(['two', 'three', 'four'])} regions",
             "method": "carve-out",
             "csoc": f"{colo} is expected to restrict physical access to the data "
                     "halls to authorised personnel and to monitor it by CCTV."},
            {"name": maint, "service": "HSM hardware maintenance for the KMS",
             "method": "inclusive", "csoc": None}]
    rng.shuffle(subs)
    soc2["subservice_organizations"] = subs
    # exceptions: one on a used and an unused service, one on a used service,
    # one on an unused service only
    hit_two = [rng.choice(["compute", others[0]]), unused_in[0]]
    hit_one = rng.choice([s for s in in_scope_used if s not in hit_two])
    targets = [sorted(hit_two), [hit_one], [unused_in[1]]]
    templates = rng.sample(EXCEPTIONS, 3)
    exceptions = []
    for services, (crit, text, test, dev, resp) in zip(targets, templates,
                                                       strict=True):
        sample = rng.choice([10, 15, 20, 25])
        values = {"svc": " and ".join(services), "s": sample,
                  "p": sample * rng.randrange(3, 7), "d": rng.randrange(1, 4)}
        exceptions.append({"control": f"{crit}.{rng.randrange(1, 10)}",
                           "services": services,
                           "control_text": text.format(**values),
                           "test": test.format(**values),
                           "deviation": dev.format(**values),
                           "management_response": resp})
    rng.shuffle(exceptions)
    soc2["exceptions"] = exceptions
    # the customer's side: logging and two more topics are not in place
    unmet = ["logging"] + rng.sample([t for t in TOPICS if t != "logging"], 2)
    partial = rng.choice(unmet[1:])
    prefix, first = rng.choice(["CUEC-", "UE-", "C-", "CUE-"]), rng.randrange(1, 40)
    order = TOPICS[:]
    rng.shuffle(order)
    soc2["complementary_user_entity_controls"] = [
        {"id": f"{prefix}{first + i:02d}", "topic": topic,
         "text": CUEC_TEXT[topic].format(provider=provider)}
        for i, topic in enumerate(order)]
    admins = rng.randrange(6, 20)
    fill = {"n": admins, "d": rng.randrange(2, 5), "what": others[0],
            "month": rng.choice(["March", "April", "May", "June", "July"]) + " 2026"}
    fill["m"] = admins - fill["d"]
    controls = []
    for topic in TOPICS:
        status = ("partial" if topic == partial else
                  "not in place" if topic in unmet else "in place")
        controls.append({"topic": topic, "status": status,
                         "evidence": EVIDENCE_TEXT[(topic, status)].format(**fill)})
    estate = {"organisation": f"{customer} (the customer)",
              "review_date": REVIEW.isoformat(), "services_used": sorted(used),
              "customer_controls": controls}
    return soc2, estate


# --- Part D ------------------------------------------------------------------


def _logging(k, rng, customer):
    incident = date(2026, 11, rng.randrange(18, 30))
    created = incident - timedelta(days=rng.randrange(20, 80))
    trail_since = date(2026, rng.randrange(1, 6), rng.randrange(1, 28))
    old_login = trail_since - timedelta(days=rng.randrange(30, 200))
    account_created = date(rng.randrange(2015, 2023), rng.randrange(1, 13),
                           rng.randrange(1, 28))
    user, bucket = USERS[k - 1], BUCKETS[k - 1]
    kept_role, gone_role = rng.sample(ROLES, 2)
    kept = f"i-0{kept_role}{rng.randrange(1, 20):02d}"
    gone = f"i-0{gone_role}{rng.randrange(1, 20)}"
    lb = rng.choice(["alb-public", "lb-front", "alb-edge", "nlb-public"])
    address = rng.choice(["203.0.113.", "198.51.100.", "192.0.2."]) + str(
        rng.randrange(2, 250))
    # the kept instance sits behind the load balancer and has flow logs
    flows_days = rng.choice([30, 60, 90])  # still covers the incident
    lb_days = rng.randrange(1, (REVIEW - incident).days)
    duty_since = trail_since + timedelta(days=rng.randrange(10, 120))
    snap_day = incident + timedelta(days=rng.randrange(1, 4))
    gone_day = incident + timedelta(days=1)
    case = f"IR-{rng.randrange(2000, 2999)}"
    iso = date.isoformat
    sources = [
        {"id": "cloudtrail-trail", "kind": "CloudTrail trail 'org-trail'",
         "records": ["management-event"], "data_events": [], "covers": ["account"],
         "scope": "management events, all regions", "enabled_since": iso(trail_since),
         "retention_days": 365, "retention": "S3 bucket, kept 365 days"},
        {"id": "cloudtrail-event-history",
         "kind": "CloudTrail event history (on by default)",
         "records": ["management-event"], "covers": ["account"],
         "scope": "management events", "enabled_since": iso(account_created),
         "retention_days": 90, "retention": "90 days"},
        {"id": f"flow-logs-vpc-{kept_role}", "kind": "VPC flow logs",
         "records": ["flow"], "covers": [kept, lb],
         "scope": f"vpc-{kept_role} ({kept}, the load balancer)",
         "enabled_since": iso(trail_since + timedelta(days=rng.randrange(0, 90))),
         "retention_days": flows_days,
         "retention": f"CloudWatch Logs, {flows_days} days"},
        {"id": f"flow-logs-vpc-{gone_role}", "kind": "VPC flow logs",
         "records": ["flow"], "covers": [gone], "scope": f"vpc-{gone_role} ({gone})",
         "enabled_since": None, "retention_days": None, "retention": None},
        {"id": f"{lb}-access-logs", "kind": "Load balancer access logs",
         "records": ["lb-access"], "covers": [lb], "scope": lb,
         "enabled_since": iso(date(2026, 1, 1) + timedelta(days=rng.randrange(0, 60))),
         "retention_days": lb_days,
         "retention": f"S3 lifecycle rule: delete after {lb_days} "
                      f"day{'s' if lb_days > 1 else ''}"},
        {"id": "guardduty", "kind": "GuardDuty findings", "records": ["finding"],
         "covers": ["account"], "scope": "account", "enabled_since": iso(duty_since),
         "retention_days": 90, "retention": "90 days"},
    ]
    rng.shuffle(sources)
    actions = [
        {"time": f"{iso(snap_day)}T{rng.randrange(7, 12):02d}:{rng.randrange(60):02d}"
                 ":00Z",
         "action": f"CreateSnapshot of the root volume of {kept} "
                   f"(snap-0{_hex(rng, 3)}), tagged with case {case} and copied to "
                   "the forensic account",
         "acquired": [{"kind": "volume", "resource": kept}], "destroyed": []},
        {"time": f"{iso(gone_day)}T0{rng.randrange(1, 6)}:00:00Z",
         "action": f"Auto Scaling terminated {gone} (failed health check); its root "
                   "volume had DeleteOnTermination=true; no memory capture or "
                   "snapshot had been taken",
         "acquired": [], "destroyed": [{"kind": "memory", "resource": gone},
                                      {"kind": "volume", "resource": gone}]},
    ]
    rng.shuffle(actions)
    d = iso(incident)
    month = old_login.strftime("%B %Y")
    evidence = [
        {"id": f"createaccesskey-{iso(created)}", "kind": "management-event",
         "resource": "account", "time": iso(created),
         "description": "the CloudTrail record of the CreateAccessKey call that "
                        "created the leaked key"},
        {"id": f"getobject-{bucket}", "kind": "data-event", "resource": bucket,
         "time": d, "description": f"who called S3 GetObject on {bucket} on {d}"},
        {"id": f"flows-{kept_role}-{d}", "kind": "flow", "resource": kept, "time": d,
         "description": f"network flows between {kept} and {address} on {d}"},
        {"id": f"flows-{gone_role}-{d}", "kind": "flow", "resource": gone, "time": d,
         "description": f"network flows of {gone} on {d}"},
        {"id": f"memory-{gone_role}", "kind": "memory", "resource": gone, "time": d,
         "description": f"the memory of {gone} at the time of the compromise"},
        {"id": f"disk-{gone_role}", "kind": "volume", "resource": gone, "time": d,
         "description": f"the root volume of {gone}"},
        {"id": f"disk-{kept_role}", "kind": "volume", "resource": kept,
         "time": iso(snap_day),
         "description": f"the root volume of {kept} as of {iso(snap_day)}"},
        {"id": f"consolelogin-{old_login.strftime('%Y-%m')}",
         "kind": "management-event", "resource": "account", "time": iso(old_login),
         "description": f"the ConsoleLogin events of {user} in {month} (the last "
                        f"one on {iso(old_login)})"},
        {"id": f"{lb}-{d}", "kind": "lb-access", "resource": lb, "time": d,
         "description": f"the access logs of the public load balancer {lb} on {d}"},
        {"id": f"guardduty-{d}", "kind": "finding", "resource": "account", "time": d,
         "description": f"GuardDuty findings of {d}"},
    ]
    rng.shuffle(evidence)
    return {
        "account": f"{rng.randrange(10**11, 10**12)} ({customer}, production)",
        "account_created": iso(account_created), "review_date": REVIEW.isoformat(),
        "incident": {"summary": f"On {d} an attacker used a leaked access key of the "
                                f"{user} user (created on {iso(created)}) to reach "
                                f"{kept} and {gone} and to read the {bucket} "
                                f"bucket; {kept} talked to {address}.",
                     "date": d},
        "sources": sources, "incident_response_actions": actions,
        "evidence": evidence}


def artefacts(k):
    """The seven artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:  # the original, hand-written artefacts, byte for byte
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    customer, provider = CUSTOMERS[k - 1], PROVIDERS[k - 1]
    policy = _policy(rng)
    soc2, estate = _soc2_and_estate(k, rng, customer, provider)
    return {
        "workload-policy.json": _dump(policy),
        "attestation-reports.json": _dump(_attestations(rng, policy)),
        "key-custody-options.json": _dump(_options(provider)),
        "workloads.json": _dump(_workloads(rng)),
        "soc2-excerpt.json": _dump(soc2),
        "estate.json": _dump(estate),
        "logging-config.json": _dump(_logging(k, rng, customer)),
    }
