"""Variant generator of ps07 (instructor-side: never released).

Variant 1 is the original. Every other variant keeps the same eight
questions and the same seven failures (so the same difficulty) and changes
what a copied answer sheet depends on: the order of each question's options
(so the letters of the best answers) and the order, and so the ids, of the
failures of the case study. ``artefacts(k)`` returns ``{file name: text}``;
the keys come from running the reference solution
(``python -m cloudsec.variants generate ps07``).
"""

import random
import re
from pathlib import Path

N = 8
SEED = "ps07-exam/variants/2026-12-04"
ORIGINAL = Path(__file__).resolve().parent / "original"
LETTERS = "ABCD"


def _questions(rng):
    text = (ORIGINAL / "questions.md").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"(?=^\*\*Q\d+\.\*\*)", text, flags=re.M):
        if not block.strip():
            continue
        stem = re.split(r"^- \*\*[A-D]\.\*\* ", block, flags=re.M)[0].rstrip()
        options = re.findall(r"^- \*\*[A-D]\.\*\* (.+)$", block, re.M)
        order = list(range(len(options)))
        while order == sorted(order):  # every question's order changes
            rng.shuffle(order)
        lines = [f"- **{LETTERS[i]}.** {options[j]}" for i, j in enumerate(order)]
        out.append(stem + "\n\n" + "\n".join(lines))
    return "\n\n".join(out) + "\n"


def _failures(rng):
    text = (ORIGINAL / "failures.md").read_text(encoding="utf-8")
    items = [" ".join(body.split()) for body in
             re.findall(r"^- \*\*F\d+\.\*\* (.+?)(?=^- \*\*F|\Z)", text, re.M | re.S)]
    order = list(range(len(items)))
    while order == sorted(order):
        rng.shuffle(order)
    return "\n".join(f"- **F{i}.** {items[j]}" for i, j in enumerate(order, 1)) + "\n"


def artefacts(k):
    """The two artefacts of variant ``k`` (1..N) as ``{file name: text}``."""
    if not 1 <= k <= N:
        raise ValueError(f"variant {k} is not in 1..{N}")
    if k == 1:
        return {p.name: p.read_text(encoding="utf-8") for p in ORIGINAL.iterdir()}
    rng = random.Random(f"{SEED}/{k}")
    return {"questions.md": _questions(rng), "failures.md": _failures(rng)}
