"""All right but one typo: E4 is "not_cloud" instead of "not-cloud". It costs
only E4's share of its group (1 point x 3/4, rounded down to half points);
the E2/E3/E6/E8 group keeps its 2 points."""

from submissions import solution_of

_SOLUTION = solution_of("ps04-deployment-models")

CELLS = {
    **_SOLUTION,
    "models_answer": _SOLUTION["models_answer"] + '''
deployment_models["E4"] = "not_cloud"
''',
}

EXPECTED = {
    "models_core": 0.5, "models_traps": 2, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 2, "claims_true_kept": 1,
}
