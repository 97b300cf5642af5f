"""A learner who believes a private cloud must be on the organisation's own
premises: the dedicated cloud a third party runs off premises becomes
"public", and the vendor's (true) claim that such a cloud is still private is
flagged as false.

Written as rules applied to the artefacts (the reference solution with the
learner's belief), so it loses the same points on every variant."""

from submissions import swap
from submissions.ps04._common import MISSING, RECOMMEND, SOLUTION

CELLS = {
    "models_answer": swap(
        SOLUTION["models_answer"],
        ('"dedicated cloud run by a third party": "private"',
         '"dedicated cloud run by a third party": "public"')),
    "missing_answer": MISSING,
    "recommend_answer": RECOMMEND,
    "claims_answer": swap(
        SOLUTION["claims_answer"],
        ('"a hosted, dedicated cloud is private": True',
         '"a hosted, dedicated cloud is private": False')),
}

EXPECTED = {
    "models_core": 1, "models_traps": 1.5, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 2, "claims_true_kept": 0,
}
