"""A learner who calls any mix of environments "hybrid": two unconnected
public clouds, or a server room plus SaaS email. The vendor's claims that
equipment on premises, or two unconnected public clouds, make a hybrid cloud
therefore look true to them.

Written as rules applied to the artefacts (the reference solution with the
learner's belief), so it loses the same points on every variant."""

from submissions import swap
from submissions.ps04._common import MISSING, RECOMMEND, SOLUTION

CELLS = {
    "models_answer": swap(
        SOLUTION["models_answer"],
        ('"two unconnected public clouds": "public"',
         '"two unconnected public clouds": "hybrid"'),
        ('"hand-run servers plus public SaaS": "public"',
         '"hand-run servers plus public SaaS": "hybrid"')),
    "missing_answer": MISSING,
    "recommend_answer": RECOMMEND,
    "claims_answer": swap(
        SOLUTION["claims_answer"],
        ('"some equipment on premises makes it hybrid": False',
         '"some equipment on premises makes it hybrid": True'),
        ('"two unconnected public clouds are hybrid": False',
         '"two unconnected public clouds are hybrid": True')),
    "clinic_advice": """
Use a hybrid cloud: keep patient records in the clinics and use public SaaS for
everything else, which is the safest option for health data.
""",
}

EXPECTED = {
    "models_core": 1, "models_traps": 1, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 1, "claims_true_kept": 1,
}
