"""A learner who stopped half way: Part A right, B.1 with one slip, B.2 and C
untouched, and an off-by-one (>= instead of >) in Part D."""

CELLS = {
    "attribution_answer": '''
attribution = {
    "INC-2301": "customer", "INC-2302": "customer", "INC-2303": "provider",
    "INC-2304": "customer", "INC-2305": "provider", "INC-2306": "customer",
    "INC-2307": "customer", "INC-2308": "customer", "INC-2309": "customer",
    "INC-2310": "provider", "INC-2311": "customer", "INC-2312": "customer",
    "INC-2313": "provider", "INC-2314": "provider",
}
''',
    "service_models_answer": '''
service_models = {"shop-web": "iaas", "payments-db": "paas", "label-printer": "faas",
                  "crm": "saas", "warehouse-scanners": "on-prem", "portal-app": "iaas"}
''',
    "overdue_answer": '''
from datetime import date


def overdue_vms(inventory, today, max_age_days=30):
    now = date.fromisoformat(today)
    out = []
    for row in inventory:
        since = row["missing_critical_since"]
        if row["service_model"] == "iaas" and since:
            if (now - date.fromisoformat(since)).days >= max_age_days:
                out.append(row["vm"])
    return sorted(out)
''',
}

EXPECTED = {
    "attribution_iaas": 2, "attribution_platform": 3, "attribution_saas": 2,
    "service_models": 1.5, "gaps_found": 0, "gaps_no_false_alarms": 0,
    "policy_false_found": 0, "policy_true_kept": 0,
    "overdue_shipped": 1, "overdue_edge_cases": 0,
}
