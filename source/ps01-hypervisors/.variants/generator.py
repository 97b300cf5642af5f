"""Variant generator of ps01 (instructor-side: never released).

Variant 1 is the hand-written original (``original/``). Every other variant
is built from the same *roles* (what each host is there to test) with other
values drawn per variant, so it is as hard as the original but no renaming
maps one variant's answers onto another's:

- the products and versions of the hosts: each role draws its version from
  real release lines (ESXi 7.0 U3 / 8.0 U1-U3 and an ESXi 6.5 or 6.7 past end
  of general support, Hyper-V on Windows Server 2019 or 2022 builds, QEMU
  7.2 or 8.2 stable releases, VirtualBox 7.0 or 7.1, Workstation Pro 17.5 or
  17.6, XenServer 6.2 or 6.5 out of support);
- the advisories: other ids, models, titles, severities and affected ranges
  (the ESXi one is always one of the three exploited flaws of VMSA-2025-0004,
  so one advisory is exploited in the wild in every variant);
- which host of each cluster plays which role (so *which* hosts are affected
  and the patch order differ), and where the VMs run (so the exposures, the
  patch order and the mixed hosts differ);
- the host names and the order of hosts and VMs.

What stays (the difficulty): 14 hosts, two of them Type 2, three Hyper-V
hosts whose notes say "Windows Server"; per advisory the same number of
affected hosts (3, 2, 1, 1, 1); one unsupported ESXi host outside every
range and one unsupported Xen host inside the range (both presumed
affected); the two traps of a string-compared version (a QEMU host such as
8.2.10 that sorts below a fix such as 8.2.7, and a Hyper-V build such as
.987 that sorts above a fix such as .2340); boundaries at the fixed version;
three mixed hosts, two of them with several tenants and one with one tenant;
hosts with several tenants that keep the rule; an order by VM count that is
not the order by exposure.
:func:`_check` asserts all of it for every variant. ``artefacts(k)`` returns
``{file name: text}`` (a draw that fails :func:`_check` is drawn again);
the keys come from running the reference solution
(``python -m cloudsec.variants generate ps01``).
"""

import json
import random
from pathlib import Path

N = 8
SEED = "ps01-hypervisors/variants/deep/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
WORKSTATIONS = ["lab-wks", "path-pc", "histo-wks", "lab-pc", "micro-wks", "pc-lab",
                "blood-wks", "gen-wks"]
LAPTOPS = ["dev-wks", "dev-lap", "eng-nb", "dev-nb", "code-lap", "build-lap",
           "sw-nb", "app-lap"]
WEIGHTS = {"public": 1, "internal": 2, "confidential": 5, "restricted": 10}

# --- the advisories each variant draws from ------------------------------
# VMSA-2025-0004 (2025-03-04): three flaws exploited in the wild (all three
# in CISA KEV on 2025-03-04), fixed in ESXi 8.0 U3d, 8.0 U2d and 7.0 U3s.
# Update letters are written as numbers (a=1 ... d=4 ... s=19).
ESXI_MODELS = [
    ("VM escape through a heap write in the VMX process", "critical",
     "CVE-2025-22224 (TOCTOU heap write, VMSA-2025-0004, exploited in the wild, "
     "CISA KEV)"),
    ("Arbitrary kernel write from the VMX process", "high",
     "CVE-2025-22225 (arbitrary write, VMSA-2025-0004, exploited in the wild, "
     "CISA KEV)"),
    ("Host memory disclosure through HGFS", "high",
     "CVE-2025-22226 (out-of-bounds read in HGFS, VMSA-2025-0004, exploited in "
     "the wild, CISA KEV)"),
]
ESXI_RANGES = [{"from": "7.0.0", "fixed": "7.0.3.19"},
               {"from": "8.0.0", "fixed": "8.0.2.4"},
               {"from": "8.0.3", "fixed": "8.0.3.4"}]
