"""Misconception: "encryption at rest stops the provider".

The learner believes that any encryption at rest, or a customer-managed key in
the provider's KMS, keeps the provider from reading the data, so a workload
whose threat is the provider itself needs nothing more than its data class
asks for. Written as a rule (the reference solution without the
``insider_threat`` requirement): the two workloads whose answer is BYOK get a
weaker option (provider-managed for internal data, customer-managed for
confidential or restricted data); every other workload stays right, because
its answer is set by a data class, an HSM or a jurisdiction rule. Two of
seven wrong on every variant: 2 x 5/7 = 1.43, rounded down to 1 point.
Everything else is right.
"""

from submissions import swap
from submissions.ps08._common import (
    CHECK_RIGHT,
    CUSTODY_RIGHT,
    EVIDENCE_RIGHT,
    GAPS_RIGHT,
    MEMO,
)

CUSTODY_AT_REST_IS_ENOUGH = swap(
    CUSTODY_RIGHT,
    ('''    if workload["insider_threat"] == "provider":
        need |= {"disable-revoke", "own-key-origin"}
''', ""))

CELLS = {"check_report_answer": CHECK_RIGHT,
         "custody_answer": CUSTODY_AT_REST_IS_ENOUGH,
         "gaps_answer": GAPS_RIGHT, "evidence_answer": EVIDENCE_RIGHT,
         "memo": MEMO}

EXPECTED = {
    "attestation_shipped": 1, "attestation_hidden": 2, "custody": 1,
    "gaps_found": 2, "gaps_no_false_alarms": 1, "evidence": 2,
}
