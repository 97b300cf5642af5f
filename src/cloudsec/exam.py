"""Exam practice: a bank of CISSP-style questions and a quiz session.

The bank lives in the packaged ``data/exam_bank.yaml``: multiple-choice
questions in the style of the CISSP exam (a scenario, a BEST / FIRST / MOST
qualifier, four plausible options), spanning the seven modules of the course.
Every question says why its answer is right, why each of the three other
options is wrong, and which source its facts come from.

:func:`load_bank` reads and validates the bank (a malformed question raises
:class:`BankError` naming its id), :func:`draw` picks questions at random,
reproducibly with a seed, and :class:`QuizSession` keeps the answers of one
learner in memory and scores them per topic. Nothing is written to disk.

The bank is practice material. It holds no answers to the graded
assignments, whose questions are different.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from cloudsec import course
from cloudsec.kit.lookup import unknown

__all__ = [
    "LETTERS",
    "Attempt",
    "BankError",
    "Question",
    "QuizSession",
    "draw",
    "get",
    "load_bank",
    "normalize_letter",
    "normalize_topic",
    "parse_bank",
    "topic_label",
    "topics",
]

LETTERS = ("A", "B", "C", "D")
"""Option letters, in order. Every question has exactly these four."""

def _topics() -> dict[str, tuple[str, str]]:
    """Topic id -> (module number, label), in course order, from the course
    catalogue (:func:`cloudsec.course.topics`)."""
    return {ident: (number, label) for ident, number, label in course.topics()}

_ID = re.compile(r"^Q-(\d{2})-(\d{2})$")
_FIELDS = ("id", "topic", "stem", "options", "answer", "explanation",
           "distractors", "source")


class BankError(ValueError):
    """The question bank is malformed; the message names the question."""


@dataclass(frozen=True)
class Question:
    """One exam-practice question.

    Attributes
    ----------
    id : str
        ``"Q-<module>-<number>"``, e.g. ``"Q-03-07"``.
    topic : str
        One of :func:`topics`.
    stem : str
        The scenario and the question.
    options : Mapping[str, str]
        Option text by letter, ``"A"`` to ``"D"``.
    answer : str
        The letter of the correct option.
    explanation : str
        Why the answer is right.
    distractors : Mapping[str, str]
        Why each wrong option is wrong, by letter (the three other letters).
    source : str
        Where the facts come from.
    """

    id: str
    topic: str
    stem: str
    options: Mapping[str, str]
    answer: str
    explanation: str
    distractors: Mapping[str, str]
    source: str

    @property
    def wrong(self) -> tuple[str, ...]:
        """Letters of the three wrong options, in order."""
        return tuple(letter for letter in LETTERS if letter != self.answer)

    def is_correct(self, letter: str) -> bool:
        """Whether ``letter`` (case-insensitive) is the answer."""
        return normalize_letter(letter) == self.answer


@dataclass(frozen=True)
class Attempt:
    """One answer given in a :class:`QuizSession`."""

    question: Question
    chosen: str

    @property
    def correct(self) -> bool:
        """Whether the chosen option is the answer."""
        return self.chosen == self.question.answer

    @property
    def topic(self) -> str:
        """The topic of the question answered."""
        return self.question.topic


def topics() -> tuple[str, ...]:
    """Topic ids in course order, from the course catalogue."""
    return tuple(_topics())


def topic_label(topic: str) -> str:
    """Human-readable name of a topic, with its module number.

    Examples
    --------
    >>> from cloudsec.exam import topic_label
    >>> topic_label("serverless")
    '05 Serverless'
    """
    number, label = _topics()[normalize_topic(topic)]
    return f"{number} {label}"


def normalize_topic(topic: str) -> str:
    """Return the topic id for an id or a label (case-insensitive).

    Raises
    ------
    TypeError
        If ``topic`` is not a string.
    ValueError
        If it names no topic; the message lists the topics.
    """
    if not isinstance(topic, str):
        raise TypeError(f"topic must be a string, got {type(topic).__name__}")
    key = topic.strip().lower().replace("_", "-").replace(" ", "-")
    for ident, (number, label) in _topics().items():
        names = {ident, label.lower().replace(" ", "-"),
                 f"{number}-{label}".lower().replace(" ", "-")}
        if key in names:
            return ident
    raise unknown("topic", topic, _topics())


def normalize_letter(value: Any) -> str:
    """Return an option letter in upper case (``" b "`` -> ``"B"``).

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of :data:`LETTERS`.
    """
    if not isinstance(value, str):
        raise TypeError(f"an answer must be a letter A-D, got "
                        f"{type(value).__name__}")
    letter = value.strip().upper()
    if letter not in LETTERS:
        raise ValueError(f"an answer must be one of {', '.join(LETTERS)}, "
                         f"got {value!r}")
    return letter


# -- loading and validation -----------------------------------------------

def _text(record: Mapping, key: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BankError(f"{where}: {key!r} must be a non-empty string")
    return " ".join(value.split())


def _letters_map(record: Mapping, key: str, expected: tuple[str, ...],
                 where: str) -> Mapping[str, str]:
    value = record.get(key)
    if not isinstance(value, Mapping):
        raise BankError(f"{where}: {key!r} must be a mapping of letter to text")
    found = tuple(sorted(str(k) for k in value))
    if found != expected:
        raise BankError(f"{where}: {key!r} must have exactly the letters "
                        f"{', '.join(expected)}, got {', '.join(found) or 'none'}")
    return MappingProxyType({letter: _text(value, letter, f"{where} {key}")
                             for letter in expected})


def _parse_question(record: Any, index: int) -> Question:
    if not isinstance(record, Mapping):
        raise BankError(f"question #{index + 1}: must be a mapping, got "
                        f"{type(record).__name__}")
    qid = record.get("id")
    where = (qid if isinstance(qid, str) and qid.strip()
             else f"question #{index + 1} (no id)")
    unknown = sorted(set(map(str, record)) - set(_FIELDS))
    if unknown:
        raise BankError(f"{where}: unknown field(s) {', '.join(unknown)}")
    missing = [key for key in _FIELDS if key not in record]
    if missing:
        raise BankError(f"{where}: missing field(s) {', '.join(missing)}")
    match = _ID.match(qid) if isinstance(qid, str) else None
    if match is None:
        raise BankError(f"{where}: id must look like 'Q-03-07'")
    topic = record["topic"]
    if topic not in _topics():
        raise BankError(f"{where}: unknown topic {topic!r}; expected one of: "
                        f"{', '.join(_topics())}")
    if match.group(1) != _topics()[topic][0]:
        raise BankError(f"{where}: id says module {match.group(1)} but topic "
                        f"{topic!r} is module {_topics()[topic][0]}")
    options = _letters_map(record, "options", LETTERS, where)
    if len(set(options.values())) != len(LETTERS):
        raise BankError(f"{where}: two options have the same text")
    answer = record["answer"]
    if answer not in LETTERS:
        raise BankError(f"{where}: answer {answer!r} is not one of the option "
                        f"letters {', '.join(LETTERS)}")
    wrong = tuple(letter for letter in LETTERS if letter != answer)
    distractors = _letters_map(record, "distractors", wrong, where)
    return Question(
        id=qid,
        topic=topic,
        stem=_text(record, "stem", where),
        options=options,
        answer=answer,
        explanation=_text(record, "explanation", where),
        distractors=distractors,
        source=_text(record, "source", where),
    )


def parse_bank(data: Any) -> tuple[Question, ...]:
    """Validate loaded YAML data and return its questions.

    Parameters
    ----------
    data : dict or list
        ``{"questions": [...]}`` or the list itself, each item a mapping
        with the fields ``id, topic, stem, options, answer, explanation,
        distractors, source``.

    Raises
    ------
    BankError
        On the first malformed question, naming its id (or its position
        when it has none), and on duplicate ids.
    """
    if isinstance(data, Mapping):
        if set(data) != {"questions"}:
            raise BankError("the bank must have one top-level key, 'questions'")
        data = data["questions"]
    if not isinstance(data, list) or not data:
        raise BankError("the bank must be a non-empty list of questions")
    questions = []
    seen: set[str] = set()
    for index, record in enumerate(data):
        question = _parse_question(record, index)
        if question.id in seen:
            raise BankError(f"{question.id}: duplicate id")
        seen.add(question.id)
        questions.append(question)
    return tuple(questions)


@lru_cache(maxsize=1)
def _packaged_bank() -> tuple[Question, ...]:
    text = (resources.files("cloudsec") / "data" / "exam_bank.yaml").read_text(
        encoding="utf-8")
    return parse_bank(yaml.safe_load(text))


def load_bank(path: str | Path | None = None) -> tuple[Question, ...]:
    """The questions of the bank, validated.

    Parameters
    ----------
    path : str or Path, optional
        A bank file to read instead of the packaged one (for instructors
        who write their own questions). The packaged bank is read once and
        cached.

    Raises
    ------
    BankError
        If the bank is malformed (the message names the question).
    """
    if path is None:
        return _packaged_bank()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BankError(f"{path}: not valid YAML: {exc}") from exc
    return parse_bank(data)


def get(qid: str, questions: Iterable[Question] | None = None) -> Question:
    """The question with id ``qid``.

    Raises
    ------
    KeyError
        If no question has that id.
    """
    for question in _pool(questions, None):
        if question.id == qid:
            return question
    raise KeyError(f"no question with id {qid!r}")


def _pool(questions: Iterable[Question] | None,
          topic: str | None) -> tuple[Question, ...]:
    bank = load_bank() if questions is None else tuple(questions)
    if topic is None:
        return bank
    topic = normalize_topic(topic)
    return tuple(q for q in bank if q.topic == topic)


def draw(n: int, topic: str | None = None, seed: int | None = None,
         questions: Iterable[Question] | None = None) -> list[Question]:
    """Pick ``n`` different questions at random.

    Parameters
    ----------
    n : int
        How many questions, at least 1 and at most the number available.
    topic : str, optional
        Only questions of this topic (an id or label from :func:`topics`).
    seed : int, optional
        The same seed gives the same questions in the same order.
    questions : iterable of Question, optional
        Draw from these instead of the packaged bank.

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n`` is out of range or the topic is unknown.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an integer, got {type(n).__name__}")
    pool = _pool(questions, topic)
    if not 1 <= n <= len(pool):
        where = f" on {topic!r}" if topic else ""
        raise ValueError(f"n must be between 1 and {len(pool)} (the questions "
                         f"available{where}), got {n}")
    return random.Random(seed).sample(pool, n)


