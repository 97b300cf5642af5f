"""A learner who treats any request naming another tenant as a leak (blocked
and missing ones, writes, and upper-case spellings of the user's own tenant
included), and whose degradation rule uses >= instead of >."""

from submissions import swap
from submissions.ps06._common import EXPOSURE_RIGHT, ISOLATION_RIGHT, PERIODS_RIGHT

CELLS = {
    "cross_answer": '''
tenant = {u["user_id"]: u["tenant_id"] for u in directory}
role = {u["user_id"]: u["role"] for u in directory}
cross_tenant_reads = sorted(
    r["request_id"] for r in access_log
    if r["path"].split("/")[3] != tenant[r["user_id"]]
    and not (role[r["user_id"]] == "support" and "support_ticket" in r))
''',
    "periods_answer": swap(
        PERIODS_RIGHT, ('float(r["victim_p99_ms"]) > factor * base',
                        'float(r["victim_p99_ms"]) >= factor * base')),
    "isolation_answer": ISOLATION_RIGHT,
    "exposure_answer": EXPOSURE_RIGHT,
}

EXPECTED = {
    "cross_found": 1, "cross_no_false_alarms": 0, "periods_shipped": 1,
    "periods_hidden": 0, "isolation_choice": 2, "exposure_shipped": 1,
    "exposure_hidden": 1,
}
