"""A learner who believes the cloud provider patches IaaS guest operating
systems (the mistake behind the incident in lesson 03).

Written as rules applied to the artefacts (the reference solution with the
learner's belief), so it loses the same points on every variant.
"""

from submissions import solution_of, swap

_SOLUTION = solution_of("ps03-shared-responsibility")

CELLS = {
    # "the provider should have patched our VMs"
    # (every variant has one IaaS incident where guest OS patching failed)
    "attribution_answer": swap(_SOLUTION["attribution_answer"],
                               ('"network-controls", "runtime",\n'
                                '             "guest-os"},',
                                '"network-controls", "runtime"},')),
    "service_models_answer": _SOLUTION["service_models_answer"],
    # no OS or runtime patching gaps for the IaaS system
    "gaps_answer": swap(_SOLUTION["gaps_answer"],
                        ('"network-controls", "runtime",\n             "guest-os"},',
                         '"network-controls"},')),
    # the guest-OS patching statement looks right; still patching looks wrong
    # (every variant words each of these two claims its own way)
    "policy_answer": swap(_SOLUTION["policy_answer"],
                          ('"iaas-guest-os": ("the cloud provider applies operating '
                           'system security patches",\n'
                           '                      "installed by the provider as part '
                           'of the service",\n'
                           '                      "patched is the provider\'s task"),',
                           '"iaas-guest-os": ("we still patch the guest operating '
                           'systems",\n'
                           '                      "we apply the guest operating system '
                           'updates ourselves",\n'
                           '                      "we still install the guest kernel '
                           'updates"),')),
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
