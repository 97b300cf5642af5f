"""Misconception: "the provider's SOC 2 report covers my configuration".

The learner reads the audit report as assurance for the whole estate: the
complementary user entity controls are taken as things the auditor checked,
so none of the three unmet CUECs is listed (5 of 8 gaps found: 2 x 5/8 =
1.25, rounded down to 1 point; nothing false listed: 1 point). By the same
belief, the provider "has the logs": data events and the batch VPC's flow
logs, which were never switched on, are marked available (8 of 10 right:
2 x 0.8 = 1.6, rounded down to 1.5 points).
"""

from submissions.ps08._common import CHECK_RIGHT, CUSTODY_RIGHT, MEMO

GAPS_PROVIDER_ONLY = '''
gaps = sorted(["scope:managed-kubernetes", "carve-out:Colo North Ltd",
               "exception:CC6.1.4", "exception:A1.2.1", "bridge-letter"])
'''

EVIDENCE_PROVIDER_HAS_IT = '''
evidence = {
    "createaccesskey-2026-10-02": "available",
    "getobject-customer-exports": "available",
    "flows-web-2026-11-28": "available",
    "flows-batch-2026-11-28": "available",
    "memory-batch": "lost",
    "disk-batch": "lost",
    "disk-web": "available",
    "consolelogin-2025-09": "expired",
    "alb-2026-11-28": "expired",
    "guardduty-2026-11-28": "available",
}
'''

CELLS = {"check_report_answer": CHECK_RIGHT, "custody_answer": CUSTODY_RIGHT,
         "gaps_answer": GAPS_PROVIDER_ONLY,
         "evidence_answer": EVIDENCE_PROVIDER_HAS_IT, "memo": MEMO}

EXPECTED = {
    "attestation_shipped": 1, "attestation_hidden": 2, "custody": 2,
    "gaps_found": 1, "gaps_no_false_alarms": 1, "evidence": 1.5,
}
