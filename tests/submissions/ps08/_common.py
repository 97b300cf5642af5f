"""Answer cells shared by ps08 samples (a learner's own versions)."""

CHECK_RIGHT = '''
def check_report(report, policy, nonce):
    failed = []
    sig = report["signature"]
    if not (sig["verified"] and sig["chain"] and sig["chain"][-1] == "ARK"
            and sig["root_fingerprint"].lower()
            == policy["trusted_root_fingerprint"].lower()):
        failed.append("signature")
    if report["measurement"].lower() != policy["measurement"].lower():
        failed.append("measurement")
    if report["policy"]["debug"] and not policy["debug_allowed"]:
        failed.append("debug")
    if report["policy"]["migrate_ma"] and not policy["migration_agent_allowed"]:
        failed.append("migration")
    for part, least in policy["min_tcb"].items():
        if report["reported_tcb"][part] < least:
            failed.append("tcb")
            break
    if report["report_data"][:64].lower() != nonce.lower():
        failed.append("nonce")
    return sorted(failed)
'''

CUSTODY_RIGHT = '''
custody = {"marketing-assets": "provider-managed", "hr-records": "customer-managed",
           "claims-archive": "byok", "pin-translation": "dedicated-hsm",
           "health-research": "external-key-store", "sovereign-ledger": None,
           "internal-wiki": "byok"}
'''

GAPS_RIGHT = '''
gaps = sorted(["cuec:CUEC-02", "cuec:CUEC-04", "cuec:CUEC-06",
               "scope:managed-kubernetes", "carve-out:Colo North Ltd",
               "exception:CC6.1.4", "exception:A1.2.1", "bridge-letter"])
'''

EVIDENCE_RIGHT = '''
evidence = {
    "createaccesskey-2026-10-02": "available",
    "getobject-customer-exports": "not-enabled",
    "flows-web-2026-11-28": "available",
    "flows-batch-2026-11-28": "not-enabled",
    "memory-batch": "lost",
    "disk-batch": "lost",
    "disk-web": "available",
    "consolelogin-2025-09": "expired",
    "alb-2026-11-28": "expired",
    "guardduty-2026-11-28": "available",
}
'''

MEMO = '''
I recommend a confidential VM with attestation checked before the model key is
released; it keeps the hypervisor and provider staff out of memory, but not our
own admins, our own bugs, side channels or outages.
'''
