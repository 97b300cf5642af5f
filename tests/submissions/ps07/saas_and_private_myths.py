"""A learner who thinks SaaS leaves the customer nothing to secure, that a
private cloud must be on premises, and that containers are enough for
untrusted code."""

from submissions.ps07._common import RIGHT_ATTRIBUTION, as_rules

CELLS = as_rules({
    "answers_answer": '''
answers = {"Q1": "B", "Q2": "C", "Q3": "A", "Q4": "A", "Q5": "D", "Q6": "B",
           "Q7": "C", "Q8": "B"}
''',
    "attribution_answer": RIGHT_ATTRIBUTION,
})

EXPECTED = {"q1": 1, "q2": 1, "q3": 0, "q4": 0, "q5": 0, "q6": 1, "q7": 1, "q8": 1,
            "parties": 2, "layers": 2}
