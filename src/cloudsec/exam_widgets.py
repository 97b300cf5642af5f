"""The exam-practice quiz widget for lesson 07, on the shared widget base.

:class:`cloudsec.exam.QuizSession` keeps the questions and the scores,
:class:`cloudsec.exam_plots.ScoreFigure` draws the per-topic chart, and the
widget wires the controls to them (see
:class:`cloudsec.kit.widget.CourseWidget`). The chart changes only when an
answer is submitted; the readout says the chosen answer, the feedback and
the scores.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as w

from cloudsec import exam
from cloudsec.exam_plots import ScoreFigure
from cloudsec.kit.widget import CourseWidget, choice, classed, plain_text

__all__ = [
    "Quiz",
    "describe_attempt",
    "describe_question",
    "describe_scores",
    "quiz",
]

_ALL = "all"


def describe_question(question: exam.Question, number: int, total: int) -> str:
    """HTML for one question: where it is in the round, the stem, the options."""
    options = "".join(
        f"<li><b>{letter}.</b> {html.escape(question.options[letter])}</li>"
        for letter in exam.LETTERS)
    return (
        f"<p><i>Question {number} of {total} · "
        f"{html.escape(exam.topic_label(question.topic))} · {question.id}</i></p>"
        f"<p>{html.escape(question.stem)}</p>"
        f"<ul style='list-style: none; padding-left: 0'>{options}</ul>"
    )


def describe_attempt(attempt: exam.Attempt) -> str:
    """HTML feedback: right or wrong, why the answer is right, why the others
    are wrong, and the source."""
    question = attempt.question
    if attempt.correct:
        verdict = f"<b>Correct.</b> {question.answer} is the best answer."
    else:
        verdict = (f"<b>Not quite.</b> You chose {attempt.chosen}; the best "
                   f"answer is <b>{question.answer}</b>.")
    wrong = "".join(
        f"<li><b>{letter}</b>{' (your answer)' if letter == attempt.chosen else ''}"
        f": {html.escape(question.distractors[letter])}</li>"
        for letter in question.wrong)
    return (
        f"<p>{verdict}</p>"
        f"<p><b>Why {question.answer} is right:</b> "
        f"{html.escape(question.explanation)}</p>"
        f"<p><b>Why the others are wrong:</b></p><ul>{wrong}</ul>"
        f"<p><i>Source: {html.escape(question.source)}</i></p>"
    )


def describe_scores(tally: dict[str, tuple[int, int]]) -> str:
    """The chart in words: the overall score and each answered topic's score."""
    right = sum(r for r, _ in tally.values())
    total = sum(t for _, t in tally.values())
    if not total:
        return "<p>Score: no answers yet.</p>"
    parts = [f"{html.escape(exam.topic_label(topic))} {r}/{t}"
             for topic, (r, t) in tally.items() if t]
    return (f"<p>Score: <b>{right}/{total}</b> correct. By topic: "
            f"{'; '.join(parts)}.</p>")


