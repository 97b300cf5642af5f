"""A learner who only flags a mount of docker.sock itself (not of a directory
that contains it) and who ranks specs by the number of findings instead of
their weight."""

from submissions import solution_of, swap
from submissions.ps02._common import AUDIT, PSS

CELLS = {
    "findings_answer": swap(
        AUDIT, ('SOCKET = {"/var/run/docker.sock", "/var/run", "/var", "/"}',
                'SOCKET = {"/var/run/docker.sock"}')),
    "pss_answer": PSS,
    "isolation_answer": solution_of("ps02-containers")["isolation_answer"],
    "risk_answer": '''
escape_risk_order = sorted((s for s, r in findings.items() if r),
                           key=lambda s: (-len(findings[s]), s))
''',
}

EXPECTED = {
    "findings_compose": 1.5, "findings_kubernetes": 2, "pss_levels": 2,
    "isolation": 2, "escape_risk_order": 0,
}
