"""Answer cells shared by ps04 samples."""

MISSING = '''
missing_characteristics = {
    "S1": [], "S2": ["measured-service", "on-demand-self-service", "rapid-elasticity"],
    "S3": ["broad-network-access"], "S4": ["rapid-elasticity", "resource-pooling"],
    "S5": [],
}
'''

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
