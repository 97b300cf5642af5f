"""A learner who believes serverless leaves nothing to secure: no role is
too broad, the API gateway "already validates" events, and dependencies are
the provider's problem."""

from submissions.ps05._common import DERIVE_RIGHT

CELLS = {
    "over_answer": "over_privileged = []",
    "derive_answer": DERIVE_RIGHT,
    "validate_answer": '''
def validate_event(event):
    return True  # the API gateway validates requests for us
''',
    "deps_answer": '''
vulnerable_dependencies = {f: [] for f in FUNCTIONS}  # patched by the provider
''',
    "webhook_review": """
The function is serverless, so AWS manages its security. No changes are needed.
""",
}

EXPECTED = {
    "over_found": 0, "over_no_false_alarms": 1, "derive_shipped": 1,
    "derive_hidden": 1, "validate_shipped": 0, "validate_hidden": 0,
    "vulnerable_dependencies": 0,
}
