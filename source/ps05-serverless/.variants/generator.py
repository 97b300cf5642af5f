"""Variant generator of ps05 (instructor-side: never released).

Variant 1 *is* the original, hand-written artefacts (``original/``). Every
other variant is built from the same skeleton and the same difficulty:

- Part A: the same three functions with eleven statements; five are
  over-privileged and of the same kinds (one ``*`` on ``*`` in
  ``order-webhook``, one whole-service action, one ``*`` resource, two with
  an action the function never successfully called), but *which* statements
  carry the other four flaws changes, as do the Sids, the account, the
  region, the buckets, table, queue and mail identity, and the two refused
  calls of the log (always on something no statement grants).
- Part B: a log of the same shape (successful calls for every granted
  action, repeats, two refused calls) with other resources, counts and times.
- Part C: sixteen events, three valid and thirteen invalid with the same
  thirteen flaws (SQL injection in the id, string, negative, NaN and boolean
  amounts, an extra key, a wrong content type, a header injection in the
  e-mail, an oversized body, a currency not allowed, a base64 body, a JSON
  array, a missing key), other values and another order.
- Part D: the same three profiles of requirements (one function with a
  name-normalisation hit, a malicious typosquat, a version inside a range
  that starts above 0 and a clean package with a differently spelt name; one
  with an exactly named hit, a clean package and a version below a range;
  one with a name-normalisation hit and clean packages), dealt to the
  functions in another way, with other packages, versions and advisories
  drawn from real advisories (each with its CVE; read 2026-12-04).

``artefacts(k)`` returns ``{file name: text}``. No check grades a subset of
items, so there is no ``key_options``. The keys come from running the
reference solution (``python -m cloudsec.variants generate ps05``).
"""

import base64
import functools
import json
import random
from datetime import datetime, timedelta
from fnmatch import fnmatchcase
from pathlib import Path

N = 8
SEED = "ps05-serverless/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
FUNCTIONS = ["resize-images", "order-webhook", "nightly-report"]

REGIONS = ["eu-central-1", "us-east-1", "eu-north-1", "us-west-2",
           "ap-southeast-2", "ca-central-1", "eu-west-3", "eu-south-2"]
BRANDS = ["store", "market", "boutique", "outlet", "bazaar", "atelier",
          "kiosk", "emporium"]
NAMES = {
    "uploads": ["uploads", "incoming", "originals", "raw-images"],
    "thumbs": ["thumbnails", "thumbs", "previews", "resized"],
    "reports": ["reports", "exports", "daily-reports", "finance-reports"],
    "table": ["orders", "order-book", "purchases", "orders-v2"],
    "queue": ["fulfilment", "dispatch", "picking", "shipping-jobs"],
    "domain": ["example.com", "example.net", "example.org"],
}
SIDS = {
    "read": ["ReadUploads", "GetOriginals", "ReadIncoming", "FetchSource"],
    "write": ["WriteThumbs", "PutPreviews", "StoreResized", "SaveThumbnails"],
    "orders": ["Orders", "WriteOrders", "StoreOrder", "OrderTable"],
    "queue": ["Queue", "Fulfilment", "NotifyDispatch", "EnqueueOrder"],
    "all": ["Everything", "AdminAccess", "FullAccess", "AllowAll",
            "DebugAccess", "LegacyAdmin", "TempFullAccess", "Bootstrap"],
    "query": ["ReadOrders", "QueryOrders", "OrderHistory", "ReportSource"],
    "reports": ["Reports", "WriteReports", "ExportCsv", "StoreReport"],
    "email": ["Email", "SendReport", "MailFinance", "Notify"],
    "logs": ["Logs", "CloudWatchLogs", "WriteLogs", "Logging"],
}
# an action of the same service that the function never calls
UNUSED = {
    "read": ["s3:DeleteObject", "s3:PutObject", "s3:GetObjectTagging"],
    "write": ["s3:DeleteObject", "s3:PutObjectAcl", "s3:GetObject"],
    "orders": ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:Scan"],
    "queue": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"],
    "query": ["dynamodb:Scan", "dynamodb:GetItem", "dynamodb:BatchGetItem"],
    "reports": ["s3:DeleteObject", "s3:GetObject"],
    "email": ["ses:SendRawEmail", "ses:SendTemplatedEmail"],
    "logs": ["logs:CreateLogGroup", "logs:DescribeLogStreams"],
}
ROLES = {"resize-images": ["read", "write", "logs"],
         "order-webhook": ["orders", "queue", "all", "logs"],
         "nightly-report": ["query", "reports", "email", "logs"]}
