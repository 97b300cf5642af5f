"""Answer cells shared by ps05 samples (a learner's own versions).

Each is a rule applied to the artefacts, never a literal answer, so it is
right on every variant (issue 16)."""

OVER_RIGHT = '''
from fnmatch import fnmatchcase

ok = [r for r in log if "errorCode" not in r]


def too_broad(f, s):
    if "*" in s["Resource"] or any(a == "*" or a.endswith(":*") for a in s["Action"]):
        return True
    return any(not any(r["function"] == f and fnmatchcase(r["action"], a)
                       and any(fnmatchcase(r["resource"], x) for x in s["Resource"])
                       for r in ok)
               for a in s["Action"])


over_privileged = sorted(f"{f}:{s['Sid']}" for f in FUNCTIONS
                         for s in policies[f]["Statement"] if too_broad(f, s))
'''

DERIVE_RIGHT = '''
def derive_policy(records):
    out = {}
    for r in records:
        if "errorCode" in r:
            continue
        out.setdefault(r["function"], {}).setdefault(r["action"], [])
        if r["resource"] not in out[r["function"]][r["action"]]:
            out[r["function"]][r["action"]].append(r["resource"])
    for actions in out.values():
        for action in actions:
            actions[action].sort()
    return out
'''

VALIDATE_RIGHT = '''
import re


def validate_event(event):
    try:
        headers = {k.lower(): v for k, v in event["headers"].items()}
        ok = (headers.get("content-type", "").startswith("application/json")
              and event["isBase64Encoded"] is False
              and isinstance(event["body"], str)
              and len(event["body"].encode()) <= 4096)
        if not ok:
            return False
        d = json.loads(event["body"])
        if not isinstance(d, dict) or sorted(d) != ["amount", "currency", "email",
                                                    "order_id"]:
            return False
        return bool(
            isinstance(d["order_id"], str)
            and re.fullmatch(r"ORD-[0-9]{6}", d["order_id"])
            and not isinstance(d["amount"], bool)
            and isinstance(d["amount"], (int, float)) and 0 < d["amount"] <= 10000
            and d["currency"] in {"EUR", "USD", "GBP"}
            and isinstance(d["email"], str) and len(d["email"]) <= 254
            and re.fullmatch(r"[^@\\s]+@[^@\\s]+\\.[a-z]{2,}", d["email"]))
    except Exception:
        return False
'''

DEPS_RIGHT = '''
import re


def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def vnum(v):
    parts = [int(x) for x in v.split(".")]
    return parts + [0] * (4 - len(parts))


vulnerable_dependencies = {}
for f, text in requirements.items():
    hits = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, ver = line.split("==")
        for adv in package_advisories:
            if canon(adv["package"]) != canon(name):
                continue
            if any(vnum(r["from"]) <= vnum(ver)
                   and (r["fixed"] is None or vnum(ver) < vnum(r["fixed"]))
                   for r in adv["affected"]):
                hits.append(line)
    vulnerable_dependencies[f] = sorted(set(hits))
'''
