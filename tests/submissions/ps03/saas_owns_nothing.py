"""A learner who believes that in SaaS the customer owns nothing.

Everything else is done well, so only the parts that test that belief lose
points. Written as rules applied to the artefacts (the reference solution
with the learner's belief), so it loses the same points on every variant.
"""

from submissions import solution_of, swap

_SOLUTION = solution_of("ps03-shared-responsibility")

CELLS = {
    # SaaS: "the vendor runs it, so it's on them"
    # (every variant has two SaaS incidents where the customer's control failed)
    "attribution_answer": swap(
        _SOLUTION["attribution_answer"],
        ('"SaaS": {"data", "identities", "devices", "configuration"},',
         '"SaaS": set(),')),
    "service_models_answer": _SOLUTION["service_models_answer"],
    "gaps_answer": swap(_SOLUTION["gaps_answer"],
                        ('"saas": {"data", "identities", "identity-infrastructure", '
                         '"devices",\n             "configuration"},',
                         '"saas": set(),')),
    # the two SaaS statements look right to this learner
    "policy_answer": swap(
        _SOLUTION["policy_answer"],
        ('"saas-everything": ("the provider is responsible for all security",\n'
         '                        "entirely the vendor\'s concern",\n'
         '                        "need no security configuration review"),',
         '"saas-everything": (),'),
        ('"saas-identities": ("MFA for administrator accounts of SaaS products is '
         'the "\n                        "provider\'s", "for the vendor to decide '
         'and review",\n                        "done by each SaaS vendor"),',
         '"saas-identities": (),')),
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
