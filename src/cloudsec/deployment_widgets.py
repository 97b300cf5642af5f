"""Interactive widget for lesson 04 (deployment models).

Thin, like :mod:`cloudsec.widgets`: :func:`cloudsec.deployment.advise`
computes, :class:`cloudsec.deployment_plots.FitChart` draws, and the widget
wires five requirement sliders to them, updates one figure in place and
shows it as a PNG in an ``Image`` widget. Every control carries a stable CSS
class (``cloudsec-...``) for the browser tests, and a text readout says in
words what the figure shows.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as w

from cloudsec import deployment as dep
from cloudsec.deployment_plots import FitChart

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


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


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


class DeploymentAdvisor:
    """Five requirement sliders that redraw the deployment-model fit chart.

    Attributes
    ----------
    controls : dict of ipywidgets.SelectionSlider
        One per requirement, keyed like the arguments of
        :func:`cloudsec.deployment.advise`, each with its CSS class from
        :data:`CONTROL_CLASSES`.
    image : ipywidgets.Image showing the chart (``cloudsec-figure``)
    readout : ipywidgets.HTML naming the best fit (``cloudsec-readout``)
    chart : FitChart, updated in place
    widget : the container to display
    """

    def __init__(self, **requirements: str):
        unknown = set(requirements) - set(dep.FACTORS)
        if unknown:
            raise ValueError(f"unknown requirement(s) {sorted(unknown)}; "
                             f"expected: {', '.join(dep.FACTORS)}")
        self.controls = {}
        for key, factor in dep.FACTORS.items():
            level = dep.normalize_level(key, requirements.get(key, "medium"))
            label = factor.label[0].upper() + factor.label[1:]
            self.controls[key] = _classed(
                w.SelectionSlider(
                    options=list(dep.LEVELS), value=level, description=label,
                    continuous_update=True,
                    tooltip=factor.question,
                    style={"description_width": "150px"},
                    layout=w.Layout(width="360px")),
                CONTROL_CLASSES[key])
        self.chart = FitChart(dep.advise(**self.levels()), self.levels())
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([w.VBox(list(self.controls.values())), self.image,
                    self.readout]),
            "cloudsec-widget", "cloudsec-deployment-advisor")
        self.redraw()

    def levels(self) -> dict[str, str]:
        """The current level of every requirement."""
        return {key: control.value for key, control in self.controls.items()}

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Update the chart in place and the text readout."""
        levels = self.levels()
        fits = dep.advise(**levels)
        self.chart.update(fits, levels)
        self.image.value = self.chart.png()
        self.readout.value = describe_advice(fits)


def deployment_advisor(**requirements: str) -> w.VBox:
    """Build the deployment-model advisor and return the widget to show.

    Keyword arguments set the sliders' starting levels, e.g.
    ``deployment_advisor(regulation="high")``; the others start at medium.
    """
    return DeploymentAdvisor(**requirements).widget
