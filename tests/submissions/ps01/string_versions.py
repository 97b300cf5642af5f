"""A learner who compares version strings as text, so 8.2.10 looks older
than 8.2.7 and 10.0.20348.987 newer than 10.0.20348.2340. Part C, built on
that function, inherits the mistake."""

CELLS = {
    "types_answer": '''
hypervisor_types = {h["name"]: "type1" for h in hosts}
hypervisor_types.update({h["name"]: "type2" for h in hosts if h["product"]
                         in ("Oracle VirtualBox", "VMware Workstation Pro")})
''',
    "affected_answer": '''
def affected_hosts(hosts, advisory):
    out = []
    for h in hosts:
        if h["product"] != advisory["product"]:
            continue
        if h.get("supported", True) is False:
            out.append(h["name"])
            continue
        for r in advisory["affected"]:
            if r["from"] <= h["version"] < r["fixed"]:
                out.append(h["name"])
                break
    return sorted(out)
''',
    "patch_order_answer": '''
affected = {n for a in advisories for n in affected_hosts(hosts, a)}
kev = {n for a in advisories if a["exploited_in_the_wild"]
       for n in affected_hosts(hosts, a)}
score = {n: sum(WEIGHTS[v["classification"]] for v in vms if v["host"] == n)
         for n in affected}
patch_order = sorted(affected, key=lambda n: (n not in kev, -score[n], n))
''',
    "mixed_answer": '''
levels = {}
for vm in vms:
    levels.setdefault(vm["host"], set()).add(vm["classification"])
mixed_hosts = sorted(h for h, s in levels.items()
                     if "restricted" in s and ({"public", "internal"} & s))
''',
}

EXPECTED = {
    "hypervisor_types": 2, "affected_shipped": 0, "affected_edge_cases": 0,
    "patch_order": 0, "mixed_found": 1, "mixed_no_false_alarms": 1,
}