HYPERV_TITLES = [
    ("Guest-to-host code execution in a virtual device", "critical"),
    ("Guest-to-host code execution in the virtual switch", "critical"),
    ("Guest-to-host privilege escalation in a virtualization service provider",
     "high"),
]
# Windows Server builds (10.0.<build>.<update revision>): the fix, a build below
# it that also sorts below it as text, a three-digit build that is older but
# sorts above it as text (the trap), and a build at or above the fix.
HYPERV_LINES = {
    "2019": {"build": "17763", "fixed": ["5458", "5576", "5696"],
             "older": ["4974", "5122", "5206", "5329"],
             "trap": ["973", "864", "737", "678"],
             "newer": ["6775", "6893", "7009"]},
    "2022": {"build": "20348", "fixed": ["2340", "2402", "2461"],
             "older": ["2031", "2113", "2159", "2227"],
             "trap": ["887", "946", "825", "768"],
             "newer": ["2582", "2700", "3091"]},
}
# QEMU stable releases: fix, older (one digit), newer two-digit releases that
# sort below the fix as text (the trap).
QEMU_LINES = {
    "7.2": {"fixed": ["7.2.5", "7.2.6", "7.2.7", "7.2.8", "7.2.9"],
            "older": ["7.2.1", "7.2.2", "7.2.3", "7.2.4"],
            "trap": ["7.2.10", "7.2.11", "7.2.12", "7.2.13", "7.2.14"],
            "notes": "Debian 12 with libvirt"},
    "8.2": {"fixed": ["8.2.5", "8.2.6", "8.2.7", "8.2.8"],
            "older": ["8.2.1", "8.2.2", "8.2.3", "8.2.4"],
            "trap": ["8.2.10"],
            "notes": "RHEL 9 with libvirt"},
}
QEMU_MODELS = [
    ("Out-of-bounds write in an emulated storage controller", "high",
     "CVE-2015-3456 (VENOM, QEMU virtual floppy controller)"),
    ("Heap overflow in an emulated network card", "high",
     "QEMU emulated-device escape advisories (VENOM class, CVE-2015-3456)"),
]
VBOX_LINES = {
    "7.0": {"fixed": ["7.0.16", "7.0.18", "7.0.20"],
            "older": ["7.0.10", "7.0.12", "7.0.14"]},
    "7.1": {"fixed": ["7.1.4", "7.1.6", "7.1.8"],
            "older": ["7.1.0", "7.1.2"]},
}
XEN_HOSTS = [("4.4.1", "Citrix XenServer 6.5 (built on the Xen 4.4 series), "
              "out of support"),
             ("4.1.5", "Citrix XenServer 6.2 (built on the Xen 4.1 series), "
              "out of support")]
ESXI_OLD = [("6.7.0", "ESXi 6.7, past end of general support"),
            ("6.5.0", "ESXi 6.5, past end of general support")]
WORKSTATION_PRO = ["17.5.0", "17.5.1", "17.5.2", "17.6.0", "17.6.1", "17.6.2"]

# --- the VMs: groups that run together on one host -------------------------
# (name, tenant, classification). Groups R* go on the supported ESXi and the
# Hyper-V hosts in an order drawn per variant; the research groups on KVM.
MIXED_MULTI = [  # restricted next to public/internal, several tenants
    [("ehr-db-01", "clinical-systems", "restricted"),
     ("ehr-app-01", "clinical-systems", "restricted"),
     ("intranet-01", "communications", "internal")],
    [("lims-01", "laboratory", "restricted"),
     ("kiosk-01", "patient-services", "public")],
    [("radiology-ai-01", "radiology", "restricted"),
     ("print-02", "it-operations", "internal")],
    [("icu-monitor-01", "intensive-care", "restricted"),
     ("visitor-portal-01", "patient-services", "public")],
]
CLEAN_SINGLE = [  # keep the rule, one tenant
    [("pacs-01", "radiology", "restricted"), ("pacs-02", "radiology", "restricted")],
    [("appointments-01", "patient-services", "confidential")],
    [("pharmacy-01", "pharmacy", "restricted"),
     ("pharmacy-02", "pharmacy", "restricted")],
    [("maternity-01", "maternity", "restricted")],
    [("web-public-03", "communications", "public"),
     ("newsletter-01", "communications", "public")],
]
CLEAN_MULTI = [  # keep the rule, several tenants (a false alarm for "tenants")
    [("web-public-01", "communications", "public"),
     ("web-public-02", "communications", "public"),
     ("print-01", "it-operations", "internal")],
    [("hr-app-01", "human-resources", "confidential"),
     ("payroll-01", "finance", "confidential")],
    [("finance-db-01", "finance", "confidential"),
     ("backup-proxy-01", "it-operations", "internal")],
    [("badge-01", "facilities", "internal"), ("cctv-01", "security", "internal")],
]
RESEARCH = {  # KVM: one mixed group with a single tenant, one that keeps the rule
    "mixed": [[("genomics-01", "research", "restricted"),
               ("research-wiki-01", "research", "internal")],
              [("trial-data-01", "research", "restricted"),
               ("jupyter-01", "research", "internal"),
               ("gitlab-01", "research", "internal")]],
    "clean": [[("hpc-head-01", "research", "internal")],
              [("hpc-head-01", "research", "internal"),
               ("scheduler-01", "research", "internal")]],
}


