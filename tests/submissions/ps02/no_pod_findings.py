"""A learner who audits the Compose files and never gets to the pods: findings
has no Kubernetes entries. The Compose group keeps its 2 points (its check
looks only at the Compose specs); the Kubernetes group and the risk order,
which ranks every spec, score 0."""

from submissions import solution_of

_SOLUTION = solution_of("ps02-containers")

CELLS = {
    **_SOLUTION,
    "findings_answer": _SOLUTION["findings_answer"] + '''
findings = {spec: rules for spec, rules in findings.items()
            if spec.startswith("compose-")}
''',
}

EXPECTED = {
    "findings_compose": 2, "findings_kubernetes": 0, "pss_levels": 2,
    "isolation": 2, "escape_risk_order": 0,
}
