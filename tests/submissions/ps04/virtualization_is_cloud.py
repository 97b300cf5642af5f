"""A learner who equates virtualization with cloud: the ticket-driven VM farm
is a "private cloud", dedicated hardware still "pools" resources, and
multi-tenancy looks like a characteristic of its own."""

from submissions.ps04._common import RECOMMEND

CELLS = {
    "models_answer": '''
deployment_models = {"E1": "community", "E2": "private", "E3": "hybrid",
                     "E4": "private", "E5": "public", "E6": "public",
                     "E7": "community", "E8": "public"}
''',
    "missing_answer": '''
missing_characteristics = {"S1": [], "S2": ["on-demand-self-service"],
                           "S3": ["broad-network-access"], "S4": ["rapid-elasticity"],
                           "S5": []}
''',
    "recommend_answer": RECOMMEND,
    "claims_answer": 'false_claims = ["V3", "V5", "V8", "V9"]',
}

EXPECTED = {
    "models_core": 0.5, "models_traps": 2, "missing_characteristics": 1,
    "recommendations": 2, "claims_false_found": 1.5, "claims_true_kept": 1,
}
