"""A learner who thinks Hyper-V is a Type 2 hypervisor because Windows is
there (the root-partition misconception). Everything else is right."""

from submissions import solution_of

CELLS = {
    "types_answer": '''
hypervisor_types = {}
for host in hosts:
    hosted = host["product"] in ("Oracle VirtualBox", "VMware Workstation Pro")
    windows = "Windows" in host.get("notes", "")
    hypervisor_types[host["name"]] = "type2" if hosted or windows else "type1"
''',
    "affected_answer": '''
def affected_hosts(hosts, advisory):
    def v(text, n=6):
        parts = [int(p) for p in text.split(".")]
        return tuple(parts + [0] * (n - len(parts)))

    return sorted(
        h["name"] for h in hosts
        if h["product"] == advisory["product"]
        and (h.get("supported", True) is False
             or any(v(r["from"]) <= v(h["version"]) < v(r["fixed"])
                for r in advisory["affected"])))
''',
    "patch_order_answer": '''
affected = {n for a in advisories for n in affected_hosts(hosts, a)}
kev = {n for a in advisories if a["exploited_in_the_wild"]
       for n in affected_hosts(hosts, a)}
score = {n: sum(WEIGHTS[v["classification"]] for v in vms if v["host"] == n)
         for n in affected}
patch_order = sorted(affected, key=lambda n: (0 if n in kev else 1, -score[n], n))
''',
    "mixed_answer": solution_of("ps01-hypervisors")["mixed_answer"],
    "hardening_plan": """
Put vCenter on a management VLAN, turn on MFA for admins, patch ESXi monthly and
log admin logins to the SIEM.
""",
}

EXPECTED = {
    "hypervisor_types": 1.5, "affected_shipped": 1, "affected_edge_cases": 2,
    "patch_order": 2, "mixed_found": 1, "mixed_no_false_alarms": 1,
}
