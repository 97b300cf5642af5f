"""A learner who audits each container on its own and forgets that pod-level
settings (runAsNonRoot, hostNetwork, hostPID) apply to every container. The
risk order, built on those findings, inherits the mistake."""

from submissions import solution_of, swap
from submissions.ps02._common import AUDIT, PSS

CELLS = {
    "findings_answer": swap(
        AUDIT,
        ('ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot"))',
         'ctx.get("runAsNonRoot")'),
        ('ctx.get("runAsUser", pod_ctx.get("runAsUser"))', 'ctx.get("runAsUser")'),
        ('any(spec.get(k) is True for k in HOSTNS)',
         'any(ctx.get(k) is True for k in HOSTNS)')),
    "pss_answer": PSS,
    "isolation_answer": solution_of("ps02-containers")["isolation_answer"],
    "risk_answer": '''
risk = {s: sum(RISK_WEIGHTS[r] for r in rules) for s, rules in findings.items()}
escape_risk_order = sorted((s for s in risk if risk[s]), key=lambda s: (-risk[s], s))
''',
}

EXPECTED = {
    "findings_compose": 2, "findings_kubernetes": 0, "pss_levels": 2,
    "isolation": 2, "escape_risk_order": 0,
}
