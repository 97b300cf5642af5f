"""A learner who only flags wildcards (not granted-but-unused actions) and
matches package names exactly as written, so Pillow and Jinja2 escape the
advisories for pillow and jinja2."""

from submissions.ps05._common import DERIVE_RIGHT, VALIDATE_RIGHT

CELLS = {
    "over_answer": '''
over_privileged = sorted(
    f"{f}:{s['Sid']}" for f in FUNCTIONS for s in policies[f]["Statement"]
    if "*" in s["Resource"] or any(a == "*" or a.endswith(":*") for a in s["Action"]))
''',
    "derive_answer": DERIVE_RIGHT,
    "validate_answer": VALIDATE_RIGHT,
    "deps_answer": '''
def vnum(v):
    return [int(x) for x in v.split(".")] + [0] * (4 - len(v.split(".")))


vulnerable_dependencies = {}
for f, text in requirements.items():
    hits = []
    for line in text.splitlines():
        if "==" not in line or line.startswith("#"):
            continue
        name, ver = line.strip().split("==")
        for adv in package_advisories:
            if adv["package"] != name:
                continue
            for r in adv["affected"]:
                if vnum(r["from"]) <= vnum(ver) and (
                        r["fixed"] is None or vnum(ver) < vnum(r["fixed"])):
                    hits.append(line.strip())
    vulnerable_dependencies[f] = sorted(set(hits))
''',
}

EXPECTED = {
    "over_found": 0.5, "over_no_false_alarms": 1, "derive_shipped": 1,
    "derive_hidden": 1, "validate_shipped": 1, "validate_hidden": 2,
    "vulnerable_dependencies": 0.5,
}
