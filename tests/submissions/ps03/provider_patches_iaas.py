"""A learner who believes the cloud provider patches IaaS guest operating
systems (the mistake behind the incident in lesson 03)."""

CELLS = {
    "attribution_answer": '''
attribution = {
    "INC-2301": "provider",  # "the provider should have patched our VMs"
    "INC-2302": "customer", "INC-2303": "provider", "INC-2304": "customer",
    "INC-2305": "provider", "INC-2306": "customer", "INC-2307": "customer",
    "INC-2308": "customer", "INC-2309": "customer", "INC-2310": "provider",
    "INC-2311": "customer", "INC-2312": "customer", "INC-2313": "provider",
    "INC-2314": "provider",
}
''',
    "service_models_answer": '''
service_models = {"shop-web": "iaas", "payments-db": "paas", "label-printer": "faas",
                  "crm": "saas", "warehouse-scanners": "on-prem", "portal-app": "paas"}
''',
    # no OS or runtime patching gaps for the IaaS web shop
    "gaps_answer": '''
gaps = ["crm:CTL-01", "crm:CTL-04", "label-printer:CTL-02", "label-printer:CTL-07",
        "payments-db:CTL-06", "warehouse-scanners:CTL-09"]
''',
    # P2 looks right; P10 looks like wasted effort
    "policy_answer": 'false_statements = ["P10", "P3", "P5", "P7", "P9"]',
    # every cloud VM is provider-patched, so nothing is ever overdue for us
    "overdue_answer": '''
def overdue_vms(inventory, today, max_age_days=30):
    return []
''',
    "patch_clause": """
The provider patches our IaaS virtual machines as part of the service; we will
check its SOC 2 report every year to confirm that it does. The incident happened
because the provider did not patch in time.
""",
}

EXPECTED = {
    "attribution_iaas": 1.5, "attribution_platform": 3, "attribution_saas": 2,
    "service_models": 2, "gaps_found": 1.5, "gaps_no_false_alarms": 1,
    "policy_false_found": 1.5, "policy_true_kept": 0,
    "overdue_shipped": 0, "overdue_edge_cases": 0,
}
