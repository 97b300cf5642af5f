"""Deeper variants of ps03 and ps07 (issue 16): other incidents, not only ids.

ps03's variants draw their fourteen incidents from a bank in the generator,
the same number from every slot (service model and the party whose control
failed); ps07's variants draw the case study (the system and the description
of each of its seven failures) from a bank, one failure of every kind (party
and layer). These tests read the committed pool and keys: the answers per
group are the same in every variant (equal difficulty), the bank agrees with
the course view and with the reference solution's keys, and between every two
variants the incident texts, their failed layers and the case study's texts
differ.
"""

import csv
import importlib.util
import io
import re
from collections import Counter
from itertools import combinations

import pytest

from cloudsec import variants
from cloudsec.responsibility import owner

from helpers import ROOT

PS03 = "ps03-shared-responsibility"
PS07 = "ps07-exam"
GROUPS = ("attribution_iaas", "attribution_platform", "attribution_saas")


def _generator(aid):
    path = ROOT / "source" / aid / ".variants" / "generator.py"
    spec = importlib.util.spec_from_file_location(f"deep2_{aid[:4]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pool(aid):
    return variants.pool_texts(ROOT / "source" / aid)


def _keys(aid):
    return variants.read_keys(ROOT / "source" / aid)["variants"]


def _register(pool, k):
    return list(csv.DictReader(io.StringIO(pool[k]["incident-register.csv"])))


def _ps03_bank():
    """``{summary: (slot, entry)}`` of the generator's incident bank."""
    gen = _generator(PS03)
    return {entry[4]: (slot, entry) for slot, entries in gen.INCIDENTS.items()
            for entry in entries}


def _answers(key):
    out = {}
    for group in GROUPS:
        out.update(key[group]["expected"])
    return out


# --- ps03 -------------------------------------------------------------------


def test_ps03_every_group_has_the_same_answers_in_every_variant():
    """Per service model (not only per group), as many "customer" and
    "provider" incidents in every variant: equal difficulty."""
    pool, keys = _pool(PS03), _keys(PS03)
    shapes = {}
    for k in pool:
        answers = _answers(keys[str(k)])
        shapes[k] = Counter((row["service_model"], answers[row["id"]])
                            for row in _register(pool, k))
    assert len(shapes) >= 8
    for k, shape in shapes.items():
        assert shape == shapes[1], k
    assert shapes[1] == Counter({("IaaS", "customer"): 3, ("IaaS", "provider"): 1,
                                 ("PaaS", "customer"): 2, ("PaaS", "provider"): 1,
                                 ("FaaS", "customer"): 2, ("FaaS", "provider"): 1,
                                 ("SaaS", "customer"): 2, ("SaaS", "provider"): 2})


def test_ps03_incident_texts_differ_between_every_two_variants():
    pool = _pool(PS03)
    texts = {k: frozenset(r["summary"] for r in _register(pool, k)) for k in pool}
    for i, j in combinations(sorted(texts), 2):
        assert len(texts[i] & texts[j]) <= 6, (
            f"variants {i} and {j} share {len(texts[i] & texts[j])} of 14 incidents")
    # and the bank is really used: more distinct incidents than one register
    assert len(frozenset().union(*texts.values())) >= 2 * len(texts[1])


def test_ps03_failed_layers_differ_between_every_two_variants():
    pool, bank = _pool(PS03), _ps03_bank()
    layers = {}
    for k in pool:
        layers[k] = Counter((r["service_model"], bank[r["summary"]][1][2])
                            for r in _register(pool, k))
    for i, j in combinations(sorted(layers), 2):
        assert layers[i] != layers[j], (
            f"variants {i} and {j} have the same failed layers per model")


def test_ps03_bank_agrees_with_the_course_view_and_the_keys():
    """Every bank incident's party is the course view's owner of its failed
    layer (or, on a shared layer, the customer, whose part the bank's
    shared-layer incidents describe), and the reference solution's key gives
    every drawn incident exactly that party."""
    gen = _generator(PS03)
    for (model, party, _), entries in gen.INCIDENTS.items():
        for _, _, layer, clue, summary in entries:
            view = owner(model.lower(), layer)
            assert view in (party, "shared"), (summary, view)
            if view == "shared":
                assert party == "customer", summary
            assert clue in summary
            hits = [e for es in gen.INCIDENTS.values() for e in es if clue in e[4]]
            assert len(hits) == 1, f"clue {clue!r} is in {len(hits)} incidents"
    pool, keys, bank = _pool(PS03), _keys(PS03), _ps03_bank()
    for k in pool:
        answers = _answers(keys[str(k)])
        for row in _register(pool, k):
            slot, _ = bank[row["summary"]]
            assert row["service_model"] == slot[0]
            assert answers[row["id"]] == slot[1], (k, row["summary"])


def test_ps03_every_variant_has_one_iaas_guest_os_patching_failure():
    """The misconception "the provider patches IaaS guest operating systems"
    must cost the same in every variant: one such incident each."""
    pool, bank = _pool(PS03), _ps03_bank()
    for k in pool:
        rows = _register(pool, k)
        assert sum(r["service_model"] == "IaaS"
                   and bank[r["summary"]][1][2] == "guest-os" for r in rows) == 1, k


def test_ps03_variant_1_is_the_original_register():
    gen = _generator(PS03)
    original = (ROOT / "source" / PS03 / ".variants" / "original"
                / "incident-register.csv").read_text(encoding="utf-8")
    assert _pool(PS03)[1]["incident-register.csv"] == original
    assert sorted(e[4] for _, e in gen.bank_rows(1)) == sorted(
        r["summary"] for r in csv.DictReader(io.StringIO(original)))


def _gap_places(k, pool, key):
    """The gaps of variant ``k`` as (system slot, layer): names and control
    ids differ between variants, what is missing where should too."""
    gen = _generator(PS03)
    slot_of = {name: slot for slot, name in gen._names(k).items()}
    layer_of = {r["control_id"]: r["layer"] for r in csv.DictReader(
        io.StringIO(pool[k]["controls.csv"]))}
    out = set()
    for gap in key["gaps_found"]["expected"]:
        system, control = gap.split(":")
        out.add((slot_of[system], layer_of[control]))
    return frozenset(out)


def test_ps03_gaps_are_as_many_per_system_and_differ_between_variants():
    pool, keys = _pool(PS03), _keys(PS03)
    places = {k: _gap_places(k, pool, keys[str(k)]) for k in pool}
    per_system = {k: Counter(slot for slot, _ in p) for k, p in places.items()}
    for k in pool:
        # the PaaS gap may sit on either PaaS system
        assert per_system[k]["payments-db"] + per_system[k]["portal-app"] == 1, k
        for slot in ("shop-web", "label-printer", "crm", "warehouse-scanners"):
            assert per_system[k][slot] == per_system[1][slot], (k, slot)
        # the IaaS gaps are the ones "the provider patches IaaS" misses
        assert {lay for slot, lay in places[k] if slot == "shop-web"} == {
            "runtime", "guest-os"}, k
    for i, j in combinations(sorted(places), 2):
        assert places[i] != places[j], f"variants {i} and {j} have the same gaps"


def test_ps03_policy_has_one_statement_of_every_kind_worded_apart():
    gen = _generator(PS03)
    wrong = {t: kind for kind, es in gen.POLICY_WRONG.items() for _, t in es}
    right = {t: kind for kind, ts in gen.POLICY_RIGHT.items() for t in ts}
    everything = list(wrong) + list(right)
    for clue, _ in (e for es in gen.POLICY_WRONG.values() for e in es):
        assert sum(clue in t for t in everything) == 1, clue
    pool, keys = _pool(PS03), _keys(PS03)
    worded = {}
    for k in pool:
        statements = dict(re.findall(r"^- \*\*(P\d+)\.\*\* (.+)$",
                                     pool[k]["draft-policy.md"], re.M))
        kinds = [wrong.get(t) or right[t] for t in statements.values()]
        assert sorted(kinds) == sorted(gen.POLICY_ORDER), k
        assert keys[str(k)]["policy_false_found"]["expected"] == sorted(
            (p for p, t in statements.items() if t in wrong),
            key=lambda p: int(p[1:])), k
        worded[k] = frozenset(statements.values())
    for i, j in combinations(sorted(worded), 2):
        assert len(worded[i] & worded[j]) <= 5, (
            f"variants {i} and {j} word {len(worded[i] & worded[j])} of 12 alike")


# --- ps07 -------------------------------------------------------------------

FAILURE_RE = re.compile(r"^- \*\*(F\d+)\.\*\* (.+?)(?=^- \*\*F|\Z)", re.M | re.S)


def _failures(text):
    return {f: " ".join(t.split()) for f, t in FAILURE_RE.findall(text)}


def test_ps07_every_variant_has_one_failure_of_every_kind():
    keys = _keys(PS07)
    kinds = {}
    for k, key in keys.items():
        parties, layers = key["parties"]["expected"], key["layers"]["expected"]
        assert set(parties) == set(layers) == {f"F{i}" for i in range(1, 8)}
        kinds[k] = Counter((parties[f], layers[f]) for f in parties)
    assert len(kinds) >= 8
    for k, found in kinds.items():
        assert found == kinds["1"], k
    assert max(kinds["1"].values()) == 1


def test_ps07_case_study_texts_differ_between_every_two_variants():
    pool = _pool(PS07)
    for i, j in combinations(sorted(pool), 2):
        a, b = pool[i]["failures.md"], pool[j]["failures.md"]
        fa, fb = set(_failures(a).values()), set(_failures(b).values())
        assert len(fa & fb) <= 3, (
            f"variants {i} and {j} describe {len(fa & fb)} of 7 failures alike")
        intro_a, intro_b = (t.split("- **F1.**")[0] for t in (a, b))
        assert intro_a.strip() and intro_a != intro_b, (
            f"variants {i} and {j} describe the same system")


def test_ps07_options_are_permuted_in_every_variant():
    """The minimum the issue accepts: every question's options in another
    order than the original's, in every other variant."""
    pool = _pool(PS07)

    def options(text):
        blocks = re.split(r"^\*\*(Q\d+)\.\*\*", text, flags=re.M)[1:]
        return {q: re.findall(r"^- \*\*[A-D]\.\*\* (.+)$", body, re.M)
                for q, body in zip(blocks[::2], blocks[1::2], strict=True)}

    first = options(pool[1]["questions.md"])
    for k in sorted(pool)[1:]:
        mine = options(pool[k]["questions.md"])
        for q, opts in mine.items():
            assert sorted(opts) == sorted(first[q]), (k, q)
            assert opts != first[q], (k, q)


def test_ps07_bank_kinds_are_the_course_views():
    gen = _generator(PS07)
    for (party, layer), entries in gen.FAILURES.items():
        assert owner("iaas", layer) == party, (party, layer)
        for clue, text in entries:
            assert clue in " ".join(text.split())
            hits = [t for es in gen.FAILURES.values() for _, t in es
                    if clue in " ".join(t.split())]
            assert len(hits) == 1, f"clue {clue!r} is in {len(hits)} failures"


@pytest.mark.parametrize("aid", [PS03, PS07])
def test_source_prose_names_no_drawn_text(aid):
    """The notebook's prose never quotes a bank text (it would differ by
    variant); solution cells may hold the clues (they are rules)."""
    import nbformat

    nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    gen = _generator(aid)
    if aid == PS03:
        texts = [e[4] for es in gen.INCIDENTS.values() for e in es]
    else:
        texts = [t for es in gen.FAILURES.values() for _, t in es]
        texts += list(gen.SYSTEMS_TEXT)
    for text in texts:
        assert " ".join(text.split())[:60] not in " ".join(prose.split()), text
