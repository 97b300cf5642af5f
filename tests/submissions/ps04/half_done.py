"""A learner who classified the environments (correctly) and stopped.

Written as the reference solution's rule for Part A, so it scores the same
on every variant."""

from submissions.ps04._common import SOLUTION

CELLS = {
    "models_answer": SOLUTION["models_answer"],
}

EXPECTED = {
    "models_core": 1, "models_traps": 2, "missing_characteristics": 0,
    "recommendations": 0, "claims_false_found": 0, "claims_true_kept": 0,
}