class Quiz(CourseWidget):
    """A practice quiz: pick a topic, answer, read why, watch the chart.

    Parameters
    ----------
    topic : str, optional
        Start on this topic; ``None`` for all topics.
    seed : int, optional
        Makes the order of the questions reproducible.
    questions : iterable of Question, optional
        Practise these instead of the packaged bank.

    Attributes
    ----------
    topic : ipywidgets.ToggleButtons (CSS class ``cloudsec-topic``)
    question : ipywidgets.HTML with the stem and options (``cloudsec-question``)
    options : ipywidgets.ToggleButtons A-D (``cloudsec-options``)
    submit, next : ipywidgets.Button (``cloudsec-submit``, ``cloudsec-next``)
    session : cloudsec.exam.QuizSession
    figure : cloudsec.exam_plots.ScoreFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
        (the readout holds the feedback and scores)
    """

    css = "cloudsec-quiz"

    def __init__(self, topic: str | None = None, seed: int | None = None,
                 questions: Iterable[exam.Question] | None = None):
        self.session = exam.QuizSession(questions, topic=topic, seed=seed)
        available = {q.topic for q in self.session.questions}
        choices = [("All topics", _ALL)] + [
            (exam.topic_label(t), t) for t in exam.topics() if t in available]
        self.topic = choice("Topic", choices, self.session.topic or _ALL,
                            "cloudsec-topic")
        self.question = classed(w.HTML(layout=w.Layout(max_width="760px")),
                                "cloudsec-question")
        self.options = choice("Your answer", [(x, x) for x in exam.LETTERS],
                              None, "cloudsec-options")
        self.submit = classed(
            w.Button(description="Submit", button_style="primary",
                     tooltip="Check your answer"),
            "cloudsec-submit")
        self.next = classed(
            w.Button(description="Next question",
                     tooltip="Move on to another question"),
            "cloudsec-next")
        self.figure = ScoreFigure()
        self.last: exam.Attempt | None = None

        self.topic.observe(self._on_topic, names="value")
        self.options.observe(self._on_option, names="value")
        self.submit.on_click(lambda _button: self._submitted())
        self.next.on_click(lambda _button: self.advance())
        self.build([self.topic, self.question, self.options,
                    w.HBox([self.submit, self.next])], observe=())
        self.show_question()

    # -- what the buttons do ---------------------------------------------

    def answer(self, letter: str | None = None) -> exam.Attempt | None:
        """Submit ``letter`` (or the selected option) for the current question.

        Records the answer, shows the feedback and redraws the chart. With
        no option selected, or a question already answered, it only says so
        in the readout and returns ``None``.

        Raises
        ------
        TypeError, ValueError
            If ``letter`` is given and is not one of A-D.
        """
        if self.session.answered:
            # keep the feedback on screen: it is what the learner reads next
            feedback = describe_attempt(self.last) if self.last else ""
            self._say("<p>You have already answered this question. "
                      "Press <b>Next question</b> to go on.</p>" + feedback)
            return None
        if letter is not None:
            self.options.value = exam.normalize_letter(letter)
        if self.options.value is None:
            self._say("<p>Choose A, B, C or D first, then press "
                      "<b>Submit</b>.</p>")
            return None
        self.last = self.session.answer(self.options.value)
        self.options.disabled = True
        self.submit.disabled = True
        self.redraw()
        return self.last

    def _submitted(self) -> None:
        # Submit is disabled once answered, so focus would drop to the page:
        # move it to the next step for keyboard and screen-reader users.
        if self.answer() is not None:
            self.next.focus()

    def _on_option(self, change: dict) -> None:
        if change["new"] is not None and not self.session.answered:
            self._say(f"<p>Your answer: <b>{change['new']}</b>. Press "
                      "<b>Submit</b> to check it, or choose another.</p>")

    def advance(self) -> exam.Question:
        """Move to the next question and show it."""
        self.session.next()
        self.show_question()
        return self.session.current

    def _on_topic(self, change: dict) -> None:
        value = change["new"]
        self.session.set_topic(None if value == _ALL else value)
        self.show_question()

    # -- drawing -----------------------------------------------------------

    def show_question(self) -> None:
        """Show the session's current question with a fresh answer control."""
        number, total = self.session.position
        self.question.value = describe_question(self.session.current, number,
                                                total)
        self.last = None
        self.options.value = None
        self.options.disabled = False
        self.submit.disabled = False
        self._say("<p>Pick the BEST option, then press <b>Submit</b>.</p>")

    def _say(self, message: str) -> None:
        # a message before the scores; the chart stays as it is
        tally = self.session.tally()
        self.show(None, self.alt(tally, ""), message + describe_scores(tally))

    def state(self) -> dict[str, tuple[int, int]]:
        return self.session.tally()

    def describe(self, state) -> str:
        feedback = describe_attempt(self.last) if self.last else ""
        return feedback + describe_scores(state)

    def alt(self, state, readout: str) -> str:
        return plain_text(describe_scores(state))

    def redraw(self) -> None:
        """Update the chart in place and the feedback for the last answer."""
        if not hasattr(self, "_png"):
            self._png = self.draw(self.state())
            self.show(None, self.alt(self.state(), ""), describe_scores(
                self.state()))
            return
        super().redraw()


def quiz(topic: str | None = None, seed: int | None = None) -> w.VBox:
    """Build the exam-practice quiz and return the widget to show.

    Parameters
    ----------
    topic : str, optional
        Start on this topic (e.g. ``"serverless"``); all topics by default.
    seed : int, optional
        The same seed gives the same questions in the same order.
    """
    return Quiz(topic, seed).widget
