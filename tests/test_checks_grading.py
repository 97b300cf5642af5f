"""Self-check helpers, conversion to plain data and the one spec evaluator."""

import json
from collections import Counter, OrderedDict, defaultdict

import numpy as np
import pytest

from cloudsec import checks
from cloudsec.checks import (
    SelfCheckError,
    check_choice,
    check_function,
    check_list,
    check_mapping,
    passed,
)
from cloudsec.grader import spec as spec_module
from cloudsec.grader.spec import SET_MARK, Spec, evaluate, evaluate_calls, plain
from cloudsec.grading import (
    AnswerFormatError,
    canonical,
    report,
    report_calls,
    report_line,
    verify,
    verify_calls,
)


@pytest.mark.parametrize("value, message", [
    (None, "still empty"),
    ([], "should be a dict"),
    ({"a": "customer"}, "missing the key 'b'"),
    ({"a": "customer", "b": "provider", "c": "x"}, "not asked for: c"),
    ({"a": "Customer", "b": "provider"}, "Did you mean 'customer'"),
    ({"A": "customer", "b": "provider"}, "It has 'A' where 'a' is expected"),
])
def test_check_mapping_messages_are_layered(value, message):
    with pytest.raises(SelfCheckError, match=message):
        check_mapping(value, "answer", keys=["a", "b"],
                      allowed=["customer", "provider"])


def test_check_mapping_accepts_a_well_formed_answer_in_any_dict_form():
    for value in ({"a": "customer", "b": "provider"},
                  OrderedDict(a="customer", b="provider"),
                  defaultdict(str, a="customer", b="provider")):
        check_mapping(value, "answer", keys=["a", "b"],
                      allowed=["customer", "provider"])


def test_check_mapping_with_graded_fails_only_for_its_own_items(capsys):
    value = {"E1": "public", "E2": "privat"}
    check_mapping(value, "m", keys=["E1", "E2"], allowed=["public", "private"],
                  graded=["E1"])
    assert "another check grades this" in capsys.readouterr().out
    with pytest.raises(SelfCheckError, match="E2"):
        check_mapping(value, "m", keys=["E1", "E2"], allowed=["public", "private"],
                      graded=["E2"])


def test_check_mapping_names_wrong_value_types_inside():
    with pytest.raises(SelfCheckError, match=r"should be a list, not a str"):
        check_mapping({"a": "C1"}, "findings", keys=["a"], value_type=list)
    with pytest.raises(SelfCheckError, match="should be a int, not a bool"):
        check_mapping({"a": True}, "n", keys=["a"], value_type=int)


@pytest.mark.parametrize("value, message", [
    ("P1", "should be a list"),
    ([1], "should be a str"),
    (["P99"], "not one of the identifiers"),
    (["p1"], "Did you mean 'P1'"),
    (["P2", "P1"], "sorted"),
    (["P1", "P1"], "twice"),
    ({"P1", "P2"}, "is a set, which has no order"),
    ([np.array(["P1"], dtype=object)], "numpy array of object"),
])
def test_check_list_messages(value, message):
    with pytest.raises(SelfCheckError, match=message):
        check_list(value, "answer", allowed=["P1", "P2"])


def test_check_list_accepts_sets_tuples_and_numpy_where_order_is_free():
    check_list({"P2", "P1"}, "answer", allowed=["P1", "P2"], sorted_unique=False)
    check_list(("P1", "P2"), "answer", allowed=["P1", "P2"])
    check_list(np.array([1, 2]), "answer", item_type=int)
    with pytest.raises(SelfCheckError, match="should be a int"):
        check_list(["1", "2"], "answer", item_type=int)
    with pytest.raises(SelfCheckError, match="should be a int"):
        check_list([True], "answer", item_type=int)


def test_check_function_reports_stub_wrong_return_type_and_refused_forms():
    def stub(x):
        raise NotImplementedError

    with pytest.raises(SelfCheckError, match="NotImplementedError"):
        check_function(stub, "f", example=((1,), {}))
    with pytest.raises(SelfCheckError, match="should return a list"):
        check_function(lambda x: "a", "f", example=((1,), {}), returns=list)
    with pytest.raises(SelfCheckError, match="should be a function"):
        check_function(3, "f")
    with pytest.raises(SelfCheckError, match="object.*convert"):
        check_function(lambda x: [object()], "f", example=((1,), {}), returns=list)
    # the forms the grader accepts pass
    check_function(lambda x: [[np.int64(1), np.int64(2)]], "f", example=((1,), {}),
                   returns=list)
    check_function(lambda x: defaultdict(dict), "f", example=((1,), {}),
                   returns=dict)


def test_check_choice_checks_the_form_only():
    for letter in "ABCD":
        check_choice({"Q1": letter}, "answers", "ABCD", key="Q1")
    with pytest.raises(SelfCheckError, match="It has 'q1' where 'Q1'"):
        check_choice({"q1": "B"}, "answers", "ABCD", key="Q1")
    with pytest.raises(SelfCheckError, match="still empty"):
        check_choice({}, "answers", "ABCD", key="Q1")
    with pytest.raises(SelfCheckError, match="Write 'B'"):
        check_choice({"Q1": "b"}, "answers", "ABCD", key="Q1")
    with pytest.raises(SelfCheckError, match="one letter"):
        check_choice({"Q1": "E"}, "answers", "ABCD", key="Q1")
    assert not hasattr(checks, "choice_digest")


