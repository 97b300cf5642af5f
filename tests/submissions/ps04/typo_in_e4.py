"""All right but one typo: the ticket-driven VM cluster (E4 in variant 1) is
"not_cloud" instead of "not-cloud". It costs only that environment's share of
its group (1 point x 3/4, rounded down to half points); the other group keeps
its 2 points. The typo is in the rule, so every variant loses the same."""

from submissions import swap
from submissions.ps04._common import SOLUTION

CELLS = {
    **SOLUTION,
    "models_answer": swap(SOLUTION["models_answer"],
                          ('"ticket-driven VM cluster": "not-cloud"',
                           '"ticket-driven VM cluster": "not_cloud"')),
}

EXPECTED = {
    "models_core": 0.5, "models_traps": 2, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 2, "claims_true_kept": 1,
}
