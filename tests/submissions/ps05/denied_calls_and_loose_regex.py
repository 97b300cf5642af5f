"""A learner who grants every call in the log, refused ones included, and
validates with re.match, \\d and $: a trailing newline and non-ASCII digits
slip through."""

from submissions import swap
from submissions.ps05._common import DEPS_RIGHT, OVER_RIGHT, VALIDATE_RIGHT

CELLS = {
    "over_answer": OVER_RIGHT,
    "derive_answer": '''
def derive_policy(records):
    grants = {}
    for r in records:
        grants.setdefault(r["function"], {}).setdefault(r["action"], set()).add(
            r["resource"])
    return {f: {a: sorted(s) for a, s in acts.items()} for f, acts in grants.items()}
''',
    "validate_answer": swap(
        VALIDATE_RIGHT,
        ('re.fullmatch(r"ORD-[0-9]{6}", d["order_id"])',
         're.match(r"ORD-\\d{6}$", d["order_id"])'),
        ('re.fullmatch(r"[^@\\s]+@[^@\\s]+\\.[a-z]{2,}", d["email"])',
         're.match(r"[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", d["email"])')),
    "deps_answer": DEPS_RIGHT,
}

EXPECTED = {
    "over_found": 1, "over_no_false_alarms": 1, "derive_shipped": 0,
    "derive_hidden": 0, "validate_shipped": 1, "validate_hidden": 0,
    "vulnerable_dependencies": 2,
}
