"""Answer cells shared by ps05 samples (a learner's own versions)."""

OVER_RIGHT = '''
over_privileged = ["nightly-report:ReadOrders", "nightly-report:Reports",
                   "order-webhook:Everything", "order-webhook:Orders",
                   "resize-images:WriteThumbs"]
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
vulnerable_dependencies = {"nightly-report": ["Jinja2==3.1.2", "reqeusts==2.28.1",
                                              "urllib3==2.0.6"],
                           "order-webhook": ["requests==2.31.0"],
                           "resize-images": ["Pillow==10.2.0"]}
'''