TRAITS = ["service", "resource", "unused", "unused"]

# --- Part D: real advisories (package as the advisory spells it) ----------
# name-normalisation hits: (requirement line, advisory package, ranges, summary)
CASE = [
    ("Jinja2==3.1.2", "jinja2", [("0", "3.1.3")],
     "cross-site scripting through the xmlattr filter (CVE-2024-22195)"),
    ("Werkzeug==3.0.1", "werkzeug", [("0", "3.0.3")],
     "the debugger can be driven from an attacker's site to run code "
     "(CVE-2024-34069)"),
    ("PyJWT==2.3.0", "pyjwt", [("1.5.0", "2.4.0")],
     "key confusion lets a token signed with a public key pass (CVE-2022-29217)"),
    ("python_multipart==0.0.6", "python-multipart", [("0", "0.0.7")],
     "regular-expression denial of service on the Content-Type header "
     "(CVE-2024-24762)"),
]
PILLOW = [
    ("Pillow==10.2.0", "pillow", [("0", "10.3.0")],
     "buffer overflow in image colour management (CVE-2024-28219)"),
    ("Pillow==10.1.0", "pillow", [("0", "10.2.0")],
     "arbitrary code execution through ImageMath.eval (CVE-2023-50447)"),
]
PILLOW_CLEAN = "Pillow==10.4.0"
# malicious look-alikes of a real name, each with a plausible pinned version
TYPO = [("reqeusts", "requests", "2.28.1"), ("urlib3", "urllib3", "1.26.5"),
        ("colourama", "colorama", "0.4.6"),
        ("python3-dateutil", "python-dateutil", "2.8.2"),
        ("jeIlyfish", "jellyfish", "0.7.2"),
        ("setup-tools", "setuptools", "69.0.3")]
# one advisory, a version inside its second range, one between its ranges
RANGED = [
    ("urllib3", [("0", "1.26.18"), ("2.0.0", "2.0.7")], "2.0.6", "1.26.19",
     "request body not stripped on redirects that change the method "
     "(CVE-2023-45803)"),
    ("urllib3", [("0", "1.26.19"), ("2.0.0", "2.2.2")], "2.2.1", "1.26.20",
     "Proxy-Authorization header kept on cross-origin redirects "
     "(CVE-2024-37891)"),
]
EXACT = [
    ("requests", "2.31.0", [("0", "2.32.0")],
     "certificate verification can stay disabled for a session (CVE-2024-35195)"),
    ("requests", "2.32.3", [("0", "2.32.4")],
     ".netrc credentials leak to a host named by a crafted URL (CVE-2024-47081)"),
    ("idna", "3.6", [("0", "3.7")],
     "denial of service through crafted input to encode() (CVE-2024-3651)"),
    ("setuptools", "69.0.3", [("0", "70.0.0")],
     "code injection through package_index download URLs (CVE-2024-6345)"),
    ("zipp", "3.17.0", [("0", "3.19.1")],
     "infinite loop on crafted zip file names (CVE-2024-5569)"),
    ("cryptography", "41.0.7", [("0", "42.0.0")],
     "RSA decryption timing side channel (CVE-2023-50782)"),
]
# a clean version whose name is spelt differently from its advisory
SEP_CLEAN = [
    ("PyYAML==6.0.1", "pyyaml", [("0", "5.4")],
     "arbitrary code execution through full_load (CVE-2020-14343)"),
    ("Flask==3.0.3", "flask", [("0", "2.2.5"), ("2.3.0", "2.3.2")],
     "a caching proxy may serve one client's session cookie to others "
     "(CVE-2023-30861)"),
    ("PyJWT==2.8.0", "pyjwt", [("1.5.0", "2.4.0")],
     "key confusion lets a token signed with a public key pass (CVE-2022-29217)"),
]
CLEAN = {
    "resize-images": ["boto3==1.34.20", "numpy==1.26.3", "boto3==1.34.51",
                      "numpy==1.26.4"],
    "order-webhook": ["pydantic==2.5.3", "aws-lambda-powertools==2.32.0",
                      "pydantic==2.6.1", "orjson==3.9.15"],
    "nightly-report": ["boto3==1.34.20", "python_dateutil==2.8.2",
                       "pytz==2024.1", "boto3==1.34.51"],
}

