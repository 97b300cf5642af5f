"""A learner who equates virtualization with cloud: the ticket-driven VM
cluster is a "private cloud", VMs on shared hardware are elastic and measured
whatever the contract says (only the ordering by email or phone is missing),
dedicated hardware still "pools" resources, and multi-tenancy looks like a
characteristic of its own.

Written as rules applied to the artefacts (the reference solution with the
learner's beliefs), so it loses the same points on every variant."""

from submissions import swap
from submissions.ps04._common import RECOMMEND, SOLUTION

CELLS = {
    "models_answer": swap(SOLUTION["models_answer"],
                          ('"ticket-driven VM cluster": "not-cloud"',
                           '"ticket-driven VM cluster": "private"')),
    "missing_answer": swap(
        SOLUTION["missing_answer"],
        ('("never used by, or reassigned to, any other customer",\n'
         '                         "never handed to another customer")', '()'),
        ('"resizing needs a new request",\n'
         '                         "a bigger one needs a new order",\n', ''),
        ('("flat monthly fee per VM with no usage reporting",\n'
         '                         "fixed yearly price with no consumption data")',
         '()')),
    "recommend_answer": RECOMMEND,
    "claims_answer": swap(
        SOLUTION["claims_answer"],
        ('"multi-tenancy is a sixth characteristic": False',
         '"multi-tenancy is a sixth characteristic": True')),
}

EXPECTED = {
    "models_core": 0.5, "models_traps": 2, "missing_characteristics": 1,
    "recommendations": 2, "claims_false_found": 1.5, "claims_true_kept": 1,
}
