"""A learner who believes the provider patches IaaS guest operating systems
(and so that the provider's Meltdown fix covered them too)."""

from submissions.ps07._common import as_rules

CELLS = as_rules({
    "answers_answer": '''
answers = {"Q1": "A", "Q2": "C", "Q3": "D", "Q4": "B", "Q5": "C", "Q6": "B",
           "Q7": "A", "Q8": "B"}
''',
    "attribution_answer": '''
attribution = {
    "F1": {"party": "provider", "layer": "guest-os"},
    "F2": {"party": "customer", "layer": "identities"},
    "F3": {"party": "customer", "layer": "configuration"},
    "F4": {"party": "provider", "layer": "virtualization"},
    "F5": {"party": "customer", "layer": "network-controls"},
    "F6": {"party": "provider", "layer": "datacenter"},
    "F7": {"party": "customer", "layer": "application"},
}
''',
    "policy_section": """
4. In IaaS the provider patches the operating systems; Northwind checks the provider's
SOC 2 report yearly. Northwind manages users and data in all models.
""",
})

EXPECTED = {"q1": 0, "q2": 1, "q3": 1, "q4": 1, "q5": 1, "q6": 1, "q7": 0, "q8": 1,
            "parties": 1.5, "layers": 2}