# --- Part C: events ----------------------------------------------------------
FIRST = ["ana", "li.wei", "omar", "j.smith", "sofia", "kenji", "amara", "noah",
         "ines", "t.nguyen", "lena", "ravi"]
MAIL = ["example.org", "example.com", "example.net", "mail.example.co.uk",
        "shop.example.de", "example.fr"]
SQLI = ["' OR '1'='1", "'; DROP TABLE orders;--", "' UNION SELECT email FROM "
        "customers--", "\" OR \"\"=\""]
EXTRA = [("isAdmin", True), ("role", "admin"), ("discount_percent", 100),
         ("price_override", 0.01), ("is_staff", True)]
BAD_TYPES = ["text/plain", "application/x-www-form-urlencoded", "text/html",
             "multipart/form-data; boundary=xyz"]
BAD_CURRENCY = ["BTC", "CHF", "JPY", "EURO", "DOGE"]
HEADERS = ["Bcc", "Cc", "To"]


def _read(name):
    return (ORIGINAL / name).read_text(encoding="utf-8")


def _plan():
    """Which statements carry which flaw, in every variant: distinct in
    every variant (and from the original's), drawn with one seeded RNG."""
    rng = random.Random(f"{SEED}/plan")
    slots = [(f, r) for f in FUNCTIONS for r in ROLES[f] if r != "all"]
    original = (("nightly-report", "query", "unused"),
                ("nightly-report", "reports", "resource"),
                ("order-webhook", "orders", "unused"),
                ("resize-images", "write", "service"))
    seen, plans = {original}, {}
    for k in range(2, N + 1):
        while True:
            picked = rng.sample(slots, len(TRAITS))
            plan = tuple(sorted((f, r, t) for (f, r), t in
                                zip(picked, TRAITS, strict=True)))
            if plan not in seen:
                break
        seen.add(plan)
        plans[k] = {(f, r): t for f, r, t in plan}
    return plans


PLANS = _plan()


def _world(k, rng):
    brand = BRANDS[k - 1]
    return {
        "region": REGIONS[k - 1],
        "account": str(rng.randrange(10 ** 11, 10 ** 12)),
        "uploads": f"{brand}-{rng.choice(NAMES['uploads'])}",
        "thumbs": f"{brand}-{rng.choice(NAMES['thumbs'])}",
        "reports": f"{brand}-{rng.choice(NAMES['reports'])}",
        "table": rng.choice(NAMES["table"]),
        "queue": rng.choice(NAMES["queue"]),
        "identity": f"reports@{brand}.{rng.choice(NAMES['domain'])}",
        "brand": brand,
        "start": datetime(2026, rng.randrange(2, 6), rng.randrange(1, 22)),
    }


def _arn(w, service, rest):
    return f"arn:aws:{service}:{w['region']}:{w['account']}:{rest}"


