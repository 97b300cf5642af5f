"""A learner who gets every party right but places failures on the wrong
layer: a public bucket as "data", a security group as the physical network,
a hypervisor flaw as the host. They also answer Q2 by blaming the provider."""

from submissions.ps07._common import as_rules

CELLS = as_rules({
    "answers_answer": '''
answers = {"Q1": "B", "Q2": "D", "Q3": "D", "Q4": "B", "Q5": "C", "Q6": "B",
           "Q7": "C", "Q8": "B"}
''',
    "attribution_answer": '''
attribution = {
    "F1": {"party": "customer", "layer": "guest-os"},
    "F2": {"party": "customer", "layer": "identities"},
    "F3": {"party": "customer", "layer": "data"},
    "F4": {"party": "provider", "layer": "hosts"},
    "F5": {"party": "customer", "layer": "physical-network"},
    "F6": {"party": "provider", "layer": "datacenter"},
    "F7": {"party": "customer", "layer": "application"},
}
''',
})

EXPECTED = {"q1": 1, "q2": 0, "q3": 1, "q4": 1, "q5": 1, "q6": 1, "q7": 1, "q8": 1,
            "parties": 2, "layers": 1}
