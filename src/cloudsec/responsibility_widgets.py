"""The responsibility-stack explorer of lesson 03, on the shared widget base.

:mod:`cloudsec.responsibility` computes, :mod:`cloudsec.responsibility_plots`
draws, and :class:`ResponsibilityExplorer` wires a service-model chooser and
a provider view to them (see :class:`cloudsec.kit.widget.CourseWidget`).
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import responsibility as rm
from cloudsec.kit.widget import CourseWidget, choice, row
from cloudsec.responsibility_plots import StackFigure

__all__ = ["ResponsibilityExplorer", "describe", "responsibility_explorer"]


class ResponsibilityExplorer(CourseWidget):
    """Service-model chooser that redraws the responsibility stack.

    Attributes
    ----------
    slider : ipywidgets.ToggleButtons, the service model, in order from
        on-premises to SaaS (``cloudsec-model-slider``)
    provider : ipywidgets.ToggleButtons, whose view (``cloudsec-provider``)
    figure : StackFigure, updated in place
    image, readout, widget : see :class:`cloudsec.kit.widget.CourseWidget`
    """

    css = "cloudsec-responsibility"
    #: a layer whose owner the readout always names, so a reader (and the
    #: browser test) can check the figure in words
    key_layer = "guest-os"

    def __init__(self, model: str = "on-prem", provider: str | None = None):
        self.slider = choice(
            "Service model", [(rm.model_label(m), m) for m in rm.models()],
            rm.normalize_model(model), "cloudsec-model-slider")
        self.provider = choice(
            "View", [("Course view", "course")]
            + [(rm.provider_label(p), p) for p in rm.providers()],
            rm.normalize_provider(provider) or "course", "cloudsec-provider")
        self.figure = StackFigure(self.slider.value, self._provider())
        self.previous = None
        self.build([row(self.slider, self.provider)],
                   observe=[self.slider, self.provider])

    def _provider(self) -> str | None:
        return None if self.provider.value == "course" else self.provider.value

    def _on_change(self, change: dict) -> None:
        # "what changed" compares models within one view; a new view starts
        # a new comparison
        self.previous = change["old"] if change["owner"] is self.slider else None
        self.redraw()

    def state(self) -> tuple[str, str | None, str | None]:
        return self.slider.value, self._provider(), self.previous

    def draw(self, state) -> bytes:
        model, provider, _ = state
        self.figure.update(model, provider)
        return self.figure.png()

    def describe(self, state) -> str:
        model, provider, previous = state
        return describe(model, provider, previous, self.key_layer)


def describe(model: str, provider: str | None, previous: str | None,
             key_layer: str = "guest-os") -> str:
    """HTML text that says what the stack shows, for every reader."""
    name = rm.model_label(model)
    rows = rm.stack(model, provider)
    mine = [rm.layer_label(lay) for lay, who in rows if who == "customer"]
    shared = [rm.layer_label(lay) for lay, who in rows if who == "shared"]
    parts = [
        f"<b>{html.escape(name)}</b> ({html.escape(rm.provider_label(provider))}):"
        f" {html.escape(rm.layer_label(key_layer))} is owned by the "
        f"<b>{rm.owner(model, key_layer, provider)}</b>.",
        f"Customer owns {len(mine)} of {len(rows)} layers"
        + (f": {html.escape(', '.join(mine))}." if mine else "."),
    ]
    if shared:
        parts.append(f"Shared: {html.escape(', '.join(shared))}.")
    if previous and previous != model:
        delta = rm.change(previous, model, provider)
        was = rm.model_label(previous)
        gave = ", ".join(rm.layer_label(x) for x in delta["gave_up"]) or "nothing"
        got = ", ".join(rm.layer_label(x) for x in delta["gained"]) or "nothing"
        parts.append(f"From {html.escape(was)} to {html.escape(name)} the "
                     f"customer gave up: {html.escape(gave)}; took on: "
                     f"{html.escape(got)}.")
    parts.append(html.escape(rm.view_note(provider)))
    return "<br>".join(parts)


def responsibility_explorer(model: str = "on-prem",
                            provider: str | None = None) -> w.VBox:
    """Build the responsibility-stack explorer and return the widget to show."""
    return ResponsibilityExplorer(model, provider).widget
