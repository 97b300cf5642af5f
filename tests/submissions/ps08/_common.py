"""Answer cells shared by ps08 samples (a learner's own versions)."""

from submissions import solution_of

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

# Parts B to D: the reference solution's rules (so right on every variant)
_SOLUTION = solution_of("ps08-trusting-what-you-cannot-touch")
CUSTODY_RIGHT = _SOLUTION["custody_answer"]
GAPS_RIGHT = _SOLUTION["gaps_answer"]
EVIDENCE_RIGHT = _SOLUTION["evidence_answer"]

MEMO = '''
I recommend a confidential VM with attestation checked before the model key is
released; it keeps the hypervisor and provider staff out of memory, but not our
own admins, our own bugs, side channels or outages.
'''
