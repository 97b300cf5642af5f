"""Misconception: "encryption at rest stops the provider".

The learner believes that any encryption at rest, or a customer-managed key in
the provider's KMS, keeps the provider from reading the data. So the workloads
whose threat is the provider itself (claims-archive, internal-wiki) get the
provider-managed key, and health-research, whose regulator wants the keys
outside the provider, gets a customer-managed key that still lives in the
provider's KMS. Three of seven workloads wrong: 2 x 4/7 = 1.14, rounded down
to 1 point. Everything else is right.
"""

from submissions.ps08._common import (
    CHECK_RIGHT,
    EVIDENCE_RIGHT,
    GAPS_RIGHT,
    MEMO,
)

CUSTODY_AT_REST_IS_ENOUGH = '''
custody = {"marketing-assets": "provider-managed", "hr-records": "customer-managed",
           "claims-archive": "provider-managed", "pin-translation": "dedicated-hsm",
           "health-research": "customer-managed", "sovereign-ledger": None,
           "internal-wiki": "provider-managed"}
'''

CELLS = {"check_report_answer": CHECK_RIGHT,
         "custody_answer": CUSTODY_AT_REST_IS_ENOUGH,
         "gaps_answer": GAPS_RIGHT, "evidence_answer": EVIDENCE_RIGHT,
         "memo": MEMO}

EXPECTED = {
    "attestation_shipped": 1, "attestation_hidden": 2, "custody": 1,
    "gaps_found": 2, "gaps_no_false_alarms": 1, "evidence": 2,
}
