"""Interactive widgets for the lessons.

Widgets are thin: the package's pure functions compute, its plot classes draw,
and a widget only wires controls to them and redraws. Each widget keeps one
figure and updates it in place, and shows it as a PNG in an ``Image`` widget,
which needs no front-end extension beyond ipywidgets itself.

Every widget and control carries a stable CSS class (``cloudsec-...``) so the
browser tests can find it; every figure comes with a text readout, so the
meaning never depends on seeing colours.
"""

from __future__ import annotations

import html

import ipywidgets as w

from cloudsec import responsibility as rm
from cloudsec.plots import StackFigure

__all__ = ["ResponsibilityExplorer", "responsibility_explorer"]


def _classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    for css in classes:
        widget.add_class(css)
    return widget


class ResponsibilityExplorer:
    """Service-model slider that redraws the responsibility stack.

    Attributes
    ----------
    slider, provider : ipywidgets controls
    image : ipywidgets.Image showing the stack
    readout : ipywidgets.HTML describing the model and what changed
    widget : the container to display
    """

    #: a layer whose owner the readout always names, so a reader (and the
    #: browser test) can check the figure in words
    key_layer = "guest-os"

    def __init__(self, model: str = "on-prem", provider: str | None = None):
        options = [(rm.model_label(m), m) for m in rm.models()]
        self.slider = _classed(
            w.SelectionSlider(options=options, value=rm.normalize_model(model),
                              description="Service model",
                              continuous_update=True,
                              style={"description_width": "initial"},
                              layout=w.Layout(width="480px")),
            "cloudsec-model-slider")
        self.provider = _classed(
            w.Dropdown(options=[("Course view", "course")]
                       + [(rm.provider_label(p), p) for p in rm.providers()],
                       value=rm.normalize_provider(provider) or "course",
                       description="View"),
            "cloudsec-provider")
        self.stack = StackFigure(self.slider.value, self._provider())
        self.image = _classed(w.Image(format="png"), "cloudsec-figure")
        self.readout = _classed(w.HTML(), "cloudsec-readout")
        self.previous = None
        self.slider.observe(self._on_change, names="value")
        self.provider.observe(self._on_change, names="value")
        self.widget = _classed(
            w.VBox([w.HBox([self.slider, self.provider]), self.image,
                    self.readout]),
            "cloudsec-widget", "cloudsec-responsibility")
        self.redraw()

    def _provider(self) -> str | None:
        return None if self.provider.value == "course" else self.provider.value

    def _on_change(self, change: dict) -> None:
        # "what changed" compares models within one view; a new view starts
        # a new comparison
        self.previous = change["old"] if change["owner"] is self.slider else None
        self.redraw()

    def redraw(self) -> None:
        """Update the figure in place and the text readout."""
        model, provider = self.slider.value, self._provider()
        self.stack.update(model, provider)
        self.image.value = self.stack.png()
        self.readout.value = describe(model, provider, self.previous,
                                      self.key_layer)


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
