"""Answer cells shared by ps07 samples, and :func:`as_rules`.

ps07 has per-student variants: the options of each question are in another
order, and the case study reviews another system whose seven failures (one
of every kind: party and layer) are described in other words and numbered in
another order. A sample states its misconception on the original artefacts
(variant 1) for readability; :func:`as_rules` turns those literal answers
into the rule the learner applies, "choose the option that says ..." and
"a failure of this kind is ...", so the sample makes the same mistakes, and
loses the same points, on every variant.
"""

import re
from pathlib import Path

from submissions import solution_of

ORIGINAL = (Path(__file__).resolve().parents[3] / "source" / "ps07-exam"
            / ".variants" / "original")

RIGHT_ATTRIBUTION = '''
attribution = {
    "F1": {"party": "customer", "layer": "guest-os"},
    "F2": {"party": "customer", "layer": "identities"},
    "F3": {"party": "customer", "layer": "configuration"},
    "F4": {"party": "provider", "layer": "virtualization"},
    "F5": {"party": "customer", "layer": "network-controls"},
    "F6": {"party": "provider", "layer": "datacenter"},
    "F7": {"party": "customer", "layer": "application"},
}
'''

_PARSE = r'''
import re

_blocks = re.split(r"^\*\*(Q\d+)\.\*\*", questions_text, flags=re.M)[1:]
_options = {q: {t: letter for letter, t in
                re.findall(r"^- \*\*([A-D])\.\*\* (.+)$", body, re.M)}
            for q, body in zip(_blocks[::2], _blocks[1::2], strict=True)}
'''


def _original_options() -> dict[str, dict[str, str]]:
    text = (ORIGINAL / "questions.md").read_text(encoding="utf-8")
    blocks = re.split(r"^\*\*(Q\d+)\.\*\*", text, flags=re.M)[1:]
    return {q: dict(re.findall(r"^- \*\*([A-D])\.\*\* (.+)$", body, re.M))
            for q, body in zip(blocks[::2], blocks[1::2], strict=True)}


def _literal(source: str, name: str):
    space: dict = {}
    try:
        exec(source, {"__builtins__": {}}, space)  # noqa: S102 - our own literals
    except Exception:  # noqa: BLE001 - not a literal answer: keep the cell
        return None
    return space.get(name)


def as_rules(cells: dict[str, str]) -> dict[str, str]:
    """Literal variant-1 answers rewritten as rules on the learner's variant."""
    cells = dict(cells)
    answers = _literal(cells.get("answers_answer", ""), "answers")
    if isinstance(answers, dict):
        options = _original_options()
        chosen = {q: options[q][letter] for q, letter in answers.items()}
        cells["answers_answer"] = (_PARSE + f"_CHOSEN = {chosen!r}\n"
                                   "answers = {q: _options[q][t] for q, t in "
                                   "_CHOSEN.items()}\n")
    attribution = _literal(cells.get("attribution_answer", ""), "attribution")
    if isinstance(attribution, dict):
        # what each original failure truly is -> what the learner says it is;
        # applied to the reference solution's reading of the learner's variant
        right = _literal(RIGHT_ATTRIBUTION, "attribution")
        belief = {(right[f]["party"], right[f]["layer"]): v
                  for f, v in attribution.items()}
        cells["attribution_answer"] = (
            "import re\n" + solution_of("ps07-exam")["attribution_answer"]
            + f"\n_BELIEF = {belief!r}\n"
            "attribution = {f: dict(_BELIEF[(v['party'], v['layer'])])\n"
            "               for f, v in attribution.items()}\n")
    return cells