# -- a quiz session -------------------------------------------------------

class QuizSession:
    """One learner's practice run: the current question, answers and scores.

    Questions come in a shuffled order (reproducible with ``seed``), without
    repeats until every question of the chosen topic has been shown; then a
    new shuffled round starts. Answers are kept in memory only.

    Parameters
    ----------
    questions : iterable of Question, optional
        The questions to practise; the packaged bank by default.
    topic : str, optional
        Start filtered to this topic; ``None`` for all topics.
    seed : int, optional
        Makes the order of questions reproducible.

    Examples
    --------
    >>> from cloudsec.exam import QuizSession
    >>> session = QuizSession(topic="serverless", seed=1)
    >>> attempt = session.answer(session.current.answer)
    >>> attempt.correct, session.score()
    (True, (1, 1))
    """

    def __init__(self, questions: Iterable[Question] | None = None,
                 topic: str | None = None, seed: int | None = None):
        self.questions = _pool(questions, None)
        if not self.questions:
            raise ValueError("a quiz needs at least one question")
        self._rng = random.Random(seed)
        self.attempts: list[Attempt] = []
        self.topic: str | None = None
        self._deck: list[Question] = []
        self._position = 0
        self._answered = False
        self.set_topic(topic)

    # the deck ------------------------------------------------------------

    def pool(self) -> tuple[Question, ...]:
        """The questions of the current topic filter."""
        return _pool(self.questions, self.topic)

    def set_topic(self, topic: str | None) -> Question:
        """Filter to ``topic`` (``None`` or ``"all"`` for every topic).

        Starts a new shuffled round of that topic's questions; answers given
        so far are kept. Returns the new current question.
        """
        if topic is not None and str(topic).strip().lower() == "all":
            topic = None
        topic = None if topic is None else normalize_topic(topic)
        if topic is not None and not _pool(self.questions, topic):
            raise ValueError(f"no questions on topic {topic!r}")
        self.topic = topic
        self._shuffle()
        return self.current

    def _shuffle(self, avoid: Question | None = None) -> None:
        deck = list(self.pool())
        self._rng.shuffle(deck)
        # do not show the question just answered first in the next round
        if avoid is not None and len(deck) > 1 and deck[0] is avoid:
            deck.append(deck.pop(0))
        self._deck, self._position, self._answered = deck, 0, False

    @property
    def current(self) -> Question:
        """The question on screen."""
        return self._deck[self._position]

    @property
    def position(self) -> tuple[int, int]:
        """``(number, total)`` of the current question in this round, from 1."""
        return self._position + 1, len(self._deck)

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered."""
        return self._answered

    def next(self) -> Question:
        """Move to the next question (a new round after the last one)."""
        if self._position + 1 < len(self._deck):
            self._position += 1
            self._answered = False
        else:
            self._shuffle(avoid=self.current)
        return self.current

    # answers and scores --------------------------------------------------

    def answer(self, letter: str) -> Attempt:
        """Answer the current question with ``letter`` and record it.

        Raises
        ------
        TypeError, ValueError
            If ``letter`` is not one of A-D.
        RuntimeError
            If the current question was already answered (call :meth:`next`).
        """
        chosen = normalize_letter(letter)
        if self._answered:
            raise RuntimeError(f"{self.current.id} is already answered; "
                               "call next() for another question")
        attempt = Attempt(self.current, chosen)
        self.attempts.append(attempt)
        self._answered = True
        return attempt

    def score(self) -> tuple[int, int]:
        """``(correct, answered)`` over the whole session."""
        right = sum(attempt.correct for attempt in self.attempts)
        return right, len(self.attempts)

    def tally(self) -> dict[str, tuple[int, int]]:
        """``{topic: (correct, answered)}`` for every topic, in course order."""
        out = {topic: (0, 0) for topic in topics()}
        for attempt in self.attempts:
            right, total = out[attempt.topic]
            out[attempt.topic] = (right + attempt.correct, total + 1)
        return out
