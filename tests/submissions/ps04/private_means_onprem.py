"""A learner who believes a private cloud must be on the organisation's own
premises: the bank's hosted dedicated cloud becomes "public", and the
vendor's (true) claim V1 is flagged as false."""

from submissions.ps04._common import MISSING, RECOMMEND

CELLS = {
    "models_answer": '''
deployment_models = {"E1": "community", "E2": "public", "E3": "hybrid",
                     "E4": "not-cloud", "E5": "public", "E6": "public",
                     "E7": "community", "E8": "public"}
''',
    "missing_answer": MISSING,
    "recommend_answer": RECOMMEND,
    "claims_answer": 'false_claims = ["V1", "V2", "V3", "V5", "V8", "V9"]',
}

EXPECTED = {
    "models_core": 1, "models_traps": 1.5, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 2, "claims_true_kept": 0,
}