def test_report_only_mode_prints_instead_of_failing(capsys):
    checks.report_only(True)
    try:
        check_mapping({"a": "x"}, "answer", keys=["a"], allowed=["y"])
        assert passed("fine.") == ""
    finally:
        checks.report_only(False)
    out = capsys.readouterr().out
    assert "Visible check:" in out and "fine." not in out


def test_passed_says_hidden_tests_exist(capsys):
    passed()
    assert "Hidden tests" in capsys.readouterr().out


# --- conversion to plain data -------------------------------------------------

class Equal:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class LyingDict(dict):
    def __eq__(self, other):
        return True

    def items(self):
        return [("a", "customer")]

    def keys(self):
        return ["a"]

    def __iter__(self):
        return iter(["a"])

    def __getitem__(self, key):
        return "customer"

    __hash__ = object.__hash__


class LyingList(list):
    def __iter__(self):
        return iter(["k1", "k2"])

    def __len__(self):
        return 2

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class LyingSet(set):
    def __sub__(self, other):
        return set()

    def __iter__(self):
        return iter(["k1", "k2"])


class LyingStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize("value", [Equal(), {1: "a"}, float("nan"), b"x",
                                   np.array([object()]), {"a": Equal()}])
def test_plain_refuses_anything_but_plain_data(value):
    with pytest.raises(AnswerFormatError):
        canonical(value)


def test_plain_reads_real_contents_of_subclasses_and_numpy():
    assert plain({"a": (1, "x", None, True)}) == {"a": [1, "x", None, True]}
    assert plain(defaultdict(list, a=[1])) == {"a": [1]}
    assert plain(OrderedDict(b=1, a=2)) == {"b": 1, "a": 2}
    assert plain(Counter("aab")) == {"a": 2, "b": 1}
    assert plain([np.int64(3), np.float64(0.5), np.bool_(True), np.str_("s")]) == [
        3, 0.5, True, "s"]
    assert type(plain(np.int64(3))) is int and type(plain(np.bool_(True))) is bool
    assert plain(np.array([[1, 2], [3, 4]])) == [[1, 2], [3, 4]]
    assert plain({"b", "a"}) == {SET_MARK: plain({"b", "a"})[SET_MARK]}
    # lying objects are read by what they hold, not by what they claim
    assert plain(LyingDict(a="provider")) == {"a": "provider"}
    assert plain(LyingList(["x"])) == ["x"]
    assert sorted(plain(LyingSet({"z"}))[SET_MARK]) == ["z"]
    value = plain(LyingStr("A"))
    assert type(value) is str and value == "A"


def test_lying_objects_still_fail_the_check():
    key = Spec("x", {"a": "customer"}, kind="mapping")
    assert evaluate(key, plain(LyingDict(a="provider"))).fraction == 0
    found = Spec("g", ["k1", "k2"], kind="finds_all")
    assert evaluate(found, plain(LyingSet())).fraction == 0
    assert evaluate(found, plain(LyingList())).fraction == 0
    with pytest.raises(AssertionError):
        verify("x", LyingDict(a="provider"), kind="mapping",
               expected={"a": "customer"})
    with pytest.raises(AssertionError):
        verify("q1", LyingStr("A"), expected="B")


def test_same_is_strict_about_types_and_tolerant_about_floats():
    same = spec_module.same
    assert same(0.1 + 0.2, 0.3)
    assert same(1, 1.0)
    assert not same(True, 1) and not same(1, True) and not same(0, False)
    assert not same("1", 1)
    assert not same([1, 2], [2, 1])
    assert not same({"a": 1}, {"a": 1, "b": 2})
    assert not same({SET_MARK: [1, 2]}, [1, 2])


# --- the spec evaluator ---------------------------------------------------------

MAP = {"a": "x", "b": "y", "c": "x", "d": "y"}


@pytest.mark.parametrize("answer, fraction", [
    (MAP, 1.0),
    ({**MAP, "d": "x"}, 0.75),
    ({"a": "x", "b": "y"}, 0.5),
    ({"a": "x", "b": "y", "c": "x", "d": 3}, 0.75),
    ([], 0.0),
])
def test_mapping_gives_proportional_credit(answer, fraction):
    spec = Spec("m", MAP, kind="mapping", credit="proportional")
    assert evaluate(spec, plain(answer)).fraction == fraction


def test_mapping_select_looks_at_its_own_items_only():
    spec = Spec("m", MAP, kind="mapping", select=("a", "b"), credit="all")
    assert evaluate(spec, {"a": "x", "b": "y", "c": "WRONG"}).passed
    assert evaluate(spec, {"a": "x", "b": "y"}).passed
    assert not evaluate(spec, {"a": "x", "b": "WRONG", "c": "x", "d": "y"}).passed