def _pick(rng, items, n=1):
    return rng.sample(items, n) if n > 1 else rng.choice(items)


def _scenario(k, attempt):
    rng = random.Random(f"{SEED}/{k}/{attempt}")
    fixed8 = ESXI_RANGES
    # ESXi roles (versions): the affected ones lie inside a range, the others at
    # a fixed version or above it.
    esx = {
        "aff8": _pick(rng, ["8.0.1", "8.0.1.3", "8.0.2", "8.0.2.2", "8.0.2.3",
                            "8.0.3", "8.0.3.2", "8.0.3.3"]),
        "aff7": _pick(rng, ["7.0.3.12", "7.0.3.14", "7.0.3.15", "7.0.3.16",
                            "7.0.3.17"]),
        "fix8": _pick(rng, ["8.0.2.4", "8.0.3.4"]),
        "new8": _pick(rng, ["8.0.3.5", "8.0.3.6", "8.0.3.7"]),
        "fix7": "7.0.3.19",
    }
    old_esx = _pick(rng, ESXI_OLD)
    line = _pick(rng, sorted(HYPERV_LINES))
    hv = HYPERV_LINES[line]
    hv_fixed = _pick(rng, hv["fixed"])
    hv_roles = {"aff": _pick(rng, hv["older"]), "trap": _pick(rng, hv["trap"]),
                "new": _pick(rng, hv["newer"])}
    qline = _pick(rng, sorted(QEMU_LINES))
    q = QEMU_LINES[qline]
    q_fixed = _pick(rng, q["fixed"])
    q_roles = {"aff": _pick(rng, [v for v in q["older"]]),
               "trap": _pick(rng, q["trap"])}
    vline = _pick(rng, sorted(VBOX_LINES))
    v = VBOX_LINES[vline]
    v_fixed = _pick(rng, v["fixed"])
    v_host = _pick(rng, [x for x in v["older"] if _key(x) < _key(v_fixed)])
    xen_version, xen_notes = _pick(rng, XEN_HOSTS)

    # names
    letters = rng.sample("abcdfghjkmnpqrstuvwxyz", 6)
    used = set()

    def name(prefix, letter):
        while True:
            new = f"{prefix}-{letter}{rng.randrange(1, 40):02d}"
            if new not in used:
                used.add(new)
                return new

    esx_roles = ["aff8", "aff7", "fix8", "new8", "fix7", "old"]
    rng.shuffle(esx_roles)
    hosts = []
    for i, role in enumerate(esx_roles):
        cluster = "prod-a" if i < 3 else "prod-b"
        letter = letters[0] if i < 3 else letters[1]
        host = {"name": name("esx", letter), "cluster": cluster,
                "product": "VMware ESXi",
                "hardware": _pick(rng, ["Dell R750", "Dell R760", "HPE DL380",
                                        "Lenovo SR650"]), "role": f"esx-{role}"}
        if role == "old":
            host.update(version=old_esx[0], supported=False, notes=old_esx[1]
                        + "; standalone (vCenter Server 8 cannot manage ESXi 6.x)",
                        hardware=_pick(rng, ["HPE DL360", "Dell R730"]))
        else:
            host["version"] = esx[role]
        hosts.append(host)
    hv_order = ["aff", "trap", "new"]
    rng.shuffle(hv_order)
    for role in hv_order:
        hosts.append({"name": name("hv", letters[2]), "cluster": "clinical-hv",
                      "product": "Microsoft Hyper-V",
                      "version": f"10.0.{hv['build']}.{hv_roles[role]}",
                      "hardware": _pick(rng, ["Lenovo SR650", "Lenovo SR630"]),
                      "notes": f"Windows Server {line} Datacenter with the "
                               "Hyper-V role", "role": f"hv-{role}"})
    q_order = ["aff", "trap"]
    rng.shuffle(q_order)
    for role in q_order:
        hosts.append({"name": name("kvm", letters[3]), "cluster": "research-kvm",
                      "product": "KVM/QEMU", "version": q_roles[role],
                      "hardware": "Supermicro", "notes": q["notes"],
                      "role": f"kvm-{role}"})
    hosts.append({"name": name("xen", letters[4]), "cluster": "legacy",
                  "product": "Xen", "version": xen_version, "hardware": "Dell R720",
                  "supported": False, "notes": xen_notes, "role": "xen"})
    wks_os = _pick(rng, ["Windows 11", "Ubuntu 24.04 LTS"])
    hosts.append({"name": f"{WORKSTATIONS[k - 1]}-{rng.randrange(1, 40):02d}",
                  "cluster": "none", "product": "Oracle VirtualBox",
                  "version": v_host, "hardware": "Desktop PC",
                  "notes": f"{wks_os} workstation in the pathology lab",
                  "role": "vbox"})
    hosts.append({"name": f"{LAPTOPS[k - 1]}-{rng.randrange(1, 40):02d}",
                  "cluster": "none", "product": "VMware Workstation Pro",
                  "version": _pick(rng, WORKSTATION_PRO), "hardware": "Laptop",
                  "notes": "Windows 11 laptop of a developer", "role": "wks-pro"})

    # VM placement: 8 groups on the 5 supported ESXi and 3 Hyper-V hosts
    groups = (_pick(rng, MIXED_MULTI, 2) + _pick(rng, CLEAN_SINGLE, 3)
              + _pick(rng, CLEAN_MULTI, 3))
    rng.shuffle(groups)
    by_role = {h["role"]: h["name"] for h in hosts}
    placed = [r for r in by_role if r.startswith(("esx-", "hv-")) and r != "esx-old"]
    vms = []
    for role, group in zip(placed, groups, strict=True):
        vms += [(n, by_role[role], t, c) for n, t, c in group]
    kvm = ["kvm-aff", "kvm-trap"]
    rng.shuffle(kvm)
    vms += [(n, by_role[kvm[0]], t, c) for n, t, c in _pick(rng, RESEARCH["mixed"])]
    vms += [(n, by_role[kvm[1]], t, c) for n, t, c in _pick(rng, RESEARCH["clean"])]
    vms.append(("legacy-lab-01", by_role["esx-old"], "laboratory", "restricted"))
    vms.append(("old-billing-01", by_role["xen"], "finance", "confidential"))
    vms.append(("analyser-gw-01", by_role["vbox"], "laboratory", "restricted"))
    vms.append(("dev-sandbox-01", by_role["wks-pro"], "it-development", "internal"))

    esx_title, esx_sev, esx_model = _pick(rng, ESXI_MODELS)
    hv_title, hv_sev = _pick(rng, HYPERV_TITLES)
    q_title, q_sev, q_model = _pick(rng, QEMU_MODELS)
    advisories = [
        {"product": "VMware ESXi", "title": esx_title, "modelled_on": esx_model,
         "severity": esx_sev, "exploited_in_the_wild": True,
         "affected": [dict(r) for r in fixed8]},
        {"product": "Microsoft Hyper-V", "title": hv_title,
         "modelled_on": "Hyper-V remote code execution advisories",
         "severity": hv_sev, "exploited_in_the_wild": False,
         "affected": [{"from": f"10.0.{hv['build']}.0",
                       "fixed": f"10.0.{hv['build']}.{hv_fixed}"}]},
        {"product": "KVM/QEMU", "title": q_title, "modelled_on": q_model,
         "severity": q_sev, "exploited_in_the_wild": False,
         "affected": [{"from": f"{qline}.0", "fixed": q_fixed}]},
        {"product": "Oracle VirtualBox",
         "title": "Out-of-bounds access in shared video memory",
         "modelled_on": "CVE-2018-2698 (VirtualBox HGSMI shared VRAM)",
         "severity": "high", "exploited_in_the_wild": False,
         "affected": [{"from": f"{vline}.0", "fixed": v_fixed}]},
        {"product": "Xen",
         "title": "Paravirtualized guest gains host privileges through page tables",
         "modelled_on": "CVE-2015-7835 (XSA-148)", "severity": "critical",
         "exploited_in_the_wild": False,
         "affected": [{"from": "3.4.0", "fixed": "4.6.1"}]},
    ]
    rng.shuffle(advisories)
    base = 10 * k + rng.randrange(0, 5)
    for i, adv in enumerate(advisories, 1):
        adv["id"] = f"ADV-{base + i:02d}"
    rng.shuffle(hosts)
    rng.shuffle(vms)
    return hosts, vms, advisories, rng


