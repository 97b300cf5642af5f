"""A right answer in a form the old grader refused: derive_policy builds its
result with collections.defaultdict (a dict subclass). The grader reads it by
its contents, so it earns full marks."""

from submissions import solution_of

CELLS = {
    **solution_of("ps05-serverless"),
    "derive_answer": '''
from collections import defaultdict


def derive_policy(records):
    """Least-privilege grants observed in an activity log."""
    grants = defaultdict(lambda: defaultdict(set))
    for record in records:
        if record.get("errorCode"):
            continue
        grants[record["function"]][record["action"]].add(record["resource"])
    policy = defaultdict(dict)
    for function, actions in grants.items():
        for action, resources in actions.items():
            policy[function][action] = sorted(resources)
    return policy
''',
}

EXPECTED = {
    "over_found": 1, "over_no_false_alarms": 1, "derive_shipped": 1,
    "derive_hidden": 1, "validate_shipped": 1, "validate_hidden": 2,
    "vulnerable_dependencies": 2,
}
