"""A learner who believes that in SaaS the customer owns nothing.

Everything else is done well, so only the parts that test that belief lose
points.
"""

CELLS = {
    "attribution_answer": '''
attribution = {
    "INC-2301": "customer", "INC-2302": "customer", "INC-2303": "provider",
    "INC-2304": "customer", "INC-2305": "provider", "INC-2306": "customer",
    "INC-2307": "customer", "INC-2308": "customer", "INC-2309": "customer",
    "INC-2310": "provider",
    # SaaS: "the vendor runs it, so it's on them"
    "INC-2311": "provider", "INC-2312": "provider", "INC-2313": "provider",
    "INC-2314": "provider",
}
''',
    "service_models_answer": '''
service_models = {"shop-web": "iaas", "payments-db": "paas", "label-printer": "faas",
                  "crm": "saas", "warehouse-scanners": "on-prem", "portal-app": "paas"}
''',
    "gaps_answer": '''
gaps = ["label-printer:CTL-02", "label-printer:CTL-07", "payments-db:CTL-06",
        "shop-web:CTL-07", "shop-web:CTL-08", "warehouse-scanners:CTL-09"]
''',
    # P3 and P9 look right to this learner
    "policy_answer": 'false_statements = ["P2", "P5", "P7"]',
    "overdue_answer": '''
from datetime import date, timedelta


def overdue_vms(inventory, today, max_age_days=30):
    cutoff = date.fromisoformat(today) - timedelta(days=max_age_days)
    names = [r["vm"] for r in inventory
             if r["service_model"] == "iaas" and r["missing_critical_since"]
             and date.fromisoformat(r["missing_critical_since"]) < cutoff]
    return sorted(names)
''',
    "patch_clause": """
Cloud VMs must be patched monthly by the platform team using the provider's
patch manager. Our SaaS tools are patched by their vendors, so they need no
clause. This would have stopped the incident because someone would have owned
patching.
""",
}

EXPECTED = {
    "attribution_iaas": 2, "attribution_platform": 3, "attribution_saas": 1,
    "service_models": 2, "gaps_found": 1.5, "gaps_no_false_alarms": 1,
    "policy_false_found": 1, "policy_true_kept": 1,
    "overdue_shipped": 1, "overdue_edge_cases": 2,
}
