"""A learner who did Parts A and B and stopped."""

from submissions.ps05._common import DERIVE_RIGHT, OVER_RIGHT

CELLS = {"over_answer": OVER_RIGHT, "derive_answer": DERIVE_RIGHT}

EXPECTED = {
    "over_found": 1, "over_no_false_alarms": 1, "derive_shipped": 1,
    "derive_hidden": 1, "validate_shipped": 0, "validate_hidden": 0,
    "vulnerable_dependencies": 0,
}
