"""Interactive widget for lesson 04 (deployment models), on the shared base.

:func:`cloudsec.deployment.advise` computes,
:class:`cloudsec.deployment_plots.FitFigure` draws, and the widget wires five
requirement choosers (low, medium, high) to them (see
:class:`cloudsec.kit.widget.CourseWidget`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as w

from cloudsec import deployment as dep
from cloudsec.deployment_plots import FitFigure
from cloudsec.kit.lookup import unknown
from cloudsec.kit.widget import CourseWidget, choice

__all__ = [
    "CONTROL_CLASSES",
    "DeploymentAdvisor",
    "deployment_advisor",
    "describe_advice",
]

#: CSS class of each requirement's slider
CONTROL_CLASSES = {
    "sensitivity": "cloudsec-sensitivity",
    "regulation": "cloudsec-regulation",
    "demand_variability": "cloudsec-demand",
    "budget": "cloudsec-budget",
    "skills": "cloudsec-skills",
}


def describe_advice(fits: Sequence[dep.Fit], top_reasons: int = 3) -> str:
    """HTML text naming the best fit, its strongest reasons, the other
    scores and the biggest penalty.

    Examples
    --------
    >>> from cloudsec import deployment as dep
    >>> from cloudsec.deployment_widgets import describe_advice
    >>> text = describe_advice(dep.advise())
    >>> text.split("<br>")[0]
    'Best fit: <b>Public cloud</b> (score 12; neutral is 10).'
    """
    fits = tuple(fits)
    top = fits[0].score
    best = [fit for fit in fits if fit.score == top]
    rest = [fit for fit in fits if fit.score != top]
    if len(best) == 1:
        head = (f"Best fit: <b>{html.escape(best[0].label)}</b> "
                f"(score {top}; neutral is {dep.BASE_SCORE}).")
    else:
        bold = [f"<b>{html.escape(f.label)}</b>" for f in best]
        names = ", ".join(bold[:-1]) + " and " + bold[-1]
        head = (f"Tied best fit: {names} (score {top}; neutral is "
                f"{dep.BASE_SCORE}).")
    parts = [head]
    for fit in best:
        reasons = [r for r in fit.reasons if r.points > 0][:top_reasons]
        said = "; ".join(html.escape(str(r)) for r in reasons) or (
            "no requirement pulls it up; it wins because the others are "
            "pulled down")
        parts.append(f"Top reasons for {html.escape(fit.label)}: {said}.")
        parts.append(f"Keep in mind: {html.escape(fit.note)}")
    if rest:
        parts.append("Others: " + ", ".join(
            f"{html.escape(fit.label)} {fit.score}" for fit in rest) + ".")
    penalties = [(r.points, fit.label, r) for fit in fits for r in fit.reasons
                 if r.points < 0]
    if penalties:
        points, label, reason = min(penalties, key=lambda p: p[0])
        parts.append(f"Biggest penalty: {html.escape(label)}, "
                     f"{html.escape(str(reason))}.")
    return "<br>".join(parts)


class DeploymentAdvisor(CourseWidget):
    """Five requirement choosers that redraw the deployment-model fit chart.

    Attributes
    ----------
    controls : dict of ipywidgets.ToggleButtons
        One per requirement (low, medium, high), keyed like the arguments of
        :func:`cloudsec.deployment.advise`, each with its CSS class from
        :data:`CONTROL_CLASSES`.
    figure : FitFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-deployment-advisor"

    def __init__(self, **requirements: str):
        extra = sorted(set(requirements) - set(dep.FACTORS))
        if extra:
            raise unknown("requirement", ", ".join(extra), dep.FACTORS)
        self.controls = {}
        for key, factor in dep.FACTORS.items():
            level = dep.normalize_level(key, requirements.get(key, "medium"))
            label = factor.label[0].upper() + factor.label[1:]
            self.controls[key] = choice(
                label, [(lev, lev) for lev in dep.LEVELS], level,
                CONTROL_CLASSES[key],
                tooltips=[factor.question] * len(dep.LEVELS))
        self.figure = FitFigure(dep.advise(**self.levels()), self.levels())
        self.build(list(self.controls.values()))

    def levels(self) -> dict[str, str]:
        """The current level of every requirement."""
        return {key: control.value for key, control in self.controls.items()}

    def state(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.levels().items())

    def draw(self, state) -> bytes:
        levels = dict(state)
        self._fits = dep.advise(**levels)
        self.figure.update(self._fits, levels)
        return self.figure.png()

    def describe(self, state) -> str:
        levels = dict(state)
        said = ", ".join(f"{dep.FACTORS[k].label} {v}" for k, v in levels.items())
        return (describe_advice(self._fits)
                + f"<br>Your requirements: {html.escape(said)}.")


def deployment_advisor(**requirements: str) -> w.VBox:
    """Build the deployment-model advisor and return the widget to show.

    Keyword arguments set the sliders' starting levels, e.g.
    ``deployment_advisor(regulation="high")``; the others start at medium.
    """
    return DeploymentAdvisor(**requirements).widget
