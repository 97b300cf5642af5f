"""A learner who finished Parts A and B and stopped: C, D and E untouched.
Their version comparison forgets that a missing part counts as 0."""

CELLS = {
    "types_answer": '''
hypervisor_types = {h["name"]: "type1" for h in hosts}
hypervisor_types.update({h["name"]: "type2" for h in hosts if h["product"]
                         in ("Oracle VirtualBox", "VMware Workstation Pro")})
''',
    "affected_answer": '''
def affected_hosts(hosts, advisory):
    def v(text):
        return tuple(int(p) for p in text.split("."))

    return sorted(h["name"] for h in hosts if h["product"] == advisory["product"]
                  and (h.get("supported", True) is False
                       or any(v(r["from"]) <= v(h["version"]) < v(r["fixed"])
                          for r in advisory["affected"])))
''',
}

EXPECTED = {
    "hypervisor_types": 2, "affected_shipped": 1, "affected_edge_cases": 0,
    "patch_order": 0, "mixed_found": 0, "mixed_no_false_alarms": 0,
}
