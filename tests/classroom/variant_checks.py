"""Per-student variants in the classroom end-to-end tests (issue 16).

What both classroom tests need: which variant an account gets, the setup
cell of a fetched notebook (run as the account, it prints "Your variant: k
of n"), a copier's notebook (a classmate's answers as literals), and what
those copied answers are worth on the copier's own variant, worked out by
hand from the two variants' keys (as in tests/test_variants.py).
"""

from __future__ import annotations

import re

from test_variants import _auto_points, _literal_answers

from cloudsec import variants

from helpers import ROOT

AID = "ps03-shared-responsibility"
VARIANT_LINE = re.compile(r"Your variant: (\d+) of (\d+)")
GROUPS = ("attribution_iaas", "attribution_platform", "attribution_saas")


def pool() -> int:
    return variants.read_keys(ROOT / "source" / AID)["n"]


def variant(student: str) -> int:
    """The variant the course gives ``student`` (an account or hub name)."""
    return variants.variant_of(AID, student, pool())


def points(source_nb) -> dict:
    """Autograded points per grade cell (full marks)."""
    return _auto_points(source_nb)


def copied_cells(solution: dict, owner_variant: int) -> dict:
    """A copier's answers: the owner's code, and the owner's answers pasted
    as literals (what a shared answer sheet gives)."""
    return {**solution, **_literal_answers(AID, owner_variant)}


def copied_worth(owner_variant: int, copier_variant: int, full: dict) -> dict:
    """What the owner's literal answers score on the copier's variant.

    Every incident id, system name and gap differs between two variants
    (asserted here), so only the policy statement numbers can overlap; the
    copied function reads the copier's own data, so Part D scores.
    """
    keys = variants.read_keys(ROOT / "source" / AID)["variants"]
    ka, kb = keys[str(owner_variant)], keys[str(copier_variant)]
    assert not ({i for g in GROUPS for i in ka[g]["select"]}
                & {i for g in GROUPS for i in kb[g]["select"]})
    assert not (set(ka["service_models"]["expected"])
                & set(kb["service_models"]["expected"]))
    assert not set(ka["gaps_found"]["expected"]) & set(kb["gaps_found"]["expected"])
    pa, pb = (set(k["policy_false_found"]["expected"]) for k in (ka, kb))
    want = dict.fromkeys(full, 0.0)
    # proportional credit of 2 points, in half points, rounded down
    want["policy_false_found"] = int(len(pa & pb) / len(pb) * 2 * 2) / 2
    want["policy_true_kept"] = 1.0 if pa <= pb else 0.0
    want["overdue_shipped"] = 1.0
    want["overdue_edge_cases"] = 2.0
    assert sum(want.values()) < sum(full.values())
    return want


def setup_cell(nb) -> str:
    """The source of the read-only setup cell (it loads the variant)."""
    cells = [c for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
    assert len(cells) == 1, "the assignment has no single setup cell"
    assert f'load("{AID}")' in cells[0].source
    return cells[0].source


# Run as a student in their fetched assignment folder: execute the notebook's
# own setup cell in a real kernel (nbclient) and print what it printed.
RUN_SETUP = r"""
import sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells = [c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
NotebookClient(nb, timeout=120, kernel_name="python3",
               resources={"metadata": {"path": "."}}).execute()
for out in nb.cells[0].outputs:
    print(out.get("text", ""), end="")
"""


def shown_variant(text: str) -> tuple[int, int]:
    """(k, n) from the output "Your variant: k of n"; fails if absent."""
    found = VARIANT_LINE.findall(text)
    assert len(found) == 1, f"expected one 'Your variant: k of n' line in {text!r}"
    return int(found[0][0]), int(found[0][1])