def _base_statements(w):
    """(role, actions, resources) of every statement before its flaw."""
    logs = {f: _arn(w, "logs", f"log-group:/aws/lambda/{f}:*") for f in FUNCTIONS}
    table = _arn(w, "dynamodb", f"table/{w['table']}")
    return {
        "resize-images": [
            ("read", ["s3:GetObject"], [f"arn:aws:s3:::{w['uploads']}/*"]),
            ("write", ["s3:PutObject"], [f"arn:aws:s3:::{w['thumbs']}/*"]),
            ("logs", ["logs:CreateLogStream", "logs:PutLogEvents"],
             [logs["resize-images"]])],
        "order-webhook": [
            ("orders", ["dynamodb:PutItem"], [table]),
            ("queue", ["sqs:SendMessage"], [_arn(w, "sqs", w["queue"])]),
            ("all", ["*"], ["*"]),
            ("logs", ["logs:CreateLogStream", "logs:PutLogEvents"],
             [logs["order-webhook"]])],
        "nightly-report": [
            ("query", ["dynamodb:Query"], [table]),
            ("reports", ["s3:PutObject"], [f"arn:aws:s3:::{w['reports']}/*"]),
            ("email", ["ses:SendEmail"],
             [_arn(w, "ses", f"identity/{w['identity']}")]),
            ("logs", ["logs:CreateLogStream", "logs:PutLogEvents"],
             [logs["nightly-report"]])],
    }


def _policies(k, rng, w):
    plan = PLANS[k]
    out = {}
    for function in FUNCTIONS:
        statements = []
        for role, actions, resources in _base_statements(w)[function]:
            actions, resources = list(actions), list(resources)
            trait = plan.get((function, role))
            if trait == "service":
                actions = [actions[0].split(":")[0] + ":*"]
            elif trait == "resource":
                resources = ["*"]
            elif trait == "unused":
                extra = rng.choice(UNUSED[role])
                actions.insert(rng.randrange(len(actions) + 1), extra)
            statements.append({"Sid": rng.choice(SIDS[role]), "Effect": "Allow",
                               "Action": actions, "Resource": resources})
        logs = statements.pop()  # the logging statement stays last
        rng.shuffle(statements)
        out[function] = {"Version": "2012-10-17", "Statement": statements + [logs]}
    return out


def _log(rng, w, policies):
    """Successful calls of every granted action, and two refused calls."""
    records = []
    start = w["start"]

    def call(function, action, resource, error=None):
        record = {"eventTime": None, "function": function,
                  "eventSource": f"{action.split(':')[0]}.amazonaws.com",
                  "action": action, "resource": resource}
        if error:
            record["errorCode"] = error
        records.append(record)

    logs = {f: _arn(w, "logs", f"log-group:/aws/lambda/{f}:*") for f in FUNCTIONS}
    images = [f"{n}.{rng.choice(['jpg', 'png', 'webp'])}" for n in
              rng.sample(range(1000, 9999), rng.randrange(2, 5))]
    for image in images:
        call("resize-images", "s3:GetObject",
             f"arn:aws:s3:::{w['uploads']}/img/{image}")
        call("resize-images", "s3:PutObject",
             f"arn:aws:s3:::{w['thumbs']}/img/{image}")
    table = _arn(w, "dynamodb", f"table/{w['table']}")
    for _ in range(rng.randrange(2, 5)):
        call("order-webhook", "dynamodb:PutItem", table)
        call("order-webhook", "sqs:SendMessage", _arn(w, "sqs", w["queue"]))
    days = sorted(rng.sample(range(7), rng.randrange(1, 3)))
    for day in days:
        call("nightly-report", "dynamodb:Query", table)
        call("nightly-report", "s3:PutObject",
             f"arn:aws:s3:::{w['reports']}/{(start + timedelta(day)).date()}.csv")
        call("nightly-report", "ses:SendEmail",
             _arn(w, "ses", f"identity/{w['identity']}"))
    for function in FUNCTIONS:
        for _ in range(rng.randrange(2, 4)):
            call(function, "logs:CreateLogStream", logs[function])
            call(function, "logs:PutLogEvents", logs[function])

    def covered(function, action, resource):
        return any(fnmatchcase(action, a) and any(fnmatchcase(resource, r)
                                                  for r in s["Resource"])
                   for s in policies[function]["Statement"] for a in s["Action"])

    key = f"key/{rng.randrange(16 ** 8):08x}-{rng.randrange(16 ** 4):04x}"
    refused = {
        "resize-images": [
            ("s3:ListBucket", f"arn:aws:s3:::{w['uploads']}", "AccessDenied"),
            ("s3:DeleteObject", f"arn:aws:s3:::{w['uploads']}/img/{images[0]}",
             "AccessDenied"),
            ("kms:Decrypt", _arn(w, "kms", key), "AccessDeniedException")],
        "nightly-report": [
            ("s3:GetObject", f"arn:aws:s3:::{w['reports']}/"
             f"{(start - timedelta(1)).date()}.csv", "AccessDenied"),
            ("dynamodb:Scan", table, "AccessDeniedException"),
            ("secretsmanager:GetSecretValue",
             _arn(w, "secretsmanager", "secret:smtp-password-Q3xT9k"),
             "AccessDeniedException")],
    }
    for function, options in refused.items():
        options = [o for o in options if not covered(function, o[0], o[1])]
        action, resource, error = rng.choice(options)
        call(function, action, resource, error)
    minutes = sorted(rng.sample(range(7 * 24 * 60), len(records)))
    rng.shuffle(records)
    for record, minute in zip(records, minutes, strict=True):
        record["eventTime"] = (start + timedelta(minutes=minute)).strftime(
            "%Y-%m-%dT%H:%M:00Z")
    return "".join(json.dumps(r) + "\n" for r in records)