def test_mapping_field_and_accept():
    spec = Spec("layers", {"F1": "guest-os", "F3": "configuration"}, kind="mapping",
                field="layer", accept={"F3": ["data"]}, credit="proportional")
    answer = {"F1": {"party": "c", "layer": "guest-os"},
              "F3": {"party": "c", "layer": "data"}}
    assert evaluate(spec, answer).passed
    answer["F1"]["layer"] = "hosts"
    assert evaluate(spec, answer).fraction == 0.5


@pytest.mark.parametrize("kind, answer, fraction", [
    ("finds_all", ["k1", "k2", "k3"], 1.0),
    ("finds_all", ["k1", "z"], 1 / 3),
    ("finds_all", {SET_MARK: ["k3", "k1", "k2"]}, 1.0),
    ("no_false_alarms", ["k1"], 1.0),
    ("no_false_alarms", ["k1", "z"], 0.5),
    ("no_false_alarms", [], 1.0),
    ("unordered", ["k3", "k2", "k1"], 1.0),
    ("unordered", ["k3", "k2"], 2 / 3),
])
def test_collection_kinds(kind, answer, fraction):
    spec = Spec("g", ["k1", "k2", "k3"], kind=kind, credit="proportional")
    assert evaluate(spec, answer).fraction == pytest.approx(fraction)


def test_sequence_needs_the_order_and_refuses_a_set():
    spec = Spec("o", ["a", "b", "c"], kind="sequence")
    assert evaluate(spec, ["a", "b", "c"]).passed
    result = evaluate(spec, ["b", "a", "c"])
    assert not result.passed and "different order" in result.feedback
    assert "no order" in evaluate(spec, {SET_MARK: ["a", "b", "c"]}).feedback


def test_equal_with_tolerance_and_alternatives():
    assert evaluate(Spec("r", 0.42, tol=1e-3), 0.4201).passed
    assert not evaluate(Spec("r", 0.42, tol=1e-6), 0.4201).passed
    assert evaluate(Spec("q", "B", accept=["C"]), "C").passed
    assert not evaluate(Spec("n", 1), True).passed


def test_feedback_names_the_kind_of_mistake_never_an_item_of_the_key():
    key = {"INC-1": "customer", "INC-2": "provider", "INC-3": "customer"}
    spec = Spec("m", key, kind="mapping", credit="proportional")
    feedback = evaluate(spec, {"INC-1": "customer", "INC-2": 3}).feedback
    assert "1 of 3" in feedback and "missing" in feedback and "wrong type" in feedback
    gaps = Spec("g", ["crm:CTL-01", "crm:CTL-04"], kind="finds_all")
    missing = evaluate(gaps, ["crm:CTL-01"]).feedback
    extra = evaluate(Spec("g", ["crm:CTL-01"], kind="no_false_alarms"),
                     ["crm:CTL-01", "crm:CTL-99"]).feedback
    assert "1 missing" in missing and "do not belong" in extra
    for text in (feedback, missing, extra):
        for secret in ("INC-", "customer", "provider", "CTL-"):
            assert secret not in text


def test_calls_judge_each_case_and_survive_errors():
    spec = Spec("f", [2, 4, 6], calls=True, credit="proportional")
    results = [{"value": 2}, {"error": "KeyError"}, {"value": 7}]
    result = evaluate_calls(spec, results)
    assert result.fraction == pytest.approx(1 / 3)
    assert "1 of 3" in result.feedback and "exception on 1" in result.feedback


def test_verify_passes_right_answers_and_hides_the_key_when_wrong():
    verify("x", {"a": "customer"}, expected={"a": "customer"})
    verify("x", defaultdict(str, a="customer"), kind="mapping",
           expected={"a": "customer"})
    with pytest.raises(AssertionError) as info:
        verify("x", {"a": "provider"}, kind="mapping", expected={"a": "customer"})
    assert "customer" not in str(info.value)


def test_verify_calls_checks_every_case_and_accepts_numpy():
    verify_calls("double", lambda n: np.int64(n * 2), inputs=[{"n": 1}, {"n": 2}],
                 expected=[2, 4])
    with pytest.raises(AssertionError, match="1 of 2 hidden cases"):
        verify_calls("double", lambda n: n + 1, inputs=[{"n": 1}, {"n": 2}],
                     expected=[2, 4])
    with pytest.raises(AssertionError, match="not a function"):
        verify_calls("double", 3, inputs=[], expected=[])


def test_report_reads_the_reference_and_survives_a_missing_answer(capsys):
    report("q1", lambda: {"Q1": "B"}["Q1"])
    report("q2", lambda: {}["Q2"])
    report("f", lambda: defaultdict(list))
    report_calls("c", lambda: (lambda n: [np.int64(n)]), lambda: [{"n": 1}])
    lines = [json.loads(line.split(" ", 1)[1])
             for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {"check": "q1", "answer": "B"}
    assert "could not be read (KeyError)" in json.dumps(lines[1])
    assert lines[2]["answer"] == {}
    assert lines[3]["results"] == [{"value": [1]}]


def test_report_line_is_one_json_line():
    line = report_line("c", {"answer": {"b": [1, 2]}})
    assert line.startswith("CLOUDSEC-REPORT ") and "\n" not in line
