"""All right but one typo in a layer ("identity" for "identities"). It costs
one layer's share (2 points x 6/7, rounded down to half points); the parties
keep their 2 points, and Part A is untouched."""

from submissions import solution_of

_SOLUTION = solution_of("ps07-exam")

CELLS = {
    **_SOLUTION,
    "attribution_answer": _SOLUTION["attribution_answer"] + '''
attribution["F2"]["layer"] = "identity"
''',
}

EXPECTED = {
    **{f"q{i}": 1 for i in range(1, 9)},
    "parties": 2, "layers": 1.5,
}
