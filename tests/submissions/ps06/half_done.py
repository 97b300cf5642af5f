"""A learner who did Parts A and C and stopped."""

from submissions.ps06._common import CROSS_RIGHT, ISOLATION_RIGHT

CELLS = {"cross_answer": CROSS_RIGHT, "isolation_answer": ISOLATION_RIGHT}

EXPECTED = {
    "cross_found": 1, "cross_no_false_alarms": 1, "periods_shipped": 0,
    "periods_hidden": 0, "isolation_choice": 2, "exposure_shipped": 0,
    "exposure_hidden": 0,
}