# --- the rules (the same as the reference solution) and the traps ----------


def _key(version, width=6):
    parts = [int(p) for p in str(version).split(".")]
    return tuple(parts + [0] * (width - len(parts)))


def _affected(hosts, adv, compare=None):
    compare = compare or (lambda lo, v, hi: _key(lo) <= _key(v) < _key(hi))
    out = []
    for h in hosts:
        if h["product"] != adv["product"]:
            continue
        if h.get("supported", True) is False or any(
                compare(r["from"], h["version"], r["fixed"]) for r in adv["affected"]):
            out.append(h["name"])
    return sorted(out)


def _order(hosts, vms, advisories, weight):
    affected = {n for a in advisories for n in _affected(hosts, a)}
    kev = {n for a in advisories if a["exploited_in_the_wild"]
           for n in _affected(hosts, a)}
    score = {n: sum(weight(c) for _, h, _, c in vms if h == n) for n in affected}
    return sorted(affected, key=lambda n: (n not in kev, -score[n], n))


def _check(hosts, vms, advisories):
    """Assert that a variant has the structure and the traps of the original."""
    assert len(hosts) == 14 and len(vms) == 24, (len(hosts), len(vms))
    counts = {a["product"]: len(_affected(hosts, a)) for a in advisories}
    assert counts == {"VMware ESXi": 3, "Microsoft Hyper-V": 2, "KVM/QEMU": 1,
                      "Oracle VirtualBox": 1, "Xen": 1}, counts
    as_text = [_affected(hosts, a, lambda lo, v, hi: lo <= v < hi)
               for a in advisories]
    plain = [_affected(hosts, a) for a in advisories]
    wrong = {a["product"] for a, x, y in zip(advisories, as_text, plain,
                                              strict=True) if x != y}
    assert wrong == {"Microsoft Hyper-V", "KVM/QEMU"}, wrong
    unpadded = [_affected(hosts, a, lambda lo, v, hi: tuple(map(int, lo.split(".")))
                          <= tuple(map(int, v.split("."))) < tuple(
                              map(int, hi.split(".")))) for a in advisories]
    assert unpadded == plain
    # no host sits at a range's lower bound (the original has none)
    assert not any(_key(h["version"]) == _key(r["from"]) for a in advisories
                   for r in a["affected"] for h in hosts
                   if h["product"] == a["product"])
    for h in hosts:
        if h.get("supported", True) is False:
            adv = next(a for a in advisories if a["product"] == h["product"])
            inside = any(_key(r["from"]) <= _key(h["version"]) < _key(r["fixed"])
                         for r in adv["affected"])
            assert inside == (h["product"] == "Xen"), h
    levels, tenants = {}, {}
    for _, h, t, c in vms:
        levels.setdefault(h, set()).add(c)
        tenants.setdefault(h, set()).add(t)
    mixed = {h for h, s in levels.items()
             if "restricted" in s and s & {"public", "internal"}}
    multi = {h for h, s in tenants.items() if len(s) > 1}
    assert len(mixed) == 3 and len(mixed & multi) == 2 and multi - mixed
    right = _order(hosts, vms, advisories, WEIGHTS.get)
    affected = set(right)
    count = {n: sum(1 for _, h, _, _ in vms if h == n) for n in affected}
    assert len(right) == 8, right
    assert sorted(affected, key=lambda n: (-count[n], n)) != right


