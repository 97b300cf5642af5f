"""Answer cells shared by ps04 samples (rules applied to the artefacts, so a
sample loses the same points on every variant)."""

from submissions import solution_of

SOLUTION = solution_of("ps04-deployment-models")

MISSING = SOLUTION["missing_answer"]

RECOMMEND = '''
recommendations = {}
for p in profiles:
    if p["law_requires_own_premises"]:
        recommendations[p["id"]] = "private"
    elif p["shared_compliance_group"]:
        recommendations[p["id"]] = "community"
    elif p["sensitivity"] == "high" and p["demand_variability"] == "high":
        recommendations[p["id"]] = "hybrid"
    elif all(p[k] == "high" for k in ("sensitivity", "cloud_skills", "budget")):
        recommendations[p["id"]] = "private"
    else:
        recommendations[p["id"]] = "public"
'''