def _order(rng):
    return {"order_id": f"ORD-{rng.randrange(100000, 999999)}",
            "amount": round(rng.uniform(1, 2000), rng.choice([0, 1, 2])),
            "currency": rng.choice(["EUR", "USD", "GBP"]),
            "email": f"{rng.choice(FIRST)}@{rng.choice(MAIL)}"}


def _events(k, rng, w):
    agent = f"{w['brand']}-frontend/{rng.randrange(3, 7)}.{rng.randrange(10)}"

    def event(body, content_type="application/json", b64=False):
        return {"version": "2.0", "routeKey": "POST /orders",
                "headers": {"content-type": content_type, "user-agent": agent},
                "isBase64Encoded": b64,
                "body": body if isinstance(body, str) else json.dumps(body)}

    def order(**changes):
        data = _order(rng)
        data.update(changes)
        return data

    bad_key, bad_value = rng.choice(EXTRA)
    padding = rng.choice("xzA") * rng.randrange(4100, 5200)
    header = rng.choice(HEADERS)
    missing = order()
    del missing[rng.choice(["email", "currency", "amount"])]
    raw = order()
    events = [
        event(order()),
        event(order(email=f"{rng.choice(FIRST)}@{rng.choice(MAIL[3:])}"),
              content_type="application/json; charset=utf-8"),
        event(order(amount=10000)),
        event(order(order_id=f"ORD-{rng.randrange(100000, 999999)}"
                             f"{rng.choice(SQLI)}")),
        event(order(amount=f"{rng.uniform(1, 500):.2f}")),
        event(order(amount=-rng.choice([10, 0.01, 250, 1]))),
        event({**order(), bad_key: bad_value}),
        event(order(), content_type=rng.choice(BAD_TYPES)),
        event(json.dumps({**order(), "amount": float("nan")})),
        event(order(email=f"{rng.choice(FIRST)}@{rng.choice(MAIL)}\r\n{header}: "
                          f"everyone@{rng.choice(MAIL)}")),
        event({**order(), "note": padding}),
        event(order(currency=rng.choice(BAD_CURRENCY))),
        event(base64.b64encode(json.dumps(raw).encode()).decode(), b64=True),
        event(order(amount=True)),
        event(json.dumps([rng.randrange(10) for _ in range(rng.randrange(2, 5))])),
        event(missing),
    ]
    rng.shuffle(events)
    doc = {"function": "order-webhook",
           "events": [{"id": f"EV{i:02d}", "event": e}
                      for i, e in enumerate(events, 1)]}
    return json.dumps(doc, indent=1)


