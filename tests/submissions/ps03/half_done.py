"""A learner who stopped half way: Part A right, B.1 with one slip, B.2 and C
untouched, and an off-by-one (>= instead of >) in Part D.

Written as rules applied to the artefacts (the reference solution with the
learner's mistakes), so it loses the same points on every variant.
"""

from submissions import solution_of, swap

_SOLUTION = solution_of("ps03-shared-responsibility")

CELLS = {
    "attribution_answer": _SOLUTION["attribution_answer"],
    # the app platform read as rented machines
    "service_models_answer": swap(
        _SOLUTION["service_models_answer"],
        ('"managed application platform": "paas"',
         '"managed application platform": "iaas"')),
    "overdue_answer": '''
from datetime import date


def overdue_vms(inventory, today, max_age_days=30):
    now = date.fromisoformat(today)
    out = []
    for row in inventory:
        since = row["missing_critical_since"]
        if row["service_model"] == "iaas" and since:
            if (now - date.fromisoformat(since)).days >= max_age_days:
                out.append(row["vm"])
    return sorted(out)
''',
}

EXPECTED = {
    "attribution_iaas": 2, "attribution_platform": 3, "attribution_saas": 2,
    "service_models": 1.5, "gaps_found": 0, "gaps_no_false_alarms": 0,
    "policy_false_found": 0, "policy_true_kept": 0,
    "overdue_shipped": 1, "overdue_edge_cases": 0,
}
