"""A learner who classified the environments (correctly) and stopped."""

CELLS = {
    "models_answer": '''
deployment_models = dict(E1="community", E2="private", E3="hybrid", E4="not-cloud",
                         E5="public", E6="public", E7="community", E8="public")
''',
}

EXPECTED = {
    "models_core": 1, "models_traps": 2, "missing_characteristics": 0,
    "recommendations": 0, "claims_false_found": 0, "claims_true_kept": 0,
}
