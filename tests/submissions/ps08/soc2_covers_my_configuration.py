"""Misconception: "the provider's SOC 2 report covers my configuration".

The learner reads the audit report as assurance for the whole estate: the
complementary user entity controls are taken as things the auditor checked,
so none of the three unmet CUECs is listed (5 of 8 gaps found: 2 x 5/8 =
1.25, rounded down to 1 point; nothing false listed: 1 point). By the same
belief, the provider "has the logs": evidence that no source was switched on
for (the data events and the flows of the VPC without flow logs) is marked
available (8 of 10 right: 2 x 0.8 = 1.6, rounded down to 1.5 points).
Written as rules (the reference solution with the learner's belief), so it
loses the same points on every variant.
"""

from submissions import swap
from submissions.ps08._common import (
    CHECK_RIGHT,
    CUSTODY_RIGHT,
    EVIDENCE_RIGHT,
    GAPS_RIGHT,
    MEMO,
)

GAPS_PROVIDER_ONLY = swap(
    GAPS_RIGHT,
    ('''gaps = [f"cuec:{c['id']}" for c in soc2["complementary_user_entity_controls"]
        if status.get(c["topic"]) != "in place"]
gaps +=''', "gaps ="))

EVIDENCE_PROVIDER_HAS_IT = swap(
    EVIDENCE_RIGHT,
    ('        return "not-enabled"', '        return "available"'))

CELLS = {"check_report_answer": CHECK_RIGHT, "custody_answer": CUSTODY_RIGHT,
         "gaps_answer": GAPS_PROVIDER_ONLY,
         "evidence_answer": EVIDENCE_PROVIDER_HAS_IT, "memo": MEMO}

EXPECTED = {
    "attestation_shipped": 1, "attestation_hidden": 2, "custody": 2,
    "gaps_found": 1, "gaps_no_false_alarms": 1, "evidence": 1.5,
}
