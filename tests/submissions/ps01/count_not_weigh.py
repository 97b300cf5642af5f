"""A learner who ranks hosts by how many VMs they run (not by what the VMs
hold, nor by active exploitation) and who reads "mixed" as "several tenants
on one host"."""

CELLS = {
    "types_answer": '''
hypervisor_types = {h["name"]: "type1" for h in hosts}
hypervisor_types.update({h["name"]: "type2" for h in hosts if h["product"]
                         in ("Oracle VirtualBox", "VMware Workstation Pro")})
''',
    "affected_answer": '''
def affected_hosts(hosts, advisory):
    def v(text):
        parts = [int(p) for p in text.split(".")]
        return parts + [0] * (6 - len(parts))

    return sorted(h["name"] for h in hosts if h["product"] == advisory["product"]
                  and (h.get("supported", True) is False
                       or any(v(r["from"]) <= v(h["version"]) < v(r["fixed"])
                          for r in advisory["affected"])))
''',
    "patch_order_answer": '''
affected = {n for a in advisories for n in affected_hosts(hosts, a)}
count = {n: sum(1 for v in vms if v["host"] == n) for n in affected}
patch_order = sorted(affected, key=lambda n: (-count[n], n))
''',
    "mixed_answer": '''
tenants = {}
for vm in vms:
    tenants.setdefault(vm["host"], set()).add(vm["tenant"])
mixed_hosts = sorted(h for h, t in tenants.items() if len(t) > 1)
''',
}

EXPECTED = {
    "hypervisor_types": 2, "affected_shipped": 1, "affected_edge_cases": 2,
    "patch_order": 0, "mixed_found": 0.5, "mixed_no_false_alarms": 0,
}