def _requirements(k, rng):
    """Requirement files and advisories: three profiles dealt to the
    functions (the original gives nightly A, webhook B, resize C)."""
    profiles = ["A", "B", "C"]
    rng.shuffle(profiles)
    deal = dict(zip(FUNCTIONS, profiles, strict=True))
    case = rng.sample(CASE, 2)
    typo, real, typo_version = rng.choice(TYPO)
    ranged = rng.choice(RANGED)
    exact = rng.choice([e for e in EXACT if e[0] != real])
    sep = rng.choice([s for s in SEP_CLEAN if s[1] not in {c[1] for c in case}])
    advisories = []

    def advise(package, ranges, summary):
        advisories.append({"package": package,
                           "affected": [{"from": a, "fixed": b} for a, b in ranges],
                           "summary": summary})

    files = {}
    for function, profile in deal.items():
        clean = rng.sample(CLEAN[function], 2)
        hit = None
        if function == "resize-images" and profile in "AC":
            hit = rng.choice(PILLOW)
        elif profile in "AC":
            hit = case.pop()
        elif function == "resize-images":  # Pillow, at a fixed version
            clean[0] = PILLOW_CLEAN
        if profile == "A":
            advise(*hit[1:])
            lines = [hit[0], f"{typo}=={typo_version}",
                     f"{ranged[0]}=={ranged[2]}", sep[0]]
            advise(typo, [("0", None)],
                   f"malicious typosquat of '{real}' that steals credentials: "
                   "every version")
            advise(sep[1], sep[2], sep[3])
        elif profile == "B":
            lines = [f"{exact[0]}=={exact[1]}", clean[1],
                     f"{ranged[0]}=={ranged[3]}"]
            advise(exact[0], exact[2], exact[3])
            advise(ranged[0], ranged[1], ranged[4])
        else:
            advise(*hit[1:])
            lines = [hit[0], *clean]
        rng.shuffle(lines)
        files[f"requirements-{function}.txt"] = (
            f"# {function} (Python 3.12 on Lambda)\n" + "\n".join(lines) + "\n")
    rng.shuffle(advisories)
    rows = []
    for i, a in enumerate(advisories, 1):
        head = json.dumps({"id": f"PKG-{i:02d}", "package": a["package"],
                           "affected": a["affected"]})[:-1]
        rows.append(f"    {head},\n     \"summary\": {json.dumps(a['summary'])}}}")
    files["package-advisories.json"] = ("{\n  \"advisories\": [\n"
                                        + ",\n".join(rows) + "\n  ]\n}\n")
    return files


@functools.cache
def _all_requirements():
    """Part D of every variant, drawn in turn: a draw that would repeat a
    file of an earlier variant (or of the original) is drawn again, so every
    requirement file differs between every two variants."""
    seen = {name: {text} for name, text in artefacts(1).items()
            if name.startswith(("requirements-", "package-advisories"))}
    out = {}
    for k in range(2, N + 1):
        rng = random.Random(f"{SEED}/{k}/requirements")
        while True:
            files = _requirements(k, rng)
            if all(text not in seen[name] for name, text in files.items()):
                break
        for name, text in files.items():
            seen[name].add(text)
        out[k] = files
    return out


def artefacts(k):
    """The seven artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:  # the original, hand-written artefacts, byte for byte
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    world = _world(k, rng)
    policies = _policies(k, rng, world)
    return {
        "policies.json": json.dumps(policies, indent=2),
        "activity-log.jsonl": _log(rng, world, policies),
        "events.json": _events(k, rng, world),
        **_all_requirements()[k],
    }