# --- writing the files --------------------------------------------------------

HEADER = """\
# Riverside Regional Health: virtualization inventory exported from the CMDB on
# 2025-09-01. Version numbers are written as dotted numbers
# (major.minor.update.patch) so that they can be compared part by part.
# "supported: false" marks a version past its vendor's end of general support on
# that date; a host without the key is supported. ESXi 7.0 is still supported:
# Broadcom moved its end of general support from 2 April 2025 (the date first
# announced, still quoted in places) to 2 October 2025.
"""


def _flow(entry):
    parts = []
    for key, value in entry.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif key == "notes":
            text = json.dumps(value)
        else:
            text = str(value)
        parts.append(f"{key}: {text}")
    return "  - {" + ", ".join(parts) + "}"


def _inventory(hosts, vms, rng):
    esx = sorted(h["name"] for h in hosts if h["product"] == "VMware ESXi"
                 and h.get("supported", True))
    hv = sorted(h["name"] for h in hosts if h["product"] == "Microsoft Hyper-V")
    newest = max([int(h["version"].split(".")[3]) for h in hosts
                  if h["name"] in esx and h["version"].startswith("8.0.3.")] + [0])
    lines = [HEADER + "management_consoles:",
             "  - name: vcenter-01", "    product: VMware vCenter Server",
             f"    version: 8.0.3.{newest + rng.randrange(0, 2)}",
             f"    manages: [{', '.join(esx)}]",
             "    reachable_from: [mgmt-vlan, it-admin-vlan, staff-wifi]",
             "  - name: scvmm-01",
             "    product: Microsoft System Center Virtual Machine Manager",
             "    version: 10.22.1287.0", f"    manages: [{', '.join(hv)}]",
             "    reachable_from: [mgmt-vlan]", "", "hosts:"]
    for h in hosts:
        entry = {k: h[k] for k in ("name", "cluster", "product", "version",
                                   "hardware")}
        if "supported" in h:
            entry["supported"] = h["supported"]
        if "notes" in h:
            entry["notes"] = h["notes"]
        lines.append(_flow(entry))
    lines += ["", "vms:"]
    for n, h, t, c in vms:
        lines.append(_flow({"name": n, "host": h, "tenant": t, "classification": c}))
    return "\n".join(lines) + "\n"


