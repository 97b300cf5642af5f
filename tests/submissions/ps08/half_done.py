"""A learner who did Parts A and B and stopped before the SOC 2 report."""

from submissions.ps08._common import CHECK_RIGHT, CUSTODY_RIGHT

CELLS = {"check_report_answer": CHECK_RIGHT, "custody_answer": CUSTODY_RIGHT}

EXPECTED = {
    "attestation_shipped": 1, "attestation_hidden": 2, "custody": 2,
    "gaps_found": 0, "gaps_no_false_alarms": 0, "evidence": 0,
}
