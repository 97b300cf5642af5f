"""A learner who calls any mix of environments "hybrid": two unconnected
public clouds, or a server room plus SaaS email. The vendor's claims V3 and
V5 therefore look true to them."""

from submissions.ps04._common import MISSING, RECOMMEND

CELLS = {
    "models_answer": '''
deployment_models = {"E1": "community", "E2": "private", "E3": "hybrid",
                     "E4": "not-cloud", "E5": "public", "E6": "hybrid",
                     "E7": "community", "E8": "hybrid"}
''',
    "missing_answer": MISSING,
    "recommend_answer": RECOMMEND,
    "claims_answer": 'false_claims = ["V2", "V8", "V9"]',
    "clinic_advice": """
Use a hybrid cloud: keep patient records in the clinics and use public SaaS for
everything else, which is the safest option for health data.
""",
}

EXPECTED = {
    "models_core": 1, "models_traps": 1, "missing_characteristics": 2,
    "recommendations": 2, "claims_false_found": 1, "claims_true_kept": 1,
}
