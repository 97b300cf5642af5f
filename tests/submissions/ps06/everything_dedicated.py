"""A learner who puts every sensitive workload on a dedicated host, and who
trusts provider staff: support and service accounts may read any tenant."""

from submissions.ps06._common import EXPOSURE_RIGHT, PERIODS_RIGHT

CELLS = {
    "cross_answer": '''
tenant = {u["user_id"]: u["tenant_id"] for u in directory}
role = {u["user_id"]: u["role"] for u in directory}
cross_tenant_reads = sorted(
    r["request_id"] for r in access_log
    if r["method"] == "GET" and r["status"] == 200
    and r["path"].split("/")[3].lower() != tenant[r["user_id"]].lower()
    and role[r["user_id"]] == "member")
''',
    "periods_answer": PERIODS_RIGHT,
    "isolation_answer": '''
isolation_choice = {w["name"]: "dedicated-host"
                    if w["classification"] in ("restricted", "confidential")
                    else "shared-instance" for w in workloads}
''',
    "exposure_answer": EXPOSURE_RIGHT,
    "key_management_memo": """
The provider guarantees tenant isolation, so key management can run on the shared
platform; put it on a dedicated host to be sure.
""",
}

EXPECTED = {
    "cross_found": 0.5, "cross_no_false_alarms": 1, "periods_shipped": 1,
    "periods_hidden": 2, "isolation_choice": 1, "exposure_shipped": 1,
    "exposure_hidden": 1,
}
