"""A learner who answered the first four questions and stopped."""

from submissions.ps07._common import as_rules

CELLS = as_rules({
    "answers_answer": 'answers = {"Q1": "B", "Q2": "C", "Q3": "D", "Q4": "B"}',
})

EXPECTED = {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 0, "q6": 0, "q7": 0, "q8": 0,
            "parties": 0, "layers": 0}