def _advisories(advisories):
    out = ['{',
           '  "feed": "Riverside Regional Health security advisories (internal '
           'summaries, simplified version numbers)",',
           '  "published": "2025-09-01",', '  "advisories": [']
    items = []
    for a in sorted(advisories, key=lambda a: a["id"]):
        ranges = ",\n".join(f'        {json.dumps(r)}' for r in a["affected"])
        items.append("\n".join([
            "    {", f'      "id": "{a["id"]}",',
            f'      "product": {json.dumps(a["product"])},',
            f'      "title": {json.dumps(a["title"])},',
            f'      "modelled_on": {json.dumps(a["modelled_on"])},',
            f'      "severity": "{a["severity"]}",',
            f'      "exploited_in_the_wild": '
            f'{"true" if a["exploited_in_the_wild"] else "false"},',
            '      "affected": [', ranges, "      ]", "    }"]))
    return "\n".join(out) + "\n" + ",\n".join(items) + "\n  ]\n}\n"


def artefacts(k):
    """The two artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    for attempt in range(1000):  # draw until the variant has the original's shape
        hosts, vms, advisories, rng = _scenario(k, attempt)
        try:
            _check(hosts, vms, advisories)
        except AssertionError:
            continue
        break
    else:  # pragma: no cover
        raise RuntimeError(f"no draw of variant {k} has the original's structure")
    return {"inventory.yaml": _inventory(hosts, vms, rng),
            "advisories.json": _advisories(advisories)}
