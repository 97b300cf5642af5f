"""Self-check helpers and hidden-test primitives."""

import pytest

from cloudsec.checks import (
    SelfCheckError,
    check_function,
    check_list,
    check_mapping,
    passed,
)
from cloudsec.grading import (
    AnswerFormatError,
    canonical,
    report_line,
    same,
    verify,
    verify_calls,
)


@pytest.mark.parametrize("value, message", [
    (None, "still empty"),
    ([], "should be a dict"),
    ({"a": "customer"}, "missing 1 key"),
    ({"a": "customer", "b": "provider", "c": "x"}, "not asked for: c"),
    ({"a": "Customer", "b": "provider"}, "use one of"),
])
def test_check_mapping_messages_are_layered(value, message):
    with pytest.raises(SelfCheckError, match=message):
        check_mapping(value, "answer", keys=["a", "b"],
                      allowed=["customer", "provider"])


def test_check_mapping_accepts_a_well_formed_answer():
    check_mapping({"a": "customer", "b": "provider"}, "answer", keys=["a", "b"],
                  allowed=["customer", "provider"])


@pytest.mark.parametrize("value, message", [
    ("P1", "should be a list"),
    ([1], "should be a str"),
    (["P99"], "not one of the identifiers"),
    (["P2", "P1"], "sorted"),
    (["P1", "P1"], "sorted"),
])
def test_check_list_messages(value, message):
    with pytest.raises(SelfCheckError, match=message):
        check_list(value, "answer", allowed=["P1", "P2"])


def test_check_function_reports_stub_and_wrong_return_type():
    def stub(x):
        raise NotImplementedError

    with pytest.raises(SelfCheckError, match="NotImplementedError"):
        check_function(stub, "f", example=((1,), {}))
    with pytest.raises(SelfCheckError, match="should return a list"):
        check_function(lambda x: "a", "f", example=((1,), {}), returns=list)
    with pytest.raises(SelfCheckError, match="should be a function"):
        check_function(3, "f")


def test_passed_says_hidden_tests_exist(capsys):
    passed()
    assert "Hidden tests" in capsys.readouterr().out


class Equal:
    def __eq__(self, other):
        return True


class SneakyDict(dict):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [Equal(), SneakyDict(a=1), {1: "a"},
                                   float("nan"), {"a": {1, 2}}, b"x"])
def test_canonical_refuses_anything_but_plain_data(value):
    with pytest.raises(AnswerFormatError):
        canonical(value)


def test_canonical_turns_tuples_into_lists():
    assert canonical({"a": (1, "x", None, True)}) == {"a": [1, "x", None, True]}


def test_same_is_strict_about_types_and_tolerant_about_floats():
    assert same(0.1 + 0.2, 0.3)
    assert not same(True, 1)
    assert not same("1", 1)
    assert not same([1, 2], [2, 1])
    assert not same({"a": 1}, {"a": 1, "b": 2})


def test_verify_passes_right_answers_and_hides_the_key_when_wrong():
    verify("x", {"a": "customer"}, expected={"a": "customer"})
    with pytest.raises(AssertionError) as info:
        verify("x", {"a": "provider"}, expected={"a": "customer"})
    assert "customer" not in str(info.value)
    with pytest.raises(AssertionError):
        verify("x", SneakyDict(a="provider"), expected={"a": "customer"})


def test_verify_calls_checks_every_case():
    verify_calls("double", lambda n: n * 2, inputs=[{"n": 1}, {"n": 2}],
                 expected=[2, 4])
    with pytest.raises(AssertionError, match="at least one hidden case"):
        verify_calls("double", lambda n: n + 1, inputs=[{"n": 1}, {"n": 2}],
                     expected=[2, 4])
    with pytest.raises(AssertionError, match="not a function"):
        verify_calls("double", 3, inputs=[], expected=[])


def test_report_line_is_one_json_line():
    line = report_line("c", {"b": [1, 2]})
    assert line.startswith("CLOUDSEC-REPORT ") and "\n" not in line


def test_check_choice_accepts_only_the_hashed_answer():
    from cloudsec.checks import check_choice, choice_digest

    digest = choice_digest("Q1", "B")
    assert "B" not in digest or len(digest) == 16
    check_choice("B", "answers['Q1']", "ABCD", "Q1", digest)
    with pytest.raises(SelfCheckError, match="not the best answer"):
        check_choice("A", "answers['Q1']", "ABCD", "Q1", digest)
    with pytest.raises(SelfCheckError, match="one letter"):
        check_choice("b", "answers['Q1']", "ABCD", "Q1", digest)
    with pytest.raises(SelfCheckError, match="still empty"):
        check_choice(None, "answers['Q1']", "ABCD", "Q1", digest)
    assert choice_digest("Q2", "B") != digest  # salted per question
