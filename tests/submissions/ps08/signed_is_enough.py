"""Misconception: "a signed report from the right image is enough".

The learner checks only that the signature verified and the measurement
matches, and trusts the rest of the report: debug and migration-agent
policy flags, the TCB version and the nonce are never looked at, nor whether
the chain reaches the pinned AMD root. Shipped reports: 3 of 8 right
(1 x 3/8 = 0.375, rounded down to 0 points); hidden edge cases: 5 of 10 right
(2 x 0.5 = 1 point).
"""

from submissions.ps08._common import (
    CUSTODY_RIGHT,
    EVIDENCE_RIGHT,
    GAPS_RIGHT,
    MEMO,
)

CHECK_SIGNATURE_ONLY = '''
def check_report(report, policy, nonce):
    failed = []
    if not report["signature"]["verified"]:
        failed.append("signature")
    if report["measurement"].lower() != policy["measurement"].lower():
        failed.append("measurement")
    return sorted(failed)
'''

CELLS = {"check_report_answer": CHECK_SIGNATURE_ONLY,
         "custody_answer": CUSTODY_RIGHT, "gaps_answer": GAPS_RIGHT,
         "evidence_answer": EVIDENCE_RIGHT, "memo": MEMO}

EXPECTED = {
    "attestation_shipped": 0, "attestation_hidden": 1, "custody": 2,
    "gaps_found": 2, "gaps_no_false_alarms": 1, "evidence": 2,
}
